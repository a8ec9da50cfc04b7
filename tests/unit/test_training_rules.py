"""The due-date and status rules of trainings and certifications (pure Python, fixed dates)."""

from __future__ import annotations

from datetime import date

import pytest

from ecmanual.domain import training_rules as tr
from ecmanual.domain.training_rules import Rule, evaluate, evaluate_certification

D = date
KARTE = Rule("on_update", on_hire_days=7, content_updated_on=D(2026, 9, 1))
PRIVACY = Rule("fixed_months", fixed_months=(4, 10), on_hire_days=30, validity_months=6)
YEARLY = Rule("yearly", on_hire_days=30, validity_months=12)
MONTHLY = Rule("every_n_months", interval_months=1, validity_months=1)


def test_parse_fixed_months():
    assert tr.parse_fixed_months("4,10") == (4, 10)
    assert tr.parse_fixed_months("10、4") == (4, 10)
    assert tr.parse_fixed_months("") == ()
    with pytest.raises(ValueError):
        tr.parse_fixed_months("0,13")


def test_rule_validation():
    with pytest.raises(ValueError):
        Rule("sometimes")
    with pytest.raises(ValueError):
        Rule("every_n_months")
    with pytest.raises(ValueError):
        Rule("fixed_months")


def test_cycles_of_fixed_months():
    assert tr.cycle_start((4, 10), D(2026, 11, 5)) == D(2026, 10, 1)
    assert tr.cycle_start((4, 10), D(2026, 2, 1)) == D(2025, 10, 1)
    assert tr.cycle_start((4, 10), D(2026, 4, 1)) == D(2026, 4, 1)
    assert tr.next_cycle_start((4, 10), D(2026, 10, 1)) == D(2027, 4, 1)
    assert tr.cycle_due(D(2026, 4, 1)) == D(2026, 4, 30)
    assert tr.cycle_due(D(2026, 2, 1)) == D(2026, 2, 28)


def test_month_arithmetic_clips_to_month_end():
    assert tr.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert tr.add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)


# --- on hire / on update (KARTE操作研修: 新任時・更新時) -----------------------------------

def test_on_hire_due_within_days_of_hire():
    hired = D(2026, 10, 1)
    s = evaluate(KARTE, [], D(2026, 10, 3), hire_date=hired)
    assert (s.status, s.due_on, s.reason) == ("due_soon", D(2026, 10, 8), "hire")
    assert evaluate(KARTE, [], D(2026, 10, 9), hire_date=hired).status == "overdue"
    done = evaluate(KARTE, [D(2026, 10, 6)], D(2026, 12, 1), hire_date=hired)
    assert (done.status, done.due_on, done.last_completed) == ("valid", None, D(2026, 10, 6))


def test_content_update_makes_older_completions_stale():
    hired = D(2025, 4, 1)
    # Completed before the 2026-09-01 update: due again 7 days after it.
    s = evaluate(KARTE, [D(2025, 4, 5)], D(2026, 9, 3), hire_date=hired)
    assert (s.status, s.due_on, s.reason) == ("due_soon", D(2026, 9, 8), "update")
    assert evaluate(KARTE, [D(2025, 4, 5)], D(2026, 9, 9), hire_date=hired).status == "overdue"
    # Re-completion after the update covers it.
    again = evaluate(KARTE, [D(2025, 4, 5), D(2026, 9, 4)], D(2026, 9, 9), hire_date=hired)
    assert (again.status, again.last_completed) == ("valid", D(2026, 9, 4))


def test_people_hired_after_an_update_only_have_the_hire_obligation():
    s = evaluate(KARTE, [D(2026, 9, 20)], D(2026, 10, 1), hire_date=D(2026, 9, 15))
    assert s.status == "valid"
    s = evaluate(KARTE, [], D(2026, 9, 16), hire_date=D(2026, 9, 15))
    assert (s.due_on, s.reason) == (D(2026, 9, 22), "hire")


def test_never_done_without_hire_date_is_overdue():
    s = evaluate(KARTE, [], D(2026, 10, 1))
    assert (s.status, s.due_on) == ("overdue", D(2026, 9, 8))  # the update obligation has a date
    s = evaluate(Rule("on_hire", on_hire_days=7), [], D(2026, 10, 1))
    assert (s.status, s.due_on, s.reason) == ("overdue", None, "hire")


# --- twice a year (個人情報保護研修: 4月・10月) ----------------------------------------------

def test_twice_a_year_valid_then_due_soon_then_expired():
    hired = D(2020, 4, 1)
    done = [D(2026, 4, 10)]
    s = evaluate(PRIVACY, done, D(2026, 9, 20), hire_date=hired)
    assert (s.status, s.due_on, s.reason, s.valid_until) == ("valid", D(2026, 10, 31), "next_cycle", D(2026, 10, 10))
    s = evaluate(PRIVACY, done, D(2026, 10, 5), hire_date=hired)
    assert (s.status, s.due_on, s.reason) == ("due_soon", D(2026, 10, 31), "cycle")
    s = evaluate(PRIVACY, done, D(2026, 11, 5), hire_date=hired)
    assert s.status == "expired"  # late, and the April completion ran out on 10-10
    s = evaluate(PRIVACY, [D(2026, 4, 10), D(2026, 10, 20)], D(2026, 11, 5), hire_date=hired)
    assert (s.status, s.due_on) == ("valid", D(2027, 4, 30))


def test_twice_a_year_new_hire_gets_personal_deadline():
    s = evaluate(PRIVACY, [], D(2026, 11, 20), hire_date=D(2026, 11, 15))
    assert (s.status, s.due_on, s.reason) == ("due_soon", D(2026, 12, 15), "hire")
    s = evaluate(PRIVACY, [D(2026, 11, 25)], D(2026, 12, 1), hire_date=D(2026, 11, 15))
    assert (s.status, s.due_on) == ("valid", D(2027, 4, 30))
    # Hired just before a cycle: the earlier of the two deadlines counts.
    s = evaluate(PRIVACY, [], D(2026, 10, 2), hire_date=D(2026, 9, 25))
    assert s.due_on == D(2026, 10, 25)


def test_twice_a_year_never_done_is_overdue_not_expired():
    s = evaluate(PRIVACY, [], D(2026, 11, 5), hire_date=D(2024, 1, 1))
    assert s.status == "overdue"


# --- intervals ------------------------------------------------------------------------------

def test_yearly_renewal_due_soon_and_expired():
    s = evaluate(YEARLY, [D(2025, 11, 1)], D(2026, 10, 15), hire_date=D(2020, 1, 1))
    assert (s.status, s.due_on, s.reason) == ("due_soon", D(2026, 11, 1), "interval")
    s = evaluate(YEARLY, [D(2025, 11, 1)], D(2026, 11, 2), hire_date=D(2020, 1, 1))
    assert s.status == "expired"
    s = evaluate(YEARLY, [D(2025, 11, 1)], D(2026, 6, 1), hire_date=D(2020, 1, 1))
    assert s.status == "valid"


def test_interval_without_validity_is_overdue_when_late():
    rule = Rule("every_n_months", interval_months=3)
    s = evaluate(rule, [D(2026, 1, 10)], D(2026, 5, 1))
    assert (s.status, s.due_on) == ("overdue", D(2026, 4, 10))


def test_short_validity_brings_the_renewal_forward():
    rule = Rule("every_n_months", interval_months=12, validity_months=6)
    assert evaluate(rule, [D(2026, 1, 10)], D(2026, 2, 1)).due_on == D(2026, 7, 10)


def test_future_completions_are_ignored():
    s = evaluate(MONTHLY, [D(2026, 12, 1)], D(2026, 10, 1), hire_date=D(2026, 9, 1))
    assert s.last_completed is None


def test_window_is_inclusive_and_configurable():
    done = [D(2025, 11, 1)]
    assert evaluate(YEARLY, done, D(2026, 10, 2), hire_date=D(2020, 1, 1)).status == "due_soon"  # 30 days
    assert evaluate(YEARLY, done, D(2026, 10, 1), hire_date=D(2020, 1, 1)).status == "valid"     # 31 days
    assert evaluate(YEARLY, done, D(2026, 10, 1), hire_date=D(2020, 1, 1), window_days=60).status == "due_soon"


def test_continuous_and_not_applicable():
    rule = Rule("continuous")
    assert evaluate(rule, [], D(2026, 10, 1)).status == "pending"
    assert evaluate(rule, [D(2026, 1, 1)], D(2026, 10, 1)).status == "valid"
    s = evaluate(YEARLY, [D(2025, 1, 1)], D(2026, 10, 1), applicable=False)
    assert (s.status, s.last_completed) == ("not_applicable", D(2025, 1, 1))


def test_pending_when_a_first_deadline_is_beyond_the_window():
    s = evaluate(Rule("on_hire", on_hire_days=90), [], D(2026, 10, 2), hire_date=D(2026, 10, 1))
    assert (s.status, s.due_on) == ("pending", D(2026, 12, 30))


# --- certifications -------------------------------------------------------------------------

def test_certification_states():
    today = D(2026, 10, 1)
    assert evaluate_certification(D(2026, 1, 1), D(2027, 1, 1), today).status == "valid"
    assert evaluate_certification(D(2025, 10, 15), D(2026, 10, 15), today).status == "due_soon"
    assert evaluate_certification(D(2025, 9, 1), D(2026, 9, 1), today).status == "expired"
    assert evaluate_certification(D(2025, 9, 1), None, today).status == "valid"
    missing = evaluate_certification(None, None, today, required_since=D(2026, 9, 20))
    assert (missing.status, missing.due_on) == ("due_soon", D(2026, 10, 20))
    assert evaluate_certification(None, None, today, required_since=D(2026, 8, 1)).status == "overdue"
    assert evaluate_certification(None, None, today).status == "overdue"
    assert evaluate_certification(None, None, today, applicable=False).status == "not_applicable"
    assert tr.certification_expiry(D(2026, 2, 28), 12) == D(2027, 2, 28)


def test_worst_status():
    assert tr.worst(["valid", "due_soon", "expired"]) == "expired"
    assert tr.worst([]) is None


def test_optional_courses_set_no_first_deadline():
    s = evaluate(MONTHLY, [], D(2026, 10, 1), hire_date=D(2020, 1, 1), mandatory=False)
    assert (s.status, s.due_on) == ("pending", None)
    s = evaluate(MONTHLY, [D(2026, 8, 1)], D(2026, 10, 1), hire_date=D(2020, 1, 1), mandatory=False)
    assert (s.status, s.due_on) == ("expired", D(2026, 9, 1))
