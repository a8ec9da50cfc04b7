"""The global search (Ctrl+K): searches as you type (debounced), lists hits with their area, and
Enter or a double-click opens the record in its area."""

import pytest
from PySide6.QtCore import Qt

from ecmanual.ui.context import UiContext
from ecmanual.ui.tables import selected_info
from ecmanual.ui.widgets.search_palette import HIT_ROLE

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, seeded_db, admin, db_path):
    from ecmanual.ui.main_window import MainWindow

    w = MainWindow(UiContext(seeded_db, admin, str(db_path)), remember_geometry=False, reminders=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _search(qtbot, window, query):
    palette = window.search_palette
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert palette.isVisible() and palette.field.hasFocus()
    palette.field.clear()
    _type(qtbot, palette.field, query)
    assert palette.timer.isActive()  # debounced: the query runs once typing pauses
    qtbot.waitUntil(lambda: not palette.timer.isActive() and palette.list.count() > 0, timeout=5_000)
    return palette


def _type(qtbot, field, text):
    """Type like a user; QTest cannot press keys for kana and kanji, so those are inserted
    one character at a time (as an input method commits them)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(field, ch)
        else:
            field.insert(ch)


def _choose(qtbot, palette, entity, title):
    """Move down with the arrow key to the hit and return it (Enter is pressed by the caller)."""
    for _ in range(palette.list.count()):
        hit = palette.list.currentItem().data(HIT_ROLE)
        if (hit.entity, hit.title) == (entity, title):
            return hit
        qtbot.keyClick(palette.field, Qt.Key.Key_Down)
    raise AssertionError(f"no {entity} {title} among the hits")


def _selected(window, entity):
    raci = window.page("raci")
    return {
        "glossary_term": lambda: selected_info(window.page("glossary").table).id,
        "manual_page": lambda: selected_info(window.page("manual").table).id,
        "checklist_template": lambda: selected_info(window.page("checklists").templates_table).id,
        "risk": lambda: selected_info(window.page("risks").risks_table).id,
        "document_template": lambda: selected_info(window.page("templates").templates_table).id,
        "duty": lambda: selected_info(raci.calendar.duties).id,
        "job_role": lambda: selected_info(raci.organisation.roles).id,
        "department": lambda: selected_info(raci.organisation.departments).id,
        "saas_system": lambda: window.page("reviews").systems_model.row_at(
            window.page("reviews").systems_view.currentIndex().row()).id,
        "process": lambda: raci.matrix.model._rows[raci.matrix.grid.currentIndex().row()].process.id,
    }[entity]


CASES = [
    ("個人情報", "glossary_term", "個人情報保護法", "glossary"),
    ("KARTE", "manual_page", "KARTE運用管理", "manual"),
    ("メール配信", "checklist_template", "メール配信前チェックリスト", "checklists"),
    ("個人情報", "risk", "個人情報保護法違反", "risks"),
    ("棚卸", "duty", "四半期セキュリティ監査(権限棚卸し)", "raci"),
    ("KARTE", "job_role", "KARTE管理責任者", "raci"),
    ("KARTE", "department", "情報システム部", "raci"),
    ("KARTE", "saas_system", "KARTE", "reviews"),
    ("メール配信", "process", "メール配信", "raci"),
]


def test_enter_opens_each_kind_of_record_in_its_area(qtbot, window):
    for query, entity, title, area in CASES:
        palette = _search(qtbot, window, query)
        assert all("—" in palette.list.item(i).text() for i in range(palette.list.count()))  # title — area · kind
        hit = _choose(qtbot, palette, entity, title)
        qtbot.keyClick(palette.field, Qt.Key.Key_Return)
        assert not palette.isVisible()
        assert window.current_area().key == area, (entity, title)
        selected = _selected(window, entity)
        qtbot.waitUntil(lambda selected=selected, hit=hit: _safe(selected) == hit.entity_id, timeout=10_000)


def _safe(fn):
    try:
        return fn()
    except (AttributeError, IndexError):
        return None


def test_hits_name_their_area_and_double_click_opens(qtbot, window):
    palette = _search(qtbot, window, "ＫＡＲＴＥ運用")  # full-width letters are found too
    texts = [palette.list.item(i).text() for i in range(palette.list.count())]
    page = next(i for i, t in enumerate(texts) if t.startswith("KARTE運用管理"))
    assert "マニュアル" in texts[page] and "マニュアルページ" in texts[page]
    item = palette.list.item(page)
    palette.list.itemActivated.emit(item)  # what a double-click or Enter on the list does
    assert window.current_area().key == "manual"
    qtbot.waitUntil(lambda: not window.page("manual").loader.loading, timeout=10_000)
    assert selected_info(window.page("manual").table).title == "KARTE運用管理"


def test_escape_closes_and_nothing_found_says_so(qtbot, window):
    palette = window.search_palette
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    _type(qtbot, palette.field, "存在しない語句ｘｙｚ")
    qtbot.waitUntil(lambda: not palette.timer.isActive(), timeout=5_000)
    assert palette.list.count() == 0 and palette.status.text() == "見つかりませんでした。"
    qtbot.keyClick(palette.field, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    assert window.current_area().key == "dashboard"
