"""The operations calendar: recurring duties and meetings, their occurrences, done/skipped marks.

A duty recurs by an RFC 5545 RRULE whose DTSTART is its start date; occurrences are expanded
with dateutil.rrule (domain/recurrence.py), never by hand. An occurrence is *open* until someone marks it done or
skipped (a DutyOccurrence, audited); an open occurrence before `today` is *overdue* when it
falls within the look-back window and after the duty was added to the app (a duty entered
today is not reported as missed for the months before). `today` is always passed in.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..domain.recurrence import CADENCES, cadence, describe, next_occurrence, occurrences, parse_rule
from ..exports import ics
from ..importers.values import JST, clean, name_key
from ..persistence.base import utcnow
from ..persistence.models import AppUser, Department, Duty, DutyOccurrence, ExportRecord, JobRole, RoleAssignment, Staff
from . import audit
from .context import Actor, Database
from .organisation import is_current
from .records import apply_edit, create_record, delete_record, get_record, require_name, today_jst

logger = logging.getLogger(__name__)

__all__ = ["CADENCES", "cadence", "describe", "next_occurrence", "occurrences", "parse_rule"]  # re-exported

DUTY_KINDS = ("meeting", "duty", "audit", "delivery", "update")
STATUSES = ("done", "skipped")
DEFAULT_LOOKBACK_DAYS = 14
ICS_TIMEZONE = "Asia/Tokyo"  # duty start times are Japanese wall-clock times
CADENCE_JA = {"daily": "日次", "weekly": "週次", "monthly": "月次", "quarterly": "四半期", "half-yearly": "半期",
              "yearly": "年次"}
KIND_JA = {"meeting": "会議", "duty": "業務", "audit": "監査", "delivery": "配信", "update": "更新"}
STATUS_JA = {"open": "予定", "done": "完了", "skipped": "スキップ", "overdue": "期限超過", "untracked": "記録開始前"}
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


# ---------------------------------------------------------------- plain data

@dataclass(frozen=True)
class DutyInfo:
    """A duty with its owner and deputy resolved to names, its cadence and next due date."""

    id: int
    name: str
    kind: str
    description: str | None
    rrule: str
    start_date: date
    start_time: str | None
    duration_minutes: int | None
    owner_staff_id: int | None
    deputy_staff_id: int | None
    owner_role_id: int | None
    owner_department_id: int | None
    active: bool
    version: int
    owner: str             # who is answerable: a person, a role (holders), or a department
    deputy: str            # who covers: the deputy, else the owner role's deputies
    cadence: str
    recurrence: str        # Japanese reading of the rule
    next_due: date | None
    tracked_from: date     # the day the duty was added to the app (overdue is counted from here)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Occurrence:
    """One due date of a duty: open, overdue, done or skipped (with who, when and a note);
    `untracked` is a past date before the duty was added to the app, never marked."""

    duty_id: int
    duty: str
    kind: str
    cadence: str
    due_date: date
    start_time: str | None
    status: str
    owner: str
    deputy: str
    by: str | None = None
    at: datetime | None = None
    note: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


class _People:
    """Names of staff, roles' current holders and deputies, departments: loaded once per read."""

    def __init__(self, s: Session, on: date):
        self.staff = {p.id: p.name for p in s.scalars(select(Staff))}
        self.roles = {r.id: r.name for r in s.scalars(select(JobRole))}
        self.departments = {d.id: d.name for d in s.scalars(select(Department))}
        self.held: dict[tuple[int, str], list[str]] = {}
        left = {p.id for p in s.scalars(select(Staff).where(Staff.status == "left"))}
        for a in s.scalars(select(RoleAssignment).order_by(RoleAssignment.id)):
            if is_current(a, on) and a.staff_id not in left:
                self.held.setdefault((a.job_role_id, a.kind), []).append(self.staff[a.staff_id])

    def owner(self, d: Duty) -> str:
        if d.owner_staff_id:
            return self.staff.get(d.owner_staff_id, "?")
        if d.owner_role_id:
            holders = self.held.get((d.owner_role_id, "holder"))
            role = self.roles.get(d.owner_role_id, "?")
            return f"{role}（{'、'.join(holders)}）" if holders else f"{role}（担当者なし）"
        if d.owner_department_id:
            return self.departments.get(d.owner_department_id, "?")
        return ""

    def deputy(self, d: Duty) -> str:
        if d.deputy_staff_id:
            return self.staff.get(d.deputy_staff_id, "?")
        if d.owner_role_id and not d.owner_staff_id:
            return "、".join(self.held.get((d.owner_role_id, "deputy"), ()))
        return ""


def _tracked_from(d: Duty) -> date:
    created = d.created_at.astimezone(JST).date() if d.created_at else d.start_date
    return max(created, d.start_date)


def _info(d: Duty, people: _People, on: date) -> DutyInfo:
    return DutyInfo(d.id, d.name, d.kind, d.description, d.rrule, d.start_date, d.start_time, d.duration_minutes,
                    d.owner_staff_id, d.deputy_staff_id, d.owner_role_id, d.owner_department_id, d.active, d.version,
                    people.owner(d), people.deputy(d), cadence(d.rrule), describe(d.rrule, d.start_date),
                    next_occurrence(d.rrule, d.start_date, on) if d.active else None, _tracked_from(d))


def list_duties(db: Database, *, on: date | None = None, include_inactive: bool = True) -> list[DutyInfo]:
    """Every duty (owner and deputy as of `on`, next due date on or after `on`)."""
    on = on or today_jst()
    with db.read() as s:
        people = _People(s, on)
        q = select(Duty).order_by(Duty.id)
        if not include_inactive:
            q = q.where(Duty.active.is_(True))
        return [_info(d, people, on) for d in s.scalars(q)]


def _find_duty(s: Session, ident: str | int) -> Duty:
    text = str(ident).strip()
    if text.lstrip("#").isdigit():
        return get_record(s, Duty, int(text.lstrip("#")), "duty")
    k = name_key(text)
    found = [d for d in s.scalars(select(Duty)) if name_key(d.name) == k]
    if not found:
        raise NotFound(f"no duty named {text!r}")
    return found[0]


def get_duty(db: Database, ident: str | int, on: date | None = None) -> DutyInfo:
    on = on or today_jst()
    with db.read() as s:
        return _info(_find_duty(s, ident), _People(s, on), on)


# ---------------------------------------------------------------- changes

DUTY_FIELDS = ("name", "kind", "description", "rrule", "start_date", "start_time", "duration_minutes",
               "owner_staff_id", "deputy_staff_id", "owner_role_id", "owner_department_id", "active")


def _check(s: Session, values: dict, current: Duty | None = None) -> dict:
    if "name" in values:
        values["name"] = require_name(values["name"], "duty")
        q = select(Duty.id).where(Duty.name == values["name"])
        if current is not None:
            q = q.where(Duty.id != current.id)
        if s.scalar(q) is not None:
            raise InputError(f"a duty named {values['name']!r} already exists")
    if "kind" in values and values["kind"] not in DUTY_KINDS:
        raise InputError(f"kind must be one of {', '.join(DUTY_KINDS)}")
    if isinstance(values.get("start_date"), str):
        try:
            values["start_date"] = date.fromisoformat(values["start_date"])
        except ValueError:
            raise InputError(f"not a date (YYYY-MM-DD): {values['start_date']}") from None
    if "rrule" in values or "start_date" in values:
        values["rrule"] = (values.get("rrule") or (current.rrule if current else "")).strip()
        if values["rrule"].upper().startswith("RRULE:"):
            values["rrule"] = values["rrule"][6:]
        parse_rule(values["rrule"], values.get("start_date") or (current.start_date if current else date.today()))
    if values.get("start_time") is not None:
        values["start_time"] = clean(values["start_time"])
        if values["start_time"] and not _TIME.fullmatch(values["start_time"]):
            raise InputError("the start time must be HH:MM (24 hours)")
        values["start_time"] = values["start_time"] or None
    if values.get("duration_minutes") is not None:
        try:
            values["duration_minutes"] = int(values["duration_minutes"])
        except (TypeError, ValueError):
            raise InputError("the duration must be a whole number of minutes") from None
        if values["duration_minutes"] <= 0:
            raise InputError("the duration must be a positive number of minutes")
    for column, model, what in (("owner_staff_id", Staff, "staff member"), ("deputy_staff_id", Staff, "staff member"),
                                ("owner_role_id", JobRole, "job role"), ("owner_department_id", Department,
                                                                         "department")):
        if values.get(column) is not None:
            get_record(s, model, values[column], what)
    owner = {k: values.get(k, getattr(current, k, None) if current else None)
             for k in ("owner_staff_id", "deputy_staff_id")}
    if owner["owner_staff_id"] is not None and owner["owner_staff_id"] == owner["deputy_staff_id"]:
        raise InputError("the deputy must be someone other than the owner")
    return values


def create_duty(db: Database, actor: Actor, name: str, rrule_text: str, start_date: date | str, **fields) -> DutyInfo:
    """Add a duty or meeting; fields as DUTY_FIELDS."""
    unknown = set(fields) - set(DUTY_FIELDS)
    if unknown:
        raise InputError(f"duty: unknown fields {', '.join(sorted(unknown))}")
    with db.write(actor, Permission.EDIT, "add duties") as s:
        values = _check(s, {"kind": "duty", **fields, "name": name, "rrule": rrule_text, "start_date": start_date})
        d = create_record(s, actor, Duty(**values), "duty")
        on = today_jst()
        return _info(d, _People(s, on), on)


def update_duty(db: Database, actor: Actor, duty_id: int, *, expected_version: int | None = None,
                **changes) -> DutyInfo:
    with db.write(actor, Permission.EDIT, "edit duties") as s:
        d = get_record(s, Duty, duty_id, "duty")
        apply_edit(s, actor, d, "duty", _check(s, dict(changes), d), DUTY_FIELDS, expected_version)
        on = today_jst()
        return _info(d, _People(s, on), on)


def delete_duty(db: Database, actor: Actor, duty_id: int) -> None:
    """Remove a duty and its done/skipped marks (each removal audited)."""
    with db.write(actor, Permission.EDIT, "delete duties") as s:
        d = get_record(s, Duty, duty_id, "duty")
        for occ in s.scalars(select(DutyOccurrence).where(DutyOccurrence.duty_id == d.id)):
            delete_record(s, actor, occ, "duty_occurrence")
        delete_record(s, actor, d, "duty")


def mark_occurrence(db: Database, actor: Actor, duty: str | int, due_date: date, status: str = "done",
                    note: str | None = None) -> Occurrence:
    """Record an occurrence as done or skipped by `actor`, now; a second mark replaces the first."""
    if status not in STATUSES:
        raise InputError(f"status must be one of {', '.join(STATUSES)}")
    with db.write(actor, Permission.EDIT, "mark duties done") as s:
        d = _find_duty(s, duty)
        if due_date not in occurrences(d.rrule, d.start_date, due_date, due_date):
            nearby = occurrences(d.rrule, d.start_date, due_date - timedelta(days=45), due_date + timedelta(days=45))
            near = ", ".join(x.isoformat() for x in sorted(nearby, key=lambda x: abs((x - due_date).days))[:3])
            raise InputError(f"{d.name} is not due on {due_date.isoformat()}" + (f"; nearest: {near}" if near else ""))
        values = {"status": status, "note": clean(note), "by_user_id": actor.user_id, "at": utcnow()}
        occ = s.scalar(select(DutyOccurrence).where(DutyOccurrence.duty_id == d.id,
                                                    DutyOccurrence.due_date == due_date))
        if occ is None:
            occ = create_record(s, actor, DutyOccurrence(duty_id=d.id, due_date=due_date, **values), "duty_occurrence",
                                summary=f"{d.name} {due_date.isoformat()}: {status}")
        else:
            before = audit.snapshot(occ)
            for k, v in values.items():
                setattr(occ, k, v)
            s.flush()
            audit.record(s, actor.username, "update", "duty_occurrence", occ.id, before=before,
                         after=audit.snapshot(occ), summary=f"{d.name} {due_date.isoformat()}: {status}")
        people = _People(s, due_date)
        return Occurrence(d.id, d.name, d.kind, cadence(d.rrule), due_date, d.start_time, status, people.owner(d),
                          people.deputy(d), actor.username, occ.at, occ.note)


def unmark_occurrence(db: Database, actor: Actor, duty: str | int, due_date: date) -> None:
    """Take back a done/skipped mark (the occurrence is open again)."""
    with db.write(actor, Permission.EDIT, "mark duties done") as s:
        d = _find_duty(s, duty)
        occ = s.scalar(select(DutyOccurrence).where(DutyOccurrence.duty_id == d.id,
                                                    DutyOccurrence.due_date == due_date))
        if occ is None:
            raise NotFound(f"{d.name} on {due_date.isoformat()} is not marked")
        delete_record(s, actor, occ, "duty_occurrence")


# ---------------------------------------------------------------- agenda

def _occurrences(db: Database, first: date, last: date, today: date, *, overdue_floor: bool,
                 since: date | None = None) -> list[Occurrence]:
    with db.read() as s:
        people = _People(s, today)
        users = {u.id: u.username for u in s.scalars(select(AppUser))}
        marks = {(o.duty_id, o.due_date): o for o in s.scalars(
            select(DutyOccurrence).where(DutyOccurrence.due_date >= first, DutyOccurrence.due_date <= last))}
        out = []
        for d in s.scalars(select(Duty).where(Duty.active.is_(True)).order_by(Duty.id)):
            tracked = since or _tracked_from(d)
            lo = max(first, tracked) if overdue_floor else first
            owner, deputy, cad = people.owner(d), people.deputy(d), cadence(d.rrule)
            for day in occurrences(d.rrule, d.start_date, lo, last):
                m = marks.get((d.id, day))
                status = (m.status if m else "open" if day >= today else "overdue" if day >= tracked
                          else "untracked")
                if overdue_floor and status != "overdue":
                    continue
                out.append(Occurrence(d.id, d.name, d.kind, cad, day, d.start_time, status, owner, deputy,
                                      users.get(m.by_user_id) if m else None, m.at if m else None,
                                      m.note if m else None))
        out.sort(key=lambda o: (o.due_date, o.start_time or "", o.duty_id))
        return out


def upcoming(db: Database, today: date, days: int = 14) -> list[Occurrence]:
    """Occurrences from `today` for `days` days (open, done or skipped)."""
    if days < 1:
        raise InputError("days must be at least 1")
    return _occurrences(db, today, today + timedelta(days=days - 1), today, overdue_floor=False)


def between(db: Database, first: date, last: date, today: date, since: date | None = None) -> list[Occurrence]:
    """Occurrences in a date range with their status as of `today` (`since`: see `overdue`)."""
    return _occurrences(db, first, last, today, overdue_floor=False, since=since)


def overdue(db: Database, today: date, lookback_days: int = DEFAULT_LOOKBACK_DAYS,
            since: date | None = None) -> list[Occurrence]:
    """Open occurrences before `today`, within `lookback_days`, and on or after the day each duty was
    added to the app (or on or after `since`, when given)."""
    return _occurrences(db, today - timedelta(days=lookback_days), today - timedelta(days=1), today,
                        overdue_floor=True, since=since)


def agenda(db: Database, today: date, days: int = 14, lookback_days: int = DEFAULT_LOOKBACK_DAYS) -> dict:
    """What the dashboard and `calendar due` show: overdue first, then what is coming."""
    return {"today": today, "overdue": overdue(db, today, lookback_days), "upcoming": upcoming(db, today, days)}


# ---------------------------------------------------------------- iCalendar

def calendar_events(duties: Iterable[DutyInfo]) -> list[ics.Event]:
    """One recurring event per active duty; DTSTART is its first real occurrence (RFC 5545 counts
    DTSTART as an occurrence even when the rule would not produce it)."""
    events = []
    for d in duties:
        first = next_occurrence(d.rrule, d.start_date, d.start_date) if d.active else None
        if first is None:
            continue
        if d.start_time:
            h, m = map(int, d.start_time.split(":"))
            start: date | datetime = datetime.combine(first, time(h, m))  # wall time in ICS_TIMEZONE
            duration = timedelta(minutes=d.duration_minutes or 60)
        else:
            start, duration = first, timedelta(days=1)
        lines = [f"担当: {d.owner or '未設定'}", f"代行: {d.deputy or '未設定'}", f"繰り返し: {d.recurrence}"]
        if d.description:
            lines += ["", d.description]
        events.append(ics.Event(f"duty-{d.id}@ecmanual", d.name, start, description="\n".join(lines),
                                categories=(KIND_JA.get(d.kind, d.kind),), rrule=d.rrule, duration=duration,
                                extra=(("X-ECMANUAL-CADENCE", d.cadence),), transparent=not d.start_time))
    return events


def export_ics(db: Database, actor: Actor, path: str | Path, today: date | None = None) -> dict:
    """Write every active duty to an .ics file, recorded like any export (document id, hash, audit)."""
    from .exports import new_document_id, org_name

    actor.require(Permission.EXPORT, "export the calendar")
    today = today or today_jst()
    events = calendar_events(list_duties(db, on=today, include_inactive=False))
    doc_id = new_document_id()
    stamp = utcnow().replace(microsecond=0)
    target = Path(path).expanduser().absolute()
    if target.suffix.lower() != ".ics":
        target = target.with_suffix(".ics")
    if target.is_dir() or not target.parent.is_dir():
        raise InputError(f"cannot write {target}: give a file in an existing folder", file=str(target))
    facts: dict = {}
    try:
        with db.write(actor, Permission.EXPORT, "export the calendar") as s:
            def record(sha: str, size: int) -> None:
                rec = ExportRecord(document_id=doc_id, kind="calendar", fmt="ics", filename=str(target)[-500:],
                                   sha256=sha, size=size, at=stamp, by_user=actor.username, params={},
                                   personal_data=True)
                s.add(rec)
                s.flush()
                audit.record(s, actor.username, "export", "export_record", rec.id,
                             after={"document_id": doc_id, "kind": "calendar", "fmt": "ics", "file": target.name,
                                    "sha256": sha, "size": size, "events": len(events)},
                             summary=f"exported calendar (ics) {doc_id} sha256 {sha[:16]}")
                facts.update(sha256=sha, size=size)
            try:
                ics.write_ics(events, target, before_commit=record, stamp=stamp, timezone=ICS_TIMEZONE,
                              name=f"{org_name(db) or 'ecmanual'} 業務カレンダー", description=f"ecmanual {doc_id}",
                              extra=[("X-ECMANUAL-DOCUMENT-ID", doc_id)])
            except OSError as exc:
                raise InputError(f"cannot write {target}: {exc}", file=str(target)) from None
    except BaseException:
        if facts:  # written, but the database refused the record: leave no unrecorded file
            target.unlink(missing_ok=True)
        raise
    return {"path": str(target), "document_id": doc_id, "events": len(events), **facts}
