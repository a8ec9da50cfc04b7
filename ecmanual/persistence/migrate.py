"""Create or upgrade the schema through the Alembic migrations in `db/`.

Opening a current database (every start of the app) only reads `alembic_version` and the
migration files' `revision` lines; Alembic itself is imported when there is work for it, which
keeps it off the start-up path.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from ..resources import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

_REVISION_RE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)", re.M)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


@cache
def head_revision() -> str:
    """The newest revision of db/versions: the one no other migration names as its parent."""
    revisions, parents = set(), set()
    for path in (migrations_dir() / "versions").glob("*.py"):
        for key, value in _REVISION_RE.findall(path.read_text(encoding="utf-8")):
            if key == "revision":
                revisions.add(value)
            elif value:
                parents.add(value)
    heads = revisions - parents
    if len(heads) != 1:  # branches or unreadable files: let Alembic answer (and complain)
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(alembic_config()).get_current_head()
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade in one transaction: on failure nothing of the upgrade stays."""
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    logger.info("database at revision %s", current_revision(engine))
