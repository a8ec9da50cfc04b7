"""Reading a review: its account rows with findings and decisions, the findings list, and the
comparison with the previous review."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select

from ..domain.permissions import Permission
from ..domain.review_rules import KINDS, AccountSnapshot, compare_snapshots
from ..persistence.models import AppUser, Finding, RemediationTask, ReviewAccount
from .context import Actor, Database
from .inventory import find_system
from .review_snapshot import load_snapshots, previous_review
from .reviews import find_review


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One frozen account of a review with its findings and decision (plain data for tables)."""

    review_account_id: int
    account_id: int
    system_id: int
    system: str
    login: str
    name: str | None
    email: str | None
    native_level: str | None
    level: str | None
    rank: int | None
    mfa: bool | None
    last_login: str | None
    status: str
    person: str | None
    department: str | None
    link_status: str
    staff_id: int | None
    owner_staff_id: int | None
    is_shared: bool
    is_service: bool
    findings: tuple[str, ...]
    details: tuple[str, ...]
    decision: str | None
    reason: str | None
    target_level: str | None
    decided_by: str | None
    decided_at: datetime | None
    remediation: str | None  # open | closed | None

    def as_dict(self) -> dict:
        return asdict(self)


def short_time(iso: str | None) -> str:
    """2026-09-30T10:15:00+09:00 -> 2026-09-30 10:15 (the date alone when the export gave no time)."""
    if not iso:
        return ""
    return iso[:10] if iso[10:19] in ("", "T00:00:00") else iso[:16].replace("T", " ")


def _findings(s, review_id: int) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    order = {k: i for i, k in enumerate(KINDS)}
    t = Finding.__table__
    for ra_id, kind, detail in s.connection().execute(select(t.c.review_account_id, t.c.kind, t.c.detail)
                                                      .where(t.c.review_id == review_id)):
        out.setdefault(ra_id, []).append((kind, detail or ""))
    for v in out.values():
        v.sort(key=lambda kd: order.get(kd[0], 99))
    return out


def review_rows(db: Database, actor: Actor, period: str | int, system: str | int | None = None, *,
                review_account_ids: list[int] | None = None) -> list[ReviewRow]:
    """The review's accounts (all, one system's, or the given ones), by system and login."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        r = find_review(s, period)
        names = {u.id: u.display_name or u.username for u in s.scalars(select(AppUser))}
        found = _findings(s, r.id)
        tasks: dict[int, str] = {}
        for ra_id, status in s.execute(select(RemediationTask.review_account_id, RemediationTask.status)
                                       .join(ReviewAccount).where(ReviewAccount.review_id == r.id)):
            if tasks.get(ra_id) != "open":
                tasks[ra_id] = status
        ra = ReviewAccount
        q = select(ra.id, ra.account_id, ra.system_id, ra.system, ra.login, ra.name, ra.email, ra.native_level,
                   ra.level, ra.rank, ra.mfa, ra.last_login, ra.status, ra.person, ra.department, ra.link_status,
                   ra.staff_id, ra.owner_staff_id, ra.is_shared, ra.is_service, ra.decision, ra.reason,
                   ra.target_level, ra.decided_by_user_id, ra.decided_at).where(ra.review_id == r.id)
        if system is not None:
            q = q.where(ra.system_id == find_system(s, system).id)
        if review_account_ids is not None:
            q = q.where(ra.id.in_(review_account_ids))
        rows = []
        # One string object per distinct value of the repetitive fields (systems, levels,
        # departments…): at 100,000 accounts the fetched copies cost tens of MB.
        shared: dict = {}
        keep = shared.setdefault

        def k(value):
            return keep(value, value) if value is not None else None

        for (ra_id, aid, sid, system_name, login, name, email, native, level, rank, mfa, last, status, person, dept,
             link, staff, owner, is_shared, is_service, decision, reason, target, by, at) in s.connection().execute(q):
            f = found.get(ra_id, ())
            rows.append(ReviewRow(ra_id, aid, sid, k(system_name), login, name, email, k(native), k(level), rank,
                                  mfa, last, k(status), k(person), k(dept), k(link), staff, owner, bool(is_shared),
                                  bool(is_service), tuple(k for k, _ in f), tuple(d for _, d in f),
                                  decision, reason, target, names.get(by), at, tasks.get(ra_id)))
        rows.sort(key=lambda x: (x.system_id, x.login))
        return rows


def list_findings(db: Database, actor: Actor, period: str | int) -> list[dict]:
    """Every finding as {account, system, kind, detail, login, name, decision}, by system, login and kind."""
    actor.require(Permission.VIEW)
    order = {k: i for i, k in enumerate(KINDS)}
    with db.read() as s:
        r = find_review(s, period)
        q = (select(Finding.kind, Finding.detail, ReviewAccount.account_id, ReviewAccount.system_id,
                    ReviewAccount.system, ReviewAccount.login, ReviewAccount.name, ReviewAccount.decision)
             .join(ReviewAccount, ReviewAccount.id == Finding.review_account_id).where(Finding.review_id == r.id))
        shared: dict[str, str] = {}  # one string object per distinct system name and kind
        keep = shared.setdefault
        out = [{"account": aid, "system": keep(system, system), "kind": keep(kind, kind), "detail": detail,
                "login": login, "name": name, "decision": decision, "_order": (sid, login, order.get(kind, 99))}
               for kind, detail, aid, sid, system, login, name, decision in s.connection().execute(q)]
    out.sort(key=lambda f: f.pop("_order"))
    return out


def compare(db: Database, actor: Actor, period: str | int) -> dict:
    """Added, removed and level changes per system since the previous review."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        r = find_review(s, period)
        prev = previous_review(s, r)

        def snaps(review_id: int) -> list[AccountSnapshot]:
            return load_snapshots(s, review_id)[0]
        current = snaps(r.id)
        systems = compare_snapshots(snaps(prev.id), current) if prev else []
        return {"period": r.period, "previous": prev.period if prev else None,
                "systems": [x.as_dict() for x in systems],
                "totals": {k: sum(len(x.as_dict()[k]) for x in systems) for k in ("added", "removed", "level_changes")}}
