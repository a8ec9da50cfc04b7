"""Backup and restore on PostgreSQL with pg_dump/pg_restore (custom format)."""

import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from ecmanual.cli import run
from ecmanual.config import data_dir
from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.persistence import migrate
from ecmanual.persistence.engine import make_engine
from ecmanual.persistence.models import AuditEntry, GlossaryTerm
from ecmanual.services import audit, backup, backup_files, backup_pg, search, setup
from ecmanual.services.context import SYSTEM, Database
from tests.conftest import ADMIN_PASSWORD
from tests.pg.conftest import _unavailable
from tests.unit.test_migrations import compare_to_models, fill_old_database

pytestmark = pytest.mark.pg


@pytest.fixture(autouse=True)
def _pg_tools():
    try:
        for tool in ("pg_dump", "pg_restore", "psql"):
            backup_pg.pg_tool(tool)
    except InputError as exc:
        _unavailable(str(exc))


def add_term(db, term, definition="説明"):
    with db.write(SYSTEM) as s:
        s.add(GlossaryTerm(term=term, definition=definition))
        s.flush()
        audit.record(s, "admin", "create", "glossary_term", term, after={"term": term})


def terms(db):
    with db.read() as s:
        return set(s.scalars(select(GlossaryTerm.term)))


def chain_ok(db):
    with db.read() as s:
        return audit.verify_chain(s).ok


def test_round_trip(pg_db, pg_admin, tmp_path):
    add_term(pg_db, "個人情報", "研修で扱う情報")
    search.rebuild_index(pg_db)
    info = backup.backup(pg_db, pg_admin, out_dir=tmp_path)
    assert info.path.endswith(".pgdump") and backup_files.sha256_of(tmp_path / info.path.rsplit("/", 1)[1]) == info.sha256
    add_term(pg_db, "後から追加")
    result = backup.restore(pg_db, pg_admin, info.path)
    assert terms(pg_db) == {"個人情報"}
    assert [h.title for h in search.search(pg_db, pg_admin, "研修")] == ["個人情報"]
    with pg_db.read() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert last.action == "restore" and json.loads(last.after)["sha256"] == info.sha256
    assert chain_ok(pg_db) and setup.verify(pg_db).ok
    assert compare_to_models(pg_db.engine) == []
    with pg_db.engine.connect() as c:  # the optional trigram index came back with the data
        assert c.execute(text("SELECT 1 FROM pg_indexes WHERE indexname = :n"),
                         {"n": search.PG_TRGM_INDEX}).first() is not None
    assert result.safety_backup.endswith("-pre-restore.pgdump")


def test_generations(pg_db, pg_admin, tmp_path):
    made = [backup.backup(pg_db, pg_admin, out_dir=tmp_path, keep=2).path for _ in range(4)]
    assert [str(p) for p in backup_files.generations(tmp_path, ".pgdump")] == made[2:]


def test_bad_files_refused_and_database_untouched(pg_db, pg_admin, tmp_path):
    add_term(pg_db, "残る用語")
    garbage = tmp_path / "garbage.pgdump"
    garbage.write_bytes(b"PGDMP" + b"\x00" * 4000)
    sqlite_file = tmp_path / "x.sqlite3"
    sqlite_file.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    # A dump whose audit trail was edited before it was taken.
    with pg_db.engine.begin() as c:
        original = c.execute(text("SELECT summary FROM audit_entry WHERE seq = 1")).scalar()
        c.execute(text("UPDATE audit_entry SET summary = 'edited' WHERE seq = 1"))
    tampered = backup.backup(pg_db, pg_admin, out_dir=tmp_path / "t").path
    with pg_db.engine.begin() as c:
        c.execute(text("UPDATE audit_entry SET summary = :s WHERE seq = 1"), {"s": original})
    with pg_db.engine.connect() as c:
        entries = c.execute(text("SELECT count(*) FROM audit_entry")).scalar()
    for bad, why in ((garbage, "not a PostgreSQL backup"), (sqlite_file, "not a PostgreSQL backup"),
                     (tampered, "audit trail")):
        with pytest.raises(InputError, match=why):
            backup.restore(pg_db, pg_admin, bad)
    assert terms(pg_db) == {"残る用語"} and chain_ok(pg_db)
    with pg_db.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM audit_entry")).scalar() == entries


def test_restore_of_an_older_backup_upgrades_it(pg_server, pg_db, pg_admin, tmp_path):
    pg_server.admin_sql("CREATE DATABASE old_version OWNER ecmanual TEMPLATE template0")
    try:
        engine = make_engine(pg_server.url("old_version"))
        migrate.upgrade(engine, "0001")
        fill_old_database(engine)
        old = backup.backup(Database(engine), pg_admin, out_dir=tmp_path).path
        engine.dispose()
    finally:
        pg_server.admin_sql("DROP DATABASE old_version WITH (FORCE)")
    result = backup.restore(pg_db, pg_admin, old)
    assert (result.backup_revision, result.revision) == ("0001", migrate.head_revision())
    assert terms(pg_db) == {"個人情報", "権限棚卸し"}
    assert compare_to_models(pg_db.engine) == [] and chain_ok(pg_db)
    assert {h.entity_id for h in search.search(pg_db, pg_admin, "研修")} == {1}


def test_cli_backup_and_restore(pg_db, pg_admin, pg_viewer, pg_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ECMANUAL_PASSWORD", ADMIN_PASSWORD)
    add_term(pg_db, "CLIの用語")
    assert run(["--db", pg_url, "--user", "admin", "backup", "--json"]) == 0
    path = json.loads(capsys.readouterr().out)["path"]
    url = pg_db.engine.url  # default folder: one per server and database in the user data folder
    assert Path(path).parent == data_dir() / "backups" / f"{url.host}_{url.port}_{url.database}"
    add_term(pg_db, "消える")
    assert run(["--db", pg_url, "--user", "admin", "restore", path, "--yes"]) == 0
    assert terms(pg_db) == {"CLIの用語"}
    with pytest.raises(PermissionDenied):
        backup.backup(pg_db, pg_viewer)
