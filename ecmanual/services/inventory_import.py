"""Account import: one system's member list (CSV/XLSX as the SaaS exports it), all-or-nothing.

The file is read and checked before anything is written; any bad row raises InputError with
every row error. The changes are applied with Core bulk statements in one transaction (no
per-row ORM flush, no per-row audit): one AccountImport row with the file's SHA-256 and the
counts, and one audit entry. Re-importing the same file changes nothing and writes nothing.
After applying, open remediation tasks of the system are checked against the new state and
closed when the import shows the change was carried out.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ..domain.permissions import Permission
from ..importers import ACCOUNT_FIELDS, read_table
from ..importers.accounts import (
    ADDED_COLUMNS, KnownAccount, LevelRef, LevelResolver, StaffMatcher, StaffRef, parse_accounts, plan_account_import,
)
from ..importers.headers import HEADER_SCAN_ROWS, detect_mapping, header_key, match_header
from ..importers.reader import Table
from ..persistence.base import utcnow
from ..persistence.models import Account, AccountImport, SaasSystem, StandardLevel, Staff, SystemLevel
from . import audit
from .context import Actor, CancelFlag, Database, ProgressFn, no_progress
from .inventory import find_system, save_column_mapping, standard_levels
from .inventory_bulk import bulk_insert

logger = logging.getLogger(__name__)

CHUNK = 5000
PREVIEW_ROWS = 8


def _usable_mapping(table: Table, mapping: dict[str, str | None] | None) -> tuple[dict | None, list[str]]:
    """The remembered mapping without fields unknown to the importer or headers this file lacks."""
    if not mapping:
        return None, []
    present = {header_key(c) for r in table.rows[:HEADER_SCAN_ROWS] for c in r.cells}
    names = ACCOUNT_FIELDS.names()
    usable = {f: h for f, h in mapping.items() if f in names and (h is None or header_key(h) in present)}
    missing = [h for f, h in mapping.items() if f in names and h is not None and f not in usable]
    notes = [f"the remembered column {h!r} is not in this file; columns were detected by name" for h in missing]
    return usable or None, notes


def _known(s: Session, system_id: int) -> list[KnownAccount]:
    t = Account.__table__
    q = select(t.c.id, t.c.login, t.c.email, t.c.display_name, t.c.native_level, t.c.standard_level_id,
               t.c.mfa_enabled, t.c.last_login_at, t.c.status, t.c.staff_id, t.c.link_status).where(
        t.c.system_id == system_id)
    return [KnownAccount(*row) for row in s.execute(q)]


def level_resolver(s: Session, system_id: int) -> LevelResolver:
    std = standard_levels(s)
    return LevelResolver(
        [LevelRef(n, sid, rank) for n, sid, rank in s.execute(
            select(SystemLevel.name, SystemLevel.standard_level_id, StandardLevel.rank).join(StandardLevel)
            .where(SystemLevel.system_id == system_id))],
        [LevelRef(lv.name, lv.id, lv.rank) for lv in std] + [LevelRef(lv.name_en, lv.id, lv.rank) for lv in std
                                                             if lv.name_en])


def staff_matcher(s: Session) -> StaffMatcher:
    return StaffMatcher(StaffRef(*row) for row in s.execute(select(Staff.id, Staff.name, Staff.kana, Staff.email)))


def import_accounts(db: Database, actor: Actor, system: str | int, path: str | Path, *, dry_run: bool = False,
                    mapping: dict[str, str | None] | None = None, remember_mapping: bool = False,
                    sheet: str | None = None, progress: ProgressFn | None = None,
                    cancel: CancelFlag | None = None) -> dict:
    """Import a system's account list; returns {added, updated, unchanged, removed, errors: [], …}.

    `mapping` (field -> header text, None to leave a field out) overrides the remembered
    mapping of the system; with `remember_mapping` it is saved for the next import.
    """
    actor.require(Permission.EDIT, "import accounts")
    progress = progress or no_progress
    progress(0, 1, "reading the file")
    table = read_table(path, sheet=sheet)
    with db.read() as s:
        x = find_system(s, system)
        system_id, system_name, remembered = x.id, x.name, x.column_mapping
    notes: list[str] = []
    if mapping is None:
        mapping, notes = _usable_mapping(table, remembered)
    parsed = parse_accounts(table, mapping=mapping, progress=progress, cancel=cancel)
    parsed.notes[:0] = notes
    if cancel:
        cancel.check()
    unit = db.read() if dry_run else db.write(actor, Permission.EDIT, "import accounts")
    with unit as s:
        plan = plan_account_import(parsed, _known(s, system_id), level_resolver(s, system_id), staff_matcher(s))
        parsed.raise_for_errors()
        counts = {"added": len(plan.added), "updated": len(plan.updated), "unchanged": plan.unchanged,
                  "removed": len(plan.removed), "linked": plan.linked,
                  "fields": sorted([*parsed.mapping.columns, *parsed.mapping.derived])}
        summary: dict[str, Any] = {
            "system": system_name, **parsed.source, "dry_run": dry_run, **counts, "errors": [],
            "notes": parsed.notes, "columns": parsed.mapping.as_dict()["columns"],
            "unmapped": [u.as_dict() for u in parsed.mapping.unmapped],
            "unmapped_levels": plan.unmapped_levels, "remediation_closed": 0, "import_id": None,
        }
        for level, n in plan.unmapped_levels.items():
            parsed.notes.append(f"level {level!r} ({n} accounts) maps to no standard level; add it to the system's "
                                "levels (a finding marks these accounts)")
        if dry_run:
            return summary
        x = s.get(SaasSystem, system_id)
        import_id = None
        if plan.changed:
            import_id = _apply(s, actor, system_id, Path(path).name, parsed.source["sha256"], counts, plan,
                               progress, cancel)
        from .review_remediation import carried_out, close_tasks

        done_tasks = carried_out(s, system_id)
        if done_tasks and import_id is None:  # nothing changed, yet the file proves remediation done earlier
            import_id = _record_import(s, actor, system_id, Path(path).name, parsed.source["sha256"], counts)
        closed = close_tasks(s, actor, done_tasks, "import",
                             f"取込 #{import_id} {Path(path).name} (sha256 {parsed.source['sha256'][:16]})")
        if import_id is not None:
            audit.record(s, actor.username, "import", "account_import", import_id, summary=(
                f"account import {system_name} {Path(path).name}: {counts['added']} added, {counts['updated']} "
                f"updated, {counts['unchanged']} unchanged, {counts['removed']} removed"),
                after={"system": system_name, "file": Path(path).name, "sha256": parsed.source["sha256"], **counts,
                       "remediation_closed": len(closed)})
        if remember_mapping and mapping is not None and mapping != (x.column_mapping or None):
            save_column_mapping(s, actor, x, mapping)
        summary.update(import_id=import_id, remediation_closed=len(closed))
    progress(1, 1, "done")
    logger.info("account import %s %s: %s", system_name, path, counts)
    return summary


def _record_import(s: Session, actor: Actor, system_id: int, filename: str, sha256: str, counts: dict) -> int:
    imp = AccountImport(system_id=system_id, filename=filename[-500:], sha256=sha256, imported_at=utcnow(),
                        by_user_id=actor.user_id, summary=counts)
    s.add(imp)
    s.flush()
    return imp.id


def _apply(s: Session, actor: Actor, system_id: int, filename: str, sha256: str, counts: dict, plan,
           progress: ProgressFn, cancel: CancelFlag | None) -> int:
    """Bulk statements on the session's connection; returns the AccountImport id."""
    import_id = _record_import(s, actor, system_id, filename, sha256, counts)
    now = utcnow()
    conn = s.connection()
    t = Account.__table__
    total = len(plan.added) + len(plan.updated) + len(plan.removed)
    done = 0

    def step(n: int, message: str) -> None:
        nonlocal done
        done += n
        if cancel:
            cancel.check()
        progress(done, total, message)

    fixed = {"system_id": system_id, "first_seen_at": now, "last_import_id": import_id, "created_at": now,
             "updated_at": now, "version": 1, "is_shared": False, "is_service": False}
    for i in range(0, len(plan.added), CHUNK):
        step(bulk_insert(conn, t, ADDED_COLUMNS, plan.added[i:i + CHUNK], fixed), "adding accounts")
    groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for u in plan.updated:
        groups[tuple(sorted(u["changes"]))].append({"b_id": u["id"], **{f"v_{k}": v for k, v in u["changes"].items()}})
    for columns, params in groups.items():
        stmt = (update(t).where(t.c.id == bindparam("b_id"))
                .values({**{c: bindparam(f"v_{c}") for c in columns}, "version": t.c.version + 1,
                         "updated_at": now, "last_import_id": import_id}))
        for i in range(0, len(params), CHUNK):
            conn.execute(stmt, params[i:i + CHUNK])
            step(len(params[i:i + CHUNK]), "updating accounts")
    removed = update(t).where(t.c.id == bindparam("b_id")).values(
        status="removed", removed_at=now, version=t.c.version + 1, updated_at=now, last_import_id=import_id)
    for i in range(0, len(plan.removed), CHUNK):
        ids = plan.removed[i:i + CHUNK]
        conn.execute(removed, [{"b_id": a} for a in ids])
        step(len(ids), "marking removed accounts")
    return import_id


def preview_file(db: Database, actor: Actor, path: str | Path | Table, system: str | int | None = None, *,
                 mapping: dict[str, str | None] | None = None, sheet: str | None = None,
                 rows: int = PREVIEW_ROWS) -> dict:
    """What the mapping dialog shows: headers, the first rows, the mapping in use and why columns
    are left out. `problem` says why the file cannot be imported as mapped (None when it can).
    `path` may be a Table already read (the dialog reads the file once)."""
    actor.require(Permission.VIEW)
    from ..domain.errors import InputError

    table = path if isinstance(path, Table) else read_table(path, sheet=sheet)
    remembered = None
    if system is not None:
        with db.read() as s:
            remembered = find_system(s, system).column_mapping
    notes: list[str] = []
    if mapping is None:
        mapping, notes = _usable_mapping(table, remembered)
    fields = [{"name": f.name, "label": f.label, "required": f.required,
               "aliases": list(f.aliases), "derive_from": list(f.derive_from)} for f in ACCOUNT_FIELDS.fields]
    info = {"file": table.file, "kind": table.kind, "encoding": table.encoding, "sheet": table.sheet,
            "fields": fields, "remembered": remembered, "notes": notes, "problem": None, "problem_rows": []}
    try:
        cm = detect_mapping(table.rows, ACCOUNT_FIELDS, file=table.file, explicit=mapping)
    except InputError as exc:
        header = table.rows[0]
        body = table.rows[1:1 + rows]
        guessed: dict[str, str] = {}  # what the names alone suggest, for the dialog to start from
        for cell in header.cells:
            name = match_header(ACCOUNT_FIELDS, cell)
            if name and name not in guessed:
                guessed[name] = cell
        info.update(header_row=header.number, headers=list(header.cells), columns=guessed, unmapped=[],
                    problem=exc.message, problem_rows=[e.as_dict() for e in exc.errors])
    else:
        header = table.rows[cm.header_index]
        body = table.rows[cm.header_index + 1:cm.header_index + 1 + rows]
        info.update(header_row=cm.header_row, headers=cm.headers,
                    columns={f: cm.headers[i] for f, i in cm.columns.items()},
                    derived={f: list(p) for f, p in cm.derived.items()},
                    unmapped=[u.as_dict() for u in cm.unmapped])
    width = len(info["headers"])
    info["rows"] = [[(r.cells[i] if i < len(r.cells) else "") for i in range(width)] for r in body]
    info["total_rows"] = len(table.rows) - (table.rows.index(header) + 1)
    return info
