"""Print a record on paper: the same Document an export builds, laid out by QTextDocument.

The export kinds' builders (services/*_exports.py) make the Document through
`exports.print_document`: the export's permission checks and masking of people's names, and an
audit entry for the print. The PDF export stays the registered copy of what was handed out (a
print has no file to register and check).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ..exports.cells import Clock, format_value
from ..exports.model import Column, Document, Section, Table
from ..services import exports
from .context import UiContext

logger = logging.getLogger(__name__)


def build_record(ctx: UiContext, kind: str, params: exports.ExportParams) -> Document:
    """The Document of one record, after the same permission checks and masking as its export
    (the service records the print in the audit trail)."""
    return exports.print_document(ctx.db, ctx.actor, kind, params)


def _cell(value, column: Column, clock: Clock) -> str:
    return html.escape(format_value(value, column, clock)).replace("\n", "<br>")


def _table_html(table: Table, clock: Clock) -> Iterable[str]:
    yield f"<h3>{html.escape(table.title)}</h3>"
    yield '<table border="1" cellspacing="0" cellpadding="3" width="100%">'
    yield "<tr>" + "".join(f'<th bgcolor="#e6e9ee">{html.escape(c.header)}</th>' for c in table.columns) + "</tr>"
    shown = 0
    for row in table.rows:
        shown += 1
        row_fill = table.row_fill(row) if table.row_fill else None
        cells = []
        for i, (value, column) in enumerate(zip(row, table.columns, strict=False)):
            fill = (table.cell_fill(i, value, row) if table.cell_fill else None) or row_fill
            colour = f' bgcolor="#{fill}"' if fill else ""
            cells.append(f'<td align="{column.alignment}"{colour}>{_cell(value, column, clock)}</td>')
        yield "<tr>" + "".join(cells) + "</tr>"
    if not shown:
        yield f'<tr><td colspan="{len(table.columns)}">{html.escape(table.empty_text)}</td></tr>'
    yield "</table>"
    if table.note:
        yield f"<p><small>{html.escape(table.note)}</small></p>"


def _section_html(section: Section, level: int, clock: Clock) -> Iterable[str]:
    tag = f"h{min(2 + level, 4)}"
    yield f"<{tag}>{html.escape(section.title)}</{tag}>"
    for paragraph in section.paragraphs:
        yield f"<p>{html.escape(paragraph)}</p>"
    if section.key_values:
        yield '<table cellspacing="0" cellpadding="2">'
        for key, value in section.key_values:
            yield (f'<tr><td bgcolor="#f0f2f5"><b>{html.escape(str(key))}</b></td>'
                   f"<td>{_cell(value, Column(str(key)), clock)}</td></tr>")
        yield "</table>"
    for table in section.tables:
        yield from _table_html(table, clock)


def document_html(document: Document) -> str:
    """The Document as simple HTML (title block, sections, tables, sign-off) for QTextDocument."""
    clock = Clock(document.timezone)
    parts = [f"<h1>{html.escape(document.title)}</h1>"]
    facts = [document.org_name, document.period or "",
             format_value(document.generated_at, Column("", "datetime"), clock) if document.generated_at else "",
             document.generated_by]
    parts.append(f"<p>{' · '.join(html.escape(f) for f in facts if f)}</p>")
    for level, section in document.walk():
        parts.extend(_section_html(section, level, clock))
    if document.signoff:
        boxes = document.signoff.boxes
        parts.append('<table border="1" cellspacing="0" cellpadding="6"><tr>'
                     + "".join(f'<th bgcolor="#e6e9ee">{html.escape(b.label)}</th>' for b in boxes) + "</tr><tr>"
                     + "".join(f"<td>{html.escape(b.name or '')}<br>"
                               f"{html.escape(format_value(b.date, Column('', 'datetime'), clock))}</td>"
                               for b in boxes) + "</tr></table>")
        if document.signoff.note:
            parts.append(f"<p>{html.escape(document.signoff.note)}</p>")
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def print_document(document: Document, printer: QPrinter) -> None:
    text = QTextDocument()
    font = QFont(QApplication.font())
    font.setPointSizeF(9.5)
    text.setDefaultFont(font)
    text.setHtml(document_html(document))
    text.print_(printer)


def print_record(parent: QWidget | None, ctx: UiContext, kind: str, params: exports.ExportParams,
                 printer: QPrinter | None = None) -> bool:
    """Ask for a printer (unless one is given) and print the record; False when cancelled."""
    document = build_record(ctx, kind, params)
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QApplication.translate("Printing", "Print %1").replace("%1", document.title))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    print_document(document, printer)
    logger.info("printed %s by %s", kind, ctx.actor.username)
    return True
