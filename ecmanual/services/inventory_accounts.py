"""Accounts as imported: listing, linking to staff, shared and service accounts.

Imports link new accounts by email (auto) or by a unique name/kana match (uncertain). The
reviewer confirms or corrects links here; `link_status` becomes `confirmed`, also when they
confirm that an account belongs to nobody on the staff list. Every change is audited and
refreshes the account's person facts and findings in an open review.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select, update

from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..persistence.models import Account, SaasSystem, StandardLevel, Staff
from . import audit
from .context import Actor, Database
from .inventory import find_system
from .inventory_import import staff_matcher
from .organisation import find_staff
from .records import get_record
from .review_snapshot import refresh_people

LINK_STATUSES = ("none", "auto", "uncertain", "confirmed")


@dataclass(frozen=True)
class AccountInfo:
    """An account as last imported, with its person."""

    id: int
    system: str
    login: str
    email: str | None
    display_name: str | None
    native_level: str | None
    level: str | None
    mfa_enabled: bool | None
    last_login_at: datetime | None
    status: str
    staff_id: int | None
    staff: str | None
    link_status: str
    is_shared: bool
    is_service: bool
    owner_staff_id: int | None
    owner: str | None
    first_seen_at: datetime | None
    removed_at: datetime | None
    version: int

    def as_dict(self) -> dict:
        return asdict(self)


def list_accounts(db: Database, actor: Actor, system: str | int | None = None, *, include_removed: bool = False,
                  link_status: str | None = None, account_id: int | None = None) -> list[AccountInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        names = dict(s.execute(select(Staff.id, Staff.name)).all())
        q = (select(Account, SaasSystem.name, StandardLevel.name).join(SaasSystem)
             .outerjoin(StandardLevel, StandardLevel.id == Account.standard_level_id)
             .order_by(SaasSystem.id, Account.login))
        if system is not None:
            q = q.where(Account.system_id == find_system(s, system).id)
        if not include_removed:
            q = q.where(Account.status != "removed")
        if link_status is not None:
            q = q.where(Account.link_status == link_status)
        if account_id is not None:
            q = q.where(Account.id == account_id)
        return [AccountInfo(a.id, sname, a.login, a.email, a.display_name, a.native_level, level, a.mfa_enabled,
                            a.last_login_at, a.status, a.staff_id, names.get(a.staff_id), a.link_status, a.is_shared,
                            a.is_service, a.owner_staff_id, names.get(a.owner_staff_id), a.first_seen_at,
                            a.removed_at, a.version)
                for a, sname, level in s.execute(q)]


def find_account(s, ref: str | int, system: str | int | None = None) -> Account:
    """An account by id, or by login (with the system when several systems have it)."""
    text = str(ref).strip()
    if text.lstrip("#").isdigit():
        return get_record(s, Account, int(text.lstrip("#")), "account")
    q = select(Account).where(Account.login == text.lower())
    if system is not None:
        q = q.where(Account.system_id == find_system(s, system).id)
    found = list(s.scalars(q))
    if not found:
        raise NotFound(f"no account {text}")
    if len(found) > 1:
        raise InputError(f"{text} is an account in several systems; give the system or the account id")
    return found[0]


def _save(s, actor: Actor, a: Account, changes: dict, summary: str) -> bool:
    before = audit.snapshot(a, exclude=("created_at", "updated_at", "extra"))
    for k, v in changes.items():
        setattr(a, k, v)
    after = audit.snapshot(a, exclude=("created_at", "updated_at", "extra"))
    if after == before:
        return False
    s.flush()
    audit.record(s, actor.username, "update", "account", a.id, before=before, after=after, summary=summary)
    refresh_people(s, [a.id])
    return True


def link_account(db: Database, actor: Actor, account: str | int, person: str | int | None, *,
                 system: str | int | None = None) -> AccountInfo:
    """Link an account to a person (confirmed), or confirm it belongs to nobody on the staff list (None)."""
    with db.write(actor, Permission.EDIT, "link accounts") as s:
        a = find_account(s, account, system)
        p = find_staff(s, person) if person not in (None, "") else None
        _save(s, actor, a, {"staff_id": p.id if p else None, "link_status": "confirmed"},
              f"account {a.login}: " + (f"linked to {p.name}" if p else "confirmed as not a staff member's"))
    return _one(db, actor, a.id)


def confirm_link(db: Database, actor: Actor, account: str | int, *, system: str | int | None = None) -> AccountInfo:
    """Accept an automatic or uncertain link as it is."""
    with db.write(actor, Permission.EDIT, "link accounts") as s:
        a = find_account(s, account, system)
        if a.staff_id is None:
            raise InputError(f"{a.login} is not linked to anyone; link it to a person")
        _save(s, actor, a, {"link_status": "confirmed"}, f"account {a.login}: link confirmed")
    return _one(db, actor, a.id)


def mark_account(db: Database, actor: Actor, account: str | int, *, shared: bool | None = None,
                 service: bool | None = None, owner: str | int | None = None,
                 system: str | int | None = None) -> AccountInfo:
    """Mark an account as shared or as a service account, with the person who owns it
    (marking it personal, neither, drops the owner)."""
    if shared and service:
        raise InputError("an account is either shared or a service account, not both")
    with db.write(actor, Permission.EDIT, "mark accounts") as s:
        a = find_account(s, account, system)
        changes: dict = {}
        if shared is not None:
            changes["is_shared"] = shared
            if shared:
                changes["is_service"] = False
        if service is not None:
            changes["is_service"] = service
            if service:
                changes["is_shared"] = False
        if owner is not None:
            changes["owner_staff_id"] = find_staff(s, owner).id if owner != "" else None
        if shared is False and service is False:  # a personal account answers through its linked person
            changes["owner_staff_id"] = None
        kinds = [k for k, on in (("shared", changes.get("is_shared", a.is_shared)),
                                 ("service", changes.get("is_service", a.is_service))) if on]
        _save(s, actor, a, changes, f"account {a.login}: {'/'.join(kinds) or 'personal'} account")
    return _one(db, actor, a.id)


def auto_link(db: Database, actor: Actor, system: str | int | None = None) -> dict:
    """Link accounts nobody has linked yet by email (auto) or a unique name (uncertain)."""
    with db.write(actor, Permission.EDIT, "link accounts") as s:
        matcher = staff_matcher(s)
        q = select(Account.id, Account.email, Account.display_name, Account.login).where(
            Account.staff_id.is_(None), Account.link_status == "none", Account.status != "removed")
        if system is not None:
            q = q.where(Account.system_id == find_system(s, system).id)
        found = {"auto": 0, "uncertain": 0}
        linked = []
        for aid, email, name, login in s.execute(q).all():
            staff_id, how = matcher.match(email, name, login)
            if staff_id is not None:
                s.execute(update(Account).where(Account.id == aid).values(
                    staff_id=staff_id, link_status=how, version=Account.version + 1))
                found[how] += 1
                linked.append(aid)
        if linked:
            audit.record(s, actor.username, "update", "account", None, after={"linked": linked, **found},
                         summary=f"accounts linked to staff: {found['auto']} by email, {found['uncertain']} by name")
            refresh_people(s, linked)
        return found


def _one(db: Database, actor: Actor, account_id: int) -> AccountInfo:
    return list_accounts(db, actor, include_removed=True, account_id=account_id)[0]
