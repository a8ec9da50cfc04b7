"""Checklist templates and runs as tables (plain service data in, Qt roles out)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from ...services.checklists import RunInfo, TemplateInfo
from .rows import RIGHT, Role, RowsModel, local_time

__all__ = ["ChecklistRunsModel", "ChecklistTemplatesModel", "Role", "RunColumn", "TemplateColumn", "status_label"]

STATUSES = {
    "draft": QT_TRANSLATE_NOOP("ChecklistModels", "In progress"),
    "submitted": QT_TRANSLATE_NOOP("ChecklistModels", "Waiting for approval"),
    "returned": QT_TRANSLATE_NOOP("ChecklistModels", "Sent back"),
    "approved": QT_TRANSLATE_NOOP("ChecklistModels", "Approved"),
}
STATUS_COLOURS = {"draft": "#fff4d6", "submitted": "#dbe9f8", "returned": "#fbdada", "approved": "#dcf1dc"}


def status_label(status: str) -> str:
    source = STATUSES.get(status)
    return QCoreApplication.translate("ChecklistModels", source) if source else status


class TemplateColumn(IntEnum):
    NAME = 0
    CATEGORY = 1
    LEVEL = 2
    VERSION = 3
    ITEMS = 4


class ChecklistTemplatesModel(RowsModel):
    """Checklist templates: name, category, approval level, current version, number of items."""

    context = "ChecklistModels"
    headers = {
        TemplateColumn.NAME: QT_TRANSLATE_NOOP("ChecklistModels", "Checklist"),
        TemplateColumn.CATEGORY: QT_TRANSLATE_NOOP("ChecklistModels", "Category"),
        TemplateColumn.LEVEL: QT_TRANSLATE_NOOP("ChecklistModels", "Approval level"),
        TemplateColumn.VERSION: QT_TRANSLATE_NOOP("ChecklistModels", "Version"),
        TemplateColumn.ITEMS: QT_TRANSLATE_NOOP("ChecklistModels", "Items"),
    }

    def cell(self, t: TemplateInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (t.name, t.category or "", t.approval_level or "", t.version_no, len(t.items))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (TemplateColumn.VERSION, TemplateColumn.ITEMS):
            return RIGHT
        return None


class RunColumn(IntEnum):
    ID = 0
    CHECKLIST = 1
    SUBJECT = 2
    STATUS = 3
    RUNNER = 4
    STARTED = 5
    APPROVER = 6
    APPROVED = 7


class ChecklistRunsModel(RowsModel):
    """Checklist runs, newest first as the service returns them; the status cell is coloured."""

    context = "ChecklistModels"
    headers = {
        RunColumn.ID: QT_TRANSLATE_NOOP("ChecklistModels", "No."),
        RunColumn.CHECKLIST: QT_TRANSLATE_NOOP("ChecklistModels", "Checklist"),
        RunColumn.SUBJECT: QT_TRANSLATE_NOOP("ChecklistModels", "Subject"),
        RunColumn.STATUS: QT_TRANSLATE_NOOP("ChecklistModels", "Status"),
        RunColumn.RUNNER: QT_TRANSLATE_NOOP("ChecklistModels", "Run by"),
        RunColumn.STARTED: QT_TRANSLATE_NOOP("ChecklistModels", "Started"),
        RunColumn.APPROVER: QT_TRANSLATE_NOOP("ChecklistModels", "Approved by"),
        RunColumn.APPROVED: QT_TRANSLATE_NOOP("ChecklistModels", "Approved on"),
    }

    def cell(self, r: RunInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.id, f"{r.template} v{r.version_no}", r.subject, status_label(r.status), r.started_by or "",
                    local_time(r.started_at), r.approved_by or "", local_time(r.approved_at))[column]
        if role == Role.SORT and column in (RunColumn.STARTED, RunColumn.APPROVED):
            at = r.started_at if column == RunColumn.STARTED else r.approved_at
            return at.isoformat() if at else ""
        if column == RunColumn.STATUS:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(STATUS_COLOURS.get(r.status, "#ffffff")))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#1b2b3c"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return r.comment or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RunColumn.ID:
            return RIGHT
        return None
