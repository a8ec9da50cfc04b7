"""Create or edit a course: name, category, mandatory, audience (all staff, or chosen
departments and job roles), the rule that makes it due, validity, materials and owner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from ...domain import training_rules as rules
from ...domain.errors import ConflictError, EcmanualError, PermissionDenied
from ...services import organisation, training
from ...services.training import CourseInfo
from .. import feedback
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text
from ..models.training_catalog import recurrence_label

OWNER_ROLE = "教育担当"  # the seed's training coordinator, offered for new courses


def checked(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


def check_items(widget: QListWidget, names) -> None:
    wanted = set(names)
    for i in range(widget.count()):
        item = widget.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)


def checkable_list(names) -> QListWidget:
    widget = QListWidget()
    for name in names:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


class CourseDialog(QDialog):
    """Saves through `training.create_course` / `update_course` (with the version it loaded:
    someone else's save in between is refused and shown). `course` holds the result."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, course: CourseInfo | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.original = course
        self.course: CourseInfo | None = None
        self.setWindowTitle(self.tr("Edit course") if course else self.tr("New course"))
        self.resize(860, 600)
        existing = training.list_courses(ctx.db, ctx.actor)

        self.name = QLineEdit()
        self.name_en = QLineEdit()
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItem("")
        for name in dict.fromkeys(c.category for c in existing if c.category):
            self.category.addItem(name)
        self.mandatory = QCheckBox(self.tr("Mandatory: everyone in the audience must take it"))
        self.recurrence = QComboBox()
        for code in rules.RECURRENCES:
            self.recurrence.addItem(recurrence_label(code), code)
        self.recurrence.currentIndexChanged.connect(lambda _i: self._rule_changed())
        self.interval = QSpinBox()
        self.interval.setRange(1, 120)
        self.interval.setSuffix(self.tr(" months"))
        self.interval.setValue(6)
        self.months = [QCheckBox(self.tr("Month %1").replace("%1", str(m))) for m in range(1, 13)]
        months_box = QWidget()
        grid = QGridLayout(months_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.months):
            grid.addWidget(box, i // 6, i % 6)
        self.hire_days = QSpinBox()
        self.hire_days.setRange(-1, 365)
        self.hire_days.setSpecialValueText(self.tr("Default (%1 days)").replace("%1", str(rules.DEFAULT_GRACE_DAYS)))
        self.hire_days.setSuffix(self.tr(" days"))
        self.hire_days.setValue(-1)
        self.validity = QSpinBox()
        self.validity.setRange(0, 240)
        self.validity.setSpecialValueText(self.tr("No limit"))
        self.validity.setSuffix(self.tr(" months"))
        self.frequency = QLineEdit()
        self.frequency.setPlaceholderText(self.tr("As the team says it, e.g. 年2回"))
        self.owner = QComboBox()
        self.owner.addItem("—", None)
        for r in organisation.list_job_roles(ctx.db):
            self.owner.addItem(r.name, r.name)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.materials = QPlainTextEdit()
        self.materials.setTabChangesFocus(True)
        self.materials.setPlaceholderText(self.tr("Links or file paths, one per line"))
        for edit in (self.description, self.materials):
            edit.setFixedHeight(80)

        form = QFormLayout()
        form.addRow(self.tr("Name *"), self.name)
        form.addRow(self.tr("Name (English)"), self.name_en)
        form.addRow(self.tr("Category"), self.category)
        form.addRow("", self.mandatory)
        form.addRow(self.tr("Due *"), self.recurrence)
        self.interval_label, self.months_label = QLabel(self.tr("Every")), QLabel(self.tr("Months"))
        form.addRow(self.interval_label, self.interval)
        form.addRow(self.months_label, months_box)
        form.addRow(self.tr("Due after hire or update"), self.hire_days)
        form.addRow(self.tr("Valid for"), self.validity)
        form.addRow(self.tr("Frequency label"), self.frequency)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Materials"), self.materials)

        self.all_staff = QRadioButton(self.tr("All staff"))
        self.chosen = QRadioButton(self.tr("Chosen departments and job roles"))
        self.chosen.setChecked(True)
        self.departments = checkable_list(d.name for d in organisation.list_departments(ctx.db))
        self.departments.setAccessibleName(self.tr("Required for departments"))
        self.roles = checkable_list(r.name for r in organisation.list_job_roles(ctx.db))
        self.roles.setAccessibleName(self.tr("Required for roles"))
        self.all_staff.toggled.connect(lambda on: (self.departments.setEnabled(not on), self.roles.setEnabled(not on)))
        audience = QGroupBox(self.tr("Who must take it"))
        abox = QVBoxLayout(audience)
        abox.addWidget(self.all_staff)
        abox.addWidget(self.chosen)
        abox.addWidget(QLabel(self.tr("Departments")))
        abox.addWidget(self.departments, 1)
        abox.addWidget(QLabel(self.tr("Job roles")))
        abox.addWidget(self.roles, 1)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#a00;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(audience, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if course is not None:
            self._load(course)
        else:
            self.owner.setCurrentIndex(max(0, self.owner.findData(OWNER_ROLE)))
            self.recurrence.setCurrentIndex(self.recurrence.findData("yearly"))
        self._rule_changed()
        link_form_labels(self)  # captions name their fields for screen readers

    def _load(self, c: CourseInfo) -> None:
        self.name.setText(c.name)
        self.name_en.setText(c.name_en or "")
        self.category.setCurrentText(c.category or "")
        self.mandatory.setChecked(c.mandatory)
        self.recurrence.setCurrentIndex(max(0, self.recurrence.findData(c.recurrence)))
        if c.interval_months:
            self.interval.setValue(c.interval_months)
        self.set_months(rules.parse_fixed_months(c.fixed_months))
        self.hire_days.setValue(-1 if c.on_hire_days is None else c.on_hire_days)
        self.validity.setValue(c.validity_months or 0)
        self.frequency.setText(c.frequency_label or "")
        self.owner.setCurrentIndex(max(0, self.owner.findData(c.owner_role)))
        self.description.setPlainText(c.description or "")
        self.materials.setPlainText(c.materials or "")
        (self.all_staff if c.audience_all else self.chosen).setChecked(True)
        check_items(self.departments, c.departments)
        check_items(self.roles, c.roles)

    def set_months(self, months) -> None:
        for m, box in enumerate(self.months, start=1):
            box.setChecked(m in months)

    def set_recurrence(self, code: str) -> None:
        self.recurrence.setCurrentIndex(self.recurrence.findData(code))

    def _rule_changed(self) -> None:
        code = self.recurrence.currentData()
        for w in (self.interval, self.interval_label):
            w.setEnabled(code == "every_n_months")
        for w in (*self.months, self.months_label):
            w.setEnabled(code == "fixed_months")

    def values(self) -> dict:
        code = self.recurrence.currentData()
        months = [str(m) for m, box in enumerate(self.months, start=1) if box.isChecked()]
        everyone = self.all_staff.isChecked()
        return {
            "name": self.name.text().strip(), "name_en": self.name_en.text().strip() or None,
            "category": self.category.currentText().strip() or None, "mandatory": self.mandatory.isChecked(),
            "audience_all": everyone, "recurrence": code,
            "interval_months": self.interval.value() if code == "every_n_months" else None,
            "fixed_months": ",".join(months) if code == "fixed_months" and months else None,
            "on_hire_days": None if self.hire_days.value() < 0 else self.hire_days.value(),
            "validity_months": self.validity.value() or None,
            "frequency_label": self.frequency.text().strip() or None,
            "description": self.description.toPlainText().strip() or None,
            "materials": self.materials.toPlainText().strip() or None,
            "owner_role": self.owner.currentData(),
            "departments": [] if everyone else checked(self.departments),
            "roles": [] if everyone else checked(self.roles),
        }

    def accept(self) -> None:
        v = self.values()
        if not v["name"]:
            self.error.setText(self.tr("Enter the course name."))
            return
        if v["recurrence"] == "fixed_months" and not v["fixed_months"]:
            self.error.setText(self.tr("Tick the months in which the course is held."))
            return
        if not v["audience_all"] and not v["departments"] and not v["roles"]:
            self.error.setText(self.tr("Choose who must take the course: all staff, or departments and job roles."))
            return
        db, actor = self.ctx.db, self.ctx.actor
        try:
            if self.original is None:
                name = v.pop("name")
                self.course = training.create_course(db, actor, name, **v)
            else:
                self.course = training.update_course(db, actor, self.original.id,
                                                     expected_version=self.original.version, **v)
        except (ConflictError, PermissionDenied) as exc:
            self.error.setText(feedback.refused(self, exc).text())  # a box: reopen to see the newer data
            return
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()
