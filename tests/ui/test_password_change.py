"""Password changes: forced at sign-in for a password an administrator set, and from the menu."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from ecmanual.persistence.models import AuditEntry
from ecmanual.services import users
from ecmanual.ui.dialogs.login import LoginDialog
from ecmanual.ui.dialogs.password_change import PasswordChangeDialog
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD

pytestmark = pytest.mark.gui

NEW_PASSWORD = "Jibun-no-pass-42"


def _actions(db) -> list[tuple[str, str]]:
    with db.read() as s:
        return [(e.actor, e.action) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


def _sign_in(qtbot, dialog: LoginDialog, password: str) -> PasswordChangeDialog:
    dialog.password.setText(password)
    dialog.sign_in()
    qtbot.waitUntil(lambda: dialog.change_dialog is not None and dialog.change_dialog.isVisible(), timeout=10000)
    return dialog.change_dialog


def test_new_user_must_change_the_password_before_signing_in(qtbot, db, editor):
    login = LoginDialog(db, "", "editor")
    qtbot.addWidget(login)
    login.show()
    change = _sign_in(qtbot, login, USER_PASSWORD)
    assert login.actor is None and login.isVisible()  # not signed in yet
    assert change.windowTitle() == "パスワードの変更 — ecmanual"
    assert change.forced and not change.current.isVisible()  # the password just typed is the current one
    assert "10文字以上" in change.rules.text() and "ユーザー名を含まず" in change.rules.text()

    change.new.setText(NEW_PASSWORD)
    change.repeat.setText("Jibun-no-pass-43")
    change.ok_button.click()
    assert change.error.text() == "新しいパスワードが一致しません。" and change.repeat.text() == ""

    change.new.setText("short1")
    change.repeat.setText("short1")
    change.ok_button.click()
    qtbot.waitUntil(change.error.isVisible, timeout=10000)
    assert change.error.text().startswith("パスワードが弱すぎます") and "10" in change.error.text()
    assert change.isVisible()

    change.new.setText(NEW_PASSWORD)
    change.repeat.setText(NEW_PASSWORD)
    with qtbot.waitSignal(login.accepted, timeout=10000):
        change.ok_button.click()
    assert login.result() == QDialog.DialogCode.Accepted and login.actor.username == "editor"
    assert not users.must_change_password(db, login.actor)
    assert _actions(db)[-2:] == [("editor", "login"), ("editor", "change_password")]
    assert users.authenticate(db, "editor", NEW_PASSWORD, delay=0)


def test_cancelling_the_forced_change_leaves_the_user_signed_out(qtbot, db, editor):
    login = LoginDialog(db, "", "editor")
    qtbot.addWidget(login)
    login.show()
    change = _sign_in(qtbot, login, USER_PASSWORD)
    change.cancel_button.click()
    qtbot.waitUntil(lambda: login.change_dialog is None, timeout=5000)
    assert login.isVisible() and login.actor is None and login.result() != QDialog.DialogCode.Accepted
    assert login.error.text() == "パスワードが変更されなかったため、サインインしていません。"
    assert users.must_change_password(db, editor)
    # Signing in again asks again.
    assert _sign_in(qtbot, login, USER_PASSWORD).forced


def test_admin_reset_forces_a_change_too(qtbot, db, admin, editor):
    users.change_password(db, editor, USER_PASSWORD, NEW_PASSWORD)
    login = LoginDialog(db, "", "editor")
    qtbot.addWidget(login)
    login.password.setText(NEW_PASSWORD)
    with qtbot.waitSignal(login.accepted, timeout=10000):
        login.sign_in()  # own password: no change asked
    users.reset_password(db, admin, "editor", "Reset-by-admin-9")
    login = LoginDialog(db, "", "editor")
    qtbot.addWidget(login)
    login.show()
    assert _sign_in(qtbot, login, "Reset-by-admin-9").forced


def test_change_from_the_menu(qtbot, admin_window, db, admin):
    assert admin_window.change_password_action.text() == "パスワードの変更(&P)…"
    assert admin_window.change_password_action in admin_window.file_menu.actions()
    dialog = admin_window.change_password()
    assert not dialog.forced and dialog.current.isVisible()
    assert dialog.intro.text() == "管理 太郎 さんのパスワードを変更します。"
    dialog.current.setText("Not-my-pass-1")
    dialog.new.setText(NEW_PASSWORD)
    dialog.repeat.setText(NEW_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert dialog.error.text() == "現在のパスワードが違います。" and dialog.current.text() == ""
    dialog.current.setText(ADMIN_PASSWORD)
    dialog.new.setText(ADMIN_PASSWORD)
    dialog.repeat.setText(ADMIN_PASSWORD)
    dialog.ok_button.click()
    assert dialog.error.text() == "新しいパスワードは現在のパスワードと違うものにしてください。"
    dialog.new.setText(NEW_PASSWORD)
    dialog.repeat.setText(NEW_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.ok_button.click()
    assert admin_window.statusBar().currentMessage() == "パスワードを変更しました。"
    assert users.authenticate(db, "admin", NEW_PASSWORD, delay=0)
