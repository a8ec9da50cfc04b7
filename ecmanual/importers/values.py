"""Cell value parsing: text clean-up, emails, dates, booleans and enums as exported in Japan.

Every parser takes the raw cell text and returns a typed value or None for a blank cell;
a value that cannot be read raises `ValueProblem` with a message naming the value.

Dates accepted (time parts after the date are allowed and ignored for date fields):
  2026/04/01, 2026-4-1, 2026.04.01, 20260401, 2026年4月1日, 令和8年4月1日 / R8.4.1 (also 平成, 昭和),
  Apr 1, 2026 / April 1st, 2026 / 1 Apr 2026 / 01-Apr-2026, ISO 8601 (2026-04-01T09:30:00Z),
  Excel serial day numbers (20000-80000, i.e. 1954-2119) and a weekday such as (水) or Wed,.
  Numeric day/month orders (4/1/2026 vs 01/04/2026): a value whose first number is above 12
  is day-first, one whose second number is above 12 is month-first; the importer picks one
  order per file from such values, and month-first (as US-English SaaS exports) when none
  tells (see `resolve_date_order`).
Times with a zone (Z, +09:00, UTC) are converted to Japan time (JST) before taking the date.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta, timezone

import jaconv

JST = timezone(timedelta(hours=9), "JST")
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 after Excel's 1900 leap-year bug
SERIAL_RANGE = (20000, 80000)

BLANK_MARKERS = {"-", "--", "—", "―", "‐", "n/a", "na", "none", "null", "なし", "未設定",
                 "never", "never logged in", "未ログイン", "ログインなし", "ログイン履歴なし"}

_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\ufeff\u2060"
_ZERO_WIDTH = dict.fromkeys(map(ord, _ZERO_WIDTH_CHARS), None)
_SPACES = re.compile(r"\s+")


class ValueProblem(ValueError):
    """A cell whose text cannot be read as the column's type."""


def clean(text: object, multiline: bool = False) -> str | None:
    """NFKC (full-width letters, digits and spaces to half-width), trimmed, runs of spaces collapsed.

    With `multiline`, line breaks inside the cell are kept (as \\n) and each line is cleaned.
    """
    if text is None:
        return None
    s = unicodedata.normalize("NFKC", str(text)).translate(_ZERO_WIDTH)
    if multiline:
        lines = (_SPACES.sub(" ", line).strip() for line in s.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        s = "\n".join(lines).strip()
    else:
        s = _SPACES.sub(" ", s).strip()
    return s or None


_JOIN = "\x00"  # NFKC neither changes NUL nor composes it with a neighbour; \s does not match it


def clean_column(texts: Sequence[str]) -> list[str | None]:
    """`[clean(t) for t in texts]` (single-line) in a few C calls over the joined texts.

    Normalisation works on the joined text as on each text alone, since NUL is a normalisation
    boundary; runs of spaces never cross it. Pure-ASCII text skips NFKC (it is already NFKC).
    Texts holding NUL, or anything but str, are cleaned one by one.
    """
    try:
        joined = _JOIN.join(texts)
    except TypeError:  # None or a non-str value
        return [clean(t) for t in texts]
    if joined.count(_JOIN) != len(texts) - 1:
        return [clean(t) for t in texts]
    if not joined.isascii():
        joined = unicodedata.normalize("NFKC", joined)
        if any(ch in joined for ch in _ZERO_WIDTH_CHARS):  # translate is slow on long text; usually none
            joined = joined.translate(_ZERO_WIDTH)
    parts = _SPACES.sub(" ", joined).split(_JOIN) if texts else []
    return [p or None for p in map(str.strip, parts)]


def key(text: object) -> str:
    """A comparison key: cleaned, case-folded, hiragana as katakana, spaces, _ - ・ . removed."""
    s = clean(text) or ""
    s = jaconv.hira2kata(s.casefold())
    return re.sub(r"[\s_\-・.:：/]", "", s)


def name_key(text: object) -> str:
    """A person's name or kana for matching: same as `key` (山田　太郎 == 山田太郎, やまだ == ヤマダ)."""
    return key(text)


def _blank(s: str | None) -> bool:
    return s is None or s.casefold() in BLANK_MARKERS


def parse_text(text: object) -> str | None:
    return clean(text)


_EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+$")


def parse_email(text: object) -> str | None:
    """Lower-cased address; `mailto:` and <angle brackets> are removed."""
    s = clean(text)
    if s is None:
        return None
    s = s.removeprefix("mailto:").strip().strip("<>").strip()
    if " " in s or len(s) > 254 or not _EMAIL.match(s) or ".." in s:
        raise ValueProblem(f"not a valid email address: {text!s}")
    return s.lower()


_TRUE = {"true", "t", "yes", "y", "1", "on", "enabled", "enable", "active", "✓", "✔", "☑", "○", "〇", "◯", "●",
         "有効", "はい", "あり", "有", "済", "済み", "設定済", "設定済み", "オン", "必須", "使用", "使用中"}
_FALSE = {"false", "f", "no", "n", "0", "off", "disabled", "disable", "inactive", "✗", "✘", "×", "☐",
          "無効", "いいえ", "無", "未", "未設定", "オフ", "なし", "不要", "未使用", "off(無効)"}


def parse_bool(text: object) -> bool | None:
    s = clean(text)
    if s is None:
        return None
    k = s.casefold()
    if k in _TRUE:
        return True
    if k in _FALSE:
        return False
    if k in BLANK_MARKERS:
        return None
    raise ValueProblem(f"not a yes/no value: {text!s} (use e.g. 有効/無効, はい/いいえ, ON/OFF, true/false, 1/0)")


def parse_enum(text: object, choices: dict[str, tuple[str, ...]], strict: bool = True) -> str | None:
    """The canonical value whose name or alias matches; unknown values refused when `strict`."""
    s = clean(text)
    if s is None:
        return None
    k = key(s)
    for canonical, aliases in choices.items():
        if k == key(canonical) or any(k == key(a) for a in aliases):
            return canonical
    if strict:
        allowed = ", ".join(f"{c} ({aliases[0]})" if aliases else c for c, aliases in choices.items())
        raise ValueProblem(f"unknown value {s!r}; expected one of: {allowed}")
    return s


# ---------------------------------------------------------------------------- dates

_ERAS = {"令和": 2019, "r": 2019, "平成": 1989, "h": 1989, "昭和": 1926, "s": 1926}
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTHS["sept"] = 9

_WEEKDAY = re.compile(r"\s*\((?:[月火水木金土日]|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\.?\)\s*", re.I)
_LEAD_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_YMD = re.compile(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})")
_KANJI = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_WAREKI = re.compile(r"^(令和|平成|昭和|[RHS])\s*(\d{1,2}|元)\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})")
_ENGLISH_MDY = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_ENGLISH_DMY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([A-Za-z]{3,9})\.?,?[\s\-]+(\d{4})", re.I)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^(\d{5})(?:\.(\d+))?$")
_TIME = re.compile(
    r"^(?:T|\s)*(午前|午後)?\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(am|pm)?\s*"
    r"(z|utc|gmt|jst|[+\-]\d{2}(?::?\d{2})?)?$", re.I)


def _month(name: str, original: object) -> int:
    m = _MONTHS.get(name.casefold()[:4].rstrip(".")) or _MONTHS.get(name.casefold()[:3])
    if m is None:
        raise ValueProblem(f"not a date: {original!s} (unknown month name {name!r})")
    return m


def date_order_hint(text: object) -> str | None:
    """'dmy' or 'mdy' when a numeric a/b/yyyy date tells its order by itself, else None."""
    s = clean(text)
    m = _NUMERIC.match(s) if s else None
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    return None


def resolve_date_order(texts: Iterable[object]) -> tuple[str, str | None]:
    """The order for a file's ambiguous numeric dates, and a note when the choice was not obvious."""
    hints = Counter(h for h in map(date_order_hint, texts) if h)
    if not hints:
        return "mdy", None
    if len(hints) == 1:
        return next(iter(hints)), None
    order = hints.most_common(1)[0][0]
    return order, (f"dates use both day-first and month-first orders; read as "
                   f"{'day/month/year' if order == 'dmy' else 'month/day/year'} (the majority)")


def _time(rest: str, original: object) -> tuple[time | None, timezone | None]:
    rest = rest.strip()
    if not rest:
        return None, None
    m = _TIME.match(rest)
    if not m:
        raise ValueProblem(f"not a date: {original!s}")
    ampm_ja, hh, mm, ss, ampm, zone = m.groups()
    hour, minute, second = int(hh), int(mm), int(ss or 0)
    meridiem = (ampm or "").lower() or {"午前": "am", "午後": "pm"}.get(ampm_ja or "", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValueProblem(f"not a valid time in {original!s}")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueProblem(f"not a valid time in {original!s}")
    tz = None
    if zone:
        z = zone.lower()
        if z in ("z", "utc", "gmt"):
            tz = timezone.utc
        elif z == "jst":
            tz = JST
        else:
            digits = z[1:].replace(":", "")
            offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
            tz = timezone(-offset if z[0] == "-" else offset)
    return time(hour, minute, second), tz


def _make_date(y: int, m: int, d: int, original: object) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise ValueProblem(f"not a valid date: {original!s}") from None


def _split_date(s: str, original: object, order: str) -> tuple[date, str]:
    """The date at the start of `s` and what follows it."""
    if m := _YMD.match(s):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), original), s[m.end():]
    if m := _KANJI.match(s):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), original), s[m.end():]
    if m := _WAREKI.match(s):
        era = _ERAS[m[1].casefold()]
        year = 1 if m[2] == "元" else int(m[2])
        if year < 1:
            raise ValueProblem(f"not a valid date: {original!s}")
        return _make_date(era + year - 1, int(m[3]), int(m[4]), original), s[m.end():]
    if m := _NUMERIC.match(s):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if order == "auto":
            order = date_order_hint(s) or "mdy"
        day, month = (a, b) if order == "dmy" else (b, a)
        return _make_date(y, month, day, original), s[m.end():]
    if m := _ENGLISH_MDY.match(s):
        return _make_date(int(m[3]), _month(m[1], original), int(m[2]), original), s[m.end():]
    if m := _ENGLISH_DMY.match(s):
        return _make_date(int(m[3]), _month(m[2], original), int(m[1]), original), s[m.end():]
    raise ValueProblem(f"not a date: {original!s} (use e.g. 2026/04/01 or 2026年4月1日)")


def parse_datetime(text: object, order: str = "auto") -> datetime | None:
    """An aware datetime; a value without a zone is taken as Japan time, a date alone as 00:00."""
    s = clean(text)
    if _blank(s):
        return None
    s = _LEAD_WEEKDAY.sub("", _WEEKDAY.sub(" ", s)).strip()
    if m := _SERIAL.match(s):
        days = int(m[1])
        if not SERIAL_RANGE[0] <= days <= SERIAL_RANGE[1]:
            raise ValueProblem(f"not a date: {text!s}")
        fraction = float("0." + m[2]) if m[2] else 0.0
        naive = datetime.combine(EXCEL_EPOCH + timedelta(days=days), time()) + timedelta(
            seconds=round(fraction * 86400))
        return naive.replace(tzinfo=JST)
    if m := _COMPACT.match(s):
        return datetime.combine(_make_date(int(m[1]), int(m[2]), int(m[3]), text), time(), JST)
    day, rest = _split_date(s, text, order)
    t, tz = _time(rest, text)
    return datetime.combine(day, t or time(), tz or JST)


def parse_date(text: object, order: str = "auto") -> date | None:
    """The calendar date in Japan time (see the module docstring for accepted forms)."""
    dt = parse_datetime(text, order)
    return None if dt is None else dt.astimezone(JST).date()
