"""PDF records with reportlab platypus: A4 pages, header and "n / N" footer, bookmarks, TOC.

The story is assembled once; tables inside it are `StreamTable`s that read their rows only as
pages need them, so a 1,000-page record is laid out in one pass with flat memory.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer

from .cells import Clock
from .model import Document, Section
from .pdf_parts import Anchors, Heading, TocLine, cover_page, footer_text, key_value_table, legend_table, title_block
from .pdf_style import (
    FONT, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MUTED, PAGE, RULE, Styles, frame_size, para_text, string_width,
)
from .pdf_table import StreamTable
from .progress import Tracker

logger = logging.getLogger(__name__)


class _Decorator:
    """Draws the running header and footer and, at save, the forms holding late page numbers."""

    def __init__(self, doc: Document, clock: Clock, anchors: Anchors, tracker: Tracker):
        self.doc, self.anchors, self.tracker = doc, anchors, tracker
        self.footer = footer_text(doc, clock)
        self.pages = 0

    def on_page(self, canv: Canvas, template) -> None:
        n = canv.getPageNumber()
        self.pages = max(self.pages, n)
        w, h = canv._pagesize
        doc = self.doc
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        top = h - MARGIN_TOP + 6 * mm
        if not (doc.cover and n == 1):
            canv.setFont(FONT, 7.5)
            left, right = doc.org_name or "", doc.doc_id or ""
            canv.drawString(MARGIN_X, top + 1.5 * mm, left)
            canv.drawRightString(w - MARGIN_X, top + 1.5 * mm, right)
            room = w - 2 * MARGIN_X - string_width(left, 7.5) - string_width(right, 7.5) - 16 * mm
            title = doc.title
            while title and string_width(title, 7.5) > room:
                title = title[:-2] + "…"
            canv.drawCentredString(w / 2, top + 1.5 * mm, title)
            canv.line(MARGIN_X, top, w - MARGIN_X, top)
        bottom = MARGIN_BOTTOM - 7 * mm
        canv.line(MARGIN_X, bottom + 4 * mm, w - MARGIN_X, bottom + 4 * mm)
        canv.setFont(FONT, 7)
        canv.drawString(MARGIN_X, bottom, self.footer)
        if doc.period:
            canv.drawRightString(w - MARGIN_X, bottom, doc.period)
        canv.translate(w / 2, bottom)
        canv.doForm(f"pg{n}")
        canv.restoreState()
        self.tracker.check()

    def define_forms(self, canv: Canvas) -> None:
        total = self.pages
        for n in range(1, total + 1):
            canv.beginForm(f"pg{n}", -60, -4, 60, 12)
            canv.setFont(FONT, 8)
            canv.setFillColor(MUTED)
            canv.drawCentredString(0, 0, f"{n} / {total}")
            canv.endForm()
        for key in self.anchors.toc_keys:
            canv.beginForm(f"toc_{key}", -60, -4, 2, 14)
            canv.setFont(FONT, 10)
            canv.drawRightString(0, 0, str(self.anchors.pages.get(key, "—")))
            canv.endForm()


def _canvas_class(decorator: _Decorator):
    class _Canvas(Canvas):
        def __init__(self, *args, **kwargs):
            # Start pages in the bundled font, so no unembedded Helvetica is referenced at all.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            super().__init__(*args, **kwargs)

        def save(self):
            decorator.define_forms(self)
            super().save()
    return _Canvas


class PdfWriter:
    """Turns one Document into a story of flowables and builds it."""

    def __init__(self, document: Document, tracker: Tracker):
        self.doc = document
        self.tracker = tracker
        self.styles = Styles()
        self.clock = Clock(document.timezone)
        self.anchors = Anchors()
        # Bookmark keys, fixed up front so the TOC can name sections before they are laid out.
        self.keys = {id(s): f"s{i}" for i, (_, s) in enumerate(document.walk())}
        self.keys.update({id(t): f"t{i}" for i, t in enumerate(document.tables())})

    # --- orientation ----------------------------------------------------------------------
    def _orientation(self, section: Section, tables: dict[int, StreamTable]) -> str:
        chosen = section.orientation or self.doc.orientation
        if chosen != "auto":
            return chosen
        portrait_w = frame_size("portrait")[0]
        need = max((tables[id(t)].comfortable_points() for _, s in section.walk() for t in s.tables), default=0)
        return "landscape" if need > portrait_w else "portrait"

    # --- story ------------------------------------------------------------------------------
    def _section(self, section: Section, level: int, tables: dict[int, StreamTable], width: float) -> list:
        st = self.styles
        key = self.keys[id(section)]
        self.anchors.toc_keys.append(key)
        heading = Heading(section.title, st.heading(level), key, level, self.anchors)
        out: list = []
        pending = [heading]
        if section.paragraphs:
            out += pending + [Paragraph(para_text(p), st.body) for p in section.paragraphs]
            pending = []
        if section.key_values:
            out += pending + [key_value_table(section.key_values, st, self.clock, width), Spacer(1, 3 * mm)]
            pending = []
        for table in section.tables:
            stream = tables[id(table)]
            title = Heading(table.title, st.table_title, self.keys[id(table)], level + 1, self.anchors)
            heading_lead = [_no_keep(h) for h in pending]
            stream.lead = heading_lead + [title]
            pending = []
            out.append(stream)
            if table.legend:
                out += [Spacer(1, 1.5 * mm), legend_table(table.legend, st)]
            if table.note:
                out.append(Paragraph(para_text(table.note), st.note))
            out.append(Spacer(1, 4 * mm))
        out += pending
        for child in section.children:
            out += self._section(child, level + 1, tables, width)
        return out

    def story(self) -> tuple[list, str]:
        doc, st = self.doc, self.styles
        tables = {id(t): StreamTable(t, st, self.clock, self.tracker) for t in doc.tables()}
        orients = [self._orientation(s, tables) for s in doc.sections]
        first = "portrait" if doc.cover or not orients else orients[0]
        current = first
        width = frame_size(first)[0]
        story: list = []
        if doc.cover:
            story += cover_page(doc, st, self.clock, width, self.anchors)
        else:
            story += title_block(doc, st, self.clock, width)
        if doc.wants_toc:
            if doc.cover:
                story.append(PageBreak())
            story.append(Heading("目次", st.toc_title, "toc", 0, self.anchors))
            for level, section in doc.walk():
                story.append(TocLine(section.title, self.keys[id(section)], level, st.toc[min(level, 2)]))
            story.append(Spacer(1, 6 * mm))
        for i, (section, orient) in enumerate(zip(doc.sections, orients)):
            fresh = doc.cover and i == 0
            if orient != current or section.new_page or fresh:
                story += [NextPageTemplate(orient), PageBreak()]
                current = orient
            story += self._section(section, 0, tables, frame_size(orient)[0])
        return story, first

    def build(self, path: Path) -> dict:
        story, first = self.story()
        decorator = _Decorator(self.doc, self.clock, self.anchors, self.tracker)
        doc = self.doc
        keywords = ", ".join(k for k in ["ecmanual", doc.doc_id, *doc.keywords] if k and k.isascii())
        template = BaseDocTemplate(
            str(path), pagesize=PAGE[first], leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=doc.title,
            author=doc.generated_by or doc.org_name or "ecmanual", subject=doc.subject or doc.title,
            creator="ecmanual", keywords=keywords, lang="ja-JP", pageCompression=1,
        )
        templates = []
        for name in ("portrait", "landscape"):
            w, h = frame_size(name)
            frame = Frame(MARGIN_X, MARGIN_BOTTOM, w, h, id=name, leftPadding=0, rightPadding=0,
                          topPadding=0, bottomPadding=0)
            templates.append(PageTemplate(name, [frame], onPage=decorator.on_page, pagesize=PAGE[name]))
        if first == "landscape":
            templates.reverse()  # the first template is the first page's
        template.addPageTemplates(templates)
        self.tracker.message("laying out pages")
        template.build(story, canvasmaker=_canvas_class(decorator))
        return {"pages": decorator.pages, "rows": self.tracker.done}


def _no_keep(heading: Heading) -> Heading:
    """A section heading that leads a table travels inside the table's first page already."""
    if heading.style.keepWithNext:
        heading.keepWithNext = 0
    return heading


def write_pdf(document: Document, path, tracker: Tracker) -> dict:
    return PdfWriter(document, tracker).build(Path(path))
