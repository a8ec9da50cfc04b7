"""The audit-log model (lazy pages, newest first) and its view, over a real database."""

from __future__ import annotations

from functools import partial

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ecmanual.services import audit
from ecmanual.ui.models.audit_log import AuditLogModel, Column, Role, load_audit_page
from ecmanual.ui.views.audit_log import AuditLogView

pytestmark = pytest.mark.gui


@pytest.fixture
def many_entries(db, admin):
    """250 more entries on top of the two the fixture database starts with."""
    with db.write(admin) as s:
        for i in range(250):
            audit.record(s, admin.username, "update", "staff", i, before={"name": f"旧{i}"},
                         after={"name": f"新{i}"}, summary=f"staff {i} renamed")
    return 252


def test_model_passes_the_model_tester(qtmodeltester, db, admin, many_entries):
    model = AuditLogModel(partial(load_audit_page, db, admin), page_size=100)
    model.reload()
    qtmodeltester.check(model)


def test_pages_are_fetched_lazily_newest_first(db, admin, many_entries):
    calls = []

    def fetch(before, limit):
        calls.append(before)
        return load_audit_page(db, admin, before, limit)

    model = AuditLogModel(fetch, page_size=100)
    model.reload()
    assert model.rowCount() == 100 and model.canFetchMore(QModelIndex())
    seqs = [model.data(model.index(r, 0), Role.SEQ) for r in range(model.rowCount())]
    assert seqs == list(range(many_entries, many_entries - 100, -1))
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == many_entries and not model.canFetchMore(QModelIndex())
    assert calls == [None, many_entries - 99, many_entries - 199]
    assert model.data(model.index(many_entries - 1, 0), Role.SEQ) == 1  # the oldest comes last


def test_model_shows_entries_in_japanese(db, admin, many_entries):
    model = AuditLogModel(partial(load_audit_page, db, admin))
    model.reload()
    newest = [model.data(model.index(0, c)) for c in Column]
    assert newest[1:] == ["admin", "変更", "スタッフ #249", "staff 249 renamed"]
    assert len(newest[0]) == 19 and newest[0][4] == "-"  # local "YYYY-MM-DD HH:MM:SS"
    assert model.headerData(Column.ACTION, Qt.Orientation.Horizontal) == "操作"
    assert model.data(model.index(0, Column.ACTION), Qt.ItemDataRole.ToolTipRole) == "update"
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())  # the default page


def test_view_lists_entries_and_details(qtbot, db, admin):
    view = AuditLogView(_ctx(db, admin))
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 2  # schema created, first administrator
    assert view.model.data(view.model.index(0, Column.ACTION)) == "作成"
    assert view.model.data(view.model.index(1, Column.ACTION)) == "データベース更新"
    assert "変更後:" in view.detail.toPlainText() and '"username": "admin"' in view.detail.toPlainText()
    with db.write(admin) as s:
        audit.record(s, admin.username, "delete", "glossary_term", 7, summary="用語を削除")
    view.refresh_button.click()
    assert view.model.rowCount() == 3
    assert view.model.data(view.model.index(0, Column.ENTITY)) == "用語 #7"
    assert "用語を削除" in view.detail.toPlainText()


def _ctx(db, actor):
    from ecmanual.ui.context import UiContext

    return UiContext(db, actor, "test.sqlite3")


def test_every_recorded_table_has_a_display_name():
    from ecmanual.persistence.base import Base
    from ecmanual.ui.labels import entity_label

    internal = {"audit_entry", "audit_head", "search_doc", "alembic_version"}
    unnamed = [t for t in Base.metadata.tables if t not in internal and entity_label(t) == t]
    assert unnamed == []
