"""The list areas load on the pool: the constructor returns before the data, the data arrives,
navigation waits for it, and a stale load never overwrites a newer one. The real services are
gated (a threading.Event inside the wrapped call), the database is real."""

from __future__ import annotations

import threading

import pytest

from ecmanual.services import checklists, glossary, manual, reviews, training
from ecmanual.ui.context import UiContext
from ecmanual.ui.loading import loading_text
from ecmanual.ui.tables import selected_info

pytestmark = pytest.mark.gui


class Gate:
    """Wraps a service function: calls block until `open()`; records how many started."""

    def __init__(self, monkeypatch, module, name: str):
        self.event = threading.Event()
        self.calls = 0
        real = getattr(module, name)

        def gated(*args, **kwargs):
            self.calls += 1
            assert self.event.wait(10), "gate never opened"
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, gated)

    def open(self) -> None:
        self.event.set()


def _ctx(db, actor):
    return UiContext(db, actor, "test.sqlite3")


CASES = [
    ("ecmanual.ui.views.checklists:ChecklistsView", checklists, "list_templates",
     lambda v: v.templates_model.rowCount()),
    ("ecmanual.ui.views.manual:ManualView", manual, "list_pages", lambda v: v.model.rowCount()),
    ("ecmanual.ui.views.glossary:GlossaryView", glossary, "list_terms", lambda v: v.model.rowCount()),
    ("ecmanual.ui.views.reviews:ReviewsView", reviews, "list_reviews", lambda v: v.systems_model.rowCount()),
    ("ecmanual.ui.views.training:TrainingView", training, "list_courses", lambda v: v.courses.model.rowCount()),
]


@pytest.mark.parametrize("view_path, module, name, rows", CASES, ids=[c[0].rsplit(":")[1] for c in CASES])
def test_the_constructor_returns_before_the_data_and_the_data_arrives(qtbot, seeded_db, admin, monkeypatch,
                                                                       view_path, module, name, rows):
    import importlib

    module_name, _, cls = view_path.partition(":")
    view_class = getattr(importlib.import_module(module_name), cls)
    gate = Gate(monkeypatch, module, name)
    view = view_class(_ctx(seeded_db, admin))
    qtbot.addWidget(view)
    view.show()
    loader = view.courses.loader if cls == "TrainingView" else view.loader
    assert loader.loading and rows(view) == 0  # built, the query still waiting on the pool
    cover = loader.covers[0]
    assert not cover.isHidden() and cover.text() == loading_text() == "読み込み中…"
    qtbot.waitUntil(lambda: gate.calls == 1, timeout=5000)
    gate.open()
    qtbot.waitUntil(lambda: not loader.loading, timeout=10000)
    assert rows(view) > 0 and cover.isHidden()


def test_navigation_right_after_construction_waits_for_the_list(qtbot, seeded_db, admin, monkeypatch):
    from ecmanual.ui.views.glossary import GlossaryView

    term = glossary.list_terms(seeded_db, admin)[5]
    gate = Gate(monkeypatch, glossary, "list_terms")
    view = GlossaryView(_ctx(seeded_db, admin))
    qtbot.addWidget(view)
    view.search.setText("絞り込み")
    assert view.show_record("glossary_term", term.id) is True  # queued until the list is there
    gate.open()
    qtbot.waitUntil(lambda: not view.loader.loading, timeout=10000)
    assert view.search.text() == "" and selected_info(view.table).id == term.id


def test_manual_page_shown_by_navigation_right_after_construction(qtbot, seeded_db, admin, monkeypatch):
    from ecmanual.ui.views.manual import ManualView

    page = manual.get_page(seeded_db, admin, "line-delivery")
    gate = Gate(monkeypatch, manual, "list_pages")
    view = ManualView(_ctx(seeded_db, admin))
    qtbot.addWidget(view)
    assert view.show_record("manual_page", page.id) is True
    assert view.title.text() == ""  # nothing yet
    gate.open()
    qtbot.waitUntil(lambda: page.title in view.title.text(), timeout=10000)


def test_a_stale_load_is_ignored(qtbot, seeded_db, admin, editor, monkeypatch):
    """The first runs load is held back while a filtered one finishes; the old result, arriving
    last, must not replace the newer filtered list."""
    from ecmanual.ui.views.checklists import ChecklistsView

    name = checklists.list_templates(seeded_db, admin)[0].name
    checklists.start_run(seeded_db, editor, name, "編集者の実施")
    checklists.start_run(seeded_db, admin, name, "管理者の実施")
    first = threading.Event()
    real = checklists.list_runs
    calls: list[dict] = []

    def gated(*args, **kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            assert first.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(checklists, "list_runs", gated)
    view = ChecklistsView(_ctx(seeded_db, admin))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.loader.is_loading("templates"), timeout=10000)
    view.person_filter.setCurrentIndex(view.person_filter.findText("編集 花子"))  # a second runs load
    qtbot.waitUntil(lambda: [r.subject for r in view.runs_model.rows()] == ["編集者の実施"], timeout=10000)
    assert view.loader.loading is False  # the first load is stale: nobody waits for it
    task_count = len(calls)
    first.set()  # the stale, unfiltered result now arrives
    qtbot.wait(300)
    assert task_count == 2 and [r.subject for r in view.runs_model.rows()] == ["編集者の実施"]


def test_training_matrix_reload_drops_the_older_result(qtbot, seeded_db, admin):
    from datetime import date

    from ecmanual.ui.views.training import TrainingView

    view = TrainingView(_ctx(seeded_db, admin), today=date(2026, 11, 5))
    qtbot.addWidget(view)
    older = view.task
    newer = view.reload()
    assert older is not newer and older.cancel_flag.cancelled
    qtbot.waitUntil(lambda: newer.done and not view.loading, timeout=10000)
    assert view.matrix_model.matrix is newer.result
