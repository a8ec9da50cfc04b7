"""Change one's own password: from the menu, or forced right after signing in.

A user created by an administrator, or whose password an administrator reset, must choose
their own password before they may work (`must_change_password`); the login dialog then opens
this dialog in its forced form, with the password just typed as the current one.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AuthenticationError, EcmanualError
from ...services import users
from ...services.context import Actor, Database
from ..a11y import link_form_labels
from ..icons import icon
from ..messages import service_message
from ..tasks import Task, run_task

logger = logging.getLogger(__name__)


def grow_to_fit(dialog: QDialog) -> None:
    """Taller when a wrapped message appears (the minimum-size constraint alone does not
    account for wrapped labels)."""
    layout = dialog.layout()
    layout.activate()
    wanted = layout.heightForWidth(dialog.width()) if layout.hasHeightForWidth() else dialog.sizeHint().height()
    if wanted > dialog.height():
        dialog.resize(dialog.width(), wanted)


class PasswordChangeDialog(QDialog):
    """Current password (unless already known), the new one twice, the rules, and errors in red."""

    def __init__(self, db: Database, actor: Actor, *, current_password: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.forced = current_password is not None
        self._known_current = current_password
        self.task: Task | None = None
        self.setObjectName("PasswordChangeDialog")
        self.setWindowIcon(icon("app.svg"))
        self.setMinimumWidth(460)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.current = QLineEdit()
        self.current.setObjectName("current")
        self.new = QLineEdit()
        self.new.setObjectName("new")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        for field in (self.current, self.new, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._update_button)
        self.rules = QLabel()
        self.rules.setObjectName("rules")
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: palette(placeholder-text);")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        form = QFormLayout()
        self.captions = [QLabel() for _ in range(3)]
        for caption, field in zip(self.captions, (self.current, self.new, self.repeat), strict=True):
            form.addRow(caption, field)
        if self.forced:  # just typed at sign-in: asking again would only annoy
            form.setRowVisible(0, False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("changePassword")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(8)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.rules)  # outside the form: a wrapped label in a form row gets one line
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._update_button()
        (self.new if self.forced else self.current).setFocus(Qt.FocusReason.OtherFocusReason)
        link_form_labels(self)  # captions name their fields for screen readers

    def _busy(self) -> bool:
        return self.task is not None and not self.task.done

    def _current_password(self) -> str:
        return self._known_current if self._known_current is not None else self.current.text()

    def _update_button(self) -> None:
        filled = bool(self._current_password()) and bool(self.new.text()) and bool(self.repeat.text())
        self.ok_button.setEnabled(filled and not self._busy())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        grow_to_fit(self)

    def change(self) -> None:
        if self._busy() or not self.ok_button.isEnabled():
            return
        if self.new.text() != self.repeat.text():
            self.show_error(self.tr("The two new passwords differ."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        if self.new.text() == self._current_password():
            self.show_error(self.tr("The new password must differ from the current one."))
            self.new.selectAll()
            self.repeat.clear()
            self.new.setFocus()
            return
        self.error.hide()
        db, actor, old, new = self.db, self.actor, self._current_password(), self.new.text()
        # Two slow password hashes: off the GUI thread.
        self.task = run_task(lambda progress, cancel: users.change_password(db, actor, old, new),
                             on_success=self._changed, on_failure=self._failed, parent=self)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for field in (self.current, self.new, self.repeat):
            field.setEnabled(enabled)
        self._update_button()

    def _changed(self, _result: object) -> None:
        logger.info("%s changed their password", self.actor.username)
        self._set_enabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_enabled(True)
        if not isinstance(exc, EcmanualError):
            logger.error("password change failed unexpectedly", exc_info=exc)
            self.show_error(self.tr("Could not change the password: %1").replace("%1", str(exc)))
        else:
            self.show_error(service_message(exc))
        if isinstance(exc, AuthenticationError) and not self.forced:
            self.current.clear()
            self.current.setFocus()
        else:
            self.new.selectAll()
            self.repeat.clear()
            self.new.setFocus()

    def reject(self) -> None:
        if not self._busy():  # a change under way finishes first
            super().reject()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Change password — ecmanual"))
        if self.forced:
            self.intro.setText(self.tr("Your password was set by an administrator. Choose your own password "
                                       "before you start; cancelling signs you out."))
        else:
            self.intro.setText(self.tr("Change the password of %1.").replace(
                "%1", self.actor.display_name or self.actor.username))
        for caption, text in zip(self.captions, (self.tr("Current password"), self.tr("New password"),
                                                 self.tr("New password again")), strict=True):
            caption.setText(text)
        self.rules.setText(self.tr("At least %1 characters, mixing two of: lower case, upper case, digits, "
                                   "symbols; not containing the user name; different from the current one.")
                           .replace("%1", str(users.PASSWORD_MIN_LENGTH)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
