"""研修・認定: the compliance matrix with a person's record, onboarding plans, upcoming
sessions (training_schedule), the courses and certifications (training_catalog) and the
onboarding templates; hires, completions and exports.

The matrix is worked out off the GUI thread (ui/tasks.py); what is due shows at the top
as soon as the screen opens.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from ...domain import training_rules as rules
from ...domain.permissions import Permission
from ...services import organisation, records, training_onboarding, training_status
from ...services.exports import ExportParams
from .. import feedback
from ..context import UiContext
from ..dialogs.hire import HireDialog
from ..dialogs.training_completion import CompletionDialog
from ..dialogs.training_session import SessionDialog
from ..loading import Loader
from ..models.training_matrix import (
    FIRST_REQUIREMENT, Column, Role, TrainingMatrixFilter, TrainingMatrixModel, status_label,
)
from ..models.training_plan import PlanColumn, PlansModel
from ..tables import make_table, remember_header, remember_splitter, select_record, selected_info
from ..tasks import Task
from .training_catalog import CertificationsPanel, CoursesPanel
from .training_panels import TAB_STYLE, PersonPanel, PlanPanel, TemplateEditor
from .training_schedule import SessionsPanel

logger = logging.getLogger(__name__)


class TrainingView(QWidget):
    """The training area; `today` is fixed in tests, else the Japanese calendar day."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or records.today_jst()
        self.window_days = rules.DEFAULT_WINDOW_DAYS
        self.task: Task | None = None
        self.dialog = None
        self.counts: dict | None = None
        may_edit, may_export = ctx.actor.may(Permission.EDIT), ctx.actor.may(Permission.EXPORT)

        self.reminder = QLabel()
        self.reminder.setWordWrap(True)
        self.reminder.setTextFormat(Qt.TextFormat.RichText)
        self.reminder.linkActivated.connect(self._show_late)

        # --- compliance matrix tab
        self.matrix_model = TrainingMatrixModel(self)
        self.matrix_proxy = TrainingMatrixFilter(self)
        self.matrix_proxy.setSourceModel(self.matrix_model)
        self.matrix = make_table(self.matrix_proxy, widths={Column.NAME: 120, Column.DEPARTMENT: 120},
                                 stretch_last=False)
        self._matrix_restored = remember_header(self.matrix, "TrainingView/matrix")
        # The matrix sizes its own columns (_size_columns): the generic fit of make_table would read
        # every cell of a hidden matrix (thousands of rows x courses) on the GUI thread.
        self.matrix.setProperty("headerRestored", True)
        self._matrix_sized = False
        self.matrix.setSelectionMode(self.matrix.SelectionMode.SingleSelection)
        self.matrix.selectionModel().currentRowChanged.connect(lambda *_: self._show_person())
        self.department = QComboBox()
        self.status = QComboBox()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.optional = QCheckBox()
        self.count = QLabel()
        self.department.currentIndexChanged.connect(lambda _i: self._filter())
        self.status.currentIndexChanged.connect(lambda _i: self._filter())
        self.search.textChanged.connect(lambda _t: self._filter())
        self.optional.toggled.connect(lambda _c: self.reload())
        self.department_label, self.status_label = QLabel(), QLabel()
        bar = QHBoxLayout()
        for w in (self.department_label, self.department, self.status_label, self.status, self.search, self.optional):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count)
        self.person = PersonPanel(ctx)
        split = QSplitter(Qt.Orientation.Vertical)  # the matrix needs the width, the record less height
        split.addWidget(self.matrix)
        split.addWidget(self.person)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        remember_splitter(split, "TrainingView/split")
        matrix_tab = QWidget()
        box = QVBoxLayout(matrix_tab)
        box.addLayout(bar)
        box.addWidget(split, 1)

        # --- onboarding tab
        self.plans_model = PlansModel(self)
        self.plans = make_table(self.plans_model, widths={PlanColumn.PERSON: 120, PlanColumn.KIND: 110,
                                                          PlanColumn.START: 90, PlanColumn.PROGRESS: 110})
        remember_header(self.plans, "TrainingView/plans")
        self.plans.selectionModel().selectionChanged.connect(lambda *_: self._show_plan())
        self.all_plans = QCheckBox()
        self.all_plans.toggled.connect(lambda _c: self.reload_plans())
        self.plan = PlanPanel(ctx, today=today)
        self.plan.changed.connect(self._plan_changed)
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self.plans, 1)
        lbox.addWidget(self.all_plans)
        plan_split = QSplitter(Qt.Orientation.Horizontal)
        plan_split.addWidget(left)
        plan_split.addWidget(self.plan)
        plan_split.setStretchFactor(0, 2)
        plan_split.setStretchFactor(1, 3)
        remember_splitter(plan_split, "TrainingView/plan_split")

        # --- sessions tab
        self.schedule = SessionsPanel(ctx, today=self.today)
        self.schedule.attendance_recorded.connect(self.reload)

        # --- courses, certifications and templates tabs
        self.courses = CoursesPanel(ctx, today=self.today)
        self.certs = CertificationsPanel(ctx, today=self.today)
        self.courses.changed.connect(self._catalog_changed)
        self.certs.changed.connect(self.reload)
        self.templates = TemplateEditor(ctx)

        self.tabs = QTabWidget()
        self.tabs.tabBar().setStyleSheet(TAB_STYLE)
        for w in (matrix_tab, plan_split, self.schedule, self.courses, self.certs, self.templates):
            self.tabs.addTab(w, "")

        self.hire_button, self.record_button = QPushButton(), QPushButton()
        self.export_matrix_button, self.export_records_button = QPushButton(), QPushButton()
        self.refresh_button = QPushButton()
        self.hire_button.clicked.connect(lambda: self.hire())
        self.record_button.clicked.connect(lambda: self.record_completion())
        self.export_matrix_button.clicked.connect(lambda: self.export_matrix())
        self.export_records_button.clicked.connect(lambda: self.export_records())
        self.refresh_button.clicked.connect(self.reload_all)
        self.hire_button.setEnabled(may_edit)
        self.record_button.setEnabled(may_edit)
        self.export_matrix_button.setEnabled(may_export)
        self.export_records_button.setEnabled(may_export)
        buttons = QHBoxLayout()
        for b in (self.hire_button, self.record_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.export_matrix_button, self.export_records_button, self.refresh_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reminder)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.loader = Loader(self, self.matrix, self.plans)
        self.retranslate_ui()
        self._fill_departments()
        self.reload_all()

    # --- loading ---------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        """Any of the area's lists still on its way from the pool."""
        return any(x.loader.loading for x in (self, self.courses, self.certs, self.templates, self.person))

    def reload_all(self) -> None:
        self.reload()
        self.reload_plans()
        self.reload_sessions()
        self.courses.reload()
        self.certs.reload()
        if self.templates.loader.ever_loaded or not self.templates.loader.loading:
            self.templates.reload()  # (its own first load is already on its way)

    def reload(self) -> Task:
        """Work out the matrix on the pool; the table and the reminder follow when it is ready."""
        db, actor, today, window = self.ctx.db, self.ctx.actor, self.today, self.window_days
        optional = self.optional.isChecked()
        self.count.setText(self.tr("Loading…"))

        def work(progress, cancel):
            return training_status.compliance_matrix(db, actor, today, window_days=window, include_optional=optional,
                                                     progress=progress, cancel=cancel)

        self.task = self.loader.start_task("matrix", work, self._matrix_loaded)
        return self.task

    def _matrix_loaded(self, matrix) -> None:
        keep = self.person.staff_id
        self.matrix_model.set_matrix(matrix)
        self._size_columns()
        self.counts = training_status.summarize(matrix)
        self._show_reminder()
        self._filter()
        if keep is not None and select_record(self.matrix, keep):
            return
        if self.matrix_proxy.rowCount():
            self.matrix.selectRow(0)

    def _size_columns(self) -> None:
        """Requirement columns as wide as their header or a dated status, whichever is wider
        (measured once, not per cell: ResizeToContents would read every row)."""
        fm = self.matrix.fontMetrics()
        if not (self._matrix_sized or self._matrix_restored) and self.matrix_model.rowCount():
            self._matrix_sized = True  # once, as make_table's fit would: names and departments in full
            rows = self.matrix_model.matrix.rows
            for column, texts in ((Column.NAME, [r.name for r in rows]), (Column.DEPARTMENT,
                                                                          [r.department or "" for r in rows])):
                wanted = max(fm.horizontalAdvance(t) for t in texts) + 16
                self.matrix.setColumnWidth(column, min(max(wanted, self.matrix.columnWidth(column)), 360))
        cell = max(fm.horizontalAdvance(f"{status_label(s)} 12/31") for s in rules.STATUSES) + 16
        for column in range(FIRST_REQUIREMENT, self.matrix_model.columnCount()):
            header = self.matrix_model.headerData(column, Qt.Orientation.Horizontal) or ""
            self.matrix.setColumnWidth(column, min(max(cell, fm.horizontalAdvance(header) + 20), 260))

    def _fill_departments(self) -> None:
        self.department.blockSignals(True)
        keep_department = self.department.currentData()
        self.department.clear()
        self.department.addItem(self.tr("All departments"), None)
        for d in organisation.list_departments(self.ctx.db):
            self.department.addItem(d.name, d.id)
        self.department.setCurrentIndex(max(0, self.department.findData(keep_department)))
        self.department.blockSignals(False)
        self.status.blockSignals(True)
        keep = self.status.currentData()
        self.status.clear()
        self.status.addItem(self.tr("Any status"), None)
        for s in (rules.OVERDUE, rules.EXPIRED, rules.DUE_SOON, rules.PENDING, rules.VALID):
            self.status.addItem(status_label(s), s)
        self.status.setCurrentIndex(max(0, self.status.findData(keep)))
        self.status.blockSignals(False)

    def _filter(self) -> None:
        self.matrix_proxy.set_filter(department=self.department.currentData(), status=self.status.currentData(),
                                     text=self.search.text())
        self.count.setText(self.tr("%1 of %2 people").replace("%1", str(self.matrix_proxy.rowCount()))
                           .replace("%2", str(self.matrix_model.rowCount())))

    def _show_person(self) -> None:
        index = self.matrix.selectionModel().currentIndex()
        row = index.data(Role.INFO) if index.isValid() else None
        self.person.show_person(row.staff_id if row else None, self.today, self.window_days)
        self.certs.staff_id = self.person.staff_id

    def _show_reminder(self) -> None:
        c = self.counts or {}
        late = c.get("overdue", 0) + c.get("expired", 0)
        parts = [self.tr("%1 overdue or expired").replace("%1", str(late)),
                 self.tr("%1 due within %2 days").replace("%1", str(c.get("due_soon", 0)))
                 .replace("%2", str(self.window_days)),
                 self.tr("%1 certifications expiring").replace("%1", str(c.get("certifications_expiring", 0)))]
        text = " · ".join(parts) + "　" + self.tr("(as of %1)").replace("%1", f"{self.today:%Y/%m/%d}")
        colour = "#9c0006" if late else "#7a5a00" if c.get("due_soon") else "#1e6b30"
        show = self.tr("Show who")
        link = f' <a href="late">{show}</a>' if late else ""
        self.reminder.setText(f'<span style="color:{colour}; font-weight:bold">{text}</span>{link}')

    def _show_late(self, _link: str = "") -> None:
        self.tabs.setCurrentIndex(0)
        self.status.setCurrentIndex(self.status.findData(rules.OVERDUE))

    def reload_plans(self, select_id: int | None = None) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        status = None if self.all_plans.isChecked() else "open"
        self.loader.start("plans", lambda: training_onboarding.list_plans(db, actor, status=status),
                          lambda plans: self._plans_loaded(plans, select_id))

    def _plans_loaded(self, plans: list, select_id: int | None) -> None:
        current = selected_info(self.plans)
        self.plans_model.set_rows(plans)
        target = select_id or (current.id if current else None)
        if not (target and select_record(self.plans, target)) and self.plans_model.rowCount():
            self.plans.selectRow(0)
        self._show_plan()

    def _show_plan(self) -> None:
        self.plan.show_plan(selected_info(self.plans))

    def _plan_changed(self, plan) -> None:
        row = self.plans_model.find(plan.id)
        if row >= 0:
            self.plans_model._rows[row] = plan
            self.plans_model.dataChanged.emit(self.plans_model.index(row, 0),
                                              self.plans_model.index(row, self.plans_model.columnCount() - 1))
        self.reload()  # a ticked training is a completion: the matrix changes

    def _catalog_changed(self) -> None:
        """A course was added, changed or removed: requirements and session names follow."""
        self.reload()
        self.reload_sessions()
        self.certs.reload()

    def reload_sessions(self, select_id: int | None = None) -> None:
        self.schedule.reload(select_id)

    # --- actions ---------------------------------------------------------------------------
    def hire(self) -> HireDialog:
        dialog = HireDialog(self.ctx, self, today=self.today)
        dialog.accepted.connect(lambda: self._hired(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _hired(self, dialog: HireDialog) -> None:
        info = dialog.result_info or {}
        self.reload()
        self.reload_plans(info["plan"].id if info.get("plan") else None)
        self.tabs.setCurrentIndex(1)

    def record_completion(self) -> CompletionDialog:
        dialog = CompletionDialog(self.ctx, self, staff_id=self.person.staff_id, today=self.today)
        dialog.accepted.connect(self._recorded)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _recorded(self) -> None:
        self.reload()
        self.reload_plans()

    def schedule_session(self) -> SessionDialog:
        """Schedule a session (of the chosen course when the courses tab is showing)."""
        course = self.courses.current() if self.tabs.currentWidget() is self.courses else None
        return self.schedule.schedule_session(course.id if course else None)

    def _params(self, **kw) -> ExportParams:
        options = {"today": self.today.isoformat(), "window_days": self.window_days}
        if self.department.currentData() is not None:
            options["department"] = self.department.currentText()
        return ExportParams(external=False, options=options, **kw)

    def export_matrix(self):
        return feedback.export_with_dialog(self, self.ctx, "training-matrix", f"training-matrix-{self.today}.xlsx",
                                           self._params(), formats=("xlsx", "pdf"))

    def export_records(self):
        person = self.person.staff_id
        params = self._params(person=str(person)) if person is not None and self.tabs.currentIndex() == 0 \
            else self._params()
        return feedback.export_with_dialog(self, self.ctx, "training-records", "training-records.xlsx", params,
                                           formats=("xlsx", "pdf"))

    # --- texts -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        for i, text in enumerate((self.tr("Compliance"), self.tr("Onboarding"), self.tr("Sessions"), self.tr("Courses"),
                                  self.tr("Certifications"), self.tr("Onboarding templates"))):
            self.tabs.setTabText(i, text)
        self.department_label.setText(self.tr("Department"))
        self.status_label.setText(self.tr("Status"))
        self.search.setPlaceholderText(self.tr("Name"))
        self.optional.setText(self.tr("Optional courses too"))
        self.all_plans.setText(self.tr("Show finished and closed plans"))
        self.hire_button.setText(self.tr("Hire…"))
        self.record_button.setText(self.tr("Record completion…"))
        self.export_matrix_button.setText(self.tr("Export matrix…"))
        self.export_records_button.setText(self.tr("Export records…"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.matrix_model.retranslate()
        self.plans_model.retranslate()
        if self.matrix_model.rowCount() or self.counts is not None:
            self._fill_departments()
            self._show_reminder()
            self._filter()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- navigation (dashboard, search) ---------------------------------------------------
    def show_record(self, entity: str, entity_id: int | None, **hints) -> bool:
        """Select a person ("staff", with hint `requirement` = "c:<course>"/"x:<cert>" for the
        cell) or a course's column ("course") in the compliance matrix; waits for a load in flight."""
        if entity not in ("staff", "course") or entity_id is None:
            return False
        self.tabs.setCurrentIndex(0)
        for combo in (self.department, self.status):
            combo.setCurrentIndex(0)
        self.search.clear()
        if self.task is not None and not self.task.done:
            task = self.task
            task.succeeded.connect(lambda _r: self.show_record(entity, entity_id, **hints)
                                   if task is self.task else None)
            return True
        key = hints.get("requirement") or (f"c:{entity_id}" if entity == "course" else None)
        matrix = self.matrix_model.matrix
        column = next((FIRST_REQUIREMENT + i for i, c in enumerate(matrix.columns) if c.key == key), None) \
            if matrix and key else None
        if entity == "staff":
            if not select_record(self.matrix, entity_id):
                return False
        elif column is None or not self.matrix_proxy.rowCount():
            return False
        row = self.matrix.currentIndex().row() if self.matrix.currentIndex().isValid() else 0
        if column is not None:
            index = self.matrix_proxy.index(row, column)
            self.matrix.setCurrentIndex(index)
            self.matrix.scrollTo(index)
        self.matrix.setFocus()
        return True
