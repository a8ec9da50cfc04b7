"""担当一覧: who does what for one person (steps, duties, approvals, directly or through a role,
and who covers for them), and what would lose its owner if they left, ready to reassign."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTreeWidget, QVBoxLayout, QWidget,
)

from ...domain.permissions import Permission
from ...services import organisation, raci, records
from ...services.exports import ExportParams
from .. import feedback
from ..context import UiContext
from ..dialogs.org_form import FormDialog
from ..dialogs.org_impact import add_group, fill_impact
from ..dialogs.org_leave import LeaveDialog
from ..dialogs.org_records import assign_dialog
from ..tables import remember_header, remember_splitter

logger = logging.getLogger(__name__)


def _tree(parent: QWidget) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setColumnCount(2)
    tree.setColumnWidth(0, 300)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    return tree


class PeoplePage(QWidget):
    """A person picker, their responsibilities on the left and the leaver impact on the right."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: FormDialog | LeaveDialog | None = None
        self.info: dict | None = None
        self.impact: dict | None = None
        self.person = QComboBox()
        self.person.setMinimumWidth(240)
        self.person.currentIndexChanged.connect(lambda _i: self.show_person())
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate(records.today_jst()))
        self.day.dateChanged.connect(lambda _d: self.show_person())
        self.person_label, self.day_label = QLabel(), QLabel()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(ctx.actor.may(Permission.EXPORT))
        top = QHBoxLayout()
        top.addWidget(self.person_label)
        top.addWidget(self.person)
        top.addSpacing(12)
        top.addWidget(self.day_label)
        top.addWidget(self.day)
        top.addStretch(1)
        top.addWidget(self.export_button)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.duties_tree = _tree(self)
        remember_header(self.duties_tree, "PeoplePage/duties_tree")
        self.impact_tree = _tree(self)
        remember_header(self.impact_tree, "PeoplePage/impact_tree")
        self.impact_tree.itemSelectionChanged.connect(self._update_buttons)
        self.successor_button, self.leave_button = QPushButton(), QPushButton()
        self.successor_button.clicked.connect(self.assign_successor)
        self.leave_button.clicked.connect(self.record_leave)
        may_edit = ctx.actor.may(Permission.EDIT)
        self.leave_button.setEnabled(may_edit)
        self.successor_button.setEnabled(False)
        self.left_box, self.right_box = QGroupBox(), QGroupBox()
        QVBoxLayout(self.left_box).addWidget(self.duties_tree)
        right = QVBoxLayout(self.right_box)
        right.addWidget(self.impact_tree, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.successor_button)
        buttons.addStretch(1)
        buttons.addWidget(self.leave_button)
        right.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.left_box)
        splitter.addWidget(self.right_box)
        splitter.setSizes([640, 560])
        remember_splitter(splitter, "PeoplePage/splitter")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()

    # --- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        keep = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        for p in organisation.list_staff(self.ctx.db):
            suffix = self.tr(" (left)") if p.status == "left" else ""
            self.person.addItem(f"{p.name}{suffix}" + (f" — {p.department}" if p.department else ""), p.id)
        self.person.setCurrentIndex(max(0, self.person.findData(keep)))
        self.person.blockSignals(False)
        self.show_person()

    def select_person(self, staff_id: int) -> None:
        self.person.setCurrentIndex(self.person.findData(staff_id))

    def on_day(self) -> date:
        return self.day.date().toPython()

    def show_person(self) -> None:
        staff_id = self.person.currentData()
        self.duties_tree.clear()
        self.impact_tree.clear()
        self.info = self.impact = None
        if staff_id is None:
            self.summary.setText(self.tr("No staff yet: add people on the Organisation tab or import a staff list."))
            self._update_buttons()
            return
        on = self.on_day()
        self.info = raci.person_view(self.ctx.db, staff_id, on)
        self.impact = raci.leaver_impact(self.ctx.db, staff_id, on)
        n = self._fill_duties(self.info)
        lost = fill_impact(self.impact_tree, self.impact)
        p = self.info["person"]
        self.summary.setText(self.tr("%1: %2 responsibilities; %3 would lose their owner if %1 left on %4.")
                             .replace("%1", p["name"]).replace("%2", str(n)).replace("%3", str(lost))
                             .replace("%4", on.isoformat()))
        self._update_buttons()

    def _fill_duties(self, info: dict) -> int:
        tree = self.duties_tree
        holder, deputy = self.tr("holder"), self.tr("deputy")
        via = {"department": self.tr("via department %1"), "role": self.tr("via job role %1"),
               "deputy": self.tr("as deputy of %1")}
        how = {"owner": self.tr("owner"), "deputy": self.tr("deputy"), "role": self.tr("owner through a job role"),
               "department": self.tr("owner through the department"), "holder": holder}
        n = add_group(tree, self.tr("Job roles"), [
            (r["role"], holder if r["kind"] == "holder" else deputy, ("role", r["role_id"])) for r in info["roles"]])
        n += add_group(tree, self.tr("Process steps (RACI)"), [
            (f"{s['process']} / {s['step']}", f"{s['code']}　" + via[s["via"]].replace("%1", s["party"])
             + (f"（{s['note']}）" if s["note"] else ""), ("cell", s["step_id"], s["code"])) for s in info["steps"]])
        n += add_group(tree, self.tr("Duties on the calendar"), [
            (d["name"], how.get(d["as"], d["as"]), ("duty", d["duty_id"])) for d in info["duties"]])
        n += add_group(tree, self.tr("Approvals"), [
            (a["update_type"], f"{a['level']}（{how.get(a['as'], a['as'])}）", None) for a in info["approvals"]])
        add_group(tree, self.tr("Who covers for them"), [
            (d["role"], "、".join(d["deputies"]) or self.tr("no deputy"), None) for d in info["deputies"]])
        add_group(tree, self.tr("Whom they cover for"), [
            (c["role"], "、".join(c["holders"]) or self.tr("nobody holds it"), None) for c in info["covers_for"]])
        manager = info["manager"]
        add_group(tree, self.tr("Reporting line"), ([(self.tr("Manager"), manager, None)] if manager else [])
                  + [(self.tr("Reports to them"), name, None) for name in info["reports"]])
        return n

    # --- actions ---------------------------------------------------------------------------
    def _selected_role(self) -> int | None:
        items = self.impact_tree.selectedItems()
        data = items[0].data(0, Qt.ItemDataRole.UserRole) if items else None
        return data[1] if data and data[0] == "role" else None

    def _update_buttons(self) -> None:
        self.successor_button.setEnabled(self.ctx.actor.may(Permission.EDIT) and self._selected_role() is not None)
        self.leave_button.setEnabled(self.ctx.actor.may(Permission.EDIT) and self.info is not None
                                     and self.info["person"]["status"] != "left")

    def _open(self, dialog) -> None:
        self.dialog = dialog

        def finished(result: int) -> None:
            if result:
                self.reload()
                self.changed.emit()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def assign_successor(self) -> None:
        role_id = self._selected_role()
        if role_id is None:
            return
        self._open(assign_dialog(self.ctx, organisation.list_job_roles(self.ctx.db),
                                 organisation.list_staff(self.ctx.db, include_left=False), self, role_id))

    def record_leave(self) -> None:
        staff_id = self.person.currentData()
        if staff_id is not None:
            self._open(LeaveDialog(self.ctx, organisation.get_staff(self.ctx.db, staff_id), self, self.on_day()))

    def export(self) -> None:
        if self.info is None:
            return
        name = self.info["person"]["name"]
        feedback.export_with_dialog(self, self.ctx, "raci", f"担当一覧_{name}",
                                    ExportParams(person=f"#{self.info['person']['id']}", external=False))

    # --- texts -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.person_label.setText(self.tr("Person"))
        self.day_label.setText(self.tr("As of"))
        self.export_button.setText(self.tr("Export…"))
        self.left_box.setTitle(self.tr("What they are responsible for"))
        self.right_box.setTitle(self.tr("If they leave: what loses its owner"))
        self.successor_button.setText(self.tr("Assign a successor…"))
        self.leave_button.setText(self.tr("Record leaver…"))
        for tree in (self.duties_tree, self.impact_tree):
            tree.setHeaderLabels([self.tr("What"), self.tr("Detail")])
        if self.person.count():
            self.show_person()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
