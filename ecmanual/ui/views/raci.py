"""役割・RACI: the matrix, the organisation, who does what, the operations calendar and the
approval levels, one tab each. A tab loads when first shown and again after another tab saved
something it shows."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..context import UiContext
from .raci_approvals import ApprovalsPage
from .raci_calendar import CalendarPage
from .raci_matrix import RaciMatrixPage
from .raci_org import OrganisationPage
from .raci_people import PeoplePage

logger = logging.getLogger(__name__)


class RaciView(QWidget):
    """The Roles & RACI area."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.matrix = RaciMatrixPage(ctx)
        self.organisation = OrganisationPage(ctx)
        self.people = PeoplePage(ctx)
        self.calendar = CalendarPage(ctx)
        self.approvals = ApprovalsPage(ctx)
        self.pages = [self.matrix, self.organisation, self.people, self.calendar, self.approvals]
        self._stale = set(range(len(self.pages)))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for page in self.pages:
            self.tabs.addTab(page, "")
            if hasattr(page, "changed"):
                page.changed.connect(lambda p=page: self._mark_others_stale(p))
        self.tabs.currentChanged.connect(self._ensure_loaded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate_ui()
        self._ensure_loaded(0)

    def show_tab(self, page: QWidget) -> None:
        self.tabs.setCurrentWidget(page)

    def _mark_others_stale(self, source: QWidget) -> None:
        self._stale |= {i for i, p in enumerate(self.pages) if p is not source}

    def _ensure_loaded(self, index: int) -> None:
        if index in self._stale:
            self._stale.discard(index)
            self.pages[index].reload()

    def retranslate_ui(self) -> None:
        for i, title in enumerate((self.tr("Matrix"), self.tr("Organisation"), self.tr("Who does what"),
                                   self.tr("Operations calendar"), self.tr("Approval levels"))):
            self.tabs.setTabText(i, title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- navigation (dashboard, search) ----------------------------------------------------
    def show_record(self, entity: str, entity_id: int | None, **hints) -> bool:
        """A step or process in the matrix (waits for its load), a duty in the calendar, a person
        in "who does what", a department or job role in the organisation tab."""
        if entity_id is None:
            return False
        if entity == "duty":
            self.show_tab(self.calendar)
            return self.calendar.show_record(entity, entity_id, **hints)
        if entity == "staff":
            self.show_tab(self.people)
            self.people.select_person(entity_id)
            return self.people.person.currentData() == entity_id
        if entity in ("department", "job_role"):
            self.show_tab(self.organisation)
            from ..tables import select_record

            table = self.organisation.departments if entity == "department" else self.organisation.roles
            found = select_record(table, entity_id)
            if found:
                table.setFocus()
            return found
        if entity not in ("process_step", "process"):
            return False
        self.show_tab(self.matrix)
        model = self.matrix.model
        if not model.rowCount():  # the first load is still on its way
            def once() -> None:
                self.matrix.loaded.disconnect(once)
                self._select_in_matrix(entity, entity_id)
            self.matrix.loaded.connect(once)
            return True
        return self._select_in_matrix(entity, entity_id)

    def _select_in_matrix(self, entity: str, entity_id: int) -> bool:
        model = self.matrix.model
        if entity == "process":
            row = next((i for i, r in enumerate(model._rows) if r.step is None and r.process.id == entity_id), None)
            index = model.index(row, 0) if row is not None else None
        else:
            index = model.index_of(entity_id)
        if index is None or not index.isValid():
            return False
        self.matrix.grid.setCurrentIndex(index)
        self.matrix.grid.scrollTo(index)
        self.matrix.grid.setFocus()
        return True
