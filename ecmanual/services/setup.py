"""Creating, upgrading and checking the database as a whole."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import text

from ..persistence import migrate
from ..persistence.engine import is_sqlite
from . import audit
from .context import SYSTEM, Database

logger = logging.getLogger(__name__)


def init_schema(db: Database) -> tuple[str | None, str]:
    """Create or upgrade the schema; returns (revision before, revision after)."""
    before = migrate.current_revision(db.engine)
    if before != migrate.head_revision():
        migrate.upgrade(db.engine)
        after = migrate.current_revision(db.engine)
        with db.write(SYSTEM) as s:
            audit.record(s, SYSTEM.username, "migrate", "database", None,
                         before={"revision": before}, after={"revision": after},
                         summary="schema created" if before is None else "schema upgraded")
    return before, migrate.current_revision(db.engine)


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""


@dataclass
class VerifyReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def as_dict(self) -> dict:
        return {"ok": self.ok, "checks": [c.__dict__ for c in self.checks]}


def verify(db: Database) -> VerifyReport:
    """Schema revision, storage integrity and the audit trail's hash chain."""
    report = VerifyReport()
    current, head = migrate.current_revision(db.engine), migrate.head_revision()
    report.checks.append(Check("schema", current == head, f"revision {current}, expected {head}"))
    if current is None:
        return report
    with db.engine.connect() as conn:
        if is_sqlite(db.engine):
            result = conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            report.checks.append(Check("integrity", result == ["ok"], "; ".join(result[:5])))
            fk = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            report.checks.append(Check("foreign_keys", not fk,
                                       f"{len(fk)} rows point at missing records" if fk else "ok"))
        else:
            conn.execute(text("SELECT 1"))
            report.checks.append(Check("integrity", True, "server reachable"))
    with db.read() as s:
        chain = audit.verify_chain(s)
    report.checks.append(Check("audit_chain", chain.ok,
                               chain.problem or f"{chain.entries} entries, chain intact"))
    return report
