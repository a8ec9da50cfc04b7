"""業務カレンダー: what is due and overdue (mark done or skipped), and the duties themselves."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDateEdit, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QTabWidget,
    QVBoxLayout, QWidget,
)

from ...domain.permissions import Permission
from ...services import calendar, organisation, records
from ...services.exports import ExportParams
from .. import feedback
from ..context import UiContext
from ..dialogs.duty_edit import DutyDialog
from ..models.calendar_duties import DutiesModel, DutyColumn
from ..models.calendar_occurrences import OccurrenceColumn, OccurrencesModel
from ..models.rows import Role
from ..tables import make_table, remember_header, select_record, selected_info

logger = logging.getLogger(__name__)


class CalendarPage(QWidget):
    """Overdue occurrences first, then the coming days; a second tab lists and edits the duties."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: DutyDialog | None = None
        may_edit = ctx.actor.may(Permission.EDIT)
        self.today = QDateEdit()
        self.today.setCalendarPopup(True)
        self.today.setDisplayFormat("yyyy-MM-dd")
        self.today.setDate(QDate(records.today_jst()))
        self.today.dateChanged.connect(lambda _d: self.reload())
        self.days, self.lookback = QSpinBox(), QSpinBox()
        self.days.setRange(1, 366)
        self.days.setValue(14)
        self.lookback.setRange(1, 366)
        self.lookback.setValue(calendar.DEFAULT_LOOKBACK_DAYS)
        self.days.valueChanged.connect(lambda _v: self.reload())
        self.lookback.valueChanged.connect(lambda _v: self.reload())
        self.today_label, self.days_label, self.lookback_label = QLabel(), QLabel(), QLabel()
        self.ics_button, self.export_button = QPushButton(), QPushButton()
        self.ics_button.clicked.connect(self.export_ics)
        self.export_button.clicked.connect(self.export)
        for b in (self.ics_button, self.export_button):
            b.setEnabled(ctx.actor.may(Permission.EXPORT))
        top = QHBoxLayout()
        for w in (self.today_label, self.today, self.days_label, self.days, self.lookback_label, self.lookback):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.ics_button)
        top.addWidget(self.export_button)

        self.occurrences_model = OccurrencesModel(self)
        self.occurrences = make_table(self.occurrences_model, sortable=False, widths={
            OccurrenceColumn.DUE: 120, OccurrenceColumn.TIME: 50, OccurrenceColumn.DUTY: 200,
            OccurrenceColumn.CADENCE: 60, OccurrenceColumn.OWNER: 200, OccurrenceColumn.DEPUTY: 100,
            OccurrenceColumn.STATUS: 80, OccurrenceColumn.BY: 80, OccurrenceColumn.AT: 120})
        remember_header(self.occurrences, "CalendarPage/occurrences")
        self.occurrences.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.summary = QLabel()
        self.note = QLineEdit()
        self.done_button, self.skip_button, self.unmark_button = QPushButton(), QPushButton(), QPushButton()
        self.done_button.clicked.connect(lambda: self.mark("done"))
        self.skip_button.clicked.connect(lambda: self.mark("skipped"))
        self.unmark_button.clicked.connect(self.unmark)
        marks = QHBoxLayout()
        marks.addWidget(self.note, 1)
        for b in (self.done_button, self.skip_button, self.unmark_button):
            b.setEnabled(may_edit)
            marks.addWidget(b)
        due_page = QWidget()
        due_layout = QVBoxLayout(due_page)
        due_layout.addWidget(self.summary)
        due_layout.addWidget(self.occurrences, 1)
        due_layout.addLayout(marks)

        self.duties_model = DutiesModel(self)
        self.duties = make_table(self.duties_model, widths={
            DutyColumn.NAME: 230, DutyColumn.KIND: 60, DutyColumn.CADENCE: 70, DutyColumn.RECURRENCE: 190,
            DutyColumn.TIME: 50, DutyColumn.OWNER: 220, DutyColumn.DEPUTY: 120})
        remember_header(self.duties, "CalendarPage/duties")
        self.duties.doubleClicked.connect(lambda _i: self.edit_duty())
        self.add_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.clicked.connect(lambda: self.edit_duty(new=True))
        self.edit_button.clicked.connect(lambda: self.edit_duty())
        self.delete_button.clicked.connect(self.delete_duty)
        duty_buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            b.setEnabled(may_edit)
            duty_buttons.addWidget(b)
        duty_buttons.addStretch(1)
        duties_page = QWidget()
        duties_layout = QVBoxLayout(duties_page)
        duties_layout.addWidget(self.duties, 1)
        duties_layout.addLayout(duty_buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(due_page, "")
        self.tabs.addTab(duties_page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()

    # --- data ------------------------------------------------------------------------------
    def on_day(self) -> date:
        return self.today.date().toPython()

    def reload(self) -> None:
        today = self.on_day()
        agenda = calendar.agenda(self.ctx.db, today, self.days.value(), self.lookback.value())
        self.occurrences_model.set_rows(agenda["overdue"] + agenda["upcoming"])
        self.duties_model.set_rows(calendar.list_duties(self.ctx.db, on=today))
        n_over = len(agenda["overdue"])
        text = self.tr("%1 overdue (looking back %2 days), %3 due in the next %4 days.")
        self.summary.setText(text.replace("%1", str(n_over)).replace("%2", str(self.lookback.value()))
                             .replace("%3", str(len(agenda["upcoming"]))).replace("%4", str(self.days.value())))
        self.summary.setStyleSheet("color:#a00; font-weight:bold;" if n_over else "")

    def selected_occurrences(self) -> list[calendar.Occurrence]:
        rows = self.occurrences.selectionModel().selectedRows()
        return [r.data(Role.INFO) for r in sorted(rows, key=lambda i: i.row())]

    def select_occurrence(self, duty_id: int, due: date) -> bool:
        return select_record(self.occurrences, (duty_id, due))

    # --- actions ---------------------------------------------------------------------------
    def mark(self, status: str) -> None:
        note = self.note.text().strip() or None
        chosen = self.selected_occurrences()
        for o in chosen:
            if not feedback.attempt(self, lambda o=o: calendar.mark_occurrence(
                    self.ctx.db, self.ctx.actor, o.duty_id, o.due_date, status, note)):
                break
        if chosen:
            self.note.clear()
            self.reload()
            self.select_occurrence(chosen[0].duty_id, chosen[0].due_date)
            self.changed.emit()

    def unmark(self) -> None:
        chosen = [o for o in self.selected_occurrences() if o.status in calendar.STATUSES]
        for o in chosen:
            if not feedback.attempt(self, lambda o=o: calendar.unmark_occurrence(
                    self.ctx.db, self.ctx.actor, o.duty_id, o.due_date)):
                break
        if chosen:
            self.reload()
            self.changed.emit()

    def edit_duty(self, new: bool = False) -> None:
        duty = None if new else selected_info(self.duties)
        if not new and duty is None:
            return
        db = self.ctx.db
        dialog = DutyDialog(self.ctx, duty, roles=organisation.list_job_roles(db),
                            departments=organisation.list_departments(db), staff=organisation.list_staff(db),
                            parent=self, today=self.on_day())
        self.dialog = dialog

        def finished(result: int) -> None:
            if result:
                self.reload()
                if dialog.saved is not None:
                    select_record(self.duties, dialog.saved.id)
                self.changed.emit()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def delete_duty(self) -> None:
        duty = selected_info(self.duties)
        if duty and feedback.confirm(self, self.tr("Delete duty"), self.tr(
                "Delete %1 and its done/skipped records? To stop it but keep its history, untick Active instead.")
                .replace("%1", duty.name)):
            if feedback.attempt(self, lambda: calendar.delete_duty(self.ctx.db, self.ctx.actor, duty.id)):
                self.reload()
                self.changed.emit()

    def export_ics(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export calendar"), "業務カレンダー.ics",
                                              self.tr("iCalendar (*.ics)"))
        if path:
            self.write_ics(path)

    def write_ics(self, path: str) -> dict | None:
        result: list[dict] = []
        if feedback.attempt(self, lambda: result.append(calendar.export_ics(self.ctx.db, self.ctx.actor, path,
                                                                            self.on_day()))):
            feedback.offer_to_open(self, result[0]["path"])
            return result[0]
        return None

    def export(self) -> None:
        first = self.on_day()
        params = ExportParams(date_from=first, date_to=first + timedelta(days=89), external=False)
        feedback.export_with_dialog(self, self.ctx, "calendar", "業務カレンダー", params)

    # --- texts -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.today_label.setText(self.tr("Today"))
        self.days_label.setText(self.tr("Days ahead"))
        self.lookback_label.setText(self.tr("Overdue: look back"))
        self.lookback.setSuffix(self.tr(" days"))
        self.days.setSuffix(self.tr(" days"))
        self.ics_button.setText(self.tr("Export .ics…"))
        self.export_button.setText(self.tr("Export…"))
        self.note.setPlaceholderText(self.tr("Note for the mark (optional)"))
        self.done_button.setText(self.tr("Mark done"))
        self.skip_button.setText(self.tr("Skip"))
        self.unmark_button.setText(self.tr("Take back mark"))
        self.add_button.setText(self.tr("Add…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.tabs.setTabText(0, self.tr("Due and overdue"))
        self.tabs.setTabText(1, self.tr("Duties and meetings"))
        self.occurrences_model.retranslate()
        self.duties_model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- navigation (dashboard, search) ----------------------------------------------------
    def show_record(self, entity: str, entity_id: int | None, **hints) -> bool:
        """Select a duty's occurrence on `due_on` (hint) in the due list, or the duty itself."""
        if entity != "duty" or entity_id is None:
            return False
        self.reload()
        due = hints.get("due_on")
        if due is not None:
            self.tabs.setCurrentIndex(0)
            if self.select_occurrence(entity_id, due):
                self.occurrences.setFocus()
                return True
        self.tabs.setCurrentIndex(1)
        found = select_record(self.duties, entity_id)
        if found:
            self.duties.setFocus()
        return found
