"""Occurrences of the operations calendar (overdue first, then upcoming) as a table."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...services.calendar import Occurrence
from .rows import RowsModel, local_time

CONTEXT = "CalendarModels"
STATUSES = {
    "open": QT_TRANSLATE_NOOP("CalendarModels", "Due"),
    "done": QT_TRANSLATE_NOOP("CalendarModels", "Done"),
    "skipped": QT_TRANSLATE_NOOP("CalendarModels", "Skipped"),
    "overdue": QT_TRANSLATE_NOOP("CalendarModels", "Overdue"),
    "untracked": QT_TRANSLATE_NOOP("CalendarModels", "Before tracking"),
}
CADENCES = {
    "daily": QT_TRANSLATE_NOOP("CalendarModels", "Daily"),
    "weekly": QT_TRANSLATE_NOOP("CalendarModels", "Weekly"),
    "monthly": QT_TRANSLATE_NOOP("CalendarModels", "Monthly"),
    "quarterly": QT_TRANSLATE_NOOP("CalendarModels", "Quarterly"),
    "half-yearly": QT_TRANSLATE_NOOP("CalendarModels", "Half-yearly"),
    "yearly": QT_TRANSLATE_NOOP("CalendarModels", "Yearly"),
}
KINDS = {
    "meeting": QT_TRANSLATE_NOOP("CalendarModels", "Meeting"),
    "duty": QT_TRANSLATE_NOOP("CalendarModels", "Duty"),
    "audit": QT_TRANSLATE_NOOP("CalendarModels", "Audit"),
    "delivery": QT_TRANSLATE_NOOP("CalendarModels", "Delivery"),
    "update": QT_TRANSLATE_NOOP("CalendarModels", "Update"),
}
STATUS_COLOURS = {"done": "#DCF1DC", "skipped": "#ECECEC", "overdue": "#FBDADA"}
WEEKDAYS = (QT_TRANSLATE_NOOP("CalendarModels", "Mon"), QT_TRANSLATE_NOOP("CalendarModels", "Tue"),
            QT_TRANSLATE_NOOP("CalendarModels", "Wed"), QT_TRANSLATE_NOOP("CalendarModels", "Thu"),
            QT_TRANSLATE_NOOP("CalendarModels", "Fri"), QT_TRANSLATE_NOOP("CalendarModels", "Sat"),
            QT_TRANSLATE_NOOP("CalendarModels", "Sun"))


def _label(table: dict[str, str], code: str) -> str:
    source = table.get(code)
    return QCoreApplication.translate(CONTEXT, source) if source else code


def status_label(status: str) -> str:
    return _label(STATUSES, status)


def cadence_label(cadence: str) -> str:
    return _label(CADENCES, cadence)


def kind_label(kind: str) -> str:
    return _label(KINDS, kind)


class OccurrenceColumn(IntEnum):
    DUE = 0
    TIME = 1
    DUTY = 2
    CADENCE = 3
    OWNER = 4
    DEPUTY = 5
    STATUS = 6
    BY = 7
    AT = 8
    NOTE = 9


class OccurrencesModel(RowsModel):
    """One row per occurrence; rows are tinted by status (overdue red, done green, skipped grey)."""

    context = CONTEXT
    headers = {
        OccurrenceColumn.DUE: QT_TRANSLATE_NOOP("CalendarModels", "Due date"),
        OccurrenceColumn.TIME: QT_TRANSLATE_NOOP("CalendarModels", "Time"),
        OccurrenceColumn.DUTY: QT_TRANSLATE_NOOP("CalendarModels", "Duty"),
        OccurrenceColumn.CADENCE: QT_TRANSLATE_NOOP("CalendarModels", "Cadence"),
        OccurrenceColumn.OWNER: QT_TRANSLATE_NOOP("CalendarModels", "Owner"),
        OccurrenceColumn.DEPUTY: QT_TRANSLATE_NOOP("CalendarModels", "Deputy"),
        OccurrenceColumn.STATUS: QT_TRANSLATE_NOOP("CalendarModels", "Status"),
        OccurrenceColumn.BY: QT_TRANSLATE_NOOP("CalendarModels", "Recorded by"),
        OccurrenceColumn.AT: QT_TRANSLATE_NOOP("CalendarModels", "Recorded at"),
        OccurrenceColumn.NOTE: QT_TRANSLATE_NOOP("CalendarModels", "Note"),
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self._brushes = {k: QBrush(QColor(c)) for k, c in STATUS_COLOURS.items()}
        self._bold = QFont()
        self._bold.setBold(True)

    def record_id(self, o: Occurrence):
        return (o.duty_id, o.due_date)

    def cell(self, o: Occurrence, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == OccurrenceColumn.DUE:
                weekday = QCoreApplication.translate(CONTEXT, WEEKDAYS[o.due_date.weekday()])
                return f"{o.due_date:%Y-%m-%d} ({weekday})"
            return ("", o.start_time or "", o.duty, cadence_label(o.cadence), o.owner, o.deputy,
                    status_label(o.status), o.by or "", local_time(o.at), o.note or "")[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes.get(o.status)
        if role == Qt.ItemDataRole.FontRole and o.status == "overdue" and column == OccurrenceColumn.STATUS:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == OccurrenceColumn.NOTE:
            return o.note or None
        return None
