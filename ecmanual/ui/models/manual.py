"""Manual pages (with overdue reviews highlighted) and a page's versions as tables."""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from ...services.manual import PageInfo, VersionInfo
from .rows import RIGHT, Role, RowsModel, local_time

__all__ = ["ManualPagesModel", "ManualVersionsModel", "PageColumn", "Role", "VersionColumn", "version_status_label"]

OVERDUE_BG, OVERDUE_FG = "#fbdada", "#8a1010"


class PageColumn(IntEnum):
    TITLE = 0
    CATEGORY = 1
    VERSION = 2
    NEXT_REVIEW = 3
    DRAFTS = 4


class ManualPagesModel(RowsModel):
    """Pages in manual order; a page whose review date has passed is shown in red."""

    context = "ManualModels"
    headers = {
        PageColumn.TITLE: QT_TRANSLATE_NOOP("ManualModels", "Page"),
        PageColumn.CATEGORY: QT_TRANSLATE_NOOP("ManualModels", "Category"),
        PageColumn.VERSION: QT_TRANSLATE_NOOP("ManualModels", "Published"),
        PageColumn.NEXT_REVIEW: QT_TRANSLATE_NOOP("ManualModels", "Next review"),
        PageColumn.DRAFTS: QT_TRANSLATE_NOOP("ManualModels", "Drafts"),
    }

    def __init__(self, parent=None, today: date | None = None):
        super().__init__(parent)
        self.today = today or date.today()

    def overdue(self, p: PageInfo) -> bool:
        return p.next_review_on is not None and p.next_review_on <= self.today

    def cell(self, p: PageInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == PageColumn.VERSION:
                return f"v{p.published_version}" if p.published_version else "—"
            if column == PageColumn.NEXT_REVIEW:
                return p.next_review_on.isoformat() if p.next_review_on else ""
            if column == PageColumn.DRAFTS:
                return p.pending_drafts or ""
            return (p.title, p.category or "")[column]
        if role == Role.SORT and column in (PageColumn.VERSION, PageColumn.DRAFTS):
            return p.published_version or 0 if column == PageColumn.VERSION else p.pending_drafts
        if self.overdue(p) and column in (PageColumn.TITLE, PageColumn.NEXT_REVIEW):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(OVERDUE_BG))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(OVERDUE_FG))
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("ManualModels", "Review overdue since %1").replace(
                    "%1", p.next_review_on.isoformat())
        if role == Qt.ItemDataRole.ToolTipRole and column == PageColumn.DRAFTS and p.pending_drafts:
            return QCoreApplication.translate("ManualModels", "Drafts waiting to be published")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PageColumn.VERSION, PageColumn.DRAFTS):
            return RIGHT
        return None


VERSION_STATUSES = {
    "draft": QT_TRANSLATE_NOOP("ManualModels", "Draft"),
    "published": QT_TRANSLATE_NOOP("ManualModels", "Published"),
    "rejected": QT_TRANSLATE_NOOP("ManualModels", "Rejected"),
}


def version_status_label(status: str) -> str:
    source = VERSION_STATUSES.get(status)
    return QCoreApplication.translate("ManualModels", source) if source else status


class VersionColumn(IntEnum):
    VERSION = 0
    STATUS = 1
    SUMMARY = 2
    AUTHOR = 3
    CREATED = 4
    APPROVER = 5
    PUBLISHED = 6


class ManualVersionsModel(RowsModel):
    """A page's versions, newest first; drafts stand out."""

    context = "ManualModels"
    headers = {
        VersionColumn.VERSION: QT_TRANSLATE_NOOP("ManualModels", "Version"),
        VersionColumn.STATUS: QT_TRANSLATE_NOOP("ManualModels", "Status"),
        VersionColumn.SUMMARY: QT_TRANSLATE_NOOP("ManualModels", "Change"),
        VersionColumn.AUTHOR: QT_TRANSLATE_NOOP("ManualModels", "Author"),
        VersionColumn.CREATED: QT_TRANSLATE_NOOP("ManualModels", "Written"),
        VersionColumn.APPROVER: QT_TRANSLATE_NOOP("ManualModels", "Published by"),
        VersionColumn.PUBLISHED: QT_TRANSLATE_NOOP("ManualModels", "Published on"),
    }

    def record_id(self, row: VersionInfo):
        return row.version_no

    def cell(self, v: VersionInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"v{v.version_no}", version_status_label(v.status), v.summary or "", v.author or "",
                    local_time(v.created_at), v.approved_by or "", local_time(v.published_at))[column]
        if role == Role.SORT and column == VersionColumn.VERSION:
            return v.version_no
        if role == Qt.ItemDataRole.BackgroundRole and column == VersionColumn.STATUS and v.status == "draft":
            return QBrush(QColor("#fff4d6"))
        if role == Qt.ItemDataRole.ToolTipRole and column == VersionColumn.SUMMARY:
            return v.summary or None
        return None
