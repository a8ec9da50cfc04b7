"""When a training or certification is due, and its status for one person on a given day.

Plain Python; `today` is always passed in. Month arithmetic goes through dateutil.

A course's rule (`Rule`) names its recurrence:
  on_hire         once: due `on_hire_days` after the hire date
  on_update       on hire (as above) and again after every content update: a completion
                  made before `content_updated_on` is stale, due `on_hire_days` after the update
                  (people hired after the update are covered by the hire obligation)
  every_n_months  due `interval_months` after the last completion (new hires: on hire)
  yearly          every_n_months with 12
  fixed_months    held in fixed calendar months ("4,10" = 年2回): each cycle runs from the 1st
                  of a fixed month to the next one; a completion within the cycle satisfies it,
                  due by the last day of the fixed month (new hires: on hire)
  continuous      no deadline (skills built over time); completions are recorded only
`validity_months` bounds how long a completion counts: an interval rule is renewed before it
runs out, and a requirement that is late after its completion ran out is `expired` rather
than `overdue`. A requirement that was never met and has no known hire date is `overdue`.

Statuses:
  valid           done, and the next due date is more than the window away
  due_soon        the due date is within the window (inclusive), whether first time or renewal
  overdue         the due date has passed and nothing valid covers it
  expired         the due date has passed and the last completion's validity has ended
  pending         an obligation not yet met whose due date is beyond the window (or none)
  not_applicable  the course or certification is not required of this person
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from dateutil.rrule import YEARLY, rrule

VALID, DUE_SOON, OVERDUE, EXPIRED, PENDING, NOT_APPLICABLE = (
    "valid", "due_soon", "overdue", "expired", "pending", "not_applicable")
STATUSES = (VALID, DUE_SOON, OVERDUE, EXPIRED, PENDING, NOT_APPLICABLE)
# Worst first: the order a summary or a sort by urgency uses.
SEVERITY = {OVERDUE: 0, EXPIRED: 1, DUE_SOON: 2, PENDING: 3, VALID: 4, NOT_APPLICABLE: 5}
STATUS_LABELS_JA = {VALID: "有効", DUE_SOON: "期限間近", OVERDUE: "期限超過", EXPIRED: "期限切れ",
                    PENDING: "未受講", NOT_APPLICABLE: "対象外"}
# Fill colours ("RRGGBB") shared by the exports and the screens: green, amber, red, deep
# red, pale blue, grey; they are also told apart by their text, never by colour alone.
STATUS_COLOURS = {VALID: "C6EFCE", DUE_SOON: "FFEB9C", OVERDUE: "FFC7CE", EXPIRED: "E6A1A1",
                  PENDING: "DDEBF7", NOT_APPLICABLE: "EDEDED"}

RECURRENCES = ("on_hire", "on_update", "every_n_months", "fixed_months", "yearly", "continuous")
DEFAULT_WINDOW_DAYS = 30   # "due soon" means due within this many days
DEFAULT_GRACE_DAYS = 30    # days after a hire, update or role start when a course names none

# Reasons a due date exists. The first group are obligations not met yet; the second are
# renewals of a met one (the person is covered until then).
HIRE, UPDATE, CYCLE, ROLE = "hire", "update", "cycle", "role"
INTERVAL, RENEWAL, NEXT_CYCLE, EXPIRY = "interval", "renewal", "next_cycle", "expiry"
UNMET = (HIRE, UPDATE, CYCLE, ROLE)


def parse_fixed_months(text: str | None) -> tuple[int, ...]:
    """"4,10" -> (4, 10); raises ValueError for anything but months 1-12."""
    if not text or not str(text).strip():
        return ()
    months = sorted({int(part) for part in str(text).replace("、", ",").split(",") if part.strip()})
    if not months or months[0] < 1 or months[-1] > 12:
        raise ValueError(f"fixed months must be 1-12: {text!r}")
    return tuple(months)


@dataclass(frozen=True)
class Rule:
    """What makes a course due; built from a course's columns."""

    recurrence: str
    interval_months: int | None = None
    fixed_months: tuple[int, ...] = ()
    on_hire_days: int | None = None
    validity_months: int | None = None
    content_updated_on: date | None = None

    def __post_init__(self) -> None:
        if self.recurrence not in RECURRENCES:
            raise ValueError(f"recurrence must be one of {', '.join(RECURRENCES)}")
        if self.recurrence == "every_n_months" and not self.interval_months:
            raise ValueError("every_n_months needs interval_months")
        if self.recurrence == "fixed_months" and not self.fixed_months:
            raise ValueError("fixed_months needs at least one month")

    @classmethod
    def of(cls, course) -> Rule:
        """From anything with the Course columns (an ORM row or a plain record)."""
        return cls(course.recurrence, course.interval_months, parse_fixed_months(course.fixed_months),
                   course.on_hire_days, course.validity_months, course.content_updated_on)

    @property
    def grace_days(self) -> int:
        return DEFAULT_GRACE_DAYS if self.on_hire_days is None else self.on_hire_days


@dataclass(frozen=True)
class Status:
    """One requirement's state: when the next completion is needed and why."""

    status: str
    due_on: date | None = None
    last_completed: date | None = None
    valid_until: date | None = None
    reason: str | None = None

    @property
    def attention(self) -> bool:
        return self.status in (OVERDUE, EXPIRED, DUE_SOON)


def add_months(day: date, months: int) -> date:
    return day + relativedelta(months=months)


@lru_cache(maxsize=256)
def cycle_start(months: tuple[int, ...], on: date) -> date:
    """The 1st of the latest fixed month on or before `on`."""
    rule = rrule(YEARLY, bymonth=months, bymonthday=1, dtstart=datetime(on.year - 1, 1, 1))
    return rule.before(datetime(on.year, on.month, on.day), inc=True).date()


@lru_cache(maxsize=256)
def next_cycle_start(months: tuple[int, ...], on: date) -> date:
    """The 1st of the first fixed month after `on`."""
    rule = rrule(YEARLY, bymonth=months, bymonthday=1, dtstart=datetime(on.year, 1, 1))
    return rule.after(datetime(on.year, on.month, on.day), inc=False).date()


def cycle_due(start: date) -> date:
    """A cycle's deadline: the last day of its fixed month."""
    return start + relativedelta(months=1, days=-1)


def due_date(rule: Rule, last: date | None, today: date, hire_date: date | None = None) -> tuple[date | None, str | None]:
    """(due date, reason) of the next completion the rule asks for; (None, None) when nothing
    is asked (a one-off done, or a continuous course). An unmet obligation without a known
    hire date has no date: (None, HIRE)."""
    grace = timedelta(days=rule.grace_days)
    hire_due = hire_date + grace if hire_date else None
    validity = rule.validity_months
    r = rule.recurrence
    if r == "continuous":
        return (add_months(last, validity), EXPIRY) if last and validity else (None, None)
    if r in ("on_hire", "on_update"):
        unmet: list[tuple[date | None, str]] = []
        if last is None:
            unmet.append((hire_due, HIRE))
        cu = rule.content_updated_on
        if r == "on_update" and cu and (last is None or last < cu) and (hire_date is None or hire_date < cu):
            unmet.append((cu + grace, UPDATE))
        if unmet:
            dated = [u for u in unmet if u[0] is not None]
            return min(dated) if dated else unmet[0]
        return (add_months(last, validity), EXPIRY) if validity else (None, None)
    if r in ("every_n_months", "yearly"):
        if last is None:
            return hire_due, HIRE
        months = (rule.interval_months or 12) if r == "every_n_months" else 12
        return add_months(last, min(months, validity or months)), INTERVAL
    # fixed_months
    start = cycle_start(rule.fixed_months, today)
    unmet = []
    if last is None and hire_date:
        unmet.append((hire_due, HIRE))
    if (hire_date is None or hire_date < start) and (last is None or last < start):
        unmet.append((cycle_due(start), CYCLE))
    if unmet:
        return min(unmet)
    if last is None:
        return None, HIRE
    return cycle_due(next_cycle_start(rule.fixed_months, today)), NEXT_CYCLE


def classify(due_on: date | None, reason: str | None, last: date | None, valid_until: date | None,
             today: date, window_days: int) -> str:
    """The status of a requirement from its due date (see the module doc)."""
    if due_on is None:
        if reason in UNMET:
            return OVERDUE  # never met and no date to count from: treat as late
        return VALID if last is not None else PENDING
    if today > due_on:
        return EXPIRED if last is not None and valid_until is not None and valid_until < today else OVERDUE
    if (due_on - today).days <= window_days:
        return DUE_SOON
    return PENDING if reason in UNMET else VALID


def evaluate(rule: Rule, completions: Iterable[date], today: date, *, hire_date: date | None = None,
             window_days: int = DEFAULT_WINDOW_DAYS, applicable: bool = True, mandatory: bool = True) -> Status:
    """A course requirement on `today`, from the dates of the person's passing completions.

    An optional (not mandatory) course sets no first deadline: until it is first taken it is
    `pending`; after that its renewals are tracked like a mandatory one's.
    """
    dates = [d for d in completions if d is not None and d <= today]
    last = max(dates) if dates else None
    valid_until = add_months(last, rule.validity_months) if last and rule.validity_months else None
    if not applicable:
        return Status(NOT_APPLICABLE, None, last, valid_until, None)
    if not mandatory and last is None:
        return Status(PENDING, None, None, None, None)
    due, reason = due_date(rule, last, today, hire_date)
    if rule.recurrence == "continuous" and due is None:
        return Status(VALID if last else PENDING, None, last, valid_until, None)
    return Status(classify(due, reason, last, valid_until, today, window_days), due, last, valid_until, reason)


def evaluate_certification(issued_on: date | None, expires_on: date | None, today: date, *,
                           required_since: date | None = None, window_days: int = DEFAULT_WINDOW_DAYS,
                           grace_days: int = DEFAULT_GRACE_DAYS, applicable: bool = True) -> Status:
    """A certification requirement: the current award (if any) against its expiry date.

    Without an award, it is due `grace_days` after the person took on the role that needs it
    (`required_since`), or overdue when that date is unknown.
    """
    if not applicable:
        return Status(NOT_APPLICABLE, expires_on, issued_on, expires_on, None)
    if issued_on is None:
        due = required_since + timedelta(days=grace_days) if required_since else None
        return Status(classify(due, ROLE, None, None, today, window_days), due, None, None, ROLE)
    if expires_on is None:
        return Status(VALID, None, issued_on, None, None)
    return Status(classify(expires_on, EXPIRY, issued_on, expires_on, today, window_days),
                  expires_on, issued_on, expires_on, EXPIRY)


def certification_expiry(issued_on: date, validity_months: int | None) -> date | None:
    return add_months(issued_on, validity_months) if validity_months else None


def worst(statuses: Iterable[str]) -> str | None:
    """The most urgent status of several (None for none)."""
    found = sorted(statuses, key=lambda s: SEVERITY.get(s, 99))
    return found[0] if found else None
