"""Column widths, sort orders and splitter positions come back when a view is built again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView

from ecmanual.ui.areas import AREAS
from ecmanual.ui.context import UiContext
from ecmanual.ui.geometry import ui_state
from ecmanual.ui.tables import header_of, remember_header

pytestmark = pytest.mark.gui


def _glossary(qtbot, seeded_db, admin):
    from ecmanual.ui.views.glossary import GlossaryView

    view = GlossaryView(UiContext(seeded_db, admin, "test.sqlite3"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.loader.loading, timeout=10000)
    return view


def test_width_and_sort_survive_rebuilding_the_view(qtbot, seeded_db, admin):
    view = _glossary(qtbot, seeded_db, admin)
    assert view.table.property("rememberedAs") == "GlossaryView/table"
    assert view.table.model().rowCount() > 3
    view.table.setColumnWidth(1, 333)
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: ui_state().value("headers/GlossaryView/table/state") is not None, timeout=3000)
    first_shown = view.table.model().index(0, 0).data()
    view.close()  # not deleteLater(): waiting for the next view's load would delete it under qtbot

    again = _glossary(qtbot, seeded_db, admin)
    header = again.table.horizontalHeader()
    assert again.table.columnWidth(1) == 333
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.DescendingOrder)
    assert again.table.model().index(0, 0).data() == first_shown  # the rows are sorted, not only the arrow


def test_a_state_for_another_number_of_columns_is_ignored(qtbot):
    from PySide6.QtGui import QStandardItemModel

    model = QStandardItemModel(2, 3)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setColumnWidth(0, 250)
    settings = ui_state()
    settings.setValue("headers/t/state", header_of(view).saveState())
    settings.setValue("headers/t/columns", 3)
    settings.sync()

    model.setColumnCount(4)
    other = QTableView()
    qtbot.addWidget(other)
    other.setModel(model)
    assert remember_header(other, "t") is False
    model.setColumnCount(3)
    assert remember_header(other, "t") is True and other.columnWidth(0) == 250


def test_splitter_position_survives(qtbot, seeded_db, admin):
    from ecmanual.ui.views.manual import ManualView
    from PySide6.QtWidgets import QSplitter

    view = ManualView(UiContext(seeded_db, admin, "x"))
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    splitter = view.findChild(QSplitter)
    splitter.setSizes([700, 500])
    splitter.splitterMoved.emit(700, 1)  # what a drag of the handle sends
    qtbot.waitUntil(lambda: ui_state().value("splitters/ManualView/splitter") is not None, timeout=3000)
    sizes = splitter.sizes()
    view.close()

    again = ManualView(UiContext(seeded_db, admin, "x"))
    qtbot.addWidget(again)
    again.resize(1200, 700)
    again.show()
    assert again.findChild(QSplitter).sizes() == sizes


def test_every_table_and_tree_of_every_area_is_remembered(qtbot, seeded_db, admin):
    from ecmanual.app import build_main_window

    window = build_main_window(seeded_db, admin, "x", remember_geometry=False)
    qtbot.addWidget(window)
    forgotten = []
    for area in AREAS:
        page = window.page(area.key)
        for view in page.findChildren(QAbstractItemView):
            if not isinstance(view, (QTableView, QTreeView)) or view.objectName().startswith("qt_"):
                continue  # Qt's own (the month grid of a date picker)
            header = header_of(view)
            fixed = all(header.sectionResizeMode(i) == QHeaderView.ResizeMode.Fixed for i in range(header.count()))
            if not fixed and not view.property("rememberedAs"):  # a grid of fixed cells has nothing to remember
                forgotten.append(f"{area.key}: {type(view).__name__} {view.objectName()} in "
                                 f"{type(view.parent()).__name__}")
    assert forgotten == []


def test_columns_cut_off_at_their_preset_width_widen_when_the_first_rows_arrive(qtbot):
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from ecmanual.ui.tables import make_table

    def table(restored: bool):
        model = QStandardItemModel(0, 3)
        view = make_table(model, sortable=False, widths={0: 40, 1: 40})
        qtbot.addWidget(view)
        view.setProperty("headerRestored", restored)
        model.appendRow([QStandardItem("2026-11-23 13:45"), QStandardItem("x"), QStandardItem("last")])
        return view

    fresh = table(restored=False)
    assert fresh.columnWidth(0) == 40  # hidden: fitted once shown (a hidden table measures every row)
    fresh.show()
    wanted = fresh.fontMetrics().horizontalAdvance("2026-11-23 13:45")
    qtbot.waitUntil(lambda: fresh.columnWidth(0) >= wanted, timeout=2000)
    assert fresh.columnWidth(1) == 40  # wide enough already
    restored = table(restored=True)
    restored.show()
    qtbot.wait(50)
    assert restored.columnWidth(0) == 40  # the user's own widths win
