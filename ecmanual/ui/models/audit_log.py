"""The audit trail as a table, newest first, fetched page by page as the view scrolls; the page
source (services.audit.query with the view's filters) can be swapped."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ...services import audit
from ...services.audit import AuditRow
from ...services.context import Actor, Database
from ..labels import action_label, entity_label

logger = logging.getLogger(__name__)

PAGE_SIZE = 200


def load_audit_page(db: Database, actor: Actor, before_seq: int | None, limit: int, **filters) -> list[AuditRow]:
    """Up to `limit` entries older than `before_seq` (all when None), newest first, matching
    `filters` (the keyword filters of services.audit.query)."""
    return audit.query(db, actor, before_seq=before_seq, limit=limit, **filters)


FetchFn = Callable[[int | None, int], list[AuditRow]]


class Column(IntEnum):
    TIME = 0
    ACTOR = 1
    ACTION = 2
    ENTITY = 3
    SUMMARY = 4


HEADERS = {
    Column.TIME: QT_TRANSLATE_NOOP("AuditLogModel", "Time"),
    Column.ACTOR: QT_TRANSLATE_NOOP("AuditLogModel", "User"),
    Column.ACTION: QT_TRANSLATE_NOOP("AuditLogModel", "Action"),
    Column.ENTITY: QT_TRANSLATE_NOOP("AuditLogModel", "Record"),
    Column.SUMMARY: QT_TRANSLATE_NOOP("AuditLogModel", "Summary"),
}


class Role(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1  # the AuditRow
    SEQ = Qt.ItemDataRole.UserRole + 2  # its sequence number


def local_time(at: datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class AuditLogModel(QAbstractTableModel):
    """Read-only rows of the audit trail; `fetch(before_seq, limit)` supplies each page."""

    def __init__(self, fetch: FetchFn, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self._fetch = fetch  # swapped by set_fetch when the view's filters change
        self._page_size = page_size
        self._rows: list[AuditRow] = []
        self._more = False

    def reload(self) -> None:
        """Drop what is loaded and fetch the newest page again."""
        batch = self._fetch(None, self._page_size)
        self.set_rows(batch, more=len(batch) == self._page_size)

    def set_fetch(self, fetch: FetchFn) -> None:
        """Use another page source (other filters) and load its newest page."""
        self._fetch = fetch
        self.reload()

    def set_rows(self, rows: list[AuditRow], *, more: bool = False) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._more = more
        self.endResetModel()

    def retranslate(self) -> None:
        """Headers and labels follow the UI language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or not self._more:
            return
        before = self._rows[-1].seq if self._rows else None
        batch = self._fetch(before, self._page_size)
        self._more = len(batch) == self._page_size
        if batch:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
            self._rows.extend(batch)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(Column):
            return QCoreApplication.translate("AuditLogModel", HEADERS[Column(section)])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.TIME:
                return local_time(row.at)
            if column is Column.ACTOR:
                return row.actor
            if column is Column.ACTION:
                return action_label(row.action)
            if column is Column.ENTITY:
                label = entity_label(row.entity)
                return f"{label} #{row.entity_id}" if row.entity_id else label
            return row.summary or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.ACTION:
                return row.action
            if column is Column.ENTITY:
                return row.entity
            if column is Column.SUMMARY:
                return row.summary or None
            return None
        if role == Role.ROW:
            return row
        if role == Role.SEQ:
            return row.seq
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
