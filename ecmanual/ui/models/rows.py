"""The base of the simple table models: a list of plain rows, fixed columns, translated headers."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt


class Role(IntEnum):
    """Custom roles every RowsModel answers."""

    ID = Qt.ItemDataRole.UserRole + 1    # the record's id
    INFO = Qt.ItemDataRole.UserRole + 2  # the plain service object of the row
    SORT = Qt.ItemDataRole.UserRole + 3  # a value that sorts correctly (numbers, ISO times)


def local_time(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at else ""


RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RowsModel(QAbstractTableModel):
    """Read-only rows of service data; subclasses name `context`, `headers` and `cell()`."""

    context = "RowsModel"          # translation context of the headers
    headers: dict[int, str] = {}   # column -> English header (QT_TRANSLATE_NOOP in `context`)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    # --- data in ---------------------------------------------------------------------------
    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row]

    def rows(self) -> list:
        return list(self._rows)

    def find(self, record_id) -> int:
        """The row holding the record with this id, or -1."""
        return next((i for i, r in enumerate(self._rows) if self.record_id(r) == record_id), -1)

    def record_id(self, row):
        return getattr(row, "id", None)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.headers) - 1))
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.headers) - 1))

    # --- per subclass ------------------------------------------------------------------------
    def cell(self, row, column: int, role: int):
        """The value of `role` for one cell; None when the role is not answered."""
        raise NotImplementedError

    # --- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section in self.headers:
            return QCoreApplication.translate(self.context, self.headers[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.headers):
            return None
        row = self._rows[index.row()]
        if role == Role.ID:
            return self.record_id(row)
        if role == Role.INFO:
            return row
        value = self.cell(row, index.column(), role)
        if role == Role.SORT and value is None:
            return self.cell(row, index.column(), Qt.ItemDataRole.DisplayRole)
        return value

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
