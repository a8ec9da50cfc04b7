"""The exception hook logs the error and shows copyable details, from any thread."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtGui import QGuiApplication

from ecmanual.ui.dialogs import exception as hook

pytestmark = pytest.mark.gui


def _raise_and_handle(message: str) -> None:
    try:
        raise ValueError(message)
    except ValueError:
        hook.handle_exception(*sys.exc_info())


@pytest.fixture(autouse=True)
def _close_dialog():
    yield
    dialog = hook.current_dialog()
    if dialog is not None:
        dialog.close()


def test_the_dialog_shows_details_and_copies_them(qtbot, caplog):
    with caplog.at_level(logging.CRITICAL, logger="ecmanual.ui.excepthook"):
        _raise_and_handle("boom 壊れた")
    qtbot.waitUntil(lambda: hook.current_dialog() is not None and hook.current_dialog().isVisible())
    dialog = hook.current_dialog()
    details = dialog.details.toPlainText()
    assert "ValueError: boom 壊れた" in details and "Traceback (most recent call last)" in details
    assert "ecmanual " in details and "PySide6" in details
    assert "問題が発生しました: ValueError: boom 壊れた" in dialog.message.text()
    from ecmanual.log import log_file

    assert str(log_file()) in dialog.message.text()
    assert dialog.copy_button.text() == "詳細をコピー"
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == details
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records)

    _raise_and_handle("second")  # goes into the open dialog, no second window
    qtbot.waitUntil(lambda: "ValueError: second" in dialog.details.toPlainText())
    assert hook.current_dialog() is dialog


def test_an_error_on_another_thread_opens_the_dialog_on_the_gui_thread(qtbot):
    previous = sys.excepthook
    hook.install_excepthook()
    assert sys.excepthook is hook.handle_exception
    try:
        worker = threading.Thread(target=_raise_and_handle, args=("from a worker",))
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: hook.current_dialog() is not None and hook.current_dialog().isVisible())
        assert "ValueError: from a worker" in hook.current_dialog().details.toPlainText()
    finally:
        sys.excepthook = previous
