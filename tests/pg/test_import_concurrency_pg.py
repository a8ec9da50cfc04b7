"""A long account import on the shared server does not lock the other PCs out: while its write
transaction is open, another PC reads the accounts as they were and saves other records."""

import threading
import time

import pytest

from ecmanual.domain.permissions import AppRole
from ecmanual.persistence.engine import make_engine
from ecmanual.services import glossary, inventory, inventory_import, users
from ecmanual.services.context import Database
from tests.conftest import USER_PASSWORD
from tests.unit.test_kill_import import write_accounts

pytestmark = pytest.mark.pg


@pytest.fixture
def second_pc(pg_url):
    database = Database(make_engine(pg_url))
    yield database
    database.engine.dispose()


def test_others_read_and_write_while_a_long_import_is_open(pg_db, second_pc, pg_admin, tmp_path):
    users.create_user(pg_db, pg_admin, "editor", USER_PASSWORD, AppRole.EDITOR, "編集 花子")
    editor = users.actor_for(second_pc, "editor")
    inventory.create_system(pg_db, pg_admin, "KARTE")
    csv = tmp_path / "karte.csv"
    write_accounts(csv, rows=3000)

    inside, release, outcome = threading.Event(), threading.Event(), {}

    def progress(done, total, message):
        if message == "adding accounts" and not inside.is_set():
            inside.set()         # rows written, transaction still open
            release.wait(30)

    def run_import():
        try:
            outcome["summary"] = inventory_import.import_accounts(pg_db, pg_admin, "KARTE", csv, progress=progress)
        except BaseException as exc:  # reported below
            outcome["error"] = exc

    worker = threading.Thread(target=run_import)
    worker.start()
    try:
        assert inside.wait(60), outcome.get("error")
        started = time.monotonic()
        # The other PC sees the accounts as they were before the import…
        systems = {s.name: s for s in inventory.list_systems(second_pc, editor)}
        assert systems["KARTE"].accounts == 0
        # …and saves its own work without waiting for the import to finish.
        glossary.save_term(second_pc, editor, glossary.TermInfo(None, "棚卸し", "たなおろし", None, "権限の定期確認。"))
        assert time.monotonic() - started < 5
    finally:
        release.set()
        worker.join(60)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["summary"]["added"] == 3000
    assert {s.name: s for s in inventory.list_systems(second_pc, editor)}["KARTE"].accounts == 3000
    assert glossary.get_term(pg_db, pg_admin, "棚卸し").definition == "権限の定期確認。"
