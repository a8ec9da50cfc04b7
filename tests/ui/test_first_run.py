"""The first-run wizard on an empty data folder, its pages' checks and the keyring message."""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QWizard

from ecmanual import connection, secrets
from ecmanual.config import LocalSettings, default_db
from ecmanual.persistence.engine import make_engine
from ecmanual.services import org_settings, search, users
from ecmanual.services.context import SYSTEM, Database
from ecmanual.ui import i18n
from ecmanual.ui.dialogs.connection import ConnectionDialog, PgConnectionForm
from ecmanual.ui.dialogs.first_run import PAGE_ADMIN, PAGE_CONTENT, PAGE_DATABASE, PAGE_WELCOME, FirstRunWizard
from tests.keyring_backend import FileKeyring

pytestmark = pytest.mark.gui

PASSWORD = "Sekinin-pass-456"


@pytest.fixture
def no_keyring(monkeypatch):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(secrets, "_session_only", {})
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def file_keyring(monkeypatch, tmp_path):
    previous = keyring.get_keyring()
    monkeypatch.setenv("ECMANUAL_TEST_KEYRING", str(tmp_path / "keyring.json"))
    keyring.set_keyring(FileKeyring())
    monkeypatch.setattr(secrets, "_session_only", {})
    yield tmp_path / "keyring.json"
    keyring.set_keyring(previous)


def fill_admin(wizard: FirstRunWizard, password: str = PASSWORD) -> None:
    wizard.admin.display_name.setText("管理 花子")
    wizard.admin.password.setText(password)
    wizard.admin.repeat.setText(password)


def test_wizard_sets_up_sqlite_in_the_data_folder_and_ends_signed_in(qtbot):
    assert connection.needs_first_run()
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == PAGE_WELCOME
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # the organisation name is needed
    wizard.welcome.org_name.setText("  株式会社サンプル EC事業部 ")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == PAGE_DATABASE
    assert wizard.database.choice.local.isChecked() and wizard.database.isComplete()
    wizard.next()
    assert wizard.currentId() == PAGE_ADMIN
    fill_admin(wizard)
    wizard.next()
    assert wizard.currentId() == PAGE_CONTENT
    assert wizard.content.load_defaults.isChecked()
    assert "株式会社サンプル EC事業部" in wizard.content.summary.text()
    assert not os.path.exists(default_db())  # nothing created before Finish

    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=60000)

    assert wizard.actor is not None and wizard.actor.username == "admin"
    db = wizard.db
    try:
        assert db.engine.url.database == str(Path(default_db()).resolve())
        [info] = users.list_users(db, SYSTEM)
        assert (info.username, info.display_name, info.role) == ("admin", "管理 花子", "admin")
        assert org_settings.get(db, org_settings.ORG_NAME) == "株式会社サンプル EC事業部"
        assert wizard.done_plan is not None and sum(wizard.done_plan.counts.values()) > 100
        assert search.search(db, wizard.actor, "RACI")  # default content is there and indexed
    finally:
        db.engine.dispose()
    # The database is remembered (the data folder's file), so the next start goes to sign-in.
    assert LocalSettings.load().database == ""
    assert not connection.needs_first_run()
    # The new admin can sign in with the password typed in the wizard.
    again = Database(make_engine(default_db()))
    try:
        assert users.authenticate(again, "admin", PASSWORD).username == "admin"
    finally:
        again.engine.dispose()


def test_without_default_content_nothing_is_loaded(qtbot, tmp_path):
    plan = connection.NewDatabase(target=str(tmp_path / "bare.sqlite3"), org_name="", admin_username="kanri",
                                  admin_password=PASSWORD, load_defaults=False)
    db, actor = connection.set_up_new_database(plan)
    try:
        assert actor.username == "kanri" and plan.counts == {}
        assert not search.search(db, actor, "RACI")
        assert org_settings.get(db, org_settings.ORG_NAME) == ""
    finally:
        db.engine.dispose()
    assert LocalSettings.load().database == str(tmp_path / "bare.sqlite3")
    # Running it again (a retry after a failure half-way) signs in the admin created before.
    db, actor = connection.set_up_new_database(plan)
    db.engine.dispose()
    assert actor.username == "kanri"


def test_admin_page_applies_the_password_rules(qtbot):
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    page = wizard.admin
    page.password.setText("short")
    assert not page.isComplete()
    assert "パスワードが弱すぎます" in page.problem.text() and "10" in page.problem.text()
    page.password.setText("admin-Password-1")  # contains the user name
    assert "ユーザー名" in page.problem.text()
    page.password.setText(PASSWORD)
    page.repeat.setText(PASSWORD + "x")
    assert page.problem.text() == "2 つのパスワードが一致しません。" and not page.isComplete()
    page.repeat.setText(PASSWORD)
    assert page.problem_text() == "" and page.isComplete()
    page.username.setText("")
    assert not page.isComplete() and page.problem.text() == "ユーザー名を入力してください。"


def test_server_choice_needs_valid_fields_and_a_successful_test(qtbot, tmp_path):
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    choice = wizard.database.choice
    assert not choice.form.isEnabled()
    choice.server.setChecked(True)
    assert choice.form.isEnabled() and not wizard.database.isComplete()
    form = choice.form
    form.test()  # no host: refused before any connection
    assert form.status.text() == "サーバーの名前またはアドレスを入力してください。" and form.task is None
    form.host.setText("db.example.local")
    form.sslmode.setCurrentIndex(form.sslmode.findData("verify-full"))
    assert form.settings().problems() == ["sslrootcert"]
    form.test()
    assert "ルート証明書" in form.status.text()
    cert = tmp_path / "root.crt"
    cert.write_text("-----BEGIN CERTIFICATE-----\n")
    form.rootcert.setText(str(cert))
    assert form.settings().problems() == []
    url = form.settings().url()
    assert url.query == {"sslmode": "verify-full", "sslrootcert": str(cert)} and url.password is None
    assert not wizard.database.isComplete()  # still untested


def test_wizard_switches_the_language_live(qtbot):
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    assert wizard.welcome.title() == "ecmanual へようこそ"
    wizard.welcome.language.setCurrentIndex(wizard.welcome.language.findData("en"))
    try:
        qtbot.waitUntil(lambda: wizard.welcome.title() == "Welcome to ecmanual")
        assert wizard.buttonText(QWizard.WizardButton.NextButton) == "Next >"
        assert LocalSettings.load().language == "en"
    finally:
        i18n.install_language("ja")
    qtbot.waitUntil(lambda: wizard.buttonText(QWizard.WizardButton.NextButton) == "次へ >")


def test_missing_keyring_is_said_and_the_password_kept_for_the_session(qtbot, no_keyring):
    form = PgConnectionForm()
    qtbot.addWidget(form)
    assert "安全なキーリングがない" in form.keyring_note.text()
    assert "このセッションの間だけ" in form.keyring_note.text()
    form.host.setText("db.example.local")
    form.password.setText("Server-pass-1")
    assert form.keep_password() is False
    url = form.settings().url()
    assert secrets.database_password(url) == "Server-pass-1" and secrets.kept_for_session_only(url)


def test_secure_keyring_is_named_and_used(qtbot, file_keyring):
    form = PgConnectionForm()
    qtbot.addWidget(form)
    assert "安全なキーリング（" in form.keyring_note.text() and "FileKeyring）" in form.keyring_note.text()
    form.host.setText("db.example.local")
    form.password.setText("Server-pass-1")
    assert form.keep_password() is True
    assert "Server-pass-1" in file_keyring.read_text()
    assert not secrets.kept_for_session_only(form.settings().url())


def test_connection_dialog_from_settings_takes_effect_at_next_start(qtbot):
    dialog = ConnectionDialog("postgresql+psycopg://ecmanual@db.example.local:5433/team?sslmode=require")
    qtbot.addWidget(dialog)
    form = dialog.choice.form
    assert dialog.choice.uses_server and (form.host.text(), form.port.value(), form.database.text()) == \
        ("db.example.local", 5433, "team")
    assert form.sslmode.currentData() == "require"
    assert not dialog.ok_button.isEnabled()  # a server must pass the test first
    assert "次回の起動" in dialog.when.text()
    dialog.choice.local.setChecked(True)
    assert dialog.ok_button.isEnabled()
    settings = LocalSettings.load()
    settings.database = "postgresql+psycopg://old@host/db"
    settings.save()
    dialog.ok_button.click()
    assert dialog.chosen_target == default_db() and LocalSettings.load().database == ""


def test_settings_offers_the_connection_dialog_to_administrators_only(qtbot, admin_window, db, viewer, db_path):
    from ecmanual.app import build_main_window

    admin_window.show_area("settings")
    settings = admin_window.page("settings")
    assert settings.connection_button.isVisibleTo(admin_window)
    assert settings.connection_button.text() == "データベース接続…"
    other = build_main_window(db, viewer, str(db_path), remember_geometry=False)
    qtbot.addWidget(other)
    other.show_area("settings")
    assert not other.page("settings").connection_button.isVisibleTo(other)
