"""The dashboard lists what needs attention and opens the area of an item."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ecmanual.services import checklists, dashboard, users
from ecmanual.ui.areas import AREAS

pytestmark = pytest.mark.gui


def _submitted_run(db, editor):
    run_id = checklists.start_run(db, editor, "メール配信前チェックリスト", "11/27 ブラックフライデー メール配信")
    for item in checklists.get_run(db, editor, run_id).items:
        if item.required:
            checklists.check_item(db, editor, run_id, item.seq)
    checklists.submit_run(db, editor, run_id)
    return run_id


def test_attention_gathers_every_area(seeded_db, editor, admin):
    _submitted_run(seeded_db, editor)
    items = dashboard.attention(seeded_db, admin, date(2027, 6, 1))
    groups = {i.group for i in items}
    assert {"approvals", "manual"} <= groups  # a waiting run; pages published in 2026 are due by mid-2027
    run = next(i for i in items if i.group == "approvals")
    assert run.area == "checklists" and "ブラックフライデー" in run.title
    assert not [i for i in dashboard.attention(seeded_db, admin, date.today()) if i.group == "manual"]


def test_dashboard_view_lists_items_and_opens_their_area(qtbot, seeded_db, editor, admin):
    from ecmanual.ui.main_window import MainWindow
    from ecmanual.ui.context import UiContext

    _submitted_run(seeded_db, editor)
    window = MainWindow(UiContext(seeded_db, admin, "test.sqlite3"), remember_geometry=False)
    qtbot.addWidget(window)
    window.show()
    view = window.page("dashboard")
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() > 0, timeout=10_000)
    titles = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    group = next(view.tree.topLevelItem(i) for i, t in enumerate(titles) if t.startswith("承認待ちのチェックリスト"))
    child = group.child(0)
    assert "ブラックフライデー" in child.text(0)
    view.tree.itemActivated.emit(child, 0)
    assert window.current_area().key == "checklists"
    assert AREAS[window.stack.currentIndex()].key == "checklists"
