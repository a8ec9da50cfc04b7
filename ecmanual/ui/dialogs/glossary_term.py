"""Add or change one glossary term."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError
from ...services import glossary
from ...services.glossary import TermInfo
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text


class TermDialog(QDialog):
    """Term, reading, category, definition, English, related terms; saved through the service."""

    def __init__(self, ctx: UiContext, term: TermInfo | None, categories: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.original = ctx, term
        self.term_id: int | None = term.id if term else None
        self.setWindowTitle(self.tr("Edit term") if term else self.tr("New term"))
        self.resize(560, 420)
        self.term = QLineEdit(term.term if term else "")
        self.reading = QLineEdit(term.reading or "" if term else "")
        self.reading.setPlaceholderText(self.tr("In kana, e.g. カイフウリツ"))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems([""] + categories)
        self.category.setCurrentText(term.category or "" if term else "")
        self.definition = QPlainTextEdit(term.definition if term else "")
        self.definition.setTabChangesFocus(True)
        self.english = QLineEdit(term.english or "" if term else "")
        self.related = QLineEdit(term.related or "" if term else "")
        self.related.setPlaceholderText(self.tr("Other terms, separated by commas"))
        form = QFormLayout()
        form.addRow(self.tr("Term *"), self.term)
        form.addRow(self.tr("Reading"), self.reading)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Definition *"), self.definition)
        form.addRow(self.tr("English"), self.english)
        form.addRow(self.tr("Related terms"), self.related)
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

    def info(self) -> TermInfo:
        def opt(text: str) -> str | None:
            return text.strip() or None

        return TermInfo(self.term_id, self.term.text().strip(), opt(self.reading.text()),
                        opt(self.category.currentText()), self.definition.toPlainText().strip(),
                        opt(self.english.text()), opt(self.related.text()),
                        self.original.version if self.original else None)

    def accept(self) -> None:
        try:
            self.term_id = glossary.save_term(self.ctx.db, self.ctx.actor, self.info())
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()
