"""The accounts of a review as a table: cached rows, findings highlighted, sorted in Python.

Tens of thousands of rows stay fast because the rows are plain tuples-like dataclasses held
in a list, `data()` is a switch on the column, sorting happens on that list (one key per row,
not a Python call per comparison), and the filter proxy reads the row object directly.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QAbstractProxyModel,
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
_COLUMNS = tuple(Column)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_UNUSED_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.SizeHintRole, Qt.ItemDataRole.StatusTipRole, Qt.ItemDataRole.WhatsThisRole,
    Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole, Qt.ItemDataRole.EditRole))

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
        return self.row_data(self._rows[index.row()], index.column(), role)

    def row_data(self, r: ReviewRow, column_number: int, role: int):
        """`data()` of one row's cell (the filter proxy calls it directly)."""
        if role in _UNUSED_ROLES:  # asked for every painted cell; answered without more work
            return None
        column = _COLUMNS[column_number]
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
        return _FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        # Only the indexes someone holds (selection, current row) are moved: not one per cell.
        held = self.persistentIndexList()
        ids = [self._rows[p.row()].review_account_id for p in held]
        self._rows.sort(key=_SORT_KEYS[Column(column)], reverse=order == Qt.SortOrder.DescendingOrder)
        self._reindex()
        self.changePersistentIndexList(held, [self.index(self._index[i], p.column()) for i, p in zip(ids, held)])
        self.layoutChanged.emit()


def _haystacks(rows: list[ReviewRow]) -> list[str]:
    """What the text filter searches in, per row (one comprehension, no call per row)."""
    return [f"{r.login} {r.name or ''} {r.person or ''} {r.department or ''} {r.native_level or ''}".casefold()
            for r in rows]


class ReviewAccountsFilter(QAbstractProxyModel):
    """Text, system, findings-only and undecided-only filters; sorting is left to the source model.

    A QSortFilterProxyModel asks Python once per row on every keystroke and then updates its
    mapping range by range, which takes several hundred milliseconds at 100,000 rows. Here the
    accepted source rows are one list computed by a comprehension over cached search texts, a
    filter change is a model reset (the view keeps its current row by account), and Python is
    asked only about the cells being painted. A changed row (a decision) is removed or inserted
    when it stops or starts passing, as a dynamic QSortFilterProxyModel would do.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._system_id: int | None = None
        self._findings_only = False
        self._undecided_only = False
        self._kind: str | None = None
        self._visible: list[int] = []  # accepted source rows, ascending: a source row's proxy row is a bisect
        self._hays: list[str] | None = None  # per source row, built at the first text filter
        self._shown_text = ""  # the text the visible rows were last filtered with
        self._held: list[tuple[QPersistentModelIndex, int | None]] = []

    # --- filtering -------------------------------------------------------------------------

    def set_filter(self, *, text: str | None = None, system_id: int | None | bool = False,
                   findings_only: bool | None = None, undecided_only: bool | None = None,
                   kind: str | None | bool = False) -> None:
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
        visible = self._accepted()
        if visible != self._visible:
            self.beginResetModel()
            self._set_visible(visible)
            self.endResetModel()

    def _accepts(self, r: ReviewRow) -> bool:
        if self._system_id is not None and r.system_id != self._system_id:
            return False
        if self._findings_only and not r.findings:
            return False
        if self._kind is not None and self._kind not in r.findings:
            return False
        if self._undecided_only and r.decision is not None:
            return False
        if self._text:
            return self._text in _haystacks([r])[0]
        return True

    def _haystack_list(self) -> list[str]:
        if self._hays is None:
            source = self.sourceModel()
            self._hays = _haystacks(source._rows if source is not None else [])
        return self._hays

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        return self._accepts(self.sourceModel().row_at(source_row))

    def _accepted(self) -> list[int]:
        source = self.sourceModel()
        rows = source._rows if source is not None else []
        plain = self._system_id is None and not (self._findings_only or self._kind or self._undecided_only)
        shown, self._shown_text = self._shown_text, self._text if plain else ""
        if plain and not self._text:
            return list(range(len(rows)))
        if plain:  # the per-keystroke case: one comprehension over the cached texts
            text, hays = self._text, self._haystack_list()
            if shown and shown in text:  # typing on only narrows what is shown
                return [i for i in self._visible if text in hays[i]]
            return [i for i, h in enumerate(hays) if text in h]
        accepts = self._accepts
        return [i for i, r in enumerate(rows) if accepts(r)]

    def _set_visible(self, visible: list[int]) -> None:
        self._visible = visible

    def _proxy_row(self, source_row: int) -> int | None:
        """The proxy row of a source row, None when it is filtered out (no dict of 100,000 rows
        rebuilt on every keystroke: `_visible` is in source order)."""
        p = bisect_left(self._visible, source_row)
        return p if p < len(self._visible) and self._visible[p] == source_row else None

    # --- the source model's signals --------------------------------------------------------

    def setSourceModel(self, model) -> None:  # noqa: N802 (Qt name)
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._connections(old):
                signal.disconnect(slot)
        self.beginResetModel()
        super().setSourceModel(model)
        self._hays = None
        if model is not None:
            for signal, slot in self._connections(model):
                signal.connect(slot)
        self._set_visible(self._accepted())
        self.endResetModel()

    def _connections(self, model):
        return [(model.modelAboutToBeReset, self.beginResetModel), (model.modelReset, self._source_reset),
                (model.layoutAboutToBeChanged, self._source_layout_about), (model.layoutChanged, self._source_layout),
                (model.dataChanged, self._source_data), (model.headerDataChanged, self.headerDataChanged)]

    def _source_reset(self) -> None:
        self._hays = None
        self._shown_text = ""
        self._set_visible(self._accepted())
        self.endResetModel()

    def _source_layout_about(self, *args) -> None:
        self.layoutAboutToBeChanged.emit()
        source = self.sourceModel()
        self._held = [(p, source.row_at(self._visible[p.row()]).review_account_id
                       if 0 <= p.row() < len(self._visible) else None) for p in self.persistentIndexList()]

    def _source_layout(self, *args) -> None:
        self._hays = None
        self._shown_text = ""
        self._set_visible(self._accepted())
        source = self.sourceModel()
        held, self._held = self._held, []
        new = []
        for p, ra_id in held:
            s = source.row_of(ra_id) if ra_id is not None else None
            row = self._proxy_row(s) if s is not None else None
            new.append(self.index(row, p.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList([p for p, _ in held], new)
        self.layoutChanged.emit()

    def _source_data(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        source = self.sourceModel()
        if bottom_right.row() - top_left.row() > 100:  # e.g. every row retranslated: filter afresh
            self._hays, self._shown_text = None, ""
            visible = self._accepted()
            if visible != self._visible:
                self.beginResetModel()
                self._set_visible(visible)
                self.endResetModel()
            elif visible:
                self.dataChanged.emit(self.index(0, top_left.column()),
                                      self.index(len(visible) - 1, bottom_right.column()), roles)
            return
        for s in range(top_left.row(), bottom_right.row() + 1):
            r = source.row_at(s)
            if self._hays is not None:
                self._hays[s] = _haystacks([r])[0]
            p, wanted = self._proxy_row(s), self._accepts(r)
            shown = p is not None
            if shown and wanted:
                self.dataChanged.emit(self.index(p, top_left.column()), self.index(p, bottom_right.column()), roles)
            elif shown:
                self.beginRemoveRows(QModelIndex(), p, p)
                self._set_visible(self._visible[:p] + self._visible[p + 1:])
                self.endRemoveRows()
            elif wanted:
                p = bisect_left(self._visible, s)
                self.beginInsertRows(QModelIndex(), p, p)
                self._set_visible(self._visible[:p] + [s] + self._visible[p:])
                self.endInsertRows()

    # --- Qt proxy interface ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._visible) and 0 <= column < len(Column)):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index=None):  # type: ignore[override]
        if index is None:
            return super().parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and bool(self._visible)

    def mapToSource(self, proxy_index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        source = self.sourceModel()
        if source is None or not proxy_index.isValid() or not 0 <= proxy_index.row() < len(self._visible):
            return QModelIndex()
        return source.index(self._visible[proxy_index.row()], proxy_index.column())

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Straight to the row: no mapToSource and source index per painted cell and role.
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._visible):
            return None
        source = self.sourceModel()
        return source.row_data(source.row_at(self._visible[row]), index.column(), role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def mapFromSource(self, source_index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self._proxy_row(source_index.row())
        return QModelIndex() if row is None else self.createIndex(row, source_index.column())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        source = self.sourceModel()
        if orientation == Qt.Orientation.Horizontal and source is not None:
            return source.headerData(section, orientation, role)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def proxy_row_near(self, source_row: int) -> int:
        """The proxy row of a source row, or where it would be if it passed the filter."""
        return bisect_left(self._visible, source_row)

    def source_row(self, proxy_row: int) -> ReviewRow:
        return self.sourceModel().row_at(self._visible[proxy_row])
