"""The sessions tab of the training screen: upcoming sessions; schedule, edit or cancel one,
its attendees and attendance, and the training calendar as .ics."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.permissions import Permission
from ...importers.values import JST
from ...services import records, training_exports, training_sessions
from .. import feedback
from ..context import UiContext
from ..dialogs.training_session import AttendanceDialog, SessionDialog
from ..models.training_sessions import SessionColumn, SessionsModel
from ..tables import make_table, remember_header, select_record, selected_info
from ..tasks import Task, run_task

DAYS_AHEAD = 180


class SessionsPanel(QWidget):
    """Sessions of the next 180 days; `attendance_recorded` after attendance was saved (the
    completions it made change the matrix)."""

    attendance_recorded = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or records.today_jst()
        self.dialog = None
        self.model = SessionsModel(self)
        self.table = make_table(self.model, widths={SessionColumn.WHEN: 170, SessionColumn.COURSE: 180,
                                                    SessionColumn.PLACE: 180, SessionColumn.INSTRUCTOR: 120})
        remember_header(self.table, "TrainingView/sessions")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_session())
        self.table.doubleClicked.connect(lambda _i: self.manage_attendees())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.schedule_button, self.edit_button, self.cancel_button = QPushButton(), QPushButton(), QPushButton()
        self.attendees_button, self.ics_button = QPushButton(), QPushButton()
        self.schedule_button.clicked.connect(lambda: self.schedule_session())
        self.edit_button.clicked.connect(lambda: self.edit_session())
        self.cancel_button.clicked.connect(lambda: self.cancel_session())
        self.attendees_button.clicked.connect(lambda: self.manage_attendees())
        self.ics_button.clicked.connect(lambda: self.export_calendar())
        self.schedule_button.setEnabled(ctx.actor.may(Permission.EDIT))
        self.ics_button.setEnabled(ctx.actor.may(Permission.EXPORT))
        row = QHBoxLayout()
        for b in (self.schedule_button, self.edit_button, self.cancel_button, self.attendees_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.ics_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(row)
        self.retranslate_ui()

    def reload(self, select_id: int | None = None) -> None:
        current = self.current()
        self.model.set_rows(training_sessions.upcoming_sessions(self.ctx.db, self.ctx.actor, self.today,
                                                                days=DAYS_AHEAD))
        target = select_id or (current.id if current else None)
        if not (target and select_record(self.table, target)) and self.model.rowCount():
            self.table.selectRow(0)
        self._show_session()

    def current(self):
        return selected_info(self.table)

    def _show_session(self) -> None:
        t = self.current()
        for b in (self.edit_button, self.cancel_button):
            b.setEnabled(t is not None and self.ctx.actor.may(Permission.EDIT))
        self.attendees_button.setEnabled(t is not None)
        if t is None:
            self.detail.setText(self.tr("No sessions planned in the next 180 days."))
            return
        names = "、".join(a.name for a in t.attendees) or "—"
        self.detail.setText(self.tr("Attendees: %1").replace("%1", names))

    def _open(self, dialog):
        self.dialog = dialog
        dialog.open()
        return dialog

    def schedule_session(self, course_id: int | None = None) -> SessionDialog:
        dialog = SessionDialog(self.ctx, self, course_id=course_id)
        dialog.accepted.connect(lambda: self.reload(dialog.session.id))
        return self._open(dialog)

    def edit_session(self) -> SessionDialog | None:
        t = self.current()
        if t is None:
            return None
        dialog = SessionDialog(self.ctx, self, session=t)
        dialog.accepted.connect(lambda: self.reload(t.id))
        return self._open(dialog)

    def cancel_session(self, confirmed: bool = False) -> bool:
        t = self.current()
        if t is None:
            return False
        if not confirmed and not feedback.confirm(
                self, self.tr("Cancel session"),
                self.tr("Cancel the session of %1 on %2? Its %3 registrations are removed; completions already "
                        "recorded stay.").replace("%1", t.course).replace("%2", f"{t.starts_at.astimezone(JST):%Y/%m/%d}")
                .replace("%3", str(len(t.attendees)))):
            return False
        if not feedback.attempt(self, lambda: training_sessions.cancel_session(self.ctx.db, self.ctx.actor, t.id)):
            return False
        self.reload()
        return True

    def manage_attendees(self) -> AttendanceDialog | None:
        t = self.current()
        if t is None:
            return None
        dialog = AttendanceDialog(self.ctx, t, self)
        dialog.finished.connect(lambda _r: self._attendance_closed(dialog))
        return self._open(dialog)

    def _attendance_closed(self, dialog: AttendanceDialog) -> None:
        if dialog.changed:
            self.reload(dialog.session.id)
            self.attendance_recorded.emit()

    def export_calendar(self, path: str | None = None) -> Task | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export calendar"), "training.ics",
                                                  self.tr("Calendar (*.ics)"))
        if not path:
            return None
        db, actor, today = self.ctx.db, self.ctx.actor, self.today

        def work(progress, cancel):
            return training_exports.write_calendar(db, actor, path, today)

        def done(result: dict) -> None:
            feedback.inform(self, self.tr("Calendar exported"),
                            self.tr("%1 sessions and due dates were written to %2.")
                            .replace("%1", str(result["events"])).replace("%2", result["path"]))

        return run_task(work, on_success=done, parent=self)

    def retranslate_ui(self) -> None:
        self.schedule_button.setText(self.tr("Schedule session…"))
        self.edit_button.setText(self.tr("Edit session…"))
        self.cancel_button.setText(self.tr("Cancel session"))
        self.attendees_button.setText(self.tr("Attendees and attendance…"))
        self.ics_button.setText(self.tr("Export calendar (.ics)…"))
        self.model.retranslate()
        self._show_session()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
