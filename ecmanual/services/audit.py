"""The one audit writer, and the verifier of its hash chain.

Each entry's hash covers its own fields and the previous entry's hash, so editing,
deleting or reordering a row breaks the chain from that point on. `audit_head` keeps the
tip; it is locked (SELECT … FOR UPDATE) by every writer, which serialises writers on
PostgreSQL and lets `verify` notice rows cut off the end.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from ..domain.errors import ConflictError, InputError
from ..domain.permissions import Permission
from ..persistence.base import utcnow
from ..persistence.models import AuditEntry, AuditHead
from .context import Actor, Database

GENESIS = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, set | frozenset):
        return sorted(value)
    return str(value)


def canonical(data: Any) -> str | None:
    if data is None:
        return None
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_default)


def snapshot(obj: Any, exclude: tuple[str, ...] = ("created_at", "updated_at", "password_hash")) -> dict:
    """The column values of a mapped object, for before/after."""
    mapper = inspect(obj).mapper
    return {c.key: getattr(obj, c.key) for c in mapper.column_attrs if c.key not in exclude}


def entry_hash(prev_hash: str, seq: int, at: datetime, actor: str, action: str, entity: str,
               entity_id: str | None, summary: str | None, before: str | None, after: str | None) -> str:
    payload = canonical([prev_hash, seq, at.isoformat(), actor, action, entity, entity_id, summary, before, after])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(session: Session, actor: str, action: str, entity: str, entity_id: Any = None, *,
           before: Any = None, after: Any = None, summary: str | None = None) -> AuditEntry:
    """Append one entry to the chain inside the caller's transaction."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_seq=0, last_hash=GENESIS)
        session.add(head)
        session.flush()
    seq = head.last_seq + 1
    # Second precision keeps the hashed text identical after a round trip through any backend.
    at = utcnow().replace(microsecond=0)
    before_text, after_text = canonical(before), canonical(after)
    eid = None if entity_id is None else str(entity_id)
    digest = entry_hash(head.last_hash, seq, at, actor, action, entity, eid, summary, before_text, after_text)
    entry = AuditEntry(seq=seq, at=at, actor=actor, action=action, entity=entity, entity_id=eid,
                       summary=summary, before=before_text, after=after_text,
                       prev_hash=head.last_hash, hash=digest)
    session.add(entry)
    head.last_seq, head.last_hash = seq, digest
    session.flush()
    return entry


STALE = "This record was changed by someone else since you opened it. Reload it and try again."


def conflict(session: Session, obj: Any, entity: str, message: str = STALE) -> ConflictError:
    """The refusal of a stale save: what `obj` holds now, and who saved it last and when."""
    from ..persistence.models import AppUser

    last = session.execute(select(AuditEntry.actor, AuditEntry.at)
                           .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(obj.id))
                           .order_by(AuditEntry.seq.desc()).limit(1)).first()
    who = when = None
    if last is not None:
        display = session.scalar(select(AppUser.display_name).where(AppUser.username == last.actor))
        who = f"{display} ({last.actor})" if display and display != last.actor else last.actor
        when = last.at
    return ConflictError(message, current=snapshot(obj), changed_by=who, changed_at=when)


@dataclass
class ChainReport:
    ok: bool
    entries: int
    first_broken_seq: int | None = None
    problem: str | None = None

    def as_dict(self) -> dict:
        return {"ok": self.ok, "entries": self.entries, "first_broken_seq": self.first_broken_seq,
                "problem": self.problem}


def verify_chain(session: Session, batch: int = 5000) -> ChainReport:
    """Walk the chain in order; report the first entry whose link or content does not hold."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    last_id = 0
    while True:
        rows = session.execute(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).scalars().all()
        if not rows:
            break
        for e in rows:
            count += 1
            if e.seq != expected_seq:
                return ChainReport(False, count, expected_seq,
                                   f"entry {expected_seq} is missing or out of order (found seq {e.seq})")
            if e.prev_hash != prev_hash:
                return ChainReport(False, count, e.seq, f"entry {e.seq} does not link to entry {e.seq - 1}")
            digest = entry_hash(e.prev_hash, e.seq, e.at, e.actor, e.action, e.entity, e.entity_id,
                                e.summary, e.before, e.after)
            if digest != e.hash:
                return ChainReport(False, count, e.seq, f"entry {e.seq} was changed after it was written")
            prev_hash, expected_seq = e.hash, expected_seq + 1
            last_id = e.id
        session.expunge_all()
    head = session.get(AuditHead, 1)
    last_seq = expected_seq - 1
    if head is not None and (head.last_seq != last_seq or head.last_hash != prev_hash):
        return ChainReport(False, count, last_seq + 1,
                           f"the chain ends at entry {last_seq} but its head says {head.last_seq}: entries were removed")
    return ChainReport(True, count)


# --- reading the trail -----------------------------------------------------------------------
# Reading needs only the VIEW permission: every role may see who changed what (the entries hold
# summaries and before/after of records each role can already read; password hashes are never
# in a snapshot). Writing it is reserved to `record` above.

QUERY_LIMIT = 200
MAX_QUERY_LIMIT = 10_000


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as plain data (safe to pass between threads)."""

    seq: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    summary: str | None
    before: str | None
    after: str | None

    def as_dict(self) -> dict:
        return {"seq": self.seq, "at": self.at.isoformat(), "actor": self.actor, "action": self.action,
                "entity": self.entity, "entity_id": self.entity_id, "summary": self.summary,
                "before": json.loads(self.before) if self.before else None,
                "after": json.loads(self.after) if self.after else None}


def _bound(value: date | datetime | None, *, end: bool) -> datetime | None:
    """A date means the whole local calendar day (an end date is inclusive); datetimes are used as is."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        day = value + timedelta(days=1) if end else value
        return datetime.combine(day, time.min).astimezone(UTC)
    return value if value.tzinfo else value.astimezone(UTC)


def _filtered(query, user: str | None, action: str | None, entity: str | None, entity_id: Any,
              start: date | datetime | None, end: date | datetime | None):
    if start is not None and end is not None and _bound(start, end=False) >= _bound(end, end=True):
        raise InputError("The start of the period must be before its end.")
    if user:
        query = query.where(AuditEntry.actor == user)
    if action:
        query = query.where(AuditEntry.action == action)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id not in (None, ""):
        query = query.where(AuditEntry.entity_id == str(entity_id).strip())
    if start is not None:
        query = query.where(AuditEntry.at >= _bound(start, end=False))
    if end is not None:
        query = query.where(AuditEntry.at < _bound(end, end=True))
    return query


def query(db: Database, actor: Actor, *, user: str | None = None, action: str | None = None,
          entity: str | None = None, entity_id: Any = None, start: date | datetime | None = None,
          end: date | datetime | None = None, before_seq: int | None = None,
          limit: int = QUERY_LIMIT) -> list[AuditRow]:
    """Entries matching every given filter, newest first: up to `limit` older than `before_seq`.

    `user` is the acting user's name, `action` and `entity` the stored codes; `start`/`end` are
    local calendar days (both inclusive) or exact datetimes (end exclusive). Page on by passing
    the last row's seq as `before_seq`.
    """
    actor.require(Permission.VIEW)
    if not 1 <= limit <= MAX_QUERY_LIMIT:
        raise InputError(f"The limit must be between 1 and {MAX_QUERY_LIMIT}.")
    stmt = _filtered(select(AuditEntry), user, action, entity, entity_id, start, end)
    if before_seq is not None:
        stmt = stmt.where(AuditEntry.seq < before_seq)
    with db.read() as s:
        return [AuditRow(e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.summary, e.before, e.after)
                for e in s.scalars(stmt.order_by(AuditEntry.seq.desc()).limit(limit))]


def count(db: Database, actor: Actor, *, user: str | None = None, action: str | None = None,
          entity: str | None = None, entity_id: Any = None, start: date | datetime | None = None,
          end: date | datetime | None = None) -> int:
    """How many entries match the same filters as `query`."""
    actor.require(Permission.VIEW)
    stmt = _filtered(select(func.count()).select_from(AuditEntry), user, action, entity, entity_id, start, end)
    with db.read() as s:
        return s.scalar(stmt) or 0


@dataclass(frozen=True)
class FilterChoices:
    """The values present in the trail, for filter pickers."""

    users: list[str]
    actions: list[str]
    entities: list[str]


def filter_choices(db: Database, actor: Actor) -> FilterChoices:
    actor.require(Permission.VIEW)
    with db.read() as s:
        def distinct(column) -> list[str]:
            return [v for v in s.scalars(select(column).distinct().order_by(column)) if v]

        return FilterChoices(distinct(AuditEntry.actor), distinct(AuditEntry.action), distinct(AuditEntry.entity))
