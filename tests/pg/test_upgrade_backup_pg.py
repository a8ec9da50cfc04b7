"""On PostgreSQL too, an existing database is dumped (pg_dump) before its schema is upgraded,
and the dump restores to the old state."""

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from ecmanual.domain.errors import InputError
from ecmanual.persistence import migrate
from ecmanual.persistence.engine import make_engine
from ecmanual.persistence.models import AuditEntry
from ecmanual.services import audit, backup, backup_files, backup_pg, setup, users
from ecmanual.services.context import Database
from tests.conftest import ADMIN_PASSWORD
from tests.pg.conftest import _unavailable
from tests.unit.test_migrations import OLD_TABLES, fill_old_database, rows_of

pytestmark = pytest.mark.pg


@pytest.fixture(autouse=True)
def _pg_tools():
    try:
        for tool in ("pg_dump", "pg_restore"):
            backup_pg.pg_tool(tool)
    except InputError as exc:
        _unavailable(str(exc))


def test_upgrade_dumps_first_and_the_dump_restores_the_old_state(pg_url, tmp_path):
    engine = make_engine(pg_url)
    migrate.upgrade(engine, "0001")
    fill_old_database(engine)
    old_rows = rows_of(engine)
    db = Database(engine)
    try:
        info = setup.upgrade(db, tmp_path / "backups")
        assert (info.before, info.after) == ("0001", migrate.head_revision())
        saved = Path(info.backup)
        assert saved.parent == tmp_path / "backups" and saved.name.endswith("-pre-upgrade.pgdump")
        assert backup_pg.pg_check(saved)[0] == "0001"  # the dump is of the old schema
        with db.read() as s:
            entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
            assert audit.verify_chain(s).ok
        assert json.loads(entry.after)["sha256"] == backup_files.sha256_of(saved)

        users.create_first_admin(db, "admin", ADMIN_PASSWORD, "管理 太郎")
        backup.restore(db, users.actor_for(db, "admin"), saved)
        restored = rows_of(db.engine)
        data_tables = [t for t in OLD_TABLES if not t.startswith("audit")]
        assert {t: restored[t] for t in data_tables} == {t: old_rows[t] for t in data_tables}
        assert migrate.current_revision(db.engine) == migrate.head_revision()
    finally:
        engine.dispose()
