"""Responsibilities: who does what (steps, duties, roles, deputies), what loses its owner
when someone leaves, and recording a leaver (with their offboarding, in one transaction).
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..domain.errors import InputError
from ..domain.permissions import Permission
from ..persistence.models import Duty, Process, ProcessStep, RaciCell, RoleAssignment, SaasSystem, Staff
from .context import Actor, Database
from .organisation import current_assignments, find_staff
from .records import apply_edit, today_jst

logger = logging.getLogger(__name__)


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
    mine = current_assignments(s, on, staff_id=person.id)
    roles, alone = [], []
    for a, r, _p in mine:
        others = [(oa, op) for oa, _r, op in current_assignments(s, on, job_role_id=r.id) if op.id != person.id]
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

    In the same transaction the leaver is offboarded (`offboarding.offboarding_in`):
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
        from .offboarding import offboarding_in  # offboarding builds on the organisation

        report["offboarding"] = offboarding_in(s, actor, p, leave_date).as_dict()
        return report


def who_does_what(db: Database, person_id: str | int, on: date | None = None) -> dict:
    """One person's responsibilities: steps (via department or job roles), duties, roles held,
    roles they deputise, who deputises for them, their manager and reports."""
    on = on or today_jst()
    with db.read() as s:
        p = find_staff(s, person_id)
        mine = current_assignments(s, on, staff_id=p.id)
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
            others = [(oa, op) for oa, _r, op in current_assignments(s, on, job_role_id=r.id) if op.id != p.id]
            if a.kind == "holder":
                deputies.append({"role": r.name, "deputies": [op.name for oa, op in others if oa.kind == "deputy"]})
            else:
                covers.append({"role": r.name, "holders": [op.name for oa, op in others if oa.kind == "holder"]})
        manager = s.get(Staff, p.manager_id) if p.manager_id else None
        reports = [x.name for x in s.scalars(select(Staff).where(Staff.manager_id == p.id, Staff.status != "left"))]
        return {"person": _person(p), "manager": manager.name if manager else None, "reports": reports,
                "roles": roles, "steps": steps, "duties": duties, "deputies": deputies, "covers_for": covers}
