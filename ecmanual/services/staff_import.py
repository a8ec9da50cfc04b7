"""The staff import: add or update staff from a CSV/XLSX export of an HR or chat tool.

All-or-nothing: any row error raises InputError with every error, and nothing is stored.
Re-importing the same file changes nothing and writes no audit entry.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.permissions import Permission
from ..importers import STAFF_FIELDS, parse_file
from ..importers.staff import KnownDepartment, KnownStaff, plan_staff_import
from ..persistence.models import Department, Staff
from . import audit
from .context import Actor, CancelFlag, Database, ProgressFn, no_progress
from .records import today_jst

logger = logging.getLogger(__name__)


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
