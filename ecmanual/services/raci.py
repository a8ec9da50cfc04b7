"""The RACI matrix: processes and steps, cells, validation, approval levels and update types.

The matrix is read as plain data: steps grouped by process, and the parties (columns) are
every department plus the job roles that have a cell or a current holder. Cell edits are
audited with before/after and use optimistic locking on the cell's version.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import raci as rules
from ..domain.errors import ConflictError, InputError, NotFound
from ..domain.permissions import Permission
from ..importers.values import clean
from ..persistence.models import (
    ApprovalLevel, Department, JobRole, Process, ProcessStep, RaciCell, RoleAssignment, Staff, UpdateType,
)
from . import audit
from .context import Actor, Database
from .organisation import is_current
from .records import apply_edit, create_record, delete_record, get_record, require_name, require_unique_name, today_jst

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CellInfo:
    """One R/A/C/I cell; `version` is what `set_cell(expected_version=…)` checks."""

    id: int
    step_id: int
    party_key: str
    code: str
    note: str | None
    version: int


@dataclass(frozen=True)
class StepInfo:
    """A process step with its cells keyed by party key."""

    id: int
    process_id: int
    seq: int
    name: str
    description: str | None
    four_eyes: bool
    version: int
    cells: dict[str, CellInfo] = field(default_factory=dict)


@dataclass(frozen=True)
class ProcessInfo:
    """A process with its steps in order."""

    id: int
    name: str
    name_en: str | None
    description: str | None
    notes: str | None
    sort_order: int
    version: int
    steps: list[StepInfo] = field(default_factory=list)


@dataclass(frozen=True)
class PartyInfo:
    """A column of the matrix: a department, or a job role with its current people."""

    key: str
    kind: str  # department | role
    id: int
    name: str
    name_en: str | None
    holders: tuple[str, ...] = ()
    deputies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matrix:
    """Steps grouped by process × parties; cells keyed by party key on each step."""

    processes: list[ProcessInfo]
    parties: list[PartyInfo]

    def as_dict(self) -> dict:
        return {"processes": [asdict(p) for p in self.processes], "parties": [asdict(p) for p in self.parties]}


def _cell_info(c: RaciCell) -> CellInfo:
    return CellInfo(c.id, c.step_id, c.party_key, c.code, c.note, c.version)


def _step_info(st: ProcessStep, cells: dict[str, CellInfo] | None = None) -> StepInfo:
    return StepInfo(st.id, st.process_id, st.seq, st.name, st.description, st.four_eyes, st.version, cells or {})


def _process_info(p: Process, steps: list[StepInfo] | None = None) -> ProcessInfo:
    return ProcessInfo(p.id, p.name, p.name_en, p.description, p.notes, p.sort_order, p.version, steps or [])


def _people(s: Session, on: date) -> tuple[list[tuple[RoleAssignment, Staff]], list[Staff]]:
    q = select(RoleAssignment, Staff).join(Staff, RoleAssignment.staff_id == Staff.id).order_by(RoleAssignment.id)
    assignments = [(a, p) for a, p in s.execute(q) if is_current(a, on)]
    return assignments, list(s.scalars(select(Staff).where(Staff.department_id.is_not(None))))


def load_matrix(db: Database, on: date | None = None, *, all_roles: bool = False) -> Matrix:
    """The matrix as of `on`; `all_roles` adds job roles with no cell and no holder as columns
    (so the editor can give them a cell)."""
    on = on or today_jst()
    with db.read() as s:
        cells: dict[int, dict[str, CellInfo]] = {}
        for c in s.scalars(select(RaciCell)):
            cells.setdefault(c.step_id, {})[c.party_key] = _cell_info(c)
        processes = []
        for p in s.scalars(select(Process).order_by(Process.sort_order, Process.id)):
            processes.append(_process_info(p, [_step_info(st, cells.get(st.id)) for st in p.steps]))
        assignments, _members = _people(s, on)
        held: dict[tuple[int, str], list[str]] = {}
        for a, person in assignments:
            if person.status != "left":
                held.setdefault((a.job_role_id, a.kind), []).append(person.name)
        used = {k for step_cells in cells.values() for k in step_cells}
        parties = [PartyInfo(rules.party_key("department", d.id), "department", d.id, d.name, d.name_en)
                   for d in s.scalars(select(Department).order_by(Department.sort_order, Department.id))]
        for r in s.scalars(select(JobRole).order_by(JobRole.sort_order, JobRole.id)):
            key = rules.party_key("role", r.id)
            if all_roles or key in used or (r.id, "holder") in held:
                parties.append(PartyInfo(key, "role", r.id, r.name, r.name_en, tuple(held.get((r.id, "holder"), ())),
                                         tuple(held.get((r.id, "deputy"), ()))))
        return Matrix(processes, parties)


def validate(db: Database, *, overload_threshold: int = rules.DEFAULT_OVERLOAD,
             on: date | None = None) -> list[rules.RaciIssue]:
    """Every RACI rule (see domain/raci.py) over the stored matrix, as of `on` (default today)."""
    on = on or today_jst()
    with db.read() as s:
        steps = [rules.Step(st.id, p.name, st.name, st.four_eyes) for st, p in s.execute(
            select(ProcessStep, Process).join(Process, ProcessStep.process_id == Process.id)
            .order_by(Process.sort_order, Process.id, ProcessStep.seq))]
        parties = [rules.Party(rules.party_key("department", d.id), d.name, "department")
                   for d in s.scalars(select(Department).order_by(Department.sort_order, Department.id))]
        parties += [rules.Party(rules.party_key("role", r.id), r.name, "role")
                    for r in s.scalars(select(JobRole).order_by(JobRole.sort_order, JobRole.id))]
        cells = [rules.Cell(c.step_id, c.party_key, c.code) for c in s.scalars(select(RaciCell))]
        assignments, members = _people(s, on)

        def holder(key: str, p: Staff, kind: str) -> rules.Holder:
            left = p.status == "left" and (p.leave_date is None or p.leave_date <= on)
            leaving = p.leave_date if p.leave_date and p.leave_date > on else None
            return rules.Holder(key, p.id, p.name, kind, left, p.leave_date if left else leaving)

        holders = [holder(rules.party_key("role", a.job_role_id), p, a.kind) for a, p in assignments]
        holders += [holder(rules.party_key("department", p.department_id), p, "member") for p in members]
        return rules.validate(steps, parties, cells, holders, overload_threshold=overload_threshold)


def _party(s: Session, key: str) -> tuple[str, int]:
    try:
        kind, ident = rules.parse_party_key(key)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    get_record(s, Department if kind == "department" else JobRole, ident, kind)
    return kind, ident


def set_cell(db: Database, actor: Actor, step_id: int, party_key: str, code: str | None, note: str | None = None,
             expected_version: int | None = None) -> CellInfo | None:
    """Create, change or (code None) remove one cell; audited with before/after.

    `expected_version` is the version the caller saw (0 = it saw no cell); a different one
    means someone else changed the cell since, and ConflictError is raised.
    """
    actor.require(Permission.EDIT, "edit the RACI matrix")
    code = clean(code)
    if code is not None:
        code = code.upper()
        if code not in rules.CODES:
            raise InputError(f"not a RACI code: {code!r} (use R, A, C or I, or nothing to clear)")
    note = clean(note)
    with db.write(actor, Permission.EDIT, "edit the RACI matrix") as s:
        get_record(s, ProcessStep, step_id, "process step")
        kind, ident = _party(s, party_key)
        cell = s.scalar(select(RaciCell).where(RaciCell.step_id == step_id, RaciCell.party_key == party_key))
        seen = cell.version if cell else 0
        if expected_version is not None and expected_version != seen:
            raise ConflictError("This cell was changed by someone else since you opened the matrix. "
                                "Reload it and try again.", current=audit.snapshot(cell) if cell else {})
        if code is None:
            if cell is not None:
                delete_record(s, actor, cell, "raci_cell")
            return None
        if cell is None:
            cell = RaciCell(step_id=step_id, party_key=party_key, code=code, note=note,
                            department_id=ident if kind == "department" else None,
                            job_role_id=ident if kind == "role" else None)
            return _cell_info(create_record(s, actor, cell, "raci_cell"))
        apply_edit(s, actor, cell, "raci_cell", {"code": code, "note": note}, ("code", "note"))
        return _cell_info(cell)


# ---------------------------------------------------------------- processes and steps

PROCESS_FIELDS = ("name", "name_en", "description", "notes", "sort_order")
STEP_FIELDS = ("name", "description", "four_eyes")


def list_processes(db: Database) -> list[ProcessInfo]:
    with db.read() as s:
        return [_process_info(p, [_step_info(st) for st in p.steps])
                for p in s.scalars(select(Process).order_by(Process.sort_order, Process.id))]


def add_process(db: Database, actor: Actor, name: str, *, name_en: str | None = None, description: str | None = None,
                notes: str | None = None, sort_order: int | None = None) -> ProcessInfo:
    with db.write(actor, Permission.EDIT, "add processes") as s:
        name = require_name(name, "process")
        require_unique_name(s, Process, name, "process")
        if sort_order is None:
            sort_order = (s.scalar(select(func.max(Process.sort_order))) or 0) + 1
        p = create_record(s, actor, Process(name=name, name_en=clean(name_en), description=description, notes=notes,
                                      sort_order=sort_order), "process")
        return _process_info(p)


def update_process(db: Database, actor: Actor, process_id: int, *, expected_version: int | None = None,
                   **changes) -> ProcessInfo:
    """Rename or re-describe a process."""
    with db.write(actor, Permission.EDIT, "edit processes") as s:
        p = get_record(s, Process, process_id, "process")
        if "name" in changes:
            changes["name"] = require_name(changes["name"], "process")
            require_unique_name(s, Process, changes["name"], "process", exclude=p.id)
        apply_edit(s, actor, p, "process", changes, PROCESS_FIELDS, expected_version)
        return _process_info(p, [_step_info(st) for st in p.steps])


def delete_process(db: Database, actor: Actor, process_id: int) -> None:
    with db.write(actor, Permission.EDIT, "delete processes") as s:
        p = get_record(s, Process, process_id, "process")
        for st in list(p.steps):
            _delete_step(s, actor, st)
        s.expire(p, ["steps"])  # already deleted one by one, with their audit entries
        delete_record(s, actor, p, "process")


def add_step(db: Database, actor: Actor, process_id: int, name: str, *, description: str | None = None,
             four_eyes: bool = False) -> StepInfo:
    """Append a step to a process (use `reorder_steps` to move it)."""
    with db.write(actor, Permission.EDIT, "add process steps") as s:
        get_record(s, Process, process_id, "process")
        seq = (s.scalar(select(func.max(ProcessStep.seq)).where(ProcessStep.process_id == process_id)) or 0) + 1
        st = create_record(s, actor, ProcessStep(process_id=process_id, seq=seq, name=require_name(name, "step"),
                                           description=description, four_eyes=bool(four_eyes)), "process_step")
        return _step_info(st)


def update_step(db: Database, actor: Actor, step_id: int, *, expected_version: int | None = None,
                **changes) -> StepInfo:
    """Rename a step, change its tasks or its four-eyes flag."""
    with db.write(actor, Permission.EDIT, "edit process steps") as s:
        st = get_record(s, ProcessStep, step_id, "process step")
        if "name" in changes:
            changes["name"] = require_name(changes["name"], "step")
        apply_edit(s, actor, st, "process_step", changes, STEP_FIELDS, expected_version)
        return _step_info(st)


def reorder_steps(db: Database, actor: Actor, process_id: int, step_ids: list[int]) -> list[StepInfo]:
    """Put a process's steps in the given order (every step id exactly once)."""
    with db.write(actor, Permission.EDIT, "reorder process steps") as s:
        p = get_record(s, Process, process_id, "process")
        steps = {st.id: st for st in p.steps}
        if sorted(step_ids) != sorted(steps) or len(set(step_ids)) != len(step_ids):
            raise InputError(f"give every step of {p.name} exactly once: {sorted(steps)}")
        before = [st.id for st in sorted(steps.values(), key=lambda x: x.seq)]
        if before == list(step_ids):
            return [_step_info(steps[i]) for i in step_ids]
        for st in steps.values():  # clear the unique (process, seq) pairs first
            st.seq = -st.seq
        s.flush()
        for seq, ident in enumerate(step_ids, start=1):
            steps[ident].seq = seq
        s.flush()
        audit.record(s, actor.username, "reorder", "process", p.id, before={"steps": before},
                     after={"steps": list(step_ids)}, summary=f"steps of {p.name} reordered")
        return [_step_info(steps[i]) for i in step_ids]


def _delete_step(s: Session, actor: Actor, st: ProcessStep) -> None:
    for c in s.scalars(select(RaciCell).where(RaciCell.step_id == st.id)):
        delete_record(s, actor, c, "raci_cell")
    delete_record(s, actor, st, "process_step")


def delete_step(db: Database, actor: Actor, step_id: int) -> None:
    """Remove a step and its cells (each removal audited); later steps move up."""
    with db.write(actor, Permission.EDIT, "delete process steps") as s:
        st = get_record(s, ProcessStep, step_id, "process step")
        process_id = st.process_id
        _delete_step(s, actor, st)
        for seq, later in enumerate(s.scalars(select(ProcessStep).where(ProcessStep.process_id == process_id)
                                              .order_by(ProcessStep.seq)), start=1):
            later.seq = seq
        s.flush()


# ---------------------------------------------------------------- reference tables

def list_approval_levels(db: Database) -> list[dict]:
    with db.read() as s:
        return [{"id": a.id, "name": a.name, "name_en": a.name_en, "rank": a.rank}
                for a in s.scalars(select(ApprovalLevel).order_by(ApprovalLevel.rank))]


def list_update_types(db: Database) -> list[dict]:
    with db.read() as s:
        levels = {a.id: a.name for a in s.scalars(select(ApprovalLevel))}
        return [{"id": u.id, "name": u.name, "check_points": u.check_points, "approval_level_id": u.approval_level_id,
                 "approval_level": levels.get(u.approval_level_id), "frequency": u.frequency,
                 "sort_order": u.sort_order} for u in s.scalars(select(UpdateType).order_by(UpdateType.sort_order,
                                                                                             UpdateType.id))]


def find_step(db: Database, ident: int) -> StepInfo:
    with db.read() as s:
        st = s.get(ProcessStep, ident)
        if st is None:
            raise NotFound(f"no process step with id {ident}")
        cells = s.scalars(select(RaciCell).where(RaciCell.step_id == ident))
        return _step_info(st, {c.party_key: _cell_info(c) for c in cells})


# ---------------------------------------------------------------- approvals by update type

@dataclass(frozen=True)
class ApprovalRule:
    """Who approves an update type: its approval level and the job role of the same name
    (the seeds name the levels チームリーダー and 部門長 as roles too; 役員会 is a body, no role)."""

    update_type_id: int
    update_type: str
    check_points: str | None
    frequency: str | None
    level_id: int | None
    level: str | None
    rank: int | None
    role_id: int | None
    holders: tuple[str, ...] = ()
    deputies: tuple[str, ...] = ()
    holder_ids: tuple[int, ...] = ()
    deputy_ids: tuple[int, ...] = ()

    def as_dict(self) -> dict:
        return asdict(self)


def approval_rules(db: Database, on: date | None = None) -> list[ApprovalRule]:
    """Every update type with its approval level and the people who hold that level's role on `on`."""
    on = on or today_jst()
    with db.read() as s:
        levels = {a.id: a for a in s.scalars(select(ApprovalLevel))}
        roles = {r.name: r.id for r in s.scalars(select(JobRole))}
        people: dict[tuple[int, str], list[Staff]] = {}
        for a, p in _people(s, on)[0]:
            if p.status != "left":
                people.setdefault((a.job_role_id, a.kind), []).append(p)
        out = []
        for u in s.scalars(select(UpdateType).order_by(UpdateType.sort_order, UpdateType.id)):
            level = levels.get(u.approval_level_id)
            role_id = roles.get(level.name) if level else None
            holders, deputies = people.get((role_id, "holder"), []), people.get((role_id, "deputy"), [])
            out.append(ApprovalRule(u.id, u.name, u.check_points, u.frequency, level.id if level else None,
                                    level.name if level else None, level.rank if level else None, role_id,
                                    tuple(p.name for p in holders), tuple(p.name for p in deputies),
                                    tuple(p.id for p in holders), tuple(p.id for p in deputies)))
        return out


def person_view(db: Database, person: str | int, on: date | None = None) -> dict:
    """`responsibilities.who_does_what` plus the approvals the person gives as holder or deputy of
    an approval level's role: {..., "approvals": [{update_type, level, as}]}."""
    from .responsibilities import who_does_what

    on = on or today_jst()
    info = who_does_what(db, person, on)
    pid = info["person"]["id"]
    info["approvals"] = [{"update_type": r.update_type, "level": r.level, "check_points": r.check_points,
                          "as": "holder" if pid in r.holder_ids else "deputy"}
                         for r in approval_rules(db, on) if pid in r.holder_ids or pid in r.deputy_ids]
    return info


def leaver_impact(db: Database, person: str | int, on: date | None = None) -> dict:
    """`responsibilities.lost_ownership` plus the approvals left without an approver when this person
    goes (their role had no other holder): {..., "approvals": [{update_type, level, role}]}."""
    from .responsibilities import lost_ownership

    on = on or today_jst()
    report = lost_ownership(db, person, on)
    orphaned = {r["role_id"]: r["role"] for r in report["roles"] if r["left_without_holder"]}
    report["approvals"] = [{"update_type": r.update_type, "level": r.level, "role": orphaned[r.role_id]}
                           for r in approval_rules(db, on) if r.role_id in orphaned]
    return report
