"""用語集: search by term, reading (かな/カナ alike) or English; edit, delete, import, export."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from ecmanual.services import glossary
from ecmanual.ui import feedback
from ecmanual.ui.context import UiContext
from ecmanual.ui.models.glossary import Column, GlossaryFilter, GlossaryModel
from ecmanual.ui.views.glossary import GlossaryView

pytestmark = pytest.mark.gui


def _ctx(db, actor):
    return UiContext(db, actor, "test.sqlite3")


def test_model_and_filter_pass_the_model_tester(qtmodeltester, seeded_db, viewer):
    model = GlossaryModel()
    model.set_rows(glossary.list_terms(seeded_db, viewer))
    qtmodeltester.check(model)
    proxy = GlossaryFilter()
    proxy.setSourceModel(model)
    proxy.set_query("かいふう")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() >= 1


def test_search_finds_a_term_by_its_reading(qtbot, seeded_db, viewer, wait_loaded):
    view = GlossaryView(_ctx(seeded_db, viewer))
    qtbot.addWidget(view)
    wait_loaded(view)
    total = view.model.rowCount()
    assert total >= 30 and view.count.text() == f"{total} 語中 {total} 語"
    view.search.setText("かいふうりつ")  # hiragana finds the katakana reading カイフウリツ
    assert view.visible_terms() == ["開封率"]
    assert "開封率" in view.detail.toPlainText()
    view.search.setText("カイフウ")
    assert "開封率" in view.visible_terms()
    view.search.setText("open rate")  # English
    assert "開封率" in view.visible_terms()
    view.search.setText("セグメント")
    by_service = {t.term for t in glossary.list_terms(seeded_db, viewer, "セグメント")}
    assert set(view.visible_terms()) == by_service
    view.search.clear()
    view.category.setCurrentIndex(view.category.findData("セキュリティ"))
    assert view.visible_terms() and all(t.category == "セキュリティ" for t in
                                        (glossary.get_term(seeded_db, viewer, n) for n in view.visible_terms()))
    assert not view.add_button.isEnabled() and not view.import_button.isEnabled()  # a viewer only reads


def test_add_edit_and_delete_a_term(qtbot, seeded_db, editor, wait_loaded):
    view = GlossaryView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    wait_loaded(view)
    view.search.setText("ステップメール")
    assert view.visible_terms() == []
    dialog = view.add_term()
    assert dialog.term.text() == "ステップメール"  # the search text starts the new term
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.error.text()  # the definition is required
    dialog.reading.setText("すてっぷめーる")
    dialog.category.setCurrentText("メール配信")
    dialog.definition.setPlainText("登録日などを起点に、決めた順序と間隔で自動送信するメール。")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    wait_loaded(view)
    assert view.visible_terms() == ["ステップメール"]
    edit = view.edit_term()
    edit.english.setText("step email")
    edit.buttons.button(edit.buttons.StandardButton.Save).click()
    wait_loaded(view)
    assert glossary.get_term(seeded_db, editor, "ステップメール").english == "step email"
    assert "step email" in view.detail.toPlainText()
    assert view.delete_term(confirmed=True) is True
    wait_loaded(view)
    assert view.visible_terms() == []


def test_import_is_all_or_nothing_and_export_reads_back(qtbot, seeded_db, editor, tmp_path, wait_loaded):
    view = GlossaryView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    wait_loaded(view)
    out = tmp_path / "glossary.xlsx"
    task = feedback.export_file(view, view.ctx, "glossary", "xlsx", str(out), offer_open=False)
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    assert task.state == "ok" and out.exists()

    bad = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["用語", "読み", "定義"])
    ws.append(["新しい用語", "あたらしいようご", "説明あり"])
    ws.append(["定義なし", "ていぎなし", None])
    wb.save(bad)
    before = view.model.rowCount()
    task = view.import_terms(str(bad))
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    assert task.state == "error" and "定義" in feedback.last_message.detailedText()
    feedback.last_message.close()
    assert view.model.rowCount() == before  # nothing stored

    wb = openpyxl.load_workbook(out)
    ws = wb["用語集"]
    ws.append(["ステップメール", "ステップメール", "メール配信", "決めた順序で自動送信するメール。", "step email", ""])
    wb.save(out)
    task = view.import_terms(str(out))
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    wait_loaded(view)
    assert task.state == "ok" and view.last_import["added"] == 1 and view.last_import["unchanged"] == before
    assert view.model.rowCount() == before + 1
    feedback.last_message.close()
    view.search.setText("すてっぷ")
    assert view.visible_terms() == ["ステップメール"]
    assert view.model.headerData(Column.READING, Qt.Orientation.Horizontal) == "読み"


def test_a_stale_edit_shows_who_saved_meanwhile_and_what_the_term_holds(qtbot, seeded_db, admin, editor):
    from dataclasses import replace

    from ecmanual.ui.dialogs.glossary_term import TermDialog

    term = glossary.list_terms(seeded_db, editor)[0]
    dialog = TermDialog(_ctx(seeded_db, editor), term, [])
    qtbot.addWidget(dialog)
    glossary.save_term(seeded_db, admin, replace(term, definition="管理者が先に直した定義"))
    dialog.definition.setPlainText("編集者の定義")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    text = dialog.error.text()
    assert "admin" in text or "管理 太郎" in text
    assert "管理者が先に直した定義" in text
    assert glossary.get_term(seeded_db, editor, term.term).definition == "管理者が先に直した定義"
