"""The audit trail's hash chain notices edited, deleted and reordered entries."""

from sqlalchemy import text

from ecmanual.services import audit, setup
from ecmanual.services.context import SYSTEM


def _write_entries(db, n=5):
    for i in range(n):
        with db.write(SYSTEM) as s:
            audit.record(s, "admin", "update", "glossary_term", i, before={"v": i}, after={"v": i + 1})


def _chain(db):
    with db.read() as s:
        return audit.verify_chain(s)


def test_intact_chain_verifies(db):
    _write_entries(db)
    report = _chain(db)
    assert report.ok and report.entries >= 5
    assert setup.verify(db).ok


def test_edited_entry_is_detected(db):
    _write_entries(db)
    with db.engine.begin() as c:
        seq = c.execute(text("SELECT seq FROM audit_entry WHERE entity='glossary_term' AND entity_id='2'")).scalar()
        c.execute(text("UPDATE audit_entry SET after=:a WHERE seq=:s"), {"a": '{"v":99}', "s": seq})
    report = _chain(db)
    assert not report.ok
    assert report.first_broken_seq == seq
    assert "changed" in report.problem
    assert not setup.verify(db).ok


def test_deleted_entry_is_detected(db):
    _write_entries(db)
    with db.engine.begin() as c:
        seq = c.execute(text("SELECT seq FROM audit_entry WHERE entity='glossary_term' AND entity_id='1'")).scalar()
        c.execute(text("DELETE FROM audit_entry WHERE seq=:s"), {"s": seq})
    report = _chain(db)
    assert not report.ok and report.first_broken_seq == seq


def test_deleted_tail_is_detected(db):
    _write_entries(db)
    with db.engine.begin() as c:
        c.execute(text("DELETE FROM audit_entry WHERE seq=(SELECT max(seq) FROM audit_entry)"))
    report = _chain(db)
    assert not report.ok and "removed" in report.problem


def test_reordered_entries_are_detected(db):
    _write_entries(db)
    with db.engine.begin() as c:
        a, b = c.execute(text("SELECT seq FROM audit_entry ORDER BY seq DESC LIMIT 2")).scalars().all()
        c.execute(text("UPDATE audit_entry SET seq=-1 WHERE seq=:a"), {"a": a})
        c.execute(text("UPDATE audit_entry SET seq=:a WHERE seq=:b"), {"a": a, "b": b})
        c.execute(text("UPDATE audit_entry SET seq=:b WHERE seq=-1"), {"b": b})
    assert not _chain(db).ok
