"""A scripted quarter on a real database: staff with a leaver, three systems imported, a shared
admin, the review's exact findings, decisions, remediation closed by later imports, four-eyes
sign-off, the lock, the audit trail, and the next quarter compared with this one."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from ecmanual.cli import run
from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.persistence.models import AppUser, AuditEntry, ReviewAccount
from ecmanual.services import inventory_accounts, inventory_import, organisation, responsibilities, review_records
from ecmanual.services import review_remediation as remediation
from ecmanual.services import reviews
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, password_chosen
from tests.data import make_account_fixtures as fx

DATA = Path(__file__).resolve().parent.parent / "data" / "accounts"
DAY = date.fromisoformat(fx.REVIEW_DATE)
EXPECTED = [
    ("ECforce", "ec-admin@example.co.jp", "shared"),
    ("KARTE", "ichiro.suzuki@example.co.jp", "admin_outside_allowed"),
    ("KARTE", "taro.yamada@example.co.jp", "mfa_off"),
    ("Google広告", "ken.tanaka@example.co.jp", "leaver"),
    ("Google広告", "misaki.takahashi@example.co.jp", "dormant"),
]


@pytest.fixture
def quarter(seeded_db, admin):
    """Staff (田中 left on 9/30), three systems imported, the shared admin marked; no review yet."""
    db = seeded_db
    deps = {d.name: d.id for d in organisation.list_departments(db)}
    for name, kana, email, dep, _leave in fx.STAFF:
        organisation.create_staff(db, admin, name, kana=kana, email=email, department_id=deps[dep])
    responsibilities.record_leave(db, admin, "田中 健", "2026-09-30")
    for system, name in (("ECforce", "ecforce_cp932_crlf.csv"), ("KARTE", "karte_utf8_bom.csv"),
                         ("Google広告", "google_ads_en.xlsx")):
        inventory_import.import_accounts(db, admin, system, DATA / name)
    inventory_accounts.mark_account(db, admin, "ec-admin@example.co.jp", shared=True, owner="佐藤 花子")
    return db


def findings(db, actor, period="2026Q4"):
    return [(f["system"], f["login"], f["kind"]) for f in review_records.list_findings(db, actor, period)]


def decide_all(db, actor, period="2026Q4"):
    plan = {"ken.tanaka@example.co.jp": ("revoke", "退職者のため", None),
            "misaki.takahashi@example.co.jp": ("revoke", "5月以降ログインなし", None)}
    for row in review_records.review_rows(db, actor, period):
        decision, reason, level = plan.get(row.login, ("keep", "確認済み" if row.findings else None, None))
        if (row.system, row.login) == ("KARTE", "ichiro.suzuki@example.co.jp"):
            decision, reason, level = "change", "管理者は情報システム部のみ", "編集者"
        reviews.decide(db, actor, period, row.account_id, decision, reason, target_level=level, due=DAY)


def test_the_quarter_yields_exactly_the_expected_findings(quarter, admin):
    r = reviews.start_review(quarter, admin, "2026Q4", DAY)
    assert (r.accounts, r.decided, r.findings, r.status) == (9, 0, 5, "open")
    assert findings(quarter, admin) == EXPECTED
    details = {f["kind"]: f["detail"] for f in review_records.list_findings(quarter, admin, "2026Q4")}
    assert details["leaver"] == "田中 健 は 2026-09-30 に退職"
    assert "153日前" in details["dormant"] and "マーケティング部" in details["admin_outside_allowed"]


def test_without_the_mark_the_shared_admin_is_unlinked(seeded_db, admin, quarter):
    inventory_accounts.mark_account(quarter, admin, "ec-admin@example.co.jp", shared=False)
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    assert ("ECforce", "ec-admin@example.co.jp", "unlinked") in findings(quarter, admin)
    # Marking it during the open review refreshes its person facts and findings.
    inventory_accounts.mark_account(quarter, admin, "ec-admin@example.co.jp", shared=True, owner="佐藤 花子")
    assert findings(quarter, admin) == EXPECTED


def test_the_snapshot_is_frozen_against_later_imports(quarter, admin):
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    before = {r.login: (r.native_level, r.status) for r in review_records.review_rows(quarter, admin, "2026Q4",
                                                                                        "Google広告")}
    inventory_import.import_accounts(quarter, admin, "Google広告", DATA / "google_ads_after_en.xlsx")
    after = {r.login: (r.native_level, r.status) for r in review_records.review_rows(quarter, admin, "2026Q4",
                                                                                       "Google広告")}
    assert after == before and findings(quarter, admin) == EXPECTED


def test_decisions_remediation_sign_off_and_lock(quarter, admin, approver, editor):
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    with pytest.raises(InputError, match="keeping an account with findings needs a reason"):
        reviews.decide(quarter, admin, "2026Q4", "ken.tanaka@example.co.jp", "keep")
    with pytest.raises(InputError, match="a revoke decision needs a reason"):
        reviews.decide(quarter, admin, "2026Q4", "ken.tanaka@example.co.jp", "revoke")
    with pytest.raises(InputError, match="several systems"):
        reviews.decide(quarter, admin, "2026Q4", "taro.yamada@example.co.jp", "keep")
    with pytest.raises(InputError, match="unknown level"):
        reviews.decide(quarter, admin, "2026Q4", "ichiro.suzuki@example.co.jp", "change", "x", target_level="神")
    with pytest.raises(InputError, match="1 account|9 account"):
        reviews.submit(quarter, admin, "2026Q4")
    decide_all(quarter, admin)
    tasks = remediation.list_remediation(quarter, admin, "2026Q4", today=DAY)
    assert sorted((t.login, t.action, t.target_level, t.status, t.due_date) for t in tasks) == [
        ("ichiro.suzuki@example.co.jp", "change", "編集者", "open", date(2026, 10, 15)),
        ("ken.tanaka@example.co.jp", "revoke", None, "open", date(2026, 10, 15)),
        ("misaki.takahashi@example.co.jp", "revoke", None, "open", date(2026, 10, 15))]
    assert reviews.get_review(quarter, admin, "2026Q4").open_remediation == 3

    # The next exports show the changes: the tasks close by import, the evidence cites the file.
    s = inventory_import.import_accounts(quarter, admin, "KARTE", DATA / "karte_after_utf8_bom.csv")
    assert s["remediation_closed"] == 1
    s = inventory_import.import_accounts(quarter, admin, "Google広告", DATA / "google_ads_after_en.xlsx")
    assert s["remediation_closed"] == 2
    closed = remediation.list_remediation(quarter, admin, "2026Q4")
    assert {(t.status, t.closed_by) for t in closed} == {("closed", "import")}
    assert any("google_ads_after_en.xlsx" in t.note and "sha256" in t.note for t in closed)

    # Four eyes: the reviewer signs; the same person cannot approve; nor can someone who decided.
    r = reviews.sign(quarter, admin, "2026Q4", "reviewer")
    assert (r.status, r.reviewer) == ("submitted", "管理 太郎")
    with pytest.raises(InputError, match="four eyes"):
        reviews.sign(quarter, admin, "2026Q4", "approver")
    with pytest.raises(PermissionDenied):
        reviews.sign(quarter, editor, "2026Q4", "approver")
    with pytest.raises(InputError, match="submitted for approval"):
        reviews.decide(quarter, admin, "2026Q4", "ken.tanaka@example.co.jp", "keep", "x")
    r = reviews.sign(quarter, approver, "2026Q4", "approver", note="確認しました")
    assert (r.status, r.approver, r.open_remediation) == ("approved", "承認 次郎", 0)
    with pytest.raises(InputError, match="approved and locked"):
        reviews.decide(quarter, admin, "2026Q4", "ken.tanaka@example.co.jp", "keep", "x")
    with pytest.raises(InputError, match="approved and locked"):
        reviews.refresh_findings(quarter, admin, "2026Q4")

    with quarter.read() as s:
        actions = [(e.action, e.entity) for e in s.scalars(select(AuditEntry).where(
            AuditEntry.entity.in_(["review", "review_account", "remediation_task"])).order_by(AuditEntry.seq))]
    assert actions[0] == ("create", "review") and actions[-2:] == [("submit", "review"), ("approve", "review")]
    assert actions.count(("review", "review_account")) == 9
    assert actions.count(("create", "remediation_task")) == 3 and actions.count(("update", "remediation_task")) == 3


def test_an_approver_who_decided_accounts_is_refused(quarter, admin, approver):
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    decide_all(quarter, approver)
    reviews.submit(quarter, admin, "2026Q4")
    with pytest.raises(InputError, match="decided 9 account"):
        reviews.approve(quarter, approver, "2026Q4")


def test_the_approver_can_send_the_review_back(quarter, admin, approver):
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    decide_all(quarter, admin)
    reviews.submit(quarter, admin, "2026Q4")
    with pytest.raises(InputError, match="say why"):
        reviews.send_back(quarter, approver, "2026Q4", " ")
    r = reviews.send_back(quarter, approver, "2026Q4", "高橋さんの判断を再確認してください")
    assert (r.status, r.reviewer, r.submitted_at) == ("open", None, None)
    reviews.decide(quarter, admin, "2026Q4", "misaki.takahashi@example.co.jp", "keep", "育休中、復帰予定")
    assert reviews.submit(quarter, admin, "2026Q4").status == "submitted"
    assert reviews.approve(quarter, approver, "2026Q4").status == "approved"


def test_own_account_needs_a_reason_and_reviewer_assignment_is_enforced(quarter, admin, editor):
    with quarter.write(admin) as s:  # the editor is 山田 太郎 on the staff list
        s.execute(update(AppUser).where(AppUser.username == "editor")
                  .values(staff_id=organisation.find_staff(s, "山田 太郎").id))
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    ecforce_taro = next(r for r in review_records.review_rows(quarter, editor, "2026Q4", "ECforce")
                        if r.login == "taro.yamada@example.co.jp")
    with pytest.raises(InputError, match="your own account"):
        reviews.decide(quarter, editor, "2026Q4", ecforce_taro.account_id, "keep")
    result = reviews.decide(quarter, editor, "2026Q4", ecforce_taro.account_id, "keep", "業務で使用中")
    assert result["own_account"] is True
    reviews.assign_reviewer(quarter, admin, "2026Q4", "ECforce", "admin")
    with pytest.raises(PermissionDenied, match="admin reviews ECforce"):
        reviews.decide(quarter, editor, "2026Q4", ecforce_taro.account_id, "keep", "x")
    reviews.decide(quarter, admin, "2026Q4", ecforce_taro.account_id, "revoke", "不要")  # admin may
    assert reviews.get_review(quarter, admin, "2026Q4").systems[0]["reviewer"] == "管理 太郎"


def test_changing_a_decision_moves_its_remediation_and_manual_verification(quarter, admin):
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    reviews.decide(quarter, admin, "2026Q4", "misaki.takahashi@example.co.jp", "revoke", "未使用")
    reviews.decide(quarter, admin, "2026Q4", "misaki.takahashi@example.co.jp", "keep", "復職予定のため")
    assert remediation.list_remediation(quarter, admin, "2026Q4") == []
    reviews.decide(quarter, admin, "2026Q4", "ec-admin@example.co.jp", "change", "閲覧で足りる", target_level="閲覧者")
    with pytest.raises(InputError, match="needs a note"):
        remediation.verify(quarter, admin, "2026Q4", "ec-admin@example.co.jp")
    closed = remediation.verify(quarter, admin, "2026Q4", "ec-admin@example.co.jp", note="画面で閲覧者を確認(10/3)")
    task = remediation.list_remediation(quarter, admin, "2026Q4")[0]
    assert closed == [task.id] and (task.closed_by, task.closed_by_user, task.note) == ("manual", "管理 太郎",
                                                                                          "画面で閲覧者を確認(10/3)")
    assert remediation.verify(quarter, admin, "2026Q4") == []  # nothing else is open


def test_the_next_quarter_finds_new_and_raised_and_compares(quarter, admin, approver):
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    decide_all(quarter, admin)
    reviews.submit(quarter, admin, "2026Q4")
    reviews.approve(quarter, approver, "2026Q4")
    inventory_import.import_accounts(quarter, admin, "KARTE", DATA / "karte_after_utf8_bom.csv")
    inventory_import.import_accounts(quarter, admin, "Google広告", DATA / "google_ads_after_en.xlsx")
    reviews.start_review(quarter, admin, "2027Q1", date.fromisoformat(fx.NEXT_REVIEW_DATE))
    assert findings(quarter, admin, "2027Q1") == [
        ("ECforce", "ec-admin@example.co.jp", "shared"),
        ("KARTE", "taro.yamada@example.co.jp", "mfa_off"),
        ("Google広告", "hanako.sato@example.co.jp", "new_since_last"),
        ("Google広告", "taro.yamada@example.co.jp", "admin_outside_allowed"),
        ("Google広告", "taro.yamada@example.co.jp", "privilege_raised"),
    ]
    result = review_records.compare(quarter, admin, "2027Q1")
    assert result["previous"] == "2026Q4" and result["totals"] == {"added": 1, "removed": 2, "level_changes": 2}
    google = next(x for x in result["systems"] if x["system"] == "Google広告")
    assert [a["login"] for a in google["removed"]] == ["ken.tanaka@example.co.jp", "misaki.takahashi@example.co.jp"]
    assert google["level_changes"][0]["direction"] == "raised"
    assert [r.period for r in reviews.list_reviews(quarter, admin)] == ["2027Q1", "2026Q4"]


def test_periods_are_checked_and_unique(quarter, admin):
    with pytest.raises(InputError, match="not a period"):
        reviews.start_review(quarter, admin, "Q4-2026")
    reviews.start_review(quarter, admin, "2026q4", DAY)
    with pytest.raises(InputError, match="already exists"):
        reviews.start_review(quarter, admin, "2026Q4", DAY)
    with quarter.read() as s:
        assert s.scalar(select(func.count()).select_from(ReviewAccount)) == 9


def _cli(monkeypatch, db_path, *args, user="admin", password=ADMIN_PASSWORD):
    monkeypatch.setenv("ECMANUAL_USER", user)
    monkeypatch.setenv("ECMANUAL_PASSWORD", password)
    return run(["--db", str(db_path), *args])


def test_the_quarter_from_the_command_line(quarter, approver, viewer, db_path, monkeypatch, capsys):
    password_chosen(quarter, "approver", "viewer")
    assert _cli(monkeypatch, db_path, "review", "start", "--period", "2026Q4", "--date", fx.REVIEW_DATE) == 0
    capsys.readouterr()
    assert _cli(monkeypatch, db_path, "review", "findings", "--period", "2026Q4", "--json") == 0
    found = json.loads(capsys.readouterr().out)
    assert [(f["system"], f["login"], f["kind"]) for f in found] == EXPECTED
    assert set(found[0]) >= {"account", "system", "kind", "detail"} and isinstance(found[0]["account"], int)
    leaver = next(f["account"] for f in found if f["kind"] == "leaver")
    assert _cli(monkeypatch, db_path, "review", "decide", "--period", "2026Q4", "--account", str(leaver),
                "--decision", "keep") == 2
    assert "needs a reason" in capsys.readouterr().err
    assert _cli(monkeypatch, db_path, "review", "decide", "--period", "2026Q4", "--account", str(leaver),
                "--decision", "revoke", "--reason", "退職者") == 0
    assert "remediation due" in capsys.readouterr().out
    for row in review_records.review_rows(quarter, approver, "2026Q4"):
        if row.account_id != leaver:
            args = ["--reason", "確認済み"] if row.findings else []
            assert _cli(monkeypatch, db_path, "review", "decide", "--period", "2026Q4", "--account",
                        str(row.account_id), "--decision", "keep", *args) == 0
    capsys.readouterr()
    assert _cli(monkeypatch, db_path, "review", "remediation", "--period", "2026Q4", "--json") == 0
    assert [t["login"] for t in json.loads(capsys.readouterr().out)] == ["ken.tanaka@example.co.jp"]
    assert _cli(monkeypatch, db_path, "review", "sign", "--period", "2026Q4", "--as", "reviewer") == 0
    assert _cli(monkeypatch, db_path, "review", "sign", "--period", "2026Q4", "--as", "approver") == 2
    assert "different person" in capsys.readouterr().err
    assert _cli(monkeypatch, db_path, "review", "sign", "--period", "2026Q4", "--as", "approver",
                user="approver", password=USER_PASSWORD) == 0
    assert "approved" in capsys.readouterr().out
    assert _cli(monkeypatch, db_path, "review", "verify-remediation", "--period", "2026Q4", "--account",
                str(leaver), "--note", "管理画面で削除を確認") == 0
    assert "1 remediation task(s) closed" in capsys.readouterr().out
    assert _cli(monkeypatch, db_path, "review", "compare", "--period", "2026Q4") == 0
    assert "first review" in capsys.readouterr().out
    assert _cli(monkeypatch, db_path, "review", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert (listed[0]["status"], listed[0]["progress"]) == ("approved", 1.0)
    assert _cli(monkeypatch, db_path, "review", "decide", "--period", "2026Q4", "--account", str(leaver),
                "--decision", "keep", "--reason", "x", user="viewer", password=USER_PASSWORD) == 3


def test_viewers_read_but_do_not_decide(quarter, admin, viewer):
    viewer_too = viewer
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    assert len(review_records.list_findings(quarter, viewer_too, "2026Q4")) == 5
    with pytest.raises(PermissionDenied):
        reviews.decide(quarter, viewer_too, "2026Q4", "ken.tanaka@example.co.jp", "revoke", "x")
    with pytest.raises(PermissionDenied):
        reviews.start_review(quarter, viewer_too, "2027Q1")


def test_a_system_policy_replaces_the_global_one_on_recompute(quarter, admin):
    from ecmanual.services import inventory

    reviews.start_review(quarter, admin, "2026Q4", DAY)
    inventory.add_policy(quarter, admin, "管理者", department="マーケティング部", system="KARTE")
    assert reviews.refresh_findings(quarter, admin, "2026Q4") == 5
    karte = [(login, kind) for system, login, kind in findings(quarter, admin) if system == "KARTE"]
    assert karte == [("hanako.sato@example.co.jp", "admin_outside_allowed"), ("taro.yamada@example.co.jp", "mfa_off")]
    with pytest.raises(InputError, match="already exists"):
        inventory.add_policy(quarter, admin, "管理者", department="マーケティング部", system="KARTE")


def test_a_recompute_writes_only_what_changed_and_repairs_missing_rows(quarter, admin):
    from sqlalchemy import delete

    from ecmanual.persistence.models import Finding, ReviewSystem

    reviews.start_review(quarter, admin, "2026Q4", DAY)

    def stored():
        with quarter.read() as s:
            return sorted(tuple(r) for r in s.execute(
                select(Finding.id, Finding.review_account_id, Finding.kind, Finding.detail)))

    def digests():  # of the three systems with accounts (the review's others have none)
        with quarter.read() as s:
            return dict(s.execute(select(ReviewSystem.system_id, ReviewSystem.findings_digest).where(
                ReviewSystem.system_id.in_(select(ReviewAccount.system_id)))).all())

    before, known = stored(), digests()
    assert len(before) == 5 and None not in known.values() and len(known) == 3
    assert reviews.refresh_findings(quarter, admin, "2026Q4") == 5
    assert stored() == before and digests() == known  # same rows, same ids: nothing rewritten
    # A row removed behind the service's back: the count differs, every system is compared again.
    with quarter.engine.begin() as c:
        c.execute(delete(Finding).where(Finding.id == before[0][0]))
    assert reviews.refresh_findings(quarter, admin, "2026Q4") == 5
    assert sorted(r[1:] for r in stored()) == sorted(r[1:] for r in before) and digests() == known
    # Unmarking the shared account refreshes its findings and clears its system's digest;
    # the next recompute compares that system's rows and sets the digest again.
    inventory_accounts.mark_account(quarter, admin, "ec-admin@example.co.jp", shared=False)
    assert ("ECforce", "ec-admin@example.co.jp", "unlinked") in findings(quarter, admin)
    cleared = digests()
    assert [sid for sid, d in cleared.items() if d is None] == [sid for sid, d in cleared.items() if d != known[sid]]
    assert list(cleared.values()).count(None) == 1
    after_mark = stored()
    assert reviews.refresh_findings(quarter, admin, "2026Q4") == 5
    assert stored() == after_mark and None not in digests().values()
