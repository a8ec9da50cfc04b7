"""GUI test set-up: one configured QApplication (pytest-qt's `qapp`), Japanese by default,
and any unexpected Qt warning fails the test that caused it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QtMsgType

# Offscreen-platform noise that says nothing about the app.
IGNORED_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints()",
)


@pytest.fixture(scope="session")
def qapp_args():
    return ["ecmanual-tests"]


@pytest.fixture(scope="session", autouse=True)
def _configured_app(qapp):
    """Names, the bundled font and the Japanese translation, as the app does at start."""
    from ecmanual.app import configure_application

    configure_application(qapp, "ja")
    yield qapp


@pytest.fixture(autouse=True)
def _japanese_first(_configured_app):
    """Each test starts in the default language, whatever the previous one switched to."""
    from ecmanual.ui import i18n

    if i18n.current_language() != "ja":
        i18n.install_language("ja")
    yield


@pytest.fixture(autouse=True)
def _no_qt_warnings(qtlog):
    yield
    bad = [r for r in qtlog.records
           if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
           and not any(ignored in r.message for ignored in IGNORED_QT_MESSAGES)]
    if bad:
        pytest.fail("unexpected Qt warnings:\n" + "\n".join(f"{r.type_name}: {r.message}" for r in bad))


@pytest.fixture
def admin_window(qtbot, db, admin, db_path):
    """The main window of the admin, without sign-in, geometry not remembered."""
    from ecmanual.app import build_main_window

    window = build_main_window(db, admin, str(db_path), remember_geometry=False)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def wait_loaded(qtbot):
    """`wait_loaded(view)`: until the view's loads on the pool (ui/loading.py) are applied."""
    def wait(view, timeout: int = 10000):
        qtbot.waitUntil(lambda: not view.loader.loading, timeout=timeout)
        return view
    return wait
