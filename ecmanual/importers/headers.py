"""Field specs, header-row detection and column mapping by known Japanese and English names.

Header names are compared after normalisation (NFKC, case-folded, hiragana as katakana,
spaces, underscores, hyphens and dots ignored): `E-mail`, `ＥＭＡＩＬ` and `e mail` are the
same. A header that matches no alias exactly is tried again without bracketed notes and
markers (`メールアドレス（必須）`, `氏名*`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.errors import InputError, RowError
from .reader import SourceRow
from .values import clean, key

HEADER_SCAN_ROWS = 10
FIELD_TYPES = ("text", "email", "date", "datetime", "bool", "enum")


@dataclass(frozen=True)
class FieldSpec:
    """One field an importer understands: its names in exports, whether required, its type.

    `derive_from` names fields whose values, joined by a space, stand in for this one when
    its own column is absent (姓 + 名 for 氏名; the email for a login).
    """

    name: str
    label: str
    aliases: tuple[str, ...]
    required: bool = False
    type: str = "text"
    choices: dict[str, tuple[str, ...]] | None = None
    strict: bool = True  # enum: refuse values outside `choices`
    derive_from: tuple[str, ...] = ()
    multiline: bool = False  # text: keep line breaks inside the cell

    def __post_init__(self):
        if self.type not in FIELD_TYPES:
            raise ValueError(f"unknown field type {self.type!r}")


@dataclass(frozen=True)
class FieldSet:
    """The fields of one kind of file (staff list, a system's account list)."""

    name: str
    fields: tuple[FieldSpec, ...]

    def get(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def names(self) -> list[str]:
        return [f.name for f in self.fields]


@dataclass(frozen=True)
class UnmappedColumn:
    """A column of the file that no field takes, and why."""

    column: str
    reason: str

    def as_dict(self) -> dict:
        return {"column": self.column, "reason": self.reason}


@dataclass
class ColumnMapping:
    """Which column of the file feeds which field, found on which row."""

    header_row: int  # source row number of the header
    header_index: int  # index of the header in the table's rows
    headers: list[str]  # the header texts as in the file
    columns: dict[str, int]  # field name -> column index
    unmapped: list[UnmappedColumn] = field(default_factory=list)
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> fields joined

    def header_of(self, field_name: str) -> str:
        """The column header text as in the file (for error messages)."""
        if field_name in self.columns:
            return self.headers[self.columns[field_name]]
        if field_name in self.derived:
            return " + ".join(self.header_of(p) for p in self.derived[field_name])
        return field_name

    def as_dict(self) -> dict:
        return {"header_row": self.header_row,
                "columns": {f: self.headers[i] for f, i in self.columns.items()},
                "derived": {f: list(p) for f, p in self.derived.items()},
                "unmapped": [u.as_dict() for u in self.unmapped]}


_BRACKETS = re.compile(r"[(\[【<{（［「].*?[)\]】>}）］」]")


def header_key(text: object) -> str:
    return key(text)


def loose_key(text: object) -> str:
    """The header without bracketed notes and required/optional markers."""
    s = _BRACKETS.sub("", clean(text) or "")
    s = re.sub(r"[*＊※]|必須|任意|optional|required", "", s, flags=re.I)
    return key(s)


_INDEXES: dict[int, tuple[FieldSet, dict[str, str]]] = {}


def _index(fieldset: FieldSet) -> dict[str, str]:
    """Normalised alias -> field name (cached per field set; the first field naming an alias wins)."""
    cached = _INDEXES.get(id(fieldset))
    if cached is not None and cached[0] is fieldset:
        return cached[1]
    idx: dict[str, str] = {}
    for f in fieldset.fields:
        for alias in (f.name, f.label, *f.aliases):
            idx.setdefault(header_key(alias), f.name)
    _INDEXES[id(fieldset)] = (fieldset, idx)
    return idx


def match_header(fieldset: FieldSet, text: object) -> str | None:
    """The field a header names, or None."""
    idx = _index(fieldset)
    return idx.get(header_key(text)) or idx.get(loose_key(text))


def _auto_columns(fieldset: FieldSet, headers: list[str],
                  taken: dict[str, int]) -> tuple[dict[str, int], list[UnmappedColumn]]:
    """Exact names first, then names without bracketed notes; the first column naming a field wins."""
    columns = dict(taken)
    idx = _index(fieldset)
    found: dict[int, str | None] = {}
    for exact in (True, False):
        for i, h in enumerate(headers):
            if i in taken.values() or i in found or not clean(h):
                continue
            name = idx.get(header_key(h) if exact else loose_key(h))
            if name is not None and name not in columns:
                columns[name] = i
                found[i] = name
            elif name is not None or not exact:
                found[i] = name
    unmapped: list[UnmappedColumn] = []
    for i, name in sorted(found.items()):
        if name is None:
            unmapped.append(UnmappedColumn(headers[i], "not a known column name; ignored"))
        elif columns[name] != i:
            unmapped.append(UnmappedColumn(headers[i], f"also names {fieldset.get(name).label}, already read from "
                                                       f"column {headers[columns[name]]!r}; ignored"))
    return columns, unmapped


def _score(fieldset: FieldSet, cells: list[str]) -> int:
    idx = _index(fieldset)
    return len({n for c in cells if (n := idx.get(header_key(c)) or idx.get(loose_key(c)))})


def _label_list(fieldset: FieldSet) -> str:
    """氏名/Name, メールアドレス/Email, … (the label and its first English alias)."""
    def english(f: FieldSpec) -> str | None:
        return next((a for a in f.aliases if a.isascii()), None)
    return ", ".join(f"{f.label}/{e}" if (e := english(f)) else f.label for f in fieldset.fields if not f.name.startswith(
        ("family_", "given_")))


def detect_mapping(rows: list[SourceRow], fieldset: FieldSet, *, file: str,
                   explicit: dict[str, str | None] | None = None) -> ColumnMapping:
    """Find the header row among the first rows and map its columns to fields.

    `explicit` maps field names to header texts as in the file (from a mapping dialog);
    a None value leaves that field out; fields it does not name are still detected.
    """
    scan = rows[:HEADER_SCAN_ROWS]
    if not scan:
        raise InputError("the file has no rows", file=file)
    explicit = dict(explicit or {})
    unknown = [name for name in explicit if name not in fieldset.names()]
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r} in the column mapping; fields are "
                         f"{', '.join(fieldset.names())}", file=file)
    wanted = {header_key(h) for h in explicit.values() if h}
    best, best_score = None, 0
    for i, row in enumerate(scan):
        keys = {header_key(c) for c in row.cells}
        if wanted and not wanted <= keys:
            continue
        score = _score(fieldset, row.cells) + len(wanted)
        filled = sum(1 for c in row.cells if clean(c))
        # Two known names make a header; a one-column file needs its only cell to be known.
        if (score >= 2 or (score >= 1 and score >= filled)) and score > best_score:
            best, best_score = i, score
    if best is None:
        if wanted:
            missing = [h for h in explicit.values() if h]
            raise InputError(f"no row among the first {HEADER_SCAN_ROWS} has the columns "
                             f"{', '.join(missing)}", file=file)
        raise InputError(f"no header row found among the first {HEADER_SCAN_ROWS} rows; expected column names "
                         f"such as {_label_list(fieldset)}", file=file)
    header = scan[best]
    raw_headers = list(header.cells)
    headers = [(c or "").strip() for c in raw_headers]
    taken: dict[str, int] = {}
    for name, text in explicit.items():
        if text:
            taken[name] = next(i for i, h in enumerate(raw_headers) if header_key(h) == header_key(text))
    columns, unmapped = _auto_columns(fieldset, raw_headers, taken)
    for name, text in explicit.items():
        if text is None and name in columns:
            unmapped.append(UnmappedColumn(raw_headers[columns.pop(name)], "left out by the column mapping"))
    derived: dict[str, tuple[str, ...]] = {}
    for f in fieldset.fields:
        if f.name not in columns and f.derive_from and all(p in columns for p in f.derive_from):
            derived[f.name] = f.derive_from
    mapping = ColumnMapping(header.number, best, headers, columns, unmapped, derived)
    missing = [f for f in fieldset.fields if f.required and f.name not in columns and f.name not in derived]
    if missing:
        errors = [RowError(header.number, f.label, f"required column {f.label} is missing; accepted names: "
                           + ", ".join(dict.fromkeys((f.label, *f.aliases)))) for f in missing]
        raise InputError("required columns are missing: " + ", ".join(f.label for f in missing),
                         file=file, errors=errors)
    return mapping

