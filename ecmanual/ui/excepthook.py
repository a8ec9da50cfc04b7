"""Unexpected errors: logged, then shown in `dialogs.exception.ExceptionDialog`.

`install_excepthook()` makes `handle_exception` the `sys.excepthook` (STYLE habit 5). The hook
may run on any thread; the dialog is always opened on the GUI thread through a queued signal,
and its module is imported only then (start-up loads no widget classes for it).
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot, qVersion
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..log import log_file

if TYPE_CHECKING:
    from .dialogs.exception import ExceptionDialog

logger = logging.getLogger(__name__)


def error_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The text a user can paste into a report."""
    import PySide6

    header = (f"ecmanual {__version__}\nPython {platform.python_version()} on {platform.platform()}\n"
              f"Qt {qVersion()}, PySide6 {PySide6.__version__}\n\n")
    return header + "".join(traceback.format_exception(exc_type, exc, tb))


class _Relay(QObject):
    """Lives on the GUI thread; carries errors from any thread to the dialog."""

    show = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.dialog: ExceptionDialog | None = None
        self.show.connect(self._show, Qt.ConnectionType.AutoConnection)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_error(summary, details)
            return
        from .dialogs.exception import ExceptionDialog

        parent = QApplication.activeWindow()
        self.dialog = ExceptionDialog(summary, details, str(log_file()), parent)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.open()

    @Slot()
    def _forget(self) -> None:
        self.dialog = None


_relay: _Relay | None = None


def _get_relay() -> _Relay | None:
    global _relay
    app = QCoreApplication.instance()
    if not isinstance(app, QApplication):
        return None
    if _relay is None:
        if QThread.currentThread() is not app.thread():
            return None  # cannot create it off the GUI thread; install_excepthook does it early
        _relay = _Relay()
    return _relay


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The exception hook: log it, then show the dialog (or print when there is no GUI)."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    logger.critical("unexpected error", exc_info=(exc_type, exc, tb))
    relay = _get_relay()
    if relay is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    summary = f"{exc_type.__name__}: {exc}".strip().rstrip(":")
    relay.show.emit(summary, error_details(exc_type, exc, tb))


def current_dialog() -> ExceptionDialog | None:
    return _relay.dialog if _relay is not None else None


def install_excepthook() -> None:
    """Call on the GUI thread once the QApplication exists."""
    _get_relay()
    sys.excepthook = handle_exception
