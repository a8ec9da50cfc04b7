"""Shared record helpers for the services: load a record or say what is missing, create, edit
(optimistic locking) and delete with the audit entry, check a name, and today's date in Japan.

They run inside the caller's `db.write(...)` transaction, which already checked the permission.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, NotFound
from ..importers.values import JST, clean
from . import audit
from .context import Actor


def today_jst() -> date:
    return datetime.now(JST).date()


def apply_edit(s: Session, actor: Actor, obj: Any, entity: str, changes: dict[str, Any],
               allowed: tuple[str, ...], expected_version: int | None = None) -> bool:
    """Set `changes` on a loaded record with optimistic locking and audit; False when nothing changed."""
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise InputError(f"{entity}: cannot change {', '.join(unknown)}")
    if expected_version is not None and getattr(obj, "version", expected_version) != expected_version:
        raise audit.conflict(s, obj, entity)
    before = audit.snapshot(obj)
    for k, v in changes.items():
        setattr(obj, k, v)
    if audit.snapshot(obj) == before:
        return False
    s.flush()
    audit.record(s, actor.username, "update", entity, obj.id, before=before, after=audit.snapshot(obj))
    return True


def create_record(s: Session, actor: Actor, obj: Any, entity: str, summary: str | None = None) -> Any:
    s.add(obj)
    s.flush()
    audit.record(s, actor.username, "create", entity, obj.id, after=audit.snapshot(obj), summary=summary)
    return obj


def delete_record(s: Session, actor: Actor, obj: Any, entity: str) -> None:
    before = audit.snapshot(obj)
    s.delete(obj)
    s.flush()
    audit.record(s, actor.username, "delete", entity, before["id"], before=before)


def require_name(value: str | None, what: str) -> str:
    text = clean(value)
    if not text:
        raise InputError(f"{what}: the name is empty")
    return text


def get_record(s: Session, model, ident: int, what: str):
    obj = s.get(model, ident)
    if obj is None:
        raise NotFound(f"no {what} with id {ident}")
    return obj


def require_unique_name(s: Session, model, name: str, what: str, exclude: int | None = None) -> None:
    q = select(model.id).where(model.name == name)
    if exclude is not None:
        q = q.where(model.id != exclude)
    if s.scalar(q) is not None:
        raise InputError(f"a {what} named {name!r} already exists")
