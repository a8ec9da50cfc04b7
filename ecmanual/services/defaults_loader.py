"""Reading the default content files (db/defaults/*.json) and adding their records.

`Loader` reads a file, finds records by natural key, and adds new ones with their audit entry
(`SUMMARY`); an `Entry` is one entry of a file, whose errors name the file, section and entry.
The per-area builders (`defaults_structure`, `defaults_content`) are subclasses of `Loader`.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, RowError
from ..persistence.base import utcnow
from ..persistence.models import Department, JobRole
from . import audit
from .context import Actor

SUMMARY = "default content"
CHANGE_NOTE = "初期コンテンツ(シード文書から作成)"


class Entry:
    """One entry of a defaults file; its errors name the file, the section and the entry."""

    def __init__(self, loader: Loader, section: str, index: int, row: dict):
        self.loader, self.section, self.index, self.row = loader, section, index, row
        self.label = str(next((row[k] for k in ("name", "term", "slug", "title", "seq") if row.get(k)), "?"))

    def fail(self, message: str, column: str | None = None) -> InputError:
        return InputError(f"{self.section} entry {self.index + 1} ({self.label}): {message}",
                          file=self.loader.file, errors=[RowError(self.index + 1, column, message)])

    def req(self, key: str) -> Any:
        value = self.row.get(key)
        if value in (None, "", []):
            raise self.fail(f"'{key}' is required", key)
        return value

    def ref(self, model, column: str, value: Any, what: str):
        """A referenced record by natural key; an unknown one is an error."""
        obj = self.loader.lookup(model, column, value)
        if obj is None:
            raise self.fail(f"unknown {what} {value!r}", what)
        return obj

    def opt_id(self, key: str, model, column: str, what: str) -> int | None:
        """The id of the record named by row[key], or None when the entry names none."""
        return self.ref(model, column, self.row[key], what).id if self.row.get(key) else None

    def party(self, spec: dict) -> tuple[dict, str]:
        """A department, a job role or anyone: model columns plus the party key."""
        if spec.get("department"):
            d = self.ref(Department, "name", spec["department"], "department")
            return {"department_id": d.id}, f"d:{d.id}"
        if spec.get("role"):
            r = self.ref(JobRole, "name", spec["role"], "job role")
            return {"job_role_id": r.id}, f"r:{r.id}"
        if spec.get("anyone"):
            return {}, "*"
        raise self.fail("names no department or role", "party")


class Loader:
    """Adds one file's missing records at a time to the open session."""

    def __init__(self, session: Session, actor: Actor, root: Path):
        self.s, self.actor, self.root = session, actor, root
        self.counts: Counter[str] = Counter()
        self.created_ids: list[tuple[str, int]] = []
        self.file = ""
        self.now = utcnow()
        self._cache: dict[tuple, Any] = {}

    def read(self, name: str) -> dict:
        path = self.root / f"{name}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError("default content file is missing", file=str(path)) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"not valid UTF-8 JSON: {exc}", file=str(path)) from None

    def entries(self, doc: dict, section: str) -> list[Entry]:
        rows = doc.get(section)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InputError(f"'{section}' must be a list of objects", file=self.file)
        return [Entry(self, section, i, row) for i, row in enumerate(rows)]

    def find(self, model, **keys):
        return self.s.scalar(select(model).filter_by(**keys))

    def lookup(self, model, column: str, value: Any):
        key = (model, column, value)
        if self._cache.get(key) is None:
            self._cache[key] = self.find(model, **{column: value})
        return self._cache[key]

    def add(self, kind: str, *objs) -> None:
        """Insert new records and audit each one as created."""
        self.s.add_all(objs)
        self.s.flush()
        for obj in objs:
            self.created(kind, obj)

    def created(self, kind: str, obj) -> None:
        audit.record(self.s, self.actor.username, "create", obj.__tablename__, obj.id,
                     after=audit.snapshot(obj), summary=SUMMARY)
        self.counts[kind] += 1
        self.created_ids.append((obj.__tablename__, obj.id))

    def flushed(self, obj):
        self.s.add(obj)
        self.s.flush()
        return obj
