"""Reminders: what is due shows when the app starts and again on every tick of the (daily) timer;
offscreen there is no system tray, so the in-app banner carries it."""

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from ecmanual.services import checklists, users
from ecmanual.ui.context import UiContext
from ecmanual.ui.reminders import DAY_MS, Reminders
from ecmanual.ui.widgets.notification_banner import NotificationBanner

pytestmark = pytest.mark.gui


def _submitted_run(db, editor, subject):
    run_id = checklists.start_run(db, editor, "メール配信前チェックリスト", subject)
    for item in checklists.get_run(db, editor, run_id).items:
        if item.required:
            checklists.check_item(db, editor, run_id, item.seq)
    checklists.submit_run(db, editor, run_id)
    return run_id


@pytest.fixture
def waiting(seeded_db, admin, editor):
    """A run the admin (役員会) may approve, submitted by the editor."""
    users.set_approval_level(seeded_db, admin, "admin", "役員会")
    _submitted_run(seeded_db, editor, "11/27 ブラックフライデー メール配信")
    return seeded_db


def test_at_start_the_banner_shows_what_is_due_and_opens_the_dashboard(qtbot, waiting, admin, db_path):
    from ecmanual.ui.main_window import MainWindow

    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: the fallback path
    window = MainWindow(UiContext(waiting, admin, str(db_path)), remember_geometry=False)
    qtbot.addWidget(window)
    window.show()
    assert window.reminders.tray is None and window.reminders.timer.interval() == DAY_MS
    assert window.reminders.timer.isActive()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=15_000)
    text = window.banner.message.text()
    assert "あなたの承認待ちのチェックリスト: 1" in text and "対応が必要な項目" in text
    assert window.reminders.counts["approvals"] == 1
    assert not window.banner.isWindow()  # in the window, never a modal dialog
    window.show_area("settings")
    window.banner.action_button.click()
    assert window.current_area().key == "dashboard" and not window.banner.isVisible()


def test_the_timer_checks_again_and_the_banner_follows(qtbot, waiting, admin, editor, db_path):
    banner = NotificationBanner()
    qtbot.addWidget(banner)
    reminders = Reminders(UiContext(waiting, admin, str(db_path)), banner, interval_ms=200, use_tray=False)
    shown = []
    reminders.shown.connect(shown.append)
    reminders.start()
    qtbot.waitUntil(lambda: len(shown) >= 1, timeout=10_000)
    assert shown[0]["approvals"] == 1 and banner.isVisible()
    assert "承認待ち" in banner.message.text() and ": 1" in banner.message.text()

    _submitted_run(waiting, editor, "12/1 年末セール LINE配信")  # new work arrives while the app runs
    qtbot.waitUntil(lambda: reminders.counts.get("approvals") == 2, timeout=10_000)
    assert reminders.checks >= 2 and "承認待ちのチェックリスト: 2" in banner.message.text()

    for run in checklists.list_runs(waiting, admin, status="submitted"):
        checklists.approve_run(waiting, admin, run.id)
    qtbot.waitUntil(lambda: reminders.counts == {}, timeout=10_000)  # fresh data: nothing else is due today
    assert not banner.isVisible()  # nothing due: the banner goes away
    reminders.stop()
    assert not reminders.timer.isActive()


def test_the_message_names_each_group_in_the_language(qtbot):
    text = Reminders.message({"overdue_duties": 3, "manual": 2})
    assert text.splitlines() == ["期限切れの定例業務: 3", "見直し時期のマニュアル: 2"]
