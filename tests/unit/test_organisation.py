"""Organisation service on a real SQLite file: staff import, leavers, who does what."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from ecmanual.domain.errors import ConflictError, InputError, NotFound, PermissionDenied
from ecmanual.persistence.models import AuditEntry, Duty, SaasSystem, Staff
from ecmanual.services import organisation as org, responsibilities, staff_import
from ecmanual.services import raci
from tests.data.make_fixtures import DEPARTMENTS, PEOPLE

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = date(2026, 4, 1)
TABLES = ("department", "staff", "job_role", "role_assignment", "audit_entry")


def audit_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def checksum(db) -> str:
    """Every row of the organisation tables and the audit trail, hashed."""
    h = hashlib.sha256()
    with db.read() as s:
        for t in TABLES:
            for row in s.execute(text(f"SELECT * FROM {t} ORDER BY id")):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


@pytest.fixture
def deps(db, admin):
    return {name: org.create_department(db, admin, name).id for name in DEPARTMENTS}


def _import(db, actor, name, **kw):
    return staff_import.import_staff(db, actor, DATA / name if isinstance(name, str) else name, today=TODAY, **kw)


def test_import_adds_everyone_with_managers_and_audit(db, admin, deps):
    before = audit_count(db)
    summary = _import(db, admin, "staff_utf8_bom.csv")
    assert (summary["added"], summary["updated"], summary["unchanged"], summary["errors"]) == (5, 0, 0, [])
    people = {p.name: p for p in org.list_staff(db)}
    assert set(people) == {p[0] for p in PEOPLE}
    assert people["佐藤 花子"].manager_id == people["山田 太郎"].id
    assert people["鈴木 一郎"].manager_id == people["佐藤 花子"].id  # named by email in the file
    assert people["田中 健"].status == "left" and people["田中 健"].leave_date == date(2026, 3, 31)
    assert people["鈴木 一郎"].department == "カスタマーサポート部"
    assert audit_count(db) == before + 6  # five creates and the import entry
    with db.read() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last.action == "import" and "5 added" in last.summary


@pytest.mark.parametrize("second", ["staff_utf8_bom.csv", "staff_cp932_crlf.csv", "staff.xlsx", "staff_utf8_en.csv",
                                    "staff_smarthr.csv", "staff.tsv"])
def test_reimport_in_any_format_changes_nothing(db, admin, deps, second):
    _import(db, admin, "staff_utf8_bom.csv")
    before_sum, before_audit = checksum(db), audit_count(db)
    summary = _import(db, admin, second)
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (0, 0, 5)
    assert audit_count(db) == before_audit and checksum(db) == before_sum


def test_update_records_before_and_after(db, admin, deps, tmp_path):
    _import(db, admin, "staff_utf8_bom.csv")
    changed = (DATA / "staff.tsv").read_text("utf-8").replace("高橋 美咲\tタカハシ ミサキ\tmisaki.takahashi@example.co.jp\tマーケティング部",
                                                              "高橋 美咲\tタカハシ ミサキ\tmisaki.takahashi@example.co.jp\t物流部")
    p = tmp_path / "changed.tsv"
    p.write_text(changed, "utf-8")
    summary = _import(db, admin, p)
    assert (summary["added"], summary["updated"], summary["unchanged"]) == (0, 1, 4)
    assert summary["changes"][0]["fields"] == ["department_id"]
    with db.read() as s:
        e = s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
        assert json.loads(e.before)["department_id"] == deps["マーケティング部"]
        assert json.loads(e.after)["department_id"] == deps["物流部"]


def test_match_by_name_and_kana_when_stored_without_email(db, admin, deps, tmp_path):
    stored = org.create_staff(db, admin, "山田　太郎", kana="やまだ たろう")  # hiragana, full-width space
    p = tmp_path / "s.csv"
    p.write_text("氏名,フリガナ,メールアドレス\nヤマダ タロウ違い,ヤマダ,x@example.jp\n山田太郎,ヤマダタロウ,taro@example.jp\n", "utf-8")
    summary = _import(db, admin, p)
    assert (summary["added"], summary["updated"]) == (1, 1)
    assert org.get_staff(db, stored.id).email == "taro@example.jp"


def test_same_name_with_other_email_is_a_new_person_with_a_warning(db, admin, deps, tmp_path):
    org.create_staff(db, admin, "山田 太郎", email="taro@example.jp")
    p = tmp_path / "s.csv"
    p.write_text("氏名,メールアドレス\n山田 太郎,other@example.jp\n", "utf-8")
    summary = _import(db, admin, p)
    assert summary["added"] == 1 and "different email" in summary["warnings"][0]


def test_bad_file_leaves_the_database_unchanged(db, admin, deps, tmp_path):
    _import(db, admin, "staff_utf8_bom.csv")
    before = checksum(db)
    p = tmp_path / "bad.csv"
    p.write_text("氏名,メールアドレス,部署,入社日,上長\n"
                 "新人 一号,new1@example.co.jp,マーケティング部,2026/04/01,山田 太郎\n"
                 "山田 太郎,taro.yamada@example.co.jp,営業部,2020/04/01,\n"
                 "新人 二号,new2@example.co.jp,物流部,2026/02/30,\n"
                 "新人 三号,new3@example.co.jp,物流部,2026/04/01,知らない人\n", "utf-8")
    with pytest.raises(InputError) as e:
        _import(db, admin, p)
    assert {(x.row, x.column) for x in e.value.errors} == {(3, "部署"), (4, "入社日"), (5, "上長")}
    assert "営業部" in next(x.message for x in e.value.errors if x.row == 3)
    assert checksum(db) == before


def test_dry_run_writes_nothing(db, admin, deps):
    before = checksum(db)
    summary = _import(db, admin, "staff.xlsx", dry_run=True)
    assert summary["added"] == 5 and summary["dry_run"] is True
    assert checksum(db) == before


def test_cancel_rolls_back(db, admin, deps):
    from ecmanual.services.context import CancelFlag, Cancelled

    flag = CancelFlag()
    seen = []

    def progress(done, total, msg):
        seen.append(msg)
        if msg == "adding staff" and done == 3:
            flag.cancel()

    before = checksum(db)
    with pytest.raises(Cancelled):
        _import(db, admin, "staff.tsv", progress=progress, cancel=flag)
    assert checksum(db) == before and "adding staff" in seen


def test_viewer_is_refused(db, admin, viewer, deps):
    before = checksum(db)
    with pytest.raises(PermissionDenied):
        _import(db, viewer, "staff.tsv")
    with pytest.raises(PermissionDenied):
        org.create_department(db, viewer, "営業部")
    with pytest.raises(PermissionDenied):
        responsibilities.record_leave(db, viewer, "1", TODAY)
    assert checksum(db) == before


def test_crud_with_versions_and_lookup(db, admin, editor, deps):
    d = org.update_department(db, editor, deps["物流部"], name_en="Logistics", expected_version=1)
    assert d.version == 2
    with pytest.raises(ConflictError):
        org.update_department(db, editor, deps["物流部"], description="古い画面から", expected_version=1)
    with pytest.raises(InputError, match="already exists"):
        org.create_department(db, editor, "物流部")
    p = org.create_staff(db, editor, "佐藤 花子", email="Hanako@Example.jp", department_id=deps["物流部"])
    assert p.email == "hanako@example.jp"
    assert org.get_staff(db, "佐藤花子").id == org.get_staff(db, "hanako@example.jp").id == org.get_staff(db, f"#{p.id}").id
    org.create_staff(db, editor, "佐藤　花子")
    with pytest.raises(InputError, match="several"):
        org.get_staff(db, "佐藤 花子")
    with pytest.raises(NotFound):
        org.get_staff(db, "誰でもない")
    with pytest.raises(InputError, match="email"):
        org.create_staff(db, editor, "X", email="not-an-email")


# ---------------------------------------------------------------- leavers and responsibilities

@pytest.fixture
def team(db, admin, deps):
    """The imported team, roles with holders/deputies, a process with cells, duties and a system."""
    _import(db, admin, "staff_utf8_bom.csv")
    ids = {p.name: p.id for p in org.list_staff(db)}
    karte = org.create_job_role(db, admin, "KARTE管理責任者")
    leader = org.create_job_role(db, admin, "チームリーダー")
    org.assign_role(db, admin, karte.id, "佐藤 花子")  # alone
    org.assign_role(db, admin, karte.id, "鈴木 一郎", kind="deputy")
    org.assign_role(db, admin, leader.id, "佐藤 花子")
    org.assign_role(db, admin, leader.id, "山田 太郎")  # shared
    proc = raci.add_process(db, admin, "メール配信")
    plan = raci.add_step(db, admin, proc.id, "企画・作成")
    check = raci.add_step(db, admin, proc.id, "承認", four_eyes=True)
    raci.set_cell(db, admin, plan.id, f"d:{deps['マーケティング部']}", "R", "主担当")
    raci.set_cell(db, admin, plan.id, f"r:{leader.id}", "A")
    raci.set_cell(db, admin, check.id, f"r:{karte.id}", "R", "技術確認")
    raci.set_cell(db, admin, check.id, f"r:{leader.id}", "A")
    with db.write(admin) as s:
        s.add(Duty(name="週次定例", rrule="FREQ=WEEKLY;BYDAY=MO", start_date=TODAY, owner_staff_id=ids["佐藤 花子"],
                   deputy_staff_id=ids["山田 太郎"]))
        s.add(Duty(name="月次権限棚卸し", rrule="FREQ=MONTHLY", start_date=TODAY, deputy_staff_id=ids["佐藤 花子"]))
        s.add(Duty(name="KARTE設定確認", rrule="FREQ=MONTHLY", start_date=TODAY, owner_role_id=karte.id))
        s.add(SaasSystem(name="KARTE", owner_staff_id=ids["佐藤 花子"]))
    return {"ids": ids, "karte": karte, "leader": leader, "plan": plan, "check": check}


def test_leaver_report_lists_what_loses_its_owner(db, admin, team):
    preview = responsibilities.lost_ownership(db, "佐藤 花子", TODAY)
    report = responsibilities.record_leave(db, admin, "佐藤 花子", "2026-04-30")
    assert {k: report[k] for k in ("roles", "raci_cells", "duties", "systems", "reports")} == \
        {k: preview[k] for k in ("roles", "raci_cells", "duties", "systems", "reports")}
    roles = {r["role"]: r for r in report["roles"]}
    assert roles["KARTE管理責任者"]["left_without_holder"] is True
    assert roles["KARTE管理責任者"]["deputies"] == ["鈴木 一郎"]
    assert roles["チームリーダー"]["left_without_holder"] is False
    assert roles["チームリーダー"]["other_holders"] == ["山田 太郎"]
    assert [(c["step"], c["code"], c["role"]) for c in report["raci_cells"]] == [("承認", "R", "KARTE管理責任者")]
    assert {(d["name"], d["as"]) for d in report["duties"]} == {
        ("週次定例", "owner"), ("月次権限棚卸し", "deputy"), ("KARTE設定確認", "role owner")}
    assert [x["name"] for x in report["systems"]] == ["KARTE"]
    assert [x["name"] for x in report["reports"]] == ["鈴木 一郎"]  # 田中 健 reports to her too, but has left
    assert len(report["ended_assignments"]) == 2
    p = org.get_staff(db, "佐藤 花子")
    assert (p.status, p.leave_date) == ("left", date(2026, 4, 30))
    assert all(a.end_date == date(2026, 4, 30) for a in org.list_assignments(db, staff_id=p.id))
    # After the leave date the role has nobody; before it, she still holds it.
    assert org.list_job_roles(db, on=date(2026, 5, 1))[0].holders == ()
    assert org.list_job_roles(db, on=date(2026, 4, 30))[0].holders == ("佐藤 花子",)


def test_who_does_what(db, team):
    info = responsibilities.who_does_what(db, "佐藤 花子", on=TODAY)
    assert {(r["role"], r["kind"]) for r in info["roles"]} == {("KARTE管理責任者", "holder"), ("チームリーダー", "holder")}
    assert {(st["step"], st["code"], st["via"]) for st in info["steps"]} == {
        ("企画・作成", "A", "role"), ("承認", "R", "role"), ("承認", "A", "role")}
    assert {(d["name"], d["as"]) for d in info["duties"]} == {
        ("週次定例", "owner"), ("月次権限棚卸し", "deputy"), ("KARTE設定確認", "role")}
    assert {d["role"]: d["deputies"] for d in info["deputies"]} == {"KARTE管理責任者": ["鈴木 一郎"], "チームリーダー": []}
    assert info["manager"] == "山田 太郎"
    yamada = responsibilities.who_does_what(db, "山田 太郎", on=TODAY)
    assert ("企画・作成", "R", "department") in {(st["step"], st["code"], st["via"]) for st in yamada["steps"]}
    suzuki = responsibilities.who_does_what(db, "鈴木 一郎", on=TODAY)
    assert suzuki["covers_for"] == [{"role": "KARTE管理責任者", "holders": ["佐藤 花子"]}]
    assert ("承認", "R", "deputy") in {(st["step"], st["code"], st["via"]) for st in suzuki["steps"]}


def test_assignment_rules(db, admin, team):
    with pytest.raises(InputError, match="already"):
        org.assign_role(db, admin, "KARTE管理責任者", "佐藤 花子")
    with pytest.raises(InputError, match="has left"):
        org.assign_role(db, admin, "KARTE管理責任者", "田中 健")
    with pytest.raises(NotFound):
        org.assign_role(db, admin, "存在しない役割", "山田 太郎")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Staff)) == 5


def test_leave_starts_offboarding_in_the_same_step(db, admin, team):
    """Recording a leave closes the person's trainings and hands their accounts to the
    permission inventory; a plan made earlier by hand is reused, not duplicated."""
    from ecmanual.persistence.models import Account, OnboardingPlan
    from ecmanual.services import offboarding, training, training_onboarding as onb

    ids = team["ids"]
    with db.write(admin) as s:
        karte = s.scalar(select(SaasSystem).where(SaasSystem.name == "KARTE"))
        s.add(Account(system_id=karte.id, login="hanako@example.jp", native_level="管理者", staff_id=ids["佐藤 花子"],
                      status="active"))
        s.add(Account(system_id=karte.id, login="old@example.jp", native_level="閲覧", staff_id=ids["佐藤 花子"],
                      status="removed"))
    training.create_course(db, admin, "コンプライアンス研修", recurrence="yearly", mandatory=True, audience_all=True)
    onboarding = onb.create_onboarding_plan(db, admin, "佐藤 花子", TODAY)
    assert onboarding.status == "open"
    report = responsibilities.record_leave(db, admin, "佐藤 花子", "2026-04-30")
    plan = report["offboarding"]
    assert plan["kind"] == "offboarding" and plan["start_date"] == date(2026, 4, 30)
    assert [i["title"] for i in plan["items"] if i["kind"] == "account"] == ["アカウント削除: KARTE(hanako@example.jp)"]
    todo = offboarding.accounts_to_remove(db, admin)
    assert [(t["staff"], t["system"], t["level"]) for t in todo] == [("佐藤 花子", "KARTE", "管理者")]
    assert onb.get_plan(db, admin, onboarding.id).status == "closed"
    with pytest.raises(InputError, match="already has an offboarding plan"):
        offboarding.start_offboarding(db, admin, "佐藤 花子", "2026-04-30")

    # Offboarded by hand first (as before leaves did it): the leave keeps that plan.
    earlier = offboarding.start_offboarding(db, admin, "鈴木 一郎", "2026-05-31")
    again = responsibilities.record_leave(db, admin, "鈴木 一郎", "2026-05-31")
    assert again["offboarding"]["id"] == earlier.id
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(OnboardingPlan)
                        .where(OnboardingPlan.kind == "offboarding")) == 2

