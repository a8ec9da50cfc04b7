"""Fill a document from a template: a form generated from its sections and field kinds."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QScrollArea,
    QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError
from ...services import documents
from ...services.documents import DocumentInfo, TemplateInfo
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text

logger = logging.getLogger(__name__)

NO_DATE = QDate(2000, 1, 1)


class FieldEditor:
    """One field's widget and how its value goes in and out (text, multiline, date, number, list)."""

    def __init__(self, spec: dict, parent: QWidget, list_hint: str = ""):
        self.spec = spec
        self.kind = spec.get("kind", "text")
        hint = spec.get("hint") or ""
        if self.kind in ("multiline", "list"):
            edit = QPlainTextEdit(parent)
            edit.setTabChangesFocus(True)
            lines = 3 if self.kind == "list" else 4
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
            edit.setPlaceholderText(hint or (list_hint if self.kind == "list" else ""))
        elif self.kind == "date":
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(NO_DATE)
            edit.setSpecialValueText("—")
            edit.setDate(NO_DATE)
        else:
            edit = QLineEdit(parent)
            edit.setPlaceholderText(hint)
            if self.kind == "number":
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        if hint:
            edit.setToolTip(hint)
        edit.setObjectName(f"field_{spec['key']}")
        self.widget = edit

    def set_value(self, value) -> None:
        w = self.widget
        if self.kind == "date":
            try:
                day = date.fromisoformat(str(value)[:10]) if value else None
            except ValueError:
                day = None
            w.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)
        elif self.kind == "list":
            w.setPlainText("\n".join(value) if isinstance(value, list) else str(value or ""))
        elif self.kind == "multiline":
            w.setPlainText(str(value or ""))
        elif self.kind == "number" and isinstance(value, float) and value.is_integer():
            w.setText(str(int(value)))
        else:
            w.setText("" if value is None else str(value))

    def value(self):
        w = self.widget
        if self.kind == "date":
            return "" if w.date() == NO_DATE else w.date().toString("yyyy-MM-dd")
        if self.kind == "list":
            return [line.strip() for line in w.toPlainText().splitlines() if line.strip()]
        if self.kind == "multiline":
            return w.toPlainText().strip()
        return w.text().strip()


class DocumentFormDialog(QDialog):
    """Create or change a document; `document_id` holds the saved document's number."""

    def __init__(self, ctx: UiContext, template: TemplateInfo, document: DocumentInfo | None = None,
                 prefill: dict | None = None, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.template, self.document = ctx, template, document
        self.document_id: int | None = document.id if document else None
        self.setObjectName("documentForm")
        self.setWindowTitle(self.tr("%1 — document").replace("%1", template.name))
        self.resize(760, 720)
        self.title = QLineEdit(document.title if document else title)
        self.title.setPlaceholderText(self.tr("Title of this document"))
        head = QFormLayout()
        head.addRow(self.tr("Title *"), self.title)
        self.description = QLabel(template.description or "")
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color:#555;")

        holder = QWidget()
        body = QVBoxLayout(holder)
        self.fields: dict[str, FieldEditor] = {}
        labels: list[QLabel] = []
        for section in template.sections:
            group = QGroupBox(section.get("title") or "")
            form = QFormLayout(group)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for spec in section.get("fields", []):
                editor = FieldEditor(spec, group, self.tr("One item per line"))
                label = QLabel(spec["label"] + (" *" if spec.get("required") else ""))
                label.setBuddy(editor.widget)
                label.setWordWrap(True)
                labels.append(label)
                form.addRow(label, editor.widget)
                self.fields[spec["key"]] = editor
            body.addWidget(group)
        body.addStretch(1)
        width = min(220, max((label.sizeHint().width() for label in labels), default=0))
        for label in labels:  # one label column across the sections
            label.setFixedWidth(width)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)

        values = dict(document.values) if document else {}
        values.update(prefill or {})
        for key, value in values.items():
            if key in self.fields:
                self.fields[key].set_value(value)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#a00;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("* required"))
        note.setStyleSheet("color:#555;")
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.description)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        link_form_labels(self)  # captions name their fields for screen readers

    def values(self) -> dict:
        return {key: editor.value() for key, editor in self.fields.items()}

    def accept(self) -> None:
        try:
            self.document_id = documents.save_document(
                self.ctx.db, self.ctx.actor, self.template.id, self.title.text(), self.values(),
                document_id=self.document_id, expected_version=self.document.version if self.document else None)
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            logger.info("document not saved: %s", exc)
            return
        super().accept()
