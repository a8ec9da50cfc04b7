"""Table views set up the same way in every content area: rows, sorting, sizes, selection."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .models.rows import Role


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
    return view


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
