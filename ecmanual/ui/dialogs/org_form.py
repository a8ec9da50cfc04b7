"""A small form dialog for the organisation's records: fields in, one service call on Save.

    dialog = FormDialog(self.tr("New department"), [
        FormField("name", self.tr("Name *")), FormField("description", self.tr("Description"), "multiline")],
        save=lambda v: organisation.create_department(db, actor, **v), parent=self)

The service's refusal is shown in the dialog, which stays open; `saved` holds what it returned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox,
    QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError, InputError
from ..a11y import link_form_labels
from ..feedback import error_text

KINDS = ("text", "multiline", "choice", "date", "int", "bool")


@dataclass
class FormField:
    """One row of the form. `choice`: `choices` as (label, value); `date`: YYYY-MM-DD or empty."""

    key: str
    label: str
    kind: str = "text"
    value: Any = None
    choices: list[tuple[str, Any]] = field(default_factory=list)
    placeholder: str = ""
    minimum: int = 0
    maximum: int = 100000


class FormDialog(QDialog):
    """Builds the editors for its fields, collects the values, and saves through `save(values)`."""

    def __init__(self, title: str, fields: list[FormField], save: Callable[[dict], Any], parent: QWidget | None = None,
                 note: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.fields, self._save, self.saved = fields, save, None
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for f in fields:
            editor = self._editor(f)
            self.editors[f.key] = editor
            form.addRow(f.label, editor)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#a00;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        link_form_labels(self)  # captions name their fields for screen readers

    def _editor(self, f: FormField) -> QWidget:
        if f.kind not in KINDS:
            raise ValueError(f"unknown field kind {f.kind!r}")
        if f.kind == "multiline":
            w = QPlainTextEdit(f.value or "")
            w.setTabChangesFocus(True)
            w.setFixedHeight(90)
            return w
        if f.kind == "choice":
            w = QComboBox()
            for label, value in f.choices:
                w.addItem(label, value)
            w.setCurrentIndex(max(0, next((i for i, (_l, v) in enumerate(f.choices) if v == f.value), 0)))
            return w
        if f.kind == "int":
            w = QSpinBox()
            w.setRange(f.minimum, f.maximum)
            w.setValue(int(f.value or 0))
            return w
        if f.kind == "bool":
            w = QCheckBox()
            w.setChecked(bool(f.value))
            return w
        text = f.value.isoformat() if isinstance(f.value, date) else (f.value or "")
        w = QLineEdit(str(text))
        w.setPlaceholderText(f.placeholder or ("YYYY-MM-DD" if f.kind == "date" else ""))
        return w

    def set_value(self, key: str, value: Any) -> None:
        """Fill a field (tests, and dialogs that prefill)."""
        w, f = self.editors[key], next(x for x in self.fields if x.key == key)
        if f.kind == "choice":
            w.setCurrentIndex(max(0, w.findData(value)))
        elif f.kind == "int":
            w.setValue(int(value or 0))
        elif f.kind == "bool":
            w.setChecked(bool(value))
        elif f.kind == "multiline":
            w.setPlainText(value or "")
        else:
            w.setText(value.isoformat() if isinstance(value, date) else str(value or ""))

    def values(self) -> dict:
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.editors[f.key]
            if f.kind == "choice":
                out[f.key] = w.currentData()
            elif f.kind == "int":
                out[f.key] = w.value() or None
            elif f.kind == "bool":
                out[f.key] = w.isChecked()
            elif f.kind == "multiline":
                out[f.key] = w.toPlainText().strip() or None
            elif f.kind == "date":
                text = w.text().strip()
                try:
                    out[f.key] = date.fromisoformat(text) if text else None
                except ValueError:
                    message = self.tr("%1: not a date (YYYY-MM-DD)").replace("%1", f.label.rstrip(" *"))
                    raise InputError(message) from None
            else:
                out[f.key] = w.text().strip() or None
        return out

    def accept(self) -> None:
        try:
            self.saved = self._save(self.values())
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()
