"""The audit-log screen's filters (who, what, when, which record) over a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QModelIndex
from sqlalchemy import update

from ecmanual.persistence.models import AuditEntry
from ecmanual.services import audit
from ecmanual.ui.context import UiContext
from ecmanual.ui.models.audit_log import Column, Role
from ecmanual.ui.views.audit_log import NO_DATE, AuditLogView

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot, db, admin, editor):
    with db.write(admin) as s:
        for i in range(260):
            audit.record(s, editor.username, "update", "staff", i % 4, before={"n": i}, after={"n": i + 1},
                         summary=f"staff change {i}")
        audit.record(s, admin.username, "delete", "glossary_term", 7, before={"term": "権限"}, summary="用語を削除")
    with db.write(admin) as s:  # the first 100 staff changes happened in January
        s.execute(update(AuditEntry).where(AuditEntry.summary.in_([f"staff change {i}" for i in range(100)]))
                  .values(at=datetime(2026, 1, 15, 3, tzinfo=UTC)))
    widget = AuditLogView(UiContext(db, admin, "test.sqlite3"))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_filter_pickers_offer_what_the_trail_holds_in_japanese(view):
    assert _texts(view.user_filter) == ["（すべて）", "admin", "editor", "system"]
    assert "削除" in _texts(view.action_filter) and "変更" in _texts(view.action_filter)
    assert {"スタッフ", "用語", "ユーザー"} <= set(_texts(view.entity_filter))
    assert view.date_from.text() == "指定なし" and view.count_label.text() == "264 件"
    assert [c.text() for c in view.filter_captions] == ["ユーザー", "操作", "対象", "開始日", "終了日"]


def test_pickers_filter_the_table_and_keep_the_detail(view):
    view.action_filter.setCurrentIndex(view.action_filter.findData("delete"))
    assert view.model.rowCount() == 1 and view.count_label.text() == "1 件"
    assert view.model.data(view.model.index(0, Column.ENTITY)) == "用語 #7"
    assert "用語を削除" in view.detail.toPlainText() and '"term": "権限"' in view.detail.toPlainText()

    view.clear_filters()
    view.user_filter.setCurrentIndex(view.user_filter.findData("editor"))
    view.entity_filter.setCurrentIndex(view.entity_filter.findData("staff"))
    view.entity_id.setText("3")
    view.entity_id.editingFinished.emit()
    assert view.count_label.text() == "65 件" and view.model.rowCount() == 65
    rows = [view.model.data(view.model.index(r, 0), Role.ROW) for r in range(view.model.rowCount())]
    assert {(r.actor, r.entity, r.entity_id) for r in rows} == {("editor", "staff", "3")}
    assert "staff change 259" in view.detail.toPlainText() and '"n": 260' in view.detail.toPlainText()


def test_date_range_and_paging_under_a_filter(view):
    view.set_filters(entity="staff", start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert view.date_from.date() == QDate(2026, 1, 1) and view.count_label.text() == "100 件"
    assert view.model.rowCount() == 100 and not view.model.canFetchMore(QModelIndex())
    view.set_filters(entity="staff", start=date(2026, 2, 1))
    assert view.count_label.text() == "160 件"
    assert view.model.rowCount() == 160  # below the 200-row page
    view.set_filters(user="editor")
    assert view.model.rowCount() == 200 and view.model.canFetchMore(QModelIndex())  # paged
    view.model.fetchMore(QModelIndex())
    assert view.model.rowCount() == 260 and not view.model.canFetchMore(QModelIndex())
    view.date_to.setDate(NO_DATE)
    assert view.filters == {"user": "editor"}


def test_start_after_end_is_said_and_the_table_keeps_the_last_filters(view):
    today = date.today()
    view.set_filters(action="delete")
    view.date_from.setDate(QDate(today.year, today.month, today.day))
    assert view.model.rowCount() == 1 and view.filters == {"action": "delete", "start": today}
    earlier = today - timedelta(days=40)
    view.date_to.setDate(QDate(earlier.year, earlier.month, earlier.day))
    assert view.count_label.text() == "開始日が終了日より後になっています。"
    assert view.model.rowCount() == 1 and "end" not in view.filters
    view.date_to.setDate(QDate(today.year, today.month, today.day))
    assert view.count_label.text() == "1 件" and view.filters["end"] == today
