"""The fixed parts of a PDF record: headings with bookmarks, TOC lines, title block, cover, sign-off.

Page numbers a part cannot know yet (the TOC's, the "n / N" total) are drawn as PDF form
XObjects that the canvas defines when it saves, so one layout pass is enough even when rows
stream from a generator.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from . import wareki
from .cells import Clock, format_value
from .model import Column, Document, SignOff
from .pdf_style import (
    FONT, FONT_BOLD_NAME, GRID, HEADER_BG, LABEL_BG, RULE, STAMP_RED, Styles, para_text,
    string_width,
)

_TEXT = Column("", "text")
# Every table sets the font: reportlab would otherwise reference (unembedded) Helvetica.
_FONT = ("FONT", (0, 0), (-1, -1), FONT, 8)


def display(value: Any, clock: Clock, use_wareki: bool = False) -> str:
    """A metadata value as printed: local times, optional 和暦 after the Western date."""
    if isinstance(value, datetime):
        return wareki.format_date(clock.local(value), wareki=use_wareki, with_time=True)
    if isinstance(value, date):
        return wareki.format_date(value, wareki=use_wareki)
    return format_value(value, _TEXT, clock)


class Anchors:
    """Where each heading landed, for the outline and the TOC page numbers."""

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self.toc_keys: list[str] = []


class Heading(Paragraph):
    """A heading that sets a bookmark and an outline entry where it is drawn."""

    def __init__(self, text: str, style, key: str, level: int, anchors: Anchors):
        super().__init__(para_text(text), style)
        self.plain, self.key, self.level, self.anchors = text, key, level, anchors

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, self.height + 2)
        self.canv.addOutlineEntry(self.plain, self.key, self.level, closed=self.level > 0)
        self.anchors.pages[self.key] = self.canv.getPageNumber()
        super().draw()

    def split(self, aW, aH):  # headings move whole to the next page
        return []


class TocLine(Flowable):
    """One table-of-contents entry: title, dot leader, page number (a form defined at save)."""

    def __init__(self, title: str, key: str, level: int, style):
        super().__init__()
        self.title, self.key, self.level, self.style = title, key, level, style

    def wrap(self, aW, aH):
        self.width, self.height = aW, self.style.leading + 1
        return self.width, self.height

    def draw(self) -> None:
        c, size = self.canv, self.style.fontSize
        indent = 16 * self.level
        room = self.width - indent - 40
        text = self.title
        while text and string_width(text, size) > room:
            text = text[:-2] + "…"
        base = (self.height - size) / 2 + 1
        c.setFont(FONT, size)
        c.drawString(indent, base, text)
        c.saveState()
        c.setStrokeColor(GRID)
        c.setLineWidth(0.6)
        c.setDash(0.6, 2.4)
        c.line(indent + string_width(text, size) + 4, base + 1, self.width - 26, base + 1)
        c.restoreState()
        c.saveState()
        c.translate(self.width, base)
        c.doForm(f"toc_{self.key}")
        c.restoreState()
        c.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class Stamp(Flowable):
    """An in-app approval drawn like a Japanese date stamp (日付印): label, date, name in a red circle."""

    def __init__(self, label: str, day: str, name: str, size: float = 17 * mm):
        super().__init__()
        self.label, self.day, self.name, self.size = label, day, name, size

    def wrap(self, aW, aH):
        return self.size, self.size

    def draw(self) -> None:
        c, r = self.canv, self.size / 2
        c.saveState()
        c.setStrokeColor(STAMP_RED)
        c.setFillColor(STAMP_RED)
        c.setLineWidth(1.1)
        c.circle(r, r, r - 0.6)
        band = r * 0.36
        half = (r * r - band * band) ** 0.5
        c.setLineWidth(0.7)
        c.line(r - half, r + band, r + half, r + band)
        c.line(r - half, r - band, r + half, r - band)
        c.setFont(FONT_BOLD_NAME, 6.5)
        c.drawCentredString(r, r + band + 3.2, self.label)
        c.setFont(FONT, 6)
        c.drawCentredString(r, r - 2.1, self.day)
        size = 7.5
        while size > 4:  # the bottom band narrows downwards: fit the name at its baseline
            depth = band + 1.2 + size * 0.85
            if string_width(self.name, size, bold=True) <= 2 * (r * r - depth * depth) ** 0.5 - 2:
                break
            size -= 0.5
        c.setFont(FONT_BOLD_NAME, size)
        c.drawCentredString(r, r - band - 1.2 - size * 0.85, self.name)
        c.restoreState()


def signoff_table(signoff: SignOff, styles: Styles, clock: Clock, use_wareki: bool) -> Table:
    """作成・確認・承認 boxes: label, seal space (a stamp when approved in the app), date."""
    labels, seals, dates = [], [], []
    for box in signoff.boxes:
        labels.append(Paragraph(para_text(box.label), styles.stamp_label))
        day = box.date
        if isinstance(day, datetime):
            day = clock.local(day)
        lines = []
        if box.filled:
            # A date stamp carries the family name; the full name prints under the box.
            family = (box.name or "").replace("\u3000", " ").split(" ")[0]
            seals.append(Stamp(box.label, day.strftime("%Y.%m.%d") if day else "", family))
            lines.append(para_text(box.name or ""))
        else:
            seals.append("")
        if day:
            lines.append(wareki.format_date(day))
            if use_wareki:
                lines.append(wareki.to_wareki(day))
        dates.append(Paragraph("<br/>".join(lines) if lines else "年　月　日", styles.stamp_date))
    n = len(signoff.boxes)
    t = Table([labels, seals, dates], colWidths=[22 * mm] * n,
              rowHeights=[6 * mm, 21 * mm, (13 if use_wareki else 10) * mm], hAlign="RIGHT")
    t.setStyle(TableStyle([_FONT,
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTRE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return t


def key_value_table(pairs: list[tuple[str, Any]], styles: Styles, clock: Clock, width: float,
                    use_wareki: bool = False) -> Table:
    """Label/value lines in a ruled two-column table."""
    label_w = min(46 * mm, max(string_width(str(k), 8.5, bold=True) for k, _ in pairs) + 14)
    rows = [[Paragraph(para_text(str(k)), styles.label), Paragraph(para_text(display(v, clock, use_wareki)), styles.value)]
            for k, v in pairs]
    t = Table(rows, colWidths=[label_w, width - label_w], hAlign="LEFT")
    t.setStyle(TableStyle([_FONT,
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


def legend_table(legend: list[tuple[str | None, str]], styles: Styles) -> Table:
    rows = [["", Paragraph(para_text(text), styles.legend)] for _, text in legend]
    t = Table(rows, colWidths=[8 * mm, None], hAlign="LEFT")
    cmds = [_FONT, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    for r, (colour, _) in enumerate(legend):
        if colour:
            cmds.append(("BACKGROUND", (0, r), (0, r), colors.HexColor("#" + colour.lstrip("#"))))
            cmds.append(("BOX", (0, r), (0, r), 0.4, GRID))
    t.setStyle(TableStyle(cmds))
    return t


def meta_pairs(doc: Document) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = [("文書番号", doc.doc_id), ("対象期間", doc.period or "—"),
                                    ("作成日時", doc.generated_at), ("作成者", doc.generated_by)]
    return pairs + list(doc.properties.items())


def title_block(doc: Document, styles: Styles, clock: Clock, width: float) -> list[Flowable]:
    """Organisation, title, metadata on the left and the sign-off boxes on the right."""
    out: list[Flowable] = []
    if doc.org_name:
        out.append(Paragraph(para_text(doc.org_name), styles.org))
    out.append(Paragraph(para_text(doc.title), styles.title))
    sign_w = (22 * mm * len(doc.signoff.boxes) + 6 * mm) if doc.signoff else 0
    meta = key_value_table(meta_pairs(doc), styles, clock, min(width - sign_w, 120 * mm), doc.wareki)
    if doc.signoff:
        block = Table([[meta, signoff_table(doc.signoff, styles, clock, doc.wareki)]],
                      colWidths=[width - sign_w, sign_w], hAlign="LEFT")
        block.setStyle(TableStyle([_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
        out.append(block)
        if doc.signoff.note:
            out.append(Paragraph(para_text(doc.signoff.note), styles.small))
    else:
        out.append(meta)
    out += [Spacer(1, 3 * mm), HRFlowable(width="100%", thickness=0.8, color=RULE, spaceAfter=4 * mm)]
    return out


def cover_page(doc: Document, styles: Styles, clock: Clock, width: float, anchors: Anchors) -> list[Flowable]:
    """A page of its own: organisation, title, period, metadata, sign-off, notes."""
    out: list[Flowable] = [Spacer(1, 30 * mm)]
    if doc.org_name:
        out.append(Paragraph(para_text(doc.org_name), styles.cover_org))
        out.append(Spacer(1, 6 * mm))
    out.append(Heading(doc.title, styles.cover_title, "cover", 0, anchors))
    if doc.period:
        out.append(Paragraph(para_text(doc.period), styles.cover_sub))
    out.append(Spacer(1, 18 * mm))
    meta = key_value_table(meta_pairs(doc), styles, clock, 125 * mm, doc.wareki)
    meta.hAlign = "CENTER"
    out.append(meta)
    if doc.signoff:
        out.append(Spacer(1, 12 * mm))
        sign = signoff_table(doc.signoff, styles, clock, doc.wareki)
        sign.hAlign = "CENTER"
        out.append(sign)
        if doc.signoff.note:
            out.append(Spacer(1, 2 * mm))
            out.append(Paragraph(para_text(doc.signoff.note), styles.small))
    if doc.cover_notes:
        out.append(Spacer(1, 12 * mm))
        out += [Paragraph(para_text(note), styles.body) for note in doc.cover_notes]
    return out


def footer_text(doc: Document, clock: Clock) -> str:
    when = display(doc.generated_at, clock) if doc.generated_at else ""
    return "　".join(x for x in (f"出力 {when}" if when else "", doc.generated_by) if x)

