"""Training services on a real SQLite file with the default content, against a fixed 'today'."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from ecmanual.domain.errors import InputError, NotFound, PermissionDenied
from ecmanual.persistence.models import (
    Account, AuditEntry, Course, OnboardingPlan, PageAcknowledgement, SaasSystem, Staff, TrainingRecord,
)
from ecmanual.services import audit, organisation as org, responsibilities
from ecmanual.services import offboarding, onboarding_templates, training, training_certs, training_onboarding as onb
from ecmanual.services import training_sessions
from ecmanual.services import training_status as ts

from ..conftest import ADMIN_PASSWORD, USER_PASSWORD, password_chosen

TODAY = date(2026, 11, 5)


def statuses(db, actor, person, today=TODAY) -> dict[str, tuple]:
    return {r.name: (r.status, r.due_on) for r in ts.person_requirements(db, actor, person, today)}


def audit_entries(db, entity: str) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.seq)))


@pytest.fixture
def misaki(seeded_db, admin):
    """佐藤 美咲: 情報システム部 since 2025-04-01, KARTE管理責任者, with a history of completions."""
    db = seeded_db
    onb.hire_person(db, admin, "佐藤 美咲", department="情報システム部", roles=["KARTE管理責任者"],
                    hire_date="2025-04-01", email="misaki@example.jp")
    for course, day in [("KARTE操作研修", "2025-04-05"), ("個人情報保護研修", "2025-10-20"),
                        ("個人情報保護研修", "2026-04-15"), ("コンプライアンス研修", "2025-11-20"),
                        ("外部セミナー参加", "2026-09-20")]:
        training.record_completion(db, admin, "佐藤 美咲", course, day)
    training_certs.award_certification(db, admin, "佐藤 美咲", "KARTE運用認定", "2025-11-10")
    training.mark_content_updated(db, admin, "KARTE操作研修", "2026-10-30")
    return "佐藤 美咲"


def test_defaults_bring_the_seed_trainings_with_their_cadences(seeded_db, admin):
    courses = {c.name: c for c in training.list_courses(seeded_db, admin)}
    karte = courses["KARTE操作研修"]
    assert (karte.recurrence, karte.on_hire_days, karte.frequency_label) == ("on_update", 7, "新任時・更新時")
    assert set(karte.departments) == {"マーケティング部", "情報システム部"} and not karte.audience_all
    privacy = courses["個人情報保護研修"]
    assert (privacy.recurrence, privacy.fixed_months, privacy.validity_months, privacy.audience_all) == \
        ("fixed_months", "4,10", 6, True)
    assert courses["コンプライアンス研修"].recurrence == "yearly"
    assert (courses["外部セミナー参加"].recurrence, courses["外部セミナー参加"].interval_months) == ("every_n_months", 3)
    assert courses["技術スキル向上"].recurrence == "continuous" and not courses["技術スキル向上"].mandatory
    assert karte.owner_role == "教育担当"
    certs = {c.name: c for c in training_certs.list_certifications(seeded_db, admin)}
    assert certs["KARTE運用認定"].course == "KARTE操作研修" and certs["KARTE運用認定"].required_for_role == "KARTE管理責任者"


def test_status_of_each_requirement_on_a_fixed_day(seeded_db, admin, misaki):
    got = statuses(seeded_db, admin, misaki)
    assert got["KARTE操作研修"] == ("due_soon", date(2026, 11, 6))       # content updated 10-30: re-take in 7 days
    assert got["個人情報保護研修"] == ("expired", date(2026, 10, 31))      # twice a year: October missed, April ran out
    assert got["コンプライアンス研修"] == ("due_soon", date(2026, 11, 20))   # yearly renewal in 15 days
    assert got["リスク管理研修"] == ("overdue", date(2025, 5, 1))           # never done: 30 days after hire
    assert got["外部セミナー参加"] == ("valid", date(2026, 12, 20))          # every 3 months
    assert got["社内ナレッジ共有会"] == ("pending", None)                    # optional, never taken
    assert got["KARTE運用認定"] == ("due_soon", date(2026, 11, 10))         # required by the role, expires soon
    assert got["配信運用認定"] == ("not_applicable", None)
    # The same person a week later: the KARTE re-take is late.
    assert statuses(seeded_db, admin, misaki, date(2026, 11, 12))["KARTE操作研修"][0] == "overdue"


def test_re_completion_renews_course_and_certification(seeded_db, admin, misaki):
    info = training.record_completion(seeded_db, admin, misaki, "KARTE操作研修", "2026-11-04", score=92)
    assert info.renewed == ("KARTE運用認定",)
    got = statuses(seeded_db, admin, misaki)
    assert got["KARTE操作研修"] == ("valid", None)
    assert got["KARTE運用認定"] == ("valid", date(2027, 11, 4))
    awards = training_certs.awards_of(seeded_db, admin, misaki)
    assert [(a.issued_on, a.current) for a in awards] == [(date(2026, 11, 4), True), (date(2025, 11, 10), False)]
    assert awards[1].superseded_by == awards[0].id
    # Twice a year: the October cycle's completion, late, makes it valid until the April one.
    training.record_completion(seeded_db, admin, misaki, "個人情報保護研修", "2026-11-05")
    assert statuses(seeded_db, admin, misaki)["個人情報保護研修"] == ("valid", date(2027, 4, 30))
    history = training.completions_of(seeded_db, admin, misaki)
    assert [h.completed_on for h in history if h.course == "個人情報保護研修"] == \
        [date(2026, 11, 5), date(2026, 4, 15), date(2025, 10, 20)]


def test_failed_attempt_is_recorded_but_does_not_count(seeded_db, admin, misaki):
    training.record_completion(seeded_db, admin, misaki, "リスク管理研修", "2026-11-01", score=40, passed=False)
    assert statuses(seeded_db, admin, misaki)["リスク管理研修"][0] == "overdue"
    assert training.completions_of(seeded_db, admin, misaki)[0].passed is False


def test_on_hire_rule_for_a_new_hire(seeded_db, admin):
    onb.hire_person(seeded_db, admin, "新井 翔", department="情報システム部", hire_date="2026-10-20")
    got = statuses(seeded_db, admin, "新井 翔")
    assert got["KARTE操作研修"] == ("overdue", date(2026, 10, 27))        # due within 7 days of hire
    assert got["個人情報保護研修"] == ("due_soon", date(2026, 11, 19))     # new hire: 30 days, not the October cycle
    training.record_completion(seeded_db, admin, "新井 翔", "KARTE操作研修", "2026-10-26")
    assert statuses(seeded_db, admin, "新井 翔")["KARTE操作研修"] == ("valid", None)


def test_role_department_and_audience_changes_keep_history(seeded_db, admin, misaki):
    with seeded_db.read() as s:
        legal = s.scalar(select(org.Department.id).where(org.Department.name == "法務部"))
        person = s.scalar(select(Staff).where(Staff.name == misaki))
        records_before = s.scalar(select(func.count()).select_from(TrainingRecord))
    org.update_staff(seeded_db, admin, person.id, department_id=legal)
    [assignment] = org.list_assignments(seeded_db, staff_id=person.id)
    org.end_assignment(seeded_db, admin, assignment.id, date(2026, 11, 1))
    reqs = {r.name: r for r in ts.person_requirements(seeded_db, admin, misaki, TODAY)}
    assert reqs["KARTE操作研修"].status == "not_applicable"
    assert reqs["KARTE操作研修"].last_completed == date(2025, 4, 5)      # the history is still there
    assert reqs["KARTE運用認定"].via == ("取得済み",)                       # held, no longer required
    assert reqs["個人情報保護研修"].status == "expired"                    # everyone's course still applies
    # The course's audience now includes 法務部: required again, with the same history.
    training.update_course(seeded_db, admin, "KARTE操作研修", departments=["情報システム部", "法務部"])
    reqs = {r.name: r for r in ts.person_requirements(seeded_db, admin, misaki, TODAY)}
    assert (reqs["KARTE操作研修"].status, reqs["KARTE操作研修"].via) == ("due_soon", ("法務部",))
    with seeded_db.read() as s:
        assert s.scalar(select(func.count()).select_from(TrainingRecord)) == records_before
    assert len(training.completions_of(seeded_db, admin, misaki)) == 5
    changed = audit_entries(seeded_db, "course_audience")
    assert changed[-1].actor == "admin" and "法務部" not in (changed[-1].before or "")


def test_every_change_is_audited_and_needs_permission(seeded_db, admin, viewer, misaki):
    entries = audit_entries(seeded_db, "training_record")
    assert len(entries) == 5 and all(e.action == "create" and e.actor == "admin" for e in entries)
    assert "佐藤 美咲: 個人情報保護研修 2026-04-15" in [e.summary for e in entries]
    assert [e.action for e in audit_entries(seeded_db, "certification_award")] == ["create"]
    assert audit_entries(seeded_db, "course")[-1].action == "update"  # content_updated_on
    with pytest.raises(PermissionDenied):
        training.record_completion(seeded_db, viewer, misaki, "リスク管理研修", "2026-11-01")
    with pytest.raises(PermissionDenied):
        onb.hire_person(seeded_db, viewer, "閲覧 四郎", department="法務部", hire_date="2026-11-01")
    assert ts.person_requirements(seeded_db, viewer, misaki, TODAY)  # reading is allowed
    with seeded_db.read() as s:
        assert audit.verify_chain(s).ok


def test_hire_is_one_transaction(seeded_db, admin):
    with seeded_db.read() as s:
        people = s.scalar(select(func.count()).select_from(Staff))
    with pytest.raises(NotFound):
        onb.hire_person(seeded_db, admin, "失敗 太郎", department="情報システム部", roles=["存在しない役割"],
                        hire_date="2026-11-01")
    with pytest.raises(InputError):
        onb.hire_person(seeded_db, admin, "失敗 太郎", department="情報システム部", hire_date="2026-11-01",
                        email="not-an-address")
    with seeded_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Staff)) == people
        assert s.scalar(select(func.count()).select_from(OnboardingPlan)) == 0


def test_onboarding_plan_from_templates_and_progress(seeded_db, admin):
    result = onb.hire_person(seeded_db, admin, "山本 一郎", department="情報システム部", roles=["配信運用担当"],
                             hire_date="2026-10-01")
    plan = result["plan"]
    kinds = {(i.kind, i.title) for i in plan.items}
    assert ("training", "研修: KARTE操作研修") in kinds and ("task", "配信運用認定のスキルチェックを受ける") in kinds
    assert sum(1 for i in plan.items if i.title == "研修: KARTE操作研修") == 1  # department and role template merged
    karte = next(i for i in plan.items if i.title == "研修: KARTE操作研修")
    assert (karte.due_date, karte.offset) == (date(2026, 10, 8), "1週目")
    accounts = [i for i in plan.items if i.kind == "account"]
    assert {i.title for i in accounts} >= {"アカウント申請: KARTE(管理者)", "アカウント申請: Ptengine(閲覧)"}
    assert next(i for i in accounts if "KARTE" in i.title).note == "KARTEの権限: 管理者"
    assert [i.offset for i in plan.items][0] == "初日" and plan.items[-1].offset == "1か月目"

    page = next(i for i in plan.items if i.kind == "page")
    plan = onb.set_item_done(seeded_db, admin, page.id, on="2026-10-01")
    assert plan.done_count == 1
    with seeded_db.read() as s:
        assert s.scalar(select(func.count()).select_from(PageAcknowledgement)) == 1
    # Ticking a training records its completion; recording a completion ticks the item.
    plan = onb.set_item_done(seeded_db, admin, karte.id, on="2026-10-06")
    assert training.completions_of(seeded_db, admin, "山本 一郎")[0].course == "KARTE操作研修"
    training.record_completion(seeded_db, admin, "山本 一郎", "リスク管理研修", "2026-10-20")
    plan = onb.get_plan(seeded_db, admin, plan.id)
    assert plan.done_count == 3 and next(i for i in plan.items if i.title == "研修: リスク管理研修").done
    for item in plan.items:
        plan = onb.set_item_done(seeded_db, admin, item.id, on="2026-10-30")
    assert plan.status == "done" and plan.progress == 1.0
    plan = onb.set_item_done(seeded_db, admin, plan.items[0].id, done=False)
    assert plan.status == "open" and plan.done_count == len(plan.items) - 1


def test_template_editing_validates_items(seeded_db, admin):
    tpl = onboarding_templates.save_template(seeded_db, admin, "教育担当 着任", job_role="教育担当", items=[
        {"kind": "training", "ref": "KARTE操作研修", "offset_days": 7},
        {"kind": "account", "ref": "KARTE", "level": "閲覧", "offset_days": 0},
        {"kind": "task", "title": "年間研修計画を確認する", "offset_days": 30}])
    assert [i["title"] for i in tpl.items] == ["研修: KARTE操作研修", "アカウント申請: KARTE(閲覧)", "年間研修計画を確認する"]
    with pytest.raises(InputError, match="item 1"):
        onboarding_templates.save_template(seeded_db, admin, "壊れた雛形", job_role="教育担当", items=[{"kind": "page", "ref": "no-such"}])
    tpl = onboarding_templates.save_template(seeded_db, admin, "教育担当 着任", job_role="教育担当", template_id=tpl.id,
                            expected_version=tpl.version, items=[{"kind": "task", "title": "挨拶", "offset_days": 0}])
    assert len(tpl.items) == 1 and tpl.version == 2


def test_sessions_attendance_and_capacity(seeded_db, admin, misaki):
    t = training_sessions.schedule_session(seeded_db, admin, "リスク管理研修", datetime(2026, 11, 10, 14, 0),
                                  ends_at=datetime(2026, 11, 10, 16, 0), place="会議室A", capacity=1, instructor="教育担当")
    training_sessions.add_attendee(seeded_db, admin, t.id, misaki)
    onb.hire_person(seeded_db, admin, "新井 翔", department="情報システム部", hire_date="2026-10-20")
    with pytest.raises(InputError, match="full"):
        training_sessions.add_attendee(seeded_db, admin, t.id, "新井 翔")
    assert [s.id for s in training_sessions.upcoming_sessions(seeded_db, admin, TODAY)] == [t.id]
    with pytest.raises(InputError, match="full"):  # a session and its attendees are saved together or not at all
        training_sessions.schedule_session(seeded_db, admin, "リスク管理研修", "2026-12-01 10:00", capacity=1,
                                           attendees=[misaki, "新井 翔"])
    assert len(training_sessions.list_sessions(seeded_db, admin)) == 1
    info = training_sessions.record_attendance(seeded_db, admin, t.id, misaki, True, score=88)
    assert info.attendees[0].attended is True
    last = training.completions_of(seeded_db, admin, misaki)[0]
    assert (last.course, last.completed_on, last.session_id, last.score) == ("リスク管理研修", date(2026, 11, 10), t.id, 88)


def test_completion_with_evidence_file(seeded_db, admin, misaki, tmp_path):
    evidence = tmp_path / "修了証.pdf"
    evidence.write_bytes(b"%PDF-1.4 certificate")
    info = training.record_completion(seeded_db, admin, misaki, "リスク管理研修", "2026-11-02",
                                      evidence_note="外部講師による修了証", attachment=evidence)
    assert info.attachment_name == "修了証.pdf" and info.recorded_by == "管理 太郎"
    assert training.attachment_file(seeded_db, admin, info.attachment_id) == ("修了証.pdf", b"%PDF-1.4 certificate")
    with pytest.raises(InputError):
        training.record_completion(seeded_db, admin, misaki, "リスク管理研修", "2026-11-02", attachment=tmp_path / "x")


def test_matrix_and_dashboard_counts(seeded_db, admin, misaki):
    onb.hire_person(seeded_db, admin, "新井 翔", department="情報システム部", hire_date="2026-10-20")
    m = ts.compliance_matrix(seeded_db, admin, TODAY)
    assert [c.name for c in m.columns] == ["KARTE操作研修", "個人情報保護研修", "コンプライアンス研修", "リスク管理研修",
                                           "KARTE運用認定", "配信運用認定"]
    assert {r.name for r in m.rows} == {"佐藤 美咲", "新井 翔"}
    counts = ts.dashboard_counts(seeded_db, admin, TODAY)
    assert counts == {"overdue": 2, "expired": 1, "due_soon": 5, "certifications_expiring": 1,
                      "certifications_expired": 0, "people_behind": 2, "window_days": 30, "people": 2}
    due = ts.due_items(seeded_db, admin, TODAY)
    assert due[0].due_on <= due[-1].due_on and {d.status for d in due} <= {"overdue", "expired", "due_soon"}


def test_offboarding_hands_accounts_to_the_inventory(seeded_db, admin, misaki):
    with seeded_db.write(admin) as s:
        karte = s.scalar(select(SaasSystem).where(SaasSystem.name == "KARTE"))
        person = s.scalar(select(Staff).where(Staff.name == misaki))
        s.add(Account(system_id=karte.id, login="misaki@example.jp", native_level="管理者", staff_id=person.id,
                      status="active"))
    future = training_sessions.schedule_session(seeded_db, admin, "リスク管理研修", datetime(2026, 12, 1, 10, 0))
    training_sessions.add_attendee(seeded_db, admin, future.id, misaki)
    report = responsibilities.record_leave(seeded_db, admin, misaki, "2026-11-30")  # offboards in the same step
    plan = onb.get_plan(seeded_db, admin, report["offboarding"]["id"])
    assert plan.kind == "offboarding" and plan.items[0].title == "アカウント削除: KARTE(misaki@example.jp)"
    todo = offboarding.accounts_to_remove(seeded_db, admin)
    assert [(t["system"], t["staff"], t["level"]) for t in todo] == [("KARTE", misaki, "管理者")]
    assert todo[0]["account_id"] is not None
    assert training_sessions.list_sessions(seeded_db, admin, start=TODAY)[0].attendees == ()
    onboarding = [p for p in onb.plans_of(seeded_db, admin, misaki) if p.kind == "onboarding"]
    assert onboarding[0].status == "closed"
    assert all(r.status == "not_applicable" for r in ts.person_requirements(seeded_db, admin, misaki, TODAY))
    assert len(training.completions_of(seeded_db, admin, misaki)) == 5  # history kept
    with pytest.raises(InputError):
        offboarding.start_offboarding(seeded_db, admin, misaki, "2026-11-30")


# --- the command line ------------------------------------------------------------------------

def run(db_path, *args, user="admin", password=ADMIN_PASSWORD):
    env = dict(os.environ, ECMANUAL_USER=user, ECMANUAL_PASSWORD=password)
    return subprocess.run([sys.executable, "-m", "ecmanual", "--db", str(db_path), *args],
                          capture_output=True, text=True, env=env, timeout=180)


def test_cli_after_init_defaults(tmp_path):
    db_path = tmp_path / "cli.sqlite3"
    r = run(db_path, "init", "--defaults", "--admin", "admin")
    assert r.returncode == 0, r.stderr
    r = run(db_path, "training", "hire", "田中 花子", "--department", "情報システム部", "--role", "配信運用担当",
            "--date", "2026-10-01", "--json")
    assert r.returncode == 0, r.stderr
    hired = json.loads(r.stdout)
    assert hired["staff"]["name"] == "田中 花子" and hired["plan"]["total"] >= 10
    r = run(db_path, "training", "record", "--person", "田中 花子", "--course", "KARTE操作研修", "--date", "2026-10-06")
    assert r.returncode == 0 and "recorded" in r.stdout
    r = run(db_path, "training", "status", "--person", "田中 花子", "--today", "2026-11-05", "--json")
    assert r.returncode == 0, r.stderr
    reqs = {q["name"]: q for q in json.loads(r.stdout)["requirements"]}
    assert reqs["KARTE操作研修"]["status"] == "valid" and reqs["リスク管理研修"]["status"] == "overdue"
    r = run(db_path, "training", "matrix", "--today", "2026-11-05", "--status", "overdue", "--json")
    rows = json.loads(r.stdout)["rows"]
    assert [x["name"] for x in rows] == ["田中 花子"] and rows[0]["cells"]
    ics = tmp_path / "training.ics"
    r = run(db_path, "training", "ics", "--out", str(ics), "--today", "2026-10-02")
    assert r.returncode == 0 and ics.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert "期限: KARTE操作研修(田中 花子)" in ics.read_text(encoding="utf-8")
    # Bad input and unknown people exit 2.
    assert run(db_path, "training", "status", "--person", "いない人").returncode == 2
    assert run(db_path, "training", "record", "--person", "田中 花子", "--course", "KARTE操作研修",
               "--date", "2026-13-01").returncode == 2


def test_cli_permission_denied_exit_3(seeded_db, db_path, admin, viewer):
    password_chosen(seeded_db, "viewer")
    onb.hire_person(seeded_db, admin, "田中 花子", department="法務部", hire_date="2026-10-01")
    r = run(db_path, "training", "record", "--person", "田中 花子", "--course", "リスク管理研修", "--date", "2026-10-06",
            user="viewer", password=USER_PASSWORD)
    assert r.returncode == 3, r.stderr
    r = run(db_path, "training", "status", "--person", "田中 花子", user="viewer", password=USER_PASSWORD)
    assert r.returncode == 0


def test_course_crud_and_refusals(seeded_db, admin):
    c = training.create_course(seeded_db, admin, "LINE運用研修", recurrence="every_n_months", interval_months=6,
                               mandatory=True, departments=["マーケティング部"], owner_role="教育担当")
    assert c.departments == ("マーケティング部",) and c.owner_role == "教育担当"
    with pytest.raises(InputError):
        training.create_course(seeded_db, admin, "壊れた研修", recurrence="every_n_months")
    with pytest.raises(InputError):
        training.create_course(seeded_db, admin, "LINE運用研修", recurrence="yearly")
    training.delete_course(seeded_db, admin, c.id)
    with pytest.raises(InputError, match="history"):
        onb.hire_person(seeded_db, admin, "新井 翔", department="情報システム部", hire_date="2026-10-20")
        training.record_completion(seeded_db, admin, "新井 翔", "リスク管理研修", "2026-10-21")
        training.delete_course(seeded_db, admin, "リスク管理研修")
    with seeded_db.read() as s:
        assert s.scalar(select(Course.id).where(Course.name == "LINE運用研修")) is None


def test_account_items_follow_the_level_policies(seeded_db, admin):
    # 法務部 may not hold 配信作成 (only マーケティング部 and 情報システム部 may): the item says it needs approval.
    onboarding_templates.save_template(seeded_db, admin, "法務部 新任者", department="法務部", template_id=next(
        t.id for t in onboarding_templates.list_templates(seeded_db, admin) if t.name == "法務部 新任者"), items=[
        {"kind": "account", "ref": "KARTE", "level": "配信作成", "offset_days": 0},
        {"kind": "account", "ref": "Ptengine", "level": "閲覧", "offset_days": 0}])
    plan = onb.hire_person(seeded_db, admin, "法務 一人", department="法務部", hire_date="2026-11-01")["plan"]
    notes = {i.title: i.note for i in plan.items if i.kind == "account"}
    assert "承認が必要" in notes["アカウント申請: KARTE(配信作成)"]
    assert notes["アカウント申請: Ptengine(閲覧)"] == "Ptengineの権限: 閲覧者"
