"""Western dates to 和暦 (Japanese era) text: 令和, 平成, 昭和, 大正, 明治, with 元年 for year one."""

from __future__ import annotations

from datetime import date, datetime

# First day of each era (the Gregorian calendar was adopted on 明治6年1月1日).
ERAS: tuple[tuple[date, str, str], ...] = (
    (date(2019, 5, 1), "令和", "R"),
    (date(1989, 1, 8), "平成", "H"),
    (date(1926, 12, 25), "昭和", "S"),
    (date(1912, 7, 30), "大正", "T"),
    (date(1868, 10, 23), "明治", "M"),
)
GREGORIAN_FROM = date(1873, 1, 1)


def era_of(value: date | datetime) -> tuple[str, int]:
    """(era name, year within the era) for a date, e.g. (令和, 1) for 2019-05-01."""
    day = value.date() if isinstance(value, datetime) else value
    if day < GREGORIAN_FROM:
        raise ValueError(f"{day} is before the Gregorian calendar was adopted in Japan")
    for start, name, _ in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"no era for {day}")  # unreachable after the check above


def year_text(name: str, year: int) -> str:
    return f"{name}{'元' if year == 1 else year}年"


def to_wareki(value: date | datetime, *, with_day: bool = True) -> str:
    """令和元年5月1日 (or 令和元年 with with_day=False)."""
    name, year = era_of(value)
    text = year_text(name, year)
    return f"{text}{value.month}月{value.day}日" if with_day else text


def format_date(value: date | datetime | None, *, wareki: bool = False, with_time: bool = False) -> str:
    """2019/05/01, or 2019/05/01（令和元年5月1日） with wareki; times as HH:MM."""
    if value is None:
        return ""
    text = value.strftime("%Y/%m/%d")
    if with_time and isinstance(value, datetime):
        text += value.strftime(" %H:%M")
    if wareki:
        try:
            text += f"（{to_wareki(value)}）"
        except ValueError:
            pass  # before 1873: print the Western date only
    return text
