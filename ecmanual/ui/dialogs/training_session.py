"""Training sessions: schedule or edit one (course, start and end in Japan time, place or
online, instructor, capacity), and its attendees: register and remove people, and record
attendance with the result (pass/fail, score) and evidence (note, file) per person."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ...domain.errors import ConflictError, EcmanualError, PermissionDenied
from ...domain.permissions import Permission
from ...importers.values import JST
from ...services import organisation, training, training_sessions
from ...services.training_sessions import SessionInfo
from .. import feedback
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text
from ..models.training_catalog import AttendeeColumn, AttendeesModel
from ..tables import make_table, select_record, selected_info


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color:#a00;")
    return label


def _qdatetime(at: datetime) -> QDateTime:
    local = at.astimezone(JST)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def naive(edit: QDateTimeEdit) -> datetime:
    """The edit's value as a naive datetime, which the service reads as Japan time."""
    d, t = edit.date(), edit.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class SessionDialog(QDialog):
    """Schedule a session (`session` None) or edit one with the version it was loaded at;
    `session` holds the saved SessionInfo after Save."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, session: SessionInfo | None = None,
                 course_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.original = session
        self.session: SessionInfo | None = None
        self.setWindowTitle(self.tr("Edit session") if session else self.tr("Schedule a session"))
        self.resize(480, 400)
        self.course = QComboBox()
        for c in training.list_courses(ctx.db, ctx.actor):
            self.course.addItem(c.name, c.id)
        chosen = session.course_id if session else course_id
        if chosen is not None:
            self.course.setCurrentIndex(max(0, self.course.findData(chosen)))
        self.course.setEnabled(session is None)  # a session stays with its course
        if session is None:
            start = QDateTime.currentDateTime().addDays(7)
            start.setTime(QTime(14, 0))
            end = start.addSecs(3600)
        else:
            start = _qdatetime(session.starts_at)
            end = _qdatetime(session.ends_at) if session.ends_at else start.addSecs(3600)
        self.starts = QDateTimeEdit(start)
        self.ends = QDateTimeEdit(end)
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy/MM/dd HH:mm")
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Room, or the meeting link"))
        self.online = QCheckBox(self.tr("Online"))
        self.instructor = QLineEdit()
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 999)
        self.capacity.setSpecialValueText(self.tr("No limit"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        if session is not None:
            self.place.setText(session.place or "")
            self.online.setChecked(session.online)
            self.instructor.setText(session.instructor or "")
            self.capacity.setValue(session.capacity or 0)
            self.notes.setPlainText(session.notes or "")
        form = QFormLayout()
        form.addRow(self.tr("Course *"), self.course)
        form.addRow(self.tr("Starts *"), self.starts)
        form.addRow(self.tr("Ends"), self.ends)
        form.addRow(self.tr("Place"), self.place)
        form.addRow("", self.online)
        form.addRow(self.tr("Instructor"), self.instructor)
        form.addRow(self.tr("Capacity"), self.capacity)
        form.addRow(self.tr("Notes"), self.notes)
        self.error = _error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        link_form_labels(self)  # captions name their fields for screen readers

    def accept(self) -> None:
        if self.course.currentData() is None:
            self.error.setText(self.tr("Add a course first."))
            return
        fields = {"ends_at": naive(self.ends), "place": self.place.text().strip() or None,
                  "online": self.online.isChecked(), "instructor": self.instructor.text().strip() or None,
                  "capacity": self.capacity.value() or None, "notes": self.notes.toPlainText().strip() or None}
        db, actor = self.ctx.db, self.ctx.actor
        try:
            if self.original is None:
                self.session = training_sessions.schedule_session(db, actor, self.course.currentData(),
                                                                  naive(self.starts), **fields)
            else:
                self.session = training_sessions.update_session(db, actor, self.original.id,
                                                                expected_version=self.original.version,
                                                                starts_at=naive(self.starts), **fields)
        except (ConflictError, PermissionDenied) as exc:
            self.error.setText(feedback.refused(self, exc).text())  # a box: reopen to see the newer data
            return
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()


class AttendanceDialog(QDialog):
    """A session's attendees. Add or remove people; for the chosen attendee record whether
    they attended and the result; an attendance is the completion on the session's date."""

    def __init__(self, ctx: UiContext, session: SessionInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.changed = False
        self.resize(720, 560)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setWordWrap(True)
        self.model = AttendeesModel(self)
        self.table = make_table(self.model, sortable=False, widths={AttendeeColumn.PERSON: 150,
                                                                    AttendeeColumn.ATTENDED: 70,
                                                                    AttendeeColumn.RESULT: 80,
                                                                    AttendeeColumn.SCORE: 60})
        self.table.setAccessibleName(self.tr("Attendees"))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_attendee())
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("Person to add"))
        self.add_button, self.remove_button = QPushButton(self.tr("Add")), QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(lambda: self.add_attendee())
        self.remove_button.clicked.connect(lambda: self.remove_attendee())
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("Person")))
        add_row.addWidget(self.person, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.remove_button)

        self.attended = QCheckBox(self.tr("Attended"))
        self.attended.setChecked(True)
        self.passed = QCheckBox(self.tr("Passed"))
        self.passed.setChecked(True)
        self.has_score = QCheckBox(self.tr("Score"))
        self.score = QDoubleSpinBox()
        self.score.setRange(0, 1000)
        self.score.setDecimals(1)
        self.score.setEnabled(False)
        self.has_score.toggled.connect(self.score.setEnabled)
        result_row = QHBoxLayout()
        for w in (self.attended, self.passed, self.has_score, self.score):
            result_row.addWidget(w)
        result_row.addStretch(1)
        self.note = QLineEdit()
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("Certificate, test sheet … (optional)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.record_button = QPushButton(self.tr("Record for this person"))
        self.record_button.clicked.connect(lambda: self.record())
        self.result_box = QGroupBox()
        form = QFormLayout(self.result_box)
        form.addRow(self.tr("Result"), result_row)
        form.addRow(self.tr("Evidence note"), self.note)
        form.addRow(self.tr("Evidence file"), file_row)
        form.addRow("", self.record_button)
        self.error = _error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.result_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        may_edit = ctx.actor.may(Permission.EDIT)
        for w in (self.add_button, self.remove_button, self.result_box):
            w.setEnabled(may_edit)
        self.setWindowTitle(self.tr("Attendees and attendance"))
        self._show(session)
        link_form_labels(self)  # captions name their fields for screen readers

    def _show(self, session: SessionInfo, select_id: int | None = None) -> None:
        self.session = session
        start = session.starts_at.astimezone(JST)
        seats = f"{len(session.attendees)} / {session.capacity}" if session.capacity else str(len(session.attendees))
        self.title.setText(self.tr("%1 — %2 (%3 registered)").replace("%1", session.course)
                           .replace("%2", f"{start:%Y/%m/%d %H:%M}").replace("%3", seats))
        self.model.set_rows(session.attendees)
        registered = {a.staff_id for a in session.attendees}
        self.person.clear()
        for p in organisation.list_staff(self.ctx.db, include_left=False):
            if p.id not in registered:
                self.person.addItem(f"{p.name}（{p.department}）" if p.department else p.name, p.id)
        if not (select_id is not None and select_record(self.table, select_id)) and self.model.rowCount():
            self.table.selectRow(0)
        self._show_attendee()

    def current(self):
        return selected_info(self.table)

    def _show_attendee(self) -> None:
        a = self.current()
        self.result_box.setTitle(a.name if a else self.tr("Choose an attendee"))
        self.record_button.setEnabled(a is not None)
        if a is None:
            return
        self.attended.setChecked(a.attended is not False)
        self.passed.setChecked(a.passed is not False)
        self.has_score.setChecked(a.score is not None)
        self.score.setValue(a.score or 0)
        self.note.setText(a.evidence_note or "")
        self.file.clear()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Evidence file"))
        if path:
            self.file.setText(path)

    def _run(self, action, select_id: int | None = None) -> bool:
        self.error.clear()
        try:
            info = action()
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return False
        self.changed = True
        self._show(info, select_id)
        return True

    def add_attendee(self, staff_id: int | None = None) -> bool:
        staff_id = staff_id if staff_id is not None else self.person.currentData()
        if staff_id is None:
            return False
        return self._run(lambda: training_sessions.add_attendee(self.ctx.db, self.ctx.actor, self.session.id, staff_id),
                         staff_id)

    def remove_attendee(self) -> bool:
        a = self.current()
        if a is None:
            return False
        return self._run(lambda: training_sessions.remove_attendee(self.ctx.db, self.ctx.actor, self.session.id,
                                                                   a.staff_id))

    def record(self) -> bool:
        a = self.current()
        if a is None:
            return False
        return self._run(lambda: training_sessions.record_attendance(
            self.ctx.db, self.ctx.actor, self.session.id, a.staff_id, self.attended.isChecked(),
            passed=self.passed.isChecked(), score=self.score.value() if self.has_score.isChecked() else None,
            evidence_note=self.note.text().strip() or None, attachment=self.file.text().strip() or None), a.staff_id)
