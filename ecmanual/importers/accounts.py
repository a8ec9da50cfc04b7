"""Read a SaaS system's account list and plan what an import changes.

`parse_accounts` is the importer layer's `parse_table` for ACCOUNT_FIELDS, column by column:
the same header detection (`detect_mapping`), the same parsers and messages, but a chunk of
a column is cleaned or checked in a few C calls over its joined cells (NFKC once per chunk,
none for pure ASCII; one regex scan for plain addresses or zero-padded dates) and repeated
values (levels, yes/no, statuses, days, times of day) are parsed once. Anything unusual
falls back to the cell parsers, so results and errors are the same.

`plan_account_import` is pure: stored accounts and levels in, added/updated/unchanged/
removed out. Logins are compared case-insensitively (stored lower-case); a column the file
does not have leaves the stored value alone; an account missing from the file is removed.
New and unlinked accounts are linked to staff by email (auto), else by a unique name or
kana match (uncertain: the reviewer confirms).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import compress, repeat
from operator import itemgetter, methodcaller
from typing import Any

from ..domain.errors import RowError
from ..domain.work import CancelFlag
from .fieldsets import ACCOUNT_FIELDS, ACCOUNT_STATUSES
from .headers import detect_mapping
from .reader import Table, row_columns
from .result import ParsedFile, Record
from .values import (
    JST, ValueProblem, clean, clean_column, date_order_hint, name_key, parse_bool, parse_datetime, parse_email,
    parse_enum, resolve_date_order,
)

ProgressFn = Callable[[int, int, str], None]
IMPORTED = ("email", "display_name", "native_level", "standard_level_id", "mfa_enabled", "last_login_at", "status")
# Which file field feeds which stored column (a column the file lacks keeps its value).
SOURCE_OF = {"email": "email", "display_name": "display_name", "native_level": "role",
             "standard_level_id": "role", "mfa_enabled": "mfa", "last_login_at": "last_login", "status": "status"}
# A subset of values' email pattern with nothing for parse_email to clean: no spaces, dots only inside.
_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9_%+\-]+(?:\.[A-Za-z0-9_%+\-]+)*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
                          r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+")
_ODD = re.compile(r"[\u200b\u200c\u200d\ufeff\u2060]|\s\s|[^\S ]")
_FAST_DT = re.compile(r"(\d{4})[/\-](\d{1,2})[/\-](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
MEMO_FIELDS = ("role", "mfa", "status")  # few distinct values per file
_LEVEL_SPLIT = re.compile(r"\s*[,;、/]\s*")
# Whole lines of a joined column: plain addresses; zero-padded ASCII dates with an optional time.
# (_PLAIN_EMAIL per line, written with possessive quantifiers: a label is alnum runs joined by hyphens)
_LOCAL, _LABEL = r"[A-Za-z0-9_%+\-]++(?:\.[A-Za-z0-9_%+\-]++)*+", r"[A-Za-z0-9]++(?:-++[A-Za-z0-9]++)*+"
_PLAIN_LINES = re.compile(rf"^{_LOCAL}@{_LABEL}(?:\.{_LABEL})++$", re.MULTILINE)
_ISO_LINES = re.compile(r"^\d{4}[/\-]\d\d[/\-]\d\d(?: \d\d:\d\d(?::\d\d)?)?$", re.MULTILINE | re.ASCII)
_ISO_DAY = re.compile(r"\d{4}[/\-]\d\d[/\-]\d\d", re.ASCII)
_ISO_CLOCK = re.compile(r"\d\d:\d\d(?::\d\d)?", re.ASCII)
_AS_JST = methodcaller("replace", tzinfo=JST)
_DAY_PART, _SEPARATOR, _CLOCK_PART = itemgetter(slice(0, 10)), itemgetter(10), itemgetter(slice(11, None))
_SOME_DAY, _SOME_DATE = "2000-01-01 ", date(2000, 1, 1)
PARSE_CHUNK = 5000  # cells per C-level step: short GIL holds, and progress and cancel between them


def fast_clean(text: str | None) -> str | None:
    """Exactly `values.clean`, with a short path for text that needs no more than NFKC and trimming."""
    if not text:
        return None
    s = text if text.isascii() else unicodedata.normalize("NFKC", text)
    if _ODD.search(s):
        return clean(text)
    return s.strip() or None


def _email(text: str) -> str | None:
    """`values.parse_email`; a plain address (the usual case) is only matched and lower-cased."""
    if _PLAIN_EMAIL.fullmatch(text) and len(text) <= 254:
        return text.lower()
    return parse_email(text) if text and not text.isspace() else None


def _memo(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """`parse` run once per distinct text; each cell is then a dictionary look-up."""
    seen: dict[str, Any] = {}

    def run(text: str) -> Any:
        try:
            hit = seen[text]
        except KeyError:
            try:
                hit = seen[text] = parse(text)
            except ValueProblem as exc:
                hit = seen[text] = exc
        if isinstance(hit, ValueProblem):
            raise hit
        return hit
    return run


def _datetime_parser(order: str) -> Callable[[str], datetime | None]:
    def full(text: str) -> datetime | None:
        try:
            return parse_datetime(text, order)
        except ValueProblem:
            raise
        except ValueError:  # e.g. a zone offset beyond 24 hours ("09:09-30"): still a cell problem
            raise ValueProblem(f"not a valid date: {text}") from None
    slow = _memo(full)
    iso = datetime.fromisoformat

    def parse(text: str) -> datetime | None:
        # 2026/09/30, 2026-09-30 12:00, 2026/09/30 12:00:00 (zero-padded): C's ISO parser, read as JST.
        n = len(text)
        if (n == 10 or (n == 16 and text[13] == ":") or (n == 19 and text[13] == text[16] == ":")) \
                and text[4] in "/-" and text[7] in "/-" and (n == 10 or text[10] in " T") and text[:4].isdigit():
            try:
                value = iso(text.replace("/", "-"))
            except ValueError:
                pass
            else:
                if value.tzinfo is None:
                    return value.replace(tzinfo=JST)
        if text and text[:4].isdigit() and (m := _FAST_DT.fullmatch(text)):
            y, mo, d, hh, mm, ss = m.groups()
            try:
                return datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0), tzinfo=JST)
            except ValueError:
                pass  # the full parser words the problem
        return slow(text) if text and text.strip() else None
    return parse


def _email_column(texts: Sequence[str]) -> list[str | None]:
    """`[_email(t) for t in texts]`; a list of plain ASCII addresses (and blanks) is checked by
    one regex scan over the joined texts and lower-cased in one call."""
    joined = "\n".join(texts)
    n, blanks = len(texts), texts.count("")
    if (joined.isascii() and joined.count("\n") == n - 1 and len(_PLAIN_LINES.findall(joined)) + blanks == n
            and max(map(len, texts), default=0) <= 254):
        parts = joined.lower().split("\n")
        return [p or None for p in parts] if blanks else parts
    return list(map(_email, texts))


def _datetime_column(texts: Sequence[str]) -> list[datetime | None] | None:
    """The fast branch of `_datetime_parser` for a whole list: when every text is blank or a
    zero-padded 2026/09/30[ 18:00[:00]], C's ISO parser reads them all (as JST). None when
    some text needs the full parser (which also needs the file's date order).

    With one layout and no blanks, each distinct day and time of day is checked and parsed
    once and the datetimes are put together by `datetime.combine`, all in map calls."""
    iso = datetime.fromisoformat
    try:
        if len(layout := set(map(len, texts))) == 1 and (width := layout.pop()) in (10, 16, 19):
            day_texts = list(map(_DAY_PART, texts))
            days = {}
            for k in set(day_texts):
                if not _ISO_DAY.fullmatch(k):
                    return None
                days[k] = date.fromisoformat(k.replace("/", "-"))
            day_values = map(days.__getitem__, day_texts)
            if width == 10:
                return list(map(datetime.combine, day_values, repeat(time()), repeat(JST)))
            if set(map(_SEPARATOR, texts)) != {" "}:
                return None
            clock_texts = list(map(_CLOCK_PART, texts))
            clocks = {}
            for k in set(clock_texts):
                if not _ISO_CLOCK.fullmatch(k):
                    return None
                v = iso(_SOME_DAY + k)  # the time as the ISO parser reads it after a date
                if v.date() != _SOME_DATE:
                    return None
                clocks[k] = v.time()
            return list(map(datetime.combine, day_values, map(clocks.__getitem__, clock_texts), repeat(JST)))
        joined = "\n".join(texts)
        n, blanks = len(texts), texts.count("")
        if joined.count("\n") != n - 1 or len(_ISO_LINES.findall(joined)) + blanks != n:
            return None
        parts = joined.replace("/", "-").split("\n")
        if blanks:
            return [iso(t).replace(tzinfo=JST) if t else None for t in parts]
        return list(map(_AS_JST, map(iso, parts)))
    except ValueError:  # e.g. 2026/02/30: the full parser words the problem
        return None


def _chunks(texts: Sequence[str]) -> list[Sequence[str]]:
    return [texts[i:i + PARSE_CHUNK] for i in range(0, len(texts), PARSE_CHUNK)] or [texts]


def parse_accounts(table: Table, *, mapping: dict[str, str | None] | None = None,
                   progress: ProgressFn | None = None, cancel: CancelFlag | None = None) -> ParsedFile:
    """Typed account records for every data row; every bad cell and repeated login as a row error.

    Values: login (lower-case; the email when there is no login column), email, display_name,
    role (the level text), last_login (aware datetime), mfa (bool), status (active | suspended |
    invited; other texts count as active and are listed in the notes).

    Column by column, in chunks of PARSE_CHUNK cells (progress and cancel between chunks): the
    cells of a chunk are cleaned or checked together in a few C calls where they allow it (see
    `clean_column`, `_email_column`, `_datetime_column`), else cell by cell with the same parsers.
    """
    fs = ACCOUNT_FIELDS
    cm = detect_mapping(table.rows, fs, file=table.file, explicit=mapping)
    all_numbers, all_cells = row_columns(table.rows)
    numbers, body = all_numbers[cm.header_index + 1:], all_cells[cm.header_index + 1:]
    total = len(body)
    cols = cm.columns
    parsed = ParsedFile(table.describe(), fs, cm, [], [], list(table.notes))
    narrowest = min(map(len, body), default=0)
    cells: dict[str, list[str]] = {}

    def column(name: str) -> list[str]:
        """The column's cells ("" where a row is shorter)."""
        if name not in cells:
            i = cols[name]
            cells[name] = (list(map(itemgetter(i), body)) if i < narrowest else
                           [r[i] if i < len(r) else "" for r in body])
        return cells[name]

    wanted = [n for n in ("login", "email", "display_name", "role", "last_login", "mfa", "status") if n in cols]
    chunks = len(_chunks(range(total)))
    steps = len(wanted) * chunks or 1

    def tick(step: int) -> None:
        if cancel:
            cancel.check()
        if progress:
            progress(total * step // steps, total, "reading rows")

    dates: list[list[datetime | None] | None] = []
    order = "auto"
    if "last_login" in cols:  # the fast form tells no date order; the other cells tell it
        pieces = _chunks(column("last_login"))
        dates = list(map(_datetime_column, pieces))
        order, note = resolve_date_order(t for p, d in zip(pieces, dates) if d is None for t in p
                                         if t and not t[:4].isdigit() and date_order_hint(t))
        if note:
            parsed.notes.append(note)
    status_choices = ACCOUNT_STATUSES
    # Per field: the cell parser, and what reads a whole chunk at once (None: the cell parser on each).
    parsers: dict[str, tuple[Callable[[str], Any], Callable[[Sequence[str]], list[Any]] | None]] = {
        "login": (lambda t: (v.lower() if (v := fast_clean(t)) else None),
                  lambda p: [v.lower() if v else None for v in clean_column(p)]),
        "email": (_email, _email_column),
        "display_name": (fast_clean, clean_column),
        "role": (_memo(fast_clean), None),
        "last_login": (_datetime_parser(order), None),
        "mfa": (_memo(parse_bool), None),
        "status": (_memo(lambda t: parse_enum(t, status_choices, strict=False)), None),
    }
    columns: dict[str, list[Any]] = {}
    for f, name in enumerate(wanted):
        parse, whole = parsers[name]
        texts = column(name)
        out: list[Any] = []
        try:
            for k, piece in enumerate(_chunks(texts)):
                if name == "last_login" and dates[k] is not None:
                    out += dates[k]
                elif name in MEMO_FIELDS:
                    out += _distinct(parse, piece)
                elif whole is not None:
                    out += whole(piece)
                else:
                    out += map(parse, piece)
                tick(f * chunks + k + 1)
        except ValueProblem:  # cell by cell, every problem of the column as a row error
            out = _column_with_errors(parsed, numbers, name, texts, parse)
            tick((f + 1) * chunks)
        columns[name] = out
    logins = columns["email"] if "login" not in cols else columns["login"]
    columns["login"] = logins
    bad = {e.row for e in parsed.errors}
    _check_logins(parsed, numbers, logins, bad, derived="login" not in cols)
    if "status" in columns:
        odd = {v for v in set(columns["status"]) if v is not None and v not in status_choices}
        if odd:
            statuses = columns["status"]
            for text in sorted(odd):
                parsed.notes.append(f"status {text!r} ({statuses.count(text)} rows) is not a known account "
                                    "status; read as active")
            columns["status"] = ["active" if v in odd else v for v in statuses]
    parsed.records = AccountRecords(numbers, columns, bad)  # type: ignore[assignment]
    if progress:
        progress(total, total, "reading rows")
    return parsed


def _check_logins(parsed: ParsedFile, numbers: list[int], logins: list[str | None], bad: set[int],
                  derived: bool) -> None:
    """Every row needs a login, and no login may repeat; rows found bad are added to `bad`."""
    if None not in logins and len(set(logins)) == len(logins):  # the usual case, checked in C
        return
    label = ACCOUNT_FIELDS.get("login").label
    header = parsed.mapping.header_of("login")
    seen: dict[str, int] = {}
    for number, login in zip(numbers, logins):
        if login is None:
            if number not in bad or not derived:  # a bad email cell standing in for the login is reported
                parsed.errors.append(RowError(number, header, f"{label} is empty"))
                bad.add(number)
        elif login in seen:
            parsed.errors.append(RowError(number, header, f"duplicate {label} {login!r}: "
                                                          f"rows {seen[login]} and {number} are the same"))
            bad.add(number)
        else:
            seen[login] = number


class AccountRecords(Sequence[Record]):
    """An account file's records kept as columns (one list per field); a `Record` is built only
    when one is asked for, so 100,000 rows cost no 100,000 dictionaries."""

    def __init__(self, numbers: list[int], columns: dict[str, list[Any]], bad: set[int]):
        self.numbers, self.columns, self.bad = numbers, columns, bad

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = self.numbers[i]
        return Record(n, {k: col[i] for k, col in self.columns.items()}, ok=n not in self.bad)

    def column(self, name: str) -> Sequence[Any]:
        """The values of one field, None for every row when the file has no such column."""
        return self.columns.get(name) or [None] * len(self.numbers)


def _distinct(parse: Callable[[str], Any], texts) -> list[Any]:
    table = {t: parse(t) for t in set(texts)}
    return list(map(table.__getitem__, texts))


def _column_with_errors(parsed: ParsedFile, numbers: list[int], name: str, texts, parse) -> list[Any]:
    out: list[Any] = []
    for number, text in zip(numbers, texts):
        try:
            out.append(parse(text))
        except ValueProblem as exc:
            out.append(None)
            parsed.add_error(number, name, str(exc))
    return out


# ---------------------------------------------------------------- levels and people

@dataclass(frozen=True)
class LevelRef:
    """A level name an import may meet, and the standard level it stands for."""

    name: str
    standard_level_id: int
    rank: int


class LevelResolver:
    """Maps a file's level text to a standard level: the system's own level names first, then
    the standard names (日本語 or English); a list such as `Admin, Editor` takes its highest."""

    def __init__(self, system_levels: Iterable[LevelRef], standard_levels: Iterable[LevelRef] = ()):
        self._by_key: dict[str, LevelRef] = {}
        for ref in standard_levels:
            self._by_key.setdefault(name_key(ref.name), ref)
        for ref in system_levels:
            self._by_key[name_key(ref.name)] = ref
        self._memo: dict[str, LevelRef | None] = {}

    def resolve(self, text: str | None) -> LevelRef | None:
        if not text:
            return None
        if text in self._memo:
            return self._memo[text]
        hit = self._by_key.get(name_key(text))
        if hit is None:
            parts = [self._by_key.get(name_key(p)) for p in _LEVEL_SPLIT.split(text) if p]
            found = [p for p in parts if p is not None]
            hit = max(found, key=lambda r: r.rank) if found else None
        self._memo[text] = hit
        return hit


def _bucket(text: str) -> str:
    """The first character `name_key(text)` would start with (a cheap pre-filter for name matches)."""
    for ch in text:
        if ch.isspace() or ch in "_-・.:：/":
            continue
        c = ch.casefold()[:1]
        if "ぁ" <= c <= "ゖ" or c in "ゝゞ":
            c = chr(ord(c) + 0x60)
        return c
    return ""


def _lowered(texts: Sequence[str | None]) -> list[str | None]:
    """`[t.lower() if t else None for t in texts]` ("" may stay ""): pure ASCII in one call."""
    try:
        joined = "\n".join(texts)  # type: ignore[arg-type]
    except TypeError:  # None among them
        return [t.lower() if t else None for t in texts]
    if joined.isascii() and joined.count("\n") == len(texts) - 1:
        return joined.lower().split("\n") if texts else []
    return [t.lower() if t else None for t in texts]


@dataclass(frozen=True)
class StaffRef:
    """A stored person as the matcher sees them."""

    id: int
    name: str
    kana: str | None = None
    email: str | None = None


class StaffMatcher:
    """Finds the person an account belongs to: by email, else by one unique name or kana."""

    def __init__(self, staff: Iterable[StaffRef]):
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, set[int]] = {}
        for p in staff:
            if p.email:
                self.by_email[p.email.lower()] = p.id
            for text in (p.name, p.kana):
                if text and (k := name_key(text)):
                    self.by_name.setdefault(k, set()).add(p.id)
        self.buckets = {k[0] for k in self.by_name}

    def match_many(self, emails: Sequence[str | None], names: Sequence[str | None],
                   logins: Sequence[str | None]) -> tuple[list[int | None], list[str]]:
        """`match` of each (email, name, login): staff ids and link statuses, the same answers."""
        by_email, by_name, buckets = self.by_email, self.by_name, self.buckets
        ids = list(map(by_email.get, _lowered(emails)))
        if None in ids and logins is not emails:  # (the login column may be the email column)
            by_login = map(by_email.get, _lowered(logins))
            ids = [sid if sid is not None else other for sid, other in zip(ids, by_login)]
        links = ["none"] * len(ids) if ids.count(None) == len(ids) else [
            "none" if sid is None else "auto" for sid in ids]
        if not buckets:
            return ids, links
        if None not in names and "" not in names:
            # Only names whose first character may start a staff name's key (or is skipped
            # by `_bucket`) need a look; they are picked in C.
            firsts = list(map(itemgetter(0), names))
            worth = {c for c in set(firsts) if not (b := _bucket(c)) or b in buckets}
            rows: Iterable[int] = compress(range(len(names)), map(worth.__contains__, firsts))
        else:
            rows = range(len(names))
        for i in rows:
            name = names[i]
            if ids[i] is None and name and _bucket(name) in buckets and len(
                    found := by_name.get(name_key(name), ())) == 1:
                ids[i], links[i] = next(iter(found)), "uncertain"
        return ids, links

    def match(self, email: str | None, name: str | None, login: str | None = None) -> tuple[int | None, str]:
        """(staff id, "auto" | "uncertain") or (None, "none")."""
        for address in (email, login):
            if address and (sid := self.by_email.get(address.lower())) is not None:
                return sid, "auto"
        if name and _bucket(name) in self.buckets:
            ids = self.by_name.get(name_key(name), set())
            if len(ids) == 1:
                return next(iter(ids)), "uncertain"
        return None, "none"


# ---------------------------------------------------------------- the plan

@dataclass(slots=True)
class KnownAccount:
    """A stored account of the system, as plain data."""

    id: int
    login: str
    email: str | None
    display_name: str | None
    native_level: str | None
    standard_level_id: int | None
    mfa_enabled: bool | None
    last_login_at: datetime | None
    status: str
    staff_id: int | None = None
    link_status: str = "none"


# The columns of an added account, in the order of `AccountPlan.added`'s tuples.
ADDED_COLUMNS = ("login", "email", "display_name", "native_level", "standard_level_id", "mfa_enabled", "last_login_at",
                 "status", "staff_id", "link_status")


@dataclass
class AccountPlan:
    """What an import does; nothing is applied here."""

    added: list[tuple] = field(default_factory=list)  # one tuple per new account, in ADDED_COLUMNS order
    added_rows: list[int] = field(default_factory=list)  # the file row of each added account
    updated: list[dict] = field(default_factory=list)  # {"id", "row", "changes": {col: value}}
    unchanged: int = 0
    removed: list[int] = field(default_factory=list)  # account ids
    linked: int = 0
    unmapped_levels: dict[str, int] = field(default_factory=dict)  # level text -> accounts

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def plan_account_import(parsed: ParsedFile, known: Iterable[KnownAccount], levels: LevelResolver,
                        matcher: StaffMatcher | None = None) -> AccountPlan:
    """Match rows to stored accounts by login and work out every change.

    New accounts (all of them on a first import) are worked out column by column: each level
    text resolved once, staff matched by `StaffMatcher.match_many`.
    """
    plan = AccountPlan()
    stored = {k.login: k for k in known}
    cols = parsed.mapping.columns
    present = [c for c in IMPORTED if SOURCE_OF[c] in cols]
    has_status = "status" in cols
    matcher = matcher or StaffMatcher(())
    records = parsed.records
    fields = ("login", "email", "display_name", "role", "mfa", "last_login", "status")
    if not isinstance(records, AccountRecords):
        records = AccountRecords([r.row for r in records], {f: [r.values.get(f) for r in records] for f in fields},
                                 set())
    numbers = records.numbers
    logins, emails, names, roles, mfas, lasts, statuses = (records.column(f) for f in fields)
    refs = {r: levels.resolve(r) for r in set(roles) if r}
    level_ids = {r: ref.standard_level_id for r, ref in refs.items() if ref is not None}
    if None in refs.values():
        plan.unmapped_levels = dict(Counter(r for r in roles if r and refs[r] is None))
    new: list[int] | None = None  # indexes of rows with no stored account; None: every row
    if stored:
        new = []
        for i, (number, login, email, name, role, mfa, last, status) in enumerate(zip(
                numbers, logins, emails, names, roles, mfas, lasts, statuses)):
            old = stored.pop(login, None)
            if old is None:
                new.append(i)
                continue
            values = {"email": email, "display_name": name, "native_level": role,
                      "standard_level_id": level_ids.get(role) if role else None, "mfa_enabled": mfa,
                      "last_login_at": last, "status": status or "active"}
            changes = {c: values[c] for c in present if getattr(old, c) != values[c]}
            if old.status == "removed":  # back in the list
                if not has_status:
                    changes["status"] = "active"
                changes["removed_at"] = None
            if old.staff_id is None and old.link_status == "none":
                staff_id, link = matcher.match(values["email"] or old.email,
                                               values["display_name"] or old.display_name, old.login)
                if staff_id is not None:
                    changes.update(staff_id=staff_id, link_status=link)
                    plan.linked += 1
            if changes:
                plan.updated.append({"id": old.id, "row": number, "changes": changes})
            else:
                plan.unchanged += 1
    if new is None:
        added = [numbers, logins, emails, names, roles, mfas, lasts, statuses]
    elif new:
        pick = itemgetter(*new)
        added = [list(pick(c)) if len(new) > 1 else [c[new[0]]] for c in
                 (numbers, logins, emails, names, roles, mfas, lasts, statuses)]
    else:
        added = []
    if added:
        a_numbers, a_logins, a_emails, a_names, a_roles, a_mfas, a_lasts, a_statuses = added
        staff_ids, links = matcher.match_many(a_emails, a_names, a_logins)
        plan.linked += len(links) - links.count("none")
        if None in a_statuses or "" in a_statuses:
            a_statuses = [s or "active" for s in a_statuses]
        plan.added = list(zip(a_logins, a_emails, a_names, a_roles, map(level_ids.get, a_roles), a_mfas, a_lasts,
                              a_statuses, staff_ids, links))
        plan.added_rows = list(a_numbers)
    plan.removed = [k.id for k in stored.values() if k.status != "removed"]
    return plan
