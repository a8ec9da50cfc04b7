"""Two sessions editing the same record: the second save is refused, not silently lost."""

import threading

import pytest
from sqlalchemy import select

from ecmanual.domain.errors import ConflictError
from ecmanual.persistence.engine import make_engine
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


# ---- two PCs saving the same record through the services (shared with tests/pg) ----------------

def lost_update_is_refused(first_db: Database, second_db: Database, alice, bob) -> None:
    """Alice and Bob open the same term and staff record on their own PCs; Alice saves first.

    Bob's save carries the version he opened and is refused with who saved it and what the
    record holds now; Alice's change stays. Then Bob reloads and his save goes through.
    """
    from ecmanual.services import glossary, organisation

    term_id = glossary.save_term(first_db, alice, glossary.TermInfo(None, "引当", "ひきあて", "在庫",
                                                                    "注文に在庫を割り当てること。"))
    staff = organisation.create_staff(first_db, alice, "山田 太郎", email="taro.yamada@example.co.jp")
    seen_by_alice = glossary.get_term(first_db, alice, "引当")
    seen_by_bob = glossary.get_term(second_db, bob, "引当")
    staff_seen_by_bob = organisation.get_staff(second_db, staff.id)
    assert seen_by_alice.version == seen_by_bob.version == 1

    seen_by_alice.definition = "受注時に在庫を確保すること（アリス）。"
    glossary.save_term(first_db, alice, seen_by_alice)
    organisation.update_staff(first_db, alice, staff.id, expected_version=staff_seen_by_bob.version,
                              notes="4月から倉庫担当")

    seen_by_bob.definition = "ボブの定義。"
    with pytest.raises(ConflictError, match="changed by someone else") as refused:
        glossary.save_term(second_db, bob, seen_by_bob)
    assert refused.value.current["definition"] == "受注時に在庫を確保すること（アリス）。"
    assert refused.value.current["version"] == 2
    assert alice.username in refused.value.changed_by and refused.value.changed_at is not None
    with pytest.raises(ConflictError) as refused_staff:
        organisation.update_staff(second_db, bob, staff.id, expected_version=staff_seen_by_bob.version,
                                  notes="ボブのメモ")
    assert refused_staff.value.current["notes"] == "4月から倉庫担当"
    assert alice.username in refused_staff.value.changed_by

    assert glossary.get_term(second_db, bob, "引当").definition == "受注時に在庫を確保すること（アリス）。"
    assert organisation.get_staff(second_db, staff.id).notes == "4月から倉庫担当"
    reloaded = glossary.get_term(second_db, bob, "引当")
    reloaded.definition = "ボブが読み直してから保存した定義。"
    glossary.save_term(second_db, bob, reloaded)
    final = glossary.get_term(first_db, alice, "引当")
    assert (final.definition, final.version) == ("ボブが読み直してから保存した定義。", 3)
    assert final.id == term_id


def test_lost_update_is_refused_on_sqlite(db, admin, editor):
    other_pc = Database(make_engine(db.engine.url.database))  # its own engine on the same file
    try:
        lost_update_is_refused(db, other_pc, admin, editor)
    finally:
        other_pc.engine.dispose()


def racing_flushes_are_refused(db: Database, other: Database, actor) -> None:
    """Both transactions read version 1 before either writes: the later UPDATE matches no row."""
    from ecmanual.persistence.models import GlossaryTerm

    with db.write(actor) as s:
        s.add(GlossaryTerm(term="欠品", definition="在庫が無いこと。"))
    with db.read() as s1, other.read() as s2:
        mine, theirs = s1.scalar(select(GlossaryTerm)), s2.scalar(select(GlossaryTerm))
    with other.write(actor) as s:
        s.merge(theirs, load=False).definition = "先に保存"
    with pytest.raises(ConflictError):
        with db.write(actor) as s:
            s.merge(mine, load=False).definition = "後から保存"
    with db.read() as s:
        term = s.scalar(select(GlossaryTerm))
        assert (term.definition, term.version) == ("先に保存", 2)


def test_racing_flushes_are_refused_on_sqlite(db, admin):
    other_pc = Database(make_engine(db.engine.url.database))
    try:
        racing_flushes_are_refused(db, other_pc, admin)
    finally:
        other_pc.engine.dispose()


@pytest.mark.gui
def test_the_refusal_shows_the_other_persons_change(qtbot, qapp, db, admin, editor):
    from ecmanual.app import configure_application
    from ecmanual.services import glossary
    from ecmanual.ui import feedback

    configure_application(qapp, "ja")
    glossary.save_term(db, admin, glossary.TermInfo(None, "引当", None, None, "注文に在庫を割り当てること。"))
    stale = glossary.get_term(db, editor, "引当")
    fresh = glossary.get_term(db, admin, "引当")
    fresh.definition = "受注時に在庫を確保すること。"
    glossary.save_term(db, admin, fresh)
    stale.definition = "編集者の定義"
    assert not feedback.attempt(None, lambda: glossary.save_term(db, editor, stale))
    box = feedback.last_message
    qtbot.addWidget(box)
    assert box.windowTitle() == "他の人が変更しました"
    assert "あなたの変更は保存されていません" in box.text()
    assert "「引当」 was changed by someone else" in box.detailedText()  # the service's own words
    info = box.informativeText()
    assert "管理 太郎 (admin)" in info and "に保存しました" in info
    assert "definition: 受注時に在庫を確保すること。" in info
    assert "version" not in info and "編集者の定義" not in info
    box.grab().save("/tmp/safety-conflict.png")
    box.close()
