"""The areas of the main window, in sidebar order, and where each one's view lives.

An area whose `view` is empty shows a "coming" page with its description. To build an
area, write its view module in `ui/views/` and name it here as "module:Class"; the class
takes a `UiContext` and an optional parent.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


@dataclass(frozen=True)
class Area:
    """One entry of the sidebar."""

    key: str          # slug: screenshot file names, tests
    title: str        # English source text, context "Areas"
    description: str  # what the area does (coming page), context "Areas"
    icon: str         # file in resources/icons
    view: str = ""    # "ecmanual.ui.views.module:Class"; empty: not built yet

    def translated_title(self) -> str:
        return QCoreApplication.translate("Areas", self.title)

    def translated_description(self) -> str:
        return QCoreApplication.translate("Areas", self.description)

    def view_class(self):
        module, _, name = self.view.partition(":")
        return getattr(importlib.import_module(module), name)


AREAS: tuple[Area, ...] = (
    Area("dashboard", QT_TRANSLATE_NOOP("Areas", "Dashboard"),
         QT_TRANSLATE_NOOP("Areas", "Today's duties, trainings that are due, open permission reviews and "
                                    "checklists waiting for approval, at a glance."),
         "dashboard.svg", "ecmanual.ui.views.dashboard:DashboardView"),
    Area("raci", QT_TRANSLATE_NOOP("Areas", "Roles & RACI"),
         QT_TRANSLATE_NOOP("Areas", "Departments, staff and job roles; for every process step who is "
                                    "Responsible, Accountable, Consulted and Informed, with a check that "
                                    "each step has exactly one Accountable."),
         "raci.svg", "ecmanual.ui.views.raci:RaciView"),
    Area("training", QT_TRANSLATE_NOOP("Areas", "Training & certification"),
         QT_TRANSLATE_NOOP("Areas", "The trainings each role needs, who completed them and when, and "
                                    "certifications that are about to expire."),
         "training.svg", "ecmanual.ui.views.training:TrainingView"),
    Area("reviews", QT_TRANSLATE_NOOP("Areas", "Permission reviews"),
         QT_TRANSLATE_NOOP("Areas", "Quarterly reviews of SaaS accounts: import account lists, see findings "
                                    "(leavers, shared or dormant accounts, MFA off), decide and sign off."),
         "reviews.svg", "ecmanual.ui.views.reviews:ReviewsView"),
    Area("checklists", QT_TRANSLATE_NOOP("Areas", "Checklists"),
         QT_TRANSLATE_NOOP("Areas", "Run checklists from versioned templates, tick items with evidence and "
                                    "get a second person's approval."),
         "checklists.svg", "ecmanual.ui.views.checklists:ChecklistsView"),
    Area("templates", QT_TRANSLATE_NOOP("Areas", "Templates"),
         QT_TRANSLATE_NOOP("Areas", "Document templates (notices, requests, reports) to fill in and export."),
         "templates.svg", "ecmanual.ui.views.templates:TemplatesView"),
    Area("glossary", QT_TRANSLATE_NOOP("Areas", "Glossary"),
         QT_TRANSLATE_NOOP("Areas", "The team's terms and abbreviations with their readings and meanings."),
         "glossary.svg", "ecmanual.ui.views.glossary:GlossaryView"),
    Area("manual", QT_TRANSLATE_NOOP("Areas", "Manual"),
         QT_TRANSLATE_NOOP("Areas", "The manual pages with their versions, publishing and read "
                                    "acknowledgements."),
         "manual.svg", "ecmanual.ui.views.manual:ManualView"),
    Area("risks", QT_TRANSLATE_NOOP("Areas", "Risks & incidents"),
         QT_TRANSLATE_NOOP("Areas", "The risk register, and incidents recorded step by step along the agreed "
                                    "response flow."),
         "risks.svg", "ecmanual.ui.views.risks:RisksView"),
    Area("audit", QT_TRANSLATE_NOOP("Areas", "Audit log"),
         QT_TRANSLATE_NOOP("Areas", "Every change with who made it and when, newest first."),
         "audit.svg", "ecmanual.ui.views.audit_log:AuditLogView"),
    Area("settings", QT_TRANSLATE_NOOP("Areas", "Settings"),
         QT_TRANSLATE_NOOP("Areas", "Language, the signed-in user and where the data is kept."),
         "settings.svg", "ecmanual.ui.views.settings:SettingsView"),
)


def area_index(key: str) -> int:
    return next(i for i, a in enumerate(AREAS) if a.key == key)
