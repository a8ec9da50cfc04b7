"""Record a leaver: pick the last day, see everything that would lose its owner, then confirm."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QTreeWidget, QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError
from ...services import raci, records, responsibilities
from ...services.organisation import StaffInfo
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text
from .org_impact import fill_impact


class LeaveDialog(QDialog):
    """Shows `raci.leaver_impact` for the chosen day; Save records the leave (status, end of roles)."""

    def __init__(self, ctx: UiContext, person: StaffInfo, parent: QWidget | None = None, on: date | None = None):
        super().__init__(parent)
        self.ctx, self.person, self.report = ctx, person, None
        self.setWindowTitle(self.tr("Record a leaver: %1").replace("%1", person.name))
        self.resize(640, 520)
        self.day = QLineEdit((on or records.today_jst()).isoformat())
        self.day.setPlaceholderText("YYYY-MM-DD")
        self.show_button = QPushButton(self.tr("Show what loses its owner"))
        self.show_button.clicked.connect(self.refresh)
        form = QFormLayout()
        form.addRow(self.tr("Last day"), self.day)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("What the leaver is responsible for"))
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Detail")])
        self.tree.setColumnWidth(0, 280)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#a00;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Record leaver"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.show_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.refresh()
        link_form_labels(self)  # captions name their fields for screen readers

    def leave_date(self) -> date | None:
        try:
            return date.fromisoformat(self.day.text().strip())
        except ValueError:
            self.error.setText(self.tr("Not a date (YYYY-MM-DD)."))
            return None

    def refresh(self) -> None:
        day = self.leave_date()
        if day is None:
            return
        self.error.clear()
        try:
            impact = raci.leaver_impact(self.ctx.db, self.person.id, day)
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        count = fill_impact(self.tree, impact)
        self.summary.setText(self.tr("%1 item(s) lose their owner and need someone new.").replace("%1", str(count))
                             if count else self.tr("Nothing loses its owner."))

    def accept(self) -> None:
        day = self.leave_date()
        if day is None:
            return
        try:
            self.report = responsibilities.record_leave(self.ctx.db, self.ctx.actor, self.person.id, day)
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()
