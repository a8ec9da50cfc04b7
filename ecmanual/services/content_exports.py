"""Exports of the content areas: checklist runs, the glossary, filled templates, the manual book.

Registered with the export service (`export KIND …` and the GUI's export buttons):
`checklist-run` (--id RUN), `glossary`, `template` (--id DOCUMENT), `manual` (PDF book), and
the binder part `checklist-runs` (runs approved in the binder's period). Builders read with
the system actor: `run_export` has already checked the user's export permission.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from ..domain.errors import InputError
from ..exports.markdown import markdown_section
from ..exports.model import Column, Document, Section, SignBox, SignOff, Table
from ..persistence.models import (
    AppUser, ChecklistItem, ChecklistRun, ChecklistRunItem, ChecklistTemplate, ChecklistTemplateVersion,
)
from . import checklists, documents, glossary, manual
from .glossary import GLOSSARY_SHEET
from .context import SYSTEM, Database
from .exports import ExportParams, binder_section, export_kind

STATUS_JA = {"draft": "実施中", "submitted": "承認待ち", "returned": "差し戻し", "approved": "承認済み"}
CHECK_MARK = "✓"


def _need_id(params: ExportParams, what: str) -> int:
    if not params.id:
        raise InputError(f"Say which {what} to export with --id N.")
    return params.id


# --- checklist run ---------------------------------------------------------------------------

RUN_ITEM_COLUMNS = [
    Column("No.", "number", width_hint=4), Column("確認項目", width_hint=36), Column("必須", width_hint=4, align="center"),
    Column("確認", width_hint=4, align="center"), Column("確認者", width_hint=12), Column("確認日時", "datetime"),
    Column("メモ", width_hint=24),
]


@export_kind("checklist-run")
def checklist_run_document(db: Database, params: ExportParams) -> Document:
    """One run on one page: what was checked, by whom and when, and the two sign-off boxes."""
    run = checklists.get_run(db, SYSTEM, _need_id(params, "checklist run"))
    rows = [(i.seq, i.text, "必須" if i.required else "任意", CHECK_MARK if i.checked else "", i.checked_by or "",
             i.checked_at, i.note or "") for i in run.items]
    done = sum(1 for i in run.items if i.checked)
    facts: list[tuple[str, object]] = [
        ("チェックリスト", f"{run.template}（第{run.version_no}版）"), ("対象", run.subject),
        ("状態", STATUS_JA.get(run.status, run.status)), ("承認レベル", run.approval_level or "—"),
        ("実施者", run.started_by or "—"), ("開始日時", run.started_at), ("提出日時", run.submitted_at or "—"),
        ("承認者", run.approved_by or "—"), ("承認日時", run.approved_at or "—"),
        ("確認済み", f"{done} / {len(run.items)} 項目（必須の未確認 {len(run.missing_required)} 項目）"),
    ]
    if run.comment:
        facts.append(("承認者コメント", run.comment))
    if run.notes:
        facts.append(("実施メモ", run.notes))
    table = Table("確認項目", RUN_ITEM_COLUMNS, rows, note="確認欄の ✓ は、確認者がアプリで確認済みにした項目です。")
    signoff = SignOff([SignBox("承認", run.approved_by, run.approved_at),
                       SignBox("実施", run.started_by, run.submitted_at or run.started_at)],
                      note=None if run.status == "approved" else "この実施記録はまだ承認されていません。")
    return Document("チェックリスト実施記録", [Section(f"{run.template}: {run.subject}", key_values=facts,
                                                  tables=[table])],
                    orientation="portrait", signoff=signoff, subject=f"checklist run {run.id}",
                    keywords=["checklist-run", f"run-{run.id}"], toc=False)


@binder_section("checklist-runs")
def approved_runs_section(db: Database, params: ExportParams) -> Section | None:
    """Runs approved within the binder's period (local calendar days), oldest first."""
    period = params.resolved_period()
    with db.read() as s:
        names = dict(s.execute(select(AppUser.id, AppUser.display_name)).all())
        found = s.execute(select(ChecklistRun, ChecklistTemplateVersion.version_no, ChecklistTemplate.name)
                          .join(ChecklistTemplateVersion,
                                ChecklistRun.template_version_id == ChecklistTemplateVersion.id)
                          .join(ChecklistTemplate, ChecklistTemplateVersion.template_id == ChecklistTemplate.id)
                          .where(ChecklistRun.status == "approved", ChecklistRun.approved_at.is_not(None))
                          .order_by(ChecklistRun.approved_at, ChecklistRun.id)).all()
        runs = [(r, no, name) for r, no, name in found
                if period is None or period.contains(r.approved_at.astimezone().date())]
        counts: dict[int, tuple[int, int]] = {}
        for run_id, required, checked in s.execute(
                select(ChecklistRunItem.run_id, ChecklistItem.required, ChecklistRunItem.checked)
                .join(ChecklistItem, ChecklistRunItem.item_id == ChecklistItem.id)
                .where(ChecklistRunItem.run_id.in_([r.id for r, _, _ in runs]))):
            total, ok = counts.get(run_id, (0, 0))
            counts[run_id] = (total + 1, ok + bool(checked))
    if not runs:
        return None
    rows = [(r.id, f"{name}（第{no}版）", r.subject, names.get(r.started_by_user_id, ""), r.submitted_at,
             names.get(r.approved_by_user_id, ""), r.approved_at, _ratio(counts.get(r.id, (0, 0))),
             r.comment or "") for r, no, name in runs]
    columns = [Column("No.", "number", width_hint=5), Column("チェックリスト"), Column("対象"), Column("実施者"),
               Column("提出日時", "datetime"), Column("承認者"), Column("承認日時", "datetime"),
               Column("確認済み", align="center", width_hint=8), Column("コメント")]
    return Section("承認済みチェックリスト実施記録",
                   [f"この期間に承認されたチェックリストの実施記録は {len(rows)} 件です。"
                    "実施者と承認者はすべて別の人です（4眼原則、アプリで確認済み）。"
                    "各記録の詳細は、No. を指定してチェックリスト実施記録として出力できます。"],
                   tables=[Table("承認済み実施記録", columns, rows)])


def _ratio(total_and_checked: tuple[int, int]) -> str:
    total, checked = total_and_checked
    return f"{checked}/{total}"


# --- glossary --------------------------------------------------------------------------------

GLOSSARY_COLUMNS = [Column("用語", width_hint=18), Column("読み", width_hint=18), Column("分類", width_hint=12),
                    Column("定義", width_hint=60), Column("英語", width_hint=20), Column("関連用語", width_hint=20)]


@export_kind("glossary")
def glossary_document(db: Database, params: ExportParams) -> Document:
    """Every term in reading order; the Excel file reads back with `glossary.import_rows`."""
    terms = glossary.list_terms(db, SYSTEM)
    rows = [(t.term, t.reading or "", t.category or "", t.definition, t.english or "", t.related or "") for t in terms]
    table = Table(GLOSSARY_SHEET, GLOSSARY_COLUMNS, rows, sheet_name=GLOSSARY_SHEET)
    return Document("用語集", [Section("用語一覧", [f"{len(rows)} 語（読みの五十音順）。"], tables=[table])],
                    subject="glossary", keywords=["glossary"], toc=False)


# --- filled template -------------------------------------------------------------------------

def _field_value(spec: dict, value):
    if value in (None, "", []):
        return "—"
    kind = spec.get("kind", "text")
    if kind == "list":
        items = value if isinstance(value, list) else str(value).splitlines()
        return "\n".join(f"・{v}" for v in items)
    if kind == "date":
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
    if kind == "number" and isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


@export_kind("template")
def template_document(db: Database, params: ExportParams) -> Document:
    """A document filled from a template (--id is the saved document's number)."""
    doc = documents.get_document(db, SYSTEM, _need_id(params, "document"))
    tpl = documents.get_template(db, SYSTEM, doc.template)
    sections = [Section(sec.get("title") or tpl.name,
                        key_values=[(f["label"], _field_value(f, doc.values.get(f["key"])))
                                    for f in sec.get("fields", [])])
                for sec in doc.sections]
    if tpl.description and sections:
        sections[0].paragraphs.insert(0, tpl.description)
    return Document(f"{doc.template}：{doc.title}", sections, orientation="portrait",
                    signoff=SignOff.standard(prepared=(doc.created_by, doc.created_at) if doc.created_by else None),
                    subject=f"document {doc.id}", keywords=["template", f"document-{doc.id}"], toc=False,
                    properties={"テンプレート": doc.template, "更新日時": doc.updated_at})


# --- the manual as a book --------------------------------------------------------------------

@export_kind("manual", formats=("pdf",))
def manual_document(db: Database, params: ExportParams) -> Document:
    """Cover, contents, then each page's published version on pages of its own."""
    pages = manual.list_pages(db, SYSTEM)
    sections = []
    published = 0
    for page in pages:
        if page.published_version is None:
            sections.append(Section(page.title, ["公開済みの版はありません。"], new_page=True))
            continue
        published += 1
        version = manual.get_version(db, SYSTEM, page.id, page.published_version)
        lead = "　｜　".join(x for x in (
            f"第{page.published_version}版", f"公開 {page.published_at.astimezone():%Y/%m/%d}",
            f"承認 {version.approved_by}" if version.approved_by else "",
            f"分類 {page.category}" if page.category else "",
            f"次回見直し {page.next_review_on:%Y/%m/%d}" if page.next_review_on else "") if x)
        section = markdown_section(page.body_md, page.title, lead=[lead])
        section.new_page = True
        sections.append(section)
    if not sections:
        sections = [Section("収録ページ", ["マニュアルのページはまだありません。"])]
    notes = [f"公開済みの {published} ページを収録しています（承認待ちの下書きは含みません）。",
             "各ページの冒頭に、版・公開日時・承認者・次回見直し日を記載しています。"]
    today = datetime.now().astimezone()
    return Document("運用マニュアル", sections, period=f"{today:%Y/%m/%d} 時点の公開版", subject="operations manual",
                    keywords=["manual"],
                    cover=True, toc=True, cover_notes=notes, orientation="portrait")
