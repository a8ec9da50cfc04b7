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
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ..persistence.base import utcnow
from ..persistence.models import AuditEntry, AuditHead

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
