"""Migrations on SQLite: empty to head, models equal to the migrated schema, old data kept.

`compare_to_models`, `fill_old_database`, `rows_of` and the upgrade checks are shared with
tests/pg/test_migrations_pg.py.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import JSON, bindparam, inspect, text

from ecmanual.cli import run
from ecmanual.persistence import migrate
from ecmanual.persistence.engine import make_engine
from ecmanual.persistence.models import Base, Review
from ecmanual.services import audit, review_snapshot, search, setup
from ecmanual.services.context import SYSTEM, Database
from tests.conftest import ADMIN_PASSWORD

# The two foreign keys that close a cycle between a record and its versions.
CYCLIC = {"checklist_template": ("current_version_id", "checklist_template_version"),
          "manual_page": ("published_version_id", "manual_page_version")}
OLD_TABLES = ("department", "staff", "glossary_term", "audit_entry", "audit_head")


def compare_to_models(engine) -> list:
    """Alembic's autogenerate diff between the models and the database (empty = equal)."""
    with engine.connect() as conn:
        mc = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "include_name": lambda name, type_, parents: not (
                type_ in ("table", "index") and search.is_index_object(name)),
        })
        return compare_metadata(mc, Base.metadata)


def cyclic_fks_present(engine) -> bool:
    insp = inspect(engine)
    return all(any(fk["constrained_columns"] == [col] and fk["referred_table"] == target
                   for fk in insp.get_foreign_keys(table)) for table, (col, target) in CYCLIC.items())


def downgrade(engine, revision: str) -> None:
    cfg = migrate.alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def fill_old_database(engine) -> None:
    """Realistic rows written at revision 0001, with plain SQL (independent of today's models)."""
    with engine.begin() as c:
        c.execute(text(
            "INSERT INTO department (id, name, name_en, description, parent_id, sort_order, version, created_at, updated_at) "
            "VALUES (1, 'マーケティング部', 'Marketing', 'メール・LINE配信', NULL, 1, 1, '2026-01-05 09:00:00', '2026-01-05 09:00:00'),"
            " (2, '情報システム部', 'IT', 'SaaSの権限管理', NULL, 2, 3, '2026-01-05 09:00:00', '2026-03-01 10:30:00')"))
        c.execute(text(
            "INSERT INTO staff (id, name, kana, email, department_id, manager_id, employment_type, status, hire_date, "
            "leave_date, notes, version, created_at, updated_at) VALUES "
            "(1, '山田 花子', 'ヤマダ ハナコ', 'hanako@example.jp', 1, NULL, '正社員', 'active', :d1, NULL, NULL, 1, "
            "'2026-01-05 09:00:00', '2026-01-05 09:00:00'),"
            "(2, '佐藤 一郎', 'サトウ イチロウ', 'ichiro@example.jp', 2, 1, '契約社員', 'left', :d1, :d2, '退職済み', 2, "
            "'2026-01-05 09:00:00', '2026-06-30 18:00:00')"), {"d1": date(2025, 4, 1), "d2": date(2026, 6, 30)})
        c.execute(text(
            "INSERT INTO glossary_term (id, term, reading, category, definition, english, related, version, "
            "created_at, updated_at) VALUES "
            "(1, '個人情報', 'こじんじょうほう', 'セキュリティ', '特定の個人を識別できる情報。研修で扱う。', "
            "'Personal information', '権限棚卸し', 1, '2026-01-05 09:00:00', '2026-01-05 09:00:00'),"
            "(2, '権限棚卸し', 'けんげんたなおろし', NULL, '四半期ごとに権限を確認する。', NULL, NULL, 1, "
            "'2026-01-05 09:00:00', '2026-01-05 09:00:00')"))
    db = Database(engine)
    for i in range(3):
        with db.write(SYSTEM) as s:
            audit.record(s, "admin", "update", "glossary_term", 1, before={"v": i}, after={"v": i + 1},
                         summary="用語を更新")


def rows_of(engine, tables=OLD_TABLES) -> dict[str, list[tuple]]:
    with engine.connect() as c:
        return {t: [tuple(r) for r in c.execute(text(f"SELECT * FROM {t} ORDER BY 1"))] for t in tables}


def check_old_data_survives_upgrade(engine, viewer_db_actor=SYSTEM) -> None:
    migrate.upgrade(engine, "0001")
    assert migrate.current_revision(engine) == "0001"
    fill_old_database(engine)
    before = rows_of(engine)
    assert len(before["audit_entry"]) == 3
    db = Database(engine)
    setup.init_schema(db)  # what the app does on start: upgrade and record it
    assert migrate.current_revision(engine) == migrate.head_revision()
    after = rows_of(engine)
    assert {t: after[t] for t in OLD_TABLES if t not in ("audit_entry", "audit_head")} == \
        {t: before[t] for t in OLD_TABLES if t not in ("audit_entry", "audit_head")}
    assert after["audit_entry"][:3] == before["audit_entry"]  # old entries unchanged, one "migrate" added
    assert [r.action for r in _entries(engine)][3:] == ["migrate"]
    with db.read() as s:
        assert audit.verify_chain(s).ok
    search.rebuild_index(db)
    assert {(h.entity, h.entity_id) for h in search.search(db, viewer_db_actor, "研修")} == {("glossary_term", 1)}
    assert {(h.entity, h.entity_id) for h in search.search(db, viewer_db_actor, "マーケティング")} == {("department", 1)}
    assert {h.entity_id for h in search.search(db, viewer_db_actor, "ichiro@example")} == {2}
    assert compare_to_models(engine) == []


# Review snapshots as 0002 stored them (compact JSON documents): every kind of value, absent
# defaults, and a key no column holds.
SNAPSHOTS_0002 = {
    1: {"account_id": 1, "system_id": 1, "system": "ECforce", "login": "hanako@example.jp", "email": "hanako@example.jp",
        "name": "山田 花子", "native_level": "運用者", "level": "配信作成", "rank": 2, "mfa": False,
        "last_login": "2026-05-31T11:48:00+09:00", "status": "suspended", "first_seen": "2026-01-07", "staff_id": 1,
        "link_status": "confirmed", "is_shared": True, "is_service": False, "owner_staff_id": 2, "person_id": 1,
        "person": "山田 花子", "person_status": "left", "leave_date": "2026-06-30", "department_id": 1,
        "department": "マーケティング部", "role_ids": [3, 7]},
    2: {"account_id": 2, "system_id": 1, "system": "ECforce", "login": "shared@example.jp", "mfa": True,
        "is_service": True, "role_ids": [], "legacy_note": {"by": "旧版", "n": 1}},
}


def fill_review_snapshots(engine) -> None:
    """A review with two frozen accounts at revision 0002, a finding and a remediation task each."""
    stamp = {"t": datetime(2026, 10, 1, 9, 0)}
    with engine.begin() as c:
        c.execute(text("INSERT INTO saas_system (id, name, mfa_required, dormant_days, active, version, created_at, "
                       "updated_at) VALUES (1, 'ECforce', :y, 90, :y, 1, :t, :t)"), {**stamp, "y": True})
        for aid, login in ((1, "hanako@example.jp"), (2, "shared@example.jp")):
            c.execute(text("INSERT INTO account (id, system_id, login, status, link_status, is_shared, is_service, "
                           "version, created_at, updated_at) VALUES (:id, 1, :login, 'active', 'none', :n, :n, 1, "
                           ":t, :t)"), {**stamp, "id": aid, "login": login, "n": False})
        c.execute(text("INSERT INTO review (id, period, started_on, status, version, created_at, updated_at) "
                       "VALUES (1, '2026Q4', :d, 'open', 1, :t, :t)"), {**stamp, "d": date(2026, 10, 1)})
        c.execute(text("INSERT INTO review_system (id, review_id, system_id) VALUES (1, 1, 1)"))
        insert = text("INSERT INTO review_account (id, review_id, account_id, system_id, snapshot, decision, reason, "
                      "version) VALUES (:id, 1, :id, 1, :snap, :decision, :reason, 2)").bindparams(
            bindparam("snap", type_=JSON))
        for rid, snap in SNAPSHOTS_0002.items():
            c.execute(insert, {"id": rid, "snap": snap, "decision": "revoke" if rid == 1 else None,
                               "reason": "退職済み" if rid == 1 else None})
            c.execute(text("INSERT INTO finding (id, review_id, review_account_id, kind, detail) "
                           "VALUES (:id, 1, :id, 'unlinked', 'スタッフに紐づいていません')"), {"id": rid})
        c.execute(text("INSERT INTO remediation_task (id, review_account_id, action, due_date, status, version, "
                       "created_at, updated_at) VALUES (1, 1, 'revoke', :d, 'open', 1, :t, :t)"),
                  {**stamp, "d": date(2026, 10, 31)})


def _json(value):
    """A JSON column read with plain SQL: text on SQLite, decoded already on PostgreSQL."""
    return json.loads(value) if isinstance(value, str) else value


def check_review_snapshots_survive_upgrade(engine) -> None:
    """0002 -> 0003 moves each snapshot document into columns, every value kept; back again on downgrade."""
    migrate.upgrade(engine, "0002")
    fill_review_snapshots(engine)
    kept = ("finding", "remediation_task", "review", "review_system")
    before = rows_of(engine, kept)
    migrate.upgrade(engine, "0003")
    assert rows_of(engine, ("finding", "remediation_task", "review")) == \
        {t: before[t] for t in ("finding", "remediation_task", "review")}  # nothing cascaded away
    db = Database(engine)
    with db.read() as s:
        snaps, ra_ids = review_snapshot.load_snapshots(s, 1)
        facts, _ = review_snapshot.load_rule_facts(s, 1)
        extra = {rid: _json(x) for rid, x in s.execute(text("SELECT id, snapshot_extra FROM review_account ORDER BY id"))}
        decided = s.execute(text("SELECT decision, reason, version FROM review_account ORDER BY id")).all()
    assert ra_ids == {1: 1, 2: 2}
    by_id = {a.account_id: a for a in snaps}
    for rid, doc in SNAPSHOTS_0002.items():
        got = by_id[rid].as_dict()
        assert {k: v for k, v in got.items() if v is not None} == {
            "status": "active", "link_status": "none", "is_shared": False, "is_service": False,
            **{k: v for k, v in doc.items() if k != "legacy_note"}}
    assert extra[1] is None and extra[2] == {"legacy_note": {"by": "旧版", "n": 1}}
    assert [tuple(r) for r in decided] == [("revoke", "退職済み", 2), (None, None, 2)]
    assert [(f.account_id, f.mfa, f.is_shared, f.role_ids or ()) for f in facts] == [(1, False, True, (3, 7)),
                                                                                    (2, True, False, ())]
    assert compare_to_models(engine) == []
    downgrade(engine, "0002")
    with engine.connect() as c:
        docs = {rid: _json(doc) for rid, doc in c.execute(text("SELECT id, snapshot FROM review_account ORDER BY id"))}
    assert docs == {rid: {"status": "active", "link_status": "none", "is_shared": False, "is_service": False, **doc}
                    if rid == 2 else doc for rid, doc in SNAPSHOTS_0002.items()}
    assert rows_of(engine, kept) == before
    # Up again: a recompute from the columns writes what changed, then nothing.
    migrate.upgrade(engine, "0003")

    def recompute() -> list[tuple]:
        with db.write(SYSTEM) as s:
            facts, ra_ids = review_snapshot.load_rule_facts(s, 1)
            assert review_snapshot.store_findings(s, s.get(Review, 1), facts, ra_ids) == 2
        with engine.connect() as c:
            assert c.execute(text("SELECT findings_digest FROM review_system")).scalar() is not None
            return [tuple(r) for r in c.execute(text(
                "SELECT id, review_account_id, kind, detail FROM finding ORDER BY review_account_id"))]

    first = recompute()
    assert [r[1:] for r in first] == [(1, "shared", "共有アカウント(権限: 運用者)"),
                                      (2, "unlinked", "サービスアカウントの所有者が未設定")]
    assert recompute() == first


def _entries(engine):
    with engine.connect() as c:
        return c.execute(text("SELECT seq, action FROM audit_entry ORDER BY seq")).all()


# ---- SQLite --------------------------------------------------------------------------------

def test_empty_to_head_matches_models(tmp_path):
    engine = make_engine(tmp_path / "m.sqlite3")
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision() == "0003"
    assert compare_to_models(engine) == []
    assert cyclic_fks_present(engine)
    with engine.connect() as c:
        names = {r[0] for r in c.execute(text("SELECT name FROM sqlite_master WHERE type IN ('table','trigger')"))}
        assert {"search_fts", "search_doc_ai", "search_doc_ad", "search_doc_au"} <= names
        assert c.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    engine.dispose()


def test_compare_notices_a_difference(tmp_path):
    """The comparison is not vacuous: a column missing from the database shows up."""
    engine = make_engine(tmp_path / "m.sqlite3")
    migrate.upgrade(engine)
    with engine.begin() as c:
        c.execute(text("ALTER TABLE glossary_term DROP COLUMN related"))
    diffs = compare_to_models(engine)
    assert [(d[0], d[2], d[3].name) for d in diffs] == [("add_column", "glossary_term", "related")]
    engine.dispose()


def test_downgrade_to_base_and_back(tmp_path):
    engine = make_engine(tmp_path / "m.sqlite3")
    migrate.upgrade(engine)
    downgrade(engine, "0001")
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_fts%'")).scalar() == 0
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    migrate.upgrade(engine)
    assert compare_to_models(engine) == []
    engine.dispose()


def test_old_database_with_data_upgrades_unchanged(tmp_path):
    engine = make_engine(tmp_path / "old.sqlite3")
    check_old_data_survives_upgrade(engine)
    engine.dispose()


def test_cli_init_creates_and_upgrades(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ECMANUAL_PASSWORD", ADMIN_PASSWORD)
    path = tmp_path / "cli.sqlite3"
    engine = make_engine(path)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    assert run(["--db", str(path), "init", "--admin", "admin", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"revision_before": "0001"' in out and '"revision": "0003"' in out
    assert run(["--db", str(path), "verify"]) == 0


def test_cli_init_refuses_a_weak_first_password_before_creating_anything(tmp_path, monkeypatch, capsys):
    path = tmp_path / "new.sqlite3"
    monkeypatch.setenv("ECMANUAL_PASSWORD", "Kanri-pass-123")  # contains the user name
    assert run(["--db", str(path), "init", "--admin", "kanri"]) == 2
    assert "too weak" in capsys.readouterr().err
    engine = make_engine(path)
    try:
        assert inspect(engine).get_table_names() == []  # no schema, no audit entry
    finally:
        engine.dispose()
    monkeypatch.setenv("ECMANUAL_PASSWORD", "Sekinin-pass-456")
    assert run(["--db", str(path), "init", "--admin", "kanri"]) == 0
    assert run(["--db", str(path), "--user", "kanri", "verify"]) == 0


def test_the_quick_head_and_current_revision_agree_with_alembic(tmp_path):
    """Start-up reads the head from the migration files and the revision from alembic_version
    without importing Alembic; both must give Alembic's own answers."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    engine = make_engine(tmp_path / "r.sqlite3")
    try:
        assert migrate.current_revision(engine) is None
        for revision in ("0001", "head"):
            migrate.upgrade(engine, revision)
            with engine.connect() as conn:
                assert migrate.current_revision(engine) == MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def test_review_snapshots_survive_the_upgrade_to_columns(tmp_path):
    engine = make_engine(tmp_path / "snap.sqlite3")
    check_review_snapshots_survive_upgrade(engine)
    engine.dispose()
