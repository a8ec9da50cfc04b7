"""Document templates and the documents filled from them, as tables."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from ...services.documents import DocumentInfo, TemplateInfo
from .rows import RIGHT, Role, RowsModel, local_time

__all__ = ["DocTemplateColumn", "DocTemplatesModel", "DocumentColumn", "DocumentsModel", "Role"]


class DocTemplateColumn(IntEnum):
    NAME = 0
    CATEGORY = 1
    FIELDS = 2


class DocTemplatesModel(RowsModel):
    """Templates with their category and number of fields; the description as tooltip."""

    context = "DocumentModels"
    headers = {
        DocTemplateColumn.NAME: QT_TRANSLATE_NOOP("DocumentModels", "Template"),
        DocTemplateColumn.CATEGORY: QT_TRANSLATE_NOOP("DocumentModels", "Category"),
        DocTemplateColumn.FIELDS: QT_TRANSLATE_NOOP("DocumentModels", "Fields"),
    }

    def cell(self, t: TemplateInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (t.name, t.category or "", len(t.fields()))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return t.description or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DocTemplateColumn.FIELDS:
            return RIGHT
        return None


class DocumentColumn(IntEnum):
    TITLE = 0
    TEMPLATE = 1
    AUTHOR = 2
    UPDATED = 3


class DocumentsModel(RowsModel):
    """Saved documents, most recently changed first."""

    context = "DocumentModels"
    headers = {
        DocumentColumn.TITLE: QT_TRANSLATE_NOOP("DocumentModels", "Title"),
        DocumentColumn.TEMPLATE: QT_TRANSLATE_NOOP("DocumentModels", "Template"),
        DocumentColumn.AUTHOR: QT_TRANSLATE_NOOP("DocumentModels", "Written by"),
        DocumentColumn.UPDATED: QT_TRANSLATE_NOOP("DocumentModels", "Last changed"),
    }

    def cell(self, d: DocumentInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (d.title, d.template, d.created_by or "", local_time(d.updated_at))[column]
        if role == Role.SORT and column == DocumentColumn.UPDATED:
            return d.updated_at.isoformat()
        return None
