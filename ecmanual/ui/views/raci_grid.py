"""The matrix grid: a table view keyed for R/A/C/I/Delete, with a context menu.

No Python item delegate: every visible cell would call it on each paint, and the model's
roles (colours, fonts) already say everything the grid shows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from ...domain import raci as rules
from ..models.raci_matrix import RaciMatrixModel, Role, code_name

CODE_KEYS = {Qt.Key.Key_R: "R", Qt.Key.Key_A: "A", Qt.Key.Key_C: "C", Qt.Key.Key_I: "I"}
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
CELL_WIDTH, MAX_CELL_WIDTH, STEP_HEADER_WIDTH = 84, 170, 230


class RaciGrid(QTableView):
    """Cells are set with the keys R, A, C, I and cleared with Delete/Backspace (or the menu);
    the view only asks: the page saves through the service and owns undo."""

    codeRequested = Signal(str)  # "R" | "A" | "C" | "I" | "" (clear)
    noteRequested = Signal()

    def __init__(self, model: RaciMatrixModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.editable = True
        self.extra_actions: list[QAction] = []  # undo/redo, shown in the context menu
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        h = self.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        h.setDefaultSectionSize(CELL_WIDTH)
        h.setHighlightSections(False)
        v = self.verticalHeader()
        v.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        v.setDefaultSectionSize(self.fontMetrics().height() + 10)
        v.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        v.setFixedWidth(STEP_HEADER_WIDTH)
        v.setHighlightSections(False)
        model.modelReset.connect(self._spans)

    def _spans(self) -> None:
        """A process's header row is one grey band across the parties; each party column is as
        wide as its name needs (within limits)."""
        self.clearSpans()
        model = self.model()
        columns = model.columnCount()
        metrics = self.horizontalHeader().fontMetrics()
        for column in range(columns):
            name = model.headerData(column, Qt.Orientation.Horizontal) or ""
            self.horizontalHeader().resizeSection(column, max(CELL_WIDTH, min(MAX_CELL_WIDTH,
                                                                              metrics.horizontalAdvance(name) + 16)))
        if columns > 1:
            for row in model.process_rows():
                self.setSpan(row, 0, 1, columns)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if plain and self.editable:
            key = Qt.Key(event.key())
            if key in CODE_KEYS:
                self.codeRequested.emit(CODE_KEYS[key])
                event.accept()
                return
            if key in CLEAR_KEYS:
                self.codeRequested.emit("")
                event.accept()
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index) and index.data(Role.STEP_ID):
            self.setCurrentIndex(index)
        menu = self.build_menu()
        menu.exec(event.globalPos())

    def build_menu(self) -> QMenu:
        menu = QMenu(self)
        has_cells = any(i.data(Role.STEP_ID) for i in self.selectedIndexes())
        for code in rules.CODES:
            action = menu.addAction(f"{code}  {code_name(code)}")
            action.setShortcut(code)
            action.setEnabled(self.editable and has_cells)
            action.triggered.connect(lambda _checked=False, c=code: self.codeRequested.emit(c))
        clear = menu.addAction(self.tr("Clear"))
        clear.setShortcut("Del")
        clear.setEnabled(self.editable and has_cells)
        clear.triggered.connect(lambda: self.codeRequested.emit(""))
        menu.addSeparator()
        note = menu.addAction(self.tr("Edit note…"))
        note.setEnabled(self.editable and len(self.selectedIndexes()) == 1 and has_cells)
        note.triggered.connect(self.noteRequested.emit)
        if self.extra_actions:
            menu.addSeparator()
            for action in self.extra_actions:
                menu.addAction(action)
        return menu
