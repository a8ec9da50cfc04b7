"""What both writers share: clean text, the display width of Japanese text, printed values, sampling."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from .model import Column

# Control characters XML 1.0 cannot carry (openpyxl refuses them; PDFs print them as boxes).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text starting with one of these is a formula to a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

SAMPLE_ROWS = 200       # rows read ahead to fit column widths
MIN_WIDTH = 4           # half-width characters
MAX_WRAP_WIDTH = 60     # a wrapping column never gets wider than this
MAX_WIDTH = 100
COMFORT_WRAP_WIDTH = 30  # what a wrapping column needs to stay readable (orientation choice)

DATE_FMT, DATETIME_FMT = "%Y/%m/%d", "%Y/%m/%d %H:%M"


def clean(text: str) -> str:
    return _ILLEGAL.sub("", text)


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    # Ambiguous characters (○, ×, ①) are full width in Japanese fonts.
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def display_width(text: str) -> int:
    """Width in half-width characters; the widest line of multi-line text."""
    if "\n" in text:
        return max(display_width(line) for line in text.split("\n"))
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


class Clock:
    """Turns the app's aware UTC datetimes into the local wall time printed in records."""

    def __init__(self, timezone: str | None = None):
        self.tz = ZoneInfo(timezone) if timezone else None

    def local(self, value: datetime) -> datetime:
        """Naive local time (Excel has no time zones)."""
        if value.tzinfo is None:
            return value
        return value.astimezone(self.tz).replace(tzinfo=None)


def format_value(value: Any, column: Column, clock: Clock) -> str:
    """The text a PDF cell prints for a value of the column's kind."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool):
        return column.bool_labels[0] if value else column.bool_labels[1]
    if isinstance(value, datetime):
        value = clock.local(value)
        return value.strftime(DATE_FMT if column.kind == "date" else DATETIME_FMT)
    if isinstance(value, date):
        return value.strftime(DATE_FMT)
    if column.kind == "percent" and isinstance(value, int | float | Decimal):
        return f"{float(value) * 100:.1f}%"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.10g}"
    if isinstance(value, Decimal):
        return f"{value:,f}"
    return clean(str(value))


def sample(rows: Iterable[Sequence[Any]], n: int = SAMPLE_ROWS) -> tuple[list[Sequence[Any]], Iterator[Sequence[Any]]]:
    """The first n rows (to fit widths) and an iterator over all rows, reading each row once."""
    it = iter(rows)
    head = list(itertools.islice(it, n))
    return head, itertools.chain(head, it)


def natural_widths(columns: Sequence[Column], head: Sequence[Sequence[Any]], clock: Clock) -> list[float]:
    """Fitted width of each column in half-width characters (header and sampled rows)."""
    widths = []
    for i, col in enumerate(columns):
        if col.width_hint:
            widths.append(float(col.width_hint))
            continue
        best = display_width(col.header)
        for row in head:
            if i < len(row) and row[i] is not None:
                best = max(best, display_width(format_value(row[i], col, clock)))
        cap = MAX_WRAP_WIDTH if col.wrap else MAX_WIDTH
        widths.append(float(min(max(best + 2, MIN_WIDTH), cap)))
    return widths


def comfortable_width(columns: Sequence[Column], widths: Sequence[float]) -> float:
    """The width a table needs to read well; wrapping columns may give up their excess."""
    return sum(min(w, COMFORT_WRAP_WIDTH) if c.wrap and not c.width_hint else w
               for c, w in zip(columns, widths))
