"""Audit periods as the team writes them (2026Q4, 2026H2, 2026, 2026-10) and their date range."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_QUARTER = re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$", re.IGNORECASE)
_HALF = re.compile(r"^(\d{4})\s*-?\s*H([12])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Period:
    """A named span of calendar days, both ends included."""

    label: str
    start: date
    end: date

    @property
    def text_ja(self) -> str:
        return f"{self.label}（{self.start:%Y/%m/%d}〜{self.end:%Y/%m/%d}）"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def parse_period(text: str) -> Period:
    """Calendar periods: 2026Q4 = 2026-10-01..2026-12-31; 2026H1; 2026; 2026-10.

    Raises ValueError with a readable message for anything else.
    """
    raw = (text or "").strip()
    if m := _QUARTER.match(raw):
        year, q = int(m[1]), int(m[2])
        first = 3 * (q - 1) + 1
        return Period(f"{year}Q{q}", date(year, first, 1), _month_end(year, first + 2))
    if m := _HALF.match(raw):
        year, h = int(m[1]), int(m[2])
        first = 1 if h == 1 else 7
        return Period(f"{year}H{h}", date(year, first, 1), _month_end(year, first + 5))
    if m := _MONTH.match(raw):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(f"not a month: {raw!r}")
        return Period(f"{year}-{month:02d}", date(year, month, 1), _month_end(year, month))
    if m := _YEAR.match(raw):
        year = int(m[1])
        return Period(str(year), date(year, 1, 1), date(year, 12, 31))
    raise ValueError(f"not a period: {raw!r} (use e.g. 2026Q4, 2026H2, 2026 or 2026-10)")


def custom_period(start: date, end: date) -> Period:
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    return Period(f"{start:%Y-%m-%d}..{end:%Y-%m-%d}", start, end)
