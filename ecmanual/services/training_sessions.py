"""Training sessions: scheduling (Japan time), attendees within capacity, and attendance,
which records the completion on the session's date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..persistence.models import Course, SessionAttendee, Staff, TrainingRecord, TrainingSession
from .context import Actor, Database
from .organisation import find_staff
from .records import apply_edit, create_record, delete_record, get_record, today_jst
from .training import _attach, _record, as_local_time, day_start, find_course, local_date

SESSION_FIELDS = ("starts_at", "ends_at", "place", "online", "instructor", "capacity", "notes")


@dataclass(frozen=True)
class AttendeeInfo:
    """A registered person; once attended, the completion recorded from the session."""

    staff_id: int
    name: str
    attended: bool | None
    passed: bool | None = None
    score: float | None = None
    evidence_note: str | None = None
    attachment_id: int | None = None


@dataclass(frozen=True)
class SessionInfo:
    """A scheduled session of a course with its attendees."""

    id: int
    course_id: int
    course: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    online: bool
    instructor: str | None
    capacity: int | None
    notes: str | None
    version: int
    attendees: tuple[AttendeeInfo, ...] = ()

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else self.capacity - len(self.attendees)


def _session_info(s: Session, t: TrainingSession) -> SessionInfo:
    course = s.get(Course, t.course_id)
    people = s.execute(select(SessionAttendee.staff_id, Staff.name, SessionAttendee.attended, TrainingRecord.passed,
                              TrainingRecord.score, TrainingRecord.evidence_note, TrainingRecord.attachment_id)
                       .join(Staff, Staff.id == SessionAttendee.staff_id)
                       .outerjoin(TrainingRecord, (TrainingRecord.session_id == t.id)
                                  & (TrainingRecord.staff_id == SessionAttendee.staff_id))
                       .where(SessionAttendee.session_id == t.id).order_by(Staff.name)).all()
    return SessionInfo(t.id, t.course_id, course.name, t.starts_at, t.ends_at, t.place, t.online, t.instructor,
                       t.capacity, t.notes, t.version, tuple(AttendeeInfo(*p) for p in people))


def _check_session(values: dict[str, Any]) -> dict[str, Any]:
    for key in ("starts_at", "ends_at"):
        if values.get(key) is not None:
            values[key] = as_local_time(values[key])
    if values.get("starts_at") and values.get("ends_at") and values["ends_at"] < values["starts_at"]:
        raise InputError("a session cannot end before it starts")
    if values.get("capacity") is not None and int(values["capacity"]) < 1:
        raise InputError("capacity must be at least 1")
    return values


def schedule_session(db: Database, actor: Actor, course: str | int, starts_at: datetime | str, *,
                     attendees: list[str | int] | tuple = (), **fields) -> SessionInfo:
    """Plan a session (naive times are Japan time), with its first attendees, in one transaction."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise InputError(f"session: unknown fields {', '.join(sorted(unknown))}")
    with db.write(actor, Permission.EDIT, "schedule sessions") as s:
        c = find_course(s, course)
        t = TrainingSession(course_id=c.id, **_check_session({"starts_at": starts_at, **fields}))
        create_record(s, actor, t, "training_session", summary=f"{c.name} {local_date(t.starts_at)}")
        for person in attendees:
            _register(s, actor, t, find_staff(s, person))
        return _session_info(s, t)


def update_session(db: Database, actor: Actor, session_id: int, *, expected_version: int | None = None,
                   **changes) -> SessionInfo:
    with db.write(actor, Permission.EDIT, "edit sessions") as s:
        t = get_record(s, TrainingSession, session_id, "session")
        merged = _check_session({"starts_at": t.starts_at, "ends_at": t.ends_at, **changes})
        apply_edit(s, actor, t, "training_session", {k: merged[k] for k in changes}, SESSION_FIELDS, expected_version)
        return _session_info(s, t)


def cancel_session(db: Database, actor: Actor, session_id: int) -> None:
    """Drop a session; completions recorded from it stay (their session link is cleared)."""
    with db.write(actor, Permission.EDIT, "cancel sessions") as s:
        t = get_record(s, TrainingSession, session_id, "session")
        s.execute(delete(SessionAttendee).where(SessionAttendee.session_id == t.id))
        delete_record(s, actor, t, "training_session")


def list_sessions(db: Database, actor: Actor, *, start: date | None = None, end: date | None = None) -> list[SessionInfo]:
    """Sessions starting on or after `start` and before the day after `end` (Japan time)."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        q = select(TrainingSession).order_by(TrainingSession.starts_at, TrainingSession.id)
        if start:
            q = q.where(TrainingSession.starts_at >= day_start(start))
        if end:
            q = q.where(TrainingSession.starts_at < day_start(end + timedelta(days=1)))
        return [_session_info(s, t) for t in s.scalars(q)]


def upcoming_sessions(db: Database, actor: Actor, today: date | None = None, days: int = 90) -> list[SessionInfo]:
    today = today or today_jst()
    return list_sessions(db, actor, start=today, end=today + timedelta(days=days))


def _register(s: Session, actor: Actor, t: TrainingSession, p: Staff) -> None:
    if p.status == "left":
        raise InputError(f"{p.name} has left")
    taken = s.scalars(select(SessionAttendee).where(SessionAttendee.session_id == t.id)).all()
    if any(a.staff_id == p.id for a in taken):
        raise InputError(f"{p.name} is already registered for this session")
    if t.capacity is not None and len(taken) >= t.capacity:
        raise InputError(f"the session is full ({t.capacity} places)")
    create_record(s, actor, SessionAttendee(session_id=t.id, staff_id=p.id), "session_attendee",
                  summary=f"{p.name} registered")


def add_attendee(db: Database, actor: Actor, session_id: int, person: str | int) -> SessionInfo:
    with db.write(actor, Permission.EDIT, "register attendees") as s:
        t = get_record(s, TrainingSession, session_id, "session")
        _register(s, actor, t, find_staff(s, person))
        return _session_info(s, t)


def remove_attendee(db: Database, actor: Actor, session_id: int, person: str | int) -> SessionInfo:
    with db.write(actor, Permission.EDIT, "register attendees") as s:
        t = get_record(s, TrainingSession, session_id, "session")
        p = find_staff(s, person)
        a = s.scalar(select(SessionAttendee).where(SessionAttendee.session_id == t.id,
                                                   SessionAttendee.staff_id == p.id))
        if a is None:
            raise NotFound(f"{p.name} is not registered for this session")
        delete_record(s, actor, a, "session_attendee")
        return _session_info(s, t)


def record_attendance(db: Database, actor: Actor, session_id: int, person: str | int, attended: bool = True, *,
                      passed: bool = True, score: float | None = None, evidence_note: str | None = None,
                      attachment: str | Path | None = None) -> SessionInfo:
    """Mark attendance; an attendance records the completion on the session's date (with an
    evidence file when `attachment` names one; recording again updates the result)."""
    with db.write(actor, Permission.EDIT, "record attendance") as s:
        t = get_record(s, TrainingSession, session_id, "session")
        p = find_staff(s, person)
        a = s.scalar(select(SessionAttendee).where(SessionAttendee.session_id == t.id,
                                                   SessionAttendee.staff_id == p.id))
        if a is None:
            a = create_record(s, actor, SessionAttendee(session_id=t.id, staff_id=p.id), "session_attendee")
        apply_edit(s, actor, a, "session_attendee", {"attended": attended}, ("attended",))
        if attended:
            existing = s.scalar(select(TrainingRecord).where(TrainingRecord.session_id == t.id,
                                                             TrainingRecord.staff_id == p.id))
            if existing is None:
                _record(s, actor, p, s.get(Course, t.course_id), local_date(t.starts_at), score=score, passed=passed,
                        evidence_note=evidence_note, attachment=attachment, session_id=t.id)
            else:
                changes: dict[str, Any] = {"score": score, "passed": passed, "evidence_note": evidence_note}
                if attachment is not None:
                    changes["attachment_id"] = _attach(s, actor, attachment, "training_record", existing.id).id
                apply_edit(s, actor, existing, "training_record", changes,
                           ("score", "passed", "evidence_note", "attachment_id"))
        return _session_info(s, t)
