"""Unexpected errors: logged, then shown with copyable details and the log file's path.

`install_excepthook()` makes this `sys.excepthook` (STYLE habit 5). The hook may run on any
thread; the dialog is always opened on the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, Signal, Slot, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ...log import log_file

logger = logging.getLogger(__name__)


def error_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The text a user can paste into a report."""
    import PySide6

    header = (f"ecmanual {__version__}\nPython {platform.python_version()} on {platform.platform()}\n"
              f"Qt {qVersion()}, PySide6 {PySide6.__version__}\n\n")
    return header + "".join(traceback.format_exception(exc_type, exc, tb))


class ExceptionDialog(QDialog):
    """Says that something went wrong, where the log is, and offers the details to copy."""

    def __init__(self, summary: str, details: str, log_path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ExceptionDialog")
        self.summary_text = summary
        self.log_path = log_path
        self.setMinimumSize(640, 420)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setAccessibleName(self.tr("Error details"))
        self.details.setObjectName("details")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copy")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def add_error(self, summary: str, details: str) -> None:
        """A further error while the dialog is open goes below the first one."""
        self.details.appendPlainText("\n" + "-" * 60 + "\n" + details)
        logger.debug("further error appended to the open dialog: %s", summary)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Unexpected error — ecmanual"))
        self.message.setText(
            self.tr("Something went wrong: %1\n\nYour data is safe: the change that failed was not saved. "
                    "The details below were also written to the log file:\n%2")
            .replace("%1", self.summary_text).replace("%2", self.log_path))
        self.copy_button.setText(self.tr("Copy details"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


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
