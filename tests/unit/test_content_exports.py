"""Content exports read back: checklist run (xlsx, pdf), glossary, filled template, manual book, binder.

Also the Markdown reader behind the book, the glossary import, and the service additions the
content screens use.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import openpyxl
import pypdf
import pytest
from sqlalchemy import func, select

from ecmanual.domain.errors import InputError
from ecmanual.exports.markdown import inline, markdown_section
from ecmanual.persistence.models import AuditEntry, ChecklistRun, ManualPage
from ecmanual.services import checklists, documents, glossary, incidents, manual, users
from ecmanual.services.exports import ExportParams, get_kind, run_export

MAIL = "メール配信前チェックリスト"


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    out: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item.title)
    walk(reader.outline)
    return out


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.fixture
def approved_run(seeded_db, admin, editor, approver) -> int:
    users.set_approval_level(seeded_db, admin, "approver", "部門長")
    run_id = checklists.start_run(seeded_db, editor, MAIL, "4/22 GW先行セール メール配信")
    for item in checklists.get_run(seeded_db, editor, run_id).items:
        checklists.check_item(seeded_db, editor, run_id, item.seq)
    checklists.set_item_note(seeded_db, editor, run_id, 2, "テスト配信で確認済み")
    checklists.submit_run(seeded_db, editor, run_id, notes="特記事項なし")
    checklists.approve_run(seeded_db, approver, run_id, "問題ありません")
    return run_id


# --- checklist run ---------------------------------------------------------------------------

def test_checklist_run_pdf_is_a_one_page_approval_record(seeded_db, editor, approved_run, tmp_path):
    out = tmp_path / "run.pdf"
    result = run_export(seeded_db, editor, "checklist-run", "pdf", out, params=ExportParams(id=approved_run))
    assert result.pages == 1
    text = pdf_text(out)
    for expected in ("チェックリスト実施記録", MAIL, "第1版", "4/22 GW先行セール メール配信", "配信対象セグメントの確認",
                     "テスト配信で確認済み", "編集 花子", "承認 次郎", "承認済み", "問題ありません", "特記事項なし",
                     "実施", "承認", "✓"):
        assert expected in text, expected
    assert text.count("✓") >= 9


def test_checklist_run_xlsx_reads_back(seeded_db, editor, approved_run, tmp_path):
    out = tmp_path / "run.xlsx"
    run_export(seeded_db, editor, "checklist-run", "xlsx", out, params=ExportParams(id=approved_run))
    wb = openpyxl.load_workbook(out)
    items = wb["確認項目"]
    header = [c.value for c in items[1]]
    assert header == ["No.", "確認項目", "必須", "確認", "確認者", "確認日時", "メモ"]
    rows = [[c.value for c in r] for r in items.iter_rows(min_row=2)]
    run = checklists.get_run(seeded_db, editor, approved_run)
    assert len(rows) == len(run.items) and all(r[3] == "✓" and r[4] == "編集 花子" for r in rows)
    assert isinstance(rows[0][5], datetime) and rows[1][6] == "テスト配信で確認済み"
    summary = [c.value for row in wb["概要"].iter_rows() for c in row if c.value is not None]
    assert "承認 次郎" in summary and "編集 花子" in summary and "承認" in summary and "実施" in summary
    assert any(isinstance(v, str) and MAIL in v for v in summary)


def test_checklist_run_needs_an_id_and_an_existing_run(seeded_db, editor, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError, match="--id"):
        run_export(seeded_db, editor, "checklist-run", "pdf", out / "x.pdf")
    with pytest.raises(InputError, match="No checklist run"):
        run_export(seeded_db, editor, "checklist-run", "pdf", out / "x.pdf", params=ExportParams(id=999))
    assert not list(out.iterdir())


def test_binder_includes_the_runs_approved_in_its_period(seeded_db, admin, editor, approved_run, tmp_path):
    old = checklists.start_run(seeded_db, editor, MAIL, "昨年の実施")
    with seeded_db.write(admin) as s:  # a run approved long before the period
        run = s.get(ChecklistRun, old)
        run.status, run.approved_at = "approved", datetime(2020, 5, 1, 3, 0, tzinfo=UTC)
    year = datetime.now().astimezone().year
    out = tmp_path / "binder.pdf"
    run_export(seeded_db, admin, "binder", "pdf", out, params=ExportParams(period=str(year)))
    reader = pypdf.PdfReader(out)
    assert "承認済みチェックリスト実施記録" in outline_titles(reader)
    text = pdf_text(out)
    assert "4/22 GW先行セール メール配信" in text and "承認 次郎" in text and "昨年の実施" not in text
    assert "この期間に承認されたチェックリストの実施記録は 1 件です" in text


def test_binder_section_is_absent_without_approved_runs(seeded_db, admin):
    from ecmanual.services.content_exports import approved_runs_section

    assert approved_runs_section(seeded_db, ExportParams(period="2020")) is None


# --- glossary, template, manual --------------------------------------------------------------

def test_glossary_xlsx_has_every_term_and_imports_back_unchanged(seeded_db, editor, tmp_path):
    out = tmp_path / "glossary.xlsx"
    run_export(seeded_db, editor, "glossary", "xlsx", out)
    ws = openpyxl.load_workbook(out)["用語集"]
    assert [c.value for c in ws[1]] == ["用語", "読み", "分類", "定義", "英語", "関連用語"]
    terms = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    stored = glossary.list_terms(seeded_db, editor)
    assert set(terms) == {t.term for t in stored}
    assert terms["開封率"][1].value == "カイフウリツ" and terms["開封率"][4].value == "open rate"
    with seeded_db.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    summary = glossary.import_rows(seeded_db, editor, out)
    assert summary["added"] == summary["updated"] == 0 and summary["unchanged"] == len(stored)
    with seeded_db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before  # nothing changed, nothing logged


def test_glossary_import_adds_updates_and_refuses_whole_files(seeded_db, editor, tmp_path):
    good = tmp_path / "terms.csv"
    good.write_text("用語,よみがな,カテゴリ,説明,English\n"
                    "ステップメール,すてっぷめーる,メール配信,決めた順序で自動送信するメール。,step email\n"
                    "開封率,,,,open rate (emails)\n", encoding="cp932", errors="ignore")
    summary = glossary.import_rows(seeded_db, editor, good)
    assert (summary["added"], summary["updated"]) == (1, 1)
    assert glossary.get_term(seeded_db, editor, "開封率").english == "open rate (emails)"
    assert glossary.get_term(seeded_db, editor, "開封率").reading == "カイフウリツ"  # blank keeps the stored value
    assert [t.term for t in glossary.list_terms(seeded_db, editor, "すてっぷ")] == ["ステップメール"]

    bad = tmp_path / "bad.csv"
    bad.write_text("用語,読み,定義\n新語A,しんごえー,定義A\n新語B,しんごびー,\n新語A,しんごえー,重複\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        glossary.import_rows(seeded_db, editor, bad)
    errors = {(e.row, e.column) for e in caught.value.errors}
    assert (3, "定義") in errors and (4, "用語") in errors
    assert glossary.list_terms(seeded_db, editor, "新語") == []  # all or nothing


def test_template_pdf_holds_the_filled_sections(seeded_db, editor, tmp_path):
    tpl = documents.get_template(seeded_db, editor, "実験計画書")
    values = {f["key"]: f"{f['label']}の内容" for f in tpl.fields()}
    values.update(review_date="2026-05-31", data_sources=["GA4", "KARTE"])
    doc_id = documents.save_document(seeded_db, editor, "実験計画書", "件名A/Bテスト", values)
    out = tmp_path / "doc.pdf"
    run_export(seeded_db, editor, "template", "pdf", out, params=ExportParams(id=doc_id))
    text = pdf_text(out)
    assert "実験計画書：件名A/Bテスト" in text and "仮説の内容" in text and "2026/05/31" in text
    assert "・GA4" in text and "・KARTE" in text and "編集 花子" in text
    titles = [sec["title"] for sec in tpl.sections]
    assert all(t in text for t in titles)


def test_manual_book_has_a_cover_contents_and_a_section_per_page(seeded_db, admin, editor, approver, tmp_path):
    manual.propose_edit(seeded_db, editor, "update-rules", manual.get_page(seeded_db, editor, "update-rules").body_md
                        + "\n- 更新作業の記録は当日中に残す\n", "追記")
    manual.publish(seeded_db, approver, "update-rules", 2)
    manual.propose_edit(seeded_db, editor, "seo", "# SEO対策\n\n未公開の下書き\n", "下書き")
    out = tmp_path / "manual.pdf"
    result = run_export(seeded_db, editor, "manual", "pdf", out)
    reader = pypdf.PdfReader(out)
    pages = manual.list_pages(seeded_db, editor)
    assert result.pages == len(reader.pages) >= len(pages) + 2  # cover, contents, a page each
    titles = outline_titles(reader)
    assert all(p.title in titles for p in pages) and "目次" in titles
    assert "1. コンテンツ更新の頻度と担当者" in titles  # the pages' own headings are bookmarked too
    cover, contents = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "運用マニュアル" in cover and "22 ページを収録" in cover
    assert "更新ルール" in contents and "セキュリティポリシー" in contents
    text = pdf_text(out)
    assert "第2版" in text and "承認 承認 次郎" in text and "更新作業の記録は当日中に残す" in text
    assert "未公開の下書き" not in text
    assert "商品情報更新" in text and "・定期更新: 毎週水曜日10:00-12:00" in text  # table, then its note
    with pytest.raises(InputError, match="pdf"):
        run_export(seeded_db, editor, "manual", "xlsx", tmp_path / "manual.xlsx")


def test_manual_lists_pages_without_a_published_version(seeded_db, admin):
    from ecmanual.services.content_exports import manual_document

    with seeded_db.write(admin) as s:
        s.add(ManualPage(slug="draft-only", title="下書きだけのページ", sort_order=999))
    doc = manual_document(seeded_db, ExportParams())
    last = doc.sections[-1]
    assert last.title == "下書きだけのページ" and last.paragraphs == ["公開済みの版はありません。"]
    assert get_kind("manual").formats == ("pdf",)


# --- the Markdown reader -----------------------------------------------------------------------

def test_markdown_keeps_order_headings_lists_and_tables():
    text = ("# 更新ルール\n\n前文の一行目\n二行目\n\n## 1. 頻度\n\n| 種類 | 承認 |\n|---|---|\n| 商品 | リーダー |\n"
            "| キャンペーン | 部門長 |\n\n- 定期更新: 水曜\n- 権限は管理者のみ\n  - 入れ子\n\n## 2. 体制\n\n1. 承認\n2. **検証**\n\n"
            "```\ncode  line\n```\n")
    section = markdown_section(text, "更新ルール", lead=["第1版"])
    assert section.title == "更新ルール" and section.paragraphs == ["第1版", "前文の一行目二行目"]
    first, second = section.children
    assert first.title == "1. 頻度" and first.paragraphs == []
    table = first.tables[0]
    assert [c.header for c in table.columns] == ["種類", "承認"]
    assert list(table.rows) == [["商品", "リーダー"], ["キャンペーン", "部門長"]]
    assert table.note == "・定期更新: 水曜\n・権限は管理者のみ\n　・入れ子"
    assert second.paragraphs == ["1. 承認\n2. 検証", "code  line"]


def test_inline_markdown_becomes_plain_text():
    assert inline("**必須** と `utm_source` と [ガイド](https://example.jp)") == \
        "必須 と utm_source と ガイド (https://example.jp)"
    assert inline("*強調* と 5 * 3") == "強調 と 5 * 3"
    assert inline("a*b*c と 2*3") == "a*b*c と 2*3"  # stars inside words are not emphasis


# --- service additions the content screens use -------------------------------------------------

def test_item_notes_keep_who_ticked_and_history_lists_versions(seeded_db, editor, approver):
    run_id = checklists.start_run(seeded_db, editor, MAIL, "メモ")
    checklists.check_item(seeded_db, editor, run_id, 1)
    checklists.set_item_note(seeded_db, approver, run_id, 1, "承認者が補足")
    item = checklists.get_run(seeded_db, editor, run_id).items[0]
    assert item.checked_by == "編集 花子" and item.note == "承認者が補足"
    tpl = checklists.get_template(seeded_db, editor, MAIL)
    checklists.edit_template(seeded_db, editor, MAIL, [checklists.ItemSpec(i["text"]) for i in tpl.items][:3], "短縮")
    history = checklists.template_history(seeded_db, editor, MAIL)
    assert [(h.version_no, h.items) for h in history] == [(2, 3), (1, len(tpl.items))]
    run = checklists.get_run(seeded_db, editor, run_id)
    assert run.started_by_id == editor.user_id and run.template_id == tpl.id and len(run.items) == len(tpl.items)


def test_incidents_list_open_first_with_guidance(seeded_db, editor):
    first = incidents.open_incident(seeded_db, editor, "古い障害", occurred_at=datetime.now(UTC) - timedelta(days=3))
    for seq in range(2, 8):
        incidents.complete_step(seeded_db, editor, first, seq)
    second = incidents.open_incident(seeded_db, editor, "新しい障害")
    listed = incidents.list_incidents(seeded_db, editor)
    assert [i.id for i in listed] == [second, first]
    assert [i.id for i in incidents.list_incidents(seeded_db, editor, "closed")] == [first]
    info = incidents.get_incident(seeded_db, editor, second)
    assert info.reported_by == "編集 花子" and info.steps[2].guidance.startswith("問題の切り分け")


def test_reading_status_and_versions(seeded_db, editor):
    status = manual.reading_status(seeded_db, editor, "security-policy")
    assert status.version_no == 1 and status.acknowledged == [] and not status.linked and status.mine is None
    with pytest.raises(InputError, match="not linked"):
        manual.acknowledge_self(seeded_db, editor, "security-policy")
    version = manual.get_version(seeded_db, editor, "security-policy", 1)
    assert version.status == "published" and version.body_md.startswith("# セキュリティポリシー")
