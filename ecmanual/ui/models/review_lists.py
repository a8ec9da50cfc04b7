"""The small tables of the reviews screen: reviews with progress, findings, remediation, changes.

Each is a `RecordTableModel`: a fixed list of columns (translatable header, display function,
optional background) over plain rows set with `set_rows()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...services.review_remediation import RemediationInfo
from ...services.reviews import ReviewSummary
from .review_accounts import decision_label, kind_label

CONTEXT = "ReviewTables"
WARN_BG = QColor("#fde2e1")
DONE_BG = QColor("#e3f1e1")


@dataclass(frozen=True)
class Col:
    """One column: header source text (context ReviewTables) and how a row shows in it."""

    header: str
    text: Callable[[Any], str]
    align_right: bool = False


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class RecordTableModel(QAbstractTableModel):
    """Read-only rows under fixed columns; Qt.UserRole + 1 gives the row object."""

    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: Sequence[Col], background: Callable[[Any], QColor | None] | None = None,
                 parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._background = background
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return tr(self.columns[section].header)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return col.text(row)
        if role == Qt.ItemDataRole.BackgroundRole and self._background:
            color = self._background(row)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == self.ROW_ROLE:
            return row
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


STATUS = {"open": QT_TRANSLATE_NOOP("ReviewTables", "Open"), "submitted": QT_TRANSLATE_NOOP("ReviewTables", "Waiting for approval"),
          "approved": QT_TRANSLATE_NOOP("ReviewTables", "Approved (locked)")}
ACTIONS = {"change": QT_TRANSLATE_NOOP("ReviewTables", "Change level"), "revoke": QT_TRANSLATE_NOOP("ReviewTables", "Revoke")}
CLOSED_BY = {"import": QT_TRANSLATE_NOOP("ReviewTables", "Import"), "manual": QT_TRANSLATE_NOOP("ReviewTables", "Manual check")}
TASK_STATUS = {"open": QT_TRANSLATE_NOOP("ReviewTables", "To do"), "closed": QT_TRANSLATE_NOOP("ReviewTables", "Closed"),
               "overdue": QT_TRANSLATE_NOOP("ReviewTables", "Overdue")}
CHANGE_KINDS = {"added": QT_TRANSLATE_NOOP("ReviewTables", "Added"), "removed": QT_TRANSLATE_NOOP("ReviewTables", "Removed"),
                "level_changes": QT_TRANSLATE_NOOP("ReviewTables", "Level changed")}


def status_label(status: str) -> str:
    return tr(STATUS.get(status, status))


def _when(value) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def review_list_model(parent=None) -> RecordTableModel:
    cols = [
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Period"), lambda r: r.period),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Status"), lambda r: status_label(r.status)),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Review date"), lambda r: r.started_on.isoformat()),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Progress"), lambda r: f"{r.decided:,} / {r.accounts:,} ({r.progress:.0%})"),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Findings"), lambda r: f"{r.findings:,}", True),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Open remediation"), lambda r: f"{r.open_remediation:,}", True),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Reviewer"), lambda r: r.reviewer or ""),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Approver"), lambda r: r.approver or ""),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Approved at"), lambda r: _when(r.approved_at)),
    ]
    return RecordTableModel(cols, lambda r: DONE_BG if isinstance(r, ReviewSummary) and r.status == "approved"
                            else None, parent)


def findings_model(parent=None) -> RecordTableModel:
    cols = [
        Col(QT_TRANSLATE_NOOP("ReviewTables", "System"), lambda f: f["system"]),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Login"), lambda f: f["login"]),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Name"), lambda f: f["name"] or ""),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Finding"), lambda f: kind_label(f["kind"])),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Detail"), lambda f: f["detail"] or ""),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Decision"), lambda f: decision_label(f["decision"])),
    ]
    return RecordTableModel(cols, lambda f: None if f["decision"] else WARN_BG, parent)


def remediation_model(parent=None) -> RecordTableModel:
    cols = [
        Col(QT_TRANSLATE_NOOP("ReviewTables", "System"), lambda t: t.system),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Login"), lambda t: t.login),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Action"), lambda t: tr(ACTIONS.get(t.action, t.action))
            + (f" → {t.target_level}" if t.target_level else "")),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Due"), lambda t: t.due_date.isoformat()),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Status"), lambda t: tr(TASK_STATUS["closed" if t.status == "closed"
                                                                            else "overdue" if t.overdue else "open"])),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Verified by"), lambda t: tr(CLOSED_BY.get(t.closed_by or "", ""))
            if t.closed_by else ""),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Note"), lambda t: t.note or ""),
    ]

    def background(t: RemediationInfo) -> QColor | None:
        return DONE_BG if t.status == "closed" else WARN_BG if t.overdue else None
    return RecordTableModel(cols, background, parent)


def systems_model(parent=None) -> RecordTableModel:
    """The system inventory: owner, MFA rule, dormancy, accounts, and each level's standard level."""
    cols = [
        Col(QT_TRANSLATE_NOOP("ReviewTables", "System"), lambda x: x.name),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Owner"), lambda x: x.owner or ""),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "MFA required"), lambda x: "✓" if x.mfa_required else ""),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Dormant after (days)"), lambda x: str(x.dormant_days), True),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Accounts"), lambda x: f"{x.accounts:,}", True),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Last import"), lambda x: _when(x.last_import)),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Levels (→ standard level)"),
            lambda x: ", ".join(f"{lv.name} → {lv.standard}" for lv in x.levels)),
    ]
    return RecordTableModel(cols, None, parent)


def comparison_rows(result: dict) -> list[dict]:
    return [{"system": x["system"], "kind": kind, **a} for x in result["systems"]
            for kind in ("added", "removed", "level_changes") for a in x[kind]]


def comparison_model(parent=None) -> RecordTableModel:
    cols = [
        Col(QT_TRANSLATE_NOOP("ReviewTables", "System"), lambda c: c["system"]),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Change"), lambda c: tr(CHANGE_KINDS[c["kind"]])),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Login"), lambda c: c["login"]),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Name"), lambda c: c["name"] or ""),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "Before"), lambda c: c.get("before") or (c["level"] if c["kind"] == "removed"
                                                                                else "") or ""),
        Col(QT_TRANSLATE_NOOP("ReviewTables", "After"), lambda c: c.get("after") or (c["level"] if c["kind"] == "added"
                                                                              else "") or ""),
    ]
    return RecordTableModel(cols, None, parent)
