"""Sign-in and first-administrator dialogs against a real database file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sqlalchemy import select

from ecmanual.persistence.engine import make_engine
from ecmanual.persistence.models import AuditEntry
from ecmanual.services import setup, users
from ecmanual.services.context import Database
from ecmanual.ui.dialogs.first_admin import FirstAdminDialog
from ecmanual.ui.dialogs.login import LoginDialog
from tests.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.gui


def _last_audit(db):
    with db.read() as s:
        return s.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()))


def test_login_with_the_right_password_signs_in(qtbot, db):
    dialog = LoginDialog(db, "/data/ecmanual.sqlite3", "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "サインイン — ecmanual"
    assert dialog.user_caption.text() == "ユーザー名"
    assert not dialog.sign_in_button.isEnabled()  # no password yet
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    assert dialog.sign_in_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.username == "admin" and dialog.actor.display_name == "管理 太郎"
    entry = _last_audit(db)
    assert (entry.action, entry.actor) == ("login", "admin")


def test_login_with_a_wrong_password_shows_the_error(qtbot, db):
    dialog = LoginDialog(db, "", "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "Wrong-pass-999")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not dialog.username.isEnabled()  # busy while the service checks
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert dialog.error.text() == "ユーザー名またはパスワードが違います。"
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.password.text() == "" and dialog.username.isEnabled()
    assert dialog.sign_in_button.text() == "サインイン"
    assert _last_audit(db).action == "login_failed"


def test_login_error_in_english(qtbot, db):
    from ecmanual.ui import i18n

    i18n.install_language("en")
    dialog = LoginDialog(db, "", "nobody")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("Whatever-123")
    dialog.sign_in()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert dialog.error.text() == "Wrong user name or password."
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_qt_own_buttons_are_japanese(qtbot, db):
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"


@pytest.fixture
def empty_db(tmp_path):
    database = Database(make_engine(tmp_path / "empty.sqlite3"))
    setup.init_schema(database)
    yield database
    database.engine.dispose()


def test_first_admin_dialog_creates_the_administrator(qtbot, empty_db):
    dialog = FirstAdminDialog(empty_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("kanri")
    dialog.display_name.setText("管理 花子")
    dialog.password.setText("Kanri-pass-456")
    dialog.repeat.setText("Kanri-pass-457")
    dialog.ok_button.click()
    assert dialog.error.text() == "2つのパスワードが一致しません。" and users.user_count(empty_db) == 0

    dialog.password.setText("short")
    dialog.repeat.setText("short")
    dialog.ok_button.click()
    assert dialog.error.text().startswith("パスワードが弱すぎます: ")
    assert "10 文字以上" in dialog.error.text() and users.user_count(empty_db) == 0

    dialog.password.setText("Kanri-pass-456")
    dialog.repeat.setText("Kanri-pass-456")
    dialog.ok_button.click()
    assert dialog.error.text() == "パスワードが弱すぎます: ユーザー名を含めないでください"

    dialog.password.setText("Sekinin-pass-456")
    dialog.repeat.setText("Sekinin-pass-456")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.ok_button.click()
    assert dialog.created_username == "kanri"
    actor = users.authenticate(empty_db, "kanri", "Sekinin-pass-456")
    assert actor.role == "admin" and actor.display_name == "管理 花子"
