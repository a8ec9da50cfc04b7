"""A non-modal notice across the top of the main window: a message, an action button and a
close button. Used for the reminders where the platform has no system tray."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class NotificationBanner(QFrame):
    """Shows one message at a time; `action` is emitted by its button, `dismissed` by the ×."""

    action = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notificationBanner")
        self.setStyleSheet("QFrame#notificationBanner { background: #fff4ce; border: 1px solid #e0c46c;"
                           " border-radius: 4px; } QLabel { color: #4a3b00; }")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.action_button = QPushButton()
        self.action_button.clicked.connect(self.action)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.hide()
        self.retranslate_ui()

    def notify(self, text: str, action_text: str | None = None) -> None:
        self.message.setText(text)
        self.action_button.setVisible(bool(action_text))
        if action_text:
            self.action_button.setText(action_text)
        self.setAccessibleDescription(text)
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
