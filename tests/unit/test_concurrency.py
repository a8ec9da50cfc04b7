"""Two sessions editing the same record: the second save is refused, not silently lost."""

import threading

import pytest
from sqlalchemy import select

from ecmanual.domain.errors import ConflictError
from ecmanual.persistence.models import Department
from ecmanual.services.context import Database


def test_stale_save_is_refused(db, admin):
    with db.write(admin) as s:
        s.add(Department(name="マーケティング部"))
    other = Database(db.engine)  # a second PC: its own sessions on the same file
    with db.read() as s1, other.read() as s2:
        mine = s1.scalar(select(Department))
        theirs = s2.scalar(select(Department))
        assert mine.version == theirs.version == 1
    with db.write(admin) as s:
        d = s.get(Department, theirs.id)
        d.description = "先に保存した人の説明"
    with pytest.raises(ConflictError, match="changed by someone else"):
        with db.write(admin) as s:
            stale = s.merge(mine, load=False)
            stale.description = "後から保存した人の説明"
    with db.read() as s:
        d = s.scalar(select(Department))
        assert d.description == "先に保存した人の説明" and d.version == 2


def test_writers_queue_instead_of_failing(db, admin):
    """Concurrent writers on SQLite wait for the lock (BEGIN IMMEDIATE + busy_timeout)."""
    errors = []

    def write(i):
        try:
            for j in range(10):
                with db.write(admin) as s:
                    s.add(Department(name=f"部署{i}-{j}"))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with db.read() as s:
        assert len(s.scalars(select(Department)).all()) == 40
