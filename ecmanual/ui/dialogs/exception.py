"""The dialog for unexpected errors: what happened, copyable details and the log file's path.

The hook that opens it is `ui.excepthook` (re-exported here): installed at start without
loading this dialog's widget classes, which are needed only once something goes wrong.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..excepthook import current_dialog, error_details, handle_exception, install_excepthook

__all__ = ["ExceptionDialog", "current_dialog", "error_details", "handle_exception", "install_excepthook"]

logger = logging.getLogger(__name__)


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
