"""The requirements engine: which courses and certifications each person needs, and where
they stand on a given day.

Nothing here is stored: requirements are worked out from the person's department and current
job roles (holder or deputy), each course's audience and rule, and the completion and award
history. So changing a role, a department or a course's audience changes the requirements at
once, and no completion is ever lost. Leavers need nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import training_rules as rules
from ..domain.permissions import Permission
from ..persistence.models import (
    Certification, CertificationAward, Course, CourseAudience, Department, JobRole, RoleAssignment, Staff,
    TrainingRecord,
)
from .context import Actor, CancelFlag, Database, ProgressFn, no_progress
from .organisation import find_staff, is_current
from .records import today_jst

logger = logging.getLogger(__name__)

ATTENTION = (rules.OVERDUE, rules.EXPIRED, rules.DUE_SOON)


@dataclass(frozen=True)
class Requirement:
    """One course or certification for one person, with its status on the day asked."""

    key: str                 # "c:<course id>" or "x:<certification id>"
    kind: str                # course | certification
    ref_id: int
    name: str
    mandatory: bool
    status: str
    due_on: date | None
    last_completed: date | None
    valid_until: date | None
    reason: str | None
    via: tuple[str, ...]     # why it applies: 全員, the department, the role names
    frequency: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class MatrixColumn:
    """A requirement column of the compliance matrix."""

    key: str
    kind: str
    ref_id: int
    name: str
    mandatory: bool
    frequency: str | None


@dataclass(frozen=True)
class MatrixCell:
    status: str
    due_on: date | None
    last_completed: date | None
    valid_until: date | None


@dataclass(frozen=True)
class MatrixRow:
    """A person and one cell per matrix column."""

    staff_id: int
    name: str
    kana: str | None
    department_id: int | None
    department: str | None
    roles: tuple[str, ...]
    hire_date: date | None
    cells: tuple[MatrixCell, ...]

    @property
    def statuses(self) -> set[str]:
        return {c.status for c in self.cells}

    @property
    def worst(self) -> str | None:
        return rules.worst(c.status for c in self.cells if c.status != rules.NOT_APPLICABLE)


@dataclass
class Matrix:
    """People x requirements on `today`; `window_days` is what counts as due soon."""

    today: date
    window_days: int
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    departments: list[tuple[int, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(rules.STATUSES, 0)
        for row in self.rows:
            for cell in row.cells:
                out[cell.status] += 1
        return out


class Facts:
    """Everything the rules need, read once in one session (one person or everybody)."""

    def __init__(self, s: Session, today: date, *, staff_ids: Iterable[int] | None = None, include_left: bool = False):
        self.today = today
        self.courses = list(s.scalars(select(Course).order_by(Course.mandatory.desc(), Course.id)))
        self.rules = {c.id: rules.Rule.of(c) for c in self.courses}
        self.certs = list(s.scalars(select(Certification).order_by(Certification.id)))
        self.audience: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
        for a in s.scalars(select(CourseAudience)):
            deps, roles_ = self.audience[a.course_id]
            if a.department_id:
                deps.add(a.department_id)
            if a.job_role_id:
                roles_.add(a.job_role_id)
        self.departments = {d.id: d.name for d in s.scalars(select(Department).order_by(Department.sort_order,
                                                                                         Department.id))}
        self.role_names = {r.id: r.name for r in s.scalars(select(JobRole))}
        q = select(Staff).order_by(Staff.kana.is_(None), Staff.kana, Staff.name, Staff.id)
        ids = list(staff_ids) if staff_ids is not None else None
        if ids is not None:
            q = q.where(Staff.id.in_(ids))
        elif not include_left:
            q = q.where(Staff.status != "left")
        self.staff = list(s.scalars(q))
        wanted = {p.id for p in self.staff}
        # Current assignments: staff id -> [(role id, start date)]
        self.roles: dict[int, list[tuple[int, date | None]]] = defaultdict(list)
        for a in s.scalars(select(RoleAssignment)):
            if a.staff_id in wanted and is_current(a, today):
                self.roles[a.staff_id].append((a.job_role_id, a.start_date))
        self.done: dict[tuple[int, int], list[date]] = defaultdict(list)
        rq = select(TrainingRecord.staff_id, TrainingRecord.course_id, TrainingRecord.completed_on).where(
            TrainingRecord.passed.is_(True))
        if ids is not None:
            rq = rq.where(TrainingRecord.staff_id.in_(ids))
        for staff_id, course_id, on in s.execute(rq):
            if staff_id in wanted:
                self.done[(staff_id, course_id)].append(on)
        self.awards: dict[tuple[int, int], tuple[date, date | None]] = {}
        aq = select(CertificationAward).where(CertificationAward.superseded_by_id.is_(None))
        if ids is not None:
            aq = aq.where(CertificationAward.staff_id.in_(ids))
        for a in s.scalars(aq.order_by(CertificationAward.issued_on)):
            if a.staff_id in wanted:
                self.awards[(a.staff_id, a.certification_id)] = (a.issued_on, a.expires_on)

    def via(self, course: Course, p: Staff) -> tuple[str, ...]:
        """Why a course applies to a person (empty: it does not)."""
        if p.status == "left":
            return ()
        if course.audience_all:
            return ("全員",)
        deps, roles_ = self.audience.get(course.id, (set(), set()))
        out = [self.departments[p.department_id]] if p.department_id in deps else []
        out += [self.role_names[r] for r, _ in self.roles.get(p.id, ()) if r in roles_]
        return tuple(dict.fromkeys(out))

    def course_status(self, course: Course, p: Staff, window_days: int) -> tuple[rules.Status, tuple[str, ...]]:
        via = self.via(course, p)
        status = rules.evaluate(self.rules[course.id], self.done.get((p.id, course.id), ()), self.today,
                                hire_date=p.hire_date, window_days=window_days, applicable=bool(via),
                                mandatory=course.mandatory)
        return status, via

    def cert_status(self, cert: Certification, p: Staff, window_days: int) -> tuple[rules.Status, tuple[str, ...]]:
        award = self.awards.get((p.id, cert.id))
        holding = [since for r, since in self.roles.get(p.id, ()) if r == cert.required_for_role_id]
        if p.status == "left":
            via: tuple[str, ...] = ()
        elif holding:
            via = (self.role_names[cert.required_for_role_id],)
        else:
            via = ("取得済み",) if award else ()  # held without being required: its expiry still matters
        since = min((d for d in holding if d), default=p.hire_date)
        status = rules.evaluate_certification(award[0] if award else None, award[1] if award else None, self.today,
                                              required_since=since, window_days=window_days, applicable=bool(via))
        return status, via

    def requirements(self, p: Staff, window_days: int, include_optional: bool = True) -> list[Requirement]:
        out = []
        for c in self.courses:
            if not c.mandatory and not include_optional:
                continue
            st, via = self.course_status(c, p, window_days)
            out.append(Requirement(f"c:{c.id}", "course", c.id, c.name, c.mandatory, st.status, st.due_on,
                                   st.last_completed, st.valid_until, st.reason, via, c.frequency_label))
        for cert in self.certs:
            st, via = self.cert_status(cert, p, window_days)
            out.append(Requirement(f"x:{cert.id}", "certification", cert.id, cert.name, True, st.status, st.due_on,
                                   st.last_completed, st.valid_until, st.reason, via, "認定"))
        return out


def person_requirements(db: Database, actor: Actor, person: str | int, today: date | None = None, *,
                        window_days: int = rules.DEFAULT_WINDOW_DAYS, include_optional: bool = True) -> list[Requirement]:
    """Every course and certification and its status for one person (not applicable ones too)."""
    actor.require(Permission.VIEW)
    today = today or today_jst()
    with db.read() as s:
        p = find_staff(s, person)
        facts = Facts(s, today, staff_ids=[p.id])
        return facts.requirements(facts.staff[0], window_days, include_optional)


def compliance_matrix(db: Database, actor: Actor, today: date | None = None, *,
                      window_days: int = rules.DEFAULT_WINDOW_DAYS, include_optional: bool = False,
                      include_left: bool = False, progress: ProgressFn | None = None,
                      cancel: CancelFlag | None = None) -> Matrix:
    """People (leavers left out) x mandatory courses and certifications (optional courses on request)."""
    actor.require(Permission.VIEW)
    today = today or today_jst()
    progress = progress or no_progress
    with db.read() as s:
        facts = Facts(s, today, include_left=include_left)
        courses = [c for c in facts.courses if c.mandatory or include_optional]
        columns = [MatrixColumn(f"c:{c.id}", "course", c.id, c.name, c.mandatory, c.frequency_label) for c in courses]
        columns += [MatrixColumn(f"x:{x.id}", "certification", x.id, x.name, True, "認定") for x in facts.certs]
        rows = []
        total = len(facts.staff)
        for n, p in enumerate(facts.staff):
            if cancel and not n % 50:
                cancel.check()
            cells = []
            for c in courses:
                st, _ = facts.course_status(c, p, window_days)
                cells.append(MatrixCell(st.status, st.due_on, st.last_completed, st.valid_until))
            for x in facts.certs:
                st, _ = facts.cert_status(x, p, window_days)
                cells.append(MatrixCell(st.status, st.due_on, st.last_completed, st.valid_until))
            rows.append(MatrixRow(p.id, p.name, p.kana, p.department_id, facts.departments.get(p.department_id),
                                  tuple(facts.role_names[r] for r, _ in facts.roles.get(p.id, ())), p.hire_date,
                                  tuple(cells)))
            if not n % 100:
                progress(n, total, "")
        progress(total, total, "")
        return Matrix(today, window_days, columns, rows, list(facts.departments.items()))


@dataclass(frozen=True)
class DueItem:
    """Something a person must do soon or is late with (reminders, calendar, dashboard)."""

    staff_id: int
    staff: str
    department: str | None
    key: str
    kind: str
    name: str
    status: str
    due_on: date | None

    def as_dict(self) -> dict:
        return asdict(self)


def due_from(matrix: Matrix) -> list[DueItem]:
    """The matrix cells that are overdue, expired or due within the window, soonest first."""
    out = [DueItem(row.staff_id, row.name, row.department, col.key, col.kind, col.name, cell.status, cell.due_on)
           for row in matrix.rows for col, cell in zip(matrix.columns, row.cells) if cell.status in ATTENTION]
    return sorted(out, key=lambda d: (d.due_on or date.min, rules.SEVERITY[d.status], d.staff, d.name))


def due_items(db: Database, actor: Actor, today: date | None = None, *,
              window_days: int = rules.DEFAULT_WINDOW_DAYS) -> list[DueItem]:
    """Mandatory requirements that are overdue, expired or due within the window (reminders)."""
    return due_from(compliance_matrix(db, actor, today, window_days=window_days))


def summarize(matrix: Matrix) -> dict[str, int]:
    """What the dashboard shows: late and soon-due mandatory trainings, expiring certifications."""
    counts = dict.fromkeys(("overdue", "expired", "due_soon", "certifications_expiring", "certifications_expired",
                            "people_behind"), 0)
    for row in matrix.rows:
        behind = False
        for col, cell in zip(matrix.columns, row.cells):
            if col.kind == "certification":
                if cell.status == rules.DUE_SOON and cell.valid_until:
                    counts["certifications_expiring"] += 1
                elif cell.status == rules.EXPIRED:
                    counts["certifications_expired"] += 1
                elif cell.status == rules.OVERDUE:
                    counts["overdue"] += 1
                    behind = True
                elif cell.status == rules.DUE_SOON:
                    counts["due_soon"] += 1
            elif cell.status in (rules.OVERDUE, rules.EXPIRED, rules.DUE_SOON):
                counts[cell.status] += 1
                behind = behind or cell.status != rules.DUE_SOON
        counts["people_behind"] += behind
    counts["window_days"] = matrix.window_days
    counts["people"] = len(matrix.rows)
    return counts


def dashboard_counts(db: Database, actor: Actor, today: date | None = None, *,
                     window_days: int = rules.DEFAULT_WINDOW_DAYS) -> dict[str, int]:
    """`summarize` of today's matrix: overdue, expired, due soon, certifications expiring …"""
    return summarize(compliance_matrix(db, actor, today, window_days=window_days))
