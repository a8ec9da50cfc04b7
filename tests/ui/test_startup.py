"""Start-up: the sign-in window is painted first and opens its database on a worker meanwhile.

A "Sign in" pressed while the database still opens waits for it; a database that cannot open
or has no users yet is handed back to `run_gui` (connection dialog, first administrator)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ecmanual.app import prepare_database
from ecmanual.ui.dialogs.login import LoginDialog
from tests.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def _gated_opener(target: str):
    """open_database for the dialog that waits on an event, so a test can act while it opens."""
    gate = threading.Event()

    def open_database():
        assert gate.wait(30), "the test never let the database open"
        return prepare_database(target)

    return gate, open_database


def test_sign_in_pressed_while_the_database_opens_waits_and_then_signs_in(qtbot, db, db_path):
    gate, opener = _gated_opener(str(db_path))
    dialog = LoginDialog(None, str(db_path), "admin", open_database=opener)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.opening is not None, timeout=5000)  # started after the first paint
    assert not dialog.ready and dialog.status.isVisible()
    assert dialog.status.text() == "データベースを開いています…"
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.sign_in()
    assert not dialog.sign_in_button.isEnabled() and not dialog.password.isEnabled()  # waiting, not lost
    assert dialog.actor is None
    gate.set()
    qtbot.waitUntil(lambda: dialog.actor is not None, timeout=15000)
    assert dialog.ready and dialog.actor.username == "admin" and dialog.result() == LoginDialog.DialogCode.Accepted
    assert not dialog.status.isVisible()
    dialog.db.engine.dispose()


def test_a_wrong_password_after_the_open_is_said_in_the_dialog(qtbot, db, db_path):
    dialog = LoginDialog(None, str(db_path), "admin", open_database=lambda: prepare_database(str(db_path)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=15000)
    dialog.password.setText("not-the-password")
    dialog.sign_in()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=15000)
    assert dialog.actor is None and dialog.isVisible() and dialog.open_error is None
    dialog.db.engine.dispose()


def test_a_database_that_cannot_open_closes_the_dialog_with_the_error(qtbot, tmp_path):
    bad = tmp_path / "not-a-database.sqlite3"
    bad.write_bytes(b"this is no SQLite file" * 100)
    dialog = LoginDialog(None, str(bad), "admin", open_database=lambda: prepare_database(str(bad)))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=15000):
        dialog.show()
    assert dialog.open_error is not None and dialog.db is None and dialog.actor is None
    assert bad.read_bytes() == b"this is no SQLite file" * 100  # nothing written over it


def test_an_empty_database_asks_for_the_first_administrator(qtbot, tmp_path):
    target = str(tmp_path / "new.sqlite3")
    dialog = LoginDialog(None, target, "", open_database=lambda: prepare_database(target))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=15000):
        dialog.show()
    assert dialog.needs_first_admin and dialog.ready and dialog.open_error is None
    dialog.db.engine.dispose()


def test_a_dialog_given_its_database_opens_nothing(qtbot, db, db_path):
    dialog = LoginDialog(db, str(db_path), "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(50)
    assert dialog.ready and dialog.opening is None and not dialog.status.isVisible()


FIRST_WINDOW_PROBE = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

app = QApplication(["probe"])
seen = {}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and type(obj).__name__ == "LoginDialog" and not seen:
            seen["loaded"] = sorted(m for m in ("sqlalchemy", "alembic", "openpyxl", "reportlab", "keyring")
                                    if m in sys.modules)
            seen["ecmanual"] = sorted(m for m in sys.modules if m.startswith("ecmanual.services"))
            obj.reject()
        return False

watch = Watch()
app.installEventFilter(watch)
from ecmanual.__main__ import main
status = main(["--db", sys.argv[1], "--user", "admin"])
print(json.dumps({"status": status, **seen}))
"""


def test_the_first_window_paints_before_the_database_layer_is_imported(db, db_path, tmp_path):
    """The real entry point in a fresh process: at the sign-in window's first paint neither
    SQLAlchemy nor any service module has been imported (they load on the worker after it)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ECMANUAL_HOME": str(tmp_path / "home")}
    out = subprocess.run([sys.executable, "-c", FIRST_WINDOW_PROBE, str(db_path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["status"] == 0  # cancelled at the sign-in window
    assert seen["loaded"] == [] and seen["ecmanual"] == [], seen
