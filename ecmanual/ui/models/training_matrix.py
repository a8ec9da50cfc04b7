"""The compliance matrix (people x required courses and certifications) as a table model, and
the filter by department, status and name.

Cells are coloured by status and also say it in words (never colour alone). The model keeps
the service's `Matrix` as it is and formats cells on demand, so 500 x 30 loads at once.
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex,
    QSortFilterProxyModel, Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...domain import training_rules as rules
from ...services.training_status import Matrix, MatrixCell, MatrixRow
from .rows import Role as RowRole

STATUS_TEXT = {
    rules.VALID: QT_TRANSLATE_NOOP("TrainingStatus", "Valid"),
    rules.DUE_SOON: QT_TRANSLATE_NOOP("TrainingStatus", "Due soon"),
    rules.OVERDUE: QT_TRANSLATE_NOOP("TrainingStatus", "Overdue"),
    rules.EXPIRED: QT_TRANSLATE_NOOP("TrainingStatus", "Expired"),
    rules.PENDING: QT_TRANSLATE_NOOP("TrainingStatus", "Not taken"),
    rules.NOT_APPLICABLE: QT_TRANSLATE_NOOP("TrainingStatus", "Not required"),
}
_BRUSHES = {status: QBrush(QColor("#" + colour)) for status, colour in rules.STATUS_COLOURS.items()}
_TEXT_BRUSH = QBrush(QColor("#1f1f1f"))


def status_label(status: str | None) -> str:
    return QCoreApplication.translate("TrainingStatus", STATUS_TEXT[status]) if status in STATUS_TEXT else ""


def status_brush(status: str | None) -> QBrush | None:
    return _BRUSHES.get(status) if status else None


def short_date(day: date | None) -> str:
    return f"{day:%Y/%m/%d}" if day else ""


class Column(IntEnum):
    """The fixed columns; requirement columns follow from FIRST_REQUIREMENT on."""

    NAME = 0
    DEPARTMENT = 1


FIRST_REQUIREMENT = 2
HEADERS = {Column.NAME: QT_TRANSLATE_NOOP("TrainingMatrixModel", "Name"),
           Column.DEPARTMENT: QT_TRANSLATE_NOOP("TrainingMatrixModel", "Department")}


class Role(IntEnum):
    ID = RowRole.ID        # the person's staff id
    INFO = RowRole.INFO    # the MatrixRow
    SORT = RowRole.SORT    # name, department, or urgency then due date
    STATUS = Qt.ItemDataRole.UserRole + 10   # a cell's status code
    CELL = Qt.ItemDataRole.UserRole + 11     # the MatrixCell


class TrainingMatrixModel(QAbstractTableModel):
    """Read-only matrix; `set_matrix` swaps in a new one inside a model reset."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.matrix: Matrix | None = None
        self._rows: list[MatrixRow] = []
        self._texts: dict[str, str] = {}

    def set_matrix(self, matrix: Matrix | None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self._rows = list(matrix.rows) if matrix else []
        self._texts = {s: status_label(s) for s in rules.STATUSES}
        self.endResetModel()

    def retranslate(self) -> None:
        self._texts = {s: status_label(s) for s in rules.STATUSES}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def row_at(self, row: int) -> MatrixRow:
        return self._rows[row]

    def find(self, staff_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.staff_id == staff_id), -1)

    # --- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid():
            return 0
        return FIRST_REQUIREMENT + (len(self.matrix.columns) if self.matrix else 0)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if section < FIRST_REQUIREMENT:
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("TrainingMatrixModel", HEADERS[Column(section)])
            return None
        col = self.matrix.columns[section - FIRST_REQUIREMENT]
        if role == Qt.ItemDataRole.DisplayRole:
            if col.kind == "certification":
                return QCoreApplication.translate("TrainingMatrixModel", "%1 (certification)").replace("%1", col.name)
            return col.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{col.name}\n{col.frequency or ''}".strip()
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not 0 <= r < len(self._rows) or not 0 <= c < self.columnCount():
            return None
        row = self._rows[r]
        if role == Role.ID:
            return row.staff_id
        if role == Role.INFO:
            return row
        if c < FIRST_REQUIREMENT:
            if role in (Qt.ItemDataRole.DisplayRole, Role.SORT):
                if c == Column.NAME:
                    return row.name if role == Qt.ItemDataRole.DisplayRole else (row.kana or row.name)
                return row.department or ""
            if role == Qt.ItemDataRole.ToolTipRole and c == Column.NAME and row.roles:
                return "、".join(row.roles)
            return None
        cell = row.cells[c - FIRST_REQUIREMENT]
        if role == Qt.ItemDataRole.DisplayRole:
            if cell.status == rules.NOT_APPLICABLE:
                return "—"
            day = cell.valid_until if cell.status == rules.EXPIRED else cell.due_on
            return f"{self._texts[cell.status]} {day:%m/%d}" if day else self._texts[cell.status]
        if role == Qt.ItemDataRole.BackgroundRole:
            return _BRUSHES[cell.status]
        if role == Qt.ItemDataRole.ForegroundRole:
            return _TEXT_BRUSH
        if role == Role.STATUS:
            return cell.status
        if role == Role.CELL:
            return cell
        if role == Role.SORT:  # an int: Qt compares it without calling back into Python
            day = cell.due_on
            return rules.SEVERITY[cell.status] * 100_000_000 + (
                day.year * 10_000 + day.month * 100 + day.day if day else 99_999_999)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.describe(cell)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def describe(self, cell: MatrixCell) -> str:
        lines = [self._texts[cell.status]]
        if cell.due_on:
            lines.append(QCoreApplication.translate("TrainingMatrixModel", "Due: %1")
                         .replace("%1", short_date(cell.due_on)))
        if cell.last_completed:
            lines.append(QCoreApplication.translate("TrainingMatrixModel", "Last done: %1")
                         .replace("%1", short_date(cell.last_completed)))
        if cell.valid_until:
            lines.append(QCoreApplication.translate("TrainingMatrixModel", "Valid until: %1")
                         .replace("%1", short_date(cell.valid_until)))
        return "\n".join(lines)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class TrainingMatrixFilter(QSortFilterProxyModel):
    """Rows of one department, with at least one cell in a status, whose name contains a text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._department: int | None = None
        self._status: str | None = None
        self._text = ""
        self.setSortRole(Role.SORT)

    def set_filter(self, *, department: int | None = None, status: str | None = None, text: str = "") -> None:
        self.beginFilterChange()
        self._department, self._status, self._text = department, status or None, (text or "").strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, TrainingMatrixModel) or not 0 <= source_row < model.rowCount():
            return False
        row = model.row_at(source_row)
        if self._department is not None and row.department_id != self._department:
            return False
        if self._status and not any(c.status == self._status for c in row.cells):
            return False
        if self._text and self._text not in row.name.casefold() and self._text not in (row.kana or "").casefold():
            return False
        return True
