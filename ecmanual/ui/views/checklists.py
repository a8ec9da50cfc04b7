"""チェックリスト: runs filtered by checklist, status, person and date; templates and their versions."""

from __future__ import annotations

import html
import logging
from datetime import datetime, time

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from ...domain.permissions import Permission
from ...services import checklists, users
from ...services.exports import ExportParams
from .. import feedback, printing
from ..context import UiContext
from ..dialogs.checklist_run import ChecklistRunDialog
from ..dialogs.checklist_template import StartRunDialog, TemplateEditorDialog
from ..loading import Loader
from ..models.checklists import (
    STATUSES, ChecklistRunsModel, ChecklistTemplatesModel, RunColumn, TemplateColumn, status_label,
)
from ..tables import make_table, remember_header, select_record, selected_info

logger = logging.getLogger(__name__)

NO_DATE = QDate(2000, 1, 1)  # the date edits' "no limit" value


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")
    edit.setDate(NO_DATE)
    return edit


def _local_start(day: QDate) -> datetime | None:
    """Midnight of a picked day in local time, or None for the "no limit" value."""
    return None if day == NO_DATE else datetime.combine(day.toPython(), time.min).astimezone()


class ChecklistsView(QWidget):
    """Runs and templates; opens run pages, starts runs (Ctrl+N) and edits templates."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.open_runs: dict[int, ChecklistRunDialog] = {}
        self.dialog = None  # the last dialog opened here (tests drive it)
        self.tabs = QTabWidget()

        # Runs
        self.runs_model = ChecklistRunsModel(self)
        self.runs_table = make_table(self.runs_model, widths={RunColumn.ID: 45, RunColumn.CHECKLIST: 215,
                                                              RunColumn.SUBJECT: 220, RunColumn.STATUS: 95,
                                                              RunColumn.RUNNER: 90, RunColumn.STARTED: 125,
                                                              RunColumn.APPROVER: 90})
        remember_header(self.runs_table, "ChecklistsView/runs_table")
        self.runs_table.doubleClicked.connect(lambda _i: self.open_selected_run())
        self.template_filter, self.status_filter, self.person_filter = QComboBox(), QComboBox(), QComboBox()
        self.since, self.until = _date_edit(), _date_edit()
        for combo in (self.template_filter, self.status_filter, self.person_filter):
            combo.currentIndexChanged.connect(self.reload_runs)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.reload_runs)
        self.filter_labels = [QLabel() for _ in range(4)]
        self.template_filter.setMinimumContentsLength(16)
        filters = QHBoxLayout()
        for label, widget in zip(self.filter_labels, (self.template_filter, self.status_filter, self.person_filter,
                                                      self.since)):
            filters.addWidget(label)
            filters.addWidget(widget)
        self.until_label = QLabel("〜")
        filters.addWidget(self.until_label)
        filters.addWidget(self.until)
        filters.addStretch(1)
        self.new_run_button, self.open_button = QPushButton(), QPushButton()
        self.export_button, self.refresh_button = QPushButton(), QPushButton()
        self.new_run_button.clicked.connect(lambda: self.start_run())
        self.open_button.clicked.connect(self.open_selected_run)
        self.export_button.clicked.connect(self.export_selected_run)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(lambda: self.print_selected_run())
        self.refresh_button.clicked.connect(self.reload)
        run_buttons = QHBoxLayout()
        for b in (self.new_run_button, self.open_button, self.export_button, self.print_button):
            run_buttons.addWidget(b)
        run_buttons.addStretch(1)
        run_buttons.addWidget(self.refresh_button)
        runs_page = QWidget()
        runs_layout = QVBoxLayout(runs_page)
        runs_layout.addLayout(filters)
        runs_layout.addWidget(self.runs_table, 1)
        runs_layout.addLayout(run_buttons)

        # Templates
        self.templates_model = ChecklistTemplatesModel(self)
        self.templates_table = make_table(self.templates_model, widths={TemplateColumn.NAME: 300,
                                                                        TemplateColumn.CATEGORY: 120,
                                                                        TemplateColumn.LEVEL: 130,
                                                                        TemplateColumn.VERSION: 70})
        remember_header(self.templates_table, "ChecklistsView/templates_table")
        self.templates_table.doubleClicked.connect(lambda _i: self.start_run(self._selected_template_id()))
        self.templates_table.selectionModel().selectionChanged.connect(lambda *_: self._show_template())
        self.template_detail = QLabel()
        self.template_detail.setWordWrap(True)
        self.template_detail.setTextFormat(Qt.TextFormat.RichText)
        self.template_detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.start_template_button, self.edit_template_button = QPushButton(), QPushButton()
        self.start_template_button.clicked.connect(lambda: self.start_run(self._selected_template_id()))
        self.edit_template_button.clicked.connect(self.edit_template)
        template_buttons = QHBoxLayout()
        template_buttons.addWidget(self.start_template_button)
        template_buttons.addWidget(self.edit_template_button)
        template_buttons.addStretch(1)
        templates_page = QWidget()
        templates_layout = QVBoxLayout(templates_page)
        templates_layout.addWidget(self.templates_table, 3)
        templates_layout.addWidget(self.template_detail, 2)
        templates_layout.addLayout(template_buttons)

        self.tabs.addTab(runs_page, "")
        self.tabs.addTab(templates_page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self.start_run(
            self._selected_template_id() if self.tabs.currentIndex() == 1 else None))
        self.new_run_button.setEnabled(ctx.actor.may(Permission.EDIT))
        self.start_template_button.setEnabled(ctx.actor.may(Permission.EDIT))
        self.edit_template_button.setEnabled(ctx.actor.may(Permission.EDIT))
        self.export_button.setEnabled(ctx.actor.may(Permission.EXPORT))
        self.print_button.setEnabled(ctx.actor.may(Permission.EXPORT))
        self._filling = False
        self.templates: list[checklists.TemplateInfo] = []
        self.people: list[tuple[int, str]] = []
        self.loader = Loader(self, self.runs_table, self.templates_table)
        self.loaded = self.loader.loaded
        self.retranslate_ui()
        self.reload()

    # --- data (loaded on the pool, applied here) -----------------------------------------------
    def reload(self) -> None:
        db, actor = self.ctx.db, self.ctx.actor

        def fetch():
            return (checklists.list_templates(db, actor),
                    [(u.id, u.display_name) for u in users.list_users(db, actor)])

        self.loader.start("templates", fetch, self._templates_loaded)
        self.reload_runs()

    def _templates_loaded(self, result) -> None:
        self.templates, self.people = result
        self.templates_model.set_rows(self.templates)
        self._fill_filters()
        if self.templates_model.rowCount() and not self.templates_table.selectionModel().hasSelection():
            self.templates_table.selectRow(0)

    def _fill_filters(self) -> None:
        self._filling = True
        try:
            keep = (self.template_filter.currentData(), self.status_filter.currentData(),
                    self.person_filter.currentData())
            for combo in (self.template_filter, self.status_filter, self.person_filter):
                combo.clear()
                combo.addItem(self.tr("All"), None)
            for t in self.templates:
                self.template_filter.addItem(t.name, t.name)
            for code in STATUSES:
                self.status_filter.addItem(status_label(code), code)
            for user_id, name in self.people:
                self.person_filter.addItem(name, user_id)
            for combo, value in zip((self.template_filter, self.status_filter, self.person_filter), keep):
                combo.setCurrentIndex(max(0, combo.findData(value)))
        finally:
            self._filling = False

    def reload_runs(self) -> None:
        if self._filling:
            return
        since = _local_start(self.since.date())
        until = _local_start(self.until.date().addDays(1)) if self.until.date() != NO_DATE else None
        db, actor = self.ctx.db, self.ctx.actor
        filters = dict(template=self.template_filter.currentData(), status=self.status_filter.currentData(),
                       user_id=self.person_filter.currentData(), since=since, until=until)
        self.loader.start("runs", lambda: checklists.list_runs(db, actor, **filters), self._runs_loaded)

    def _runs_loaded(self, runs) -> None:
        selected = selected_info(self.runs_table)
        self.runs_model.set_rows(runs)
        if selected is not None:
            select_record(self.runs_table, selected.id)

    def _selected_template_id(self) -> int | None:
        info = selected_info(self.templates_table)
        return info.id if info else None

    def _show_template(self) -> None:
        t = selected_info(self.templates_table)
        if t is None:
            self.template_detail.setText("")
            return
        optional = " " + html.escape(self.tr("(optional)"))
        items = "".join(f"<li>{html.escape(i['text'])}{'' if i['required'] else optional}</li>" for i in t.items)
        self.template_detail.setText(f"<b>{html.escape(t.name)}</b> v{t.version_no}<ol>{items}</ol>")

    # --- actions -------------------------------------------------------------------------------
    def start_run(self, template_id: int | None = None, subject: str = "") -> StartRunDialog | None:
        if not self.templates and self.loader.is_loading("templates"):
            return None  # still on its way; the button works once the list is there
        if not self.templates:
            feedback.inform(self, self.tr("No checklists"), self.tr("There are no checklist templates yet."))
            return None
        dialog = StartRunDialog(self.ctx, self.templates, template_id, subject, self)
        dialog.accepted.connect(lambda: self._started(dialog.run_id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _started(self, run_id: int | None) -> None:
        if run_id is None:
            return
        self.tabs.setCurrentIndex(0)
        self.reload_runs()
        self.loader.when_loaded(lambda: select_record(self.runs_table, run_id))
        self.open_run(run_id)

    def open_run(self, run_id: int) -> ChecklistRunDialog:
        dialog = self.open_runs.get(run_id)
        if dialog is None:
            dialog = ChecklistRunDialog(self.ctx, run_id, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.changed.connect(lambda _id: self.reload_runs())
            dialog.destroyed.connect(lambda *_a, rid=run_id: self.open_runs.pop(rid, None))
            self.open_runs[run_id] = dialog
        if dialog.isVisible() and QGuiApplication.platformName() != "offscreen":
            dialog.raise_()  # already open: bring it to the front
        dialog.show()
        dialog.activateWindow()
        return dialog

    def open_selected_run(self) -> ChecklistRunDialog | None:
        run = selected_info(self.runs_table)
        return self.open_run(run.id) if run else None

    def export_selected_run(self):
        run = selected_info(self.runs_table)
        if run is None:
            return None
        return feedback.export_with_dialog(self, self.ctx, "checklist-run", f"checklist-run-{run.id}.pdf",
                                           ExportParams(id=run.id, external=False))

    def print_selected_run(self, printer=None) -> bool:
        """Print the selected run's record (the same content as its PDF export)."""
        run = selected_info(self.runs_table)
        printed: list[bool] = []
        return run is not None and feedback.attempt(self, lambda: printed.append(printing.print_record(
            self, self.ctx, "checklist-run", ExportParams(id=run.id, external=False), printer))) and all(printed)

    def edit_template(self) -> TemplateEditorDialog | None:
        t = selected_info(self.templates_table)
        if t is None:
            return None
        dialog = TemplateEditorDialog(self.ctx, t, self)
        dialog.accepted.connect(self.reload)
        self.dialog = dialog
        dialog.open()
        return dialog

    # --- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("Runs"))
        self.tabs.setTabText(1, self.tr("Checklist templates"))
        for label, text in zip(self.filter_labels, (self.tr("Checklist"), self.tr("Status"), self.tr("Person"),
                                                    self.tr("From"))):
            label.setText(text)
        self.new_run_button.setText(self.tr("New run…"))
        self.new_run_button.setToolTip(self.tr("Ctrl+N"))
        self.open_button.setText(self.tr("Open"))
        self.export_button.setText(self.tr("Export record…"))
        self.print_button.setText(self.tr("Print…"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.start_template_button.setText(self.tr("Start run…"))
        self.edit_template_button.setText(self.tr("Edit items (new version)…"))
        self.runs_model.retranslate()
        self.templates_model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            if self.loader.ever_loaded:
                self._fill_filters()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if event.spontaneous() is False and self.loader.ever_loaded and not self.loader.is_loading("runs"):
            self.reload_runs()  # another area (risks) may have started a run

    # --- navigation (dashboard, search) ---------------------------------------------------------
    def show_record(self, entity: str, entity_id: int | None, **hints) -> bool:
        """Select a run (filters cleared) and open its page, or select a checklist template;
        while a load is in flight, this happens when it arrives (and True is returned)."""
        if entity_id is None:
            return False
        if entity == "checklist_template":
            self.tabs.setCurrentIndex(1)
            if self.loader.loading:
                self.loader.when_loaded(lambda: self._select_template(entity_id))
                return True
            return self._select_template(entity_id)
        if entity != "checklist_run":
            return False
        self.tabs.setCurrentIndex(0)
        self._filling = True  # one reload after clearing every filter, not one per filter
        try:
            for combo in (self.template_filter, self.status_filter, self.person_filter):
                combo.setCurrentIndex(0)
            for edit in (self.since, self.until):
                edit.setDate(NO_DATE)
        finally:
            self._filling = False
        self.reload_runs()
        self.loader.when_loaded(lambda: self._select_run(entity_id))
        return True

    def _select_template(self, template_id: int) -> bool:
        found = select_record(self.templates_table, template_id)
        if found:
            self.templates_table.setFocus()
        return found

    def _select_run(self, run_id: int) -> bool:
        if not select_record(self.runs_table, run_id):
            return False
        self.runs_table.setFocus()
        self.open_run(run_id)
        return True
