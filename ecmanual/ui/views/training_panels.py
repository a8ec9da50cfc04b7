"""Parts of the training screen: a person's record, an onboarding plan with checkable items
and the onboarding template editor (the session dialogs are in ui/dialogs/training_session.py)."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget,
    QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError
from ...domain.permissions import Permission
from ...services import onboarding_templates, training, training_certs, training_onboarding, training_status
from ...services.training_onboarding import PlanInfo, PlanItemInfo
from .. import feedback
from ..context import UiContext
from ..loading import Loader
from ..messages import service_message
from ..models.training_plan import ItemColumn, PlanItemsModel, kind_label, plan_status_label
from ..models.training_record import (
    AwardColumn, AwardsModel, CompletionColumn, CompletionsModel, RequirementColumn, RequirementsModel,
)
from ..tables import make_table, remember_header

logger = logging.getLogger(__name__)

# Fusion draws unselected tabs 2px shorter and cuts descenders (g, p, parentheses) of the
# bundled font; styled tabs keep the whole label.
TAB_STYLE = ("QTabBar::tab { padding: 4px 12px 6px 12px; margin-right: 2px; border: 1px solid palette(mid);"
             " border-bottom: none; border-top-left-radius: 4px; border-top-right-radius: 4px;"
             " background: palette(button); }"
             "QTabBar::tab:selected { background: palette(base); }"
             "QTabBar::tab:!selected { margin-top: 2px; }")


class PersonPanel(QWidget):
    """One person's requirements (coloured), completions and certifications."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.staff_id: int | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.requirements = RequirementsModel(self)
        self.completions = CompletionsModel(self)
        self.awards = AwardsModel(self)
        self.req_table = make_table(self.requirements, widths={RequirementColumn.NAME: 190,
                                                               RequirementColumn.STATUS: 90, RequirementColumn.DUE: 90,
                                                               RequirementColumn.LAST: 90})
        remember_header(self.req_table, "PersonPanel/req_table")
        self.done_table = make_table(self.completions, widths={CompletionColumn.DATE: 90, CompletionColumn.COURSE: 170,
                                                               CompletionColumn.SCORE: 50, CompletionColumn.RESULT: 60})
        remember_header(self.done_table, "PersonPanel/done_table")
        self.award_table = make_table(self.awards, widths={AwardColumn.NAME: 170, AwardColumn.ISSUED: 90,
                                                           AwardColumn.EXPIRES: 90})
        remember_header(self.award_table, "PersonPanel/award_table")
        self.tabs = QTabWidget()
        self.tabs.tabBar().setStyleSheet(TAB_STYLE)
        self.tabs.addTab(self.req_table, "")
        self.tabs.addTab(self.done_table, "")
        self.tabs.addTab(self.award_table, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        self.loader = Loader(self, self.tabs)
        self.retranslate_ui()
        self.show_person(None)

    def show_person(self, staff_id: int | None, today: date | None = None, window_days: int = 30) -> None:
        self.staff_id = staff_id
        if staff_id is None:
            self.loader.start("person", lambda: None, lambda _none: None)  # drops a load in flight
            self.title.setText(self.tr("Choose a person in the matrix"))
            self.subtitle.setText("")
            for model in (self.requirements, self.completions, self.awards):
                model.set_rows([])
            return
        db, actor = self.ctx.db, self.ctx.actor

        def fetch():
            from ...services.organisation import get_staff

            return (training_status.person_requirements(db, actor, staff_id, today, window_days=window_days),
                    training.completions_of(db, actor, staff_id), training_certs.awards_of(db, actor, staff_id),
                    get_staff(db, staff_id))

        self.loader.start("person", fetch, self._person_loaded)

    def _person_loaded(self, result) -> None:
        reqs, completions, awards, person = result
        self.requirements.set_rows(sorted(reqs, key=lambda r: (r.status == "not_applicable", r.kind, not r.mandatory)))
        self.completions.set_rows(completions)
        self.awards.set_rows(awards)
        self.title.setText(person.name)
        hired = f"{person.hire_date:%Y/%m/%d}" if person.hire_date else "—"
        self.subtitle.setText(self.tr("%1 · hired %2").replace("%1", person.department or "—").replace("%2", hired))

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("Requirements"))
        self.tabs.setTabText(1, self.tr("Completions"))
        self.tabs.setTabText(2, self.tr("Certifications"))
        for model in (self.requirements, self.completions, self.awards):
            model.retranslate()
        if self.staff_id is None:
            self.title.setText(self.tr("Choose a person in the matrix"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class PlanPanel(QWidget):
    """One plan: who, progress bar, and the items to tick (saved at once)."""

    changed = Signal(object)  # the updated PlanInfo after an item was ticked

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today  # the day a tick records (None: today)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.items = PlanItemsModel(self._toggle, self)
        self.items.editable = ctx.actor.may(Permission.EDIT)
        self.table = make_table(self.items, sortable=False, widths={ItemColumn.DONE: 100, ItemColumn.DUE: 90,
                                                                    ItemColumn.WHEN: 70, ItemColumn.KIND: 90,
                                                                    ItemColumn.TITLE: 330})
        remember_header(self.table, "PlanPanel/table")
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_pdf)
        self.export_button.setEnabled(ctx.actor.may(Permission.EXPORT))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()
        self.show_plan(None)

    def show_plan(self, plan: PlanInfo | None) -> None:
        self.items.set_plan(plan)
        self.export_button.setEnabled(plan is not None and self.ctx.actor.may(Permission.EXPORT))
        self._update_header()

    def _update_header(self) -> None:
        plan = self.items.plan
        if plan is None:
            self.title.setText(self.tr("No plan chosen"))
            self.progress.setValue(0)
            return
        self.title.setText(self.tr("%1 — from %2 (%3)").replace("%1", plan.staff)
                           .replace("%2", f"{plan.start_date:%Y/%m/%d}").replace("%3", plan_status_label(plan.status)))
        self.progress.setValue(round(plan.progress * 100))
        self.progress.setFormat(f"{plan.done_count} / {len(plan.items)} (%p%)")

    def _toggle(self, item: PlanItemInfo, done: bool) -> PlanInfo | None:
        try:
            plan = training_onboarding.set_item_done(self.ctx.db, self.ctx.actor, item.id, done, on=self.today,
                                                     expected_version=item.version)
        except EcmanualError as exc:
            feedback.refused(self, exc)
            return None
        self.items.plan = plan
        self._update_header()
        self.changed.emit(plan)
        return plan

    def export_pdf(self, path: str | None = None):
        """The plan as a PDF to sign (asks where, unless `path` is given)."""
        plan = self.items.plan
        if plan is None:
            return None
        from ...services.exports import ExportParams

        params = ExportParams(person=str(plan.staff_id), id=plan.id, external=False)
        if path:
            return feedback.export_file(self, self.ctx, "onboarding", "pdf", path, params, offer_open=False)
        return feedback.export_with_dialog(self, self.ctx, "onboarding", f"onboarding-{plan.staff}.pdf", params,
                                           formats=("pdf", "xlsx"))

    def retranslate_ui(self) -> None:
        self.export_button.setText(self.tr("PDF for signing…"))
        self.export_button.setToolTip(self.tr("The plan, requirements and training history with boxes for the "
                                              "new hire, the manager and the training coordinator"))
        self.items.retranslate()
        self._update_header()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class TemplateEditor(QWidget):
    """Edit the onboarding template of a department or role: items with kind, reference,
    permission level, due offset in days and title. Plans already made keep their items."""

    KINDS = ("training", "page", "account", "task")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.templates: list = []
        self.chooser = QComboBox()
        self.chooser.currentIndexChanged.connect(lambda _i: self._show())
        self.scope = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 90), (1, 200), (2, 90), (3, 80)):
            self.table.setColumnWidth(column, width)
        remember_header(self.table, "TemplateEditor/table")
        self.add_button, self.remove_button, self.save_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row({"kind": "task", "offset_days": 0}))
        self.remove_button.clicked.connect(self._remove_row)
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        may_edit = ctx.actor.may(Permission.EDIT)
        for b in (self.add_button, self.remove_button, self.save_button):
            b.setEnabled(may_edit)
        top = QHBoxLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.scope)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.loader = Loader(self, self.table)
        self.retranslate_ui()
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Load the templates on the pool; the chooser and table follow when they arrive."""
        db, actor = self.ctx.db, self.ctx.actor
        self.loader.start("templates", lambda: onboarding_templates.list_templates(db, actor),
                          lambda templates: self._loaded(templates, select_id))

    def _loaded(self, templates: list, select_id: int | None) -> None:
        current = select_id or self.chooser.currentData()
        self.templates = templates
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for t in self.templates:
            self.chooser.addItem(t.name, t.id)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(current)))
        self.chooser.blockSignals(False)
        self._show()

    def current(self):
        return next((t for t in self.templates if t.id == self.chooser.currentData()), None)

    def _show(self) -> None:
        t = self.current()
        self.table.setRowCount(0)
        self.status.setText("")
        if t is None:
            self.scope.setText("")
            return
        self.scope.setText(t.department or t.job_role or "")
        for item in t.items:
            self.add_row(item)

    def add_row(self, item: dict) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        for code in self.KINDS:
            kind.addItem(kind_label(code), code)
        kind.setCurrentIndex(max(0, kind.findData(item.get("kind", "task"))))
        self.table.setCellWidget(row, 0, kind)
        for column, key in ((1, "ref"), (2, "level"), (3, "offset_days"), (4, "title")):
            value = item.get(key)
            self.table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))

    def _remove_row(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows or [self.table.rowCount() - 1]:
            if row >= 0:
                self.table.removeRow(row)

    def items(self) -> list[dict]:
        out = []
        for row in range(self.table.rowCount()):
            def text(column: int) -> str:
                cell = self.table.item(row, column)
                return cell.text().strip() if cell else ""
            out.append({"kind": self.table.cellWidget(row, 0).currentData(), "ref": text(1) or None,
                        "level": text(2) or None, "offset_days": text(3) or "0", "title": text(4) or None})
        return out

    def save(self) -> bool:
        t = self.current()
        if t is None:
            return False
        try:
            saved = onboarding_templates.save_template(
                self.ctx.db, self.ctx.actor, t.name, self.items(), department=t.department, job_role=t.job_role,
                template_id=t.id, expected_version=t.version)
        except EcmanualError as exc:
            self.status.setText(service_message(exc))
            self.status.setStyleSheet("color:#a00;")
            return False
        self.reload(saved.id)
        self.loader.when_loaded(self._saved)  # after the reloaded template is shown
        return True

    def _saved(self) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Saved. New hires get these items; existing plans are unchanged."))

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Course, page slug or system"),
                                              self.tr("Level"), self.tr("Due day"), self.tr("Title")])
        self.add_button.setText(self.tr("Add item"))
        self.remove_button.setText(self.tr("Remove item"))
        self.save_button.setText(self.tr("Save template"))
        self.table.setToolTip(self.tr("Kinds: training (course name), page (manual page slug), account (system "
                                      "name and permission level), task (title). Due day: days after the start "
                                      "(0 = day 1, 7 = week 1, 30 = month 1)."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


__all__ = ["PersonPanel", "PlanPanel", "TemplateEditor", "TAB_STYLE"]
