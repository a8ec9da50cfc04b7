"""Migrations on a real PostgreSQL 15 server: the same checks as on SQLite, plus the CLI."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from ecmanual.persistence import migrate
from ecmanual.persistence.engine import make_engine
from tests.conftest import ADMIN_PASSWORD
from tests.pg.conftest import ROLE_PASSWORD
from tests.unit.test_migrations import (
    CYCLIC, check_old_data_survives_upgrade, check_review_snapshots_survive_upgrade, compare_to_models,
    cyclic_fks_present, downgrade,
)

pytestmark = pytest.mark.pg
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def engine(pg_url):
    engine = make_engine(pg_url)
    yield engine
    engine.dispose()


def test_empty_to_head_matches_models(engine):
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert cyclic_fks_present(engine)  # CREATE TABLE leaves use_alter FKs out on PostgreSQL
    assert compare_to_models(engine) == []


def test_compare_notices_a_missing_foreign_key(engine):
    migrate.upgrade(engine)
    fk = next(f["name"] for f in inspect(engine).get_foreign_keys("manual_page")
              if f["constrained_columns"] == ["published_version_id"])
    with engine.begin() as c:
        c.execute(text(f'ALTER TABLE manual_page DROP CONSTRAINT "{fk}"'))
    assert [d[0] for d in compare_to_models(engine)] == ["add_fk"]


def test_upgrade_repairs_cyclic_fks_missing_from_an_early_0001(engine):
    """Databases made by the first 0001 lack the two cyclic FKs; 0002 adds them."""
    migrate.upgrade(engine, "0001")
    with engine.begin() as c:
        for table in CYCLIC:
            for fk in inspect(c).get_foreign_keys(table):
                if fk["constrained_columns"] == [CYCLIC[table][0]]:
                    c.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{fk["name"]}"'))
    assert not cyclic_fks_present(engine)
    migrate.upgrade(engine)
    assert cyclic_fks_present(engine)
    assert compare_to_models(engine) == []


def test_downgrade_to_base_and_back(engine):
    migrate.upgrade(engine)
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    migrate.upgrade(engine)
    assert compare_to_models(engine) == []


def test_old_database_with_data_upgrades_unchanged(engine):
    check_old_data_survives_upgrade(engine)


def test_review_snapshots_survive_the_upgrade_to_columns(engine):
    check_review_snapshots_survive_upgrade(engine)


def test_cli_init_on_a_postgresql_url(pg_server, pg_database, tmp_path):
    url = pg_server.url(pg_database, password=False)  # the password comes from the environment
    env = {**os.environ, "ECMANUAL_HOME": str(tmp_path), "ECMANUAL_PASSWORD": ADMIN_PASSWORD,
           "ECMANUAL_DB_PASSWORD": ROLE_PASSWORD, "ECMANUAL_SCRYPT_N": "16384", "ECMANUAL_USER": "admin",
           "PYTHONPATH": str(ROOT)}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "ecmanual", "--db", url, *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    first = cli("init", "--admin", "admin")
    assert first.returncode == 0, first.stderr
    assert "revision 0003 (created)" in first.stdout and "first administrator: admin" in first.stdout
    again = cli("init")
    assert again.returncode == 0 and "(created)" not in again.stdout
    verify = cli("verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    wrong = subprocess.run([sys.executable, "-m", "ecmanual", "--db", url, "verify"], cwd=ROOT,
                           env={**env, "ECMANUAL_DB_PASSWORD": "wrong"}, capture_output=True, text=True, timeout=120)
    assert wrong.returncode != 0
    engine = make_engine(pg_server.url(pg_database))
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
        assert compare_to_models(engine) == []
    finally:
        engine.dispose()
