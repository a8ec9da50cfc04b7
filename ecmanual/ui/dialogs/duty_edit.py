"""Add or change a duty of the operations calendar, with a live preview of its next dates."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QLabel, QWidget

from ...domain.errors import EcmanualError
from ...services import calendar
from ...services.calendar import DutyInfo
from ..context import UiContext
from .org_form import FormDialog, FormField

KIND_ORDER = ("meeting", "duty", "audit", "delivery", "update")


class DutyDialog(FormDialog):
    """Name, kind, RRULE and start, time and length, owner (person, role or department), deputy."""

    def __init__(self, ctx: UiContext, duty: DutyInfo | None, *, roles: list, departments: list, staff: list,
                 parent: QWidget | None = None, today: date | None = None):
        self.ctx, self.duty, self.today = ctx, duty, today or date.today()
        kinds = [(self.tr("Meeting"), "meeting"), (self.tr("Duty"), "duty"), (self.tr("Audit"), "audit"),
                 (self.tr("Delivery"), "delivery"), (self.tr("Update"), "update")]
        none = [("—", None)]
        people = none + [(p.name, p.id) for p in staff if p.status != "left"]
        d = duty
        fields = [
            FormField("name", self.tr("Name *"), value=d.name if d else None),
            FormField("kind", self.tr("Kind"), "choice", value=d.kind if d else "duty", choices=kinds),
            FormField("rrule", self.tr("Repeats (RRULE) *"), value=d.rrule if d else "FREQ=WEEKLY;BYDAY=MO",
                      placeholder="FREQ=MONTHLY;BYDAY=2FR"),
            FormField("start_date", self.tr("Starts on *"), "date", value=d.start_date if d else self.today),
            FormField("start_time", self.tr("Time"), value=d.start_time if d else None, placeholder="HH:MM"),
            FormField("duration_minutes", self.tr("Length (minutes)"), "int",
                      value=d.duration_minutes if d else None, maximum=24 * 60),
            FormField("owner_role_id", self.tr("Owner: job role"), "choice", value=d.owner_role_id if d else None,
                      choices=none + [(r.name, r.id) for r in roles]),
            FormField("owner_department_id", self.tr("Owner: department"), "choice",
                      value=d.owner_department_id if d else None, choices=none + [(x.name, x.id) for x in departments]),
            FormField("owner_staff_id", self.tr("Owner: person"), "choice", value=d.owner_staff_id if d else None,
                      choices=people),
            FormField("deputy_staff_id", self.tr("Deputy"), "choice", value=d.deputy_staff_id if d else None,
                      choices=people),
            FormField("active", self.tr("Active"), "bool", value=d.active if d else True),
            FormField("description", self.tr("Description"), "multiline", value=d.description if d else None),
        ]
        super().__init__(self.tr("Edit duty") if d else self.tr("New duty"), fields, self._save_duty, parent,
                         note=self.tr("The owner is a person, else the job role's holders, else the department. "
                                      "Without a deputy here, the owner role's deputies cover."))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.layout().insertWidget(self.layout().count() - 2, self.preview)
        self.editors["rrule"].textChanged.connect(self.update_preview)
        self.editors["start_date"].textChanged.connect(self.update_preview)
        self.update_preview()

    def update_preview(self) -> None:
        try:
            start = date.fromisoformat(self.editors["start_date"].text().strip())
            rule = self.editors["rrule"].text().strip()
            first = max(start, self.today)
            dates = calendar.occurrences(rule, start, first, first + timedelta(days=730))[:5]
            reading = calendar.describe(rule, start)
        except (ValueError, EcmanualError) as exc:
            self.preview.setText(self.tr("Not a valid rule yet: %1").replace("%1", str(exc)))
            return
        when = "、".join(f"{x:%Y-%m-%d}" for x in dates) or self.tr("none")
        self.preview.setText(self.tr("%1 — next: %2").replace("%1", reading).replace("%2", when))

    def _save_duty(self, values: dict):
        if self.duty is None:
            name, rule, start = values.pop("name"), values.pop("rrule"), values.pop("start_date")
            return calendar.create_duty(self.ctx.db, self.ctx.actor, name, rule, start, **values)
        changes = {k: v for k, v in values.items() if getattr(self.duty, k) != v}
        return calendar.update_duty(self.ctx.db, self.ctx.actor, self.duty.id, expected_version=self.duty.version,
                                    **changes)
