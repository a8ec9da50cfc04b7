"""Backup and restore of the SQLite database: consistent copies, generations, checks, refusals."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from ecmanual.cli import run
from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.persistence import migrate
from ecmanual.persistence.engine import make_engine
from ecmanual.persistence.models import AuditEntry, GlossaryTerm
from ecmanual.services import audit, backup, backup_files, search, setup, users
from ecmanual.services.context import SYSTEM, Database
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, password_chosen

ROOT = Path(__file__).resolve().parents[2]


def add_term(db, term: str, definition: str = "説明") -> None:
    with db.write(SYSTEM) as s:
        s.add(GlossaryTerm(term=term, definition=definition))
        s.flush()
        audit.record(s, "admin", "create", "glossary_term", term, after={"term": term})


def terms_in(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT term FROM glossary_term")}
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    """The database's whole content as SQL: equal dumps mean nothing was changed."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def last_audit(db) -> AuditEntry:
    with db.read() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()


def chain_ok(db) -> bool:
    with db.read() as s:
        return audit.verify_chain(s).ok


def test_consistent_copy_while_a_write_transaction_is_open(db, db_path, admin):
    """Another connection is mid-transaction: the copy holds the last committed state only.

    The copy does not wait for the writer; the backup's audit entry does (busy timeout),
    so the writer commits after a moment, as the app's short transactions do.
    """
    add_term(db, "個人情報")
    locked, done = threading.Event(), threading.Event()

    def writer():
        conn = sqlite3.connect(db_path, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO glossary_term (term, definition, version, created_at, updated_at) "
                         "VALUES ('未確定', 'x', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
            locked.set()
            time.sleep(2)
            conn.execute("COMMIT")
        finally:
            conn.close()
            done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    assert locked.wait(10)
    info = backup.backup(db, admin)
    thread.join(10)
    assert done.is_set()
    path = Path(info.path)
    assert path.parent == db_path.parent / "backups"
    assert terms_in(path) == {"個人情報"}  # the open transaction's row is not in the copy
    assert terms_in(db_path) == {"個人情報", "未確定"}  # it was committed before the audit entry
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    finally:
        conn.close()
    assert not Path(f"{path}-wal").exists()
    assert last_audit(db).action == "backup" and chain_ok(db)


def test_backup_is_audited_with_its_hash(db, admin):
    info = backup.backup(db, admin)
    entry = last_audit(db)
    after = json.loads(entry.after)
    assert (entry.action, entry.actor, after["file"]) == ("backup", "admin", Path(info.path).name)
    assert after["sha256"] == info.sha256 == backup_files.sha256_of(Path(info.path))
    assert chain_ok(db)


def test_three_generations_kept_after_five_backups(db, db_path, admin):
    folder = db_path.parent / "backups"
    folder.mkdir()
    others = ["notes.txt", "ecmanual-copy.sqlite3", "ecmanual-20200101-000000-pre-restore.sqlite3"]
    for name in others:
        (folder / name).write_text("keep me")
    made = [Path(backup.backup(db, admin).path) for _ in range(5)]
    assert len(set(made)) == 5
    assert sorted(p.name for p in backup_files.generations(folder, ".sqlite3")) == sorted(p.name for p in made[2:])
    assert all((folder / name).read_text() == "keep me" for name in others)
    info = backup.backup(db, admin, keep=1)
    assert backup_files.generations(folder, ".sqlite3") == [Path(info.path)]
    assert len(info.removed) == 3
    with pytest.raises(InputError):
        backup.backup(db, admin, keep=0)


def test_restore_round_trip(db, db_path, admin):
    add_term(db, "個人情報", "元の説明")
    search.rebuild_index(db)
    info = backup.backup(db, admin)
    add_term(db, "後から追加")
    with db.write(SYSTEM) as s:
        s.scalar(select(GlossaryTerm).where(GlossaryTerm.term == "個人情報")).definition = "変更後"
    search.rebuild_index(db)
    result = backup.restore(db, admin, info.path)
    assert terms_in(db_path) == {"個人情報"}
    with db.read() as s:
        assert s.scalar(select(GlossaryTerm.definition)) == "元の説明"
    assert [h.title for h in search.search(db, admin, "後から追加")] == []
    assert [h.title for h in search.search(db, admin, "個人情報")] == ["個人情報"]
    entry = last_audit(db)
    assert entry.action == "restore" and json.loads(entry.after)["sha256"] == info.sha256
    assert chain_ok(db) and setup.verify(db).ok
    # The database as it was before the restore is kept, with the later change in it.
    assert terms_in(Path(result.safety_backup)) == {"個人情報", "後から追加"}
    assert not list(db_path.parent.glob(".restore-*"))


def test_restore_reaches_connections_that_stay_open(db, db_path, admin):
    info = backup.backup(db, admin)
    add_term(db, "消える用語")
    reader = sqlite3.connect(db_path)
    try:
        assert reader.execute("SELECT count(*) FROM glossary_term").fetchone()[0] == 1
        backup.restore(db, admin, info.path)
        assert reader.execute("SELECT count(*) FROM glossary_term").fetchone()[0] == 0
    finally:
        reader.close()


def test_restore_of_an_older_backup_upgrades_it(db, db_path, admin, tmp_path):
    old = tmp_path / "old" / "ecmanual-old.sqlite3"
    engine = make_engine(old)
    migrate.upgrade(engine, "0001")
    with engine.begin() as c:
        c.execute(text("INSERT INTO glossary_term (term, definition, version, created_at, updated_at) "
                       "VALUES ('旧版の用語', '研修で使う', 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00')"))
    old_db = Database(engine)
    with old_db.write(SYSTEM) as s:
        audit.record(s, "admin", "create", "glossary_term", 1)
    engine.dispose()
    result = backup.restore(db, admin, old)
    assert (result.backup_revision, result.revision) == ("0001", migrate.head_revision())
    assert [h.title for h in search.search(db, admin, "研修")] == ["旧版の用語"]
    assert chain_ok(db)


def _tampered(db, admin, tmp_path) -> Path:
    path = Path(backup.backup(db, admin, out_dir=tmp_path / "t").path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE audit_entry SET summary = 'changed' WHERE seq = 1")
    conn.commit()
    conn.close()
    return path


def _foreign_sqlite(tmp_path) -> Path:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path


def _newer_revision(db, admin, tmp_path) -> Path:
    path = Path(backup.backup(db, admin, out_dir=tmp_path / "n").path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    return path


def _truncated(db, admin, tmp_path) -> Path:
    path = Path(backup.backup(db, admin, out_dir=tmp_path / "c").path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\x00" * 4096 + data[len(data) // 2 + 4096:])
    return path


BAD_FILES = {
    "garbage": lambda db, admin, tmp: (tmp / "garbage.bin", (tmp / "garbage.bin").write_bytes(os.urandom(8192)))[0],
    "sqlite_header_then_garbage": lambda db, admin, tmp: (
        tmp / "fake.sqlite3", (tmp / "fake.sqlite3").write_bytes(b"SQLite format 3\x00" + os.urandom(8192)))[0],
    "not_ecmanual": lambda db, admin, tmp: _foreign_sqlite(tmp),
    "audit_chain_broken": _tampered,
    "unknown_revision": _newer_revision,
    "damaged_pages": _truncated,
    "missing": lambda db, admin, tmp: tmp / "nowhere.sqlite3",
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_backup_refused_and_database_untouched(db, db_path, admin, tmp_path, kind):
    add_term(db, "残る用語")
    bad = BAD_FILES[kind](db, admin, tmp_path)
    before = dump(db_path)
    with pytest.raises(InputError) as exc:
        backup.restore(db, admin, bad)
    assert exc.value.file == str(bad)
    assert dump(db_path) == before
    assert not (db_path.parent / "backups").exists() or not list((db_path.parent / "backups").glob("*pre-restore*"))
    assert not list(db_path.parent.glob(".restore-*"))


def test_cli_refuses_bad_file_with_exit_2(db, db_path, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("ECMANUAL_PASSWORD", ADMIN_PASSWORD)
    add_term(db, "残る用語")
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\xff" * 10000)
    assert run(["--db", str(db_path), "--user", "admin", "restore", str(garbage), "--yes"]) == 2
    err = capsys.readouterr().err
    assert str(garbage) in err and "SQLite" in err
    assert terms_in(db_path) == {"残る用語"}
    info = backup.backup(db, users.actor_for(db, "admin"))
    assert run(["--db", str(db_path), "--user", "admin", "restore", info.path]) == 2  # no --yes, no terminal
    assert "--yes" in capsys.readouterr().err


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_only_admins_back_up_and_restore(db, db_path, admin, role, request, monkeypatch):
    actor = request.getfixturevalue(role)
    password_chosen(db, role)
    info = backup.backup(db, admin)
    with pytest.raises(PermissionDenied):
        backup.backup(db, actor)
    with pytest.raises(PermissionDenied):
        backup.restore(db, actor, info.path)
    monkeypatch.setenv("ECMANUAL_PASSWORD", USER_PASSWORD)
    out = db_path.parent / "denied"
    assert run(["--db", str(db_path), "--user", role, "backup", "--out", str(out)]) == 3
    assert run(["--db", str(db_path), "--user", role, "restore", info.path, "--yes"]) == 3
    assert not out.exists() or not list(out.iterdir())


def test_cli_round_trip_in_a_subprocess(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "ECMANUAL_HOME": str(home), "ECMANUAL_PASSWORD": ADMIN_PASSWORD,
           "ECMANUAL_SCRYPT_N": "16384", "ECMANUAL_USER": "admin", "PYTHONPATH": str(ROOT)}
    env.pop("ECMANUAL_DB", None)
    db_file = home / "ecmanual.sqlite3"

    def cli(*args):
        result = subprocess.run([sys.executable, "-m", "ecmanual", *args], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120)
        return result

    assert cli("init", "--admin", "admin").returncode == 0
    database = Database(make_engine(db_file))
    add_term(database, "研修計画")
    made = cli("backup", "--json")
    assert made.returncode == 0, made.stderr
    info = json.loads(made.stdout)
    assert Path(info["path"]).parent == home / "backups" and len(info["sha256"]) == 64
    add_term(database, "後で消える")
    database.engine.dispose()
    restored = cli("restore", info["path"], "--yes", "--json")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["sha256"] == info["sha256"]
    assert terms_in(db_file) == {"研修計画"}
    assert cli("verify").returncode == 0
    hits = cli("search", "研修", "--json")
    assert [h["title"] for h in json.loads(hits.stdout)] == ["研修計画"]
    bad = tmp_path / "bad.sqlite3"
    shutil.copyfile(db_file, bad)
    conn = sqlite3.connect(bad)
    conn.execute("DELETE FROM audit_entry WHERE seq = 2")
    conn.commit()
    conn.close()
    refused = cli("restore", str(bad), "--yes")
    assert refused.returncode == 2 and "audit trail" in refused.stderr
    assert terms_in(db_file) == {"研修計画"}


# ---- a backup before every schema upgrade ------------------------------------------------------

def _old_database(path: Path) -> dict:
    """A database left at revision 0001 by an older version of the app, with data in it."""
    from tests.unit.test_migrations import fill_old_database, rows_of

    engine = make_engine(path)
    migrate.upgrade(engine, "0001")
    fill_old_database(engine)
    rows = rows_of(engine)
    engine.dispose()
    return rows


def _pre_upgrade_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("ecmanual-*-pre-upgrade.sqlite3"))


def test_the_app_backs_up_before_upgrading_and_the_backup_restores_the_old_state(tmp_path):
    from ecmanual.app import open_database
    from tests.unit.test_migrations import OLD_TABLES, rows_of

    path = tmp_path / "old.sqlite3"
    old_rows = _old_database(path)
    db = open_database(str(path))  # what the app does when it starts
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        [saved] = _pre_upgrade_files(backup.default_dir(db))
        entry = last_audit(db)
        assert (entry.action, json.loads(entry.after)["backup"]) == ("migrate", saved.name)
        assert json.loads(entry.after)["sha256"] == backup_files.sha256_of(saved)
        # the file is the old database as it was: its revision and every row (read from a copy)
        check = make_engine(shutil.copy(saved, tmp_path / "check.sqlite3"))
        assert migrate.current_revision(check) == "0001"
        assert rows_of(check) == old_rows
        check.dispose()
        assert chain_ok(db)

        # data written after the upgrade is gone again after restoring the pre-upgrade file
        users.create_first_admin(db, "admin", ADMIN_PASSWORD, "管理 太郎")
        admin = users.actor_for(db, "admin")
        add_term(db, "アップグレード後の用語")
        backup.restore(db, admin, saved)
        restored = rows_of(db.engine)
        data_tables = [t for t in OLD_TABLES if not t.startswith("audit")]
        assert {t: restored[t] for t in data_tables} == {t: old_rows[t] for t in data_tables}
        assert restored["audit_entry"][:3] == old_rows["audit_entry"]
        assert chain_ok(db)
        # opening it again does not back up again: it is current
        assert setup.upgrade(db).backup is None
        assert len(_pre_upgrade_files(backup.default_dir(db))) == 1
    finally:
        db.engine.dispose()


def test_cli_init_backs_up_an_old_database_but_not_a_new_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ECMANUAL_PASSWORD", ADMIN_PASSWORD)
    new = tmp_path / "new.sqlite3"
    assert run(["--db", str(new), "init", "--admin", "admin"]) == 0
    assert _pre_upgrade_files(tmp_path / "backups") == []
    old = tmp_path / "old" / "old.sqlite3"
    old.parent.mkdir()
    old_rows = _old_database(old)
    assert run(["--db", str(old), "init", "--admin", "admin"]) == 0
    [saved] = _pre_upgrade_files(old.parent / "backups")
    assert terms_in(saved) == {r[1] for r in old_rows["glossary_term"]}
    assert run(["--db", str(old), "verify"]) == 0


def test_no_upgrade_when_the_backup_cannot_be_written(tmp_path):
    path = tmp_path / "old.sqlite3"
    _old_database(path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    db = Database(make_engine(path))
    try:
        with pytest.raises(OSError):
            setup.upgrade(db, blocked)
        assert migrate.current_revision(db.engine) == "0001"
    finally:
        db.engine.dispose()
