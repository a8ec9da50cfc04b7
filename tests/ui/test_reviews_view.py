"""The permission reviews screen offscreen: the table models, keyboard decisions, reviewer and
approver sign-off as two users, imports through the mapping dialog and by dropping a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ecmanual.services import review_records, reviews
from ecmanual.ui.context import UiContext
from ecmanual.ui.dialogs.import_mapping import ImportMappingDialog
from ecmanual.ui.dialogs.review_signoff import ReviewSignOffDialog
from ecmanual.ui.models.review_accounts import Column, ReviewAccountsFilter, ReviewAccountsModel
from ecmanual.ui.models.review_lists import findings_model, review_list_model
from ecmanual.ui.views.reviews import ReviewsView
from tests.conftest import USER_PASSWORD
from tests.unit.test_reviews import DATA, DAY, quarter  # noqa: F401 - the scripted quarter fixture

pytestmark = pytest.mark.gui


@pytest.fixture
def started(quarter, admin):  # noqa: F811
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    return quarter


@pytest.fixture
def view(qtbot, started, admin, db_path):
    v = ReviewsView(UiContext(started, admin, str(db_path)))
    qtbot.addWidget(v)
    v.resize(1280, 760)
    v.show()
    qtbot.waitUntil(lambda: v.panel.model.rowCount() == 9, timeout=10_000)
    assert v.tabs.currentIndex() == 1  # a review is open: its accounts are shown first
    return v


def test_models_pass_the_model_tester(qtmodeltester, started, admin):
    rows = review_records.review_rows(started, admin, "2026Q4")
    model = ReviewAccountsModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    proxy = ReviewAccountsFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(findings_only=True)
    qtmodeltester.check(proxy)
    summaries = review_list_model()
    summaries.set_rows(reviews.list_reviews(started, admin))
    qtmodeltester.check(summaries)
    found = findings_model()
    found.set_rows(review_records.list_findings(started, admin, "2026Q4"))
    qtmodeltester.check(found)


def test_sorting_and_filtering_without_a_view(started, admin):
    model = ReviewAccountsModel()
    model.set_rows(review_records.review_rows(started, admin, "2026Q4"))
    proxy = ReviewAccountsFilter()
    proxy.setSourceModel(model)
    proxy.sort(Column.FINDINGS, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, Column.FINDINGS).data() != "" and proxy.index(8, Column.FINDINGS).data() == ""
    proxy.set_filter(findings_only=True)
    assert proxy.rowCount() == 5
    proxy.set_filter(findings_only=False, text="TANAKA")
    assert [proxy.source_row(i).login for i in range(proxy.rowCount())] == ["ken.tanaka@example.co.jp"]
    proxy.set_filter(text="", kind="mfa_off")
    assert proxy.rowCount() == 1 and proxy.index(0, Column.MFA).data() == "✗"
    proxy.set_filter(kind=None, system_id=next(r.system_id for r in model.rows() if r.system == "ECforce"))
    assert proxy.rowCount() == 3
    backgrounds = {proxy.source_row(i).login: proxy.index(i, Column.LOGIN).data(Qt.ItemDataRole.BackgroundRole)
                   for i in range(proxy.rowCount())}
    assert backgrounds["ec-admin@example.co.jp"] is not None and backgrounds["hanako.sato@example.co.jp"] is None


def _row_of(panel, login: str, system: str) -> int:
    return next(i for i in range(panel.proxy.rowCount())
                if (panel.proxy.source_row(i).login, panel.proxy.source_row(i).system) == (login, system))


def _press(qtbot, view, login, system, key, reason=None):
    panel = view.panel
    panel.table.selectRow(_row_of(panel, login, system))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, key)
    if reason is not None:
        assert panel.reason.hasFocus() and panel.pending and login in view.message.text()
        panel.reason.insert(reason)  # QTest types ASCII only; Japanese arrives through the input method
        qtbot.keyClick(panel.reason, Qt.Key.Key_Return)


def _decide_everything_by_keyboard(qtbot, view):
    _press(qtbot, view, "ken.tanaka@example.co.jp", "Google広告", Qt.Key.Key_R, "退職者")
    _press(qtbot, view, "misaki.takahashi@example.co.jp", "Google広告", Qt.Key.Key_3, "長期未使用")
    _press(qtbot, view, "ichiro.suzuki@example.co.jp", "KARTE", Qt.Key.Key_C, "管理者は情報システム部のみ")
    for login, system in (("ec-admin@example.co.jp", "ECforce"), ("taro.yamada@example.co.jp", "KARTE")):
        _press(qtbot, view, login, system, Qt.Key.Key_K, "確認済み")
    panel = view.panel
    panel.undecided_only.setChecked(True)  # the rest have no findings: K decides at once, the next row follows
    while panel.proxy.rowCount():
        panel.table.setFocus()
        before = panel.proxy.rowCount()
        qtbot.keyClick(panel.table, Qt.Key.Key_1 if before % 2 else Qt.Key.Key_K)
        assert panel.proxy.rowCount() == before - 1
    panel.undecided_only.setChecked(False)


def _in_modal(qtbot, handler):
    def run():
        dialog = QApplication.activeModalWidget()
        handler(dialog)
    QTimer.singleShot(50, run)


def test_decide_by_keyboard_submit_and_approve_as_another_user(qtbot, view, started, approver):
    _decide_everything_by_keyboard(qtbot, view)
    assert view.progress.value() == 9 and view.submit_button.isEnabled()
    decisions = {(r.system, r.login): (r.decision, r.reason) for r in review_records.review_rows(
        started, approver, "2026Q4")}
    assert decisions[("Google広告", "ken.tanaka@example.co.jp")] == ("revoke", "退職者")
    assert decisions[("KARTE", "ichiro.suzuki@example.co.jp")] == ("change", "管理者は情報システム部のみ")
    assert decisions[("ECforce", "hanako.sato@example.co.jp")] == ("keep", None)
    view.tabs.setCurrentIndex(3)  # the remediation tab loads when shown
    assert view.remediation_model.rowCount() == 3

    def submit(dialog):
        assert isinstance(dialog, ReviewSignOffDialog) and dialog.mode == "reviewer"
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    _in_modal(qtbot, submit)
    view.sign("reviewer")
    qtbot.waitUntil(lambda: not view.loader.loading, timeout=10_000)  # the reviews reload on the pool
    assert view.current.status == "submitted" and view.approve_button.isEnabled()
    assert not view.panel.keep_button.isEnabled()

    attempts = []

    def approve(dialog):
        assert isinstance(dialog, ReviewSignOffDialog) and dialog.user.text() == ""  # the reviewer is signed in
        dialog.user.setText("admin")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        attempts.append(dialog.error.text())  # refused in place: the same person
        dialog.user.setText("approver")
        dialog.password.setText(USER_PASSWORD)
        dialog.note.setPlainText("内容を確認しました")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    _in_modal(qtbot, approve)
    view.sign("approver")
    qtbot.waitUntil(lambda: not view.loader.loading, timeout=10_000)  # the reviews reload on the pool
    assert attempts and attempts[0]
    summary = reviews.get_review(started, approver, "2026Q4")
    assert (summary.status, summary.approver, summary.reviewer) == ("approved", "承認 次郎", "管理 太郎")
    assert view.current.status == "approved" and not view.approve_button.isEnabled()
    view.panel.table.selectRow(0)
    qtbot.keyClick(view.panel.table, Qt.Key.Key_R)  # locked: the key does nothing
    assert reviews.get_review(started, approver, "2026Q4").decided == 9


def test_import_through_the_mapping_dialog_closes_remediation(qtbot, view, started):
    _press(qtbot, view, "ichiro.suzuki@example.co.jp", "KARTE", Qt.Key.Key_C, "管理者は不要")

    def choose_karte(dialog: ImportMappingDialog):
        dialog.system_combo.setCurrentIndex(dialog.system_combo.findText("KARTE"))
        assert dialog.combos["email"].currentText() == "メールアドレス"
        assert dialog.combos["display_name"].currentText() == "表示名"
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        dialog.accept()
    view.tabs.setCurrentIndex(3)
    view.import_file(DATA / "karte_after_utf8_bom.csv", dialog_hook=choose_karte)
    qtbot.waitUntil(lambda: view.import_task.done, timeout=10_000)
    assert view.import_task.state == "ok" and view.import_task.result["updated"] == 1
    qtbot.waitUntil(lambda: view.remediation_model.rowCount() == 1 and
                    view.remediation_model.row_at(0).status == "closed", timeout=10_000)


def test_the_mapping_dialog_explains_and_remembers(qtbot, started, admin, db_path, tmp_path):
    f = tmp_path / "odd.csv"
    f.write_text("表示名,連絡先,権限,社員番号\n山田 太郎,taro.yamada@example.co.jp,編集者,0001\n", encoding="utf-8")
    dialog = ImportMappingDialog(UiContext(started, admin, str(db_path)), f)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "ログインID" in dialog.explain.text()
    dialog.combos["email"].setCurrentIndex(dialog.combos["email"].findText("連絡先"))
    assert ok.isEnabled() and "社員番号" in dialog.explain.text()
    assert dialog.preview.rowCount() == 1 and "→" in dialog.preview.horizontalHeaderItem(1).text()
    assert dialog.current_mapping()["email"] == "連絡先"


def test_dropping_files_imports_them_and_bad_files_explain(qtbot, view, started, tmp_path):
    def drop(path: Path):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)
        view.dropEvent(event)

    def accept_ecforce(dialog):
        assert isinstance(dialog, ImportMappingDialog)
        dialog.system_combo.setCurrentIndex(dialog.system_combo.findText("ECforce"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    _in_modal(qtbot, accept_ecforce)
    drop(DATA / "ecforce_cp932_crlf.csv")
    qtbot.waitUntil(lambda: view.import_task.done, timeout=10_000)
    assert view.import_task.result["unchanged"] == 3

    def accept_bad(dialog):
        dialog.system_combo.setCurrentIndex(dialog.system_combo.findText("ECforce"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    _in_modal(qtbot, accept_bad)
    drop(DATA / "bad_date.csv")
    qtbot.waitUntil(lambda: view.import_task.done, timeout=10_000)
    assert view.import_task.state == "error"
    assert "2026/13/45" in view.error_box.detailedText() and "row 2" in view.error_box.detailedText()
    view.error_box.close()
    drop(DATA / "bad_empty.csv")  # refused before the dialog opens
    assert "empty" in view.message.text()
    view.error_box.close()
