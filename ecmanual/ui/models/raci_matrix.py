"""The RACI matrix as one table model: a header row per process, a row per step, a column per party.

The vertical header names the step (or the process on its header row), so it stays in view
while the parties scroll; the columns are the parties (departments, then job roles). Cells are
coloured by code and the note is the tooltip. Validation issues are kept per step, party and
cell: a step's issues colour its row header, a party's its column header, a cell's its text.
The model holds plain service data only and is filled with `set_matrix` / `set_issues`; an edit saved
elsewhere is shown with `update_cell`.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain import raci as rules
from ...services.raci import CellInfo, Matrix, PartyInfo, ProcessInfo, StepInfo

CONTEXT = "RaciMatrixModel"
CODE_COLOURS = {"R": "#C6EFCE", "A": "#FFC7CE", "C": "#FFEB9C", "I": "#DDEBF7"}  # as in the exports
SEVERITY_COLOURS = {rules.ERROR: "#C0392B", rules.WARNING: "#C77C02"}
PROCESS_ROW_COLOUR = "#E4E8EE"
CODE_NAMES = {
    "R": QT_TRANSLATE_NOOP("RaciMatrixModel", "Responsible: does the work"),
    "A": QT_TRANSLATE_NOOP("RaciMatrixModel", "Accountable: answers for the result and approves (exactly one)"),
    "C": QT_TRANSLATE_NOOP("RaciMatrixModel", "Consulted: asked before"),
    "I": QT_TRANSLATE_NOOP("RaciMatrixModel", "Informed: told after"),
}
CENTER = int(Qt.AlignmentFlag.AlignCenter)


def code_name(code: str) -> str:
    return QCoreApplication.translate(CONTEXT, CODE_NAMES[code]) if code in CODE_NAMES else code


class Role(IntEnum):
    """Custom roles of the matrix model."""

    STEP_ID = Qt.ItemDataRole.UserRole + 1     # int on step rows, None on process rows
    PARTY_KEY = Qt.ItemDataRole.UserRole + 2   # "d:1" / "r:7" on party columns
    CELL = Qt.ItemDataRole.UserRole + 3        # CellInfo or None
    IS_PROCESS = Qt.ItemDataRole.UserRole + 4  # True on a process header row
    SEVERITY = Qt.ItemDataRole.UserRole + 5    # "error" / "warning" / None: an issue points at this cell
    ISSUES = Qt.ItemDataRole.UserRole + 6      # list of RaciIssue messages for this cell


_DISPLAY, _BACKGROUND, _FOREGROUND, _FONT, _ALIGN, _TOOLTIP = (int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole))
_STEP_ID, _PARTY_KEY, _CELL, _IS_PROCESS, _SEVERITY, _ISSUES = (int(r) for r in Role)
_CELL_ROLES = frozenset({_DISPLAY, _BACKGROUND, _FOREGROUND, _FONT, _ALIGN, _TOOLTIP, *(int(r) for r in Role)})


@dataclass(frozen=True)
class _Row:
    process: ProcessInfo
    step: StepInfo | None  # None: the process header row


def _worse(a: str | None, b: str) -> str:
    return rules.ERROR if rules.ERROR in (a, b) else b


class RaciMatrixModel(QAbstractTableModel):
    """Processes and steps × parties; read-only through Qt (edits go through the service)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._parties: list[PartyInfo] = []
        self._cells: list[list[CellInfo | None]] = []  # per row, per party
        self._step_row: dict[int, int] = {}
        self._party_col: dict[str, int] = {}
        self._issues: list[rules.RaciIssue] = []
        self._step_issues: dict[int, list[rules.RaciIssue]] = {}
        self._party_issues: dict[str, list[rules.RaciIssue]] = {}
        self._cell_issues: dict[tuple[int, str], list[rules.RaciIssue]] = {}
        self._brushes = {code: QBrush(QColor(c)) for code, c in CODE_COLOURS.items()}
        self._process_brush = QBrush(QColor(PROCESS_ROW_COLOUR))
        self._severity_brushes = {k: QBrush(QColor(c)) for k, c in SEVERITY_COLOURS.items()}
        self._bold = QFont()
        self._bold.setBold(True)

    # --- data in ---------------------------------------------------------------------------
    def set_matrix(self, matrix: Matrix) -> None:
        self.beginResetModel()
        self._parties = list(matrix.parties)
        self._party_col = {p.key: i for i, p in enumerate(self._parties)}
        self._rows, self._cells, self._step_row = [], [], {}
        for proc in matrix.processes:
            self._rows.append(_Row(proc, None))
            self._cells.append([])
            for st in proc.steps:
                self._step_row[st.id] = len(self._rows)
                self._rows.append(_Row(proc, st))
                self._cells.append([st.cells.get(p.key) for p in self._parties])
        self._index_issues()
        self.endResetModel()

    def set_issues(self, issues: list[rules.RaciIssue]) -> None:
        self._issues = list(issues)
        self._index_issues()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._parties) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._rows) - 1)
        if self._parties:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._parties) - 1)

    def _index_issues(self) -> None:
        self._step_issues = defaultdict(list)
        self._party_issues = defaultdict(list)
        self._cell_issues = defaultdict(list)
        for i in self._issues:
            if i.step_id is not None and i.party:
                self._cell_issues[(i.step_id, i.party)].append(i)
            elif i.step_id is not None:
                self._step_issues[i.step_id].append(i)
            elif i.party:
                self._party_issues[i.party].append(i)

    def update_cell(self, step_id: int, party_key: str, cell: CellInfo | None) -> None:
        """Show a cell as saved (a new version, a new code or none)."""
        row, col = self._step_row.get(step_id), self._party_col.get(party_key)
        if row is None or col is None:
            return
        self._cells[row][col] = cell
        index = self.index(row, col)
        self.dataChanged.emit(index, index)

    def retranslate(self) -> None:
        if self._parties:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._parties) - 1)
        if self._rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._rows) - 1)
        if self._rows and self._parties:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._parties) - 1))

    # --- queries ---------------------------------------------------------------------------
    @property
    def parties(self) -> list[PartyInfo]:
        return list(self._parties)

    @property
    def issues(self) -> list[rules.RaciIssue]:
        return list(self._issues)

    def party_at(self, column: int) -> PartyInfo | None:
        return self._parties[column] if 0 <= column < len(self._parties) else None

    def step_at(self, row: int) -> StepInfo | None:
        return self._rows[row].step if 0 <= row < len(self._rows) else None

    def process_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if r.step is None]

    def cell(self, step_id: int, party_key: str) -> CellInfo | None:
        row, col = self._step_row.get(step_id), self._party_col.get(party_key)
        return None if row is None or col is None else self._cells[row][col]

    def index_of(self, step_id: int | None, party_key: str | None = None) -> QModelIndex:
        """The cell of a step and party; the step's first cell or the party's first step when one is None."""
        row = self._step_row.get(step_id) if step_id is not None else next(iter(self._step_row.values()), None)
        col = self._party_col.get(party_key) if party_key else 0
        return self.index(row, col) if row is not None and col is not None else QModelIndex()

    def step_count(self) -> int:
        return len(self._step_row)

    # --- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._parties)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._rows):
                return None
            row = self._rows[section]
            return self._process_data(row.process, role) if row.step is None else self._step_data(row.step, role)
        if not 0 <= section < len(self._parties):
            return None
        party = self._parties[section]
        issues = self._party_issues.get(party.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return party.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._party_tooltip(party, issues)
        if role == Qt.ItemDataRole.ForegroundRole and issues:
            return self._severity_brushes[self._severity(issues)]
        if role == Role.PARTY_KEY:
            return party.key
        if role == Role.SEVERITY:
            return self._severity(issues) if issues else None
        return None

    def _party_tooltip(self, party: PartyInfo, issues) -> str:
        kind = self.tr("Department") if party.kind == "department" else self.tr("Job role")
        lines = [f"<b>{html.escape(party.name)}</b> ({kind})"]
        if party.kind == "role":
            nobody = self.tr("nobody")
            lines.append(self.tr("Holders: %1").replace("%1", html.escape("、".join(party.holders) or nobody)))
            lines.append(self.tr("Deputies: %1").replace("%1", html.escape("、".join(party.deputies) or nobody)))
        lines += [f"※ {html.escape(i.message)}" for i in issues or ()]
        return "<br>".join(lines)

    @staticmethod
    def _severity(issues) -> str:
        out = None
        for i in issues:
            out = _worse(out, i.severity)
        return out or rules.WARNING

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Called for every role of every visible cell on each paint: plain ints, early exits.
        if role not in _CELL_ROLES or not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not 0 <= r < len(self._rows) or not 0 <= c < len(self._parties):
            return None
        cells = self._cells[r]
        if not cells:  # a process header row
            if role == _BACKGROUND:
                return self._process_brush
            return True if role == _IS_PROCESS else None
        cell = cells[c]
        if role == _DISPLAY:
            return cell.code if cell else None
        if role == _BACKGROUND:
            return self._brushes.get(cell.code) if cell else None
        if role == _ALIGN:
            return CENTER
        step = self._rows[r].step
        if role in (_FOREGROUND, _FONT):
            if not self._cell_issues:
                return None
            issues = self._cell_issues.get((step.id, self._parties[c].key))
            if not issues:
                return None
            return self._severity_brushes[self._severity(issues)] if role == _FOREGROUND else self._bold
        if role in (_SEVERITY, _ISSUES, _TOOLTIP):
            issues = self._cell_issues.get((step.id, self._parties[c].key))
            if role == _SEVERITY:
                return self._severity(issues) if issues else None
            if role == _ISSUES:
                return [i.message for i in issues or ()]
            return self._cell_tooltip(step, self._parties[c], cell, issues)
        if role == _CELL:
            return cell
        if role == _STEP_ID:
            return step.id
        if role == _PARTY_KEY:
            return self._parties[c].key
        return False  # _IS_PROCESS

    def _process_data(self, proc: ProcessInfo, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return proc.name
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return html.escape(proc.description or proc.name).replace("\n", "<br>")
        if role == Role.IS_PROCESS:
            return True
        return None

    def _step_data(self, st: StepInfo, role: int):
        issues = self._step_issues.get(st.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{st.seq}. {st.name}" + (self.tr(" (four eyes)") if st.four_eyes else "")
        if role == Qt.ItemDataRole.ForegroundRole and issues:
            return self._severity_brushes[self._severity(issues)]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"<b>{html.escape(st.name)}</b>"]
            if st.four_eyes:
                lines.append(self.tr("Four eyes: the Responsible and the Accountable must be different people."))
            if st.description:
                lines.append(html.escape(st.description).replace("\n", "<br>"))
            lines += [f"※ {html.escape(i.message)}" for i in issues or ()]
            return "<br>".join(lines)
        if role == Role.SEVERITY:
            return self._severity(issues) if issues else None
        if role == Role.ISSUES:
            return [i.message for i in issues or ()]
        if role == Role.STEP_ID:
            return st.id
        if role == Role.IS_PROCESS:
            return False
        return None

    def _cell_tooltip(self, st: StepInfo, party: PartyInfo, cell: CellInfo | None, issues) -> str | None:
        if cell is None and not issues:
            return None
        lines = [f"{html.escape(st.name)} × {html.escape(party.name)}"]
        if cell:
            lines.append(f"<b>{cell.code}</b> — {html.escape(code_name(cell.code))}")
            if cell.note:
                lines.append(self.tr("Note: %1").replace("%1", html.escape(cell.note)))
        lines += [f"※ {html.escape(i.message)}" for i in issues or ()]
        return "<br>".join(lines)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        if 0 <= index.row() < len(self._rows) and self._rows[index.row()].step is not None:
            flags |= Qt.ItemFlag.ItemIsSelectable
        return flags
