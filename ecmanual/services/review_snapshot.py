"""A review's frozen evidence: account snapshots, the rules' context, and stored findings.

The snapshot of every account is taken when the review starts, with the facts of the person
who answers for it (the linked staff member, else the owner of a shared/service account) on
the review date. Later imports never touch it; linking or marking an account while the review
is open refreshes that account's person facts and findings (the reviewer's own work).
Findings are computed by `domain.review_rules` with the review's start date as "today".
"""

from __future__ import annotations

import gc
import json
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import partial
from hashlib import blake2b
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import Text, bindparam, delete, func, select, type_coerce, update
from sqlalchemy.orm import Session

from ..domain.review_rules import (
    RULE_FIELDS,
    SNAPSHOT_FIELDS,
    AccountSnapshot,
    FindingOut,
    LevelPolicyRule,
    RuleFacts,
    SystemRules,
    compute_findings,
)
from ..importers.values import JST
from ..persistence.models import (
    Account,
    AccountImport,
    Department,
    Finding,
    LevelPolicy,
    Review,
    ReviewAccount,
    ReviewSystem,
    RoleAssignment,
    SaasSystem,
    Staff,
    StandardLevel,
)
from .inventory_bulk import bulk_insert
from .organisation import is_current

CHUNK = 5000
# The snapshot's own columns of review_account (account_id and system_id are the row's anyway);
# left out of the audit trail of a decision, as the snapshot document was.
SNAPSHOT_COLUMNS = (*(f for f in SNAPSHOT_FIELDS if f not in ("account_id", "system_id")), "snapshot_extra")


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: a recompute makes a million small tuples, none in a
    cycle, and each full collection on the way walks them all (a third of the time otherwise)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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
        q = select(ReviewAccount.account_id, ReviewAccount.rank).where(ReviewAccount.review_id == prev.id)
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


def system_digests(found: list[FindingOut], system_of: dict[int, int]) -> dict[int, int]:
    """A stable 64-bit digest of each system's findings, in the order given (the rules' order,
    accounts by review_account id): account ids, kinds, detail lengths and details, hashed in
    C-level passes over each run of one system's findings."""
    systems = list(map(system_of.__getitem__, map(itemgetter(0), found)))
    hashes: dict[int, Any] = {}
    i = 0
    for sid, run in groupby(systems):
        n = len(list(run))
        aids, kinds, details = zip(*found[i:i + n])
        i += n
        h = hashes.get(sid) or hashes.setdefault(sid, blake2b(digest_size=8))
        h.update(array("q", aids).tobytes())
        h.update("\x1f".join(kinds).encode())
        h.update(array("q", map(len, details)).tobytes())
        h.update("".join(details).encode("utf-16-le", "surrogatepass"))  # near a copy of the str's own buffer
    return {sid: _as_int(h) for sid, h in hashes.items()}


def _as_int(h) -> int:
    return int.from_bytes(h.digest(), "big", signed=True)


NO_FINDINGS = _as_int(blake2b(digest_size=8))


def store_findings(s: Session, review: Review, snapshots: list[AccountSnapshot] | list[RuleFacts],
                   ra_ids: dict[int, int], *, replace_all: bool = True) -> int:
    """Compute the findings of these snapshots and store them (replacing the review's, or theirs).

    Only what changed is written: a recompute that finds the same leaves the table untouched.
    A full recompute reads back the stored findings only of the systems whose digest
    (`review_system.findings_digest`, written here only, like the findings) differs; a partial
    one compares its accounts' rows and clears their systems' digests."""
    ids = None if replace_all else [a.account_id for a in snapshots]
    ctx = rules_context(s, review, ids)
    found = compute_findings(snapshots, today=review.started_on, **ctx)
    conn = s.connection()
    t, st = Finding.__table__, ReviewSystem.__table__
    system_of = {a.account_id: a.system_id for a in snapshots}
    if replace_all:
        digests = dict.fromkeys(set(system_of.values()), NO_FINDINGS) | system_digests(found, system_of)
        q = select(st.c.system_id, st.c.findings_digest).where(st.c.review_id == review.id)
        known = dict(conn.execute(q).all())
        changed = {sid for sid, d in digests.items() if known.get(sid) != d}
        if not changed:  # and a cheap check that nothing else added or removed rows
            count = conn.execute(select(func.count()).select_from(t).where(t.c.review_id == review.id)).scalar()
            changed = set(digests) if count != len(found) else changed
        if not changed:
            return len(found)
    else:
        digests, changed = {}, set(system_of.values())
    ra_of = ra_ids.__getitem__
    wanted = {(ra_of(aid), kind, detail) for aid, kind, detail in found if system_of[aid] in changed}
    q = select(t.c.review_account_id, t.c.kind, t.c.detail, t.c.id).where(t.c.review_id == review.id)
    if replace_all and len(changed) == len(digests):
        stored = _plain_rows(conn, q)
    else:
        accounts = sorted(ra_ids[a] for a, sid in system_of.items() if sid in changed)
        stored = _in_chunks(conn, q, t.c.review_account_id, accounts)
    stale = [r[3] for r in stored if tuple(r[:3]) not in wanted]
    kept = {tuple(r[:3]) for r in stored}
    for i in range(0, len(stale), CHUNK):
        conn.execute(delete(t).where(t.c.id.in_(stale[i:i + CHUNK])))
    rows = sorted(wanted - kept)
    for i in range(0, len(rows), CHUNK):
        bulk_insert(conn, t, ("review_account_id", "kind", "detail"), rows[i:i + CHUNK], {"review_id": review.id})
    conn.execute(update(st).where(st.c.review_id == review.id, st.c.system_id == bindparam("sid"))
                 .values(findings_digest=bindparam("digest")),
                 [{"sid": sid, "digest": digests.get(sid)} for sid in sorted(changed)])
    return len(found)


def _in_chunks(conn, q, column, values: list) -> list[tuple]:
    """The rows of `q` with `column` in `values`, CHUNK values per query."""
    return [r for i in range(0, len(values), CHUNK) for r in _plain_rows(conn, q.where(column.in_(values[i:i + CHUNK])))]


def _plain_rows(conn, q) -> list[tuple]:
    """The rows of a query of plain columns (integers, texts) as tuples. On SQLite straight from
    the driver's cursor: no result-row objects for the 200,000+ findings of a large review
    (booleans come as 0/1 and JSON as its text there)."""
    if conn.dialect.name != "sqlite":
        return [tuple(r) for r in conn.execute(q)]
    compiled = q.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(str(compiled), [compiled.params[k] for k in compiled.positiontup])
        return cursor.fetchall()
    finally:
        cursor.close()


def load_rule_facts(s: Session, review_id: int) -> tuple[list[RuleFacts], dict[int, int]]:
    """What the rules read of a review's snapshots, and account id -> review_account id: one
    driver-level fetch of plain columns, each row made a RuleFacts as it is (the recompute's load)."""
    t = ReviewAccount.__table__
    conn = s.connection()
    cols = [t.c[f] for f in RULE_FIELDS[:-1]]
    q = select().where(t.c.review_id == review_id).order_by(t.c.id)
    if conn.dialect.name == "sqlite":
        # Role ids as JSON text, NULL for none (most accounts); the few others decoded once per value.
        rows = _plain_rows(conn, q.add_columns(*cols, func.nullif(type_coerce(t.c.role_ids, Text), "[]"), t.c.id))
        facts = list(map(partial(tuple.__new__, RuleFacts), rows))
        decoded: dict[str, tuple[int, ...]] = {}
        for i in [i for i, r in enumerate(map(itemgetter(-2), rows)) if r is not None]:
            text = rows[i][-2]
            ids = decoded.get(text) or decoded.setdefault(text, tuple(json.loads(text)))
            facts[i] = facts[i]._replace(role_ids=ids)
    else:
        rows = _plain_rows(conn, q.add_columns(*cols, t.c.role_ids, t.c.id))
        facts = [tuple.__new__(RuleFacts, (*r[:-2], tuple(r[-2] or ()), r[-1])) for r in rows]
    return facts, dict(zip(map(itemgetter(0), rows), map(itemgetter(-1), rows)))


def snapshot_of(ra: ReviewAccount) -> AccountSnapshot:
    """The frozen snapshot of a reviewed account (an ORM row)."""
    return AccountSnapshot(*[getattr(ra, f) for f in SNAPSHOT_FIELDS])


def load_snapshots(s: Session, review_id: int) -> tuple[list[AccountSnapshot], dict[int, int]]:
    """A review's frozen snapshots, whole, and account id -> review_account id (Core rows: no ORM objects)."""
    t = ReviewAccount.__table__
    rows = s.connection().execute(select(t.c.id, *[t.c[f] for f in SNAPSHOT_FIELDS]).where(
        t.c.review_id == review_id)).all()
    return [AccountSnapshot(*row[1:]) for row in rows], {row[1]: row[0] for row in rows}


def snapshot_review(s: Session, review: Review, progress=None, cancel=None) -> tuple[int, int]:
    """Freeze every account into the review and compute its findings; returns (accounts, findings)."""
    snapshots = take_snapshots(s, review.started_on)
    conn = s.connection()
    t = ReviewAccount.__table__
    getter = attrgetter(*SNAPSHOT_FIELDS)
    rows = [getter(a) for a in snapshots]
    for i in range(0, len(rows), CHUNK):
        bulk_insert(conn, t, SNAPSHOT_FIELDS, rows[i:i + CHUNK], {"review_id": review.id, "version": 1})
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
            facts = {"staff_id": acc.staff_id, "link_status": acc.link_status, "is_shared": acc.is_shared,
                     "is_service": acc.is_service, "owner_staff_id": acc.owner_staff_id,
                     **person_of(people, acc.staff_id, acc.owner_staff_id, acc.is_shared or acc.is_service)}
            if any(getattr(ra, k) != v for k, v in facts.items()):
                for k, v in facts.items():
                    setattr(ra, k, v)
                changed.append((ra.id, snapshot_of(ra)))
        if changed:
            s.flush()
            store_findings(s, review, [snap for _, snap in changed], {snap.account_id: rid for rid, snap in changed},
                           replace_all=False)
