"""マニュアル: the pages with their published version and review dates, read with glossary help.

Editing proposes a draft; approvers publish or reject drafts in the history, and mark pages
reviewed. Everyone acknowledges reading the published version. The whole manual exports as
one PDF book.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from ...domain.errors import EcmanualError
from ...domain.permissions import Permission
from ...services import glossary, manual
from ...services.exports import ExportParams
from .. import feedback, palette
from ..context import UiContext
from ..dialogs.manual_edit import ManualEditDialog, render_markdown
from ..dialogs.manual_history import ManualHistoryDialog
from ..loading import Loader
from ..models.manual import ManualPagesModel, PageColumn
from ..models.rows import local_time
from ..tables import make_table, remember_header, remember_splitter, select_record, selected_info

logger = logging.getLogger(__name__)


def apply_glossary_tooltips(document: QTextDocument, terms: dict[str, str]) -> int:
    """Underline glossary terms in a rendered page and give them their definition as tooltip.

    Longer terms win over the shorter ones inside them (LINE公式アカウント over LINE).
    Returns how many occurrences were marked.
    """
    covered: list[tuple[int, int]] = []
    marked = 0
    for term in sorted(terms, key=len, reverse=True):
        fmt = QTextCharFormat()
        fmt.setToolTip(f"{term}: {terms[term]}")
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor("#1f4e79"))
        cursor = document.find(term, 0, QTextDocument.FindFlag.FindCaseSensitively)
        while not cursor.isNull():
            a, b = cursor.selectionStart(), cursor.selectionEnd()
            if all(b <= x or a >= y for x, y in covered):
                cursor.mergeCharFormat(fmt)
                covered.append((a, b))
                marked += 1
            cursor = document.find(term, cursor, QTextDocument.FindFlag.FindCaseSensitively)
    return marked


def _without_title(body: str, title: str) -> str:
    """The page text without its own "# title" line (the view shows the title above it)."""
    first, _, rest = body.lstrip().partition("\n")
    return rest.lstrip("\n") if first.strip() == f"# {title}" else body


def tooltip_at(document: QTextDocument, position: int) -> str:
    """The tooltip of the character at `position` (what hovering shows)."""
    cursor = QTextCursor(document)
    cursor.setPosition(position + 1)
    return cursor.charFormat().toolTip()


class ManualView(QWidget):
    """Page list (overdue reviews in red) and the selected page, rendered."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.model = ManualPagesModel(self)
        self.table = make_table(self.model, widths={PageColumn.TITLE: 170, PageColumn.CATEGORY: 86,
                                                    PageColumn.VERSION: 48, PageColumn.NEXT_REVIEW: 88})
        remember_header(self.table, "ManualView/table")
        self.table.setMinimumWidth(430)  # every column in sight: the review date matters
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_page())
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        self.reading.setStyleSheet("color: palette(placeholder-text);")

        self.edit_button, self.history_button = QPushButton(), QPushButton()
        self.reviewed_button, self.read_button, self.export_button = QPushButton(), QPushButton(), QPushButton()
        self.edit_button.clicked.connect(self.edit_page)
        self.history_button.clicked.connect(self.open_history)
        self.reviewed_button.clicked.connect(self.mark_reviewed)
        self.read_button.clicked.connect(self.acknowledge)
        self.export_button.clicked.connect(self.export_book)
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.history_button, self.reviewed_button, self.read_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.browser, 1)
        right_layout.addWidget(self.reading)
        right_layout.addLayout(buttons)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.table, 1)
        export_row = QHBoxLayout()
        export_row.addStretch(1)
        export_row.addWidget(self.export_button)
        left_layout.addLayout(export_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([500, 520])
        remember_splitter(splitter, "ManualView/splitter")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        QShortcut(QKeySequence("Ctrl+E"), self, self.edit_page)
        actor = ctx.actor
        self.edit_button.setEnabled(actor.may(Permission.EDIT))
        self.reviewed_button.setVisible(actor.may(Permission.APPROVE))
        self.export_button.setEnabled(actor.may(Permission.EXPORT))
        self._shown = 0  # show_page calls, so a load shows the selected page once
        self.loader = Loader(self, self.table)
        self.loaded = self.loader.loaded
        self.retranslate_ui()
        self.reload()

    # --- data (the list loads on the pool; the selected page is one quick read) -----------------
    def reload(self, select_id: int | None = None) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self.loader.start("pages", lambda: manual.list_pages(db, actor), lambda pages: self._loaded(pages, select_id))

    def _loaded(self, pages: list[manual.PageInfo], select_id: int | None) -> None:
        current = selected_info(self.table)
        shown = self._shown
        self.model.set_rows(pages)
        target = select_id or (current.id if current else None)
        if not (target and select_record(self.table, target)) and self.model.rowCount():
            self.table.selectRow(0)
        if self._shown == shown:
            self.show_page()

    def show_page(self) -> None:
        self._shown += 1
        page = selected_info(self.table)
        if page is None:
            self.title.setText("")
            self.browser.clear()
            self.reading.setText("")
            self.read_button.setEnabled(False)
            self.history_button.setEnabled(False)
            return
        page = manual.get_page(self.ctx.db, self.ctx.actor, page.id)
        facts = []
        if page.published_version:
            facts.append(html.escape(self.tr("v%1 published %2").replace("%1", str(page.published_version))
                                     .replace("%2", local_time(page.published_at))))
        else:
            facts.append(html.escape(self.tr("not published yet")))
        if page.next_review_on:
            overdue = self.model.overdue(page)
            text = (self.tr("review overdue since %1") if overdue else self.tr("next review %1")) \
                .replace("%1", page.next_review_on.isoformat())
            facts.append(f'<span style="color:#8a1010; font-weight:bold">{html.escape(text)}</span>'
                         if overdue else html.escape(text))
        if page.pending_drafts:
            facts.append(html.escape(self.tr("%1 draft(s) waiting").replace("%1", str(page.pending_drafts))))
        self.title.setText(f"<h2 style='margin:0'>{html.escape(page.title)}</h2>"
                           f"<span style='color:{palette.muted_text()}'>{' · '.join(facts)}"
                           "</span>")
        render_markdown(self.browser, _without_title(page.body_md, page.title))
        self.terms_marked = apply_glossary_tooltips(self.browser.document(),
                                                    glossary.definitions_for(self.ctx.db, page.body_md))
        status = manual.reading_status(self.ctx.db, self.ctx.actor, page.id)
        mine = self.tr("You acknowledged this version on %1.").replace("%1", local_time(status.mine)) \
            if status.mine else ""
        self.reading.setText(" ".join(x for x in (
            self.tr("Read and acknowledged by %1 people.").replace("%1", str(len(status.acknowledged))), mine) if x))
        self.reading.setToolTip("\n".join(f"{name}  {local_time(at)}" for name, at in status.acknowledged))
        self.read_button.setEnabled(bool(page.published_version) and status.mine is None)
        self.history_button.setEnabled(True)

    def show_slug(self, slug: str) -> bool:
        """Select the page `slug` (the help links); False when this database does not have it."""
        try:
            page = manual.get_page(self.ctx.db, self.ctx.actor, slug)
        except EcmanualError:
            return False
        if self.loader.loading:
            self.loader.when_loaded(lambda: select_record(self.table, page.id))
            return True
        return select_record(self.table, page.id)

    # --- actions -------------------------------------------------------------------------------
    def _page(self):
        info = selected_info(self.table)
        return manual.get_page(self.ctx.db, self.ctx.actor, info.id) if info else None

    def edit_page(self) -> ManualEditDialog | None:
        page = self._page()
        if page is None or not self.ctx.actor.may(Permission.EDIT):
            return None
        dialog = ManualEditDialog(self.ctx, page, self)
        dialog.accepted.connect(lambda: self.reload(page.id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_history(self) -> ManualHistoryDialog | None:
        page = self._page()
        if page is None:
            return None
        dialog = ManualHistoryDialog(self.ctx, page, self)
        dialog.changed.connect(lambda: self.reload(page.id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark_reviewed(self) -> bool:
        page = self._page()
        if page is None:
            return False
        ok = feedback.attempt(self, lambda: manual.mark_reviewed(self.ctx.db, self.ctx.actor, page.id))
        self.reload(page.id)
        return ok

    def acknowledge(self) -> bool:
        page = self._page()
        if page is None:
            return False
        ok = feedback.attempt(self, lambda: manual.acknowledge_self(self.ctx.db, self.ctx.actor, page.id))
        self.reload(page.id)
        return ok

    def export_book(self):
        return feedback.export_with_dialog(self, self.ctx, "manual", "operations-manual.pdf",
                                           ExportParams(external=False), formats=("pdf",))

    # --- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.edit_button.setText(self.tr("Edit (propose a change)…"))
        self.edit_button.setToolTip(self.tr("Ctrl+E"))
        self.history_button.setText(self.tr("History and drafts…"))
        self.reviewed_button.setText(self.tr("Mark reviewed"))
        self.reviewed_button.setToolTip(self.tr("The page was checked and still holds; the next review is due "
                                                "one cycle from today."))
        self.read_button.setText(self.tr("I have read this"))
        self.export_button.setText(self.tr("Export manual (PDF)…"))
        self.model.retranslate()
        if hasattr(self, "terms_marked"):
            self.show_page()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- navigation (dashboard, search) ---------------------------------------------------------
    def show_record(self, entity: str, entity_id: int | None, **hints) -> bool:
        """Select and show a manual page."""
        if entity != "manual_page" or entity_id is None:
            return False
        return self.loader.show_record(lambda: self._select_page(entity_id), lambda: self.reload(entity_id))

    def _select_page(self, page_id: int) -> bool:
        found = select_record(self.table, page_id)
        if found:
            self.table.setFocus()
        return found
