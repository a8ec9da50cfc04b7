"""PostgreSQL backups: `pg_dump`/`pg_restore` in custom format, the password through $PGPASSWORD
(never the command line). A dump is checked without a server: its schema revision and its
audit trail, verified on a scratch in-memory copy; a restore runs in one transaction.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from ..domain.errors import InputError
from ..persistence.models import AuditEntry, AuditHead, Base
from .backup_files import known_revision, verified_chain

logger = logging.getLogger(__name__)


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


def conninfo(url: URL) -> str:
    """A libpq URI without the password (that goes through $PGPASSWORD, never the command line)."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def pg_run(url: URL, argv: list[str], what: str) -> bytes:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    result = subprocess.run(argv, env=env, capture_output=True)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()
        raise InputError(f"{what} failed: {detail}")
    return result.stdout


def pg_dump(url: URL, target: Path) -> None:
    tmp = target.with_name(target.name + ".part")
    try:
        pg_run(url, [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                      f"--file={tmp}", f"--dbname={conninfo(url)}"], "pg_dump")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def pg_list(path: Path) -> list[str]:
    try:
        out = pg_run(URL.create("postgresql"), [pg_tool("pg_restore"), "--list", str(path)], "pg_restore")
    except InputError as exc:
        raise InputError(f"This file is not a PostgreSQL backup (pg_dump custom format): {exc}") from exc
    return out.decode("utf-8", "replace").splitlines()


_COPY_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def copy_field(raw: str) -> str | None:
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


def copy_blocks(sql: str) -> dict[str, list[dict]]:
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
            rows.append(dict(zip(columns, (copy_field(f) for f in row.split("\t")), strict=True)))
    return tables


def pg_check(path: Path) -> tuple[str, int]:
    toc = pg_list(path)
    if not any(re.search(r"TABLE DATA \S+ alembic_version ", line + " ") for line in toc):
        raise InputError("This PostgreSQL backup is not an ecmanual database (no schema revision).")
    out = pg_run(URL.create("postgresql"), [pg_tool("pg_restore"), "--data-only", "--table=alembic_version",
                                             "--table=audit_entry", "--table=audit_head", "--file=-", str(path)],
                  "pg_restore")
    data = copy_blocks(out.decode("utf-8"))
    revision = known_revision([r["version_num"] for r in data.get("alembic_version", [])])
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
            return revision, verified_chain(s)
    finally:
        engine.dispose()


def pg_restore(url: URL, path: Path) -> None:
    """Drop the app's tables and load the dump, all in one transaction (psql --single-transaction).

    Extensions are left as they are (dropping one needs its owner); ones the dump uses are
    created if missing.
    """
    toc = pg_list(path)
    extensions = [m.group(1) for line in toc if (m := re.search(r" EXTENSION - (\w+)", line))]
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with tempfile.TemporaryDirectory(prefix="ecmanual-restore-") as tmp:
        listing = Path(tmp) / "toc.list"
        listing.write_text("\n".join(line for line in toc if " EXTENSION " not in line) + "\n", encoding="utf-8")
        script = pg_run(url, [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                               f"--use-list={listing}", "--file=-", str(path)], "pg_restore")
        prelude = f"DROP TABLE IF EXISTS {tables}, alembic_version CASCADE;\n" + "".join(
            f"CREATE EXTENSION IF NOT EXISTS {name};\n" for name in extensions)
        sql = Path(tmp) / "restore.sql"
        sql.write_bytes(prelude.encode("utf-8") + script)
        pg_run(url, [pg_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                      f"--file={sql}", f"--dbname={conninfo(url)}"],
                "restore (the database was left as it was)")
