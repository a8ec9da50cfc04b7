"""マニュアル: edit a page as one user, publish it as another; reviews, reading, glossary help."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ecmanual.services import manual
from ecmanual.ui import feedback
from ecmanual.ui.context import UiContext
from ecmanual.ui.dialogs.manual_history import diff_html
from ecmanual.ui.models.manual import ManualPagesModel, ManualVersionsModel, PageColumn
from ecmanual.ui.views.manual import ManualView, tooltip_at

pytestmark = pytest.mark.gui


def _ctx(db, actor):
    return UiContext(db, actor, "test.sqlite3")


def _select(view: ManualView, slug: str) -> None:
    row = next(r for r in range(view.model.rowCount()) if view.model.row_at(r).slug == slug)
    view.table.selectRow(row)


def test_models_pass_the_model_tester_and_flag_overdue_reviews(qtmodeltester, seeded_db, editor):
    pages = manual.list_pages(seeded_db, editor)
    model = ManualPagesModel(today=date.today())
    model.set_rows(pages)
    qtmodeltester.check(model)
    assert model.rowCount() == 22 and model.data(model.index(0, PageColumn.VERSION)) == "v1"
    assert model.data(model.index(0, PageColumn.TITLE), Qt.ItemDataRole.BackgroundRole) is None
    late = ManualPagesModel(today=pages[0].next_review_on)  # the day the review falls due
    late.set_rows(pages)
    assert late.data(late.index(0, PageColumn.TITLE), Qt.ItemDataRole.BackgroundRole) is not None
    assert "見直し期限切れ" in late.data(late.index(0, PageColumn.NEXT_REVIEW), Qt.ItemDataRole.ToolTipRole)
    versions = ManualVersionsModel()
    versions.set_rows(manual.history(seeded_db, editor, "update-rules"))
    qtmodeltester.check(versions)


def test_edit_and_publish_a_page_as_two_users(qtbot, seeded_db, editor, approver, wait_loaded):
    view = ManualView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    wait_loaded(view)
    view.show()
    _select(view, "update-rules")
    assert "更新ルール" in view.title.text() and "定期更新" in view.browser.toPlainText()
    dialog = view.edit_page()
    dialog.editor.setPlainText(dialog.editor.toPlainText() + "\n- 更新作業の記録は当日中に残す\n")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and "変更概要" in dialog.error.text()  # a summary is required
    dialog.summary.setText("記録ルールを追記")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.version_no == 2 and not dialog.isVisible()
    wait_loaded(view)
    page = manual.get_page(seeded_db, editor, "update-rules")
    assert page.published_version == 1 and page.pending_drafts == 1  # still the old text
    assert "記録は当日中" not in view.browser.toPlainText()
    assert view.model.data(view.model.index(view.table.currentIndex().row(), PageColumn.DRAFTS)) == 1

    # the author cannot publish: the editor has no approve right, the button is not offered
    history = view.open_history()
    assert not history.publish_button.isVisible()
    history.close()

    # the approver publishes, in their own window
    approver_view = ManualView(_ctx(seeded_db, approver))
    qtbot.addWidget(approver_view)
    wait_loaded(approver_view)
    _select(approver_view, "update-rules")
    history = approver_view.open_history()
    assert history.model.row_at(0).status == "draft"
    assert "+- 更新作業の記録は当日中に残す" in history.show_diff()
    assert "記録は当日中" in history.diff.toPlainText()
    assert history.publish_button.isEnabled()
    assert history.publish() is True
    wait_loaded(approver_view)
    page = manual.get_page(seeded_db, approver, "update-rules")
    assert page.published_version == 2 and page.pending_drafts == 0
    assert "記録は当日中" in approver_view.browser.toPlainText()
    versions = manual.history(seeded_db, approver, "update-rules")
    assert versions[0].approved_by == "承認 次郎" and versions[0].author == "編集 花子"


def test_an_approver_cannot_publish_their_own_draft(qtbot, seeded_db, approver, wait_loaded):
    manual.propose_edit(seeded_db, approver, "seo", "# SEO対策\n\n自分の下書き\n", "自分で修正")
    view = ManualView(_ctx(seeded_db, approver))
    qtbot.addWidget(view)
    wait_loaded(view)
    _select(view, "seo")
    history = view.open_history()
    assert history.publish_button.isEnabled()  # the role may publish; the service checks the author
    assert history.publish() is False
    assert "4眼原則" in feedback.last_message.text()
    feedback.last_message.close()
    history.reason.setText("重複のため")
    assert history.reject_draft() is True
    assert manual.history(seeded_db, approver, "seo")[0].status == "rejected"


def test_review_reading_and_glossary_tooltips(qtbot, seeded_db, admin, approver, wait_loaded):
    from ecmanual.persistence.models import AppUser, Staff

    with seeded_db.write(admin) as s:  # link the approver's user to a person on the team
        staff = Staff(name="承認 次郎", email="jiro@example.jp")
        s.add(staff)
        s.flush()
        s.get(AppUser, approver.user_id).staff_id = staff.id
    view = ManualView(_ctx(seeded_db, approver))
    qtbot.addWidget(view)
    wait_loaded(view)
    _select(view, "line-delivery")
    doc = view.browser.document()
    assert view.terms_marked > 0
    text = doc.toPlainText()
    position = text.index("開封率")
    assert tooltip_at(doc, position).startswith("開封率: ")
    assert tooltip_at(doc, text.index("高い")) == ""  # plain text has no tooltip
    assert view.read_button.isEnabled()
    assert view.acknowledge() is True
    wait_loaded(view)
    assert "既読確認しました" in view.reading.text() and not view.read_button.isEnabled()
    status = manual.reading_status(seeded_db, approver, "line-delivery")
    assert len(status.acknowledged) == 1 and status.mine is not None
    assert not view.reviewed_button.isHidden()  # approvers mark pages reviewed
    assert view.mark_reviewed() is True
    assert manual.get_page(seeded_db, approver, "line-delivery").last_reviewed_on == date.today()


def test_acknowledging_without_a_staff_link_is_explained(qtbot, seeded_db, editor, wait_loaded):
    view = ManualView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    wait_loaded(view)
    assert view.acknowledge() is False
    assert "not linked to a staff member" in feedback.last_message.text()
    feedback.last_message.close()


def test_diff_html_colours_lines():
    out = diff_html("--- v1\n+++ v2\n@@ -1 +1 @@\n-古い\n+新しい")
    assert "#fbdada" in out and "#dcf5dc" in out and "新しい" in out
