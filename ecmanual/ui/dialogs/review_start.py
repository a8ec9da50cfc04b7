"""Start a permission review: the period (2026Q4) and the review date findings count from."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...exports.period import parse_period
from ..a11y import link_form_labels


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


class ReviewStartDialog(QDialog):
    """Asks for the period and date; `period` and `review_date` after accept."""

    def __init__(self, today: date, taken: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.taken = taken
        self.period_edit = QLineEdit(quarter_of(today))
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a4262c;")
        self.form = QFormLayout()
        self.period_label, self.date_label = QLabel(), QLabel()
        self.form.addRow(self.period_label, self.period_edit)
        self.form.addRow(self.date_label, self.date_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.period = ""
        self.review_date = today
        self.retranslate_ui()
        link_form_labels(self)  # captions name their fields for screen readers

    def accept(self) -> None:
        try:
            label = parse_period(self.period_edit.text()).label
        except ValueError:
            self.error.setText(self.tr("Write the period as e.g. 2026Q4."))
            return
        if label in self.taken:
            self.error.setText(self.tr("A review for %1 already exists.").replace("%1", label))
            return
        d = self.date_edit.date()
        self.period, self.review_date = label, date(d.year(), d.month(), d.day())
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Start a permission review"))
        self.hint.setText(self.tr("Every account as imported now is frozen into the review; later imports do not "
                                  "change it. Dormancy and leavers count from the review date."))
        self.period_label.setText(self.tr("Period:"))
        self.date_label.setText(self.tr("Review date:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
