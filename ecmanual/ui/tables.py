"""Table views set up the same way in every content area: rows, sorting, sizes, selection."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QTreeView, QWidget

from .geometry import ui_state
from .models.rows import Role

SAVE_DELAY_MS = 400  # a drag resizes a column many times: write once it settles


def make_table(model: QAbstractItemModel, parent: QWidget | None = None, *, sortable: bool = True,
               widths: dict[int, int] | None = None, stretch_last: bool = True) -> QTableView:
    """A read-only, row-selecting table over `model` (through a sorting proxy when sortable)."""
    view = QTableView(parent)
    if sortable and not isinstance(model, QSortFilterProxyModel):
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(Role.SORT)
        model = proxy
    view.setModel(model)
    if sortable:  # keep the service's order until the user clicks a header
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(stretch_last)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    for column, width in (widths or {}).items():
        view.setColumnWidth(column, width)
    _fit_columns_once(view)
    return view


FIT_MAX_WIDTH = 360


def _fit_columns_once(view: QTableView) -> None:
    """When the first rows arrive, widen the columns whose contents (dates, times, names) are
    cut off at their preset width, unless the user's own widths were restored
    (`remember_header`). Later loads leave the widths to the user."""
    model = view.model()
    done = False

    def fit(*_args) -> None:
        nonlocal done
        if done or not shiboken6.isValid(view) or model.rowCount() == 0:
            return  # fitted already, or the table is gone while its model lives on
        if not view.isVisible():  # a hidden table measures every row, not the visible ones
            _when_shown(view, fit)
            return
        done = True
        if view.property("headerRestored"):
            return
        header = view.horizontalHeader()
        last = header.count() - 1
        for column in range(header.count()):
            if header.isSectionHidden(column) or (column == last and header.stretchLastSection()):
                continue
            wanted = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
            if wanted > view.columnWidth(column):
                view.setColumnWidth(column, min(wanted, FIT_MAX_WIDTH))

    model.modelReset.connect(fit)
    model.rowsInserted.connect(fit)
    model.layoutChanged.connect(fit)


class _OnShow(QObject):
    """Calls `fn` once, soon after `view` is next shown (laid out by then)."""

    def __init__(self, view: QWidget, fn):
        super().__init__(view)
        self.fn = fn
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            watched.setProperty("_fitOnShow", None)
            QTimer.singleShot(0, self.fn)
            self.deleteLater()
        return False


def _when_shown(view: QWidget, fn) -> None:
    if view.property("_fitOnShow") is None:  # one pending fit per table
        view.setProperty("_fitOnShow", _OnShow(view, fn))


def selected_info(view: QTableView):
    """The plain record of the selected row (Role.INFO), or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].data(Role.INFO) if rows else None


def select_record(view: QTableView, record_id) -> bool:
    """Select the row whose Role.ID is `record_id`; False when it is not shown."""
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(Role.ID) == record_id:
            view.selectRow(row)
            view.scrollTo(index)
            return True
    return False


def first_row(view: QTableView) -> QModelIndex:
    return view.model().index(0, 0)


# --- remembered layout ---------------------------------------------------------------------------
# Column widths, order and sort of each table, and splitter positions, live in window-state.ini
# (ui/geometry.py) under one key per view, e.g. "manual/pages". A state saved for another number
# of columns (the view gained one in an update) is ignored rather than misapplied.

def header_of(view: QAbstractItemView) -> QHeaderView:
    return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()  # type: ignore[attr-defined]


def save_header(view: QAbstractItemView, key: str) -> None:
    header = header_of(view)
    settings = ui_state()
    settings.setValue(f"headers/{key}/state", header.saveState())
    settings.setValue(f"headers/{key}/columns", header.count())
    settings.sync()


def restore_header(view: QAbstractItemView, key: str) -> bool:
    """Apply the saved widths/order/sort of `key`; False when none fits this view."""
    header = header_of(view)
    settings = ui_state()
    state, columns = settings.value(f"headers/{key}/state"), settings.value(f"headers/{key}/columns")
    if not state or str(columns) != str(header.count()) or not header.restoreState(state):
        return False
    section = header.sortIndicatorSection()
    if header.isSortIndicatorShown() and 0 <= section < header.count() and view.isSortingEnabled():
        view.sortByColumn(section, header.sortIndicatorOrder())  # type: ignore[attr-defined]
    return True


def _debounced(parent: QWidget, action) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(SAVE_DELAY_MS)
    timer.timeout.connect(action)
    return timer


def remember_header(view: QAbstractItemView, key: str) -> bool:
    """Restore the column widths and sort order saved under `key` and save them whenever the
    user changes them; call once after the view has its model. Returns whether a state was restored."""
    restored = restore_header(view, key)
    view.setProperty("rememberedAs", key)
    view.setProperty("headerRestored", restored)
    header = header_of(view)
    timer = _debounced(header, lambda: save_header(view, key))
    header.sectionResized.connect(lambda *_: timer.start())
    header.sectionMoved.connect(lambda *_: timer.start())
    header.sortIndicatorChanged.connect(lambda *_: timer.start())
    return restored


def remember_splitter(splitter: QSplitter, key: str) -> bool:
    """Restore the splitter's sizes saved under `key` and save them when the user moves it."""
    settings = ui_state()
    state = settings.value(f"splitters/{key}")
    restored = bool(state) and splitter.restoreState(state)

    def save() -> None:
        out = ui_state()
        out.setValue(f"splitters/{key}", splitter.saveState())
        out.sync()

    timer = _debounced(splitter, save)
    splitter.splitterMoved.connect(lambda *_: timer.start())
    return restored
