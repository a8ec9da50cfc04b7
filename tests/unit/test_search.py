"""Search over every area: short Japanese words, long words, case and width, hostile input.

`add_content` and the `check_*` functions are shared with tests/pg/test_search_pg.py, which
runs the same checks on PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from ecmanual.cli import run
from ecmanual.persistence.models import (
    ChecklistItem, ChecklistTemplate, ChecklistTemplateVersion, Course, Department, DocumentTemplate, Duty,
    GlossaryTerm, JobRole, ManualPage, ManualPageVersion, Process, ProcessStep, Risk, SaasSystem, SearchDoc,
    Staff,
)
from ecmanual.services import search
from ecmanual.services.context import SYSTEM
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, password_chosen

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
HOSTILE = ['"', '""', '"個人情報', "*", "研修*", "AND", "OR", "NOT 研修", "NOT", "(", ")", "(研修", "研修)",
           "NEAR(研修 権限)", "title:研修", "a:b", "^研修", "-研修", "+", "'", "\\", "{", "}", "[]",
           "%", "_", "%%", "__", "\\%", "\x00", "研修 AND OR NOT", "\"研修\" OR \"権限\"", "   "]


def add_content(db) -> dict[str, int]:
    """Realistic records in most searchable areas; returns their ids by short name."""
    ids: dict[str, int] = {}
    with db.write(SYSTEM) as s:
        dept = Department(name="マーケティング部", name_en="Marketing", description="メール配信とLINE配信を担当")
        s.add(dept)
        s.flush()
        staff = Staff(name="山田 花子", kana="ヤマダ ハナコ", email="Hanako.Yamada@example.jp", department_id=dept.id,
                      employment_type="正社員")
        role = JobRole(name="KARTE管理責任者", name_en="KARTE administrator", description="KARTEの権限を管理する")
        term = GlossaryTerm(term="個人情報", reading="こじんじょうほう", category="セキュリティ",
                            definition="特定の個人を識別できる情報。取り扱いは年1回の研修で確認する。",
                            english="Personal information")
        term2 = GlossaryTerm(term="権限棚卸し", reading="けんげんたなおろし",
                             definition="四半期ごとにアカウントと権限を確認する手続き。", english="Permission review")
        system = SaasSystem(name="KARTE", vendor="PLAID", description="Web接客ツール。配信作成と閲覧の権限がある。")
        wide = SaasSystem(name="ＬＩＮＥ公式アカウント", vendor="ＬＩＮＥヤフー", description="全角で登録された名前")
        course = Course(name="情報セキュリティ研修", category="必須トレーニング", recurrence="yearly",
                        description="個人情報の取り扱いとパスワード管理", topics="フィッシング対策")
        risk = Risk(title="誤配信", level="high", description="配信対象の設定ミス", countermeasure="配信前チェックリストで二重確認",
                    responsible="マーケティング部")
        duty = Duty(name="四半期権限棚卸し会議", kind="meeting", description="SaaSの権限を確認する", rrule="FREQ=MONTHLY;INTERVAL=3",
                    start_date=date(2026, 1, 10))
        process = Process(name="メール配信", name_en="Email delivery", description="メルマガの企画から配信まで")
        doc_template = DocumentTemplate(name="配信企画書", category="企画", description="配信の目的と対象",
                                        sections=[{"title": "概要", "fields": [
                                            {"key": "goal", "label": "配信の目的", "hint": "売上・認知など"}]}])
        s.add_all([staff, role, term, term2, system, wide, course, risk, duty, process, doc_template])
        s.flush()
        s.add(ProcessStep(process_id=process.id, seq=1, name="原稿作成", description="件名と本文を作る"))
        s.add(ProcessStep(process_id=process.id, seq=2, name="承認", description="部門長が内容を承認する", four_eyes=True))
        checklist = ChecklistTemplate(name="メール配信前チェックリスト", category="配信")
        page = ManualPage(slug="access-policy", title="アクセス権限ポリシー", category="セキュリティ")
        draft_page = ManualPage(slug="draft-only", title="下書きだけのページ")
        s.add_all([checklist, page, draft_page])
        s.flush()
        version = ChecklistTemplateVersion(template_id=checklist.id, version_no=1, created_at=NOW)
        published = ManualPageVersion(page_id=page.id, version_no=1, status="published", created_at=NOW,
                                      body_md="退職者のアカウントは当日中に停止する。権限の付与は申請制とする。")
        draft = ManualPageVersion(page_id=draft_page.id, version_no=1, status="draft", created_at=NOW,
                                  body_md="まだ公開していない秘密の下書き本文")
        s.add_all([version, published, draft])
        s.flush()
        s.add(ChecklistItem(version_id=version.id, seq=1, text="配信リストから退会者を除外した", required=True))
        s.add(ChecklistItem(version_id=version.id, seq=2, text="テスト配信で表示崩れがない", guidance="スマホでも確認"))
        checklist.current_version_id = version.id
        page.published_version_id = published.id
        ids.update(department=dept.id, staff=staff.id, job_role=role.id, term=term.id, term2=term2.id,
                   karte=system.id, line=wide.id, course=course.id, risk=risk.id, duty=duty.id,
                   process=process.id, doc_template=doc_template.id, checklist=checklist.id, page=page.id,
                   draft_page=draft_page.id)
    search.rebuild_index(db)
    return ids


def found(db, actor, query, **kw) -> set[tuple[str, int]]:
    return {(h.entity, h.entity_id) for h in search.search(db, actor, query, **kw)}


# ---- checks shared with PostgreSQL ---------------------------------------------------------

def check_short_japanese_words(db, actor, ids):
    assert ("course", ids["course"]) in found(db, actor, "研修")
    assert ("glossary_term", ids["term"]) in found(db, actor, "研修")  # in the definition
    hits = found(db, actor, "権限")
    assert {("manual_page", ids["page"]), ("glossary_term", ids["term2"]), ("job_role", ids["job_role"]),
            ("saas_system", ids["karte"]), ("duty", ids["duty"])} <= hits
    assert ("course", ids["course"]) not in hits
    assert ("process", ids["process"]) in found(db, actor, "承認")  # a step of the process
    assert ("glossary_term", ids["term"]) in found(db, actor, "個")  # one character


def check_long_words(db, actor, ids):
    assert {("glossary_term", ids["term"]), ("course", ids["course"])} <= found(db, actor, "個人情報")
    assert found(db, actor, "チェックリスト") == {("checklist_template", ids["checklist"]), ("risk", ids["risk"])}
    assert ("checklist_template", ids["checklist"]) in found(db, actor, "表示崩れ")  # an item's text
    assert ("document_template", ids["doc_template"]) in found(db, actor, "配信の目的")  # a field label
    assert found(db, actor, "存在しない言葉") == set()


def check_case_and_width(db, actor, ids):
    for query in ("karte", "KARTE", "Karte", "ＫＡＲＴＥ", "ｋａｒｔｅ"):
        assert ("saas_system", ids["karte"]) in found(db, actor, query), query
    assert ("staff", ids["staff"]) in found(db, actor, "HANAKO.YAMADA@EXAMPLE.JP")
    assert ("staff", ids["staff"]) in found(db, actor, "ﾔﾏﾀﾞ")  # half-width kana query
    # Stored full-width, searched half-width (and the title is shown normalised).
    hits = search.search(db, actor, "LINE公式")
    assert [(h.entity, h.entity_id, h.title) for h in hits] == [("saas_system", ids["line"], "LINE公式アカウント")]


def check_words_are_anded(db, actor, ids):
    assert found(db, actor, "個人情報 研修") == {("glossary_term", ids["term"]), ("course", ids["course"])}
    assert found(db, actor, "研修 パスワード") == {("course", ids["course"])}
    assert found(db, actor, "権限 KARTE") == {("job_role", ids["job_role"]), ("saas_system", ids["karte"])}
    assert found(db, actor, "権限　退職者") == {("manual_page", ids["page"])}  # full-width space
    assert found(db, actor, "個人情報 存在しない") == set()


def check_title_hits_first(db, actor, ids):
    hits = search.search(db, actor, "権限")
    titles_with = [("権限" in h.title) for h in hits]
    assert titles_with == sorted(titles_with, reverse=True)
    assert titles_with[0] and not titles_with[-1]
    hit = next(h for h in hits if h.entity == "manual_page")
    assert hit.area == "manual" and "権限" in hit.snippet


def check_hostile_input(db, actor, ids):
    for query in HOSTILE:
        search.search(db, actor, query)  # must not raise
    assert search.search(db, actor, "%") == [] and search.search(db, actor, "_") == []
    assert found(db, actor, '"個人情報') == set()  # the quote is a character to find, not syntax
    assert found(db, actor, "NOT 研修") == set()  # NOT is a word to find, not an operator


def check_published_text_only(db, actor, ids):
    assert found(db, actor, "秘密の下書き") == set()
    assert ("manual_page", ids["draft_page"]) in found(db, actor, "下書きだけ")  # its title is indexed


def check_index_follows_changes(db, actor, ids):
    with db.write(SYSTEM) as s:
        term = s.get(GlossaryTerm, ids["term"])
        term.definition = "氏名やメールアドレスなど。委託先にも守秘義務を課す。"
        search.index_record(s, "glossary_term", term.id)
    assert ("glossary_term", ids["term"]) in found(db, actor, "守秘義務")
    assert ("glossary_term", ids["term"]) not in found(db, actor, "研修")
    with db.write(SYSTEM) as s:
        s.delete(s.get(Risk, ids["risk"]))
        s.flush()
        search.index_record(s, "risk", ids["risk"])  # gone: its document goes too
        search.remove_record(s, "duty", ids["duty"])
    assert found(db, actor, "誤配信") == set()
    assert ("duty", ids["duty"]) not in found(db, actor, "棚卸し会議")
    stats = search.rebuild_index(db)
    assert stats["added"] == 1 and stats["removed"] == 0  # the duty comes back, the risk does not
    assert search.rebuild_index(db) == {**stats, "added": 0, "updated": 0}


# ---- SQLite --------------------------------------------------------------------------------

@pytest.fixture
def ids(db):
    return add_content(db)


def test_two_character_japanese_words(db, viewer, ids):
    check_short_japanese_words(db, viewer, ids)


def test_three_and_more_character_words(db, viewer, ids):
    check_long_words(db, viewer, ids)


def test_case_and_full_width_insensitive(db, viewer, ids):
    check_case_and_width(db, viewer, ids)


def test_every_word_must_match(db, viewer, ids):
    check_words_are_anded(db, viewer, ids)


def test_title_hits_rank_first(db, viewer, ids):
    check_title_hits_first(db, viewer, ids)


def test_fts_syntax_in_input_is_plain_text(db, viewer, ids):
    check_hostile_input(db, viewer, ids)
    with db.write(SYSTEM) as s:
        s.add(GlossaryTerm(term="達成率", definition='目標の100%を超えた "AND" 条件 (参考) a_b*'))
        s.flush()
        search.index_record(s, "glossary_term", s.scalar(select(GlossaryTerm.id).where(GlossaryTerm.term == "達成率")))
    for query in ("100%", '"AND"', "(参考)", "a_b*", "AND", "%を"):
        assert [h.title for h in search.search(db, viewer, query)] == ["達成率"], query
    assert search.search(db, viewer, "a%b") == []


def test_only_published_manual_text_is_found(db, viewer, ids):
    check_published_text_only(db, viewer, ids)


def test_index_follows_changes_and_rebuild_is_incremental(db, viewer, ids):
    check_index_follows_changes(db, viewer, ids)


def test_fts_table_mirrors_search_doc(db, ids):
    with db.engine.begin() as c:
        docs = c.execute(text("SELECT count(*) FROM search_doc")).scalar()
        assert docs >= 15
        assert c.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"個人情報\"'")).scalar() == 2
        c.execute(text("UPDATE search_doc SET body = body || ' 追加語句です' WHERE entity = 'risk'"))
        c.execute(text("DELETE FROM search_doc WHERE entity = 'duty'"))
        # FTS5 raises if the index and its content table disagree (the triggers keep them equal).
        c.execute(text("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)"))
        assert c.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"追加語句\"'")).scalar() == 1


def test_long_words_found_without_fts(db, viewer, ids):
    """SQLite builds without FTS5 trigram (older than 3.34) fall back to a LIKE scan."""
    with db.engine.begin() as c:
        for trigger in ("search_doc_ai", "search_doc_ad", "search_doc_au"):
            c.execute(text(f"DROP TRIGGER {trigger}"))
        c.execute(text("DROP TABLE search_fts"))
    check_long_words(db, viewer, ids)
    check_words_are_anded(db, viewer, ids)


def test_limit_and_empty_query(db, viewer, ids):
    assert len(search.search(db, viewer, "配信")) > 2
    assert len(search.search(db, viewer, "配信", limit=2)) == 2
    assert search.search(db, viewer, "") == [] and search.search(db, viewer, " \u3000 ") == []


def test_rebuild_replaces_stale_rows(db, ids):
    with db.engine.begin() as c:
        c.execute(text("INSERT INTO search_doc (entity, entity_id, title, body, area) "
                       "VALUES ('glossary_term', 9999, '消えた用語', '', 'glossary')"))
        c.execute(text("UPDATE search_doc SET title = '古い題名' WHERE entity = 'course'"))
    stats = search.rebuild_index(db)
    assert (stats["removed"], stats["updated"], stats["added"]) == (1, 1, 0)
    with db.read() as s:
        titles = set(s.scalars(select(SearchDoc.title)))
    assert "消えた用語" not in titles and "古い題名" not in titles and "情報セキュリティ研修" in titles


def test_cli_search_json(db, db_path, viewer, ids, monkeypatch, capsys):
    password_chosen(db, "viewer")
    monkeypatch.setenv("ECMANUAL_PASSWORD", USER_PASSWORD)
    assert run(["--db", str(db_path), "--user", "viewer", "search", "研修", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {"entity": "course", "id": ids["course"], "title": "情報セキュリティ研修", "area": "training"} in [
        {k: h[k] for k in ("entity", "id", "title", "area")} for h in hits]
    assert all(set(h) == {"entity", "id", "title", "snippet", "area"} for h in hits)
    assert run(["--db", str(db_path), "--user", "viewer", "search", "(", "NEAR", '"']) == 0
    # Rebuilding writes (derived data): an editor or admin may, a viewer may not.
    assert run(["--db", str(db_path), "--user", "viewer", "search", "--rebuild"]) == 3
    monkeypatch.setenv("ECMANUAL_PASSWORD", ADMIN_PASSWORD)
    capsys.readouterr()
    assert run(["--db", str(db_path), "--user", "admin", "search", "--rebuild", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] >= 15 and stats["added"] == 0
    assert run(["--db", str(db_path), "--user", "admin", "search"]) == 2


def test_every_search_area_is_a_sidebar_area():
    """Hits must point at an area the GUI can open."""
    import ast
    from pathlib import Path

    from ecmanual.services.search import KINDS

    areas = Path(__file__).resolve().parents[2] / "ecmanual" / "ui" / "areas.py"
    tree = ast.parse(areas.read_text(encoding="utf-8"))
    keys = {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Area" and node.args}
    assert {kind.area for kind in KINDS.values()} <= keys
