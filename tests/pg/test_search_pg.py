"""The search checks of tests/unit/test_search.py, on PostgreSQL (ILIKE, optional pg_trgm)."""

import pytest
from sqlalchemy import text

from ecmanual.services import search
from tests.unit import test_search as checks

pytestmark = pytest.mark.pg


@pytest.fixture
def ids(pg_db):
    return checks.add_content(pg_db)


@pytest.mark.parametrize("check", [
    checks.check_short_japanese_words,
    checks.check_long_words,
    checks.check_case_and_width,
    checks.check_words_are_anded,
    checks.check_title_hits_first,
    checks.check_hostile_input,
    checks.check_published_text_only,
    checks.check_index_follows_changes,
], ids=lambda f: f.__name__.removeprefix("check_"))
def test_search_on_postgresql(pg_db, pg_viewer, ids, check):
    check(pg_db, pg_viewer, ids)


def test_trigram_index_is_used_when_pg_trgm_exists(pg_db, pg_viewer, ids):
    with pg_db.engine.connect() as c:
        has_trgm = c.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first() is not None
        index = c.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = :n"),
                          {"n": search.PG_TRGM_INDEX}).scalar()
    # pg_trgm ships with the server package and is a trusted extension: the owner may create it.
    assert has_trgm and "gin_trgm_ops" in index
    with pg_db.engine.begin() as c:
        c.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(c.execute(text(
            "EXPLAIN SELECT id FROM search_doc WHERE (search_doc.title || ' ' || search_doc.body) ILIKE '%個人情報%'"
        )).scalars())
    assert search.PG_TRGM_INDEX in plan


def test_search_works_without_pg_trgm(pg_db, pg_viewer, ids):
    with pg_db.engine.begin() as c:
        c.execute(text(f"DROP INDEX {search.PG_TRGM_INDEX}"))
        c.execute(text("DROP EXTENSION pg_trgm"))
    checks.check_long_words(pg_db, pg_viewer, ids)
    checks.check_short_japanese_words(pg_db, pg_viewer, ids)
