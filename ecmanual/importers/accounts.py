"""Read a SaaS system's account list and plan what an import changes.

`parse_accounts` is the importer layer's `parse_table` for ACCOUNT_FIELDS with a fast cell
loop: the same header detection (`detect_mapping`), the same parsers and messages, but
clean values take a short path and repeated values (levels, yes/no, statuses, dates) are
parsed once per file, so 100,000 rows read in well under a second. Anything unusual falls
back to the layer's own parser, so results and errors are the same.

`plan_account_import` is pure: stored accounts and levels in, added/updated/unchanged/
removed out. Logins are compared case-insensitively (stored lower-case); a column the file
does not have leaves the stored value alone; an account missing from the file is removed.
New and unlinked accounts are linked to staff by email (auto), else by a unique name or
kana match (uncertain: the reviewer confirms).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import zip_longest
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..domain.errors import RowError
from .fieldsets import ACCOUNT_FIELDS, ACCOUNT_STATUSES
from .headers import detect_mapping
from .reader import Table
from .result import ParsedFile, Record
from .values import (
    JST, ValueProblem, clean, date_order_hint, name_key, parse_bool, parse_datetime, parse_email,
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


def parse_accounts(table: Table, *, mapping: dict[str, str | None] | None = None,
                   progress: ProgressFn | None = None) -> ParsedFile:
    """Typed account records for every data row; every bad cell and repeated login as a row error.

    Values: login (lower-case; the email when there is no login column), email, display_name,
    role (the level text), last_login (aware datetime), mfa (bool), status (active | suspended |
    invited; other texts count as active and are listed in the notes).
    """
    fs = ACCOUNT_FIELDS
    cm = detect_mapping(table.rows, fs, file=table.file, explicit=mapping)
    body = table.rows[cm.header_index + 1:]
    cols = cm.columns
    parsed = ParsedFile(table.describe(), fs, cm, [], [], list(table.notes))
    order = "auto"
    if "last_login" in cols:
        i = cols["last_login"]
        order, note = resolve_date_order(t for r in body if i < len(r.cells) and (t := r.cells[i])
                                         and not t[:4].isdigit() and date_order_hint(t))
        if note:
            parsed.notes.append(note)
    status_choices = ACCOUNT_STATUSES
    parsers: list[tuple[str, int, Callable[[str], Any]]] = []
    for name, parse in (("login", lambda t: (v.lower() if (v := fast_clean(t)) else None)), ("email", _email),
                        ("display_name", fast_clean), ("role", _memo(fast_clean)),
                        ("last_login", _datetime_parser(order)), ("mfa", _memo(parse_bool)),
                        ("status", _memo(lambda t: parse_enum(t, status_choices, strict=False)))):
        if name in cols:
            parsers.append((name, cols[name], parse))
    # Column by column: one transposition and one comprehension per column run at C speed.
    transposed = list(zip_longest(*(r.cells for r in body), fillvalue="")) if body else []
    columns: dict[str, list[Any]] = {}
    for name, i, parse in parsers:
        texts = transposed[i] if i < len(transposed) else ("",) * len(body)
        try:
            columns[name] = _distinct(parse, texts) if name in MEMO_FIELDS else list(map(parse, texts))
        except ValueProblem:
            columns[name] = _column_with_errors(parsed, body, name, texts, parse)
    numbers = [r.number for r in body]
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
        progress(len(body), len(body), "reading rows")
    return parsed


def _check_logins(parsed: ParsedFile, numbers: list[int], logins: list[str | None], bad: set[int],
                  derived: bool) -> None:
    """Every row needs a login, and no login may repeat; rows found bad are added to `bad`."""
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
    return [table[t] for t in texts]


def _column_with_errors(parsed: ParsedFile, body, name: str, texts, parse) -> list[Any]:
    out: list[Any] = []
    for r, text in zip(body, texts):
        try:
            out.append(parse(text))
        except ValueProblem as exc:
            out.append(None)
            parsed.add_error(r.number, name, str(exc))
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


@dataclass
class AccountPlan:
    """What an import does; nothing is applied here."""

    added: list[dict] = field(default_factory=list)  # column values (with "row")
    updated: list[dict] = field(default_factory=list)  # {"id", "row", "changes": {col: value}, "values": all}
    unchanged: int = 0
    removed: list[int] = field(default_factory=list)  # account ids
    linked: int = 0
    unmapped_levels: dict[str, int] = field(default_factory=dict)  # level text -> accounts

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def plan_account_import(parsed: ParsedFile, known: Iterable[KnownAccount], levels: LevelResolver,
                        matcher: StaffMatcher | None = None) -> AccountPlan:
    """Match rows to stored accounts by login and work out every change."""
    plan = AccountPlan()
    stored = {k.login: k for k in known}
    cols = parsed.mapping.columns
    present = [c for c in IMPORTED if SOURCE_OF[c] in cols]
    has_status = "status" in cols
    matcher = matcher or StaffMatcher(())
    records = parsed.records
    if not isinstance(records, AccountRecords):
        records = AccountRecords([r.row for r in records], {f: [r.values.get(f) for r in records] for f in
                                                            ("login", "email", "display_name", "role", "mfa",
                                                             "last_login", "status")}, set())
    unmapped = plan.unmapped_levels
    for number, login, email, name, role, mfa, last, status in zip(
            records.numbers, *(records.column(f) for f in ("login", "email", "display_name", "role", "mfa",
                                                           "last_login", "status"))):
        ref = levels.resolve(role) if role else None
        if role and ref is None:
            unmapped[role] = unmapped.get(role, 0) + 1
        old = stored.pop(login, None)
        if old is None:
            staff_id, link = matcher.match(email, name, login)
            plan.linked += staff_id is not None
            plan.added.append({"row": number, "login": login, "email": email, "display_name": name,
                               "native_level": role, "standard_level_id": ref.standard_level_id if ref else None,
                               "mfa_enabled": mfa, "last_login_at": last, "status": status or "active",
                               "staff_id": staff_id, "link_status": link})
            continue
        new = {"email": email, "display_name": name, "native_level": role,
               "standard_level_id": ref.standard_level_id if ref else None, "mfa_enabled": mfa,
               "last_login_at": last, "status": status or "active"}
        changes = {c: new[c] for c in present if getattr(old, c) != new[c]}
        if old.status == "removed":  # back in the list
            if not has_status:
                changes["status"] = "active"
            changes["removed_at"] = None
        if old.staff_id is None and old.link_status == "none":
            staff_id, link = matcher.match(new["email"] or old.email, new["display_name"] or old.display_name,
                                           old.login)
            if staff_id is not None:
                changes.update(staff_id=staff_id, link_status=link)
                plan.linked += 1
        if changes:
            plan.updated.append({"id": old.id, "row": number, "changes": changes})
        else:
            plan.unchanged += 1
    plan.removed = [k.id for k in stored.values() if k.status != "removed"]
    return plan
