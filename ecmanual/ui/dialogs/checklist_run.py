"""The run page of a checklist: tick items with notes, submit; approve or send back (4眼原則).

Each tick is saved at once (who and when are the record). Buttons follow the user's rights
and the run's state, but the service decides: when it refuses (the runner approving their
own run, a missing approval level), its reason is shown and nothing changes.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from ...domain.permissions import Permission
from ...services import checklists, glossary
from ...services.checklists import EDITABLE, RunInfo, RunItemInfo
from ...services.exports import ExportParams
from .. import feedback
from ..context import UiContext
from ..models.checklists import STATUS_COLOURS, status_label
from ..models.rows import local_time

logger = logging.getLogger(__name__)

TERM_STYLE = "color:#1f4e79; text-decoration: underline;"


def highlight_terms(text: str, terms: dict[str, str]) -> tuple[str, str]:
    """Rich text with glossary terms underlined (longest first, no overlaps) and the tooltip."""
    spans: list[tuple[int, int]] = []
    for term in sorted(terms, key=len, reverse=True):
        start = text.find(term)
        while start >= 0:
            end = start + len(term)
            if all(end <= a or start >= b for a, b in spans):
                spans.append((start, end))
            start = text.find(term, end)
    spans.sort()
    out, pos = [], 0
    for a, b in spans:
        out.append(html.escape(text[pos:a]))
        out.append(f'<span style="{TERM_STYLE}">{html.escape(text[a:b])}</span>')
        pos = b
    out.append(html.escape(text[pos:]))
    used = [text[a:b] for a, b in spans]
    tip = "<br>".join(f"<b>{html.escape(t)}</b>: {html.escape(terms[t])}" for t in dict.fromkeys(used))
    return "".join(out), tip


class _ClickLabel(QLabel):
    """A label that ticks its check box when clicked (the box's text is rich)."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ItemRow(QFrame):
    """One checklist item: box, text (glossary terms explained on hover), who/when, guidance, note."""

    def __init__(self, item: RunItemInfo, terms: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.seq = item.seq
        self.setObjectName(f"item{item.seq}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.box = QCheckBox()
        self.box.setAccessibleName(item.text)
        text, tip = highlight_terms(f"{item.seq}. {item.text}", terms)
        if not item.required:
            text += ' <span style="color:#666">' + html.escape(self.tr("(optional)")) + "</span>"
        self.label = _ClickLabel(text)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        self.label.clicked.connect(lambda: self.box.isEnabled() and self.box.toggle())
        self.terms_tip = tip
        if tip:
            self.label.setToolTip(tip)
            self.box.setToolTip(tip)
        self.who = QLabel()
        self.who.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.who.setStyleSheet("color: palette(placeholder-text);")
        self.guidance = QLabel(item.guidance or "")
        self.guidance.setWordWrap(True)
        self.guidance.setStyleSheet("color: #555;")
        self.guidance.setVisible(bool(item.guidance))
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note on “%1”").replace("%1", item.text))
        self.note.setPlaceholderText(self.tr("Note (evidence, what was checked)"))
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setVerticalSpacing(3)
        grid.addWidget(self.box, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.label, 0, 1)
        grid.addWidget(self.who, 0, 2)
        grid.addWidget(self.guidance, 1, 1, 1, 2)
        grid.addWidget(self.note, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.stored_note = None
        self.show_item(item, editable=True)

    def show_item(self, item: RunItemInfo, editable: bool) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(item.checked)
        self.box.blockSignals(False)
        self.box.setEnabled(editable)
        if item.checked:
            self.who.setText(f"{item.checked_by or ''}\n{local_time(item.checked_at)}")
        else:
            self.who.setText("")
        self.stored_note = item.note
        if not self.note.hasFocus():
            self.note.setText(item.note or "")
        self.note.setReadOnly(not editable)
        self.note.setVisible(editable or bool(item.note))  # a locked run shows only the notes written


class ChecklistRunDialog(QDialog):
    """A window for one run; emits `changed(run_id)` after every saved change."""

    changed = Signal(int)

    def __init__(self, ctx: UiContext, run_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.run_id = ctx, run_id
        self.run: RunInfo | None = None
        self.rows: dict[int, ItemRow] = {}
        self.setObjectName("checklistRun")
        self.resize(860, 760)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.status_badge = QLabel()
        self.status_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_badge.setMinimumWidth(120)
        self.people = QLabel()
        self.people.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fbdada; color:#5a0a0a; padding:6px; border-radius:3px;")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignTop)

        self.items_holder = QWidget()
        self.items_layout = QVBoxLayout(self.items_holder)
        self.items_layout.setContentsMargins(0, 0, 0, 0)
        self.items_layout.setSpacing(4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.items_holder)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Notes on this run"))
        self.notes.setPlaceholderText(self.tr("Notes for the approver (optional)"))
        self.notes.setMaximumHeight(60)
        self.submit_button = QPushButton(self.tr("Submit for approval"))
        self.submit_button.setToolTip(self.tr("Ctrl+Enter"))
        self.submit_button.clicked.connect(self.submit)
        self.notes_label = QLabel(self.tr("Notes"))
        runner_box = QHBoxLayout()
        runner_box.addWidget(self.notes_label, 0, Qt.AlignmentFlag.AlignTop)
        runner_box.addWidget(self.notes, 1)
        runner_box.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.approval_group = QGroupBox(self.tr("Approval"))
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("Comment (required when sending back)"))
        self.comment.setMaximumHeight(60)
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.clicked.connect(self.approve)
        self.return_button = QPushButton(self.tr("Send back"))
        self.return_button.clicked.connect(self.send_back)
        approval = QHBoxLayout(self.approval_group)
        approval.addWidget(self.comment, 1)
        col = QVBoxLayout()
        col.addWidget(self.approve_button)
        col.addWidget(self.return_button)
        approval.addLayout(col)

        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button = QPushButton(self.tr("Export Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.xlsx_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.people)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(runner_box)
        layout.addWidget(self.approval_group)
        layout.addLayout(bottom)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.primary_action)
        self.reload()

    # --- state ---------------------------------------------------------------------------------
    @property
    def editable(self) -> bool:
        return bool(self.run) and self.run.status in EDITABLE and self.ctx.actor.may(Permission.EDIT)

    @property
    def may_approve(self) -> bool:
        """What the UI can know: the role, the state, not the runner. The service checks the level."""
        run, actor = self.run, self.ctx.actor
        return bool(run) and run.status == "submitted" and actor.may(Permission.APPROVE) \
            and run.started_by_id != actor.user_id

    def reload(self) -> None:
        self.run = checklists.get_run(self.ctx.db, self.ctx.actor, self.run_id)
        run = self.run
        self.setWindowTitle(self.tr("Checklist run %1 — %2").replace("%1", str(run.id)).replace("%2", run.subject))
        level = self.tr("approval level: %1").replace("%1", run.approval_level) if run.approval_level else ""
        self.heading.setText(f"<h2 style='margin:0'>{html.escape(run.subject)}</h2>"
                             f"<span>{html.escape(run.template)} v{run.version_no}"
                             + (f" · {html.escape(level)}" if level else "") + "</span>")
        self.status_badge.setText(status_label(run.status))
        self.status_badge.setStyleSheet(f"background:{STATUS_COLOURS.get(run.status, '#eee')}; color:#1b2b3c;"
                                        " padding:4px 10px; border-radius:3px; font-weight:bold;")
        self.people.setText(self._people_text(run))
        self._show_banner(run)
        if not self.rows:
            self._build_rows(run)
        for item in run.items:
            self.rows[item.seq].show_item(item, self.editable)
        if not self.notes.hasFocus():
            self.notes.setPlainText(run.notes or "")
        self.notes.setReadOnly(not self.editable)
        self.submit_button.setEnabled(self.editable)
        self.submit_button.setVisible(run.status != "approved")
        show_notes = run.status != "approved" or bool(run.notes)
        self.notes.setVisible(show_notes)
        self.notes_label.setVisible(show_notes)
        self.approval_group.setVisible(run.status == "submitted" and self.ctx.actor.may(Permission.APPROVE))
        self.approve_button.setEnabled(self.may_approve)
        self.return_button.setEnabled(self.may_approve)
        if run.status == "submitted" and run.started_by_id == self.ctx.actor.user_id:
            why = self.tr("You ran this checklist; another person approves it (four-eyes principle).")
            self.approve_button.setToolTip(why)
            self.return_button.setToolTip(why)

    def _people_text(self, run: RunInfo) -> str:
        parts = [self.tr("Run by %1, started %2").replace("%1", run.started_by or "—")
                 .replace("%2", local_time(run.started_at))]
        if run.submitted_at:
            parts.append(self.tr("submitted %1").replace("%1", local_time(run.submitted_at)))
        if run.approved_at:
            parts.append(self.tr("approved by %1 on %2").replace("%1", run.approved_by or "—")
                         .replace("%2", local_time(run.approved_at)))
        done = sum(1 for i in run.items if i.checked)
        parts.append(self.tr("%1 of %2 items checked").replace("%1", str(done)).replace("%2", str(len(run.items))))
        return " · ".join(parts)

    def _show_banner(self, run: RunInfo) -> None:
        if run.status == "returned":
            text = self.tr("Sent back: %1").replace("%1", run.comment or "")
            style = "background:#fbdada; color:#5a0a0a;"
        elif run.status == "approved":
            text = self.tr("Approved and locked. Comment: %1").replace("%1", run.comment or "—")
            style = "background:#dcf1dc; color:#0f3d0f;"
        elif run.status == "submitted":
            text = self.tr("Waiting for approval by someone other than %1.").replace("%1", run.started_by or "—")
            style = "background:#dbe9f8; color:#10304f;"
        else:
            text, style = "", ""
        self.banner.setText(text)
        self.banner.setStyleSheet(style + " padding:6px; border-radius:3px;")
        self.banner.setVisible(bool(text))

    def _build_rows(self, run: RunInfo) -> None:
        terms = glossary.definitions_for(self.ctx.db, "\n".join(i.text for i in run.items))
        for item in run.items:
            row = ItemRow(item, {t: d for t, d in terms.items() if t in item.text}, self.items_holder)
            row.box.toggled.connect(lambda checked, seq=item.seq: self.toggle(seq, checked))
            row.note.editingFinished.connect(lambda seq=item.seq: self.save_note(seq))
            self.items_layout.addWidget(row)
            self.rows[item.seq] = row
        self.items_layout.addStretch(1)
        # Tab goes box → note → next box; Space ticks the focused box.
        previous = None
        for row in self.rows.values():
            if previous is not None:
                QWidget.setTabOrder(previous, row.box)
            QWidget.setTabOrder(row.box, row.note)
            previous = row.note

    # --- actions -------------------------------------------------------------------------------
    def _after(self, ok: bool) -> bool:
        self.reload()
        if ok:
            self.changed.emit(self.run_id)
        return ok

    def toggle(self, seq: int, checked: bool) -> bool:
        ok = feedback.attempt(self, lambda: checklists.check_item(self.ctx.db, self.ctx.actor, self.run_id, seq,
                                                                  checked))
        return self._after(ok)

    def save_note(self, seq: int) -> bool:
        row = self.rows[seq]
        text = row.note.text().strip()
        if row.note.isReadOnly() or text == (row.stored_note or ""):
            return True
        ok = feedback.attempt(self, lambda: checklists.set_item_note(self.ctx.db, self.ctx.actor, self.run_id, seq,
                                                                     text))
        return self._after(ok)

    def submit(self) -> bool:
        notes = self.notes.toPlainText().strip() or None
        ok = feedback.attempt(self, lambda: checklists.submit_run(self.ctx.db, self.ctx.actor, self.run_id, notes))
        return self._after(ok)

    def approve(self) -> bool:
        comment = self.comment.toPlainText().strip() or None
        ok = feedback.attempt(self, lambda: checklists.approve_run(self.ctx.db, self.ctx.actor, self.run_id, comment))
        return self._after(ok)

    def send_back(self) -> bool:
        comment = self.comment.toPlainText()
        ok = feedback.attempt(self, lambda: checklists.return_run(self.ctx.db, self.ctx.actor, self.run_id, comment))
        return self._after(ok)

    def primary_action(self) -> None:
        """Ctrl+Enter: approve for the approver, submit for the runner."""
        if self.may_approve:
            self.approve()
        elif self.editable:
            self.submit()

    def export(self, fmt: str):
        suggested = f"checklist-run-{self.run_id}.{fmt}"
        chosen = feedback.ask_export_path(self, suggested, (fmt,))
        if chosen:
            return feedback.export_file(self, self.ctx, "checklist-run", chosen[1], chosen[0],
                                        ExportParams(id=self.run_id, external=False))
        return None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.run is not None:
            self.reload()
        super().changeEvent(event)
