"""SQLite backups: the online backup API copies a consistent snapshot while the app has the file
open (WAL); a restore checks a private copy (integrity, foreign keys, revision, audit chain)
and writes it into the live file through the same API.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from ..domain.errors import InputError
from .backup_files import known_revision, verified_chain

logger = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"


def sqlite_copy(source: Path, target: Path) -> None:
    """Online backup of `source` into a new self-contained file `target` (journal mode DELETE)."""
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(source)
    try:
        src.execute("PRAGMA busy_timeout=10000")
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        os.replace(tmp, target)
    finally:
        src.close()
        tmp.unlink(missing_ok=True)


def check_sqlite(path: Path) -> tuple[str, int]:
    """Integrity, schema revision and audit chain of a staged copy; InputError when any fails."""
    conn = sqlite3.connect(path)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise InputError("The backup is damaged (integrity check: " + "; ".join(result[:3]) + ").")
        if conn.execute("PRAGMA foreign_key_check").fetchone():
            raise InputError("The backup has records pointing at missing records.")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables or "audit_entry" not in tables:
            raise InputError("This SQLite file is not an ecmanual database (no schema revision or audit trail).")
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"The file cannot be read as a SQLite database: {exc}.") from exc
    finally:
        conn.close()
    revision = known_revision([r[0] for r in rows])
    engine = create_engine(f"sqlite+pysqlite:///{path}")
    try:
        with Session(engine) as s:
            return revision, verified_chain(s)
    finally:
        engine.dispose()


def stage_sqlite(path: Path, copy: Path) -> tuple[str, int]:
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise InputError("This file is not a SQLite database backup.")
    shutil.copyfile(path, copy)
    if Path(f"{path}-wal").is_file():  # a copied live database: its log holds the latest pages
        shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    return check_sqlite(copy)


def safety_copy_sqlite(live: Path, target: Path) -> None:
    try:
        sqlite_copy(live, target)
    except sqlite3.DatabaseError:
        # A damaged database may not copy page by page; keep its raw files instead.
        logger.warning("online copy of %s failed; copying the raw files", live, exc_info=True)
        shutil.copyfile(live, target)
        if Path(f"{live}-wal").exists():
            shutil.copyfile(f"{live}-wal", f"{target}-wal")


def replace_sqlite(staged: Path, live: Path) -> None:
    """Copy the checked file into the live one through the backup API (open connections see it)."""
    src = sqlite3.connect(staged)
    try:
        dst = sqlite3.connect(live)
        try:
            dst.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    except sqlite3.DatabaseError:
        # The live file is too damaged to write into: swap the files instead.
        logger.warning("writing into %s failed; replacing the file", live, exc_info=True)
        tmp = live.with_name(live.name + ".restore")
        shutil.copyfile(staged, tmp)
        for extra in ("-wal", "-shm"):
            Path(f"{live}{extra}").unlink(missing_ok=True)
        os.replace(tmp, live)
    finally:
        src.close()
