"""テンプレート: document templates, filling them in, and the saved documents (duplicate, export)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ...domain.permissions import Permission
from ...services import documents
from ...services.exports import ExportParams
from .. import feedback
from ..context import UiContext
from ..dialogs.template_form import DocumentFormDialog
from ..models.documents import DocTemplateColumn, DocTemplatesModel, DocumentColumn, DocumentsModel
from ..tables import make_table, remember_header, remember_splitter, select_record, selected_info

logger = logging.getLogger(__name__)


class TemplatesView(QWidget):
    """Templates on the left, the documents of the selected one on the right."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: DocumentFormDialog | None = None

        self.templates_model = DocTemplatesModel(self)
        self.templates_table = make_table(self.templates_model, widths={DocTemplateColumn.NAME: 170,
                                                                        DocTemplateColumn.CATEGORY: 80})
        remember_header(self.templates_table, "TemplatesView/templates_table")
        self.templates_table.selectionModel().selectionChanged.connect(lambda *_: self._template_changed())
        self.templates_table.doubleClicked.connect(lambda _i: self.new_document())
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.description.setStyleSheet("color: palette(placeholder-text);")
        self.new_button = QPushButton()
        self.new_button.clicked.connect(lambda: self.new_document())
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        self.templates_caption = QLabel()
        left_layout.addWidget(self.templates_caption)
        left_layout.addWidget(self.templates_table, 3)
        left_layout.addWidget(self.description, 1)
        left_layout.addWidget(self.new_button)

        self.documents_model = DocumentsModel(self)
        self.documents_table = make_table(self.documents_model, widths={DocumentColumn.TITLE: 260,
                                                                        DocumentColumn.TEMPLATE: 140,
                                                                        DocumentColumn.AUTHOR: 110})
        remember_header(self.documents_table, "TemplatesView/documents_table")
        self.documents_table.doubleClicked.connect(lambda _i: self.open_document())
        self.documents_caption = QLabel()
        self.open_button, self.duplicate_button = QPushButton(), QPushButton()
        self.export_button, self.refresh_button = QPushButton(), QPushButton()
        self.open_button.clicked.connect(self.open_document)
        self.duplicate_button.clicked.connect(self.duplicate_document)
        self.export_button.clicked.connect(self.export_document)
        self.refresh_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.duplicate_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.documents_caption)
        right_layout.addWidget(self.documents_table, 1)
        right_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 620])
        remember_splitter(splitter, "TemplatesView/splitter")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self.new_document())
        may_edit = ctx.actor.may(Permission.EDIT)
        self.new_button.setEnabled(may_edit)
        self.duplicate_button.setEnabled(may_edit)
        self.export_button.setEnabled(ctx.actor.may(Permission.EXPORT))
        self.retranslate_ui()
        self.reload()

    # --- data ----------------------------------------------------------------------------------
    def reload(self) -> None:
        selected = selected_info(self.templates_table)
        self.templates_model.set_rows(documents.list_templates(self.ctx.db, self.ctx.actor))
        if not (selected and select_record(self.templates_table, selected.id)) and self.templates_model.rowCount():
            self.templates_table.selectRow(0)
        self._template_changed()

    def _template_changed(self) -> None:
        t = selected_info(self.templates_table)
        self.description.setText(t.description or "" if t else "")
        self.reload_documents()

    def reload_documents(self, select_id: int | None = None) -> None:
        t = selected_info(self.templates_table)
        self.documents_model.set_rows(documents.list_documents(self.ctx.db, self.ctx.actor, t.name if t else None))
        self.documents_caption.setText(self.tr("Documents from %1").replace("%1", t.name) if t else "")
        if select_id is not None:
            select_record(self.documents_table, select_id)
        elif self.documents_model.rowCount():
            self.documents_table.selectRow(0)

    def select_template(self, name: str) -> bool:
        found = next((t for t in self.templates_model.rows() if t.name == name), None)
        return found is not None and select_record(self.templates_table, found.id)

    # --- actions -------------------------------------------------------------------------------
    def _open_form(self, dialog: DocumentFormDialog) -> DocumentFormDialog:
        dialog.accepted.connect(lambda: self._saved(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog: DocumentFormDialog) -> None:
        self.select_template(dialog.template.name)
        self.reload_documents(dialog.document_id)

    def new_document(self, prefill: dict | None = None, title: str = "") -> DocumentFormDialog | None:
        t = selected_info(self.templates_table)
        if t is None:
            return None
        return self._open_form(DocumentFormDialog(self.ctx, t, prefill=prefill, title=title, parent=self))

    def open_document(self) -> DocumentFormDialog | None:
        d = selected_info(self.documents_table)
        if d is None:
            return None
        doc = documents.get_document(self.ctx.db, self.ctx.actor, d.id)
        template = documents.get_template(self.ctx.db, self.ctx.actor, doc.template)
        return self._open_form(DocumentFormDialog(self.ctx, template, doc, parent=self))

    def duplicate_document(self) -> int | None:
        d = selected_info(self.documents_table)
        if d is None:
            return None
        copied: list[int] = []
        if feedback.attempt(self, lambda: copied.append(
                documents.duplicate_document(self.ctx.db, self.ctx.actor, d.id))):
            self.reload_documents(copied[0])
            return copied[0]
        return None

    def export_document(self):
        d = selected_info(self.documents_table)
        if d is None:
            return None
        return feedback.export_with_dialog(self, self.ctx, "template", f"{d.template}_{d.title}.pdf"[:80],
                                           ExportParams(id=d.id, external=False))

    # --- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.templates_caption.setText(self.tr("Templates"))
        self.new_button.setText(self.tr("New document from this template…"))
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.open_button.setText(self.tr("Open / edit"))
        self.duplicate_button.setText(self.tr("Duplicate"))
        self.export_button.setText(self.tr("Export…"))
        self.refresh_button.setText(self.tr("Refresh"))
        t = selected_info(self.templates_table)
        self.documents_caption.setText(self.tr("Documents from %1").replace("%1", t.name) if t else "")
        self.templates_model.retranslate()
        self.documents_model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- navigation (search) --------------------------------------------------------------------
    def show_record(self, entity: str, entity_id: int | None, **hints) -> bool:
        """Select a document template (its documents follow)."""
        if entity != "document_template" or entity_id is None:
            return False
        if not select_record(self.templates_table, entity_id):
            self.reload()
            if not select_record(self.templates_table, entity_id):
                return False
        self.templates_table.setFocus()
        return True
