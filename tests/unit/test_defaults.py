"""The default content built from the seeds: what it holds, RACI sanity, idempotent loading, CLI."""

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from sqlalchemy import func, inspect, select, text

from ecmanual.domain import raci as raci_rules
from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.persistence.models import (
    ApprovalLevel, AuditEntry, Certification, ChecklistItem, ChecklistTemplate, ChecklistTemplateVersion, Course,
    CourseAudience, Department, DocumentTemplate, Duty, GlossaryTerm, IncidentFlowStep, JobRole, LevelPolicy,
    ManualPage, ManualPageVersion, OnboardingTemplate, Process, ProcessStep, RaciCell, Risk, SaasSystem,
    StandardLevel, SystemLevel, UpdateType,
)
from ecmanual.resources import defaults_dir
from ecmanual.services import defaults, raci, search

from ..conftest import ADMIN_PASSWORD

REPO = Path(__file__).resolve().parents[2]
STEPS = {
    "メール配信": ["企画立案", "コンテンツ作成", "テスト配信", "承認", "本番配信", "効果測定"],
    "LINE配信": ["企画立案", "コンテンツ作成", "テスト配信", "承認", "本番配信", "効果測定"],
    "広告配信": ["企画・目標設定", "ターゲティング", "クリエイティブ制作", "承認・設定", "配信・運用", "効果測定・改善"],
    "サイト更新": ["更新計画", "コンテンツ作成", "コーディング", "テスト・検証", "承認・公開", "効果測定・改善"],
    "キャンペーン実施": ["企画立案", "準備", "プロモーション", "実施・運用", "モニタリング", "効果測定・分析"],
}
FOUR_EYES = {("メール配信", "承認"), ("LINE配信", "承認"), ("広告配信", "承認・設定"), ("サイト更新", "承認・公開")}
STRUCTURAL = {raci_rules.NO_ACCOUNTABLE, raci_rules.MULTIPLE_ACCOUNTABLE, raci_rules.NO_RESPONSIBLE,
              raci_rules.FOUR_EYES_SAME_PARTY, raci_rules.INVALID_CODE}


def _names(s, model, column="name"):
    return set(s.scalars(select(getattr(model, column))))


def _cells(s, process: str, step: str) -> dict[str, tuple[str, str | None]]:
    """Party name -> (code, note) on one step."""
    depts = dict(s.execute(select(Department.id, Department.name)).all())
    roles = dict(s.execute(select(JobRole.id, JobRole.name)).all())
    rows = s.scalars(select(RaciCell).join(ProcessStep, RaciCell.step_id == ProcessStep.id)
                     .join(Process, ProcessStep.process_id == Process.id)
                     .where(Process.name == process, ProcessStep.name == step))
    return {(depts[c.department_id] if c.department_id else roles[c.job_role_id]): (c.code, c.note) for c in rows}


def _table_counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        tables = [t for t in inspect(conn).get_table_names() if not t.startswith("search_fts")]
        return {t: conn.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar_one() for t in tables}


# ---- processes and RACI ----------------------------------------------------------------------

def test_five_processes_with_six_named_steps_and_four_eyes(seeded_db):
    with seeded_db.read() as s:
        for process, names in STEPS.items():
            steps = s.scalars(select(ProcessStep).join(Process).where(Process.name == process)
                              .order_by(ProcessStep.seq)).all()
            assert [st.name for st in steps] == names
            assert [st.seq for st in steps] == [1, 2, 3, 4, 5, 6]
            assert {(process, st.name) for st in steps if st.four_eyes} == {k for k in FOUR_EYES if k[0] == process}
        mail_approval = s.scalar(select(ProcessStep).join(Process).where(Process.name == "メール配信",
                                                                         ProcessStep.name == "承認"))
        assert mail_approval.description.split("\n") == [
            "4眼チェック(担当者+上長)", "法的問題がないか確認", "ブランドイメージとの整合性確認", "最終承認の記録"]
        line = s.scalar(select(Process).where(Process.name == "LINE配信"))
        assert "LINE配信特有の注意点" in line.notes and "メッセージ文字数制限への対応" in line.notes


def test_every_step_has_one_accountable_and_a_responsible(seeded_db):
    with seeded_db.read() as s:
        for step_id, four_eyes in s.execute(select(ProcessStep.id, ProcessStep.four_eyes)).all():
            cells = s.scalars(select(RaciCell).where(RaciCell.step_id == step_id)).all()
            codes = [c.code for c in cells]
            assert codes.count("A") == 1 and "R" in codes, step_id
            if four_eyes:
                a_party = next(c.party_key for c in cells if c.code == "A")
                assert a_party not in {c.party_key for c in cells if c.code == "R"}
    issues = raci.validate(seeded_db)
    assert not [i for i in issues if i.kind in STRUCTURAL]


def test_raci_keeps_the_seed_wording(seeded_db):
    with seeded_db.read() as s:
        assert _cells(s, "メール配信", "承認") == {
            "マーケティング部": ("A", "部門長承認"), "情報システム部": ("R", "技術確認"), "法務部": ("C", "法的確認")}
        assert _cells(s, "メール配信", "テスト配信") == {
            "マーケティング部": ("A", "内容確認"), "情報システム部": ("R", "主担当")}
        assert _cells(s, "LINE配信", "コンテンツ作成")["情報システム部"] == ("R", "リッチメニュー設定")
        site = _cells(s, "サイト更新", "承認・公開")
        assert site == {"マーケティング部": ("A", "内容承認"), "情報システム部": ("R", "公開作業"),
                        "商品企画部": ("C", "最終確認")}
        planning = _cells(s, "キャンペーン実施", "企画立案")
        assert planning["マーケティング部"] == ("R", "主担当") and planning["部門長"][0] == "A"
    # Every department cell carries exactly the seed table's wording; '-' gives no cell.
    seed = json.loads((defaults_dir() / "processes.json").read_text(encoding="utf-8"))
    with seeded_db.read() as s:
        for process in seed["processes"]:
            for step in process["steps"]:
                stored = _cells(s, process["name"], step["name"])
                expected = {d: w for d, w in step["seed_raci"].items() if w != "-"}
                assert {d: stored[d][1] for d in expected} == expected
                assert not set(step["seed_raci"]) - set(expected) & set(stored)


def test_approval_levels_and_update_types(seeded_db):
    with seeded_db.read() as s:
        assert dict(s.execute(select(ApprovalLevel.name, ApprovalLevel.rank)).all()) == {
            "チームリーダー": 1, "部門長": 2, "役員会": 3}
        levels = dict(s.execute(select(UpdateType.name, ApprovalLevel.name)
                                .join(ApprovalLevel, UpdateType.approval_level_id == ApprovalLevel.id)).all())
        assert levels == {"商品情報更新": "チームリーダー", "キャンペーンページ": "部門長", "お知らせ・ブログ": "チームリーダー",
                          "サイト構造変更": "役員会", "システム機能更新": "役員会"}
        product = s.scalar(select(UpdateType).where(UpdateType.name == "商品情報更新"))
        assert product.check_points == "価格、在庫、商品説明、画像" and product.frequency == "随時(週次まとめ更新推奨)"


# ---- organisation, calendar, trainings -------------------------------------------------------

def test_departments_roles_and_calendar(seeded_db):
    with seeded_db.read() as s:
        assert {"マーケティング部", "情報システム部", "法務部", "商品企画部", "広報"} == _names(s, Department)
        roles = {r.name: r for r in s.scalars(select(JobRole))}
        it = s.scalar(select(Department.id).where(Department.name == "情報システム部"))
        for name in ("情報システム部門長", "KARTE管理責任者", "セキュリティ責任者", "配信運用担当", "データ分析担当", "教育担当"):
            assert roles[name].department_id == it and roles[name].description
        assert "全体統括責任者" in roles["情報システム部門長"].description
        duties = {d.name: d for d in s.scalars(select(Duty))}
    for d in duties.values():
        rule = rrulestr(d.rrule, dtstart=datetime.combine(d.start_date, datetime.min.time()))
        assert rule.after(datetime(2026, 1, 1)) is not None, d.name
    assert duties["日次朝会"].duration_minutes == 15 and "BYDAY=MO,TU,WE,TH,FR" in duties["日次朝会"].rrule
    assert duties["定期更新(ECforce)"].rrule == "FREQ=WEEKLY;BYDAY=WE"
    assert (duties["定期更新(ECforce)"].start_time, duties["定期更新(ECforce)"].duration_minutes) == ("10:00", 120)
    assert duties["メール定期配信"].rrule == "FREQ=WEEKLY;BYDAY=TH"
    line = rrulestr(duties["LINE定期配信"].rrule, dtstart=datetime(2026, 1, 1))
    assert [x.day for x in line.between(datetime(2026, 3, 1), datetime(2026, 3, 31))] == [3, 17]  # 第1・3火曜
    assert duties["四半期レビュー"].duration_minutes == 240
    for name in ("週次進捗会議", "月次戦略会議", "月次運用監査", "四半期セキュリティ監査(権限棚卸し)", "年次リスク評価",
                 "半期マニュアル更新", "四半期運用体制レビュー", "年次運用体制大規模見直し", "月次改善提案",
                 "テンプレート審査会", "社内ナレッジ共有会", "週次レポート", "月次レポート", "四半期レポート"):
        assert name in duties
    assert all(d.owner_role_id or d.owner_department_id for d in duties.values())


def test_trainings_with_their_cadences(seeded_db):
    with seeded_db.read() as s:
        courses = {c.name: c for c in s.scalars(select(Course))}
        karte = courses["KARTE操作研修"]
        assert (karte.recurrence, karte.mandatory, karte.frequency_label) == ("on_update", True, "新任時・更新時")
        assert karte.on_hire_days and not karte.audience_all
        audience = set(s.scalars(select(Department.name).join(CourseAudience, CourseAudience.department_id == Department.id)
                                 .where(CourseAudience.course_id == karte.id)))
        assert audience == {"マーケティング部", "情報システム部"}
        privacy = courses["個人情報保護研修"]
        assert (privacy.recurrence, privacy.fixed_months, privacy.validity_months) == ("fixed_months", "4,10", 6)
        assert privacy.audience_all and privacy.mandatory and privacy.frequency_label == "年2回"
        for name in ("コンプライアンス研修", "リスク管理研修"):
            c = courses[name]
            assert (c.recurrence, c.validity_months, c.mandatory, c.frequency_label) == ("yearly", 12, True, "年1回")
        assert "特定電子メール法" in courses["コンプライアンス研修"].description
        seminar = courses["外部セミナー参加"]
        assert (seminar.recurrence, seminar.interval_months, seminar.mandatory) == ("every_n_months", 3, False)
        assert "KARTE新機能セミナー" in seminar.topics
        assert (courses["社内ナレッジ共有会"].interval_months, courses["社内ナレッジ共有会"].frequency_label) == (1, "月1回")
        assert courses["技術スキル向上"].recurrence == "continuous" and "API連携知識の習得" in courses["技術スキル向上"].topics
        trainer = s.scalar(select(JobRole.id).where(JobRole.name == "教育担当"))
        assert {c.owner_role_id for c in courses.values()} == {trainer}
        certs = {c.name: c for c in s.scalars(select(Certification))}
        assert set(certs) == {"KARTE運用認定", "配信運用認定"}
        assert all(c.validity_months == 12 and c.kind == "internal" and c.course_id for c in certs.values())
        plans = {t.name: t for t in s.scalars(select(OnboardingTemplate))}
        marketing = plans["マーケティング部 新任者"].items
        accounts = {(i["ref"], i["level"]) for i in marketing if i["kind"] == "account"}
        assert {("KARTE", "配信作成"), ("LINE公式アカウント", "配信作成")} <= accounts
        assert {"kind": "training", "title": "研修: KARTE操作研修", "ref": "KARTE操作研修", "offset_days": 7} in marketing
        assert ("KARTE", "管理者") in {(i["ref"], i.get("level")) for i in plans["情報システム部 新任者"].items}


# ---- inventory, checklists, templates, glossary, pages, risks ---------------------------------

def test_permission_inventory(seeded_db):
    with seeded_db.read() as s:
        assert dict(s.execute(select(StandardLevel.name, StandardLevel.rank)).all()) == {
            "管理者": 4, "承認": 3, "配信作成": 2, "閲覧": 1}
        systems = {x.name: x for x in s.scalars(select(SaasSystem))}
        assert set(systems) == {"ECforce", "KARTE", "LINE公式アカウント", "Google広告", "Meta広告", "Ptengine"}
        assert all(x.mfa_required and x.dormant_days == 90 and x.owner_role_id for x in systems.values())
        meta = dict(s.execute(select(SystemLevel.name, StandardLevel.name)
                              .join(StandardLevel, SystemLevel.standard_level_id == StandardLevel.id)
                              .where(SystemLevel.system_id == systems["Meta広告"].id)).all())
        assert meta == {"管理者": "管理者", "広告主": "配信作成", "アナリスト": "閲覧"}
        it = s.scalar(select(Department.id).where(Department.name == "情報システム部"))
        head = s.scalar(select(JobRole.id).where(JobRole.name == "部門長"))
        policies = set(s.execute(select(StandardLevel.name, LevelPolicy.party_key)
                                 .join(StandardLevel, LevelPolicy.standard_level_id == StandardLevel.id)).all())
        assert {("管理者", f"d:{it}"), ("承認", f"r:{head}"), ("閲覧", "*")} <= policies
        assert [k for n, k in policies if n == "管理者"] == [f"d:{it}"]


def test_checklists_are_versioned_and_merged(seeded_db):
    with seeded_db.read() as s:
        templates = {t.name: t for t in s.scalars(select(ChecklistTemplate))}
        expected = {"メール配信前チェックリスト", "LINE配信前チェックリスト", "緊急対応チェックリスト", "更新前最終チェックリスト",
                    "商品情報更新チェックリスト", "キャンペーンページチェックリスト", "お知らせ・ブログチェックリスト",
                    "サイト構造変更チェックリスト", "システム機能更新チェックリスト"}
        assert set(templates) == expected
        levels = dict(s.execute(select(ApprovalLevel.id, ApprovalLevel.name)).all())
        assert levels[templates["メール配信前チェックリスト"].approval_level_id] == "部門長"
        assert levels[templates["サイト構造変更チェックリスト"].approval_level_id] == "役員会"
        for tpl in templates.values():
            version = s.get(ChecklistTemplateVersion, tpl.current_version_id)
            assert version.template_id == tpl.id and version.version_no == 1
        items = {name: s.scalars(select(ChecklistItem).where(ChecklistItem.version_id == tpl.current_version_id)
                                 .order_by(ChecklistItem.seq)).all() for name, tpl in templates.items()}
    mail = [i.text for i in items["メール配信前チェックリスト"]]
    assert len(mail) == len(set(mail)) == 9
    assert {"件名の誤字脱字確認", "本文の誤字脱字確認", "配信日時の設定確認", "テスト配信結果の確認"} <= set(mail)
    legal = next(i for i in items["メール配信前チェックリスト"] if "特定電子メール法" in i.text)
    assert legal.glossary_term_id and legal.required
    line = [i.text for i in items["LINE配信前チェックリスト"]]
    assert len(line) == len(set(line)) and "配信頻度の適切性" in line and "リッチメニューの表示確認" in line
    assert [i.text for i in items["緊急対応チェックリスト"]] == [
        "問題の切り分け", "影響範囲の特定", "連絡先リストの確認", "対応策の選定", "報告ルートの確認"]
    assert [i.text for i in items["商品情報更新チェックリスト"]] == ["価格", "在庫", "商品説明", "画像"]
    assert len(items["更新前最終チェックリスト"]) == 5


def test_document_templates_glossary_pages_and_risks(seeded_db):
    with seeded_db.read() as s:
        docs = {d.name: d for d in s.scalars(select(DocumentTemplate))}
        assert set(docs) == {"配信企画書", "効果測定レポート", "緊急対応連絡", "実験計画書", "レビュー会議アジェンダ", "ナレッジカード"}
        labels = [f["label"] for sec in docs["配信企画書"].sections for f in sec["fields"]]
        assert labels == ["企画概要", "目的・KPI", "ターゲットセグメント", "コンテンツ概要", "配信チャネル選定理由", "スケジュール"]
        card = {f["label"]: f["kind"] for sec in docs["ナレッジカード"].sections for f in sec["fields"]}
        assert card["最終更新日"] == "date" and card["参考リンク"] == "list" and "再利用可否" in card
        terms = {t.term: t for t in s.scalars(select(GlossaryTerm))}
        for term in ("アクション", "セグメント", "シナリオ", "サプレッション", "開封率", "バウンス率", "SPF/DKIM",
                     "リッチメッセージ", "友だち追加率", "ブロック率", "PV", "UU", "CVR", "CPA", "ROAS", "CTR", "LTV",
                     "KGI", "KPI", "UTMパラメータ", "utm_source", "ヒートマップ", "4眼原則", "RACI", "権限棚卸し",
                     "二要素認証", "MFA", "特定電子メール法", "景品表示法", "薬機法"):
            assert terms[term].definition and terms[term].reading, term
        assert terms["サプレッション"].definition == "配信除外設定。"
        pages = {p.slug: p for p in s.scalars(select(ManualPage))}
        assert len(pages) == 22 and all(p.review_cycle_months == 6 and p.owner_role_id for p in pages.values())
        bodies = {}
        for slug, page in pages.items():
            v = s.get(ManualPageVersion, page.published_version_id)
            assert (v.page_id, v.version_no, v.status) == (page.id, 1, "published") and v.published_at
            bodies[slug] = v.body_md
        assert "| utm_source | 広告流入元(meta等) |" in bodies["utm-naming"]
        assert "セッションタイムアウト設定" in bodies["security-policy"]
        assert "毎週水曜日10:00-12:00" in bodies["ecforce-regulation"]
        risks = {r.title: r for r in s.scalars(select(Risk))}
        for title in ("誤配信", "システム障害", "炎上リスク", "情報漏洩", "スパム判定", "LINE公式アカウントブロック"):
            assert risks[title].countermeasure and risks[title].responsible
        assert risks["炎上リスク"].responsible == "広報・情報システム部"
        assert risks["大規模誤配信"].level == "high" and risks["誤った価格・情報"].level == "medium"
        flow = s.scalars(select(IncidentFlowStep.name).order_by(IncidentFlowStep.seq)).all()
        assert flow == ["問題発覚", "情報システム部へ報告", "初期評価", "緊急対応チーム招集", "対応策決定", "是正措置実施",
                        "再発防止策検討"]


# ---- loading rules ---------------------------------------------------------------------------

def test_every_added_record_is_audited_and_searchable(db, admin):
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    calls = []
    added = defaults.load_defaults(db, admin, lambda done, total, msg: calls.append((done, total, msg)))
    assert calls[0] == (0, len(defaults.FILES), "organisation") and calls[-1][:2] == (len(defaults.FILES),) * 2
    with db.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.seq > before)).all()
    assert len(entries) == sum(added.values()) > 400
    assert {(e.action, e.summary, e.actor) for e in entries} == {("create", "default content", "admin")}
    assert added["process_steps"] == 30 and added["incident_flow_steps"] == 7
    hits = [h.title for h in search.search(db, admin, "権限棚卸し") if h.entity == "glossary_term"]
    assert hits[0] == "権限棚卸し"  # indexed in the same transaction, no rebuild needed


def test_second_load_adds_and_changes_nothing(seeded_db, admin):
    with seeded_db.write(admin) as s:  # stands in for a user's edit
        s.execute(text("UPDATE department SET description = '編集済み' WHERE name = '法務部'"))
    counts = _table_counts(seeded_db.engine)
    again = defaults.load_defaults(seeded_db, admin)
    assert set(again) == set(defaults.KINDS) and not any(again.values())
    assert _table_counts(seeded_db.engine) == counts  # audit_entry included: nothing was written
    with seeded_db.read() as s:
        assert s.scalar(select(Department.description).where(Department.name == "法務部")) == "編集済み"


def test_a_missing_record_is_added_back_alone(seeded_db, admin):
    with seeded_db.write(admin) as s:
        s.execute(text("DELETE FROM glossary_term WHERE term = 'ROAS'"))
    again = defaults.load_defaults(seeded_db, admin)
    assert {k: v for k, v in again.items() if v} == {"glossary_terms": 1}


def test_viewer_may_not_load(db, viewer):
    with pytest.raises(PermissionDenied):
        defaults.load_defaults(db, viewer)


def _broken_copy(tmp_path, monkeypatch, name: str, edit) -> None:
    root = tmp_path / "defaults"
    shutil.copytree(defaults_dir(), root)
    doc = json.loads((root / name).read_text(encoding="utf-8"))
    edit(doc)
    (root / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(defaults, "defaults_dir", lambda: root)


def test_broken_reference_names_file_and_entry_and_writes_nothing(db, admin, tmp_path, monkeypatch):
    def edit(doc):
        doc["processes"][1]["steps"][0]["raci"][0]["department"] = "営業部"
    _broken_copy(tmp_path, monkeypatch, "processes.json", edit)
    counts = _table_counts(db.engine)
    with pytest.raises(InputError) as info:
        defaults.load_defaults(db, admin)
    assert info.value.file == "processes.json"
    assert "LINE配信" in str(info.value) and "営業部" in str(info.value)
    assert _table_counts(db.engine) == counts


def test_a_step_with_two_accountables_is_refused(db, admin, tmp_path, monkeypatch):
    def edit(doc):
        doc["processes"][0]["steps"][2]["raci"][1]["code"] = "A"
    _broken_copy(tmp_path, monkeypatch, "processes.json", edit)
    with pytest.raises(InputError, match="exactly one A"):
        defaults.load_defaults(db, admin)


def test_unknown_page_in_onboarding_is_refused(db, admin, tmp_path, monkeypatch):
    def edit(doc):
        doc["onboarding_templates"][0]["items"][0]["ref"] = "no-such-page"
    _broken_copy(tmp_path, monkeypatch, "trainings.json", edit)
    with pytest.raises(InputError, match="no-such-page") as info:
        defaults.load_defaults(db, admin)
    assert info.value.file == "trainings.json" and "マーケティング部 新任者" in str(info.value)


# ---- command line ----------------------------------------------------------------------------

def _cli(tmp_path, *args, user: str | None = None):
    env = dict(os.environ, ECMANUAL_HOME=str(tmp_path / "home"), ECMANUAL_PASSWORD=ADMIN_PASSWORD)
    if user:
        env["ECMANUAL_USER"] = user
    return subprocess.run([sys.executable, "-m", "ecmanual", "--db", str(tmp_path / "cli.sqlite3"), *args],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=180)


def test_cli_init_defaults_twice_then_verify(tmp_path):
    (tmp_path / "home").mkdir(exist_ok=True)
    first = _cli(tmp_path, "init", "--defaults", "--json")
    assert first.returncode == 0, first.stderr
    assert sum(json.loads(first.stdout)["defaults"].values()) > 400
    verify = _cli(tmp_path, "verify", "--json")
    assert verify.returncode == 0, verify.stderr
    assert json.loads(verify.stdout)["ok"] is True

    from ecmanual.persistence.engine import make_engine
    engine = make_engine(tmp_path / "cli.sqlite3")
    try:
        counts = _table_counts(engine)
        with engine.connect() as conn:
            last_seq = conn.execute(text("SELECT MAX(seq) FROM audit_entry")).scalar_one()
        second = _cli(tmp_path, "init", "--defaults", "--json", user="admin")
        assert second.returncode == 0, second.stderr
        assert not any(json.loads(second.stdout)["defaults"].values())
        after = _table_counts(engine)
        with engine.connect() as conn:
            new_actions = conn.execute(text("SELECT action FROM audit_entry WHERE seq > :s"),
                                       {"s": last_seq}).scalars().all()
    finally:
        engine.dispose()
    # Signing in to run the second init is itself audited; nothing else changed.
    assert set(new_actions) <= {"login"}
    assert {t: n for t, n in after.items() if t != "audit_entry"} == {t: n for t, n in counts.items() if t != "audit_entry"}
    assert after["audit_entry"] == counts["audit_entry"] + len(new_actions)
    assert _cli(tmp_path, "verify", "--json").returncode == 0
