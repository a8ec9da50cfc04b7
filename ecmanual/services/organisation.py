"""Organisation: departments, staff, job roles and role assignments; staff import; leavers.

Reads return plain dataclasses/dicts; every change goes through `db.write(actor, EDIT)` and
the audit writer. The staff import is all-or-nothing: any row error raises InputError with
every error, and nothing is stored.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jaconv
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..importers import STAFF_FIELDS, parse_file
from ..importers.staff import KnownDepartment, KnownStaff, plan_staff_import
from ..importers.values import JST, ValueProblem, clean, name_key, parse_email
from ..persistence.models import (
    Department, Duty, JobRole, Process, ProcessStep, RaciCell, RoleAssignment, SaasSystem, Staff,
)
from . import audit
from .context import Actor, CancelFlag, Database, ProgressFn, no_progress

logger = logging.getLogger(__name__)

STAFF_STATUSES = ("active", "leave", "left")
ASSIGNMENT_KINDS = ("holder", "deputy")


def today_jst() -> date:
    return datetime.now(JST).date()


# ---------------------------------------------------------------- shared edit helper

def apply_edit(s: Session, actor: Actor, obj: Any, entity: str, changes: dict[str, Any],
               allowed: tuple[str, ...], expected_version: int | None = None) -> bool:
    """Set `changes` on a loaded record with optimistic locking and audit; False when nothing changed."""
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise InputError(f"{entity}: cannot change {', '.join(unknown)}")
    if expected_version is not None and getattr(obj, "version", expected_version) != expected_version:
        raise audit.conflict(s, obj, entity)
    before = audit.snapshot(obj)
    for k, v in changes.items():
        setattr(obj, k, v)
    if audit.snapshot(obj) == before:
        return False
    s.flush()
    audit.record(s, actor.username, "update", entity, obj.id, before=before, after=audit.snapshot(obj))
    return True


def create_record(s: Session, actor: Actor, obj: Any, entity: str, summary: str | None = None) -> Any:
    s.add(obj)
    s.flush()
    audit.record(s, actor.username, "create", entity, obj.id, after=audit.snapshot(obj), summary=summary)
    return obj


def delete_record(s: Session, actor: Actor, obj: Any, entity: str) -> None:
    before = audit.snapshot(obj)
    s.delete(obj)
    s.flush()
    audit.record(s, actor.username, "delete", entity, before["id"], before=before)


def require_name(value: str | None, what: str) -> str:
    text = clean(value)
    if not text:
        raise InputError(f"{what}: the name is empty")
    return text


def get_record(s: Session, model, ident: int, what: str):
    obj = s.get(model, ident)
    if obj is None:
        raise NotFound(f"no {what} with id {ident}")
    return obj


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


def require_unique_name(s: Session, model, name: str, what: str, exclude: int | None = None) -> None:
    q = select(model.id).where(model.name == name)
    if exclude is not None:
        q = q.where(model.id != exclude)
    if s.scalar(q) is not None:
        raise InputError(f"a {what} named {name!r} already exists")


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


def _current_assignments(s: Session, on: date, **where) -> list[tuple[RoleAssignment, JobRole, Staff]]:
    q = (select(RoleAssignment, JobRole, Staff).join(JobRole, RoleAssignment.job_role_id == JobRole.id)
         .join(Staff, RoleAssignment.staff_id == Staff.id).order_by(JobRole.sort_order, JobRole.id, RoleAssignment.id))
    for column, value in where.items():
        q = q.where(getattr(RoleAssignment, column) == value)
    return [(a, r, p) for a, r, p in s.execute(q) if is_current(a, on)]


def list_job_roles(db: Database, on: date | None = None) -> list[JobRoleInfo]:
    on = on or today_jst()
    with db.read() as s:
        people: dict[tuple[int, str], list[str]] = {}
        for a, _r, p in _current_assignments(s, on):
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
        if any(a.kind == kind for a, _r, _p in _current_assignments(s, on, job_role_id=r.id, staff_id=p.id)):
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


# ---------------------------------------------------------------- staff import

def import_staff(db: Database, actor: Actor, path: str | Path, dry_run: bool = False,
                 progress: ProgressFn | None = None, cancel: CancelFlag | None = None, *,
                 mapping: dict[str, str | None] | None = None, sheet: str | None = None,
                 today: date | None = None) -> dict:
    """Add or update staff from a CSV/XLSX export; all-or-nothing.

    Returns {added, updated, unchanged, errors: [], warnings, notes, changes, file, ...};
    any row problem raises InputError carrying every RowError, and nothing is stored.
    Re-importing the same file changes nothing and writes no audit entry.
    """
    actor.require(Permission.EDIT, "import staff")
    progress = progress or no_progress
    today = today or today_jst()
    progress(0, 1, "reading the file")
    parsed = parse_file(path, STAFF_FIELDS, mapping=mapping, sheet=sheet, unique=(("email",),), progress=progress)
    if cancel:
        cancel.check()
    unit = db.read() if dry_run else db.write(actor, Permission.EDIT, "import staff")
    with unit as s:
        known = [KnownStaff(p.id, p.name, p.kana, p.email, p.department_id, p.manager_id, p.employment_type,
                            p.hire_date, p.leave_date, p.status, p.notes) for p in s.scalars(select(Staff))]
        departments = [KnownDepartment(d.id, d.name, d.name_en)
                       for d in s.scalars(select(Department).order_by(Department.sort_order, Department.id))]
        plan = plan_staff_import(parsed, known, departments, today)
        parsed.raise_for_errors()
        names = {r.row: r["name"] for r in parsed.records}
        summary = {
            **parsed.source, "dry_run": dry_run, "added": len(plan.added), "updated": len(plan.updated),
            "unchanged": len(plan.unchanged), "errors": [], "warnings": plan.warnings, "notes": parsed.notes,
            "columns": parsed.mapping.as_dict()["columns"],
            "unmapped": [u.as_dict() for u in parsed.mapping.unmapped],
            "changes": [{"row": p.row, "action": "add", "staff_id": None, "name": names[p.row]} for p in plan.added]
            + [{"row": p.row, "action": "update", "staff_id": p.staff_id, "name": names[p.row],
                "fields": sorted([*p.changes, *(["manager_id"] if p.manager_ref else [])])} for p in plan.updated],
        }
        if not dry_run and (plan.added or plan.updated):
            ids = _apply_staff_plan(s, actor, plan, progress, cancel)
            for change in summary["changes"]:
                change["staff_id"] = ids[change["row"]]
            audit.record(s, actor.username, "import", "staff", None, summary=(
                f"staff import {Path(path).name}: {len(plan.added)} added, {len(plan.updated)} updated, "
                f"{len(plan.unchanged)} unchanged"), after={"file": Path(path).name, "sha256": parsed.source["sha256"],
                                                            "added": len(plan.added), "updated": len(plan.updated)})
    progress(1, 1, "done")
    return summary


def _apply_staff_plan(s: Session, actor: Actor, plan, progress: ProgressFn, cancel: CancelFlag | None) -> dict[int, int]:
    objects: dict[int, Staff] = {}
    before: dict[int, dict] = {}
    total = len(plan.added) + len(plan.updated)
    for n, p in enumerate(plan.added, start=1):
        objects[p.row] = Staff(**p.changes)
        s.add(objects[p.row])
        if cancel:
            cancel.check()
        progress(n, total, "adding staff")
    s.flush()
    for n, p in enumerate(plan.updated, start=len(plan.added) + 1):
        obj = s.get(Staff, p.staff_id)
        before[p.row] = audit.snapshot(obj)
        for column, value in p.changes.items():
            setattr(obj, column, value)
        objects[p.row] = obj
        if cancel:
            cancel.check()
        progress(n, total, "updating staff")
    for p in [*plan.added, *plan.updated]:
        if p.manager_ref:
            kind, ref = p.manager_ref
            objects[p.row].manager_id = ref if kind == "id" else objects[ref].id
    s.flush()
    for p in plan.added:
        obj = objects[p.row]
        audit.record(s, actor.username, "create", "staff", obj.id, after=audit.snapshot(obj),
                     summary=f"staff import row {p.row}")
    for p in plan.updated:
        obj = objects[p.row]
        audit.record(s, actor.username, "update", "staff", obj.id, before=before[p.row],
                     after=audit.snapshot(obj), summary=f"staff import row {p.row}")
    return {row: obj.id for row, obj in objects.items()}


# ---------------------------------------------------------------- leavers and responsibilities

def _cells_of(s: Session, *, role_ids: list[int] | None = None, department_id: int | None = None):
    q = (select(RaciCell, ProcessStep, Process).join(ProcessStep, RaciCell.step_id == ProcessStep.id)
         .join(Process, ProcessStep.process_id == Process.id)
         .order_by(Process.sort_order, Process.id, ProcessStep.seq))
    if role_ids is not None:
        q = q.where(RaciCell.job_role_id.in_(role_ids))
    if department_id is not None:
        q = q.where(RaciCell.department_id == department_id)
    return s.execute(q).all()


def _person(p: Staff) -> dict:
    return {"id": p.id, "name": p.name, "email": p.email, "status": p.status,
            "leave_date": p.leave_date, "department": p.department.name if p.department else None}


def lost_ownership_in(s: Session, person: Staff, on: date) -> dict:
    """What loses its owner when `person` goes: roles they hold (alone or not), RACI cells of
    the roles they hold alone, duties they own or deputise (or own through such a role),
    SaaS systems they own and the people who report to them."""
    mine = _current_assignments(s, on, staff_id=person.id)
    roles, alone = [], []
    for a, r, _p in mine:
        others = [(oa, op) for oa, _r, op in _current_assignments(s, on, job_role_id=r.id) if op.id != person.id]
        holders = [op.name for oa, op in others if oa.kind == "holder" and op.status != "left"]
        deputies = [op.name for oa, op in others if oa.kind == "deputy" and op.status != "left"]
        orphaned = a.kind == "holder" and not holders
        if orphaned:
            alone.append(r)
        roles.append({"assignment_id": a.id, "role_id": r.id, "role": r.name, "kind": a.kind,
                      "other_holders": holders, "deputies": deputies, "left_without_holder": orphaned})
    alone_names = {r.id: r.name for r in alone}
    cells = [{"step_id": st.id, "process": pr.name, "step": st.name, "role": alone_names[c.job_role_id],
              "code": c.code, "note": c.note}
             for c, st, pr in (_cells_of(s, role_ids=list(alone_names)) if alone else [])]
    duties = []
    conds = [Duty.owner_staff_id == person.id, Duty.deputy_staff_id == person.id]
    if alone:
        conds.append(Duty.owner_role_id.in_([r.id for r in alone]))
    for d in s.scalars(select(Duty).where(or_(*conds)).order_by(Duty.id)):
        how = ("owner" if d.owner_staff_id == person.id else "deputy" if d.deputy_staff_id == person.id
               else "role owner")
        duties.append({"duty_id": d.id, "name": d.name, "as": how, "active": d.active})
    systems = [{"system_id": x.id, "name": x.name} for x in s.scalars(
        select(SaasSystem).where(SaasSystem.owner_staff_id == person.id).order_by(SaasSystem.id))]
    reports = [{"staff_id": x.id, "name": x.name} for x in s.scalars(
        select(Staff).where(Staff.manager_id == person.id, Staff.status != "left").order_by(Staff.id))]
    return {"person": _person(person), "roles": roles, "raci_cells": cells, "duties": duties,
            "systems": systems, "reports": reports}


def lost_ownership(db: Database, person: str | int, on: date | None = None) -> dict:
    """`lost_ownership_in` as a read: what would lose its owner if this person left on `on`."""
    with db.read() as s:
        return lost_ownership_in(s, find_staff(s, person), on or today_jst())


def record_leave(db: Database, actor: Actor, name_or_id: str | int, leave_date: date | str) -> dict:
    """Mark a leaver (status `left`, leave date), end their role assignments on that date, and
    return what loses its owner (see `lost_ownership_in`) with `ended_assignments`.

    In the same transaction the leaver is offboarded (`training_onboarding.offboarding_in`):
    open onboarding plans closed, later sessions left, and an offboarding plan listing the
    accounts the permission inventory must see removed; `offboarding` in the report is that
    plan (as a dict). All of it is saved, or none."""
    if isinstance(leave_date, str):
        try:
            leave_date = date.fromisoformat(leave_date)
        except ValueError:
            raise InputError(f"not a date (YYYY-MM-DD): {leave_date}") from None
    with db.write(actor, Permission.EDIT, "record leavers") as s:
        p = find_staff(s, name_or_id)
        if p.hire_date and leave_date < p.hire_date:
            raise InputError(f"the leave date {leave_date} is before the hire date {p.hire_date}")
        report = lost_ownership_in(s, p, leave_date)
        apply_edit(s, actor, p, "staff", {"status": "left", "leave_date": leave_date}, ("status", "leave_date"))
        ended = []
        for a in s.scalars(select(RoleAssignment).where(RoleAssignment.staff_id == p.id)):
            if (a.end_date is None or a.end_date > leave_date) and (a.start_date is None or a.start_date <= leave_date):
                apply_edit(s, actor, a, "role_assignment", {"end_date": leave_date}, ("end_date",))
                ended.append(a.id)
        report["person"] = _person(p)
        report["ended_assignments"] = ended
        from .training_onboarding import offboarding_in  # training builds on this module

        report["offboarding"] = offboarding_in(s, actor, p, leave_date).as_dict()
        return report


def who_does_what(db: Database, person_id: str | int, on: date | None = None) -> dict:
    """One person's responsibilities: steps (via department or job roles), duties, roles held,
    roles they deputise, who deputises for them, their manager and reports."""
    on = on or today_jst()
    with db.read() as s:
        p = find_staff(s, person_id)
        mine = _current_assignments(s, on, staff_id=p.id)
        roles = [{"role_id": r.id, "role": r.name, "kind": a.kind, "start_date": a.start_date,
                  "end_date": a.end_date} for a, r, _p in mine]
        steps = []
        if p.department_id is not None:
            steps += [{"step_id": st.id, "process": pr.name, "step": st.name, "code": c.code, "note": c.note,
                       "via": "department", "party": p.department.name}
                      for c, st, pr in _cells_of(s, department_id=p.department_id)]
        role_kind = {r.id: (r.name, a.kind) for a, r, _p in mine}
        if role_kind:
            for c, st, pr in _cells_of(s, role_ids=list(role_kind)):
                name, kind = role_kind[c.job_role_id]
                steps.append({"step_id": st.id, "process": pr.name, "step": st.name, "code": c.code, "note": c.note,
                              "via": "role" if kind == "holder" else "deputy", "party": name})
        held = [r.id for a, r, _p in mine if a.kind == "holder"]
        conds = [Duty.owner_staff_id == p.id, Duty.deputy_staff_id == p.id]
        if held:
            conds.append(Duty.owner_role_id.in_(held))
        if p.department_id is not None:
            conds.append(Duty.owner_department_id == p.department_id)
        duties = [{"duty_id": d.id, "name": d.name, "kind": d.kind, "rrule": d.rrule, "active": d.active,
                   "as": ("owner" if d.owner_staff_id == p.id else "deputy" if d.deputy_staff_id == p.id
                          else "role" if d.owner_role_id in held else "department")}
                  for d in s.scalars(select(Duty).where(or_(*conds)).order_by(Duty.id))]
        deputies, covers = [], []
        for a, r, _p in mine:
            others = [(oa, op) for oa, _r, op in _current_assignments(s, on, job_role_id=r.id) if op.id != p.id]
            if a.kind == "holder":
                deputies.append({"role": r.name, "deputies": [op.name for oa, op in others if oa.kind == "deputy"]})
            else:
                covers.append({"role": r.name, "holders": [op.name for oa, op in others if oa.kind == "holder"]})
        manager = s.get(Staff, p.manager_id) if p.manager_id else None
        reports = [x.name for x in s.scalars(select(Staff).where(Staff.manager_id == p.id, Staff.status != "left"))]
        return {"person": _person(p), "manager": manager.name if manager else None, "reports": reports,
                "roles": roles, "steps": steps, "duties": duties, "deputies": deputies, "covers_for": covers}
