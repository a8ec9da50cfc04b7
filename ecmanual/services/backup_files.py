"""Backup files: the generations' names (`ecmanual-YYYYmmdd-HHMMSS[-N].ext`), listing them oldest
first, their hash, and the checks every backup passes before a restore (a schema revision this
version knows, an intact audit chain), whatever the database engine.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from ..domain.errors import InputError
from ..persistence import migrate
from . import audit

SQLITE_SUFFIX, PG_SUFFIX = ".sqlite3", ".pgdump"
# ecmanual-YYYYmmdd-HHMMSS[-N].ext; N tells apart backups made within the same second.
GENERATION = re.compile(r"^ecmanual-(\d{8})-(\d{6})(?:-(\d+))?(\.sqlite3|\.pgdump)$")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def generations(folder: Path, suffix: str) -> list[Path]:
    """The app's backups in `folder` with `suffix`, oldest first (other files are never listed)."""
    found = []
    for p in folder.iterdir() if folder.is_dir() else []:
        m = GENERATION.match(p.name)
        if m and m.group(4) == suffix and p.is_file():
            found.append(((m.group(1), m.group(2), int(m.group(3) or 0)), p))
    return [p for _key, p in sorted(found)]


def new_name(folder: Path, suffix: str, label: str = "") -> Path:
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


def known_revision(revisions: list[str]) -> str:
    from alembic.script import ScriptDirectory  # only restores need it: kept off the start-up path
    from alembic.util import CommandError

    if len(revisions) != 1:
        raise InputError("The backup has no single schema revision.")
    try:
        if ScriptDirectory.from_config(migrate.alembic_config()).get_revision(revisions[0]) is None:
            raise CommandError("unknown")
    except CommandError as exc:
        raise InputError(f"The backup's schema revision {revisions[0]!r} is unknown to this version of "
                         "ecmanual (made by a newer version?).") from exc
    return revisions[0]


def verified_chain(session: Session) -> int:
    report = audit.verify_chain(session)
    if not report.ok:
        raise InputError(f"The backup's audit trail does not verify: {report.problem}.")
    return report.entries
