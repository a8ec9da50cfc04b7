"""Upcoming training sessions as a table."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from ...importers.values import JST
from ...services.training_sessions import SessionInfo
from .rows import Role, RowsModel

__all__ = ["SessionColumn", "SessionsModel", "Role"]


class SessionColumn(IntEnum):
    WHEN = 0
    COURSE = 1
    PLACE = 2
    INSTRUCTOR = 3
    SEATS = 4


class SessionsModel(RowsModel):
    """Sessions soonest first: when (local time), course, place or online, instructor, seats."""

    context = "TrainingSessionsModel"
    headers = {
        SessionColumn.WHEN: QT_TRANSLATE_NOOP("TrainingSessionsModel", "When"),
        SessionColumn.COURSE: QT_TRANSLATE_NOOP("TrainingSessionsModel", "Course"),
        SessionColumn.PLACE: QT_TRANSLATE_NOOP("TrainingSessionsModel", "Place"),
        SessionColumn.INSTRUCTOR: QT_TRANSLATE_NOOP("TrainingSessionsModel", "Instructor"),
        SessionColumn.SEATS: QT_TRANSLATE_NOOP("TrainingSessionsModel", "Attendees"),
    }

    def cell(self, t: SessionInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            start = t.starts_at.astimezone(JST)  # the team's time, as sessions are entered
            when = f"{start:%Y/%m/%d %H:%M}" + (f"–{t.ends_at.astimezone(JST):%H:%M}" if t.ends_at else "")
            place = t.place or ""
            if t.online:
                online = QCoreApplication.translate("TrainingSessionsModel", "Online")
                place = f"{place} ({online})" if place else online
            seats = f"{len(t.attendees)} / {t.capacity}" if t.capacity else str(len(t.attendees))
            return (when, t.course, place, t.instructor or "", seats)[column]
        if role == Role.SORT and column == SessionColumn.WHEN:
            return t.starts_at.isoformat()
        if role == Qt.ItemDataRole.ToolTipRole and column == SessionColumn.SEATS and t.attendees:
            return "\n".join(a.name for a in t.attendees)
        return None
