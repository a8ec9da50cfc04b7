"""和暦 conversion at the era boundaries, and audit period parsing."""

from datetime import date, datetime

import pytest

from ecmanual.exports.period import custom_period, parse_period
from ecmanual.exports.wareki import era_of, format_date, to_wareki


@pytest.mark.parametrize("day, expected", [
    (date(2019, 4, 30), "平成31年4月30日"),
    (date(2019, 5, 1), "令和元年5月1日"),
    (date(2020, 1, 1), "令和2年1月1日"),
    (date(2026, 10, 1), "令和8年10月1日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (date(1989, 1, 8), "平成元年1月8日"),
    (date(1926, 12, 24), "大正15年12月24日"),
    (date(1926, 12, 25), "昭和元年12月25日"),
    (date(1912, 7, 30), "大正元年7月30日"),
    (date(1873, 1, 1), "明治6年1月1日"),
])
def test_era_boundaries(day, expected):
    assert to_wareki(day) == expected


def test_datetime_and_year_only():
    assert to_wareki(datetime(2019, 5, 1, 23, 59)) == "令和元年5月1日"
    assert to_wareki(date(2019, 4, 30), with_day=False) == "平成31年"
    assert era_of(date(2026, 1, 1)) == ("令和", 8)


def test_before_the_gregorian_calendar_is_refused():
    with pytest.raises(ValueError):
        to_wareki(date(1872, 12, 31))
    assert format_date(date(1872, 12, 31), wareki=True) == "1872/12/31"


def test_format_date_puts_wareki_next_to_the_western_date():
    assert format_date(date(2019, 5, 1), wareki=True) == "2019/05/01（令和元年5月1日）"
    assert format_date(datetime(2026, 10, 1, 9, 5), with_time=True) == "2026/10/01 09:05"
    assert format_date(None) == ""


@pytest.mark.parametrize("text, start, end", [
    ("2026Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ("2026q1", date(2026, 1, 1), date(2026, 3, 31)),
    ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
    ("2024H1", date(2024, 1, 1), date(2024, 6, 30)),
    ("2026H2", date(2026, 7, 1), date(2026, 12, 31)),
    ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2026/12", date(2026, 12, 1), date(2026, 12, 31)),
])
def test_periods(text, start, end):
    p = parse_period(text)
    assert (p.start, p.end) == (start, end)
    assert p.contains(start) and p.contains(end)


@pytest.mark.parametrize("text", ["", "2026Q5", "Q4", "2026-13", "last year"])
def test_bad_periods(text):
    with pytest.raises(ValueError, match="period|month"):
        parse_period(text)


def test_custom_period_order():
    assert custom_period(date(2026, 1, 1), date(2026, 1, 31)).label == "2026-01-01..2026-01-31"
    with pytest.raises(ValueError):
        custom_period(date(2026, 2, 1), date(2026, 1, 31))
