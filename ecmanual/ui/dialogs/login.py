"""Sign-in: user name and password, checked by the users service off the GUI thread; a password
set by an administrator must be changed (PasswordChangeDialog) before the sign-in counts."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ...domain.errors import EcmanualError
from ...services import users
from ...services.context import Actor, Database
from ..a11y import link_form_labels
from ..icons import icon
from ..messages import service_message
from ..tasks import Task, run_task
from .password_change import PasswordChangeDialog

logger = logging.getLogger(__name__)


class LoginDialog(QDialog):
    """Asks for name and password; on success `actor` holds the signed-in user."""

    def __init__(self, db: Database, db_location: str = "", username: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.db_location = db_location
        self.actor: Actor | None = None
        self.task: Task | None = None
        self.change_dialog: PasswordChangeDialog | None = None  # open while a forced change is asked
        self.setObjectName("LoginDialog")
        self.setWindowIcon(icon("app.svg"))
        self.setMinimumWidth(420)

        self.heading = QLabel()
        heading_font = QFont(self.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.6)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.subheading = QLabel()
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        self.location = QLabel()
        self.location.setWordWrap(True)
        self.location.setStyleSheet("color: palette(placeholder-text);")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.form = QFormLayout()
        self.user_caption, self.password_caption = QLabel(), QLabel()
        self.form.addRow(self.user_caption, self.username)
        self.form.addRow(self.password_caption, self.password)

        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("signIn")
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        # Grow when the error line appears instead of squeezing the wrapped texts.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addSpacing(14)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        layout.addWidget(self.location)
        layout.addWidget(self.buttons)
        self.username.textChanged.connect(self._update_button)
        self.password.textChanged.connect(self._update_button)
        self.retranslate_ui()
        self._update_button()
        (self.password if username else self.username).setFocus()
        link_form_labels(self)  # captions name their fields for screen readers

    def _update_button(self) -> None:
        busy = self.task is not None and not self.task.done
        self.sign_in_button.setEnabled(not busy and bool(self.username.text().strip()) and bool(self.password.text()))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password):
            widget.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))
        self._update_button()

    def sign_in(self) -> None:
        name, password = self.username.text().strip(), self.password.text()
        if not name or not password or (self.task is not None and not self.task.done):
            return
        self.error.hide()
        db = self.db

        def work(progress, cancel) -> tuple[Actor, bool]:
            actor = users.authenticate(db, name, password)
            return actor, users.must_change_password(db, actor)

        self.task = run_task(work, on_success=lambda result: self._signed_in(*result, password),
                             on_failure=self._failed, parent=self)
        self._set_busy(True)

    def _signed_in(self, actor: Actor, must_change: bool = False, password: str = "") -> None:
        self._set_busy(False)
        if must_change:
            # Not signed in until the password is the user's own: cancel leaves `actor` empty.
            logger.info("%s must change the password before signing in", actor.username)
            self.change_dialog = PasswordChangeDialog(self.db, actor, current_password=password, parent=self)
            self.change_dialog.finished.connect(lambda result: self._password_changed(actor, result))
            self.change_dialog.open()
            return
        logger.info("%s signed in", actor.username)
        self.actor = actor
        self.accept()

    def _password_changed(self, actor: Actor, result: int) -> None:
        if self.change_dialog is not None:
            self.change_dialog.deleteLater()
        self.change_dialog = None
        self.password.clear()
        if result == QDialog.DialogCode.Accepted:
            logger.info("%s signed in with a new password", actor.username)
            self.actor = actor
            self.accept()
            return
        self.error.setText(self.tr("The password was not changed, so you are not signed in."))
        self.error.show()
        self.password.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(exc, EcmanualError):
            logger.error("sign-in failed unexpectedly", exc_info=exc)
        text = service_message(exc) if isinstance(exc, EcmanualError) else \
            self.tr("Could not sign in: %1").replace("%1", str(exc))
        self.error.setText(text)
        self.error.show()
        self.password.clear()
        self.password.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sign in — ecmanual"))
        self.heading.setText(self.tr("ecmanual"))
        self.subheading.setText(self.tr("Operations manual  ·  version %1").replace("%1", __version__))
        self.user_caption.setText(self.tr("User name"))
        self.password_caption.setText(self.tr("Password"))
        busy = self.task is not None and not self.task.done
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))
        self.location.setText(self.tr("Database: %1").replace("%1", self.db_location) if self.db_location else "")
        self.location.setVisible(bool(self.db_location))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
