"""The idle lock: locks after the idle time, hides the content, refuses a wrong password,
unlocks with the right one, signs out; the admin sets the minutes on the settings screen."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from ecmanual.app import build_main_window
from ecmanual.persistence.models import AuditEntry
from ecmanual.services import org_settings
from ecmanual.ui.idle_lock import LockedPage, UnlockDialog
from tests.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.gui


def _last_audit(db) -> AuditEntry:
    with db.read() as s:
        return s.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()))


def test_default_is_the_organisation_setting(admin_window, db, admin):
    lock = admin_window.idle_lock
    assert lock.timeout_s == 15 * 60 and lock._timer.isActive()
    org_settings.set_value(db, admin, org_settings.IDLE_LOCK_MINUTES, 0)
    lock.reload_setting()
    assert lock.timeout_s == 0 and not lock._timer.isActive()  # 0 = never


def test_locks_refuses_the_wrong_password_and_unlocks_with_the_right_one(qtbot, admin_window, db):
    window, lock = admin_window, admin_window.idle_lock
    window.show()
    content = window.centralWidget()
    assert content.isVisible()
    with qtbot.waitSignal(lock.locked, timeout=5000):
        lock.set_timeout(0.2)
    assert lock.is_locked and isinstance(window.centralWidget(), LockedPage)
    assert not content.isVisible() and content.parent() is None  # taken out: nothing of it is painted
    assert not window.menuBar().isEnabled()
    dialog = lock.dialog
    assert isinstance(dialog, UnlockDialog) and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
    assert QApplication.activeModalWidget() is dialog
    assert dialog.windowTitle() == "ロック中 — ecmanual"
    assert dialog.message.text().startswith("1分間操作がなかった")

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # no way around the password
    assert dialog.isVisible() and lock.is_locked

    qtbot.keyClicks(dialog.password, "Wrong-pass-999")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert dialog.error.text() == "ユーザー名またはパスワードが違います。"
    assert lock.is_locked and dialog.isVisible() and dialog.password.text() == ""
    entry = _last_audit(db)
    assert (entry.actor, entry.action, entry.summary) == ("admin", "login_failed", "unlock: wrong password (1)")

    lock.set_timeout(60)  # no second lock while the test looks at the unlocked window
    dialog.password.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=10000):
        dialog.unlock_button.click()
    assert not lock.is_locked and window.centralWidget() is content and content.isVisible()
    assert window.menuBar().isEnabled() and lock.dialog is None
    entry = _last_audit(db)
    assert (entry.action, entry.summary) == ("login", "unlocked after the idle lock")
    assert lock._timer.isActive()  # counting again


def test_input_postpones_the_lock(qtbot, admin_window):
    # Clock-free: pretend 10 s of idleness, then type; a check must then re-arm, not lock.
    window, lock = admin_window, admin_window.idle_lock
    window.show()
    lock.set_timeout(5)
    lock._last_input = time.monotonic() - 10
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)  # through the application event filter
    lock._check()
    assert not lock.is_locked and lock._timer.isActive() and lock._timer.remainingTime() > 3000
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton)
    assert time.monotonic() - lock._last_input < 1
    lock._last_input = time.monotonic() - 10  # no input since
    lock._check()
    assert lock.is_locked
    lock.dialog.sign_out()


def test_sign_out_from_the_lock_closes_the_window(qtbot, admin_window):
    window, lock = admin_window, admin_window.idle_lock
    window.show()
    with qtbot.waitSignal(lock.locked, timeout=5000):
        lock.set_timeout(0.1)
    dialog = lock.dialog
    assert dialog.sign_out_button.text() == "サインアウト"
    dialog.sign_out_button.click()
    assert not window.isVisible() and not dialog.isVisible()


def test_admin_sets_the_idle_minutes_on_the_settings_screen(qtbot, admin_window, db):
    view = admin_window.page("settings")
    admin_window.show_area("settings")
    assert view.idle_minutes.isEnabled() and view.idle_minutes.value() == 15
    assert not view.org_save.isEnabled()  # nothing changed yet
    view.idle_minutes.setValue(5)
    view.org_save.click()
    assert org_settings.get(db, org_settings.IDLE_LOCK_MINUTES) == 5
    assert admin_window.idle_lock.timeout_s == 300  # this PC follows at once
    view.idle_minutes.setValue(0)
    assert view.idle_minutes.text() == "しない"
    view.org_save.click()
    assert org_settings.get(db, org_settings.IDLE_LOCK_MINUTES) == 0 and not view.org_save.isEnabled()
    assert not admin_window.idle_lock._timer.isActive()


def test_other_roles_see_the_idle_minutes_read_only(qtbot, db, viewer, db_path):
    window = build_main_window(db, viewer, str(db_path), remember_geometry=False)
    qtbot.addWidget(window)
    view = window.page("settings")
    assert not view.idle_minutes.isEnabled() and view.org_save.isHidden()
    assert "管理者だけ" in view.idle_note.text()


def test_admin_sets_the_organisation_name_and_external_exports(qtbot, admin_window, db):
    from PySide6.QtCore import Qt

    from ecmanual.persistence.models import AuditEntry
    from ecmanual.services import export_masking
    from sqlalchemy import select

    view = admin_window.page("settings")
    admin_window.show_area("settings")
    kinds = {view.external_kinds.item(i).data(Qt.ItemDataRole.UserRole): view.external_kinds.item(i)
             for i in range(view.external_kinds.count())}
    assert "training-records" in kinds and "glossary" not in kinds  # only kinds carrying personal data
    view.org_name.setText("株式会社サンプル商店")
    kinds["training-records"].setCheckState(Qt.CheckState.Checked)
    assert view.org_save.isEnabled()
    view.org_save.click()
    assert org_settings.get(db, org_settings.ORG_NAME) == "株式会社サンプル商店"
    assert export_masking.external_kinds(db) == {"training-records"}
    assert not view.org_save.isEnabled()
    with db.read() as s:
        keys = sorted(e.entity_id for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")))
    assert keys == ["external_exports", "org_name"]  # the idle minutes were not touched
