"""Plain data an area hands to the export layer: a document of sections, tables and a sign-off.

Nothing here knows openpyxl or reportlab; `xlsx.py` and `pdf.py` render the same Document.
Table rows may be a generator, so a large record streams from the database to the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Kind = Literal["text", "date", "datetime", "number", "percent", "bool"]
Orientation = Literal["portrait", "landscape", "auto"]
KINDS = ("text", "date", "datetime", "number", "percent", "bool")
ORIENTATIONS = ("portrait", "landscape", "auto")

# (column index, cell value, whole row) -> fill colour "RRGGBB" or None
CellFill = Callable[[int, Any, Sequence[Any]], "str | None"]
RowFill = Callable[[Sequence[Any]], "str | None"]


@dataclass
class Column:
    """One table column: its header, the kind of value it holds and how it is laid out.

    `width_hint` is in half-width characters (a Japanese character counts two), the unit
    both writers fit widths in; without it the width is fitted to the header and the rows.
    """

    header: str
    kind: Kind = "text"
    width_hint: float | None = None
    wrap: bool = True
    align: Literal["left", "center", "right"] | None = None
    number_format: str | None = None          # Excel number format override
    bool_labels: tuple[str, str] = ("○", "")  # how True/False print in the PDF

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def alignment(self) -> str:
        if self.align:
            return self.align
        return {"number": "right", "percent": "right", "bool": "center"}.get(self.kind, "left")


@dataclass
class Table:
    """Rows under a header. `rows` may be a list or a generator (then set `row_count` for progress)."""

    title: str
    columns: list[Column]
    rows: Iterable[Sequence[Any]]
    row_count: int | None = None
    cell_fill: CellFill | None = None
    row_fill: RowFill | None = None
    legend: list[tuple[str | None, str]] = field(default_factory=list)  # (colour "RRGGBB", meaning)
    note: str | None = None
    sheet_name: str | None = None       # Excel sheet name; default: the title
    empty_text: str = "該当する記録はありません。"

    def expected_rows(self) -> int:
        """Rows announced for progress: `row_count`, else the length of a list, else 0 (unknown)."""
        if self.row_count is not None:
            return self.row_count
        try:
            return len(self.rows)  # type: ignore[arg-type]
        except TypeError:
            return 0


@dataclass
class Section:
    """A titled part of a document: text, label/value pairs, tables, then subsections."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    key_values: list[tuple[str, Any]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    orientation: Orientation | None = None   # None: the document's
    new_page: bool = False

    def walk(self, level: int = 0) -> Iterator[tuple[int, Section]]:
        yield level, self
        for child in self.children:
            yield from child.walk(level + 1)


@dataclass
class SignBox:
    """One approval box (作成 / 確認 / 承認): filled from the app, or left empty for a hand seal."""

    label: str
    name: str | None = None
    date: date | datetime | None = None

    @property
    def filled(self) -> bool:
        return bool(self.name)


@dataclass
class SignOff:
    """The sign-off block; boxes print left to right in list order."""

    boxes: list[SignBox]
    note: str | None = None

    @classmethod
    def standard(cls, prepared: tuple[str, Any] | None = None, checked: tuple[str, Any] | None = None,
                 approved: tuple[str, Any] | None = None, note: str | None = None) -> SignOff:
        """承認・確認・作成, left to right as on Japanese forms; each given as (name, date) or None."""
        def box(label: str, who: tuple[str, Any] | None) -> SignBox:
            return SignBox(label, *(who or (None, None)))
        return cls([box("承認", approved), box("確認", checked), box("作成", prepared)], note)


@dataclass
class Document:
    """Everything one exported record holds. The export service fills id, time and author."""

    title: str
    sections: list[Section] = field(default_factory=list)
    org_name: str = ""
    doc_id: str = ""
    period: str | None = None
    generated_at: datetime | None = None
    generated_by: str = ""
    orientation: Orientation = "auto"
    signoff: SignOff | None = None
    wareki: bool = False
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)   # extra label/value lines in the title block
    cover: bool = False          # a cover page of its own (the binder) instead of a title block
    toc: bool | None = None      # None: a table of contents when there is more than one section
    cover_notes: list[str] = field(default_factory=list)
    timezone: str | None = None  # IANA name for printed times; None: this computer's zone

    def __post_init__(self) -> None:
        if self.orientation not in ORIENTATIONS:
            raise ValueError(f"unknown orientation {self.orientation!r}")

    @property
    def wants_toc(self) -> bool:
        if self.toc is not None:
            return self.toc
        return sum(1 for s in self.sections for _ in s.walk()) > 1

    def walk(self) -> Iterator[tuple[int, Section]]:
        for section in self.sections:
            yield from section.walk()

    def tables(self) -> Iterator[Table]:
        for _, section in self.walk():
            yield from section.tables

    def expected_rows(self) -> int:
        return sum(t.expected_rows() for t in self.tables())
