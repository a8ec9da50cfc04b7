"""First start on an empty database: create the first administrator."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from ...domain.errors import EcmanualError
from ...services import users
from ...services.context import Database
from ..a11y import link_form_labels
from ..icons import icon
from ..messages import service_message

logger = logging.getLogger(__name__)


class FirstAdminDialog(QDialog):
    """User name, display name and the password twice; creates the account on OK."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.created_username = ""
        self.setObjectName("FirstAdminDialog")
        self.setWindowIcon(icon("app.svg"))
        self.setMinimumWidth(460)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("displayName")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: palette(placeholder-text);")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        form = QFormLayout()
        self.captions = [QLabel() for _ in range(4)]
        for caption, field in zip(self.captions, (self.username, self.display_name, self.password, self.repeat),
                                  strict=True):
            form.addRow(caption, field)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        for field in (self.username, self.password, self.repeat):
            field.textChanged.connect(self._update_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(8)
        # Grow when the error line appears instead of squeezing the wrapped texts.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.rules)  # outside the form: a wrapped label in a form row gets one line
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._update_button()
        self.display_name.setFocus(Qt.FocusReason.OtherFocusReason)
        link_form_labels(self)  # captions name their fields for screen readers

    def _update_button(self) -> None:
        self.ok_button.setEnabled(all(f.text() for f in (self.username, self.password, self.repeat)))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def create(self) -> None:
        if self.password.text() != self.repeat.text():
            self._show_error(self.tr("The two passwords differ."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        name = self.username.text().strip()
        try:
            info = users.create_first_admin(self.db, name, self.password.text(),
                                            self.display_name.text().strip() or None)
        except EcmanualError as exc:
            self._show_error(service_message(exc))
            return
        logger.info("first administrator %s created", info.username)
        self.created_username = info.username
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("First administrator — ecmanual"))
        self.intro.setText(self.tr("This database has no users yet. Create the first administrator; "
                                   "they can add the other users after signing in."))
        for caption, text in zip(self.captions, (self.tr("User name"), self.tr("Display name"),
                                                 self.tr("Password"), self.tr("Password again")), strict=True):
            caption.setText(text)
        self.rules.setText(self.tr("At least 10 characters, mixing two of: lower case, upper case, "
                                   "digits, symbols; not containing the user name."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
