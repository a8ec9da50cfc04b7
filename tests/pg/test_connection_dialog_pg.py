"""The PostgreSQL page of the wizard and the connection dialog against the real server of conftest.py."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtWidgets import QWizard

from ecmanual import connection, secrets
from ecmanual.config import LocalSettings
from ecmanual.persistence.engine import make_engine
from ecmanual.services import org_settings, users
from ecmanual.services.context import SYSTEM, Database
from ecmanual.ui.dialogs.connection import ConnectionDialog, PgConnectionForm
from ecmanual.ui.dialogs.first_run import PAGE_ADMIN, FirstRunWizard
from tests.keyring_backend import FileKeyring
from tests.pg.conftest import ROLE, ROLE_PASSWORD

pytestmark = [pytest.mark.pg, pytest.mark.gui]

ADMIN_PASSWORD = "Sekinin-pass-456"


@pytest.fixture(scope="module", autouse=True)
def japanese_app(qapp):
    """Configured once as the app does at start (this folder has no GUI conftest)."""
    from ecmanual.app import configure_application

    configure_application(qapp, "ja")
    yield qapp


@pytest.fixture
def test_keyring(monkeypatch, tmp_path):
    previous = keyring.get_keyring()
    monkeypatch.setenv("ECMANUAL_TEST_KEYRING", str(tmp_path / "keyring.json"))
    monkeypatch.delenv("ECMANUAL_DB_PASSWORD", raising=False)
    keyring.set_keyring(FileKeyring())
    monkeypatch.setattr(secrets, "_session_only", {})
    yield tmp_path / "keyring.json"
    keyring.set_keyring(previous)


def fill(form: PgConnectionForm, server, database: str, password: str) -> None:
    form.host.setText("127.0.0.1")
    form.port.setValue(server.port)
    form.database.setText(database)
    form.user.setText(ROLE)
    form.password.setText(password)


def run_test(qtbot, form: PgConnectionForm) -> None:
    form.test()
    assert form.status.text() == "接続しています…"
    qtbot.waitUntil(lambda: form.task is not None and form.task.done, timeout=30000)


def test_wrong_password_is_refused_then_the_wizard_sets_up_the_server(qtbot, pg_server, pg_database, test_keyring):
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome.org_name.setText("共有チーム")
    wizard.next()
    choice = wizard.database.choice
    choice.server.setChecked(True)
    form = choice.form
    fill(form, pg_server, pg_database, "not-the-password")
    run_test(qtbot, form)
    assert form.status.text().startswith("接続できませんでした:") and "password authentication failed" in \
        form.status.text()
    assert not wizard.database.isComplete() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    form.password.setText(ROLE_PASSWORD)
    assert form.status.text() == ""  # an edit clears the last result
    run_test(qtbot, form)
    assert form.state is not None and form.state.users is None  # an empty database
    assert "データベースは空です" in form.status.text()
    assert wizard.database.isComplete() and wizard.database.nextId() == PAGE_ADMIN
    form.port.setValue(pg_server.port + 1)
    assert not wizard.database.isComplete()  # the test no longer applies to other values
    form.port.setValue(pg_server.port)
    run_test(qtbot, form)

    wizard.next()
    wizard.admin.password.setText(ADMIN_PASSWORD)
    wizard.admin.repeat.setText(ADMIN_PASSWORD)
    wizard.next()
    wizard.content.load_defaults.setChecked(False)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=60000)
    wizard.db.engine.dispose()

    url = pg_server.url(pg_database, password=False) + "?sslmode=prefer"
    assert LocalSettings.load().database == url  # remembered without the password
    assert ROLE_PASSWORD in test_keyring.read_text()
    assert ROLE_PASSWORD not in LocalSettings.path().read_text()
    db = Database(make_engine(pg_server.url(pg_database)))
    try:
        assert [u.username for u in users.list_users(db, SYSTEM)] == ["admin"]
        assert org_settings.get(db, org_settings.ORG_NAME) == "共有チーム"
    finally:
        db.engine.dispose()


def test_a_server_already_set_up_ends_the_wizard_at_sign_in(qtbot, pg_server, pg_db, pg_database, test_keyring):
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome.org_name.setText("別の名前")
    wizard.next()
    wizard.database.choice.server.setChecked(True)
    form = wizard.database.choice.form
    fill(form, pg_server, pg_database, ROLE_PASSWORD)
    run_test(qtbot, form)
    assert form.state.users == 1 and "設定が済んでいます" in form.status.text()
    assert wizard.database.existing() and wizard.database.existing_note.isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isVisible()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted and wizard.actor is None
    assert wizard.target == pg_server.url(pg_database, password=False) + "?sslmode=prefer"
    assert LocalSettings.load().database == wizard.target
    assert ROLE_PASSWORD in test_keyring.read_text()
    assert org_settings.get(pg_db, org_settings.ORG_NAME) == ""  # left as it is on the server


def test_connection_dialog_switches_to_the_server_and_passes_tls_options(qtbot, pg_server, pg_db, pg_database,
                                                                         test_keyring):
    dialog = ConnectionDialog("")
    qtbot.addWidget(dialog)
    assert dialog.choice.local.isChecked()
    dialog.choice.server.setChecked(True)
    form = dialog.choice.form
    fill(form, pg_server, pg_database, ROLE_PASSWORD)
    # The test server has no TLS: sslmode=require reaching psycopg makes the connection fail.
    form.sslmode.setCurrentIndex(form.sslmode.findData("require"))
    run_test(qtbot, form)
    assert not form.tested_ok and "SSL" in form.status.text()
    assert not dialog.ok_button.isEnabled()
    form.sslmode.setCurrentIndex(form.sslmode.findData("disable"))
    run_test(qtbot, form)
    assert form.tested_ok and dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    target = pg_server.url(pg_database, password=False) + "?sslmode=disable"
    assert dialog.chosen_target == target and dialog.stored_in_keyring is True
    assert LocalSettings.load().database == target
    # The next start opens it with the password from the keyring alone.
    assert connection.configured_database() == target
    from ecmanual.app import open_database

    db = open_database(target)
    try:
        assert users.user_count(db) == 1
    finally:
        db.engine.dispose()
