"""Organisation: departments, staff, job roles and role assignments.

Reads return plain dataclasses; every change goes through `db.write(actor, EDIT)` and the
audit writer. The staff import is in `staff_import`, leavers and who does what in
`responsibilities`, the shared record helpers in `records`.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import jaconv
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..importers.values import ValueProblem, clean, name_key, parse_email
from ..persistence.models import Department, JobRole, RoleAssignment, Staff
from .context import Actor, Database
# The record helpers live in `records`; inventory.py, reviews.py, review_remediation.py and
# ui/views/reviews.py still import some of them from here (they are used here too).
from .records import (
    apply_edit, create_record, delete_record, get_record, require_name, require_unique_name, today_jst,
)

logger = logging.getLogger(__name__)

STAFF_STATUSES = ("active", "leave", "left")
ASSIGNMENT_KINDS = ("holder", "deputy")


# ---------------------------------------------------------------- departments

@dataclass(frozen=True)
class DepartmentInfo:
    """A department as plain data."""

    id: int
    name: str
    name_en: str | None
    description: str | None
    parent_id: int | None
    sort_order: int
    version: int


def _dep_info(d: Department) -> DepartmentInfo:
    return DepartmentInfo(d.id, d.name, d.name_en, d.description, d.parent_id, d.sort_order, d.version)


def list_departments(db: Database) -> list[DepartmentInfo]:
    with db.read() as s:
        return [_dep_info(d) for d in s.scalars(select(Department).order_by(Department.sort_order, Department.id))]


def create_department(db: Database, actor: Actor, name: str, *, name_en: str | None = None,
                      description: str | None = None, parent_id: int | None = None, sort_order: int = 0) -> DepartmentInfo:
    with db.write(actor, Permission.EDIT, "add departments") as s:
        name = require_name(name, "department")
        require_unique_name(s, Department, name, "department")
        if parent_id is not None:
            get_record(s, Department, parent_id, "department")
        d = create_record(s, actor, Department(name=name, name_en=clean(name_en), description=description,
                                         parent_id=parent_id, sort_order=sort_order), "department")
        return _dep_info(d)


DEPARTMENT_FIELDS = ("name", "name_en", "description", "parent_id", "sort_order")


def update_department(db: Database, actor: Actor, department_id: int, *, expected_version: int | None = None,
                      **changes) -> DepartmentInfo:
    with db.write(actor, Permission.EDIT, "edit departments") as s:
        d = get_record(s, Department, department_id, "department")
        if "name" in changes:
            changes["name"] = require_name(changes["name"], "department")
            require_unique_name(s, Department, changes["name"], "department", exclude=d.id)
        if changes.get("parent_id") == d.id:
            raise InputError("a department cannot be its own parent")
        apply_edit(s, actor, d, "department", changes, DEPARTMENT_FIELDS, expected_version)
        return _dep_info(d)


def delete_department(db: Database, actor: Actor, department_id: int) -> None:
    with db.write(actor, Permission.EDIT, "delete departments") as s:
        delete_record(s, actor, get_record(s, Department, department_id, "department"), "department")


# ---------------------------------------------------------------- staff

@dataclass(frozen=True)
class StaffInfo:
    """A person as plain data (department by id and name)."""

    id: int
    name: str
    kana: str | None
    email: str | None
    department_id: int | None
    department: str | None
    manager_id: int | None
    employment_type: str | None
    status: str
    hire_date: date | None
    leave_date: date | None
    notes: str | None
    version: int

    def as_dict(self) -> dict:
        return asdict(self)


def staff_info(p: Staff) -> StaffInfo:
    return StaffInfo(p.id, p.name, p.kana, p.email, p.department_id, p.department.name if p.department else None,
                     p.manager_id, p.employment_type, p.status, p.hire_date, p.leave_date, p.notes, p.version)


def list_staff(db: Database, *, include_left: bool = True) -> list[StaffInfo]:
    with db.read() as s:
        q = select(Staff).order_by(Staff.kana.is_(None), Staff.kana, Staff.name, Staff.id)
        if not include_left:
            q = q.where(Staff.status != "left")
        return [staff_info(p) for p in s.scalars(q)]


def find_staff(s: Session, name_or_id: str | int) -> Staff:
    """A person by id (12 or #12), email, or unique name (spaces and width ignored)."""
    text = str(name_or_id).strip()
    if text.lstrip("#").isdigit():
        return get_record(s, Staff, int(text.lstrip("#")), "staff member")
    if "@" in text:
        p = s.scalar(select(Staff).where(Staff.email == text.lower()))
        if p is None:
            raise NotFound(f"no staff member with email {text}")
        return p
    k = name_key(text)
    found = [p for p in s.scalars(select(Staff)) if name_key(p.name) == k or (p.kana and name_key(p.kana) == k)]
    if not found:
        raise NotFound(f"no staff member named {text!r}")
    if len(found) > 1:
        raise InputError(f"{text!r} names several staff members: "
                         + ", ".join(f"#{p.id} {p.name} ({p.email or 'no email'})" for p in found)
                         + "; use the id or the email")
    return found[0]


def get_staff(db: Database, name_or_id: str | int) -> StaffInfo:
    with db.read() as s:
        return staff_info(find_staff(s, name_or_id))


STAFF_FIELDS_EDITABLE = ("name", "kana", "email", "department_id", "manager_id", "employment_type", "status",
                         "hire_date", "leave_date", "notes")


def check_staff(s: Session, values: dict[str, Any], staff_id: int | None = None) -> dict[str, Any]:
    if "name" in values:
        values["name"] = require_name(values["name"], "staff member")
    if "kana" in values:  # katakana, as the import stores it
        values["kana"] = jaconv.hira2kata(clean(values["kana"]) or "") or None
    if values.get("email") is not None:
        try:
            values["email"] = parse_email(values["email"])
        except ValueProblem as exc:
            raise InputError(str(exc)) from None
        q = select(Staff.id).where(Staff.email == values["email"])
        if staff_id is not None:
            q = q.where(Staff.id != staff_id)
        if s.scalar(q) is not None:
            raise InputError(f"another staff member already has the email {values['email']}")
    if "status" in values and values["status"] not in STAFF_STATUSES:
        raise InputError(f"status must be one of {', '.join(STAFF_STATUSES)}")
    if values.get("department_id") is not None:
        get_record(s, Department, values["department_id"], "department")
    if values.get("manager_id") is not None:
        get_record(s, Staff, values["manager_id"], "staff member")
        if values["manager_id"] == staff_id:
            raise InputError("a person cannot be their own manager")
    return values


def create_staff(db: Database, actor: Actor, name: str, **fields) -> StaffInfo:
    unknown = set(fields) - set(STAFF_FIELDS_EDITABLE)
    if unknown:
        raise InputError(f"staff: unknown fields {', '.join(sorted(unknown))}")
    with db.write(actor, Permission.EDIT, "add staff") as s:
        values = check_staff(s, {"name": name, **fields})
        p = create_record(s, actor, Staff(**values), "staff")
        return staff_info(p)


def update_staff(db: Database, actor: Actor, staff_id: int, *, expected_version: int | None = None,
                 **changes) -> StaffInfo:
    with db.write(actor, Permission.EDIT, "edit staff") as s:
        p = get_record(s, Staff, staff_id, "staff member")
        apply_edit(s, actor, p, "staff", check_staff(s, changes, p.id), STAFF_FIELDS_EDITABLE, expected_version)
        return staff_info(p)


def delete_staff(db: Database, actor: Actor, staff_id: int) -> None:
    """Remove a person entered by mistake; leavers are kept with `record_leave` instead."""
    with db.write(actor, Permission.EDIT, "delete staff") as s:
        delete_record(s, actor, get_record(s, Staff, staff_id, "staff member"), "staff")


# ---------------------------------------------------------------- job roles and assignments

@dataclass(frozen=True)
class JobRoleInfo:
    """A job role with the names of its current holders and deputies."""

    id: int
    name: str
    name_en: str | None
    description: str | None
    department_id: int | None
    sort_order: int
    version: int
    holders: tuple[str, ...] = ()
    deputies: tuple[str, ...] = ()


@dataclass(frozen=True)
class AssignmentInfo:
    """A person holding or deputising a job role over a period."""

    id: int
    job_role_id: int
    role: str
    staff_id: int
    staff: str
    kind: str
    start_date: date | None
    end_date: date | None


def is_current(a: RoleAssignment, on: date) -> bool:
    """Assigned on that day (start and end dates inclusive; open ends count)."""
    return (a.start_date is None or a.start_date <= on) and (a.end_date is None or a.end_date >= on)


def current_assignments(s: Session, on: date, **where) -> list[tuple[RoleAssignment, JobRole, Staff]]:
    q = (select(RoleAssignment, JobRole, Staff).join(JobRole, RoleAssignment.job_role_id == JobRole.id)
         .join(Staff, RoleAssignment.staff_id == Staff.id).order_by(JobRole.sort_order, JobRole.id, RoleAssignment.id))
    for column, value in where.items():
        q = q.where(getattr(RoleAssignment, column) == value)
    return [(a, r, p) for a, r, p in s.execute(q) if is_current(a, on)]


def list_job_roles(db: Database, on: date | None = None) -> list[JobRoleInfo]:
    on = on or today_jst()
    with db.read() as s:
        people: dict[tuple[int, str], list[str]] = {}
        for a, _r, p in current_assignments(s, on):
            people.setdefault((a.job_role_id, a.kind), []).append(p.name)
        return [JobRoleInfo(r.id, r.name, r.name_en, r.description, r.department_id, r.sort_order, r.version,
                            tuple(people.get((r.id, "holder"), ())), tuple(people.get((r.id, "deputy"), ())))
                for r in s.scalars(select(JobRole).order_by(JobRole.sort_order, JobRole.id))]


JOB_ROLE_FIELDS = ("name", "name_en", "description", "department_id", "sort_order")


def create_job_role(db: Database, actor: Actor, name: str, *, name_en: str | None = None,
                    description: str | None = None, department_id: int | None = None, sort_order: int = 0) -> JobRoleInfo:
    with db.write(actor, Permission.EDIT, "add job roles") as s:
        name = require_name(name, "job role")
        require_unique_name(s, JobRole, name, "job role")
        if department_id is not None:
            get_record(s, Department, department_id, "department")
        r = create_record(s, actor, JobRole(name=name, name_en=clean(name_en), description=description,
                                      department_id=department_id, sort_order=sort_order), "job_role")
        return JobRoleInfo(r.id, r.name, r.name_en, r.description, r.department_id, r.sort_order, r.version)


def update_job_role(db: Database, actor: Actor, role_id: int, *, expected_version: int | None = None,
                    **changes) -> JobRoleInfo:
    with db.write(actor, Permission.EDIT, "edit job roles") as s:
        r = get_record(s, JobRole, role_id, "job role")
        if "name" in changes:
            changes["name"] = require_name(changes["name"], "job role")
            require_unique_name(s, JobRole, changes["name"], "job role", exclude=r.id)
        apply_edit(s, actor, r, "job_role", changes, JOB_ROLE_FIELDS, expected_version)
        return JobRoleInfo(r.id, r.name, r.name_en, r.description, r.department_id, r.sort_order, r.version)


def delete_job_role(db: Database, actor: Actor, role_id: int) -> None:
    with db.write(actor, Permission.EDIT, "delete job roles") as s:
        delete_record(s, actor, get_record(s, JobRole, role_id, "job role"), "job_role")


def find_role(s: Session, role: str | int) -> JobRole:
    text = str(role).strip()
    if text.lstrip("#").isdigit():
        return get_record(s, JobRole, int(text.lstrip("#")), "job role")
    k = name_key(text)
    for r in s.scalars(select(JobRole)):
        if name_key(r.name) == k or (r.name_en and name_key(r.name_en) == k):
            return r
    raise NotFound(f"no job role named {text!r}")


def _assignment_info(a: RoleAssignment, r: JobRole, p: Staff) -> AssignmentInfo:
    return AssignmentInfo(a.id, r.id, r.name, p.id, p.name, a.kind, a.start_date, a.end_date)


def assign_role(db: Database, actor: Actor, role: str | int, person: str | int, *, kind: str = "holder",
                start_date: date | None = None) -> AssignmentInfo:
    """Make a person the holder or deputy (代行者) of a job role from `start_date` (open-ended)."""
    if kind not in ASSIGNMENT_KINDS:
        raise InputError(f"kind must be one of {', '.join(ASSIGNMENT_KINDS)}")
    with db.write(actor, Permission.EDIT, "assign job roles") as s:
        r, p = find_role(s, role), find_staff(s, person)
        if p.status == "left":
            raise InputError(f"{p.name} has left; assign someone who is still on the team")
        on = start_date or today_jst()
        if any(a.kind == kind for a, _r, _p in current_assignments(s, on, job_role_id=r.id, staff_id=p.id)):
            raise InputError(f"{p.name} is already {kind} of {r.name}")
        a = create_record(s, actor, RoleAssignment(job_role_id=r.id, staff_id=p.id, kind=kind, start_date=start_date),
                    "role_assignment", summary=f"{p.name}: {kind} of {r.name}")
        return _assignment_info(a, r, p)


def end_assignment(db: Database, actor: Actor, assignment_id: int, end_date: date) -> AssignmentInfo:
    with db.write(actor, Permission.EDIT, "end role assignments") as s:
        a = get_record(s, RoleAssignment, assignment_id, "role assignment")
        if a.start_date and end_date < a.start_date:
            raise InputError("the end date is before the start date")
        apply_edit(s, actor, a, "role_assignment", {"end_date": end_date}, ("end_date",))
        return _assignment_info(a, s.get(JobRole, a.job_role_id), s.get(Staff, a.staff_id))


def list_assignments(db: Database, *, role_id: int | None = None, staff_id: int | None = None,
                     on: date | None = None) -> list[AssignmentInfo]:
    """Assignments (all, or only those current on `on`), optionally for one role or person."""
    with db.read() as s:
        q = (select(RoleAssignment, JobRole, Staff).join(JobRole, RoleAssignment.job_role_id == JobRole.id)
             .join(Staff, RoleAssignment.staff_id == Staff.id).order_by(JobRole.sort_order, JobRole.id, RoleAssignment.id))
        if role_id is not None:
            q = q.where(RoleAssignment.job_role_id == role_id)
        if staff_id is not None:
            q = q.where(RoleAssignment.staff_id == staff_id)
        return [_assignment_info(a, r, p) for a, r, p in s.execute(q) if on is None or is_current(a, on)]
