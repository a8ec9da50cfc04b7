"""Excel records in openpyxl's write-only mode: a summary sheet, then one sheet per table.

Rows stream straight to the sheet, so memory stays flat. User text that a spreadsheet would
read as a formula (=, +, -, @) is stored as a string cell with Excel's quote prefix: Excel
shows the text as typed and never evaluates it, not even after the cell is edited.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from . import wareki
from .cells import FORMULA_START, MAX_WRAP_WIDTH, Clock, clean, natural_widths, sample
from .model import Column, Document, Table
from .progress import Tracker

logger = logging.getLogger(__name__)

SUMMARY_SHEET = "概要"
PAPER_A4 = 9
DATE_NF, DATETIME_NF, PERCENT_NF = "yyyy/mm/dd", "yyyy/mm/dd hh:mm", "0.0%"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = "D9D9D9"
LANDSCAPE_WIDTH = 110  # half-width characters beyond which a sheet prints landscape


def _utf16_cut(text: str, limit: int) -> str:
    """Cut to `limit` UTF-16 code units, the unit Excel counts sheet-name length in."""
    out, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > limit:
            break
        out.append(ch)
    return "".join(out)


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, no edge apostrophes, at most 31 characters."""
    name = _BAD_SHEET_CHARS.sub("_", clean(title or "")).strip().strip("'").strip() or "Sheet"
    if name.lower() == "history":  # reserved by Excel
        name += "_"
    base = name = _utf16_cut(name, 31).rstrip("'").rstrip() or "Sheet"
    n = 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name = _utf16_cut(base, 31 - len(suffix)).rstrip("'").rstrip() + suffix
        n += 1
    taken.add(name.lower())
    return name


class _Styles:
    """Cell style arrays built once and copied into each styled cell (cheap in write-only mode)."""

    def __init__(self, sheet):
        self._scratch = sheet  # a cell needs a sheet to register styles in the workbook
        self._cache: dict[tuple, Any] = {}
        self.fills: dict[str, PatternFill] = {}

    def get(self, nf: str | None = None, wrap: bool = False, bold: bool = False, fill: str | None = None,
            align: str | None = None, box: bool = False, quote: bool = False, size: float | None = None):
        key = (nf, wrap, bold, fill, align, box, quote, size)
        proto = self._cache.get(key)
        if proto is None:
            cell = Cell(self._scratch, 1, 1)
            if nf:
                cell.number_format = nf
            if wrap or align:
                cell.alignment = Alignment(wrap_text=wrap or None, horizontal=align, vertical="top")
            if bold or size:
                cell.font = Font(bold=bold, size=size)
            if fill:
                cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
            if box:
                cell.border = _BOX
            if quote:
                cell.quotePrefix = True
            proto = self._cache[key] = cell._style
        return proto


class XlsxWriter:
    """Writes one Document to one .xlsx file."""

    def __init__(self, document: Document, tracker: Tracker):
        self.doc = document
        self.tracker = tracker
        self.clock = Clock(document.timezone)
        self.wb = Workbook(write_only=True)
        self.summary = self.sheet(SUMMARY_SHEET)
        self.styles = _Styles(self.summary)

    # --- cells -------------------------------------------------------------------------
    def cell(self, ws, value: Any, **style) -> Cell:
        c = Cell(ws, 1, 1, value, style_array=self.styles.get(**style))
        if isinstance(value, str) and value.startswith(FORMULA_START):
            c.data_type = "s"  # openpyxl marks "=…" as a formula; it must stay text
        return c

    def text(self, ws, value: str, wrap: bool = False, fill: str | None = None, bold: bool = False) -> Any:
        value = clean(value)
        quote = value.startswith(FORMULA_START)
        if quote or wrap or fill or bold:
            return self.cell(ws, value, wrap=wrap, fill=fill, bold=bold, quote=quote)
        return value

    def value(self, ws, v: Any, col: Column | None = None, wrap: bool = False, fill: str | None = None) -> Any:
        """Any value as a cell: dates as real dates, text safe from formula evaluation."""
        if v is None:
            return self.cell(ws, None, fill=fill) if fill else None
        if isinstance(v, str):
            return self.text(ws, v, wrap=wrap, fill=fill)
        kind = col.kind if col else "text"
        nf = col.number_format if col else None
        if isinstance(v, datetime):
            return self.cell(ws, self.clock.local(v), nf=nf or (DATE_NF if kind == "date" else DATETIME_NF), fill=fill)
        if isinstance(v, date):
            return self.cell(ws, v, nf=nf or DATE_NF, fill=fill)
        if isinstance(v, int | float | Decimal) and not isinstance(v, bool) and (kind == "percent" or nf):
            return self.cell(ws, v, nf=nf or PERCENT_NF, fill=fill)
        if not isinstance(v, int | float | Decimal | bool):
            return self.text(ws, str(v), wrap=wrap, fill=fill)
        return self.cell(ws, v, fill=fill) if fill else v

    def _converter(self, ws, col: Column, wrap: bool) -> Callable[[Any], Any] | None:
        """Per-column conversion; None where openpyxl's own handling is already right."""
        if col.kind in ("number", "bool") and not col.number_format:
            def conv(v: Any) -> Any:
                return self.value(ws, v, col, wrap) if isinstance(v, str | date) else v
            return conv
        if col.kind in ("date", "datetime"):
            proto = self.styles.get(nf=col.number_format or (DATE_NF if col.kind == "date" else DATETIME_NF))
            tz = self.clock.tz

            def conv(v: Any) -> Any:  # hot path: one styled cell per date, nothing else
                cls = v.__class__
                if cls is datetime:
                    if v.tzinfo is not None:
                        v = v.astimezone(tz).replace(tzinfo=None)
                    return Cell(ws, 1, 1, v, style_array=proto)
                if cls is date:
                    return Cell(ws, 1, 1, v, style_array=proto)
                return self.value(ws, v, col, wrap)
            return conv
        if col.kind == "text" and not wrap:
            starts = FORMULA_START
            def conv(v: Any) -> Any:  # the hot path: plain text passes through untouched
                if v.__class__ is str and not v.startswith(starts) and v.isprintable():
                    return v
                return self.value(ws, v, col, wrap)
            return conv
        return lambda v: self.value(ws, v, col, wrap)

    # --- sheets ------------------------------------------------------------------------
    def _print_setup(self, ws, landscape: bool, title_rows: str | None) -> None:
        ws.page_setup.paperSize = PAPER_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.8, bottom=0.7, header=0.3, footer=0.3)
        if title_rows:
            ws.print_title_rows = title_rows
        hf = ws.HeaderFooter
        hf.oddHeader.left.text = _hf_escape(self.doc.org_name)
        hf.oddHeader.center.text = _hf_escape(self.doc.title)
        hf.oddHeader.right.text = _hf_escape(self.doc.doc_id)
        hf.oddFooter.center.text = "&P / &N"
        hf.oddFooter.right.text = _hf_escape(self.doc.period or "")

    def sheet(self, name: str):
        ws = self.wb.create_sheet(name)
        ws._values_to_row = _values_to_row_for(ws)
        return ws

    def write_table(self, name: str, table: Table) -> int:
        ws = self.sheet(name)
        cols = table.columns
        head, rows = sample(table.rows)
        widths = natural_widths(cols, head, self.clock)
        wraps = [c.wrap and c.kind == "text" and w >= MAX_WRAP_WIDTH for c, w in zip(cols, widths)]
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w + 1
        ws.freeze_panes = "A2"
        orientation = self.doc.orientation
        landscape = orientation == "landscape" or (orientation == "auto" and sum(widths) > LANDSCAPE_WIDTH)
        self._print_setup(ws, landscape, "1:1")
        ws.print_options.gridLines = True  # data cells carry no borders: print the grid instead
        ws.append([self.cell(ws, clean(c.header), bold=True, fill=_HEADER_FILL, box=True, wrap=True,
                             align="center") for c in cols])
        convs = [self._converter(ws, c, w) for c, w in zip(cols, wraps)]
        ncols = len(cols)
        fills = table.cell_fill or table.row_fill
        tracker, n = self.tracker, 0
        for row in rows:
            if len(row) != ncols:
                row = (list(row) + [None] * ncols)[:ncols]
            if fills:
                ws.append(self._filled_row(ws, table, row, wraps))
            else:
                ws.append([v if f is None or v is None else f(v) for f, v in zip(convs, row)])
            n += 1
            if not n & 255:
                tracker.advance(256, table.title)
        tracker.advance(n & 255, table.title)
        ws.auto_filter.ref = f"A1:{get_column_letter(max(ncols, 1))}{n + 1}"
        return n

    def _filled_row(self, ws, table: Table, row: Sequence[Any], wraps: list[bool]) -> list[Any]:
        row_colour = table.row_fill(row) if table.row_fill else None
        out = []
        for i, (col, v) in enumerate(zip(table.columns, row)):
            colour = (table.cell_fill(i, v, row) if table.cell_fill else None) or row_colour
            out.append(self.value(ws, v, col, wraps[i], fill=colour))
        return out

    def write_summary(self, ws, sheets: dict[int, tuple[str, int]]) -> None:
        """Title block, sign-off, sections (text, key/values, links to table sheets)."""
        doc = self.doc
        for letter, width in zip("ABCDEF", (16, 34, 12, 12, 12, 40)):
            ws.column_dimensions[letter].width = width
        self._print_setup(ws, False, None)
        ws.append([self.text(ws, doc.org_name)])
        ws.append([self.cell(ws, clean(doc.title), bold=True, size=16)])
        ws.append([])
        meta: list[tuple[str, Any]] = [("文書番号", doc.doc_id), ("対象期間", doc.period or ""),
                                       ("作成日時", doc.generated_at), ("作成者", doc.generated_by)]
        if doc.wareki and doc.generated_at:
            meta.append(("作成日（和暦）", wareki.to_wareki(self.clock.local(doc.generated_at))))
        meta += list(doc.properties.items())
        sign = doc.signoff.boxes[:3] if doc.signoff else []
        sign_rows = self._sign_rows(ws, sign, len(meta)) if sign else []
        for i, (label, value) in enumerate(meta + [("", None)] * (len(sign_rows) - len(meta))):
            line = [self.cell(ws, label, bold=True) if label else None, self.value(ws, value)]
            ws.append(line + (sign_rows[i] if i < len(sign_rows) else []))
        if doc.signoff and doc.signoff.note:
            ws.append([None, self.text(ws, doc.signoff.note)])
        index = 0
        for level, section in doc.walk():
            ws.append([])
            ws.append([self.cell(ws, "　" * level + clean(section.title), bold=True, size=12 if level == 0 else None)])
            for para in section.paragraphs:
                for line in clean(para).split("\n"):
                    ws.append([self.text(ws, line)])
            for label, value in section.key_values:
                ws.append([self.text(ws, str(label), bold=True), self.value(ws, value)])
            for table in section.tables:
                name, count = sheets[index]
                index += 1
                link = self.cell(ws, name)
                link.hyperlink = Hyperlink(ref="A1", location=f"'{name}'!A1")  # ref set when written
                link.style = "Hyperlink"
                ws.append([self.text(ws, clean(table.title), bold=True), link, f"{count:,}件"])
                if table.note:
                    ws.append([None, self.text(ws, table.note)])
                for colour, meaning in table.legend:
                    ws.append([self.cell(ws, None, fill=colour, box=True) if colour else None, self.text(ws, meaning)])
        ws.append([])
        ws.append([self.text(ws, "この記録は ecmanual が出力しました。受け取ったファイルが出力時のままかは "
                                 "`check-export` で照合できます。")])

    def _sign_rows(self, ws, boxes, meta_rows: int) -> list[list[Any]]:
        """Columns C.. of the first rows: labels, a tall seal row, names, dates."""
        labels = [self.cell(ws, b.label, bold=True, fill=_HEADER_FILL, box=True, align="center") for b in boxes]
        seal = [self.cell(ws, clean(b.name) if b.filled else None, box=True, align="center") for b in boxes]
        dates = [self.cell(ws, self.clock.local(b.date) if isinstance(b.date, datetime) else b.date,
                           nf=DATE_NF, box=True, align="center") for b in boxes]
        ws.row_dimensions[5].height = 42  # the seal row (row 4 holds the first meta line)
        rows = [labels, seal, dates]
        if self.doc.wareki:
            rows.append([self.text(ws, wareki.to_wareki(b.date)) if b.date else None for b in boxes])
        return rows

    def _properties(self) -> None:
        doc, props = self.doc, self.wb.properties
        props.title = doc.title
        props.subject = doc.subject or doc.title
        props.creator = doc.generated_by or "ecmanual"
        props.lastModifiedBy = doc.generated_by or "ecmanual"
        props.identifier = doc.doc_id
        props.keywords = ", ".join(["ecmanual", *doc.keywords, doc.doc_id])
        props.description = f"ecmanual {doc.doc_id}"
        props.language = "ja-JP"
        if doc.generated_at:
            props.created = props.modified = doc.generated_at.astimezone(UTC).replace(tzinfo=None)
        self.wb.custom_doc_props.append(StringProperty(name="ecmanual.document_id", value=doc.doc_id or "-"))

    def write(self, path) -> dict:
        try:
            return self._write(path)
        except BaseException:
            self._drop_temp_files()
            raise

    def _drop_temp_files(self) -> None:
        """openpyxl streams each sheet to a temp file; close and remove those of an abandoned book."""
        for ws in self.wb.worksheets:
            w = getattr(ws, "_writer", None)
            if w is None:
                continue
            for close in (getattr(ws._rows, "close", None), w.close):  # rows first, then the stream
                try:
                    if close:
                        close()
                except Exception:  # noqa: BLE001 - a broken stream is being thrown away anyway
                    logger.debug("closing an abandoned sheet stream", exc_info=True)
            try:
                os.remove(w.out)
            except OSError:
                pass

    def _write(self, path) -> dict:
        taken = {SUMMARY_SHEET.lower()}
        sheets: dict[int, tuple[str, int]] = {}
        rows = 0
        for table in self.doc.tables():
            self.tracker.check()
            name = sheet_name(table.sheet_name or table.title, taken)
            count = self.write_table(name, table)
            sheets[len(sheets)] = (name, count)
            rows += count
        self.write_summary(self.summary, sheets)
        self._properties()
        self.tracker.check()
        self.tracker.message("saving")
        self.wb.save(path)
        return {"rows": rows, "sheets": 1 + len(sheets)}


def _values_to_row_for(ws):
    """openpyxl's row conversion without its exception round trip for ready-made cells.

    `WriteOnlyWorksheet._values_to_row` tries `cell.value = value` first and only takes a
    Cell after that raises (formatting the cell's repr each time): a third of the cost of a
    styled cell. Same behaviour otherwise; if openpyxl renames the hook this is merely unused.
    """
    def values_to_row(values, row_idx):
        plain = Cell(ws, 1, 1)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if value.__class__ is Cell:
                cell = value
            else:
                if plain.has_style:  # a date bound to the shared cell got a number format
                    plain = Cell(ws, 1, 1)
                plain.value = value
                cell = plain
            cell.column = col_idx
            cell.row = row_idx
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell
    return values_to_row


def _hf_escape(text: str) -> str:
    # "&" starts a header/footer code in Excel.
    return clean(text or "").replace("&", "&&")


def write_xlsx(document: Document, path, tracker: Tracker) -> dict:
    return XlsxWriter(document, tracker).write(path)
