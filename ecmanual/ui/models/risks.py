"""The risk register (level coloured) and incidents as tables."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from ...services.incidents import IncidentInfo, RiskInfo
from .rows import Role, RowsModel, local_time

__all__ = ["IncidentColumn", "IncidentsModel", "RiskColumn", "RisksModel", "Role", "level_label"]

LEVELS = {
    "high": QT_TRANSLATE_NOOP("RiskModels", "High"),
    "medium": QT_TRANSLATE_NOOP("RiskModels", "Medium"),
    "low": QT_TRANSLATE_NOOP("RiskModels", "Low"),
}
LEVEL_COLOURS = {"high": ("#f6c9c9", "#7a0d0d"), "medium": ("#fde7b8", "#6b4a00"), "low": ("#d9efd9", "#1f5a1f")}
LEVEL_ORDER = {"high": 0, "medium": 1, "low": 2}
INCIDENT_STATUSES = {
    "open": QT_TRANSLATE_NOOP("RiskModels", "Open"),
    "closed": QT_TRANSLATE_NOOP("RiskModels", "Closed"),
}


def level_label(level: str) -> str:
    source = LEVELS.get(level)
    return QCoreApplication.translate("RiskModels", source) if source else level


def _level_role(level: str, role: int):
    colours = LEVEL_COLOURS.get(level)
    if colours and role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(QColor(colours[0]))
    if colours and role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(colours[1]))
    if role == Role.SORT:
        return LEVEL_ORDER.get(level, 9)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignCenter)
    return None


class RiskColumn(IntEnum):
    LEVEL = 0
    TITLE = 1
    CATEGORY = 2
    COUNTERMEASURE = 3
    RESPONSIBLE = 4


class RisksModel(RowsModel):
    """The register, high risks first; the level cell is coloured red / amber / green."""

    context = "RiskModels"
    headers = {
        RiskColumn.LEVEL: QT_TRANSLATE_NOOP("RiskModels", "Level"),
        RiskColumn.TITLE: QT_TRANSLATE_NOOP("RiskModels", "Risk"),
        RiskColumn.CATEGORY: QT_TRANSLATE_NOOP("RiskModels", "Category"),
        RiskColumn.COUNTERMEASURE: QT_TRANSLATE_NOOP("RiskModels", "Countermeasure"),
        RiskColumn.RESPONSIBLE: QT_TRANSLATE_NOOP("RiskModels", "Responsible"),
    }

    def cell(self, r: RiskInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (level_label(r.level), r.title, r.category or "", r.countermeasure or "",
                    r.responsible or "")[column]
        if column == RiskColumn.LEVEL:
            return _level_role(r.level, role)
        if role == Qt.ItemDataRole.ToolTipRole and column == RiskColumn.TITLE:
            return r.description or None
        if role == Qt.ItemDataRole.ToolTipRole and column == RiskColumn.COUNTERMEASURE:
            return r.countermeasure or None
        return None


class IncidentColumn(IntEnum):
    ID = 0
    OCCURRED = 1
    SEVERITY = 2
    TITLE = 3
    STATUS = 4
    NEXT = 5


class IncidentsModel(RowsModel):
    """Incidents, open ones first, with the next step of the emergency flow."""

    context = "RiskModels"
    headers = {
        IncidentColumn.ID: QT_TRANSLATE_NOOP("RiskModels", "No."),
        IncidentColumn.OCCURRED: QT_TRANSLATE_NOOP("RiskModels", "Occurred"),
        IncidentColumn.SEVERITY: QT_TRANSLATE_NOOP("RiskModels", "Severity"),
        IncidentColumn.TITLE: QT_TRANSLATE_NOOP("RiskModels", "Incident"),
        IncidentColumn.STATUS: QT_TRANSLATE_NOOP("RiskModels", "Status"),
        IncidentColumn.NEXT: QT_TRANSLATE_NOOP("RiskModels", "Next step"),
    }

    def cell(self, i: IncidentInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            nxt = i.next_step
            status = INCIDENT_STATUSES.get(i.status)
            return (i.id, local_time(i.occurred_at), level_label(i.severity), i.title,
                    QCoreApplication.translate("RiskModels", status) if status else i.status,
                    f"{nxt.seq}. {nxt.name}" if nxt else "")[column]
        if column == IncidentColumn.SEVERITY:
            return _level_role(i.severity, role)
        if role == Role.SORT and column == IncidentColumn.OCCURRED:
            return i.occurred_at.isoformat()
        if role == Qt.ItemDataRole.ToolTipRole and column == IncidentColumn.TITLE:
            return i.description or None
        return None
