"""Incidents: opening one, and its page along the seven-step emergency flow (緊急対応フロー).

From the page, the 緊急対応連絡 template opens pre-filled from the incident, and the
緊急対応チェックリスト is one click away (a run for this incident is started or reopened).
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError
from ...domain.permissions import Permission
from ...services import checklists, documents, incidents
from ...services.incidents import LEVELS, IncidentInfo
from .. import feedback
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text
from ..models.risks import LEVEL_COLOURS, level_label
from ..models.rows import local_time
from .checklist_run import ChecklistRunDialog
from .template_form import DocumentFormDialog

logger = logging.getLogger(__name__)

EMERGENCY_CHECKLIST = "緊急対応チェックリスト"
EMERGENCY_TEMPLATE = "緊急対応連絡"


class OpenIncidentDialog(QDialog):
    """What happened, how bad, which risk of the register; step 1 (問題発覚) is recorded now."""

    def __init__(self, ctx: UiContext, risks: list[str], risk: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.incident_id: int | None = None
        self.setWindowTitle(self.tr("Open an incident"))
        self.resize(560, 420)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Wrong content sent to all LINE friends"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.severity = QComboBox()
        for level in LEVELS:
            self.severity.addItem(level_label(level), level)
        self.severity.setCurrentIndex(self.severity.findData("medium"))
        self.risk = QComboBox()
        self.risk.addItem(self.tr("(none)"), None)
        for name in risks:
            self.risk.addItem(name, name)
        if risk:
            self.risk.setCurrentIndex(max(0, self.risk.findData(risk)))
        self.occurred = QDateTimeEdit(QDateTime.currentDateTime())
        self.occurred.setCalendarPopup(True)
        self.occurred.setDisplayFormat("yyyy-MM-dd HH:mm")
        form = QFormLayout()
        form.addRow(self.tr("What happened *"), self.title)
        form.addRow(self.tr("Details"), self.description)
        form.addRow(self.tr("Severity"), self.severity)
        form.addRow(self.tr("Risk in the register"), self.risk)
        form.addRow(self.tr("Occurred at"), self.occurred)
        self.error = QLabel()
        self.error.setStyleSheet("color:#a00;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open incident"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        link_form_labels(self)  # captions name their fields for screen readers

    def accept(self) -> None:
        try:
            self.incident_id = incidents.open_incident(
                self.ctx.db, self.ctx.actor, self.title.text(), self.description.toPlainText().strip() or None,
                self.severity.currentData(), self.risk.currentData(),
                self.occurred.dateTime().toPython().astimezone())
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()


class IncidentDialog(QDialog):
    """One incident: the flow's steps with who and when, the next step to complete."""

    changed = Signal(int)

    def __init__(self, ctx: UiContext, incident_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.incident_id = ctx, incident_id
        self.info: IncidentInfo | None = None
        self.child = None  # the contact form or checklist run opened from here
        self.setObjectName("incident")
        self.resize(860, 720)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.steps_holder = QWidget()
        self.steps_grid = QGridLayout(self.steps_holder)
        self.steps_grid.setHorizontalSpacing(12)
        self.steps_grid.setVerticalSpacing(6)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.steps_holder)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note on this step"))
        self.note.setPlaceholderText(self.tr("What was done (note for the record)"))
        self.complete_button = QPushButton()
        self.complete_button.clicked.connect(self.complete_next)
        self.note.returnPressed.connect(self.complete_button.click)
        step_row = QHBoxLayout()
        step_row.addWidget(self.note, 1)
        step_row.addWidget(self.complete_button)
        self.contact_button = QPushButton(self.tr("Create emergency contact (緊急対応連絡)…"))
        self.contact_button.clicked.connect(self.create_contact)
        self.checklist_button = QPushButton(self.tr("Emergency checklist (緊急対応チェックリスト)"))
        self.checklist_button.clicked.connect(self.open_checklist)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.contact_button)
        bottom.addWidget(self.checklist_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addLayout(step_row)
        layout.addLayout(bottom)
        may_edit = ctx.actor.may(Permission.EDIT)
        self.contact_button.setEnabled(may_edit)
        self.checklist_button.setEnabled(may_edit)
        self.reload()
        link_form_labels(self)  # captions name their fields for screen readers

    def reload(self) -> None:
        info = self.info = incidents.get_incident(self.ctx.db, self.ctx.actor, self.incident_id)
        self.setWindowTitle(self.tr("Incident %1 — %2").replace("%1", str(info.id)).replace("%2", info.title))
        bg, fg = LEVEL_COLOURS.get(info.severity, ("#eee", "#000"))
        status = self.tr("closed") if info.status == "closed" else self.tr("open")
        meta = " · ".join(html.escape(x) for x in (
            self.tr("occurred %1").replace("%1", local_time(info.occurred_at)),
            self.tr("reported by %1").replace("%1", info.reported_by or "—"),
            self.tr("risk: %1").replace("%1", info.risk) if info.risk else "", status) if x)
        badge = html.escape(level_label(info.severity))
        self.heading.setText(
            f"<h2 style='margin:0'>{html.escape(info.title)} "
            f"<span style='background:{bg}; color:{fg}; font-size:small'>&nbsp;{badge}&nbsp;</span></h2>"
            f"<div style='color:#444'>{meta}</div>"
            + (f"<p>{html.escape(info.description)}</p>" if info.description else ""))
        while self.steps_grid.count():
            item = self.steps_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        nxt = info.next_step
        for row, st in enumerate(info.steps):
            name = QLabel(f"<b>{st.seq}. {html.escape(st.name)}</b>"
                          + (f"<br><span style='color:#555'>{html.escape(st.guidance)}</span>" if st.guidance else ""))
            name.setWordWrap(True)
            if st.done_at:
                when = QLabel(f"✓ {local_time(st.done_at)}<br>{html.escape(st.done_by or '')}")
                when.setStyleSheet("color:#0f5a0f;")
            elif nxt is not None and st.seq == nxt.seq:
                when = QLabel(self.tr("next"))
                when.setStyleSheet("color:#10304f; font-weight:bold;")
                name.setStyleSheet("background:#dbe9f8; padding:3px;")
            else:
                when = QLabel("—")
            note = QLabel(html.escape(st.note or ""))
            note.setWordWrap(True)
            for col, widget in enumerate((name, when, note)):
                widget.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.steps_grid.addWidget(widget, row * 2, col)
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setStyleSheet("color:#ddd;")
            self.steps_grid.addWidget(line, row * 2 + 1, 0, 1, 3)
        self.steps_grid.setColumnStretch(0, 3)
        self.steps_grid.setColumnStretch(2, 2)
        self.steps_grid.setRowStretch(len(info.steps) * 2, 1)
        if nxt is not None:
            self.complete_button.setText(self.tr("Complete step %1: %2").replace("%1", str(nxt.seq))
                                         .replace("%2", nxt.name))
        else:
            self.complete_button.setText(self.tr("All steps done"))
        can_step = nxt is not None and self.ctx.actor.may(Permission.EDIT)
        self.complete_button.setEnabled(can_step)
        self.note.setEnabled(can_step)

    # --- actions -------------------------------------------------------------------------------
    def complete_next(self) -> bool:
        nxt = self.info.next_step if self.info else None
        if nxt is None:
            return False
        note = self.note.text().strip() or None
        ok = feedback.attempt(self, lambda: incidents.complete_step(self.ctx.db, self.ctx.actor, self.incident_id,
                                                                    nxt.seq, note))
        if ok:
            self.note.clear()
            self.changed.emit(self.incident_id)
        self.reload()
        return ok

    def create_contact(self) -> DocumentFormDialog | None:
        """The 緊急対応連絡 form, pre-filled from the incident (impact and contacts left to fill)."""
        try:
            template = documents.get_template(self.ctx.db, self.ctx.actor, EMERGENCY_TEMPLATE)
        except EcmanualError as exc:
            feedback.refused(self, exc)
            return None
        values = incidents.emergency_contact_values(self.info)
        dialog = DocumentFormDialog(self.ctx, template, prefill=values,
                                    title=f"{EMERGENCY_TEMPLATE}: {self.info.title}", parent=self)
        self.child = dialog
        dialog.open()
        return dialog

    def open_checklist(self) -> ChecklistRunDialog | None:
        """Reopen this incident's emergency checklist run, or start one."""
        subject = self.tr("Incident %1: %2").replace("%1", str(self.incident_id)).replace("%2", self.info.title)
        runs = checklists.list_runs(self.ctx.db, self.ctx.actor, template=EMERGENCY_CHECKLIST)
        run_id = next((r.id for r in runs if r.subject == subject), None)
        if run_id is None:
            started: list[int] = []
            if not feedback.attempt(self, lambda: started.append(
                    checklists.start_run(self.ctx.db, self.ctx.actor, EMERGENCY_CHECKLIST, subject))):
                return None
            run_id = started[0]
        dialog = ChecklistRunDialog(self.ctx, run_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.child = dialog
        dialog.show()
        return dialog
