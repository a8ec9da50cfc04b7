"""Consistent backups of the database, kept in generations, and restoring one of them.

A file is checked completely before anything is touched (opens, integrity, known schema
revision, intact audit chain); the current database is backed up first; the restored schema
is upgraded when the backup is older. Both need ADMINISTER and are audited. The engines' own
work is in `backup_sqlite` and `backup_pg`, naming and checking the files in `backup_files`.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from ..config import backup_dir_for, data_dir
from ..domain.errors import InputError
from ..domain.permissions import Permission
from ..persistence import migrate
from ..persistence.engine import is_sqlite
from . import audit
from .backup_files import PG_SUFFIX, SQLITE_SUFFIX, generations, new_name, sha256_of
from .backup_pg import pg_check, pg_dump, pg_restore
from .backup_sqlite import replace_sqlite, safety_copy_sqlite, sqlite_copy, stage_sqlite
from .context import Actor, Database

logger = logging.getLogger(__name__)

DEFAULT_KEEP = 3


@dataclass(frozen=True)
class BackupInfo:
    """A backup written: where, its hash and size, and the old generations removed."""

    path: str
    sha256: str
    size: int
    removed: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {**asdict(self), "removed": list(self.removed)}


@dataclass(frozen=True)
class CheckedBackup:
    """A backup file that passed every check, and what it holds."""

    path: str
    sha256: str
    revision: str
    audit_entries: int


@dataclass(frozen=True)
class RestoreInfo:
    """A completed restore: from which file, the safety copy made first, revisions."""

    source: str
    sha256: str
    backup_revision: str
    revision: str
    safety_backup: str

    def as_dict(self) -> dict:
        return asdict(self)


def default_dir(db: Database) -> Path:
    """`backups/` next to a SQLite file; for PostgreSQL one folder per server and database
    under the user data folder (so keeping generations never prunes another database's)."""
    url = db.engine.url
    if is_sqlite(db.engine):
        return backup_dir_for(Path(url.database))
    name = re.sub(r"[^\w.-]", "_", f"{url.host or 'localhost'}_{url.port or 5432}_{url.database}")
    return data_dir() / "backups" / name


def backup(db: Database, actor: Actor, *, keep: int = DEFAULT_KEEP, out_dir: str | Path | None = None) -> BackupInfo:
    """Write a consistent backup, record it in the audit trail, keep the newest `keep`."""
    actor.require(Permission.ADMINISTER, "back up the database")
    if keep < 1:
        raise InputError("--keep must be at least 1.")
    folder = Path(out_dir) if out_dir else default_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    sqlite = is_sqlite(db.engine)
    suffix = SQLITE_SUFFIX if sqlite else PG_SUFFIX
    target = new_name(folder, suffix)
    if sqlite:
        sqlite_copy(Path(db.engine.url.database), target)
    else:
        pg_dump(db.engine.url, target)
    digest, size = sha256_of(target), target.stat().st_size
    try:
        with db.write(actor, Permission.ADMINISTER) as s:
            audit.record(s, actor.username, "backup", "database", None,
                         after={"file": target.name, "folder": str(folder), "sha256": digest, "size": size},
                         summary=f"backup {target.name}")
    except BaseException:
        target.unlink(missing_ok=True)  # nothing half-done: no unrecorded backup
        raise
    removed = []
    for old in generations(folder, suffix)[:-keep]:
        old.unlink()
        removed.append(old.name)
    logger.info("backup %s (%s bytes), removed %s", target, size, removed)
    return BackupInfo(str(target), digest, size, tuple(removed))


def pre_upgrade_backup(db: Database, out_dir: str | Path | None = None) -> Path:
    """Copy the database as it is, before its schema is upgraded (`setup.upgrade` calls this).

    The file is named `ecmanual-…-pre-upgrade.sqlite3|.pgdump` in the backup folder and is not
    pruned with the generations: it is the way back to the previous version of the app. No
    audit entry here (the old schema may not fit today's models); the upgrade's entry names it.
    """
    folder = Path(out_dir) if out_dir else default_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    sqlite = is_sqlite(db.engine)
    target = new_name(folder, SQLITE_SUFFIX if sqlite else PG_SUFFIX, "-pre-upgrade")
    if sqlite:
        sqlite_copy(Path(db.engine.url.database), target)
    else:
        pg_dump(db.engine.url, target)
    logger.info("backed up %s before upgrading its schema", target)
    return target


def check_backup(db: Database, actor: Actor, file: str | Path) -> CheckedBackup:
    """Check a backup file without touching the database; InputError says what is wrong."""
    actor.require(Permission.ADMINISTER, "restore the database")
    path = Path(file)
    with _checked_copy(db, path) as (_copy, revision, entries):
        return CheckedBackup(str(path), sha256_of(path), revision, entries)


def restore(db: Database, actor: Actor, file: str | Path) -> RestoreInfo:
    """Replace the database with a checked backup; the current one is backed up first."""
    from . import search, setup

    actor.require(Permission.ADMINISTER, "restore the database")
    path = Path(file)
    sqlite = is_sqlite(db.engine)
    with _checked_copy(db, path) as (staged, revision, _entries):
        digest = sha256_of(path)
        folder = default_dir(db)
        folder.mkdir(parents=True, exist_ok=True)
        safety = new_name(folder, SQLITE_SUFFIX if sqlite else PG_SUFFIX, "-pre-restore")
        if sqlite:
            live = Path(db.engine.url.database)
            safety_copy_sqlite(live, safety)
            db.engine.dispose()
            replace_sqlite(staged, live)
        else:
            pg_dump(db.engine.url, safety)
            db.engine.dispose()
            pg_restore(db.engine.url, staged)
    db.engine.dispose()
    setup.init_schema(db, backup=False)  # upgrades an older backup; the pre-restore copy is its backup
    with db.write(actor, Permission.ADMINISTER) as s:
        audit.record(s, actor.username, "restore", "database", None,
                     after={"file": path.name, "sha256": digest, "revision": revision,
                            "safety_backup": safety.name},
                     summary=f"restored {path.name}")
    search.rebuild_index(db, actor=actor)
    logger.info("restored %s (revision %s); previous database saved as %s", path, revision, safety)
    return RestoreInfo(str(path), digest, revision, migrate.current_revision(db.engine), str(safety))


@contextmanager
def _checked_copy(db: Database, path: Path) -> Iterator[tuple[Path, str, int]]:
    """(file to restore from, its revision, audit entries) after every check passed.

    For SQLite that is a private copy next to the live file (so what was checked is what
    gets restored, and the user's file is never opened for writing); it is removed on exit.
    """
    if not path.is_file():
        raise InputError("No such file.", file=str(path))
    if not is_sqlite(db.engine):
        revision, entries = _about(path, pg_check, path)
        yield path, revision, entries
        return
    copy = Path(db.engine.url.database).with_name(f".restore-{uuid.uuid4().hex[:8]}{SQLITE_SUFFIX}")
    try:
        revision, entries = _about(path, stage_sqlite, path, copy)
        yield copy, revision, entries
    finally:
        for extra in ("", "-journal", "-wal", "-shm"):
            Path(f"{copy}{extra}").unlink(missing_ok=True)


def _about(path: Path, check, *args):
    """Run a check; its InputError names the file."""
    try:
        return check(*args)
    except InputError as exc:
        exc.file = exc.file or str(path)
        raise
