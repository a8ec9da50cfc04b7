"""iCalendar (.ics, RFC 5545) files: plain text, no dependency. The one .ics writer of the app
(the duty calendar and the training calendar both use it).

    write_ics([Event("session-3@ecmanual", "個人情報保護研修", start, end)], "training.ics")

Times: an aware datetime is written in UTC (`…Z`); a naive one is wall-clock time in the
calendar's `timezone` (`DTSTART;TZID=Asia/Tokyo:…`, with its VTIMEZONE); a date is all day
(VALUE=DATE). An event has an end, a duration, or neither (one hour / one day). Text is
escaped, lines are folded at 75 octets without splitting a UTF-8 character, and every line
ends in CRLF, as the RFC asks. `write_ics` writes a temp file, lets the caller record its hash
(`before_commit`), then renames it into place: a refused record leaves no file.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

PRODID = "-//ecmanual//ecmanual//JA"
LINE_OCTETS = 75


@dataclass(frozen=True)
class Event:
    """One VEVENT. `start` is a date (all day), an aware datetime, or a naive wall-clock time."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    description: str | None = None
    location: str | None = None
    categories: tuple[str, ...] = ()
    rrule: str | None = None                 # e.g. "FREQ=WEEKLY;BYDAY=WE"
    duration: timedelta | None = None        # instead of an end
    extra: Sequence[tuple[str, str]] = ()    # further properties, e.g. ("X-ECMANUAL-CADENCE", "weekly")
    transparent: bool = False                # does not block time (a due date)


def escape_text(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets joined by CRLF + space."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    parts, current, size, limit = [], [], 0, LINE_OCTETS
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # continuation lines start with a space
        current.append(ch)
        size += n
    parts.append("".join(current))
    return "\r\n ".join(parts)


def unfold(text: str) -> list[str]:
    """The logical lines of a calendar (folds joined, line ends removed)."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def duration_text(value: timedelta) -> str:
    """ISO 8601 duration as RFC 5545 writes it: P1D, PT2H, PT1H30M."""
    seconds = int(value.total_seconds())
    if seconds <= 0:
        raise ValueError("an event duration must be positive")
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    out = "P" + (f"{days}D" if days else "")
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs else "")
    return out + ("T" + clock if clock else "")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(name: str, value: date | datetime, tzid: str | None) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return f"{name}:{_utc(value)}"
        if not tzid:
            raise ValueError("a naive event time needs the calendar's timezone")
        return f"{name};TZID={tzid}:{value:%Y%m%dT%H%M%S}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def vtimezone(name: str) -> list[str]:
    """A VTIMEZONE for a zone with one fixed offset (Asia/Tokyo); zones with summer time are refused."""
    zone = ZoneInfo(name)
    winter, summer = datetime(2000, 1, 1, tzinfo=zone), datetime(2000, 7, 1, tzinfo=zone)
    if winter.utcoffset() != summer.utcoffset():
        raise ValueError(f"{name} has summer time; give event times in UTC instead")
    minutes = int(winter.utcoffset().total_seconds() // 60)
    offset = f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return ["BEGIN:VTIMEZONE", f"TZID:{name}", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{offset}", f"TZOFFSETTO:{offset}", f"TZNAME:{winter.tzname()}", "END:STANDARD",
            "END:VTIMEZONE"]


def _event_lines(e: Event, stamp: str, tzid: str | None) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{escape_text(e.uid)}", f"DTSTAMP:{stamp}", _when("DTSTART", e.start, tzid)]
    if e.duration is not None:
        lines.append(f"DURATION:{duration_text(e.duration)}")
    else:
        end = e.end
        if end is None:
            end = e.start + (timedelta(hours=1) if isinstance(e.start, datetime) else timedelta(days=1))
        if isinstance(e.start, datetime) != isinstance(end, datetime):
            raise ValueError(f"event {e.uid}: start and end must both be dates or both be times")
        lines.append(_when("DTEND", end, tzid))
    lines.append(f"SUMMARY:{escape_text(e.summary)}")
    if e.rrule:
        lines.append("RRULE:" + e.rrule.strip().removeprefix("RRULE:"))
    if e.location:
        lines.append(f"LOCATION:{escape_text(e.location)}")
    if e.description:
        lines.append(f"DESCRIPTION:{escape_text(e.description)}")
    if e.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in e.categories))
    if e.transparent:
        lines.append("TRANSP:TRANSPARENT")
    lines += [f"{key}:{escape_text(str(value))}" for key, value in e.extra]
    lines.append("END:VEVENT")
    return lines


def render(events: Iterable[Event], *, name: str | None = None, description: str | None = None,
           stamp: datetime | None = None, timezone: str | None = None,
           extra: Sequence[tuple[str, str]] = ()) -> str:
    """The whole calendar as text (CRLF line ends)."""
    stamp_text = _utc(stamp or datetime.now(UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    if description:
        lines.append(f"X-WR-CALDESC:{escape_text(description)}")
    if timezone:
        lines.append(f"X-WR-TIMEZONE:{timezone}")
    lines += [f"{key}:{escape_text(str(value))}" for key, value in extra]
    if timezone:
        lines += vtimezone(timezone)
    for e in events:
        lines += _event_lines(e, stamp_text, timezone)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_ics(events: Iterable[Event], path: str | os.PathLike, *,
              before_commit: Callable[[str, int], None] | None = None, **kw) -> Path:
    """Write the calendar atomically and return its path (".ics" added when missing).

    `before_commit(sha256, size)` runs once the temp file is complete and before it is renamed
    into place; if it raises, the temp file is removed and nothing is left behind.
    """
    target = Path(path)
    if target.suffix.lower() != ".ics":
        target = target.with_suffix(".ics")
    data = render(events, **kw).encode("utf-8")
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if before_commit is not None:
            before_commit(hashlib.sha256(data).hexdigest(), len(data))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
