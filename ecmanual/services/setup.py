"""Creating, upgrading and checking the database as a whole."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from ..persistence import migrate
from ..persistence.engine import is_sqlite
from . import audit
from .context import SYSTEM, Database

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UpgradeInfo:
    """What `upgrade` did: revisions before and after, and the backup written first (if any)."""

    before: str | None
    after: str
    backup: str | None = None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def upgrade(db: Database, backup_dir: str | Path | None = None, *, backup: bool = True) -> UpgradeInfo:
    """Create the schema, or upgrade an existing database after backing it up.

    Used by `init` and by the app when it opens a database. An existing database (any
    revision) is copied to the backup folder first (`backup.pre_upgrade_backup`); when that
    fails, nothing is upgraded. The upgrade itself is one transaction, and its audit entry
    names the backup file and its SHA-256.
    """
    from . import backup as backups
    from .backup_files import sha256_of

    before = migrate.current_revision(db.engine)
    if before == migrate.head_revision():
        return UpgradeInfo(before, before)
    saved = backups.pre_upgrade_backup(db, backup_dir) if backup and before is not None else None
    migrate.upgrade(db.engine)
    after = migrate.current_revision(db.engine)
    details = {"revision": after}
    if saved is not None:
        details.update(backup=saved.name, folder=str(saved.parent), sha256=sha256_of(saved))
    with db.write(SYSTEM) as s:
        audit.record(s, SYSTEM.username, "migrate", "database", None, before={"revision": before}, after=details,
                     summary="schema created" if before is None else
                     f"schema upgraded {before} -> {after}" + (f", backup {saved.name}" if saved else ""))
    return UpgradeInfo(before, after, str(saved) if saved else None)


def init_schema(db: Database, *, backup: bool = True) -> tuple[str | None, str]:
    """Create or upgrade the schema (see `upgrade`); returns (revision before, revision after)."""
    info = upgrade(db, backup=backup)
    return info.before, info.after


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
