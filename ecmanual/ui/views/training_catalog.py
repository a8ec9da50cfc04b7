"""The training catalogue tabs: courses (new, edit, delete, mark the content updated) and
certifications (new, edit, award to a person, who holds each now)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ...domain.permissions import Permission
from ...services import records, training, training_certs
from .. import feedback
from ..context import UiContext
from ..dialogs.hire import to_date
from ..dialogs.training_certs import AwardDialog, CertificationDialog
from ..dialogs.training_course import CourseDialog
from ..loading import Loader
from ..models.training_catalog import (
    CertificationColumn, CertificationsModel, CourseColumn, CoursesModel, HolderColumn, HoldersModel,
)
from ..tables import make_table, remember_header, select_record, selected_info


class CoursesPanel(QWidget):
    """Courses with their rule and audience; `changed` after any save (the matrix follows)."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.model = CoursesModel(self)
        self.table = make_table(self.model, widths={CourseColumn.NAME: 190, CourseColumn.CATEGORY: 130,
                                                    CourseColumn.MANDATORY: 60, CourseColumn.AUDIENCE: 200,
                                                    CourseColumn.RULE: 150, CourseColumn.VALIDITY: 70,
                                                    CourseColumn.OWNER: 90})
        remember_header(self.table, "TrainingView/courses")
        self.table.doubleClicked.connect(lambda _i: self.edit_course() if self.edit_button.isEnabled() else None)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_course())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.updated_on = QDateEdit()
        self.updated_on.setCalendarPopup(True)
        self.updated_on.setDisplayFormat("yyyy/MM/dd")
        day = today or records.today_jst()
        self.updated_on.setDate(QDate(day.year, day.month, day.day))
        self.updated_button = QPushButton()
        self.new_button.clicked.connect(lambda: self.new_course())
        self.edit_button.clicked.connect(lambda: self.edit_course())
        self.delete_button.clicked.connect(lambda: self.delete_course())
        self.updated_button.clicked.connect(lambda: self.mark_updated())
        may_edit = ctx.actor.may(Permission.EDIT)
        for b in (self.new_button, self.edit_button, self.delete_button, self.updated_button, self.updated_on):
            b.setEnabled(may_edit)
        row = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.updated_on)
        row.addWidget(self.updated_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(row)
        self.loader = Loader(self, self.table)
        self.retranslate_ui()

    def reload(self, select_id: int | None = None) -> None:
        """Load the courses on the pool; the table follows when they arrive."""
        db, actor = self.ctx.db, self.ctx.actor
        self.loader.start("courses", lambda: training.list_courses(db, actor),
                          lambda courses: self._loaded(courses, select_id))

    def _loaded(self, courses: list, select_id: int | None) -> None:
        current = self.current()
        self.model.set_rows(courses)
        target = select_id or (current.id if current else None)
        if not (target and select_record(self.table, target)) and self.model.rowCount():
            self.table.selectRow(0)
        self._show_course()

    def current(self):
        return selected_info(self.table)

    def _show_course(self) -> None:
        c = self.current()
        if c is None:
            self.detail.setText("")
            return
        parts = [c.description or "", self.tr("Materials: %1").replace("%1", c.materials.replace("\n", "  "))
                 if c.materials else ""]
        self.detail.setText("\n".join(p for p in parts if p))

    def _open(self, dialog) -> object:
        dialog.accepted.connect(lambda: self._saved(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog) -> None:
        self.reload(dialog.course.id if dialog.course else None)
        self.changed.emit()

    def new_course(self) -> CourseDialog:
        return self._open(CourseDialog(self.ctx, self))

    def edit_course(self) -> CourseDialog | None:
        c = self.current()
        return self._open(CourseDialog(self.ctx, self, course=c)) if c else None

    def delete_course(self, confirmed: bool = False) -> bool:
        c = self.current()
        if c is None:
            return False
        if not confirmed and not feedback.confirm(self, self.tr("Delete course"),
                                                  self.tr("Delete %1? Courses with completions are kept as "
                                                          "history and cannot be deleted.").replace("%1", c.name)):
            return False
        if not feedback.attempt(self, lambda: training.delete_course(self.ctx.db, self.ctx.actor, c.id)):
            return False
        self.reload()
        self.changed.emit()
        return True

    def mark_updated(self) -> bool:
        """The material of the chosen course changed on the date beside the button: completions
        before it no longer count for courses due on content updates."""
        c = self.current()
        if c is None:
            return False
        on = to_date(self.updated_on.date())
        if not feedback.attempt(self, lambda: training.update_course(
                self.ctx.db, self.ctx.actor, c.id, expected_version=c.version, content_updated_on=on)):
            return False
        self.reload(c.id)
        self.changed.emit()
        return True

    def retranslate_ui(self) -> None:
        self.new_button.setText(self.tr("New course…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.updated_button.setText(self.tr("Mark content updated"))
        self.updated_button.setToolTip(self.tr("The material changed on this date: people who completed the "
                                               "course before it must take it again (courses due on updates)."))
        self.model.retranslate()
        self._show_course()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class CertificationsPanel(QWidget):
    """Certifications above, the current holders of the chosen one below."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.dialog = None
        self.staff_id: int | None = None  # the person chosen on the compliance tab, offered for awards
        self.model = CertificationsModel(self)
        self.table = make_table(self.model, widths={CertificationColumn.NAME: 190, CertificationColumn.KIND: 110,
                                                    CertificationColumn.ISSUER: 110, CertificationColumn.VALIDITY: 80,
                                                    CertificationColumn.COURSE: 150, CertificationColumn.ROLE: 130})
        remember_header(self.table, "TrainingView/certifications")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_holders())
        self.table.doubleClicked.connect(lambda _i: self.edit_certification() if self.edit_button.isEnabled() else None)
        self.holders = HoldersModel(self)
        self.holder_table = make_table(self.holders, widths={HolderColumn.PERSON: 150, HolderColumn.ISSUED: 100,
                                                             HolderColumn.EXPIRES: 100})
        remember_header(self.holder_table, "TrainingView/holders")
        self.holders_label = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.new_button, self.edit_button, self.award_button = QPushButton(), QPushButton(), QPushButton()
        self.new_button.clicked.connect(lambda: self.new_certification())
        self.edit_button.clicked.connect(lambda: self.edit_certification())
        self.award_button.clicked.connect(lambda: self.award())
        for b in (self.new_button, self.edit_button, self.award_button):
            b.setEnabled(ctx.actor.may(Permission.EDIT))
        lower = QWidget()
        lbox = QVBoxLayout(lower)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self.holders_label)
        lbox.addWidget(self.holder_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        row = QHBoxLayout()
        for b in (self.new_button, self.edit_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.award_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.loader = Loader(self, self.table)
        self.retranslate_ui()

    def reload(self, select_id: int | None = None) -> None:
        """Load the certifications on the pool; the tables follow when they arrive."""
        db, actor = self.ctx.db, self.ctx.actor
        self.loader.start("certifications", lambda: training_certs.list_certifications(db, actor),
                          lambda certs: self._loaded(certs, select_id))

    def _loaded(self, certs: list, select_id: int | None) -> None:
        current = self.current()
        self.model.set_rows(certs)
        target = select_id or (current.id if current else None)
        if not (target and select_record(self.table, target)) and self.model.rowCount():
            self.table.selectRow(0)
        self._show_holders()

    def current(self):
        return selected_info(self.table)

    def _show_holders(self) -> None:
        c = self.current()
        self.holders.set_rows(training_certs.holders(self.ctx.db, self.ctx.actor, c.id) if c else [])
        self.holders_label.setText(self.tr("Holders of %1").replace("%1", c.name) if c else "")

    def _open(self, dialog, done) -> object:
        dialog.accepted.connect(lambda: done(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog: CertificationDialog) -> None:
        self.reload(dialog.cert.id if dialog.cert else None)
        self.changed.emit()

    def new_certification(self) -> CertificationDialog:
        return self._open(CertificationDialog(self.ctx, self), self._saved)

    def edit_certification(self) -> CertificationDialog | None:
        c = self.current()
        return self._open(CertificationDialog(self.ctx, self, cert=c), self._saved) if c else None

    def award(self) -> AwardDialog:
        c = self.current()
        dialog = AwardDialog(self.ctx, self, staff_id=self.staff_id, certification_id=c.id if c else None,
                             today=self.today)
        return self._open(dialog, self._awarded)

    def _awarded(self, dialog: AwardDialog) -> None:
        a = dialog.award
        ends = f"{a.expires_on:%Y/%m/%d}" if a.expires_on else self.tr("no expiry")
        self.message.setText(self.tr("%1: %2 issued %3, expires %4.").replace("%1", a.staff)
                             .replace("%2", a.certification).replace("%3", f"{a.issued_on:%Y/%m/%d}")
                             .replace("%4", ends))
        self.reload(a.certification_id)
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.new_button.setText(self.tr("New certification…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.award_button.setText(self.tr("Award to a person…"))
        self.model.retranslate()
        self.holders.retranslate()
        self._show_holders()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
