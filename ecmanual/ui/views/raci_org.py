"""組織: departments, job roles (holders and deputies) and staff, with simple edit dialogs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from ...domain.permissions import Permission
from ...services import organisation as org, records
from .. import feedback
from ..context import UiContext
from ..dialogs.org_form import FormDialog
from ..dialogs.org_leave import LeaveDialog
from ..dialogs.org_records import (
    assign_dialog, department_dialog, end_assignment_dialog, job_role_dialog, staff_dialog,
)
from ..models.raci_tables import DepartmentColumn, DepartmentsModel, JobRolesModel, RoleColumn, StaffColumn, StaffModel
from ..tables import make_table, remember_header, remember_splitter, select_record, selected_info

logger = logging.getLogger(__name__)


def _box(table: QTableView, buttons: list[QPushButton]) -> QGroupBox:
    box = QGroupBox()
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    layout = QVBoxLayout(box)
    layout.addWidget(table, 1)
    layout.addLayout(row)
    return box


class OrganisationPage(QWidget):
    """Three tables; every change goes through services.organisation and is audited there."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: FormDialog | LeaveDialog | None = None  # the open dialog (tests drive it)
        self.departments_model, self.roles_model, self.staff_model = (
            DepartmentsModel(self), JobRolesModel(self), StaffModel(self))
        self.departments = make_table(self.departments_model, widths={DepartmentColumn.NAME: 150,
                                                                      DepartmentColumn.NAME_EN: 140})
        remember_header(self.departments, "OrganisationPage/departments")
        self.roles = make_table(self.roles_model, widths={RoleColumn.NAME: 170, RoleColumn.DEPARTMENT: 120,
                                                          RoleColumn.HOLDERS: 150})
        remember_header(self.roles, "OrganisationPage/roles")
        self.staff = make_table(self.staff_model, widths={
            StaffColumn.NAME: 110, StaffColumn.KANA: 120, StaffColumn.DEPARTMENT: 120, StaffColumn.EMAIL: 170,
            StaffColumn.EMPLOYMENT: 80, StaffColumn.STATUS: 60, StaffColumn.HIRED: 90})
        remember_header(self.staff, "OrganisationPage/staff")
        b = self.buttons = {key: QPushButton() for key in (
            "dep_add", "dep_edit", "dep_delete", "role_add", "role_edit", "role_delete", "assign", "end",
            "staff_add", "staff_edit", "leave")}
        b["dep_add"].clicked.connect(lambda: self._open(department_dialog(ctx, None, self), self.departments))
        b["dep_edit"].clicked.connect(self.edit_department)
        b["dep_delete"].clicked.connect(self.delete_department)
        b["role_add"].clicked.connect(
            lambda: self._open(job_role_dialog(ctx, None, self.departments_model.rows(), self), self.roles))
        b["role_edit"].clicked.connect(self.edit_role)
        b["role_delete"].clicked.connect(self.delete_role)
        b["assign"].clicked.connect(lambda: self.assign())
        b["end"].clicked.connect(self.end_assignment)
        b["staff_add"].clicked.connect(
            lambda: self._open(staff_dialog(ctx, None, self.departments_model.rows(), self), self.staff))
        b["staff_edit"].clicked.connect(self.edit_staff)
        b["leave"].clicked.connect(self.record_leave)
        self.departments.doubleClicked.connect(lambda _i: self.edit_department())
        self.roles.doubleClicked.connect(lambda _i: self.edit_role())
        self.staff.doubleClicked.connect(lambda _i: self.edit_staff())
        for button in b.values():
            button.setEnabled(ctx.actor.may(Permission.EDIT))

        self.departments_box = _box(self.departments, [b["dep_add"], b["dep_edit"], b["dep_delete"]])
        self.roles_box = _box(self.roles, [b["role_add"], b["role_edit"], b["role_delete"], b["assign"], b["end"]])
        self.staff_box = _box(self.staff, [b["staff_add"], b["staff_edit"], b["leave"]])
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.departments_box)
        left.addWidget(self.roles_box)
        left.setSizes([260, 420])
        remember_splitter(left, "OrganisationPage/left")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.staff_box)
        splitter.setSizes([560, 640])
        remember_splitter(splitter, "OrganisationPage/splitter")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter)
        self.retranslate_ui()

    def reload(self) -> None:
        departments = org.list_departments(self.ctx.db)
        self.departments_model.set_rows(departments)
        self.roles_model.departments = {d.id: d.name for d in departments}
        self.roles_model.set_rows(org.list_job_roles(self.ctx.db))
        self.staff_model.set_rows(org.list_staff(self.ctx.db))

    # --- actions ---------------------------------------------------------------------------
    def _open(self, dialog: FormDialog | LeaveDialog, view: QTableView | None = None) -> None:
        """Window-modal without blocking; on Save the tables reload (the saved record selected in
        `view`) and the other tabs are told."""
        self.dialog = dialog

        def finished(result: int) -> None:
            if result:
                self.reload()
                saved = getattr(dialog, "saved", None)
                if view is not None and getattr(saved, "id", None) is not None:
                    select_record(view, saved.id)
                self.changed.emit()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def edit_department(self) -> None:
        d = selected_info(self.departments)
        if d:
            self._open(department_dialog(self.ctx, d, self), self.departments)

    def delete_department(self) -> None:
        d = selected_info(self.departments)
        question = self.tr("Delete the department %1? Its RACI cells are deleted too.")
        if d and feedback.confirm(self, self.tr("Delete department"), question.replace("%1", d.name)):
            if feedback.attempt(self, lambda: org.delete_department(self.ctx.db, self.ctx.actor, d.id)):
                self.reload()
                self.changed.emit()

    def edit_role(self) -> None:
        r = selected_info(self.roles)
        if r:
            self._open(job_role_dialog(self.ctx, r, self.departments_model.rows(), self), self.roles)

    def delete_role(self) -> None:
        r = selected_info(self.roles)
        if r and feedback.confirm(self, self.tr("Delete job role"),
                                  self.tr("Delete the job role %1? Its RACI cells and assignments are deleted too.")
                                  .replace("%1", r.name)):
            if feedback.attempt(self, lambda: org.delete_job_role(self.ctx.db, self.ctx.actor, r.id)):
                self.reload()
                self.changed.emit()

    def assign(self, role_id: int | None = None) -> None:
        if role_id is None:
            r = selected_info(self.roles)
            role_id = r.id if r else None
        self._open(assign_dialog(self.ctx, self.roles_model.rows(), self.staff_model.rows(), self, role_id))

    def end_assignment(self) -> None:
        r = selected_info(self.roles)
        if r is None:
            return
        current = org.list_assignments(self.ctx.db, role_id=r.id, on=records.today_jst())
        if not current:
            feedback.inform(self, self.tr("End an assignment"), self.tr("Nobody holds %1 now.").replace("%1", r.name))
            return
        self._open(end_assignment_dialog(self.ctx, current, self))

    def edit_staff(self) -> None:
        p = selected_info(self.staff)
        if p:
            self._open(staff_dialog(self.ctx, p, self.departments_model.rows(), self), self.staff)

    def record_leave(self) -> None:
        p = selected_info(self.staff)
        if p:
            self._open(LeaveDialog(self.ctx, p, self))

    # --- texts -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.departments_box.setTitle(self.tr("Departments"))
        self.roles_box.setTitle(self.tr("Job roles, holders and deputies"))
        self.staff_box.setTitle(self.tr("Staff"))
        texts = {"dep_add": self.tr("Add…"), "dep_edit": self.tr("Edit…"), "dep_delete": self.tr("Delete"),
                 "role_add": self.tr("Add…"), "role_edit": self.tr("Edit…"), "role_delete": self.tr("Delete"),
                 "assign": self.tr("Assign holder or deputy…"), "end": self.tr("End assignment…"),
                 "staff_add": self.tr("Add…"), "staff_edit": self.tr("Edit…"), "leave": self.tr("Record leaver…")}
        for key, text in texts.items():
            self.buttons[key].setText(text)
        for model in (self.departments_model, self.roles_model, self.staff_model):
            model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
