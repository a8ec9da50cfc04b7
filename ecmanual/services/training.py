"""Trainings: courses and who must take them, and completions with score, pass/fail and
evidence (note or attached file).

Reads return plain dataclasses; every change runs in `db.write(actor, EDIT)` and is audited.
The rest of the area: `training_sessions` (sessions, attendees), `training_certs`
(certifications and awards), `training_status` (what is due for whom), `onboarding_templates`
(plan templates), `training_onboarding` (hire, onboarding plans), `offboarding` (leavers'
plans), `training_exports` (files and the .ics calendar).
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..domain import training_rules as rules
from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..importers.values import JST, clean, name_key
from ..persistence.base import utcnow
from ..persistence.models import (
    AppUser, Attachment, Course, CourseAudience, Department, JobRole, OnboardingItem, OnboardingPlan, Staff,
    TrainingRecord, TrainingSession,
)
from . import audit, search
from .context import Actor, Database
from .organisation import find_role, find_staff
from .records import apply_edit, create_record, delete_record, get_record

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
COURSE_FIELDS = ("name", "name_en", "category", "mandatory", "audience_all", "recurrence", "interval_months",
                 "fixed_months", "on_hire_days", "validity_months", "frequency_label", "description", "topics",
                 "materials", "owner_role_id", "content_updated_on")


def as_date(value: date | str | None, what: str = "date") -> date | None:
    """A date from a date or YYYY-MM-DD text."""
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.astimezone(JST).date() if value.tzinfo else value.date()
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{what}: not a date (YYYY-MM-DD): {value}") from None


def as_local_time(value: datetime | str) -> datetime:
    """An aware datetime; naive values and text are Japan time."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"not a date and time (YYYY-MM-DD HH:MM): {value}") from None
    return value if value.tzinfo else value.replace(tzinfo=JST)


def local_date(moment: datetime) -> date:
    return moment.astimezone(JST).date()


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(), JST)


# ---------------------------------------------------------------- lookups

def find_course(s: Session, ref: str | int) -> Course:
    text = str(ref).strip()
    if text.lstrip("#").isdigit():
        return get_record(s, Course, int(text.lstrip("#")), "course")
    k = name_key(text)
    for c in s.scalars(select(Course)):
        if name_key(c.name) == k or (c.name_en and name_key(c.name_en) == k):
            return c
    raise NotFound(f"no course named {text!r}")


def find_department(s: Session, ref: str | int) -> Department:
    text = str(ref).strip()
    if text.lstrip("#").isdigit():
        return get_record(s, Department, int(text.lstrip("#")), "department")
    k = name_key(text)
    for d in s.scalars(select(Department)):
        if name_key(d.name) == k or (d.name_en and name_key(d.name_en) == k):
            return d
    raise NotFound(f"no department named {text!r}")


def user_names(s: Session) -> dict[int, str]:
    return {uid: display or name for uid, name, display in
            s.execute(select(AppUser.id, AppUser.username, AppUser.display_name))}


# ---------------------------------------------------------------- courses

@dataclass(frozen=True)
class CourseInfo:
    """A course, its rule and its audience (department and role names)."""

    id: int
    name: str
    name_en: str | None
    category: str | None
    mandatory: bool
    audience_all: bool
    departments: tuple[str, ...]
    roles: tuple[str, ...]
    recurrence: str
    interval_months: int | None
    fixed_months: str | None
    on_hire_days: int | None
    validity_months: int | None
    frequency_label: str | None
    description: str | None
    topics: str | None
    materials: str | None
    owner_role: str | None
    content_updated_on: date | None
    version: int

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def audience_text(self) -> str:
        return "全員" if self.audience_all else "、".join([*self.departments, *self.roles]) or "—"


def _course_info(s: Session, c: Course, parts: list | None = None, deps: dict[int, str] | None = None,
                 roles: dict[int, str] | None = None) -> CourseInfo:
    """`parts` (audience department/role ids), `deps` and `roles` are read here unless given."""
    if parts is None:
        parts = s.execute(select(CourseAudience.department_id, CourseAudience.job_role_id)
                          .where(CourseAudience.course_id == c.id).order_by(CourseAudience.id)).all()
    if deps is None:
        deps = dict(s.execute(select(Department.id, Department.name)).all())
    if roles is None:
        roles = dict(s.execute(select(JobRole.id, JobRole.name)).all())
    return CourseInfo(c.id, c.name, c.name_en, c.category, c.mandatory, c.audience_all,
                      tuple(deps[d] for d, _ in parts if d in deps), tuple(roles[r] for _, r in parts if r in roles),
                      c.recurrence, c.interval_months, c.fixed_months, c.on_hire_days, c.validity_months,
                      c.frequency_label, c.description, c.topics, c.materials, roles.get(c.owner_role_id),
                      c.content_updated_on, c.version)


def list_courses(db: Database, actor: Actor) -> list[CourseInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        deps = dict(s.execute(select(Department.id, Department.name)).all())
        roles = dict(s.execute(select(JobRole.id, JobRole.name)).all())
        parts: dict[int, list] = {}
        for course_id, department_id, role_id in s.execute(
                select(CourseAudience.course_id, CourseAudience.department_id, CourseAudience.job_role_id)
                .order_by(CourseAudience.id)):
            parts.setdefault(course_id, []).append((department_id, role_id))
        return [_course_info(s, c, parts.get(c.id, []), deps, roles)
                for c in s.scalars(select(Course).order_by(Course.mandatory.desc(), Course.id))]


def get_course(db: Database, actor: Actor, ref: str | int) -> CourseInfo:
    actor.require(Permission.VIEW)
    with db.read() as s:
        return _course_info(s, find_course(s, ref))


def _check_course(s: Session, values: dict[str, Any], course_id: int | None = None) -> dict[str, Any]:
    if "name" in values:
        values["name"] = clean(values["name"])
        if not values["name"]:
            raise InputError("course: the name is empty")
        q = select(Course.id).where(Course.name == values["name"])
        if course_id is not None:
            q = q.where(Course.id != course_id)
        if s.scalar(q) is not None:
            raise InputError(f"a course named {values['name']!r} already exists")
    if "owner_role" in values:
        owner = values.pop("owner_role")
        values["owner_role_id"] = find_role(s, owner).id if owner else None
    if "content_updated_on" in values:
        values["content_updated_on"] = as_date(values["content_updated_on"], "content updated on")
    for key in ("interval_months", "on_hire_days", "validity_months"):
        if values.get(key) is not None and int(values[key]) < 0:
            raise InputError(f"course: {key} cannot be negative")
    return values


def _validate_rule(c: Course) -> None:
    try:
        rules.Rule.of(c)
    except ValueError as exc:
        raise InputError(f"course {c.name}: {exc}") from None


def _set_audience(s: Session, actor: Actor, c: Course, departments, roles) -> bool:
    """Replace the course's department/role audience; True when it changed (audited)."""
    keys: dict[str, dict] = {}
    for ref in departments or ():
        d = find_department(s, ref)
        keys[f"d:{d.id}"] = {"department_id": d.id}
    for ref in roles or ():
        r = find_role(s, ref)
        keys[f"r:{r.id}"] = {"job_role_id": r.id}
    old = {a.party_key: a for a in s.scalars(select(CourseAudience).where(CourseAudience.course_id == c.id))}
    if set(old) == set(keys):
        return False
    for key in set(old) - set(keys):
        s.delete(old[key])
    for key in set(keys) - set(old):
        s.add(CourseAudience(course_id=c.id, party_key=key, **keys[key]))
    s.flush()
    audit.record(s, actor.username, "update", "course_audience", c.id, before=sorted(old), after=sorted(keys),
                 summary=f"{c.name}: audience changed")
    return True


def create_course(db: Database, actor: Actor, name: str, *, recurrence: str, departments=(), roles=(),
                  **fields) -> CourseInfo:
    """Add a course; `departments`/`roles` name its audience (or `audience_all=True`)."""
    unknown = set(fields) - set(COURSE_FIELDS) - {"owner_role"}
    if unknown:
        raise InputError(f"course: unknown fields {', '.join(sorted(unknown))}")
    with db.write(actor, Permission.EDIT, "add courses") as s:
        values = _check_course(s, {"name": name, "recurrence": recurrence, **fields})
        c = Course(**values)
        _validate_rule(c)
        create_record(s, actor, c, "course", summary=c.name)
        _set_audience(s, actor, c, departments, roles)
        search.index_record(s, "course", c.id)
        return _course_info(s, c)


def update_course(db: Database, actor: Actor, ref: str | int, *, expected_version: int | None = None,
                  departments=None, roles=None, **changes) -> CourseInfo:
    """Change a course; give `departments` and/or `roles` to replace its audience. Past
    completions are kept whatever changes: requirements are worked out from the rules anew."""
    with db.write(actor, Permission.EDIT, "edit courses") as s:
        c = find_course(s, ref)
        changes = _check_course(s, dict(changes), c.id)
        apply_edit(s, actor, c, "course", changes, COURSE_FIELDS, expected_version)
        _validate_rule(c)
        if departments is not None or roles is not None:
            current = _course_info(s, c)
            _set_audience(s, actor, c, current.departments if departments is None else departments,
                          current.roles if roles is None else roles)
        search.index_record(s, "course", c.id)
        return _course_info(s, c)


def mark_content_updated(db: Database, actor: Actor, ref: str | int, on: date | str) -> CourseInfo:
    """The course material changed on `on`: completions before it become stale (on_update courses)."""
    return update_course(db, actor, ref, content_updated_on=as_date(on, "update date"))


def delete_course(db: Database, actor: Actor, ref: str | int) -> None:
    """Remove a course nobody has completed; one with records is kept as history."""
    with db.write(actor, Permission.EDIT, "delete courses") as s:
        c = find_course(s, ref)
        if s.scalar(select(TrainingRecord.id).where(TrainingRecord.course_id == c.id).limit(1)):
            raise InputError(f"{c.name} has completion records; it is kept as history and cannot be deleted")
        s.execute(delete(CourseAudience).where(CourseAudience.course_id == c.id))
        delete_record(s, actor, c, "course")
        search.remove_record(s, "course", c.id)


# ---------------------------------------------------------------- completions

@dataclass(frozen=True)
class CompletionInfo:
    """A completion record: who, which course, when, result, evidence and who recorded it."""

    id: int
    course_id: int
    course: str
    staff_id: int
    staff: str
    completed_on: date
    score: float | None
    passed: bool
    evidence_note: str | None
    attachment_id: int | None
    attachment_name: str | None
    session_id: int | None
    recorded_by: str | None
    recorded_at: datetime
    renewed: tuple[str, ...] = field(default=())  # certifications re-issued by this completion

    def as_dict(self) -> dict:
        return asdict(self)


def _completion_info(s: Session, r: TrainingRecord, names: dict[int, str] | None = None,
                     renewed: tuple[str, ...] = ()) -> CompletionInfo:
    names = names if names is not None else user_names(s)
    att = s.get(Attachment, r.attachment_id) if r.attachment_id else None
    return CompletionInfo(r.id, r.course_id, s.get(Course, r.course_id).name, r.staff_id, s.get(Staff, r.staff_id).name,
                          r.completed_on, r.score, r.passed, r.evidence_note, r.attachment_id,
                          att.filename if att else None, r.session_id, names.get(r.recorded_by_user_id),
                          r.created_at, renewed)


def _attach(s: Session, actor: Actor, path: str | Path, entity: str, entity_id: int) -> Attachment:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no file at {path}", file=str(path))
    data = path.read_bytes()
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise InputError(f"{path.name} is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB", file=str(path))
    att = Attachment(entity=entity, entity_id=entity_id, filename=path.name[-255:],
                     mime=mimetypes.guess_type(path.name)[0], sha256=hashlib.sha256(data).hexdigest(), data=data,
                     created_at=utcnow(), created_by_user_id=actor.user_id)
    s.add(att)
    s.flush()
    audit.record(s, actor.username, "create", "attachment", att.id,
                 after={"entity": entity, "entity_id": entity_id, "filename": att.filename, "sha256": att.sha256,
                        "size": len(data)}, summary=att.filename)
    return att


def _record(s: Session, actor: Actor, p: Staff, c: Course, completed_on: date, *, score=None, passed=True,
            evidence_note=None, attachment=None, session_id=None) -> tuple[TrainingRecord, tuple[str, ...]]:
    """Store one completion and what follows from it (inside the caller's transaction)."""
    if completed_on is None:
        raise InputError("a completion needs a date")
    r = TrainingRecord(course_id=c.id, staff_id=p.id, completed_on=completed_on, score=score, passed=bool(passed),
                       evidence_note=clean(evidence_note, multiline=True) or None, session_id=session_id,
                       recorded_by_user_id=actor.user_id)
    create_record(s, actor, r, "training_record", summary=f"{p.name}: {c.name} {completed_on}"
                  + ("" if passed else " (not passed)"))
    if attachment is not None:
        r.attachment_id = _attach(s, actor, attachment, "training_record", r.id).id
        s.flush()
    renewed: tuple[str, ...] = ()
    if r.passed:
        from .training_certs import renew_certifications

        renewed = renew_certifications(s, actor, p, c, completed_on)
        _tick_plan_items(s, actor, p, c, completed_on)
    return r, renewed


def record_completion(db: Database, actor: Actor, person: str | int, course: str | int, completed_on: date | str, *,
                      score: float | None = None, passed: bool = True, evidence_note: str | None = None,
                      attachment: str | Path | None = None, session_id: int | None = None) -> CompletionInfo:
    """Record that a person completed (or failed) a course on a date, with optional evidence.

    A passing completion re-issues the person's current awards of certifications tied to the
    course (a renewal with the new date) and ticks their open onboarding items for it.
    """
    with db.write(actor, Permission.EDIT, "record training completions") as s:
        p, c = find_staff(s, person), find_course(s, course)
        if session_id is not None:
            get_record(s, TrainingSession, session_id, "session")
        r, renewed = _record(s, actor, p, c, as_date(completed_on, "completion date"), score=score, passed=passed,
                             evidence_note=evidence_note, attachment=attachment, session_id=session_id)
        return _completion_info(s, r, renewed=renewed)


def delete_completion(db: Database, actor: Actor, record_id: int) -> None:
    """Remove a completion entered by mistake (the audit trail keeps what it was)."""
    with db.write(actor, Permission.EDIT, "delete training completions") as s:
        delete_record(s, actor, get_record(s, TrainingRecord, record_id, "training record"), "training_record")


def completions_of(db: Database, actor: Actor, person: str | int) -> list[CompletionInfo]:
    """A person's training history, newest first (kept whatever their role or department)."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        p = find_staff(s, person)
        names = user_names(s)
        q = (select(TrainingRecord).where(TrainingRecord.staff_id == p.id)
             .order_by(TrainingRecord.completed_on.desc(), TrainingRecord.id.desc()))
        return [_completion_info(s, r, names) for r in s.scalars(q)]


def attachment_file(db: Database, actor: Actor, attachment_id: int) -> tuple[str, bytes]:
    """(file name, content) of an evidence file."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        att = get_record(s, Attachment, attachment_id, "attachment")
        return att.filename, att.data


def _tick_plan_items(s: Session, actor: Actor, p: Staff, c: Course, on: date) -> None:
    items = s.scalars(select(OnboardingItem).join(OnboardingPlan, OnboardingPlan.id == OnboardingItem.plan_id)
                      .where(OnboardingPlan.staff_id == p.id, OnboardingPlan.status == "open",
                             OnboardingItem.course_id == c.id, OnboardingItem.done_at.is_(None))).all()
    for item in items:
        apply_edit(s, actor, item, "onboarding_item", {"done_at": day_start(on), "done_by_user_id": actor.user_id},
                   ("done_at", "done_by_user_id"))
    if items:
        from .training_onboarding import refresh_plan_status

        for plan_id in {i.plan_id for i in items}:
            refresh_plan_status(s, actor, s.get(OnboardingPlan, plan_id))
