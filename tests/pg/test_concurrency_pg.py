"""Lost updates on a real PostgreSQL server: two PCs (two engines, own connections) save the
same records; the second, stale save is refused and the first change stays."""

import threading

import pytest

from ecmanual.domain.permissions import AppRole
from ecmanual.persistence.engine import make_engine
from ecmanual.services import glossary, users
from ecmanual.services.context import Database
from tests.conftest import USER_PASSWORD
from tests.unit.test_concurrency import lost_update_is_refused, racing_flushes_are_refused

pytestmark = pytest.mark.pg


@pytest.fixture
def second_pc(pg_url):
    database = Database(make_engine(pg_url))
    yield database
    database.engine.dispose()


@pytest.fixture
def pg_editor(pg_db, pg_admin):
    users.create_user(pg_db, pg_admin, "editor", USER_PASSWORD, AppRole.EDITOR, "編集 花子")
    return users.actor_for(pg_db, "editor")


def test_lost_update_is_refused_on_postgresql(pg_db, second_pc, pg_admin, pg_editor):
    assert pg_db.engine is not second_pc.engine
    lost_update_is_refused(pg_db, second_pc, pg_admin, pg_editor)


def test_racing_flushes_are_refused_on_postgresql(pg_db, second_pc, pg_admin):
    racing_flushes_are_refused(pg_db, second_pc, pg_admin)


def test_concurrent_saves_of_one_version_let_exactly_one_through(pg_db, second_pc, pg_admin, pg_editor):
    """Both PCs save version 1 at the same moment: one wins, the other gets ConflictError."""
    from ecmanual.domain.errors import ConflictError

    glossary.save_term(pg_db, pg_admin, glossary.TermInfo(None, "出荷", None, None, "商品を発送すること。"))
    opened = [glossary.get_term(pg_db, pg_admin, "出荷"), glossary.get_term(second_pc, pg_editor, "出荷")]
    barrier, outcomes = threading.Barrier(2), []

    def save(database, actor, info, text):
        info.definition = text
        barrier.wait()
        try:
            glossary.save_term(database, actor, info)
            outcomes.append(("saved", text))
        except ConflictError:
            outcomes.append(("refused", text))

    threads = [threading.Thread(target=save, args=(pg_db, pg_admin, opened[0], "管理者の定義")),
               threading.Thread(target=save, args=(second_pc, pg_editor, opened[1], "編集者の定義"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(o[0] for o in outcomes) == ["refused", "saved"]
    winner = next(text for kind, text in outcomes if kind == "saved")
    final = glossary.get_term(second_pc, pg_editor, "出荷")
    assert (final.definition, final.version) == (winner, 2)
