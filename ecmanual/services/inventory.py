"""Permission inventory: SaaS systems, their levels mapped to the standard levels, level policies.

Reads return plain dataclasses; every change runs in `db.write(actor, EDIT)` with an audit
entry. Changing a system's level mapping re-maps its stored accounts in the same transaction.
Account imports live in `inventory_import`, account links and marks in `inventory_accounts`.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..importers.values import clean, name_key
from ..persistence.models import (
    Account, AccountImport, Department, JobRole, LevelPolicy, SaasSystem, StandardLevel, Staff, SystemLevel,
)
from . import audit, search
from .context import Actor, Database
from .organisation import (
    apply_edit, create_record, delete_record, find_role, find_staff, get_record, require_name, require_unique_name,
)

logger = logging.getLogger(__name__)

SYSTEM_FIELDS = ("name", "vendor", "description", "owner_staff_id", "owner_role_id", "mfa_required", "dormant_days",
                 "active")


@dataclass(frozen=True)
class LevelInfo:
    """A system's own level name and the standard level it maps to."""

    name: str
    standard: str
    rank: int


@dataclass(frozen=True)
class PolicyInfo:
    """Who may hold a standard level (a department, a job role or anyone), in one system or all."""

    id: int
    level: str
    rank: int
    system: str | None
    party: str  # department or role name, or "*"
    party_kind: str  # department | role | anyone

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class SystemInfo:
    """A SaaS system with its owner, levels, policies and account counts."""

    id: int
    name: str
    vendor: str | None
    description: str | None
    owner_staff_id: int | None
    owner_staff: str | None
    owner_role_id: int | None
    owner_role: str | None
    mfa_required: bool
    dormant_days: int
    active: bool
    version: int
    column_mapping: dict | None = None
    levels: list[LevelInfo] = field(default_factory=list)
    policies: list[PolicyInfo] = field(default_factory=list)
    accounts: int = 0  # not removed
    last_import: datetime | None = None

    @property
    def owner(self) -> str | None:
        return self.owner_staff or self.owner_role

    def as_dict(self) -> dict:
        d = asdict(self)
        d["owner"] = self.owner
        return d


def find_system(s: Session, ref: str | int) -> SaasSystem:
    """A system by id (12 or #12) or name (width, case and spaces ignored)."""
    text = str(ref).strip()
    if text.lstrip("#").isdigit():
        return get_record(s, SaasSystem, int(text.lstrip("#")), "SaaS system")
    k = name_key(text)
    for x in s.scalars(select(SaasSystem).order_by(SaasSystem.id)):
        if name_key(x.name) == k:
            return x
    names = ", ".join(s.scalars(select(SaasSystem.name).order_by(SaasSystem.id)))
    raise NotFound(f"no SaaS system named {text!r}" + (f"; systems: {names}" if names else ""))


def standard_levels(s: Session) -> list[StandardLevel]:
    return list(s.scalars(select(StandardLevel).order_by(StandardLevel.rank.desc())))


def _policies(s: Session) -> list[PolicyInfo]:
    deps = dict(s.execute(select(Department.id, Department.name)).all())
    roles = dict(s.execute(select(JobRole.id, JobRole.name)).all())
    systems = dict(s.execute(select(SaasSystem.id, SaasSystem.name)).all())
    out = []
    for p, lv in s.execute(select(LevelPolicy, StandardLevel).join(StandardLevel)
                           .order_by(StandardLevel.rank.desc(), LevelPolicy.id)):
        kind, party = (("department", deps.get(p.department_id, "?")) if p.department_id else
                       ("role", roles.get(p.job_role_id, "?")) if p.job_role_id else ("anyone", "*"))
        out.append(PolicyInfo(p.id, lv.name, lv.rank, systems.get(p.system_id), party, kind))
    return out


def _info(s: Session, x: SaasSystem, policies: list[PolicyInfo], counts: dict, last: dict) -> SystemInfo:
    staff = s.get(Staff, x.owner_staff_id) if x.owner_staff_id else None
    role = s.get(JobRole, x.owner_role_id) if x.owner_role_id else None
    levels = [LevelInfo(n, std, rank) for n, std, rank in s.execute(
        select(SystemLevel.name, StandardLevel.name, StandardLevel.rank).join(StandardLevel)
        .where(SystemLevel.system_id == x.id).order_by(StandardLevel.rank.desc(), SystemLevel.id))]
    mine = [p for p in policies if p.system in (None, x.name)]
    return SystemInfo(x.id, x.name, x.vendor, x.description, x.owner_staff_id, staff.name if staff else None,
                      x.owner_role_id, role.name if role else None, x.mfa_required, x.dormant_days, x.active,
                      x.version, x.column_mapping, levels, mine, counts.get(x.id, 0), last.get(x.id))


def list_systems(db: Database, actor: Actor, *, include_inactive: bool = True) -> list[SystemInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        policies = _policies(s)
        counts = dict(s.execute(select(Account.system_id, func.count()).where(Account.status != "removed")
                                .group_by(Account.system_id)).all())
        last = dict(s.execute(select(AccountImport.system_id, func.max(AccountImport.imported_at))
                              .group_by(AccountImport.system_id)).all())
        q = select(SaasSystem).order_by(SaasSystem.id)
        if not include_inactive:
            q = q.where(SaasSystem.active.is_(True))
        return [_info(s, x, policies, counts, last) for x in s.scalars(q)]


def get_system(db: Database, actor: Actor, ref: str | int) -> SystemInfo:
    actor.require(Permission.VIEW)
    with db.read() as s:
        x = find_system(s, ref)
        counts = {x.id: s.scalar(select(func.count()).where(Account.system_id == x.id, Account.status != "removed"))}
        last = {x.id: s.scalar(select(func.max(AccountImport.imported_at)).where(AccountImport.system_id == x.id))}
        return _info(s, x, _policies(s), counts, last)


def _check_system(s: Session, values: dict, system_id: int | None = None) -> dict:
    if "name" in values:
        values["name"] = require_name(values["name"], "SaaS system")
        require_unique_name(s, SaasSystem, values["name"], "SaaS system", exclude=system_id)
    if values.get("owner_staff_id") is not None:
        get_record(s, Staff, values["owner_staff_id"], "staff member")
    if values.get("owner_role_id") is not None:
        get_record(s, JobRole, values["owner_role_id"], "job role")
    if "dormant_days" in values and not (isinstance(values["dormant_days"], int) and 1 <= values["dormant_days"] <= 3650):
        raise InputError("dormant days must be a whole number from 1 to 3650")
    return values


def create_system(db: Database, actor: Actor, name: str, **fields) -> SystemInfo:
    unknown = set(fields) - set(SYSTEM_FIELDS)
    if unknown:
        raise InputError(f"SaaS system: unknown fields {', '.join(sorted(unknown))}")
    with db.write(actor, Permission.EDIT, "add SaaS systems") as s:
        x = create_record(s, actor, SaasSystem(**_check_system(s, {"name": name, **fields})), "saas_system")
        search.index_record(s, "saas_system", x.id)
        return _info(s, x, _policies(s), {}, {})


def update_system(db: Database, actor: Actor, ref: str | int, *, expected_version: int | None = None,
                  **changes) -> SystemInfo:
    """Change a system; `owner` / `owner_role` may name the person or job role ('' clears it)."""
    with db.write(actor, Permission.EDIT, "edit SaaS systems") as s:
        x = find_system(s, ref)
        if "owner" in changes:
            owner = changes.pop("owner")
            changes["owner_staff_id"] = find_staff(s, owner).id if owner not in (None, "") else None
        if "owner_role" in changes:
            role = changes.pop("owner_role")
            changes["owner_role_id"] = find_role(s, role).id if role not in (None, "") else None
        if apply_edit(s, actor, x, "saas_system", _check_system(s, changes, x.id), SYSTEM_FIELDS, expected_version):
            search.index_record(s, "saas_system", x.id)
        return _info(s, x, _policies(s), {}, {})


def _standard(s: Session, name: str) -> StandardLevel:
    k = name_key(name)
    for lv in standard_levels(s):
        if k in (name_key(lv.name), name_key(lv.name_en or "")):
            return lv
    raise InputError(f"unknown standard level {name!r}; standard levels: "
                     + ", ".join(lv.name for lv in standard_levels(s)))


def set_levels(db: Database, actor: Actor, ref: str | int, levels: list[tuple[str, str]]) -> SystemInfo:
    """Replace a system's level names and their standard levels; stored accounts are re-mapped."""
    with db.write(actor, Permission.EDIT, "edit permission levels") as s:
        x = find_system(s, ref)
        wanted: dict[str, StandardLevel] = {}
        for name, standard in levels:
            text = clean(name)
            if not text:
                raise InputError("a level name is empty")
            if text in wanted:
                raise InputError(f"the level {text!r} is named twice")
            wanted[text] = _standard(s, standard)
        stored = {lv.name: lv for lv in s.scalars(select(SystemLevel).where(SystemLevel.system_id == x.id))}
        before = {n: lv.standard_level_id for n, lv in stored.items()}
        for n, lv in stored.items():
            if n not in wanted:
                s.delete(lv)
        for n, std in wanted.items():
            if n in stored:
                stored[n].standard_level_id = std.id
            else:
                s.add(SystemLevel(system_id=x.id, name=n, standard_level_id=std.id))
        after = {n: std.id for n, std in wanted.items()}
        if before != after:
            s.flush()
            remapped = _remap_accounts(s, x.id)
            audit.record(s, actor.username, "update", "saas_system", x.id, before={"levels": before},
                         after={"levels": after}, summary=f"levels of {x.name}: {len(after)} "
                                                          f"({remapped} accounts re-mapped)")
        return _info(s, x, _policies(s), {}, {})


def _remap_accounts(s: Session, system_id: int) -> int:
    """Point the system's accounts at the standard level of their level name (None when unmapped)."""
    from ..importers.accounts import LevelRef, LevelResolver

    resolver = LevelResolver(
        [LevelRef(n, sid, rank) for n, sid, rank in s.execute(
            select(SystemLevel.name, SystemLevel.standard_level_id, StandardLevel.rank).join(StandardLevel)
            .where(SystemLevel.system_id == system_id))],
        [LevelRef(lv.name, lv.id, lv.rank) for lv in standard_levels(s)]
        + [LevelRef(lv.name_en, lv.id, lv.rank) for lv in standard_levels(s) if lv.name_en])
    changed = 0
    for native, current in s.execute(select(Account.native_level, Account.standard_level_id)
                                     .where(Account.system_id == system_id).distinct()).all():
        ref = resolver.resolve(native)
        target = ref.standard_level_id if ref else None
        if target != current:
            changed += s.execute(update(Account).where(Account.system_id == system_id, Account.native_level == native)
                                 .values(standard_level_id=target, version=Account.version + 1)
                                 .execution_options(synchronize_session=False)).rowcount
    return changed


def list_policies(db: Database, actor: Actor) -> list[PolicyInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        return _policies(s)


def add_policy(db: Database, actor: Actor, level: str, *, department: str | None = None, role: str | None = None,
               anyone: bool = False, system: str | int | None = None) -> PolicyInfo:
    """Allow a department, a job role or anyone to hold a standard level (in one system, or all)."""
    actor.require(Permission.EDIT, "edit level policies")
    if sum(bool(x) for x in (department, role, anyone)) != 1:
        raise InputError("name exactly one of: a department, a job role, or anyone")
    with db.write(actor, Permission.EDIT, "edit level policies") as s:
        lv = _standard(s, level)
        system_id = find_system(s, system).id if system is not None else None
        cols: dict = {}
        if department:
            d = next((d for d in s.scalars(select(Department)) if name_key(d.name) == name_key(department)), None)
            if d is None:
                raise NotFound(f"no department named {department!r}")
            cols, key = {"department_id": d.id}, f"d:{d.id}"
        elif role:
            r = next((r for r in s.scalars(select(JobRole)) if name_key(r.name) == name_key(role)), None)
            if r is None:
                raise NotFound(f"no job role named {role!r}")
            cols, key = {"job_role_id": r.id}, f"r:{r.id}"
        else:
            key = "*"
        if s.scalar(select(LevelPolicy.id).where(LevelPolicy.standard_level_id == lv.id, LevelPolicy.party_key == key,
                                                 LevelPolicy.system_id.is_(None) if system_id is None
                                                 else LevelPolicy.system_id == system_id)):
            raise InputError("this policy already exists")
        p = create_record(s, actor, LevelPolicy(standard_level_id=lv.id, system_id=system_id, party_key=key, **cols),
                          "level_policy")
        return next(x for x in _policies(s) if x.id == p.id)


def remove_policy(db: Database, actor: Actor, policy_id: int) -> None:
    with db.write(actor, Permission.EDIT, "edit level policies") as s:
        delete_record(s, actor, get_record(s, LevelPolicy, policy_id, "level policy"), "level_policy")


def save_column_mapping(s: Session, actor: Actor, system: SaasSystem, mapping: dict[str, str | None]) -> bool:
    """Remember the column mapping of a system's exports (inside the caller's transaction)."""
    return apply_edit(s, actor, system, "saas_system", {"column_mapping": dict(mapping)}, ("column_mapping",))
