"""The duties and meetings of the operations calendar as a table."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor

from ...services.calendar import DutyInfo
from .calendar_occurrences import cadence_label, kind_label
from .rows import Role, RowsModel


class DutyColumn(IntEnum):
    NAME = 0
    KIND = 1
    CADENCE = 2
    RECURRENCE = 3
    TIME = 4
    OWNER = 5
    DEPUTY = 6
    NEXT = 7


class DutiesModel(RowsModel):
    """Duties with cadence, recurrence in words, owner, deputy and next due date; inactive ones grey."""

    context = "CalendarModels"
    headers = {
        DutyColumn.NAME: QT_TRANSLATE_NOOP("CalendarModels", "Duty"),
        DutyColumn.KIND: QT_TRANSLATE_NOOP("CalendarModels", "Kind"),
        DutyColumn.CADENCE: QT_TRANSLATE_NOOP("CalendarModels", "Cadence"),
        DutyColumn.RECURRENCE: QT_TRANSLATE_NOOP("CalendarModels", "Repeats"),
        DutyColumn.TIME: QT_TRANSLATE_NOOP("CalendarModels", "Time"),
        DutyColumn.OWNER: QT_TRANSLATE_NOOP("CalendarModels", "Owner"),
        DutyColumn.DEPUTY: QT_TRANSLATE_NOOP("CalendarModels", "Deputy"),
        DutyColumn.NEXT: QT_TRANSLATE_NOOP("CalendarModels", "Next due"),
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self._inactive = QBrush(QColor("#8A8A8A"))

    def cell(self, d: DutyInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (d.name, kind_label(d.kind), cadence_label(d.cadence), d.recurrence, d.start_time or "",
                    d.owner, d.deputy, d.next_due.isoformat() if d.next_due else "")[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DutyColumn.RECURRENCE:
                return f"RRULE: {d.rrule}"
            if column == DutyColumn.NAME:
                return d.description or None
            return None
        if role == Qt.ItemDataRole.ForegroundRole and not d.active:
            return self._inactive
        if role == Role.SORT and column == DutyColumn.CADENCE:
            return ("daily", "weekly", "monthly", "quarterly", "half-yearly", "yearly").index(d.cadence)
        return None
