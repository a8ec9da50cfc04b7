"""テンプレート: fill a document from a template, save, change, duplicate and export it."""

from __future__ import annotations

import pypdf
import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QPlainTextEdit

from ecmanual.services import documents
from ecmanual.services.exports import ExportParams
from ecmanual.ui import feedback
from ecmanual.ui.context import UiContext
from ecmanual.ui.models.documents import DocTemplatesModel, DocumentColumn, DocumentsModel
from ecmanual.ui.views.templates import TemplatesView

pytestmark = pytest.mark.gui


def _ctx(db, actor):
    return UiContext(db, actor, "test.sqlite3")


def test_models_pass_the_model_tester(qtmodeltester, seeded_db, editor):
    templates = DocTemplatesModel()
    templates.set_rows(documents.list_templates(seeded_db, editor))
    qtmodeltester.check(templates)
    documents.save_document(seeded_db, editor, "ナレッジカード", "カード", {
        "initiative": "x", "purpose": "x", "conditions": "x", "steps": ["a"], "expected_effect": "x",
        "failures": "x", "links": [], "owner": "x", "updated_on": "2026-04-01", "reusable": "x"})
    docs = DocumentsModel()
    docs.set_rows(documents.list_documents(seeded_db, editor))
    qtmodeltester.check(docs)
    assert docs.data(docs.index(0, DocumentColumn.AUTHOR)) == "編集 花子"


def test_the_form_follows_the_field_kinds(qtbot, seeded_db, editor):
    view = TemplatesView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    assert view.select_template("実験計画書")
    form = view.new_document()
    kinds = {key: type(editor_.widget) for key, editor_ in form.fields.items()}
    assert kinds["hypothesis"] is QPlainTextEdit and kinds["period"] is QLineEdit
    assert kinds["review_date"] is QDateEdit and kinds["data_sources"] is QPlainTextEdit
    assert form.fields["review_date"].value() == ""  # no date until one is picked
    form.fields["review_date"].widget.setDate(QDate(2026, 5, 31))
    assert form.fields["review_date"].value() == "2026-05-31"
    form.fields["data_sources"].widget.setPlainText("GA4\n\nKARTE\n")
    assert form.fields["data_sources"].value() == ["GA4", "KARTE"]
    form.reject()


def test_fill_save_change_duplicate_and_export(qtbot, seeded_db, editor, tmp_path):
    view = TemplatesView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    assert view.select_template("効果測定レポート")
    form = view.new_document()
    form.title.setText("4月 メルマガ効果測定")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert form.isVisible() and "配信概要" in form.error.text()  # required fields named by label
    values = {"delivery_summary": "4/10 メール 全会員 12,000通", "kpi_status": "開封率 21%、CV率 1.2%",
              "improvements": "件名を短く\nCTAを上部に", "next_actions": "5月はA/Bテスト"}
    for key, text in values.items():
        form.fields[key].widget.setPlainText(text)
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert not form.isVisible() and form.document_id
    saved = documents.get_document(seeded_db, editor, form.document_id)
    assert saved.values["improvements"] == ["件名を短く", "CTAを上部に"] and saved.created_by == "編集 花子"
    assert view.documents_model.rowCount() == 1

    view.documents_table.selectRow(0)
    edit = view.open_document()
    assert edit.fields["improvements"].widget.toPlainText() == "件名を短く\nCTAを上部に"
    edit.fields["segment_analysis"].widget.setPlainText("リピーターの開封率が高い")
    edit.buttons.button(edit.buttons.StandardButton.Save).click()
    assert documents.get_document(seeded_db, editor, form.document_id).values["segment_analysis"] == \
        "リピーターの開封率が高い"

    copy_id = view.duplicate_document()
    assert copy_id and view.documents_model.rowCount() == 2
    assert documents.get_document(seeded_db, editor, copy_id).title == "4月 メルマガ効果測定(コピー)"

    view.documents_table.selectRow(view.documents_model.find(form.document_id))
    out = tmp_path / "report.pdf"
    task = feedback.export_file(view, view.ctx, "template", "pdf", str(out),
                                ExportParams(id=form.document_id, external=False))
    qtbot.waitUntil(lambda: task.done, timeout=30000)
    assert task.state == "ok"
    box = feedback.last_message
    assert str(out) in box.text() and len(box.buttons()) == 3  # open file, open folder, close
    box.close()
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "4月 メルマガ効果測定" in text and "CTAを上部に" in text and "リピーターの開封率が高い" in text


def test_a_viewer_cannot_create_documents(qtbot, seeded_db, viewer):
    view = TemplatesView(_ctx(seeded_db, viewer))
    qtbot.addWidget(view)
    assert not view.new_button.isEnabled() and not view.duplicate_button.isEnabled()
    form = view.new_document()  # even if reached, the service refuses
    form.title.setText("閲覧者の文書")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert form.isVisible() and "may not" in form.error.text()
    assert documents.list_documents(seeded_db, viewer) == []
