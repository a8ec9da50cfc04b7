"""チェックリスト: run a checklist as one user, approve it as another, in the real views."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from ecmanual.persistence.models import AuditEntry
from ecmanual.services import checklists, users
from ecmanual.ui import feedback
from ecmanual.ui.context import UiContext
from ecmanual.ui.dialogs.checklist_run import ChecklistRunDialog, highlight_terms
from ecmanual.ui.models.checklists import ChecklistRunsModel, ChecklistTemplatesModel, RunColumn
from ecmanual.ui.views.checklists import ChecklistsView

pytestmark = pytest.mark.gui

MAIL = "メール配信前チェックリスト"


def _activate(qtbot, window):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _ctx(db, actor):
    return UiContext(db, actor, "test.sqlite3")


@pytest.fixture
def people(seeded_db, admin, editor, approver):
    users.set_approval_level(seeded_db, admin, "approver", "部門長")
    return editor, approver


def test_models_pass_the_model_tester(qtmodeltester, seeded_db, people):
    editor, _ = people
    templates = ChecklistTemplatesModel()
    templates.set_rows(checklists.list_templates(seeded_db, editor))
    qtmodeltester.check(templates)
    assert templates.rowCount() >= 9
    run_id = checklists.start_run(seeded_db, editor, MAIL, "モデル検査")
    runs = ChecklistRunsModel()
    runs.set_rows(checklists.list_runs(seeded_db, editor))
    qtmodeltester.check(runs)
    assert runs.data(runs.index(0, RunColumn.ID)) == run_id
    assert runs.data(runs.index(0, RunColumn.STATUS)) == "実施中"
    assert runs.headerData(RunColumn.RUNNER, Qt.Orientation.Horizontal) == "実施者"


def test_glossary_terms_are_underlined_and_explained():
    text, tip = highlight_terms("LINE公式アカウントのセグメント確認", {"セグメント": "顧客の集団", "LINE": "x",
                                                                     "LINE公式アカウント": "LINEの企業向け"})
    assert text.count("<span") == 2 and "LINE公式アカウント</span>" in text  # longest term wins
    assert "<b>セグメント</b>: 顧客の集団" in tip and "<b>LINE</b>" not in tip


def test_run_a_checklist_and_approve_it_as_another_user(qtbot, seeded_db, people, wait_loaded):
    editor, approver = people
    view = ChecklistsView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    wait_loaded(view)
    view.show()
    wait_loaded(view)
    row = next(r for r in range(view.templates_model.rowCount())
               if view.templates_model.row_at(r).name == MAIL)
    view.templates_table.selectRow(row)
    start = view.start_run(view._selected_template_id())
    start.subject.setText("4/22 GW先行セール メール配信")
    start.buttons.button(start.buttons.StandardButton.Ok).click()
    run_id = start.run_id
    wait_loaded(view)
    assert run_id is not None and view.runs_model.rowCount() == 1
    page: ChecklistRunDialog = view.open_runs[run_id]
    qtbot.waitExposed(page)
    # the first item carries a glossary term (セグメント) with its definition as tooltip
    first = page.rows[1]
    assert "セグメント" in first.terms_tip and "セグメント</span>" in first.label.text()
    # Space toggles the focused item
    first.box.setFocus()
    qtbot.keyClick(first.box, Qt.Key.Key_Space)
    assert checklists.get_run(seeded_db, editor, run_id).items[0].checked
    assert "編集 花子" in first.who.text()
    # submitting with required items open is refused with the service's reason
    page.submit_button.click()
    assert "Required items are not ticked" in feedback.last_message.text() or "必須" in feedback.last_message.text()
    feedback.last_message.close()
    for seq, row in page.rows.items():
        if not row.box.isChecked():
            row.box.click()
    page.rows[2].note.setText("テスト配信で目視確認")
    page.rows[2].note.editingFinished.emit()
    page.notes.setPlainText("特記事項なし")
    assert page.may_approve is False  # the runner never approves
    _activate(qtbot, page)
    qtbot.keyClick(page.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter submits
    run = checklists.get_run(seeded_db, editor, run_id)
    assert run.status == "submitted" and run.notes == "特記事項なし"
    assert run.items[1].note == "テスト配信で目視確認" and run.items[1].checked_by == "編集 花子"
    assert not page.submit_button.isEnabled() and not page.rows[1].box.isEnabled()
    wait_loaded(view)
    assert view.runs_model.data(view.runs_model.index(0, RunColumn.STATUS)) == "承認待ち"

    # the approver's own window, with a second UiContext
    approver_view = ChecklistsView(_ctx(seeded_db, approver))
    qtbot.addWidget(approver_view)
    wait_loaded(approver_view)
    approver_view.status_filter.setCurrentIndex(approver_view.status_filter.findData("submitted"))
    wait_loaded(approver_view)
    assert approver_view.runs_model.rowCount() == 1
    approver_view.runs_table.selectRow(0)
    review = approver_view.open_selected_run()
    assert review.approval_group.isVisible() and review.approve_button.isEnabled()
    review.comment.setPlainText("問題ありません")
    _activate(qtbot, review)
    qtbot.keyClick(review.comment, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter approves
    run = checklists.get_run(seeded_db, approver, run_id)
    assert run.status == "approved" and run.approved_by == "承認 次郎" and run.comment == "問題ありません"
    assert not review.approval_group.isVisible() and not review.rows[1].box.isEnabled()
    assert review.rows[3].note.isReadOnly() and "承認済み" in review.status_badge.text()
    with seeded_db.read() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "checklist_run",
                                                            AuditEntry.entity_id == str(run_id))).all()
    assert {"create", "check", "update", "submit", "approve"} <= set(actions)


def test_refusal_of_the_service_is_shown(qtbot, seeded_db, admin, people, wait_loaded):
    editor, approver = people
    users.set_approval_level(seeded_db, admin, "approver", "チームリーダー")  # too low for 部門長 lists
    run_id = checklists.start_run(seeded_db, editor, MAIL, "レベル不足")
    for item in checklists.get_run(seeded_db, editor, run_id).items:
        checklists.check_item(seeded_db, editor, run_id, item.seq)
    checklists.submit_run(seeded_db, editor, run_id)
    page = ChecklistRunDialog(_ctx(seeded_db, approver), run_id)
    qtbot.addWidget(page)
    assert page.approve_button.isEnabled()  # the UI cannot know the level; the service decides
    assert page.approve() is False
    box = feedback.last_message
    assert box.icon() == QMessageBox.Icon.Warning and "部門長" in box.text()
    box.close()
    assert checklists.get_run(seeded_db, editor, run_id).status == "submitted"
    page.comment.setPlainText("件名を修正してください")
    assert page.send_back() is False  # sending back needs the level too
    feedback.last_message.close()
    users.set_approval_level(seeded_db, admin, "approver", "部門長")
    assert page.send_back() is True
    run = checklists.get_run(seeded_db, editor, run_id)
    assert run.status == "returned" and "件名を修正" in page.banner.text()


def test_template_editor_makes_a_new_version(qtbot, seeded_db, people, wait_loaded):
    editor, _ = people
    view = ChecklistsView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    wait_loaded(view)
    view.tabs.setCurrentIndex(1)
    row = next(r for r in range(view.templates_model.rowCount()) if view.templates_model.row_at(r).name == MAIL)
    view.templates_table.selectRow(row)
    old = view.templates_model.row_at(row)
    editor_dialog = view.edit_template()
    assert editor_dialog.table.rowCount() == len(old.items)
    new_row = editor_dialog.add_item("配信停止リンクの確認", True, "特定電子メール法")
    editor_dialog.table.setCurrentCell(new_row, 0)
    editor_dialog.move_item(-1)
    editor_dialog.change_note.setText("配信停止リンクを追加")
    editor_dialog.buttons.button(editor_dialog.buttons.StandardButton.Save).click()
    assert editor_dialog.saved_version == old.version_no + 1
    wait_loaded(view)
    tpl = checklists.get_template(seeded_db, editor, MAIL)
    assert tpl.version_no == old.version_no + 1 and tpl.items[-2]["text"] == "配信停止リンクの確認"
    history = checklists.template_history(seeded_db, editor, MAIL)
    assert history[0].change_note == "配信停止リンクを追加" and history[0].created_by == "編集 花子"
    assert view.templates_model.row_at(row).version_no == tpl.version_no


def test_filters_by_person_and_date(qtbot, seeded_db, people, wait_loaded):
    editor, approver = people
    checklists.start_run(seeded_db, editor, MAIL, "編集者の実施")
    checklists.start_run(seeded_db, approver, MAIL, "承認者の実施")
    view = ChecklistsView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    wait_loaded(view)
    assert view.runs_model.rowCount() == 2
    view.person_filter.setCurrentIndex(view.person_filter.findText("承認 次郎"))
    wait_loaded(view)
    assert [r.subject for r in view.runs_model.rows()] == ["承認者の実施"]
    view.person_filter.setCurrentIndex(0)
    wait_loaded(view)
    view.since.setDate(view.since.date().currentDate().addDays(1))
    wait_loaded(view)
    assert view.runs_model.rowCount() == 0
    view.since.setDate(view.since.minimumDate())
    view.until.setDate(view.until.date().currentDate())
    wait_loaded(view)
    assert view.runs_model.rowCount() == 2
