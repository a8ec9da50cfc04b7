"""Plan a staff import: match file rows to existing staff and work out what changes.

Pure: takes the parsed file and plain snapshots of the stored staff and departments, and
returns the plan plus row errors added to the parsed file. The organisation service loads
the snapshots, calls this and applies the plan in one transaction.

Rules
- A row is the stored person with the same email; without an email match, the one stored
  person with the same name and kana (normalised: spaces, width and hiragana/katakana
  ignored; kana compared only when both sides have one). A same-name person whose stored
  email differs from the row's is a different person (a warning says so).
- A blank cell leaves the stored value as it is; clearing is done in the app.
- Without a status column value, a leave date on or before today means status `left`.
- 部署 must name an existing department (name or English name); 上長 names a person by
  email or by name, in the file or already stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import jaconv

from .result import ParsedFile, Record
from .values import name_key

COLUMNS = ("name", "kana", "email", "department_id", "manager_id", "employment_type", "hire_date",
           "leave_date", "status", "notes")
_DIRECT = ("name", "kana", "email", "employment_type", "hire_date", "leave_date", "status", "notes")


@dataclass(frozen=True)
class KnownStaff:
    """A stored person, as plain data."""

    id: int
    name: str
    kana: str | None = None
    email: str | None = None
    department_id: int | None = None
    manager_id: int | None = None
    employment_type: str | None = None
    hire_date: date | None = None
    leave_date: date | None = None
    status: str = "active"
    notes: str | None = None


@dataclass(frozen=True)
class KnownDepartment:
    """A stored department, as plain data."""

    id: int
    name: str
    name_en: str | None = None


@dataclass
class PlannedRow:
    """What one file row does: add a person or change some columns of a stored one."""

    row: int
    staff_id: int | None  # None: a new person
    changes: dict[str, Any]  # model column -> new value (except manager_id)
    manager_ref: tuple[str, int] | None = None  # new manager: ("id", staff id) or ("row", row number)


@dataclass
class StaffPlan:
    """What an import would do, row by row; nothing is applied here."""

    added: list[PlannedRow] = field(default_factory=list)
    updated: list[PlannedRow] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)  # row numbers
    warnings: list[str] = field(default_factory=list)


def _kana(value: str | None) -> str | None:
    return jaconv.hira2kata(value) if value else value


def _match(rec: Record, by_name: dict[str, list[KnownStaff]], by_email: dict[str, KnownStaff],
           parsed: ParsedFile, plan: StaffPlan) -> KnownStaff | None:
    email = rec["email"]
    if email and email in by_email:
        return by_email[email]
    kk = name_key(rec["kana"]) if rec["kana"] else None
    found = [s for s in by_name.get(name_key(rec["name"]), [])
             if kk is None or not s.kana or name_key(s.kana) == kk]
    if email:
        others = [s for s in found if s.email and s.email != email]
        for s in others:
            plan.warnings.append(f"row {rec.row}: {rec['name']} has the same name as stored staff #{s.id} "
                                 f"({s.email}) but a different email; added as a different person")
        found = [s for s in found if not s.email]
    if len(found) > 1:
        ids = ", ".join(f"#{s.id}" for s in found)
        parsed.add_error(rec.row, "name", f"{rec['name']} matches several stored staff ({ids}); "
                                          "add an email column to tell them apart")
        return None
    return found[0] if found else None


def _department(rec: Record, departments: list[KnownDepartment], parsed: ParsedFile) -> int | None:
    name = rec["department"]
    k = name_key(name)
    for d in departments:
        if k and (k == name_key(d.name) or (d.name_en and k == name_key(d.name_en))):
            return d.id
    known = ", ".join(d.name for d in departments[:12]) + (" …" if len(departments) > 12 else "")
    parsed.add_error(rec.row, "department", f"unknown department {name!r}; add it first"
                     + (f" (known: {known})" if known else " (no departments are stored yet)"))
    return None


def plan_staff_import(parsed: ParsedFile, staff: list[KnownStaff], departments: list[KnownDepartment],
                      today: date) -> StaffPlan:
    """Match rows, resolve departments and managers; row problems go to `parsed.errors`."""
    plan = StaffPlan()
    by_email = {s.email: s for s in staff if s.email}
    by_name: dict[str, list[KnownStaff]] = {}
    for s in staff:
        by_name.setdefault(name_key(s.name), []).append(s)
    matched: dict[int, int] = {}  # staff id -> row
    targets: dict[int, tuple[str, int]] = {}  # row -> ("id", staff id) | ("row", row)
    existing_of: dict[int, KnownStaff | None] = {}
    new_names: dict[tuple[str, str | None], int] = {}
    records = [r for r in parsed.records if r.ok]
    for rec in records:
        s = _match(rec, by_name, by_email, parsed, plan)
        if s is not None:
            if s.id in matched:
                parsed.add_error(rec.row, "name", f"row {matched[s.id]} and row {rec.row} are both stored staff #{s.id}")
                continue
            matched[s.id] = rec.row
            targets[rec.row] = ("id", s.id)
        else:
            k = (name_key(rec["name"]), name_key(rec["kana"]) if rec["kana"] else None)
            if not rec["email"] and k in new_names:
                parsed.add_error(rec.row, "name", f"same name as row {new_names[k]} and no email to tell them apart")
                continue
            new_names.setdefault(k, rec.row)
            targets[rec.row] = ("row", rec.row)
        existing_of[rec.row] = s
    people = _people_index(records, targets, staff)
    for rec in records:
        if rec.row not in targets:
            continue
        s = existing_of[rec.row]
        values: dict[str, Any] = {c: rec[c] for c in _DIRECT if rec.has(c) and rec[c] is not None}
        if "kana" in values:
            values["kana"] = _kana(values["kana"])
        if rec.has("department") and rec["department"] is not None:
            values["department_id"] = _department(rec, departments, parsed)
        if not values.get("status") and values.get("leave_date") and values["leave_date"] <= today:
            values["status"] = "left"
        manager_ref = _manager(rec, people, targets[rec.row], parsed) if rec["manager"] else None
        if s is None:
            values.setdefault("status", "active")
            plan.added.append(PlannedRow(rec.row, None, values, manager_ref))
            continue
        changes = {c: v for c, v in values.items() if getattr(s, c) != v}
        if manager_ref == ("id", s.manager_id):
            manager_ref = None
        if changes or manager_ref:
            plan.updated.append(PlannedRow(rec.row, s.id, changes, manager_ref))
        else:
            plan.unchanged.append(rec.row)
    return plan


def _people_index(records: list[Record], targets: dict[int, tuple[str, int]],
                  staff: list[KnownStaff]) -> dict[str, set[tuple[str, int]]]:
    """Email and name keys -> the people (stored ids or new rows) they name."""
    index: dict[str, set[tuple[str, int]]] = {}
    for s in staff:
        if s.email:
            index.setdefault(s.email, set()).add(("id", s.id))
        index.setdefault(name_key(s.name), set()).add(("id", s.id))
    for rec in records:
        t = targets.get(rec.row)
        if t is None:
            continue
        if rec["email"]:
            index.setdefault(rec["email"], set()).add(t)
        index.setdefault(name_key(rec["name"]), set()).add(t)
    return index


def _manager(rec: Record, people: dict[str, set[tuple[str, int]]], me: tuple[str, int],
             parsed: ParsedFile) -> tuple[str, int] | None:
    text = rec["manager"]
    k = text.lower() if "@" in text else name_key(text)
    found = people.get(k, set())
    if not found:
        parsed.add_error(rec.row, "manager", f"unknown manager {text!r}: no such person in the file or stored")
        return None
    if len(found) > 1:
        parsed.add_error(rec.row, "manager", f"manager {text!r} names several people; use the email address")
        return None
    ref = next(iter(found))
    if ref == me:
        parsed.add_error(rec.row, "manager", "a person cannot be their own manager")
        return None
    return ref
