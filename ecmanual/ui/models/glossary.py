"""The glossary as a table, and the filter that finds terms by term, reading or English."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ...services import glossary
from ...services.glossary import TermInfo
from .rows import Role, RowsModel

__all__ = ["Column", "GlossaryFilter", "GlossaryModel", "Role"]


class Column(IntEnum):
    TERM = 0
    READING = 1
    CATEGORY = 2
    DEFINITION = 3
    ENGLISH = 4


class GlossaryModel(RowsModel):
    """Terms in reading order; the definition column shows its first line, the tooltip all of it."""

    context = "GlossaryModel"
    headers = {
        Column.TERM: QT_TRANSLATE_NOOP("GlossaryModel", "Term"),
        Column.READING: QT_TRANSLATE_NOOP("GlossaryModel", "Reading"),
        Column.CATEGORY: QT_TRANSLATE_NOOP("GlossaryModel", "Category"),
        Column.DEFINITION: QT_TRANSLATE_NOOP("GlossaryModel", "Definition"),
        Column.ENGLISH: QT_TRANSLATE_NOOP("GlossaryModel", "English"),
    }

    def cell(self, t: TermInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (t.term, t.reading or "", t.category or "", t.definition.split("\n")[0], t.english or "")[column]
        if role == Role.SORT:
            if column in (Column.TERM, Column.READING):
                return "\t".join(glossary.sort_key(t))  # 五十音順 whatever the script of the reading
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.DEFINITION:
            return t.definition
        return None


class GlossaryFilter(QSortFilterProxyModel):
    """Rows whose term, reading (hiragana = katakana) or English contain the query; one category."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._query = ""
        self._match = glossary.matcher("")
        self._category: str | None = None
        self.setSortRole(Role.SORT)

    def set_query(self, text: str) -> None:
        if text == self._query:
            return  # every change filters all rows again
        self.beginFilterChange()
        self._query = text
        self._match = glossary.matcher(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_category(self, category: str | None) -> None:
        if (category or None) == self._category:
            return
        self.beginFilterChange()
        self._category = category or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        term: TermInfo = model.data(model.index(source_row, 0, source_parent), Role.INFO)
        if term is None:
            return False
        if self._category and term.category != self._category:
            return False
        return self._match(term)
