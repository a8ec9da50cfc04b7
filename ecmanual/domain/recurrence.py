"""Recurrence of the operations calendar's duties: RFC 5545 RRULE text in, dates out.

Expansion is dateutil.rrule's (no hand-written date arithmetic); DTSTART is the duty's start
date at midnight and, as in dateutil, is an occurrence only when the rule produces it. Also
the cadence class of a rule (daily … yearly) and a short Japanese reading of it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr

from .errors import InputError

CADENCES = ("daily", "weekly", "monthly", "quarterly", "half-yearly", "yearly")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAYS_JA = dict(zip(_DAYS, "月火水木金土日"))
_WEEKDAYS = {"MO", "TU", "WE", "TH", "FR"}


def _parts(text: str) -> dict[str, str]:
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    return {k.upper(): v.upper() for k, _, v in (p.partition("=") for p in body.split(";") if p)}


def parse_rule(text: str, start: date) -> rrule:
    """The dateutil rule of an RRULE text with `start` as DTSTART; InputError when it is not valid."""
    text = (text or "").strip()
    if not text:
        raise InputError("the recurrence rule (RRULE) is empty")
    try:
        rule = rrulestr(text, dtstart=datetime.combine(start, time.min))
    except (ValueError, TypeError) as exc:
        raise InputError(f"not a valid RRULE: {text!r} ({exc})") from None
    if not isinstance(rule, rrule) or rule._freq not in (DAILY, WEEKLY, MONTHLY, YEARLY):
        raise InputError(f"use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY (due dates are days): {text!r}")
    return rule


def occurrences(text: str, start: date, first: date, last: date) -> list[date]:
    """Every occurrence date from `first` to `last` inclusive."""
    if last < first:
        return []
    rule = parse_rule(text, start)
    return [d.date() for d in rule.between(datetime.combine(first, time.min), datetime.combine(last, time.min),
                                           inc=True)]


def next_occurrence(text: str, start: date, on_or_after: date) -> date | None:
    hit = parse_rule(text, start).after(datetime.combine(on_or_after, time.min), inc=True)
    return hit.date() if hit else None


def cadence(text: str) -> str:
    """daily / weekly / monthly / quarterly / half-yearly / yearly, from the rule's shape."""
    p = _parts(text)
    freq, interval = p.get("FREQ", ""), int(p.get("INTERVAL", "1") or 1)
    months = len([m for m in p.get("BYMONTH", "").split(",") if m])
    days = {d[-2:] for d in p.get("BYDAY", "").split(",") if d}
    if freq == "DAILY" or (freq == "WEEKLY" and interval == 1 and len(days) >= 5):
        return "daily"
    if freq == "WEEKLY":
        return "weekly"
    if freq == "MONTHLY":
        per_year = months or 12 // min(interval, 12)
        return ("monthly" if per_year >= 12 else "quarterly" if per_year >= 4
                else "half-yearly" if per_year >= 2 else "yearly")
    if freq == "YEARLY":
        return "quarterly" if months >= 4 else "half-yearly" if months >= 2 else "yearly"
    return "yearly"


def _day_spec(p: dict[str, str], start: date) -> str:
    byday = [d for d in p.get("BYDAY", "").split(",") if d]
    setpos = [s for s in p.get("BYSETPOS", "").split(",") if s]
    if setpos and set(byday) == _WEEKDAYS:
        return "・".join("最終営業日" if s == "-1" else f"第{s}営業日" for s in setpos)
    if byday:
        out = []
        for d in byday:
            n, wd = d[:-2], d[-2:]
            name = _DAYS_JA.get(wd, wd) + "曜"
            out.append(("最終" if n == "-1" else f"第{n.lstrip('+')}" if n else "毎週") + name)
        return "・".join(out)
    monthdays = [m for m in p.get("BYMONTHDAY", "").split(",") if m]
    if monthdays:
        return "・".join("末日" if m == "-1" else f"{m}日" for m in monthdays)
    return f"{start.day}日"


def describe(text: str, start: date) -> str:
    """A short Japanese reading of the rule: 毎週 月曜, 毎月 第2金曜, 1・4・7・10月 第5営業日 …"""
    p = _parts(text)
    freq, interval = p.get("FREQ", ""), int(p.get("INTERVAL", "1") or 1)
    months = [m for m in p.get("BYMONTH", "").split(",") if m]
    month_text = "・".join(months) + "月" if months else ""
    if freq == "DAILY":
        out = "毎日" if interval == 1 else f"{interval}日ごと"
    elif freq == "WEEKLY":
        days = [d for d in p.get("BYDAY", "").split(",") if d] or [_DAYS[start.weekday()]]
        every = "毎週" if interval == 1 else "隔週" if interval == 2 else f"{interval}週ごと"
        out = "平日（月〜金）" if set(days) == _WEEKDAYS and interval == 1 else \
            f"{every} " + "・".join(_DAYS_JA.get(d, d) for d in days) + "曜"
    elif freq == "MONTHLY":
        prefix = month_text or ("毎月" if interval == 1 else f"{interval}か月ごと")
        out = f"{prefix} {_day_spec(p, start)}"
    elif freq == "YEARLY":
        out = f"毎年 {month_text or f'{start.month}月'} {_day_spec(p, start)}"
    else:
        out = text
    if "COUNT" in p:
        out += f"（{p['COUNT']}回）"
    if "UNTIL" in p:
        out += f"（{p['UNTIL'][:4]}/{p['UNTIL'][4:6]}/{p['UNTIL'][6:8]}まで）"
    return out
