"""The idle lock (セッションタイムアウト): after the organisation's idle minutes without input the
main window hides its content and asks the signed-in user's password again.

The minutes are the organisation setting IDLE_LOCK_MINUTES (0 = never), re-read whenever the
timer fires and after each unlock, so a change made on another PC applies there too. Any key,
mouse or touch input anywhere in the application counts as activity. Unlocking goes through
`users.authenticate` (audited, slowed and counted towards the lockout like a sign-in); the
dialog can also sign out, which closes the app.
"""

from __future__ import annotations

import logging
import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import EcmanualError
from ..services import org_settings, users
from ..services.context import Actor, Database
from .dialogs.password_change import grow_to_fit
from .icons import icon
from .messages import service_message
from .tasks import Task, run_task

logger = logging.getLogger(__name__)

ACTIVITY_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
})


def idle_lock_seconds(db: Database) -> float:
    """The organisation's idle time in seconds (0: never lock)."""
    return 60.0 * int(org_settings.get(db, org_settings.IDLE_LOCK_MINUTES))


class LockedPage(QWidget):
    """Stands in for the window's content while it is locked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lockedPage")
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.label.setFont(font)
        self.label.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label, 1)
        self.label.setText(self.tr("Locked: enter your password to continue."))


class UnlockDialog(QDialog):
    """Asks the signed-in user's password; `unlocked` on success, `sign_out_requested` to leave."""

    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, db: Database, actor: Actor, idle_seconds: float, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.idle_seconds = idle_seconds
        self.task: Task | None = None
        self._leaving = False
        self.setObjectName("UnlockDialog")
        self.setWindowIcon(icon("app.svg"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(420)
        # No close button: the only ways out are the password or signing out.
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.user_value = QLabel(f"{actor.display_name} ({actor.username})"
                                 if actor.display_name and actor.display_name != actor.username else actor.username)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.textChanged.connect(self._update_buttons)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        form = QFormLayout()
        self.user_caption, self.password_caption = QLabel(), QLabel()
        form.addRow(self.user_caption, self.user_value)
        form.addRow(self.password_caption, self.password)

        self.buttons = QDialogButtonBox()
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("signOut")
        self.buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.sign_out_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.sign_out_button.clicked.connect(self.sign_out)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.message)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._update_buttons()
        self.password.setFocus()

    def _busy(self) -> bool:
        return self.task is not None and not self.task.done

    def _update_buttons(self) -> None:
        self.unlock_button.setEnabled(bool(self.password.text()) and not self._busy())
        self.sign_out_button.setEnabled(not self._busy())

    def try_unlock(self) -> None:
        password = self.password.text()
        if not password or self._busy():
            return
        self.error.hide()
        db, name = self.db, self.actor.username
        self.task = run_task(
            lambda progress, cancel: users.authenticate(db, name, password, purpose=users.UNLOCK),
            on_success=self._succeeded, on_failure=self._failed, parent=self)
        self.password.setEnabled(False)
        self.unlock_button.setText(self.tr("Checking…"))
        self._update_buttons()

    def _done_checking(self) -> None:
        self.password.setEnabled(True)
        self.unlock_button.setText(self.tr("Unlock"))
        self._update_buttons()

    def _succeeded(self, _actor: Actor) -> None:
        self._done_checking()
        logger.info("%s unlocked the window", self.actor.username)
        self._leaving = True
        self.accept()
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self._done_checking()
        if not isinstance(exc, EcmanualError):
            logger.error("unlock failed unexpectedly", exc_info=exc)
        self.error.setText(service_message(exc) if isinstance(exc, EcmanualError)
                           else self.tr("Could not check the password: %1").replace("%1", str(exc)))
        self.error.show()
        grow_to_fit(self)
        self.password.clear()
        self.password.setFocus()

    def sign_out(self) -> None:
        if self._busy():
            return
        self._leaving = True
        self.done(QDialog.DialogCode.Rejected)
        self.sign_out_requested.emit()

    def reject(self) -> None:
        """Escape does nothing: leaving the lock needs the password or signing out."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._leaving:
            super().closeEvent(event)
        else:
            event.ignore()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Locked — ecmanual"))
        minutes = max(1, round(self.idle_seconds / 60))
        self.message.setText(self.tr("ecmanual was locked after %1 minutes without use. Enter your password "
                                     "to continue, or sign out.").replace("%1", str(minutes)))
        self.user_caption.setText(self.tr("User"))
        self.password_caption.setText(self.tr("Password"))
        self.unlock_button.setText(self.tr("Checking…") if self._busy() else self.tr("Unlock"))
        self.sign_out_button.setText(self.tr("Sign out"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class IdleLock(QObject):
    """Watches the application's input and locks `window` after the idle time.

    `timeout_s` fixes the idle time (tests pass fractions of a second); None reads the
    organisation setting. The window's central widget is taken out while locked and put back
    on unlock, so nothing of the content is painted or reachable.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, db: Database, actor: Actor, *, timeout_s: float | None = None):
        super().__init__(window)
        self.window = window
        self.db = db
        self.actor = actor
        self._fixed = timeout_s
        self.timeout_s = 0.0
        self.is_locked = False
        self.dialog: UnlockDialog | None = None
        self._content: QWidget | None = None
        self._focus: QWidget | None = None
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        QApplication.instance().installEventFilter(self)
        self.reload_setting()

    # --- timing -------------------------------------------------------------------------------

    def set_timeout(self, seconds: float | None) -> None:
        """Fix the idle time (None: follow the organisation setting again) and restart counting."""
        self._fixed = seconds
        self.reload_setting()

    def reload_setting(self) -> None:
        """Take the idle time again (after the admin changed it) and re-arm from the last input."""
        self._read_timeout()
        self._arm()

    def _read_timeout(self) -> None:
        if self._fixed is not None:
            self.timeout_s = self._fixed
            return
        try:
            self.timeout_s = idle_lock_seconds(self.db)
        except Exception:  # a dropped connection must not take the window down; keep the last value
            logger.warning("could not read the idle lock setting; keeping %s s", self.timeout_s, exc_info=True)

    def _remaining(self) -> float:
        return self._last_input + self.timeout_s - time.monotonic()

    def _arm(self) -> None:
        if self.is_locked or self.timeout_s <= 0:
            self._timer.stop()
            return
        self._timer.start(max(1, int(self._remaining() * 1000) + 1))

    def _check(self) -> None:
        self._read_timeout()  # the admin may have changed it on any PC meanwhile
        if self.timeout_s > 0 and self._remaining() <= 0:
            self.lock()
        else:
            self._arm()  # input came meanwhile, or the idle time grew, or it is off now

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Cheap on purpose: runs for every event of the application. Only the time is noted;
        # the timer compares it when it fires.
        if event.type() in ACTIVITY_EVENTS and not self.is_locked:
            self._last_input = time.monotonic()
        return False

    # --- locking ------------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide the content and ask for the password (does nothing when already locked)."""
        if self.is_locked:
            return
        logger.info("locking the window of %s after %s s without input", self.actor.username, self.timeout_s)
        self.is_locked = True
        self._timer.stop()
        focused = QApplication.focusWidget()
        self._focus = focused if focused is not None and self.window.isAncestorOf(focused) else None
        self._content = self.window.takeCentralWidget()
        self.window.setCentralWidget(LockedPage())
        self.window.menuBar().setEnabled(False)
        self.dialog = UnlockDialog(self.db, self.actor, self.timeout_s, parent=self.window)
        self.dialog.unlocked.connect(self.unlock)
        self.dialog.sign_out_requested.connect(self._sign_out)
        self.dialog.show()
        self.locked.emit()

    def unlock(self) -> None:
        """Put the content back and start counting again (after a successful password)."""
        if not self.is_locked:
            return
        placeholder = self.window.takeCentralWidget()
        if placeholder is not None:
            placeholder.deleteLater()
        if self._content is not None:
            self.window.setCentralWidget(self._content)
            self._content.show()  # taking it out hid it explicitly
            self._content = None
        if self._focus is not None and shiboken6.isValid(self._focus):
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)  # back where the user was typing
        self._focus = None
        self.window.menuBar().setEnabled(True)
        self.is_locked = False
        self._forget_dialog()
        self._last_input = time.monotonic()
        self.reload_setting()
        self.unlocked.emit()

    def _forget_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _sign_out(self) -> None:
        logger.info("%s signed out from the lock", self.actor.username)
        self._forget_dialog()
        self.window.close()
