"""Sign-in: user name and password, checked by the users service off the GUI thread; a password
set by an administrator must be changed (PasswordChangeDialog) before the sign-in counts.

At start-up the dialog is the first window and may come without a database: it is painted
first, then `open_database` runs on a worker (the database layer is imported there) while the
person types; a "Sign in" pressed meanwhile waits for it. The outcome for the caller:
`actor` (signed in), `open_error` (the database did not open) or `needs_first_admin`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QPaintEvent
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
from ..a11y import link_form_labels
from ..icons import icon
from ..messages import service_message
from ..tasks import Task, run_task

if TYPE_CHECKING:
    from ...domain.actor import Actor
    from ...services.context import Database
    from .password_change import PasswordChangeDialog

# Opening starts after the first paint; this is the latest it starts (a window never painted).
OPEN_AFTER_SHOW_MS = 300

logger = logging.getLogger(__name__)


class LoginDialog(QDialog):
    """Asks for name and password; on success `actor` holds the signed-in user."""

    def __init__(self, db: Database | None, db_location: str = "", username: str = "", parent: QWidget | None = None,
                 *, open_database: Callable[[], tuple[Database, int]] | None = None):
        super().__init__(parent)
        self.db = db
        self.db_location = db_location
        self.actor: Actor | None = None
        self.task: Task | None = None
        # Without a database: open_database() -> (database, user count), run once painted.
        self._open_database = open_database if db is None else None
        self.opening: Task | None = None
        self.open_error: BaseException | None = None
        self.needs_first_admin = False
        self._sign_in_waiting = False  # "Sign in" pressed before the database was ready
        self.change_dialog: PasswordChangeDialog | None = None  # open while a forced change is asked
        self.setObjectName("LoginDialog")
        self.setWindowIcon(icon("app.svg"))
        margins = 24  # left and right, as set on the layout below

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
        self.status = QLabel()  # "Opening the database…" while it opens
        self.status.setObjectName("openingStatus")
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.status.setVisible(self._open_database is not None)

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
        layout.setContentsMargins(margins, 20, margins, 16)
        # The layout's constraint sets the dialog's minimum from its contents: 420 px wide in all.
        self.location.setMinimumWidth(420 - 2 * margins)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addSpacing(14)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        layout.addWidget(self.location)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.username.textChanged.connect(self._update_button)
        self.password.textChanged.connect(self._update_button)
        self.retranslate_ui()
        self._update_button()
        (self.password if username else self.username).setFocus()
        link_form_labels(self)  # captions name their fields for screen readers

    @property
    def ready(self) -> bool:
        """The database is open: a sign-in can be checked now."""
        return self.db is not None

    def _busy(self) -> bool:
        return self._sign_in_waiting or (self.task is not None and not self.task.done)

    def _update_button(self) -> None:
        self.sign_in_button.setEnabled(not self._busy() and bool(self.username.text().strip())
                                       and bool(self.password.text()))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password):
            widget.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))
        self._update_button()

    # --- opening the database (start-up) ---------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._open_database is not None:
            QTimer.singleShot(OPEN_AFTER_SHOW_MS, self._start_opening)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        if self._open_database is not None and self.opening is None:
            QTimer.singleShot(0, self._start_opening)  # the window is on screen: now the heavy part

    def _start_opening(self) -> None:
        if self._open_database is None or self.opening is not None:
            return
        open_database = self._open_database
        self.opening = run_task(lambda progress, cancel: open_database(), on_success=self._opened,
                                on_failure=self._open_failed, parent=self)

    def _opened(self, result: tuple[Database, int]) -> None:
        self.db, user_count = result
        self.status.hide()
        if user_count == 0:  # nobody can sign in yet: the caller asks for the first administrator
            self.needs_first_admin = True
            self.reject()
            return
        if self._sign_in_waiting:
            self._sign_in_waiting = False
            self.sign_in()

    def _open_failed(self, exc: BaseException) -> None:
        self.open_error = exc
        self._sign_in_waiting = False
        self.reject()

    def sign_in(self) -> None:
        name, password = self.username.text().strip(), self.password.text()
        if not name or not password or self._busy():
            return
        self.error.hide()
        if self.db is None:  # still opening: check as soon as it is open
            self._sign_in_waiting = True
            self._set_busy(True)
            return
        db = self.db

        def work(progress, cancel) -> tuple[Actor, bool]:
            from ...services import users

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
            from .password_change import PasswordChangeDialog

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
        self.sign_in_button.setText(self.tr("Signing in…") if self._busy() else self.tr("Sign in"))
        self.status.setText(self.tr("Opening the database…"))
        self.location.setText(self.tr("Database: %1").replace("%1", self.db_location) if self.db_location else "")
        self.location.setVisible(bool(self.db_location))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
