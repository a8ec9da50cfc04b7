"""The real start-up paths: the first-run wizard on an empty data folder, sign-in on later runs,
an empty database -> first administrator, and the connection dialog when the database cannot open."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ecmanual.app import run_gui
from ecmanual.config import LocalSettings
from ecmanual.ui.dialogs.first_admin import FirstAdminDialog
from ecmanual.ui.dialogs.login import LoginDialog
from ecmanual.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_first_start_creates_the_admin_signs_in_and_opens_the_window(qtbot, tmp_path):
    seen = []

    def drive():
        modal = QApplication.activeModalWidget()
        if isinstance(modal, FirstAdminDialog) and "first" not in seen:
            seen.append("first")
            modal.display_name.setText("管理 花子")
            modal.password.setText("Sekinin-pass-456")
            modal.repeat.setText("Sekinin-pass-456")
            modal.ok_button.click()
        elif isinstance(modal, LoginDialog) and not modal.ready:
            pass  # shown at once; its database (empty here: first admin next) is still opening
        elif isinstance(modal, LoginDialog) and "login" not in seen:
            seen.append("login")
            seen.append(("prefilled", modal.username.text(), modal.windowTitle()))
            modal.password.setText("Sekinin-pass-456")
            modal.sign_in()
        else:
            windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
            if windows and "main" not in seen:
                seen.append("main")
                seen.append(("title", windows[0].sidebar.item(0).text(), windows[0].user_status.text()))
                windows[0].close()
                return
        timer.start()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(50)
    timer.timeout.connect(drive)
    timer.start()
    previous_hook = sys.excepthook
    try:
        status = run_gui(SimpleNamespace(db=str(tmp_path / "new.sqlite3"), lang=None, user=None))
    finally:
        sys.excepthook = previous_hook
        timer.stop()
    assert status == 0
    assert seen == ["first", "login", ("prefilled", "admin", "サインイン — ecmanual"),
                    "main", ("title", "ダッシュボード", "ユーザー: 管理 花子（管理者）")]
    assert LocalSettings.load().last_user == "admin"


def _drive(steps):
    """Run `steps(modal, windows)` every 50 ms until it returns True; returns the timer to stop."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(50)

    def tick():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not steps(QApplication.activeModalWidget(), windows):
            timer.start()

    timer.timeout.connect(tick)
    timer.start()
    return timer


def _run(args) -> int:
    previous_hook = sys.excepthook
    try:
        return run_gui(args)
    finally:
        sys.excepthook = previous_hook


def test_first_run_on_an_empty_data_folder_walks_the_wizard_into_the_main_window(qtbot):
    from PySide6.QtWidgets import QWizard

    from ecmanual.config import default_db
    from ecmanual.ui.dialogs.first_run import FirstRunWizard

    seen = []

    def steps(modal, windows):
        if isinstance(modal, FirstRunWizard) and "wizard" not in seen:
            seen.append("wizard")
            modal.welcome.org_name.setText("株式会社サンプル")
            modal.next()
            modal.next()  # this PC's SQLite file
            modal.admin.display_name.setText("管理 花子")
            modal.admin.password.setText("Sekinin-pass-456")
            modal.admin.repeat.setText("Sekinin-pass-456")
            modal.next()
            modal.content.load_defaults.setChecked(False)
            modal.button(QWizard.WizardButton.FinishButton).click()
        elif isinstance(modal, LoginDialog):
            seen.append("login")  # not expected: the wizard ends signed in
            modal.reject()
        elif windows:
            seen.append(("main", windows[0].user_status.text()))
            windows[0].close()
            return True
        return False

    timer = _drive(steps)
    try:
        status = _run(SimpleNamespace(db=None, lang=None, user=None))
    finally:
        timer.stop()
    assert status == 0
    assert seen == ["wizard", ("main", "ユーザー: 管理 花子（管理者）")]
    assert Path(default_db()).exists()
    assert LocalSettings.load().last_user == "admin"


def test_later_runs_open_straight_to_sign_in(qtbot):
    from ecmanual.config import default_db
    from ecmanual.connection import NewDatabase, needs_first_run, set_up_new_database

    db, _ = set_up_new_database(NewDatabase(target=default_db(), admin_username="kanri",
                                            admin_password="Sekinin-pass-456", load_defaults=False))
    db.engine.dispose()
    assert not needs_first_run()
    seen = []

    def steps(modal, windows):
        if modal is not None:
            seen.append((type(modal).__name__, getattr(getattr(modal, "username", None), "text", lambda: "")()))
            modal.reject()
            return True
        return False

    timer = _drive(steps)
    try:
        status = _run(SimpleNamespace(db=None, lang=None, user="kanri"))
    finally:
        timer.stop()
    assert status == 0
    assert seen == [("LoginDialog", "kanri")]


def test_cannot_open_offers_the_connection_dialog_which_switches_at_once(qtbot):
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from ecmanual.config import default_db
    from ecmanual.ui.dialogs.connection import ConnectionDialog

    settings = LocalSettings.load()
    settings.database = "postgresql+psycopg://ecmanual@127.0.0.1:1/ecmanual?connect_timeout=5"  # nothing listens
    settings.save()
    seen = []

    def steps(modal, windows):
        if isinstance(modal, QMessageBox) and modal.objectName() == "cannotOpen" and "error" not in seen:
            seen.append("error")
            seen.append("127.0.0.1" in modal.text())
            modal.findChild(QPushButton, "openConnectionDialog").click()
        elif isinstance(modal, ConnectionDialog) and "connection" not in seen:
            seen.append("connection")
            seen.append((modal.choice.uses_server, modal.choice.form.port.value(), "すぐに開きます" in modal.when.text()))
            modal.choice.local.setChecked(True)
            modal.ok_button.click()
        elif isinstance(modal, FirstAdminDialog):
            seen.append("first admin")  # the new SQLite file opened in this same start
            modal.reject()
            return True
        return False

    timer = _drive(steps)
    try:
        status = _run(SimpleNamespace(db=None, lang=None, user=None))
    finally:
        timer.stop()
    assert status == 0
    assert seen == ["error", True, "connection", (True, 1, True), "first admin"]
    assert LocalSettings.load().database == "" and Path(default_db()).exists()
