"""Hire a person: the staff record, their job roles and their onboarding plan in one step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError
from ...services import organisation, records, training_onboarding
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class HireDialog(QDialog):
    """Name, reading, email, department, job roles, hire date and manager; on Save the service
    creates the person and the plan generated from their department's and roles' templates.
    `result_info` holds {"staff", "plan"} afterwards."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result_info: dict | None = None
        self.setWindowTitle(self.tr("Hire a person"))
        self.resize(520, 560)
        self.name = QLineEdit()
        self.kana = QLineEdit()
        self.kana.setPlaceholderText(self.tr("In kana, e.g. ヤマモト イチロウ"))
        self.email = QLineEdit()
        self.department = QComboBox()
        for d in organisation.list_departments(ctx.db):
            self.department.addItem(d.name, d.id)
        self.roles = QListWidget()
        self.roles.setMaximumHeight(150)
        for r in organisation.list_job_roles(ctx.db):
            item = QListWidgetItem(r.name)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.roles.addItem(item)
        self.hire_date = QDateEdit()
        self.hire_date.setCalendarPopup(True)
        self.hire_date.setDisplayFormat("yyyy/MM/dd")
        day = today or records.today_jst()
        self.hire_date.setDate(QDate(day.year, day.month, day.day))
        self.manager = QComboBox()
        self.manager.addItem("—", None)
        for p in organisation.list_staff(ctx.db, include_left=False):
            self.manager.addItem(p.name, p.id)
        self.hint = QLabel(self.tr("The onboarding plan is made from the templates of the department and the "
                                   "job roles: trainings with their due days, manual pages to read, and the "
                                   "accounts to request."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        form = QFormLayout()
        form.addRow(self.tr("Name *"), self.name)
        form.addRow(self.tr("Reading"), self.kana)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Department *"), self.department)
        form.addRow(self.tr("Job roles"), self.roles)
        form.addRow(self.tr("Hire date *"), self.hire_date)
        form.addRow(self.tr("Manager"), self.manager)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#a00;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Hire and make the plan"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        link_form_labels(self)  # captions name their fields for screen readers

    def checked_roles(self) -> list[int]:
        return [self.roles.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.roles.count())
                if self.roles.item(i).checkState() == Qt.CheckState.Checked]

    def check_role(self, name: str) -> None:
        for i in range(self.roles.count()):
            if self.roles.item(i).text() == name:
                self.roles.item(i).setCheckState(Qt.CheckState.Checked)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("Enter the person's name."))
            return
        if self.department.currentData() is None:
            self.error.setText(self.tr("Choose a department."))
            return
        try:
            self.result_info = training_onboarding.hire_person(
                self.ctx.db, self.ctx.actor, self.name.text().strip(), department=self.department.currentData(),
                hire_date=to_date(self.hire_date.date()), roles=self.checked_roles(),
                email=self.email.text().strip() or None, kana=self.kana.text().strip() or None,
                manager=self.manager.currentData())
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()
