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
