"""Record a completion: person, course, date, score or pass/fail, evidence note and file."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError
from ...services import organisation, records, training
from ...services.training import CompletionInfo
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text
from .hire import to_date


class CompletionDialog(QDialog):
    """Saves through `training.record_completion`; `completion` holds the record afterwards."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, staff_id: int | None = None,
                 course_id: int | None = None, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.completion: CompletionInfo | None = None
        self.setWindowTitle(self.tr("Record a completion"))
        self.resize(520, 420)
        self.person = QComboBox()
        for p in organisation.list_staff(ctx.db, include_left=False):
            self.person.addItem(f"{p.name}（{p.department}）" if p.department else p.name, p.id)
        if staff_id is not None:
            self.person.setCurrentIndex(max(0, self.person.findData(staff_id)))
        self.course = QComboBox()
        for c in training.list_courses(ctx.db, ctx.actor):
            self.course.addItem(c.name, c.id)
        if course_id is not None:
            self.course.setCurrentIndex(max(0, self.course.findData(course_id)))
        day = today or records.today_jst()
        self.date = QDateEdit(QDate(day.year, day.month, day.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy/MM/dd")
        self.has_score = QCheckBox(self.tr("Score"))
        self.score = QDoubleSpinBox()
        self.score.setRange(0, 1000)
        self.score.setDecimals(1)
        self.score.setEnabled(False)
        self.has_score.toggled.connect(self.score.setEnabled)
        score_row = QHBoxLayout()
        score_row.addWidget(self.has_score)
        score_row.addWidget(self.score, 1)
        self.passed = QCheckBox(self.tr("Passed"))
        self.passed.setChecked(True)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("Certificate, attendance sheet … (optional)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Person *"), self.person)
        form.addRow(self.tr("Course *"), self.course)
        form.addRow(self.tr("Completed on *"), self.date)
        form.addRow(self.tr("Result"), self.passed)
        form.addRow("", score_row)
        form.addRow(self.tr("Evidence note"), self.note)
        form.addRow(self.tr("Evidence file"), file_row)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#a00;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        link_form_labels(self)  # captions name their fields for screen readers

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Evidence file"))
        if path:
            self.file.setText(path)

    def accept(self) -> None:
        if self.person.currentData() is None or self.course.currentData() is None:
            self.error.setText(self.tr("Choose a person and a course."))
            return
        try:
            self.completion = training.record_completion(
                self.ctx.db, self.ctx.actor, self.person.currentData(), self.course.currentData(),
                to_date(self.date.date()), score=self.score.value() if self.has_score.isChecked() else None,
                passed=self.passed.isChecked(), evidence_note=self.note.toPlainText().strip() or None,
                attachment=self.file.text().strip() or None)
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()
