"""The real start-up path: empty database -> first administrator -> sign-in -> main window."""

from __future__ import annotations

import sys
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
