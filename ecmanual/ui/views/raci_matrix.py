"""マトリクス: the editable RACI grid with undo/redo and the live validation beside it.

Every edit is saved at once through `services.raci.set_cell` with the version the grid shows
(optimistic locking), then pushed on a QUndoStack whose commands save the reverse edit the
same way. A refused save (someone else changed the cell, no permission) shows why and
reloads the matrix. Loading and validating run off the GUI thread.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSpinBox,
    QSplitter, QStyle, QVBoxLayout, QWidget,
)

from ...domain import raci as rules
from ...domain.errors import ConflictError, EcmanualError
from ...domain.permissions import Permission
from ...services import raci
from ...services.exports import ExportParams
from .. import feedback
from ..context import UiContext
from ..messages import service_message
from ..models.raci_matrix import CODE_COLOURS, RaciMatrixModel, Role, code_name
from ..tables import remember_splitter
from ..tasks import run_task
from .raci_grid import RaciGrid

logger = logging.getLogger(__name__)

Value = tuple[str, str | None] | None  # (code, note), or no cell


@dataclass(frozen=True)
class CellEdit:
    """One cell's value before and after an edit."""

    step_id: int
    party_key: str
    before: Value
    after: Value


class SetCellsCommand(QUndoCommand):
    """Undoable edit of one or more cells. The edit is saved before the command is pushed, so the
    first redo (which QUndoStack.push runs) does nothing; a refused undo/redo makes it obsolete."""

    def __init__(self, page: RaciMatrixPage, edits: list[CellEdit], text: str):
        super().__init__(text)
        self.page, self.edits, self._pushed = page, edits, False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        if not self.page.save_edits(self.edits, forward=True):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.page.save_edits(self.edits, forward=False):
            self.setObsolete(True)


class RaciMatrixPage(QWidget):
    """The grid, its toolbar (reload, undo, redo, all roles, overload threshold, export) and the issues list."""

    loaded = Signal()           # matrix and issues are shown
    issuesRefreshed = Signal()
    changed = Signal()          # a cell was saved

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.may_edit = ctx.actor.may(Permission.EDIT)
        self.last_message: QMessageBox | None = None
        self._generation = 0
        self.model = RaciMatrixModel(self)
        self.grid = RaciGrid(self.model)
        self.grid.editable = self.may_edit
        self.grid.codeRequested.connect(lambda code: self.set_code(code or None))
        self.grid.noteRequested.connect(self._ask_note)
        self.undo_stack = QUndoStack(self)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        for action, key in ((self.undo_action, QKeySequence.StandardKey.Undo),
                            (self.redo_action, QKeySequence.StandardKey.Redo)):
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.grid.extra_actions = [self.undo_action, self.redo_action]

        self.reload_button, self.undo_button, self.redo_button = QPushButton(), QPushButton(), QPushButton()
        self.export_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        self.export_button.setEnabled(ctx.actor.may(Permission.EXPORT))
        self.all_roles = QCheckBox()
        self.all_roles.toggled.connect(lambda _on: self.reload())
        self.threshold_label = QLabel()
        self.threshold = QSpinBox()
        self.threshold.setRange(1, 99)
        self.threshold.setValue(rules.DEFAULT_OVERLOAD)
        self.threshold.valueChanged.connect(lambda _v: self.refresh_issues())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        for w in (self.reload_button, self.undo_button, self.redo_button):
            top.addWidget(w)
        top.addSpacing(12)
        top.addWidget(self.all_roles)
        top.addSpacing(12)
        top.addWidget(self.threshold_label)
        top.addWidget(self.threshold)
        top.addStretch(1)
        top.addWidget(self.export_button)

        self.issues_title = QLabel()
        self.issues = QListWidget()
        self.issues.setWordWrap(True)
        self.issues.setAlternatingRowColors(True)
        self.issues.itemClicked.connect(self._show_issue)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.issues_title)
        side_layout.addWidget(self.issues, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.grid)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 320])
        remember_splitter(splitter, "RaciMatrixPage/splitter")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.legend)
        self.retranslate_ui()

    # --- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the matrix and its issues off the GUI thread. The undo history is kept: an undo
        refuses when its cell no longer shows what the edit left there."""
        self._generation += 1
        generation, db, on_all = self._generation, self.ctx.db, self.all_roles.isChecked()
        threshold = self.threshold.value()
        if not self.model.rowCount():
            self.issues_title.setText(self.tr("Loading the matrix…"))

        def work(_progress, _cancel):
            return raci.load_matrix(db, all_roles=on_all), raci.validate(db, overload_threshold=threshold)

        run_task(work, on_success=lambda result: self._loaded(generation, *result), parent=self)

    def _loaded(self, generation: int, matrix: raci.Matrix, issues: list[rules.RaciIssue]) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        self.model.set_matrix(matrix)
        self._show_issues(issues)
        self.loaded.emit()

    def refresh_issues(self) -> None:
        self._generation += 1
        generation, db, threshold = self._generation, self.ctx.db, self.threshold.value()

        def done(issues) -> None:
            if generation == self._generation:
                self._show_issues(issues)
                self.issuesRefreshed.emit()

        run_task(lambda _p, _c: raci.validate(db, overload_threshold=threshold), on_success=done, parent=self)

    def _show_issues(self, issues: list[rules.RaciIssue]) -> None:
        self.model.set_issues(issues)
        self.issues.clear()
        style = self.style()
        icons = {rules.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 rules.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        for issue in sorted(issues, key=lambda i: i.severity != rules.ERROR):
            item = QListWidgetItem(icons[issue.severity], issue.message)
            item.setData(Qt.ItemDataRole.UserRole, issue)
            self.issues.addItem(item)
        errors = sum(i.severity == rules.ERROR for i in issues)
        self.issues_title.setText(self.tr("Checks: %1 errors, %2 warnings").replace("%1", str(errors))
                                  .replace("%2", str(len(issues) - errors)) if issues else self.tr("Checks: no issues"))

    def _show_issue(self, item: QListWidgetItem) -> None:
        issue: rules.RaciIssue = item.data(Qt.ItemDataRole.UserRole)
        index = self.model.index_of(issue.step_id, issue.party)
        if index.isValid():
            self.grid.setCurrentIndex(index)
            self.grid.scrollTo(index)

    # --- editing ---------------------------------------------------------------------------
    def selected_targets(self) -> list[tuple[int, str]]:
        out = []
        for index in sorted(self.grid.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column())):
            step_id, party = index.data(Role.STEP_ID), index.data(Role.PARTY_KEY)
            if step_id and party:
                out.append((step_id, party))
        return out

    def select_cell(self, step_id: int, party_key: str) -> None:
        index = self.model.index_of(step_id, party_key)
        self.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _value(self, step_id: int, party_key: str) -> Value:
        cell = self.model.cell(step_id, party_key)
        return (cell.code, cell.note) if cell else None

    def set_code(self, code: str | None, targets: list[tuple[int, str]] | None = None) -> bool:
        """Give the selected cells (or `targets`) this code, keeping their notes; None clears them."""
        edits = []
        for step_id, party in targets if targets is not None else self.selected_targets():
            before = self._value(step_id, party)
            after = (code, before[1] if before else None) if code else None
            if after != before:
                edits.append(CellEdit(step_id, party, before, after))
        text = self.tr("Set %1").replace("%1", code) if code else self.tr("Clear cells")
        return self._edit(edits, text)

    def set_note(self, step_id: int, party_key: str, note: str | None) -> bool:
        before = self._value(step_id, party_key)
        if before is None:
            return False
        edit = CellEdit(step_id, party_key, before, (before[0], (note or "").strip() or None))
        return self._edit([edit] if edit.after != before else [], self.tr("Edit note"))

    def _ask_note(self) -> None:
        targets = self.selected_targets()
        if len(targets) != 1 or self._value(*targets[0]) is None:
            return
        current = self._value(*targets[0])
        text, ok = QInputDialog.getText(self, self.tr("Note"), self.tr("Note for this cell (e.g. 主担当, 表現確認):"),
                                        text=current[1] or "")
        if ok:
            self.set_note(*targets[0], text)

    def _edit(self, edits: list[CellEdit], text: str) -> bool:
        if not edits:
            return False
        done = self._save(edits, forward=True)
        if done:
            self.undo_stack.push(SetCellsCommand(self, done, text))
        return len(done) == len(edits)

    def save_edits(self, edits: list[CellEdit], forward: bool) -> bool:
        """Save edits (forward) or their reverse (undo); False when a save was refused."""
        order = edits if forward else list(reversed(edits))
        return len(self._save(order, forward)) == len(order)

    def _save(self, edits: list[CellEdit], forward: bool) -> list[CellEdit]:
        saved: list[CellEdit] = []
        for e in edits:
            value, expected = (e.after, e.before) if forward else (e.before, e.after)
            current = self.model.cell(e.step_id, e.party_key)
            if ((current.code, current.note) if current else None) != expected:
                self._changed_since()
                break
            try:
                cell = raci.set_cell(self.ctx.db, self.ctx.actor, e.step_id, e.party_key,
                                     value[0] if value else None, value[1] if value else None,
                                     expected_version=current.version if current else 0)
            except EcmanualError as exc:
                logger.info("RACI edit refused: %s", exc)
                self._refused(exc)
                break
            self.model.update_cell(e.step_id, e.party_key, cell)
            saved.append(e)
        if saved:
            self.changed.emit()
            self.refresh_issues()
        return saved

    def _changed_since(self) -> None:
        self._message(self.tr("This cell no longer shows what the edit left there (it was changed since), "
                              "so the edit cannot be undone or redone. The step is dropped from the undo history."))

    def _message(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved"), text, QMessageBox.StandardButton.Ok, self)
        box.open()
        self.last_message = box

    def _refused(self, exc: EcmanualError) -> None:
        if isinstance(exc, ConflictError):
            text = self.tr("Someone else changed this cell after the matrix was loaded. The matrix has been "
                           "reloaded; check the cell and try again.")
        else:
            text = service_message(exc)
        self._message(text)
        if isinstance(exc, ConflictError):
            self.reload()

    def export(self) -> None:
        params = ExportParams(external=False, options={"threshold": self.threshold.value()})
        feedback.export_with_dialog(self, self.ctx, "raci", "RACI表", params)

    # --- texts -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.reload_button.setText(self.tr("Reload"))
        self.undo_button.setText(self.tr("Undo"))
        self.redo_button.setText(self.tr("Redo"))
        self.export_button.setText(self.tr("Export…"))
        self.all_roles.setText(self.tr("Show every job role"))
        self.all_roles.setToolTip(self.tr("Also show job roles that have no cell yet, to give them one."))
        self.threshold_label.setText(self.tr("Overloaded above"))
        self.threshold.setSuffix(self.tr(" R per party"))
        self.threshold.setToolTip(self.tr("A party with more R cells than this is reported as overloaded."))
        if self.may_edit:
            self.hint.setText(self.tr("Select cells and press R, A, C or I to set them, Delete to clear them "
                                      "(or right-click). Each step needs exactly one A and at least one R."))
        else:
            self.hint.setText(self.tr("You may view the matrix; changing it needs the edit permission."))
        chips = "".join(f'<span style="background:{CODE_COLOURS[c]}; color:#1b1b1b">&nbsp;<b>{c}</b>&nbsp;</span> '
                        f'{html.escape(code_name(c).split(":")[0].split("：")[0])}&nbsp;&nbsp;' for c in rules.CODES)
        self.legend.setText(chips)
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
