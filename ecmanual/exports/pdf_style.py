"""The PDF look: the bundled BIZ UDGothic (embedded as a subset), paragraph styles, page geometry."""

from __future__ import annotations

import threading
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..resources import FONT_BOLD, FONT_REGULAR, resource
from .cells import clean

FONT, FONT_BOLD_NAME = "ECM-Gothic", "ECM-Gothic-Bold"
_lock = threading.Lock()

PAGE = {"portrait": A4, "landscape": landscape(A4)}
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 14 * mm, 20 * mm, 17 * mm

CELL_SIZE, CELL_LEADING = 8.0, 10.4
PAD_X, PAD_Y = 3.0, 2.6
UNIT = CELL_SIZE / 2  # one half-width character of BIZ UDGothic (a fixed-pitch font) at cell size

GRID = colors.HexColor("#9A9A9A")
HEADER_BG = colors.HexColor("#E4E7EC")
LABEL_BG = colors.HexColor("#F2F3F5")
RULE = colors.HexColor("#4A5568")
MUTED = colors.HexColor("#555555")
STAMP_RED = colors.HexColor("#C8102E")


def register_fonts() -> None:
    """Register the bundled TTFs once; reportlab embeds the glyphs used (text stays extractable)."""
    with _lock:
        if FONT in pdfmetrics.getRegisteredFontNames():
            return
        pdfmetrics.registerFont(TTFont(FONT, str(resource(*FONT_REGULAR))))
        pdfmetrics.registerFont(TTFont(FONT_BOLD_NAME, str(resource(*FONT_BOLD))))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD_NAME, italic=FONT,
                                      boldItalic=FONT_BOLD_NAME)


def frame_size(orientation: str) -> tuple[float, float]:
    w, h = PAGE[orientation]
    return w - 2 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM


def para_text(text: str) -> str:
    """Plain user text as Paragraph markup: escaped, newlines kept."""
    return escape(clean(text)).replace("\n", "<br/>")


def string_width(text: str, size: float = CELL_SIZE, bold: bool = False) -> float:
    return pdfmetrics.stringWidth(text, FONT_BOLD_NAME if bold else FONT, size)


class Styles:
    """Every ParagraphStyle the writer uses; CJK word wrap throughout."""

    def __init__(self) -> None:
        register_fonts()

        def style(name: str, size: float, leading: float, bold: bool = False, **kw) -> ParagraphStyle:
            return ParagraphStyle(name, fontName=FONT_BOLD_NAME if bold else FONT, fontSize=size,
                                  leading=leading, wordWrap="CJK", **kw)

        self.body = style("body", 9.5, 14.5, spaceAfter=4)
        self.small = style("small", 7.5, 10.5, textColor=MUTED)
        self.legend = style("legend", 8, 11)
        self.note = style("note", 8, 11, textColor=MUTED, spaceBefore=2)
        self.org = style("org", 10, 14, textColor=MUTED)
        self.title = style("title", 17, 23, bold=True, spaceAfter=6)
        self.cover_org = style("cover_org", 14, 20, alignment=TA_CENTER)
        self.cover_title = style("cover_title", 24, 32, bold=True, alignment=TA_CENTER, spaceAfter=10)
        self.cover_sub = style("cover_sub", 12, 18, alignment=TA_CENTER)
        self.headings = [
            style("h1", 14, 19, bold=True, spaceBefore=6, spaceAfter=6, keepWithNext=1),
            style("h2", 12, 16, bold=True, spaceBefore=6, spaceAfter=4, keepWithNext=1),
            style("h3", 10.5, 14, bold=True, spaceBefore=4, spaceAfter=3, keepWithNext=1),
        ]
        self.table_title = style("table_title", 9.5, 13, bold=True, spaceBefore=4, spaceAfter=3)
        self.toc_title = style("toc_title", 14, 19, bold=True, spaceAfter=8)
        self.toc = [style(f"toc{i}", 10.5 - i, 15 - i) for i in range(3)]
        self.label = style("label", 8.5, 11.5, bold=True)
        self.value = style("value", 8.5, 11.5)
        self.stamp_label = style("stamp_label", 8.5, 11, bold=True, alignment=TA_CENTER)
        self.stamp_date = style("stamp_date", 7, 9, alignment=TA_CENTER)
        self.cells = {
            # The right indent leaves room for a character kinsoku rules hang past the line end.
            align: style(f"cell_{align}", CELL_SIZE, CELL_LEADING, alignment=ta,
                         rightIndent=CELL_SIZE if align == "left" else 0)
            for align, ta in (("left", TA_LEFT), ("center", TA_CENTER), ("right", TA_RIGHT))
        }
        self.header_cell = style("header_cell", CELL_SIZE, CELL_LEADING, bold=True, alignment=TA_CENTER)

    def heading(self, level: int) -> ParagraphStyle:
        return self.headings[min(level, len(self.headings) - 1)]
