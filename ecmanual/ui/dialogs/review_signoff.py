"""Sign-off of a permission review: the reviewer submits; a different person approves or sends back.

The approver signs with their own user name and password (四つの目 at one desk: the person
signed in may be the reviewer). The services enforce the rules; this dialog shows what is
being signed and any refusal in place.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import EcmanualError
from ...services import reviews, users
from ...services.context import Actor
from ...services.reviews import ReviewSummary
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text
from ..models.review_lists import status_label

logger = logging.getLogger(__name__)


class ReviewSignOffDialog(QDialog):
    """Sign as `reviewer` (submit) or `approver` (approve, or send back with a comment)."""

    def __init__(self, ctx: UiContext, summary: ReviewSummary, mode: str, parent: QWidget | None = None):
        if mode not in ("reviewer", "approver"):
            raise ValueError(mode)
        super().__init__(parent)
        self.ctx, self.summary, self.mode = ctx, summary, mode
        self.result_summary: ReviewSummary | None = None
        self.signer: Actor | None = None
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(80)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4262c;")
        self.form = QFormLayout()
        self.user_label, self.password_label, self.note_label = QLabel(), QLabel(), QLabel()
        if mode == "approver":
            if ctx.actor.user_id != summary.reviewer_user_id:
                self.user.setText(ctx.actor.username)
            self.form.addRow(self.user_label, self.user)
            self.form.addRow(self.password_label, self.password)
        self.form.addRow(self.note_label, self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        self.back_button: QPushButton | None = None
        if mode == "approver":
            self.back_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
            self.back_button.clicked.connect(self.send_back)
        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        (self.password if mode == "approver" and self.user.text() else self.user if mode == "approver"
         else self.note).setFocus()
        link_form_labels(self)  # captions name their fields for screen readers

    def _approver(self) -> Actor:
        name = self.user.text().strip()
        if name == self.ctx.actor.username and not self.password.text():
            return self.ctx.actor
        return users.authenticate(self.ctx.db, name, self.password.text())

    def sign(self) -> None:
        note = self.note.toPlainText().strip() or None
        try:
            if self.mode == "reviewer":
                self.signer = self.ctx.actor
                self.result_summary = reviews.submit(self.ctx.db, self.ctx.actor, f"#{self.summary.id}", note)
            else:
                self.signer = self._approver()
                self.result_summary = reviews.approve(self.ctx.db, self.signer, f"#{self.summary.id}", note)
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        self.accept()

    def send_back(self) -> None:
        comment = self.note.toPlainText().strip()
        if not comment:
            self.error.setText(self.tr("Write in the note why the review goes back."))
            return
        try:
            self.signer = self._approver()
            self.result_summary = reviews.send_back(self.ctx.db, self.signer, f"#{self.summary.id}", comment)
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        self.accept()

    def retranslate_ui(self) -> None:
        s = self.summary
        if self.mode == "reviewer":
            self.setWindowTitle(self.tr("Sign as reviewer"))
            intro = self.tr("You confirm that every account of %1 has been reviewed and submit the review "
                            "for approval by another person.").replace("%1", s.period)
        else:
            self.setWindowTitle(self.tr("Approve the review"))
            intro = self.tr("The approver must be a different person from the reviewer (%1) and must not have "
                            "decided any account. After approval the review is locked.").replace(
                "%1", s.reviewer or "—")
        lines = [intro, "",
                 self.tr("Period: %1 (%2)").replace("%1", s.period).replace("%2", status_label(s.status)),
                 self.tr("Decided: %1 of %2 accounts").replace("%1", f"{s.decided:,}").replace("%2", f"{s.accounts:,}"),
                 self.tr("Findings: %1; open remediation: %2").replace("%1", f"{s.findings:,}")
                 .replace("%2", f"{s.open_remediation:,}")]
        self.facts.setText("\n".join(lines))
        self.user_label.setText(self.tr("Approver (user name):"))
        self.password_label.setText(self.tr("Password:"))
        self.note_label.setText(self.tr("Note:"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign and submit") if self.mode == "reviewer" else self.tr("Approve and lock"))
        if self.back_button is not None:
            self.back_button.setText(self.tr("Send back"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
