"""Consistent backups of the database, kept in generations, and restoring one of them.

SQLite: the sqlite3 online backup API copies a consistent snapshot while the app has the
file open (WAL). PostgreSQL: `pg_dump`/`pg_restore` in custom format, password through
$PGPASSWORD. A file is checked completely before anything is touched (opens, integrity,
known schema revision, intact audit chain); the current database is backed up first; the
restored schema is upgraded when the backup is older. Both need ADMINISTER and are audited.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import create_engine, insert
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from ..config import backup_dir_for, data_dir
from ..domain.errors import InputError
from ..domain.permissions import Permission
from ..persistence import migrate
from ..persistence.engine import is_sqlite
from ..persistence.models import AuditEntry, AuditHead, Base
from . import audit
from .context import Actor, Database

logger = logging.getLogger(__name__)

DEFAULT_KEEP = 3
SQLITE_SUFFIX, PG_SUFFIX = ".sqlite3", ".pgdump"
# ecmanual-YYYYmmdd-HHMMSS[-N].ext; N tells apart backups made within the same second.
GENERATION = re.compile(r"^ecmanual-(\d{8})-(\d{6})(?:-(\d+))?(\.sqlite3|\.pgdump)$")
SQLITE_MAGIC = b"SQLite format 3\x00"


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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_dir(db: Database) -> Path:
    """`backups/` next to a SQLite file; for PostgreSQL one folder per server and database
    under the user data folder (so keeping generations never prunes another database's)."""
    url = db.engine.url
    if is_sqlite(db.engine):
        return backup_dir_for(Path(url.database))
    name = re.sub(r"[^\w.-]", "_", f"{url.host or 'localhost'}_{url.port or 5432}_{url.database}")
    return data_dir() / "backups" / name


def generations(folder: Path, suffix: str) -> list[Path]:
    """The app's backups in `folder` with `suffix`, oldest first (other files are never listed)."""
    found = []
    for p in folder.iterdir() if folder.is_dir() else []:
        m = GENERATION.match(p.name)
        if m and m.group(4) == suffix and p.is_file():
            found.append(((m.group(1), m.group(2), int(m.group(3) or 0)), p))
    return [p for _key, p in sorted(found)]


def _new_name(folder: Path, suffix: str, label: str = "") -> Path:
    """A name that sorts after every generation already there (also after pruning, same second)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    same_second = [int(m.group(3) or 0) for p in folder.iterdir()
                   if (m := GENERATION.match(p.name)) and f"{m.group(1)}-{m.group(2)}" == stamp]
    first = max(same_second) + 1 if same_second else 0
    for n in range(first, first + 1000):
        name = f"ecmanual-{stamp}{f'-{n}' if n else ''}{label}{suffix}"
        if not (folder / name).exists():
            return folder / name
    raise InputError(f"Too many backups in {folder} within one second.")


# ---- SQLite --------------------------------------------------------------------------------

def _sqlite_copy(source: Path, target: Path) -> None:
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


def _check_sqlite(path: Path) -> tuple[str, int]:
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
    revision = _known_revision([r[0] for r in rows])
    engine = create_engine(f"sqlite+pysqlite:///{path}")
    try:
        with Session(engine) as s:
            return revision, _verified_chain(s)
    finally:
        engine.dispose()


def _known_revision(revisions: list[str]) -> str:
    if len(revisions) != 1:
        raise InputError("The backup has no single schema revision.")
    try:
        if ScriptDirectory.from_config(migrate.alembic_config()).get_revision(revisions[0]) is None:
            raise CommandError("unknown")
    except CommandError as exc:
        raise InputError(f"The backup's schema revision {revisions[0]!r} is unknown to this version of "
                         "ecmanual (made by a newer version?).") from exc
    return revisions[0]


def _verified_chain(session: Session) -> int:
    report = audit.verify_chain(session)
    if not report.ok:
        raise InputError(f"The backup's audit trail does not verify: {report.problem}.")
    return report.entries


# ---- public API ----------------------------------------------------------------------------

def backup(db: Database, actor: Actor, *, keep: int = DEFAULT_KEEP, out_dir: str | Path | None = None) -> BackupInfo:
    """Write a consistent backup, record it in the audit trail, keep the newest `keep`."""
    actor.require(Permission.ADMINISTER, "back up the database")
    if keep < 1:
        raise InputError("--keep must be at least 1.")
    folder = Path(out_dir) if out_dir else default_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    sqlite = is_sqlite(db.engine)
    suffix = SQLITE_SUFFIX if sqlite else PG_SUFFIX
    target = _new_name(folder, suffix)
    if sqlite:
        _sqlite_copy(Path(db.engine.url.database), target)
    else:
        _pg_dump(db.engine.url, target)
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
    target = _new_name(folder, SQLITE_SUFFIX if sqlite else PG_SUFFIX, "-pre-upgrade")
    if sqlite:
        _sqlite_copy(Path(db.engine.url.database), target)
    else:
        _pg_dump(db.engine.url, target)
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
        safety = _new_name(folder, SQLITE_SUFFIX if sqlite else PG_SUFFIX, "-pre-restore")
        if sqlite:
            live = Path(db.engine.url.database)
            _safety_copy_sqlite(live, safety)
            db.engine.dispose()
            _replace_sqlite(staged, live)
        else:
            _pg_dump(db.engine.url, safety)
            db.engine.dispose()
            _pg_restore(db.engine.url, staged)
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
        revision, entries = _about(path, _pg_check, path)
        yield path, revision, entries
        return
    copy = Path(db.engine.url.database).with_name(f".restore-{uuid.uuid4().hex[:8]}{SQLITE_SUFFIX}")
    try:
        revision, entries = _about(path, _stage_sqlite, path, copy)
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


def _stage_sqlite(path: Path, copy: Path) -> tuple[str, int]:
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise InputError("This file is not a SQLite database backup.")
    shutil.copyfile(path, copy)
    if Path(f"{path}-wal").is_file():  # a copied live database: its log holds the latest pages
        shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    return _check_sqlite(copy)


def _safety_copy_sqlite(live: Path, target: Path) -> None:
    try:
        _sqlite_copy(live, target)
    except sqlite3.DatabaseError:
        # A damaged database may not copy page by page; keep its raw files instead.
        logger.warning("online copy of %s failed; copying the raw files", live, exc_info=True)
        shutil.copyfile(live, target)
        if Path(f"{live}-wal").exists():
            shutil.copyfile(f"{live}-wal", f"{target}-wal")


def _replace_sqlite(staged: Path, live: Path) -> None:
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


# ---- PostgreSQL ----------------------------------------------------------------------------

def pg_tool(name: str) -> str:
    """A PostgreSQL client program: on PATH, else the newest under /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: int(re.sub(r"\D", "", Path(p).parent.parent.name) or 0))
    if versions:
        return versions[-1]
    raise InputError(f"{name} was not found: install the PostgreSQL client programs "
                     "(Debian: postgresql-client) or put them on PATH.")


def _conninfo(url: URL) -> str:
    """A libpq URI without the password (that goes through $PGPASSWORD, never the command line)."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _pg_run(url: URL, argv: list[str], what: str) -> bytes:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    result = subprocess.run(argv, env=env, capture_output=True)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()
        raise InputError(f"{what} failed: {detail}")
    return result.stdout


def _pg_dump(url: URL, target: Path) -> None:
    tmp = target.with_name(target.name + ".part")
    try:
        _pg_run(url, [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                      f"--file={tmp}", f"--dbname={_conninfo(url)}"], "pg_dump")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _pg_list(path: Path) -> list[str]:
    try:
        out = _pg_run(URL.create("postgresql"), [pg_tool("pg_restore"), "--list", str(path)], "pg_restore")
    except InputError as exc:
        raise InputError(f"This file is not a PostgreSQL backup (pg_dump custom format): {exc}") from exc
    return out.decode("utf-8", "replace").splitlines()


_COPY_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _copy_field(raw: str) -> str | None:
    """One field of COPY text format: \\N is NULL, backslash escapes decoded."""
    if raw == "\\N":
        return None

    def unescape(m: re.Match) -> str:
        code = m.group(1)
        if code[0] == "x" and len(code) > 1:
            return chr(int(code[1:], 16))
        if code[0] in "01234567":
            return chr(int(code, 8))
        return _COPY_ESCAPES.get(code, code)

    return re.sub(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)", unescape, raw)


def _copy_blocks(sql: str) -> dict[str, list[dict]]:
    """The rows of each `COPY table (cols) FROM stdin;` block in a pg_restore SQL script."""
    tables: dict[str, list[dict]] = {}
    lines = iter(sql.split("\n"))
    for line in lines:
        m = re.match(r"^COPY (?:\w+\.)?(\w+) \(([^)]*)\) FROM stdin;$", line)
        if not m:
            continue
        columns = [c.strip().strip('"') for c in m.group(2).split(",")]
        rows = tables.setdefault(m.group(1), [])
        for row in lines:
            if row == "\\.":
                break
            rows.append(dict(zip(columns, (_copy_field(f) for f in row.split("\t")), strict=True)))
    return tables


def _pg_check(path: Path) -> tuple[str, int]:
    toc = _pg_list(path)
    if not any(re.search(r"TABLE DATA \S+ alembic_version ", line + " ") for line in toc):
        raise InputError("This PostgreSQL backup is not an ecmanual database (no schema revision).")
    out = _pg_run(URL.create("postgresql"), [pg_tool("pg_restore"), "--data-only", "--table=alembic_version",
                                             "--table=audit_entry", "--table=audit_head", "--file=-", str(path)],
                  "pg_restore")
    data = _copy_blocks(out.decode("utf-8"))
    revision = _known_revision([r["version_num"] for r in data.get("alembic_version", [])])
    # Check the chain with the same verifier, on a scratch in-memory copy of the two tables.
    engine = create_engine("sqlite://")
    try:
        Base.metadata.create_all(engine, tables=[AuditEntry.__table__, AuditHead.__table__])
        with Session(engine) as s:
            entries = [{**r, "id": int(r["id"]), "seq": int(r["seq"]),
                        "at": datetime.fromisoformat(r["at"]).replace(tzinfo=UTC)}
                       for r in data.get("audit_entry", [])]
            heads = [{**r, "id": int(r["id"]), "last_seq": int(r["last_seq"])} for r in data.get("audit_head", [])]
            if entries:
                s.execute(insert(AuditEntry.__table__), entries)
            if heads:
                s.execute(insert(AuditHead.__table__), heads)
            s.commit()
            return revision, _verified_chain(s)
    finally:
        engine.dispose()


def _pg_restore(url: URL, path: Path) -> None:
    """Drop the app's tables and load the dump, all in one transaction (psql --single-transaction).

    Extensions are left as they are (dropping one needs its owner); ones the dump uses are
    created if missing.
    """
    toc = _pg_list(path)
    extensions = [m.group(1) for line in toc if (m := re.search(r" EXTENSION - (\w+)", line))]
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with tempfile.TemporaryDirectory(prefix="ecmanual-restore-") as tmp:
        listing = Path(tmp) / "toc.list"
        listing.write_text("\n".join(line for line in toc if " EXTENSION " not in line) + "\n", encoding="utf-8")
        script = _pg_run(url, [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                               f"--use-list={listing}", "--file=-", str(path)], "pg_restore")
        prelude = f"DROP TABLE IF EXISTS {tables}, alembic_version CASCADE;\n" + "".join(
            f"CREATE EXTENSION IF NOT EXISTS {name};\n" for name in extensions)
        sql = Path(tmp) / "restore.sql"
        sql.write_bytes(prelude.encode("utf-8") + script)
        _pg_run(url, [pg_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                      f"--file={sql}", f"--dbname={_conninfo(url)}"],
                "restore (the database was left as it was)")
