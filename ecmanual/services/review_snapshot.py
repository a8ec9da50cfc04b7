"""A review's frozen evidence: account snapshots, the rules' context, and stored findings.

The snapshot of every account is taken when the review starts, with the facts of the person
who answers for it (the linked staff member, else the owner of a shared/service account) on
the review date. Later imports never touch it; linking or marking an account while the review
is open refreshes that account's person facts and findings (the reviewer's own work).
Findings are computed by `domain.review_rules` with the review's start date as "today".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Text, delete, select, type_coerce
from sqlalchemy.orm import Session

from ..domain.review_rules import AccountSnapshot, LevelPolicyRule, SystemRules, compute_findings
from ..importers.values import JST
from ..persistence.models import (
    Account, AccountImport, Department, Finding, LevelPolicy, Review, ReviewAccount, ReviewSystem, RoleAssignment,
    SaasSystem, StandardLevel, Staff,
)
from .inventory_bulk import bulk_insert
from .organisation import is_current

CHUNK = 5000


def _iso_date(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(JST).date().isoformat()
    return value.isoformat()


def people_on(s: Session, on: date) -> dict[int, dict]:
    """Every person's facts on a day: name, status, leave date, department, current job roles."""
    roles: dict[int, list[int]] = {}
    for a in s.scalars(select(RoleAssignment)):
        if is_current(a, on):
            roles.setdefault(a.staff_id, []).append(a.job_role_id)
    deps = dict(s.execute(select(Department.id, Department.name)).all())
    return {p.id: {"person_id": p.id, "person": p.name, "person_status": p.status,
                   "leave_date": _iso_date(p.leave_date), "department_id": p.department_id,
                   "department": deps.get(p.department_id), "role_ids": sorted(set(roles.get(p.id, [])))}
            for p in s.scalars(select(Staff))}


NO_PERSON = {"person_id": None, "person": None, "person_status": None, "leave_date": None, "department_id": None,
             "department": None, "role_ids": []}


def person_of(people: dict[int, dict], staff_id: int | None, owner_id: int | None, owned: bool = True) -> dict:
    """The facts of whoever answers for an account: its person, else the owner of a shared/service account."""
    pid = staff_id if staff_id is not None else owner_id if owned else None
    return people.get(pid, NO_PERSON) if pid is not None else NO_PERSON


def take_snapshots(s: Session, on: date, account_ids: Iterable[int] | None = None) -> list[AccountSnapshot]:
    """Snapshots of the accounts not removed (all, or the given ones), by system then login."""
    people = people_on(s, on)
    t = Account.__table__
    q = (select(t.c.id, t.c.system_id, SaasSystem.name, t.c.login, t.c.email, t.c.display_name, t.c.native_level,
                StandardLevel.name, StandardLevel.rank, t.c.mfa_enabled, t.c.last_login_at, t.c.status,
                t.c.first_seen_at, t.c.staff_id, t.c.link_status, t.c.is_shared, t.c.is_service, t.c.owner_staff_id)
         .join(SaasSystem, SaasSystem.id == t.c.system_id)
         .outerjoin(StandardLevel, StandardLevel.id == t.c.standard_level_id)
         .where(t.c.status != "removed", SaasSystem.active.is_(True)).order_by(SaasSystem.id, t.c.login))
    if account_ids is not None:
        q = q.where(t.c.id.in_(list(account_ids)))
    out = []
    for (aid, sid, system, login, email, name, native, level, rank, mfa, last, status, first, staff_id, link,
         shared, service, owner) in s.execute(q):
        out.append(AccountSnapshot(
            aid, sid, system, login, email, name, native, level, rank, mfa,
            last.astimezone(JST).isoformat(timespec="seconds") if last else None, status, _iso_date(first),
            staff_id, link, bool(shared), bool(service), owner,
            **person_of(people, staff_id, owner, bool(shared or service))))
    return out


def rules_context(s: Session, review: Review, account_ids: Iterable[int] | None = None) -> dict:
    """Keyword arguments for `compute_findings` besides the accounts: systems, policies, the
    previous review's ranks (of the given accounts, or all) and the systems it covered."""
    systems = {}
    for x in s.scalars(select(SaasSystem)):
        fields = s.scalar(select(AccountImport.summary).where(AccountImport.system_id == x.id)
                          .order_by(AccountImport.id.desc()).limit(1))
        tracks = "last_login" in (fields or {}).get("fields", ["last_login"])
        systems[x.id] = SystemRules(x.id, x.mfa_required, x.dormant_days, tracks)
    policies = [LevelPolicyRule(lv.name, lv.rank, p.system_id, p.department_id, p.job_role_id, p.party_key == "*")
                for p, lv in s.execute(select(LevelPolicy, StandardLevel).join(StandardLevel))]
    top = s.scalar(select(StandardLevel.rank).order_by(StandardLevel.rank.desc()).limit(1))
    prev = previous_review(s, review)
    previous: dict[int, int | None] = {}
    covered: list[int] = []
    if prev is not None:
        q = select(ReviewAccount.account_id, ReviewAccount.snapshot["rank"].as_integer()).where(
            ReviewAccount.review_id == prev.id)
        if account_ids is not None:
            q = q.where(ReviewAccount.account_id.in_(list(account_ids)))
        previous = dict(s.execute(q).all())
        covered = list(s.scalars(select(ReviewSystem.system_id).where(ReviewSystem.review_id == prev.id)))
    return {"systems": systems, "policies": policies, "top_rank": top, "previous": previous,
            "previous_systems": covered}


def previous_review(s: Session, review: Review) -> Review | None:
    """The review started before this one (by start date, then creation)."""
    q = (select(Review).where((Review.started_on < review.started_on)
                              | ((Review.started_on == review.started_on) & (Review.id < review.id)))
         .order_by(Review.started_on.desc(), Review.id.desc()).limit(1))
    return s.scalar(q)


def store_findings(s: Session, review: Review, snapshots: list[AccountSnapshot], ra_ids: dict[int, int],
                   *, replace_all: bool = True) -> int:
    """Compute the findings of these snapshots and store them (replacing the review's, or theirs)."""
    ids = None if replace_all else [a.account_id for a in snapshots]
    ctx = rules_context(s, review, ids)
    found = compute_findings(snapshots, today=review.started_on, **ctx)
    conn = s.connection()
    t = Finding.__table__
    wanted = {(ra_ids[f.account_id], f.kind, f.detail) for f in found}
    q = select(t.c.review_account_id, t.c.kind, t.c.detail, t.c.id).where(t.c.review_id == review.id)
    if replace_all:
        stored = _plain_rows(conn, q)
    else:
        targets = [ra_ids[a] for a in ids]
        stored = [r for i in range(0, len(targets), CHUNK)
                  for r in _plain_rows(conn, q.where(t.c.review_account_id.in_(targets[i:i + CHUNK])))]
    # Only what changed is written: a recompute that finds the same leaves the table untouched.
    stale = [r[3] for r in stored if r[:3] not in wanted]
    kept = {r[:3] for r in stored}
    for i in range(0, len(stale), CHUNK):
        conn.execute(delete(t).where(t.c.id.in_(stale[i:i + CHUNK])))
    rows = [key for key in wanted if key not in kept]
    rows.sort()
    for i in range(0, len(rows), CHUNK):
        bulk_insert(conn, t, ("review_account_id", "kind", "detail"), rows[i:i + CHUNK], {"review_id": review.id})
    return len(found)


def _plain_rows(conn, q) -> list[tuple]:
    """The rows of a query of plain columns (integers, texts) as tuples. On SQLite straight from
    the driver's cursor: no result-row objects for the 200,000+ findings of a large review."""
    if conn.dialect.name != "sqlite":
        return [tuple(r) for r in conn.execute(q)]
    compiled = q.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(str(compiled), [compiled.params[k] for k in compiled.positiontup])
        return cursor.fetchall()
    finally:
        cursor.close()


def load_snapshots(s: Session, review_id: int) -> tuple[list[AccountSnapshot], dict[int, int]]:
    """A review's frozen snapshots and account id -> review_account id (Core rows: no ORM objects)."""
    t = ReviewAccount.__table__
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        # The stored JSON texts decoded by one json.loads of one array, not one call per row
        # through the column type (the decode dominated a recompute at 100,000 accounts).
        raw = conn.execute(select(t.c.id, type_coerce(t.c.snapshot, Text)).where(t.c.review_id == review_id)).all()
        ids = [rid for rid, _ in raw]
        dicts = []
        for i in range(0, len(raw), CHUNK):  # chunks: one huge decode would hold the GIL for long
            dicts += json.loads("[" + ",".join(text or "null" for _, text in raw[i:i + CHUNK]) + "]")
    else:
        rows = conn.execute(select(t.c.id, t.c.snapshot).where(t.c.review_id == review_id)).all()
        ids, dicts = [rid for rid, _ in rows], [snap for _, snap in rows]
    snaps = [AccountSnapshot.from_dict(snap) for snap in dicts]
    return snaps, {a.account_id: rid for rid, a in zip(ids, snaps)}


def snapshot_review(s: Session, review: Review, progress=None, cancel=None) -> tuple[int, int]:
    """Freeze every account into the review and compute its findings; returns (accounts, findings)."""
    snapshots = take_snapshots(s, review.started_on)
    conn = s.connection()
    t = ReviewAccount.__table__
    rows = [(a.account_id, a.system_id, a.as_dict(compact=True)) for a in snapshots]
    for i in range(0, len(rows), CHUNK):
        bulk_insert(conn, t, ("account_id", "system_id", "snapshot"), rows[i:i + CHUNK],
                    {"review_id": review.id, "version": 1})
        if cancel:
            cancel.check()
        if progress:
            progress(i + len(rows[i:i + CHUNK]), len(rows), "freezing accounts")
    ra_ids = dict(conn.execute(select(t.c.account_id, t.c.id).where(t.c.review_id == review.id)).all())
    return len(rows), store_findings(s, review, snapshots, ra_ids)


def refresh_people(s: Session, account_ids: list[int]) -> None:
    """Update the open reviews' snapshots of these accounts after a link or mark, and their findings."""
    open_reviews = list(s.scalars(select(Review).join(ReviewAccount, ReviewAccount.review_id == Review.id)
                                  .where(Review.status == "open", ReviewAccount.account_id.in_(account_ids))
                                  .distinct()))
    for review in open_reviews:
        people = people_on(s, review.started_on)
        changed = []
        for ra in s.scalars(select(ReviewAccount).where(ReviewAccount.review_id == review.id,
                                                         ReviewAccount.account_id.in_(account_ids))):
            acc = s.get(Account, ra.account_id)
            snap = AccountSnapshot.from_dict(ra.snapshot)
            snap.staff_id, snap.link_status = acc.staff_id, acc.link_status
            snap.is_shared, snap.is_service, snap.owner_staff_id = acc.is_shared, acc.is_service, acc.owner_staff_id
            for k, v in person_of(people, acc.staff_id, acc.owner_staff_id, acc.is_shared or acc.is_service).items():
                setattr(snap, k, v)
            if snap.as_dict(compact=True) != ra.snapshot:
                ra.snapshot = snap.as_dict(compact=True)
                changed.append((ra.id, snap))
        if changed:
            s.flush()
            store_findings(s, review, [snap for _, snap in changed], {snap.account_id: rid for rid, snap in changed},
                           replace_all=False)
