"""A table that streams its rows into the PDF one page at a time.

Platypus normally needs the whole table in memory and re-measures the remainder on every
page. `StreamTable` instead pulls rows from the (possibly generator) source only as a page
needs them, measures each row once, and hands platypus a `LongTable` per page holding the
header row plus exactly the rows that fit. So memory stays flat, the header repeats on every
page, and progress and cancellation are checked once per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from .cells import Clock, comfortable_width, format_value, natural_widths, sample
from .model import Column, Table
from .pdf_style import (
    CELL_LEADING, CELL_SIZE, FONT, FONT_BOLD_NAME, GRID, HEADER_BG, PAD_X, PAD_Y, UNIT, Styles,
    para_text, string_width,
)
from .progress import Tracker

_COLOURS: dict[str, colors.Color] = {}


def _colour(hex_rgb: str) -> colors.Color:
    c = _COLOURS.get(hex_rgb)
    if c is None:
        c = _COLOURS[hex_rgb] = colors.HexColor("#" + hex_rgb.lstrip("#"))
    return c


MIN_FIRST = 3        # rows a table must start with on a page (unless it has fewer)
MIN_WRAP_UNITS = 8   # a wrapping column is not squeezed below this many half-width characters
_ALIGN = {"left": "LEFT", "center": "CENTRE", "right": "RIGHT"}


def fit_widths(columns: Sequence[Column], units: Sequence[float], avail: float) -> list[float]:
    """Column widths in points filling `avail`: wrapping columns give or take the slack first."""
    natural = [u * UNIT + 2 * PAD_X for u in units]
    total = sum(natural)
    flexible = [i for i, c in enumerate(columns) if c.wrap and c.kind == "text"] or list(range(len(columns)))
    if total <= avail:
        base = sum(natural[i] for i in flexible) or 1.0
        extra = avail - total
        return [w + (extra * w / base if i in flexible else 0.0) for i, w in enumerate(natural)]
    floor = {i: min(natural[i], max(MIN_WRAP_UNITS, len(columns[i].header)) * UNIT + 2 * PAD_X)
             for i in flexible}
    give = sum(natural[i] - floor[i] for i in flexible)
    excess = total - avail
    widths = list(natural)
    if give >= excess and give > 0:
        for i in flexible:
            widths[i] -= excess * (natural[i] - floor[i]) / give
        return widths
    for i in flexible:
        widths[i] = floor[i]
    scale = avail / sum(widths)
    return [w * scale for w in widths]


class StreamTable(Flowable):
    """One document table; `split` yields a full page of rows at a time (see the module doc)."""

    def __init__(self, table: Table, styles: Styles, clock: Clock, tracker: Tracker,
                 lead: list[Flowable] | None = None):
        super().__init__()
        self.table = table
        self.styles = styles
        self.clock = clock
        self.tracker = tracker
        self.lead = list(lead or [])
        head, self._rows = sample(table.rows)
        self.units = natural_widths(table.columns, head, clock)
        self._pushed: list[tuple[list[Any], float, list[str | None]]] = []
        self._exhausted = False
        self._started = False
        self._force = False
        self._widths: list[float] | None = None
        self._avail = -1.0

    def comfortable_points(self) -> float:
        return comfortable_width(self.table.columns, self.units) * UNIT + 2 * PAD_X * len(self.units)

    # --- layout --------------------------------------------------------------------------
    def _layout(self, avail: float) -> None:
        if abs(avail - self._avail) < 0.01:
            return
        if self._pushed:
            raise RuntimeError("a streamed table cannot change width in mid-flow")
        self._avail = avail
        cols = self.table.columns
        self._widths = fit_widths(cols, self.units, avail)
        self._inner = [w - 2 * PAD_X for w in self._widths]
        self._cell_styles = [self.styles.cells[c.alignment] for c in cols]
        self._header = []
        height = 0.0
        for c, inner in zip(cols, self._inner):
            p = Paragraph(para_text(c.header), self.styles.header_cell)
            height = max(height, p.wrap(inner, 1e6)[1])
            self._header.append(p)
        self._header_h = height + 2 * PAD_Y
        self._base_cmds = [
            ("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE, CELL_LEADING),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD_NAME, CELL_SIZE, CELL_LEADING),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X), ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_Y), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ] + [("ALIGN", (i, 1), (i, -1), _ALIGN[c.alignment]) for i, c in enumerate(cols) if c.alignment != "left"]

    def _measure(self, row: Sequence[Any]) -> tuple[list[Any], float, list[str | None]]:
        """The cells of one row (plain strings where they fit on one line) and its height."""
        cols, clock, inner = self.table.columns, self.clock, self._inner
        cells: list[Any] = []
        height = CELL_LEADING
        for i, col in enumerate(cols):
            v = row[i] if i < len(row) else None
            text = format_value(v, col, clock) if v is not None else ""
            if text and ("\n" in text or string_width(text) > inner[i]):
                p = Paragraph(para_text(text), self._cell_styles[i])
                h = p.wrap(inner[i], 1e6)[1]
                if h > height:
                    height = h
                cells.append(p)
            else:
                cells.append(text)
        fills: list[str | None] = []
        t = self.table
        if t.cell_fill or t.row_fill:
            row_colour = t.row_fill(row) if t.row_fill else None
            fills = [(t.cell_fill(i, row[i] if i < len(row) else None, row) if t.cell_fill else None) or row_colour
                     for i in range(len(cols))]
        return cells, height + 2 * PAD_Y, fills

    def _next(self) -> tuple[list[Any], float, list[str | None]] | None:
        if self._pushed:
            return self._pushed.pop()
        if self._exhausted:
            return None
        try:
            row = next(self._rows)
        except StopIteration:
            self._exhausted = True
            return None
        return self._measure(row)

    # --- platypus protocol ----------------------------------------------------------------
    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        # Always "too tall", so platypus asks us to split: each split is one page of rows.
        return aW, aH + 1

    def split(self, aW: float, aH: float) -> list[Flowable]:
        self.tracker.check()
        self._layout(aW)
        first = not self._started
        lead = self.lead if first else []
        used = self._header_h
        for f in lead:
            used += f.wrap(aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        taken = []
        while (item := self._next()) is not None:
            if used + item[1] > aH and (taken or not self._force):
                self._pushed.append(item)
                break
            taken.append(item)
            used += item[1]
        empty = first and not taken and self._exhausted and not self._pushed
        done = self._exhausted and not self._pushed
        # Orphan control: a table does not start with fewer than MIN_FIRST rows at a page foot.
        orphan = first and not done and len(taken) < MIN_FIRST
        if (orphan or not taken) and not empty and not self._force:
            self._pushed.extend(reversed(taken))
            self._force = True  # not even one row fits under what is already on this page
            return []
        self._force = False
        self._started = True
        self.__dict__.pop("_postponed", None)  # platypus' "did not fit" mark from the last page
        data: list[list[Any]] = [self._header]
        heights = [self._header_h]
        cmds = list(self._base_cmds)
        for r, (cells, h, fills) in enumerate(taken, 1):
            data.append(cells)
            heights.append(h)
            for i, colour in enumerate(fills):
                if colour:
                    cmds.append(("BACKGROUND", (i, r), (i, r), _colour(colour)))
        if empty:
            data.append([self.table.empty_text] + [""] * (len(self._header) - 1))
            heights.append(CELL_LEADING + 2 * PAD_Y)
            cmds.append(("SPAN", (0, 1), (-1, 1)))
        self.tracker.advance(len(taken), self.table.title)
        oversize = sum(heights) > aH  # one row taller than a page: reportlab splits inside it
        page = LongTable(data, colWidths=self._widths, rowHeights=None if oversize else heights,
                         repeatRows=1, style=TableStyle(cmds), splitInRow=1 if oversize else 0, hAlign="LEFT")
        return lead + [page] + ([] if done else [self])

    def drawOn(self, canvas, x, y, _sW=0):  # pragma: no cover - platypus always splits us
        raise RuntimeError("StreamTable is laid out by split(), never drawn directly")
