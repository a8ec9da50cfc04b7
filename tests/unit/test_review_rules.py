"""The permission review rules on plain data: each finding kind, level policies, decisions,
remediation and the comparison of two snapshots."""

from __future__ import annotations

from datetime import date

import pytest

from ecmanual.domain import review_rules as rr
from ecmanual.domain.review_rules import AccountSnapshot, LevelPolicyRule, SystemRules, compute_findings

TODAY = date(2026, 10, 1)
ADMIN, APPROVE, AUTHOR, VIEW = 4, 3, 2, 1
IT, MARKETING, SALES = 10, 20, 30
HEAD = 7  # the job role 部門長
POLICIES = [
    LevelPolicyRule("管理者", ADMIN, department_id=IT),
    LevelPolicyRule("承認", APPROVE, role_id=HEAD),
    LevelPolicyRule("配信作成", AUTHOR, department_id=MARKETING),
    LevelPolicyRule("閲覧", VIEW, anyone=True),
]
SYSTEMS = {1: SystemRules(1, mfa_required=True, dormant_days=90), 2: SystemRules(2, mfa_required=False, dormant_days=30)}
LEVELS = {ADMIN: "管理者", APPROVE: "承認", AUTHOR: "配信作成", VIEW: "閲覧"}


def acct(aid: int = 1, system_id: int = 1, rank: int | None = AUTHOR, dept: int | None = MARKETING, **kw):
    base = dict(account_id=aid, system_id=system_id, system=f"S{system_id}", login=f"user{aid}@example.jp",
                native_level=kw.pop("native", "native"), level=LEVELS.get(rank), rank=rank, mfa=True,
                last_login="2026-09-30T10:00:00+09:00", staff_id=100 + aid, person_id=100 + aid, person=f"人{aid}",
                person_status="active", department_id=dept, department="部署")
    base.update(kw)
    return AccountSnapshot(**base)


def kinds(accounts, **kw) -> list[tuple[int, str]]:
    kw.setdefault("policies", POLICIES)
    return [(f.account_id, f.kind) for f in compute_findings(accounts, SYSTEMS, today=TODAY, **kw)]


def test_a_clean_account_has_no_findings():
    assert kinds([acct()]) == []


def test_leaver_by_status_or_by_a_leave_date_on_or_before_the_review_date():
    assert kinds([acct(person_status="left", leave_date="2026-09-30")]) == [(1, "leaver")]
    assert kinds([acct(leave_date="2026-10-01")]) == [(1, "leaver")]
    assert kinds([acct(leave_date="2026-10-02")]) == []  # still on the team on review day
    owned = acct(staff_id=None, is_shared=True, owner_staff_id=5, person_id=5, person_status="left")
    found = compute_findings([owned], SYSTEMS, POLICIES, TODAY)
    assert [(f.kind, "(所有者)" in f.detail) for f in found] == [("leaver", True), ("shared", False)]


def test_unlinked_and_shared_and_service_accounts():
    nobody = acct(staff_id=None, person_id=None, department_id=None)
    assert kinds([nobody]) == [(1, "unlinked")]
    shared_without_owner = acct(staff_id=None, person_id=None, is_shared=True)
    assert kinds([shared_without_owner]) == [(1, "unlinked"), (1, "shared")]
    service_with_owner = acct(staff_id=None, is_service=True, owner_staff_id=5, person_id=5)
    assert kinds([service_with_owner]) == []


def test_dormant_uses_each_systems_days_and_first_seen_when_never_signed_in():
    old = "2026-06-01T09:00:00+09:00"  # 122 days before the review
    assert kinds([acct(last_login=old)]) == [(1, "dormant")]
    assert kinds([acct(last_login="2026-07-03T09:00:00+09:00")]) == []  # 90 days: not more than 90
    assert kinds([acct(system_id=2, last_login="2026-08-30T09:00:00+09:00")]) == [(1, "dormant")]  # 32 > 30
    never = acct(last_login=None, first_seen="2026-05-01")
    assert kinds([never]) == [(1, "dormant")]
    assert "ログイン記録なし" in compute_findings([never], SYSTEMS, POLICIES, TODAY)[0].detail
    no_column = {1: SystemRules(1, tracks_last_login=False)}
    assert compute_findings([never], no_column, POLICIES, TODAY) == []
    assert kinds([acct(last_login=None, first_seen="2026-09-01")]) == []


def test_mfa_off_only_where_required_and_unknown_is_not_off():
    assert kinds([acct(mfa=False)]) == [(1, "mfa_off")]
    assert kinds([acct(mfa=None)]) == []
    assert kinds([acct(system_id=2, mfa=False)]) == []


def test_admin_outside_allowed_and_level_not_allowed():
    assert kinds([acct(rank=ADMIN, dept=MARKETING)]) == [(1, "admin_outside_allowed")]
    assert kinds([acct(rank=ADMIN, dept=IT)]) == []
    assert kinds([acct(rank=AUTHOR, dept=SALES)]) == [(1, "level_not_allowed")]
    assert kinds([acct(rank=VIEW, dept=SALES)]) == []  # 閲覧 is anyone's
    assert kinds([acct(rank=APPROVE, dept=SALES, role_ids=[HEAD])]) == []  # by job role
    assert kinds([acct(rank=APPROVE, dept=SALES)]) == [(1, "level_not_allowed")]


def test_who_may_hold_a_higher_level_may_hold_a_lower_one():
    assert kinds([acct(rank=AUTHOR, dept=IT)]) == []  # IT may be admin, so also author
    assert kinds([acct(rank=VIEW, dept=None, staff_id=None, person_id=None)]) == [(1, "unlinked")]


def test_a_systems_own_policy_replaces_the_global_one_for_that_level():
    local = POLICIES + [LevelPolicyRule("管理者", ADMIN, system_id=2, department_id=MARKETING)]
    assert kinds([acct(system_id=2, rank=ADMIN, dept=MARKETING)], policies=local) == []
    assert kinds([acct(system_id=2, rank=ADMIN, dept=IT)], policies=local) == [(1, "admin_outside_allowed")]
    assert kinds([acct(system_id=1, rank=ADMIN, dept=MARKETING)], policies=local) == [(1, "admin_outside_allowed")]


def test_without_any_policy_nothing_is_restricted():
    assert kinds([acct(rank=ADMIN, dept=SALES)], policies=[]) == []


def test_suspended_accounts_get_no_activity_or_policy_findings():
    suspended = acct(status="suspended", mfa=False, last_login="2025-01-01T00:00:00+09:00", rank=ADMIN,
                     person_status="left")
    assert kinds([suspended]) == []


def test_unmapped_level_new_since_last_and_privilege_raised():
    unmapped = acct(rank=None, native="スーパー管理者")
    assert kinds([unmapped]) == [(1, "level_unmapped")]
    previous = {1: VIEW, 2: AUTHOR}
    found = kinds([acct(1, rank=AUTHOR), acct(2, rank=AUTHOR), acct(3, rank=AUTHOR), acct(4, system_id=2)],
                  previous=previous, previous_systems=[1])
    assert found == [(1, "privilege_raised"), (3, "new_since_last")]  # system 2 was not in the last review


def test_top_rank_is_explicit_or_the_highest_policy_rank():
    found = compute_findings([acct(rank=APPROVE, dept=SALES)], SYSTEMS, POLICIES, TODAY, top_rank=APPROVE)
    assert [f.kind for f in found] == ["admin_outside_allowed"]


def test_findings_follow_account_then_kind_order():
    a = acct(1, staff_id=None, person_id=None, is_shared=True, mfa=False, last_login="2026-01-01T00:00:00+09:00")
    assert [k for _, k in kinds([a])] == ["unlinked", "shared", "dormant", "mfa_off"]


def test_many_accounts_are_all_computed():
    """100,000 accounts in one call (the speed is bench/run.py's measure 3, not a timed test)."""
    accounts = [acct(i, rank=(ADMIN if i % 7 == 0 else AUTHOR), dept=(SALES if i % 5 == 0 else MARKETING),
                     mfa=i % 3 != 0) for i in range(100_000)]
    found = compute_findings(accounts, SYSTEMS, POLICIES, TODAY, previous={}, previous_systems=[])
    assert len(found) == sum(1 for i in range(100_000) if i % 3 == 0) + sum(
        1 for i in range(100_000) if i % 7 == 0 or i % 5 == 0)


@pytest.mark.parametrize("decision, reason, findings, own, problem", [
    ("keep", None, False, False, None),
    ("keep", None, True, False, "keeping an account with findings needs a reason"),
    ("keep", "業務上必要", True, False, None),
    ("change", None, False, False, "a change decision needs a reason"),
    ("revoke", "  ", False, False, "a revoke decision needs a reason"),
    ("revoke", "退職", False, False, None),
    ("keep", None, False, True, "this is your own account: give a reason for the decision"),
    ("delete", "x", False, False, "the decision must be one of keep, change, revoke"),
])
def test_decision_rules(decision, reason, findings, own, problem):
    assert rr.decision_problem(decision, reason, has_findings=findings, own_account=own) == problem


def test_target_level_only_with_change_and_known_levels():
    assert rr.decision_problem("keep", "x", has_findings=False, own_account=False, target_level="閲覧者") \
        == "a target level is only given with a change decision"
    assert "unknown level" in rr.decision_problem("change", "x", has_findings=False, own_account=False,
                                                  target_level="神", levels=["管理者", "閲覧者"])
    assert rr.decision_problem("change", "x", has_findings=False, own_account=False, target_level="閲覧者",
                               levels=["管理者", "閲覧者"]) is None


@pytest.mark.parametrize("action, target, before, status, now, done", [
    ("revoke", None, "管理者", "removed", "管理者", True),
    ("revoke", None, "管理者", "suspended", "管理者", True),
    ("revoke", None, "管理者", "active", "閲覧者", False),
    ("change", "編集者", "管理者", "active", "編集者", True),
    ("change", "編集者", "管理者", "active", "閲覧者", False),
    ("change", None, "管理者", "active", "閲覧者", True),
    ("change", None, "管理者", "active", "管理者", False),
    ("change", "編集者", "管理者", "removed", None, True),
])
def test_remediation_done(action, target, before, status, now, done):
    assert rr.remediation_done(action, target, before, status, now) is done


def test_compare_snapshots_per_system():
    prev = [acct(1, native="管理者", rank=ADMIN), acct(2, native="編集者"), acct(3, system_id=2)]
    cur = [acct(1, native="編集者", rank=AUTHOR), acct(2, native="編集者"), acct(4, system_id=2, native="閲覧者")]
    result = {c.system: c for c in rr.compare_snapshots(prev, cur)}
    assert [a["account"] for a in result["S2"].added] == [4] and [a["account"] for a in result["S2"].removed] == [3]
    change = result["S1"].level_changes[0]
    assert (change["account"], change["before"], change["after"], change["direction"]) == (1, "管理者", "編集者",
                                                                                          "lowered")
    assert result["S1"].added == result["S1"].removed == []


def test_snapshot_round_trips_through_a_dict():
    a = acct(role_ids=[1, 2], is_shared=True)
    assert AccountSnapshot.from_dict({**a.as_dict(), "unknown_key": 1}) == a


def test_compact_snapshot_leaves_out_none_only():
    a = acct(mfa=False, rank=None, role_ids=[], is_shared=False, status="suspended")
    compact = a.as_dict(compact=True)
    assert compact["mfa"] is False and compact["status"] == "suspended" and compact["is_shared"] is False
    assert "rank" not in compact and "level" not in compact and compact["role_ids"] == []
    assert AccountSnapshot.from_dict(compact) == a and a.as_dict()["rank"] is None
