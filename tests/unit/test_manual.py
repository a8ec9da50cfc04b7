"""Manual pages: a change needs another person's approval to publish; history and diffs."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.persistence.models import AppUser, ManualPage, ManualPageVersion, Staff
from ecmanual.services import manual


@pytest.fixture
def page(db, admin):
    with db.write(admin) as s:
        p = ManualPage(slug="update-rules", title="更新ルール", category="運用ルール", review_cycle_months=6)
        s.add(p)
        s.flush()
        v = ManualPageVersion(page_id=p.id, version_no=1, body_md="# 更新ルール\n\n- 定期更新:毎週水曜日10:00-12:00\n",
                              status="published", created_at=datetime(2026, 1, 5, tzinfo=UTC),
                              published_at=datetime(2026, 1, 5, tzinfo=UTC))
        s.add(v)
        s.flush()
        p.published_version_id = v.id
    return "update-rules"


def test_edit_needs_approval_to_publish(db, editor, approver, page):
    no = manual.propose_edit(db, editor, page, "# 更新ルール\n\n- 定期更新:毎週水曜日10:00-12:00\n- 緊急更新:随時(要報告)\n",
                             "緊急更新を追記")
    assert no == 2
    info = manual.get_page(db, editor, page)
    assert info.published_version == 1 and "緊急更新" not in info.body_md and info.pending_drafts == 1
    with pytest.raises(PermissionDenied):
        manual.publish(db, editor, page, no)  # editor role may not approve
    manual.publish(db, approver, page, no)
    info = manual.get_page(db, editor, page)
    assert info.published_version == 2 and "緊急更新" in info.body_md


def test_author_cannot_publish_own_change(db, approver, page):
    no = manual.propose_edit(db, approver, page, "新しい本文", "全面改訂")
    with pytest.raises(PermissionDenied, match="4眼原則"):
        manual.publish(db, approver, page, no)


def test_change_summary_required(db, editor, page):
    with pytest.raises(InputError):
        manual.propose_edit(db, editor, page, "本文", " ")


def test_history_and_diff(db, editor, approver, page):
    no = manual.propose_edit(db, editor, page, "# 更新ルール\n\n- 定期更新:毎週木曜日\n", "曜日変更")
    manual.publish(db, approver, page, no)
    hist = manual.history(db, editor, page)
    assert [h.version_no for h in hist] == [2, 1] and hist[0].approved_by == "承認 次郎"
    d = manual.diff(db, editor, page, 1, 2)
    assert "-- 定期更新:毎週水曜日10:00-12:00" in d and "+- 定期更新:毎週木曜日" in d


def test_review_due_and_mark_reviewed(db, approver, page):
    due = manual.due_for_review(db, approver, date(2026, 7, 6))
    assert [p.slug for p in due] == [page]
    assert manual.due_for_review(db, approver, date(2026, 7, 4)) == []
    manual.mark_reviewed(db, approver, page, date(2026, 7, 6))
    assert manual.get_page(db, approver, page).next_review_on == date(2027, 1, 6)


def test_acknowledge_reading(db, admin, viewer, page):
    with db.write(admin) as s:
        me, other = Staff(name="閲覧 三郎"), Staff(name="他の人")
        s.add_all([me, other])
        s.flush()
        me_id, other_id = me.id, other.id
    with db.write(admin) as s:
        s.scalar(select(AppUser).where(AppUser.username == "viewer")).staff_id = me_id
    manual.acknowledge(db, viewer, page, me_id)
    manual.acknowledge(db, viewer, page, me_id)  # twice is once
    with pytest.raises(PermissionDenied):
        manual.acknowledge(db, viewer, page, other_id)
