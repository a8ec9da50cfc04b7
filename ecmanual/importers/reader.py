"""Open an exported CSV/TSV/XLSX file and return its rows as strings.

The type is decided by the content, not the file name: an XLSX workbook is a ZIP archive
with `xl/workbook.xml`; other binary files (PDF, images, old .xls, archives) are refused.
Text is read as UTF-8 (with or without BOM), then CP932 (Windows Shift_JIS), or UTF-16
with a BOM (Excel's "Unicode text"); the delimiter (comma, tab or semicolon) is chosen by
which one splits the first rows into the same number of columns.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import compress, count, islice
from operator import itemgetter
from pathlib import Path

from ..domain.errors import InputError

logger = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
DELIMITERS = (",", "\t", ";")
SNIFF_ROWS = 30
READ_CHUNK = 2000
CONTROL_CHECK_LINES = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # below 32 but tab, CR, LF, VT and FF

_BINARY_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an old-format Excel (.xls) workbook or a password-protected file; save it as .xlsx without a password, or as CSV"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3\x00", "a SQLite database"),
]


@dataclass(frozen=True)
class SourceRow:
    """One non-blank row: its number as a spreadsheet shows it (1 = first row) and its cells."""

    number: int
    cells: list[str]


class SourceRows(Sequence[SourceRow]):
    """Rows kept as two parallel lists (row numbers, cell lists); a SourceRow is made only when
    one is asked for, so a 100,000-row file costs no 100,000 objects. Slices are SourceRows."""

    __slots__ = ("cells", "numbers")

    def __init__(self, numbers: list[int], cells: list[list[str]]):
        self.numbers, self.cells = numbers, cells

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return SourceRows(self.numbers[i], self.cells[i])
        return SourceRow(self.numbers[i], self.cells[i])

    def __iter__(self):
        return map(SourceRow, self.numbers, self.cells)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SourceRows):
            return self.numbers == other.numbers and self.cells == other.cells
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"SourceRows({len(self)} rows)"


def row_columns(rows: Sequence[SourceRow]) -> tuple[list[int], list[list[str]]]:
    """(row numbers, cell lists) of `rows`, without copying when they are SourceRows."""
    if isinstance(rows, SourceRows):
        return rows.numbers, rows.cells
    return [r.number for r in rows], [r.cells for r in rows]


@dataclass
class Table:
    """The rows of one file, and how the file was read."""

    file: str
    kind: str  # csv | xlsx
    rows: Sequence[SourceRow]
    sha256: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)

    def describe(self) -> dict:
        return {"file": self.file, "kind": self.kind, "encoding": self.encoding,
                "delimiter": self.delimiter, "sheet": self.sheet, "sha256": self.sha256}


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read a file into rows of strings; InputError naming the file on anything unreadable."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"the file is too large ({size // 1024 // 1024} MB; at most {MAX_BYTES // 1024 // 1024} MB)",
                             file=name)
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputError("this is a folder, not a file", file=name) from None
    except PermissionError:
        raise InputError("the file cannot be opened (permission denied or open in another program)",
                         file=name) from None
    except OSError as exc:
        raise InputError(f"the file cannot be read: {exc.strerror or exc}", file=name) from None
    return read_bytes(data, name, sheet=sheet)


def read_bytes(data: bytes, name: str, *, sheet: str | None = None) -> Table:
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip(b" \t\r\n\x00\x1a") or data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise InputError("the file is empty", file=name)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _read_xlsx(data, name, digest, sheet)
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"this is {what}, not a CSV or XLSX file", file=name)
    text, encoding = decode_text(data, name)
    rows, delimiter = _parse_csv(text, name)
    if not rows:
        raise InputError("the file is empty (no rows with any value)", file=name)
    return Table(name, "csv", rows, digest, encoding=encoding, delimiter=delimiter)


def _where(data: bytes, exc: UnicodeDecodeError, offset: int = 0) -> str:
    start = exc.start + offset
    line = data.count(b"\n", 0, start) + 1
    bad = data[start:start + max(1, min(exc.end - exc.start, 4))]
    return f"line {line}, bytes {' '.join(f'0x{b:02x}' for b in bad)}"


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding it was read with: utf-8-sig, utf-8, cp932 or utf-16."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"the file starts as UTF-16 but cannot be decoded ({_where(data, exc)})",
                             file=name) from None
    if b"\x00" in data[:65536]:
        raise InputError("this is a binary file, not a CSV or XLSX file", file=name)
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    try:
        text, encoding = body.decode("utf-8"), ("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as utf8_error:
        if bom:
            raise InputError(f"the file starts with a UTF-8 BOM but is not valid UTF-8 "
                             f"({_where(data, utf8_error, 3)})", file=name) from None
        try:
            text, encoding = data.decode("cp932"), "cp932"
        except UnicodeDecodeError as cp932_error:
            raise InputError(
                f"the text encoding is not UTF-8 ({_where(data, utf8_error)}) and not CP932/Shift_JIS "
                f"({_where(data, cp932_error)}); save the file as UTF-8 or as CSV (Shift_JIS) from Excel",
                file=name) from None
    text = text.rstrip("\x1a")  # DOS end-of-file marker
    for lineno, line in enumerate(_first_lines(text, CONTROL_CHECK_LINES), start=1):
        if _CONTROL.search(line):
            raise InputError(f"line {lineno} contains control characters: this is not a text (CSV) file",
                             file=name)
    return text, encoding


def _first_lines(text: str, count: int) -> list[str]:
    """`text.splitlines()[:count]`, splitting only as much of the text as that needs."""
    size = 256 * count
    while True:
        lines = text[:size].splitlines()
        if len(lines) > count or size >= len(text):  # with a line after them, the first are whole
            return lines[:count]
        size *= 4


def _records(text: str | io.StringIO, delimiter: str, name: str, limit: int | None = None) -> list[list[str]]:
    source = text if isinstance(text, io.StringIO) else io.StringIO(text, newline="")
    reader = csv.reader(source, delimiter=delimiter, quotechar='"',
                        doublequote=True, skipinitialspace=False, strict=False)
    wanted = limit if limit is not None else MAX_ROWS + 1
    out: list[list[str]] = []
    try:  # islice runs the reader in C, in chunks (the GUI thread gets the GIL between them)
        while len(out) < wanted and (chunk := list(islice(reader, min(READ_CHUNK, wanted - len(out))))):
            out += chunk
    except csv.Error as exc:
        raise InputError(f"line {reader.line_num}: the CSV cannot be read ({exc})", file=name) from None
    if limit is None and len(out) > MAX_ROWS:
        raise InputError(f"the file has more than {MAX_ROWS} rows", file=name)
    return out


def _head_records(text: str, delimiter: str, name: str, limit: int) -> list[list[str]]:
    """`_records(text, delimiter, name, limit)`, reading only the start of a long text when the
    rows end inside it (a copy of the whole text per delimiter costs more than the sniffing)."""
    size = 1 << 16
    while size < len(text):
        head = io.StringIO(text[:size], newline="")
        try:
            rows = _records(head, delimiter, name, limit)
        except InputError:
            break  # read it from the whole text, as it would be
        if len(rows) == limit and head.tell() < size:  # the last row ended before the cut
            return rows
        size *= 4
    return _records(text, delimiter, name, limit)


def sniff_delimiter(text: str, name: str = "") -> str:
    """The delimiter that splits most of the first rows into the same number (>1) of columns."""
    best, best_score = ",", (0, 0)
    for d in DELIMITERS:
        try:
            sample = [r for r in _head_records(text, d, name, SNIFF_ROWS) if any(c.strip() for c in r)]
        except InputError:
            continue
        widths = Counter(len(r) for r in sample if len(r) > 1)
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        score = (count, width)
        if score > best_score:
            best, best_score = d, score
    return best


def _parse_csv(text: str, name: str) -> tuple[SourceRows, str]:
    delimiter = sniff_delimiter(text, name)
    records = _records(text, delimiter, name)
    # A row is kept when any cell has a non-space character: "".join(r).strip(), run by map in C,
    # and only for rows whose first cell is blank (usually none; strip() of the rest copies nothing).
    if records and min(map(len, records)) and all(map(str.strip, map(itemgetter(0), records))):
        return SourceRows(list(range(1, len(records) + 1)), records), delimiter
    keep = list(map(bool, map(str.strip, map("".join, records))))
    if all(keep):
        return SourceRows(list(range(1, len(records) + 1)), records), delimiter
    return SourceRows(list(compress(count(1), keep)), list(compress(records, keep))), delimiter


def cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _read_xlsx(data: bytes, name: str, digest: str, sheet: str | None) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except Exception:  # BadZipFile, NotImplementedError (unknown zip version), zlib errors …
        raise InputError("this is a damaged ZIP/XLSX file", file=name) from None
    if "xl/workbook.xml" not in names:
        what = ("a Word document" if "word/document.xml" in names else
                "an OpenDocument spreadsheet (save it as .xlsx or CSV)" if "content.xml" in names else
                "a ZIP archive")
        raise InputError(f"this is {what}, not an XLSX workbook", file=name)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise InputError(f"the XLSX workbook cannot be read ({exc.__class__.__name__}: {exc})", file=name) from None
    except Exception as exc:  # openpyxl raises assorted errors on malformed XML
        logger.warning("unreadable workbook %s", name, exc_info=True)
        raise InputError(f"the XLSX workbook cannot be read ({exc.__class__.__name__})", file=name) from None
    try:
        return _xlsx_rows(wb, name, digest, sheet)
    finally:
        wb.close()


def _sheet_rows(ws, name: str) -> list[SourceRow]:
    ws.reset_dimensions()  # some exporters write wrong dimensions; read what is there
    rows = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise InputError(f"the sheet {ws.title!r} has more than {MAX_ROWS} rows", file=name)
        cells = [cell_text(v) for v in values]
        if any(c.strip() for c in cells):
            rows.append(SourceRow(number, cells))
    return rows


def _xlsx_rows(wb, name: str, digest: str, sheet: str | None) -> Table:
    try:
        worksheets = wb.worksheets
        if sheet is not None:
            matches = [ws for ws in worksheets if ws.title.strip().casefold() == sheet.strip().casefold()]
            if not matches:
                raise InputError(f"no sheet named {sheet!r}; the sheets are "
                                 f"{', '.join(ws.title for ws in worksheets)}", file=name)
            rows = _sheet_rows(matches[0], name)
            if not rows:
                raise InputError(f"the sheet {matches[0].title!r} is empty", file=name)
            return Table(name, "xlsx", rows, digest, sheet=matches[0].title)
        for ws in worksheets:
            if not hasattr(ws, "iter_rows"):
                continue  # chart sheets
            rows = _sheet_rows(ws, name)
            if rows:
                return Table(name, "xlsx", rows, digest, sheet=ws.title)
    except InputError:
        raise
    except Exception as exc:  # malformed sheet XML
        logger.warning("unreadable sheet in %s", name, exc_info=True)
        raise InputError(f"the XLSX workbook cannot be read ({exc.__class__.__name__})", file=name) from None
    raise InputError("the workbook is empty (no sheet has any value)", file=name)
