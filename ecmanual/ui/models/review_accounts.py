"""The accounts of a review as a table: cached rows, findings highlighted, sorted in Python.

Tens of thousands of rows stay fast because the rows are plain tuples-like dataclasses held
in a list, `data()` is a switch on the column, sorting happens on that list (one key per row,
not a Python call per comparison), and the filter proxy reads the row object directly.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...domain.review_rules import KINDS
from ...services.review_records import ReviewRow, short_time

FINDING_BG = QColor("#fde2e1")
UNDECIDED_FG = QColor("#8a6d00")


class Column(IntEnum):
    """Identity, level, then what the reviewer acts on (findings, decision), then the details."""

    SYSTEM = 0
    LOGIN = 1
    NAME = 2
    LEVEL = 3
    FINDINGS = 4
    DECISION = 5
    MFA = 6
    LAST_LOGIN = 7
    PERSON = 8
    DEPARTMENT = 9
    STANDARD = 10
    REASON = 11


HEADERS = {
    Column.SYSTEM: QT_TRANSLATE_NOOP("ReviewAccountsModel", "System"),
    Column.LOGIN: QT_TRANSLATE_NOOP("ReviewAccountsModel", "Login"),
    Column.NAME: QT_TRANSLATE_NOOP("ReviewAccountsModel", "Name"),
    Column.LEVEL: QT_TRANSLATE_NOOP("ReviewAccountsModel", "Level"),
    Column.STANDARD: QT_TRANSLATE_NOOP("ReviewAccountsModel", "Standard level"),
    Column.MFA: QT_TRANSLATE_NOOP("ReviewAccountsModel", "MFA"),
    Column.LAST_LOGIN: QT_TRANSLATE_NOOP("ReviewAccountsModel", "Last sign-in"),
    Column.PERSON: QT_TRANSLATE_NOOP("ReviewAccountsModel", "Person"),
    Column.DEPARTMENT: QT_TRANSLATE_NOOP("ReviewAccountsModel", "Department"),
    Column.FINDINGS: QT_TRANSLATE_NOOP("ReviewAccountsModel", "Findings"),
    Column.DECISION: QT_TRANSLATE_NOOP("ReviewAccountsModel", "Decision"),
    Column.REASON: QT_TRANSLATE_NOOP("ReviewAccountsModel", "Reason"),
}

KIND_LABELS = {
    "leaver": QT_TRANSLATE_NOOP("ReviewFindings", "Leaver"),
    "unlinked": QT_TRANSLATE_NOOP("ReviewFindings", "No owner"),
    "shared": QT_TRANSLATE_NOOP("ReviewFindings", "Shared"),
    "dormant": QT_TRANSLATE_NOOP("ReviewFindings", "Dormant"),
    "mfa_off": QT_TRANSLATE_NOOP("ReviewFindings", "MFA off"),
    "admin_outside_allowed": QT_TRANSLATE_NOOP("ReviewFindings", "Admin not allowed"),
    "level_not_allowed": QT_TRANSLATE_NOOP("ReviewFindings", "Level not allowed"),
    "level_unmapped": QT_TRANSLATE_NOOP("ReviewFindings", "Unknown level"),
    "new_since_last": QT_TRANSLATE_NOOP("ReviewFindings", "New"),
    "privilege_raised": QT_TRANSLATE_NOOP("ReviewFindings", "Privilege raised"),
}

DECISION_LABELS = {
    "keep": QT_TRANSLATE_NOOP("ReviewDecisions", "Keep"),
    "change": QT_TRANSLATE_NOOP("ReviewDecisions", "Change"),
    "revoke": QT_TRANSLATE_NOOP("ReviewDecisions", "Revoke"),
}


def kind_label(kind: str) -> str:
    source = KIND_LABELS.get(kind)
    return QCoreApplication.translate("ReviewFindings", source) if source else kind


def decision_label(decision: str | None) -> str:
    if not decision:
        return ""
    return QCoreApplication.translate("ReviewDecisions", DECISION_LABELS.get(decision, decision))


class Role(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1  # the ReviewRow
    ACCOUNT_ID = Qt.ItemDataRole.UserRole + 2
    HAS_FINDINGS = Qt.ItemDataRole.UserRole + 3
    DECISION = Qt.ItemDataRole.UserRole + 4


_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}

# Sort keys per column: plain values, None-safe.
_SORT_KEYS: dict[Column, Callable[[ReviewRow], object]] = {
    Column.SYSTEM: lambda r: (r.system_id, r.login),
    Column.LOGIN: lambda r: r.login,
    Column.NAME: lambda r: r.name or "",
    Column.LEVEL: lambda r: r.native_level or "",
    Column.STANDARD: lambda r: -1 if r.rank is None else r.rank,
    Column.MFA: lambda r: {True: 2, None: 1, False: 0}[r.mfa],
    Column.LAST_LOGIN: lambda r: r.last_login or "",
    Column.PERSON: lambda r: r.person or "",
    Column.DEPARTMENT: lambda r: r.department or "",
    Column.FINDINGS: lambda r: (len(r.findings), [-_KIND_ORDER.get(k, 99) for k in r.findings]),
    Column.DECISION: lambda r: r.decision or "",
    Column.REASON: lambda r: r.reason or "",
}


class ReviewAccountsModel(QAbstractTableModel):
    """Read-only rows of a review's accounts; decisions are made through the service, then
    the changed row is put back with `replace_row`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ReviewRow] = []
        self._index: dict[int, int] = {}  # review_account_id -> row

    def set_rows(self, rows: list[ReviewRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self._index = {r.review_account_id: i for i, r in enumerate(self._rows)}

    def rows(self) -> list[ReviewRow]:
        return list(self._rows)

    def row_at(self, row: int) -> ReviewRow:
        return self._rows[row]

    def row_of(self, review_account_id: int) -> int | None:
        return self._index.get(review_account_id)

    def replace_row(self, new: ReviewRow) -> None:
        i = self._index.get(new.review_account_id)
        if i is None:
            return
        self._rows[i] = new
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(Column) - 1))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(Column):
            return QCoreApplication.translate("ReviewAccountsModel", HEADERS[Column(section)])
        return None

    def _display(self, r: ReviewRow, column: Column) -> str:
        if column is Column.SYSTEM:
            return r.system
        if column is Column.LOGIN:
            return r.login
        if column is Column.NAME:
            return r.name or ""
        if column is Column.LEVEL:
            return r.native_level or ""
        if column is Column.STANDARD:
            return r.level or ""
        if column is Column.MFA:
            return "✓" if r.mfa else "✗" if r.mfa is False else "—"
        if column is Column.LAST_LOGIN:
            return short_time(r.last_login)
        if column is Column.PERSON:
            if r.person:
                return r.person + ("?" if r.link_status == "uncertain" else "")
            return ""
        if column is Column.DEPARTMENT:
            return r.department or ""
        if column is Column.FINDINGS:
            return ", ".join(kind_label(k) for k in r.findings)
        if column is Column.DECISION:
            return decision_label(r.decision)
        return r.reason or ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(FINDING_BG) if r.findings else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is Column.DECISION and r.decision is None:
                return QBrush(UNDECIDED_FG)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.FINDINGS and r.findings:
                return "\n".join(f"{kind_label(k)}: {d}" for k, d in zip(r.findings, r.details))
            if column is Column.PERSON and r.link_status == "uncertain":
                return QCoreApplication.translate("ReviewAccountsModel", "Linked by name: confirm or correct the link")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.MFA:
            return Qt.AlignmentFlag.AlignCenter
        if role == Role.ROW:
            return r
        if role == Role.ACCOUNT_ID:
            return r.account_id
        if role == Role.HAS_FINDINGS:
            return bool(r.findings)
        if role == Role.DECISION:
            return r.decision
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        old = {r.review_account_id: i for i, r in enumerate(self._rows)}
        self._rows.sort(key=_SORT_KEYS[Column(column)], reverse=order == Qt.SortOrder.DescendingOrder)
        self._reindex()
        moved_from, moved_to = [], []
        for i, r in enumerate(self._rows):
            j = old[r.review_account_id]
            if i != j:
                for c in range(len(Column)):
                    moved_from.append(self.createIndex(j, c))
                    moved_to.append(self.createIndex(i, c))
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()


class ReviewAccountsFilter(QSortFilterProxyModel):
    """Text, system, findings-only and undecided-only filters; sorting is left to the source model."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._system_id: int | None = None
        self._findings_only = False
        self._undecided_only = False
        self._kind: str | None = None

    def set_filter(self, *, text: str | None = None, system_id: int | None | bool = False,
                   findings_only: bool | None = None, undecided_only: bool | None = None,
                   kind: str | None | bool = False) -> None:
        begin = getattr(self, "beginFilterChange", None)  # Qt 6.9+; invalidateRowsFilter before
        if begin:
            begin()
        if text is not None:
            self._text = text.strip().casefold()
        if system_id is not False:
            self._system_id = system_id  # type: ignore[assignment]
        if findings_only is not None:
            self._findings_only = findings_only
        if undecided_only is not None:
            self._undecided_only = undecided_only
        if kind is not False:
            self._kind = kind  # type: ignore[assignment]
        if begin:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        r: ReviewRow = self.sourceModel().row_at(source_row)
        if self._system_id is not None and r.system_id != self._system_id:
            return False
        if self._findings_only and not r.findings:
            return False
        if self._kind is not None and self._kind not in r.findings:
            return False
        if self._undecided_only and r.decision is not None:
            return False
        if self._text:
            hay = f"{r.login} {r.name or ''} {r.person or ''} {r.department or ''} {r.native_level or ''}".casefold()
            return self._text in hay
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def source_row(self, proxy_row: int) -> ReviewRow:
        return self.sourceModel().row_at(self.mapToSource(self.index(proxy_row, 0)).row())
