"""用語集: search terms by term, reading (かな/カナ alike) or English; edit, import and export."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from ...domain.permissions import Permission
from ...services import glossary
from ...services.exports import ExportParams
from .. import feedback, palette
from ..context import UiContext
from ..dialogs.glossary_term import TermDialog
from ..loading import Loader
from ..models.glossary import Column, GlossaryFilter, GlossaryModel
from ..tables import make_table, remember_header, remember_splitter, select_record, selected_info

logger = logging.getLogger(__name__)


class GlossaryView(QWidget):
    """The glossary table with a search box and the selected term in full."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: TermDialog | None = None
        self.last_import: dict | None = None
        self.model = GlossaryModel(self)
        self.proxy = GlossaryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, widths={Column.TERM: 190, Column.READING: 170, Column.CATEGORY: 110,
                                                    Column.DEFINITION: 420})
        remember_header(self.table, "GlossaryView/table")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.table.doubleClicked.connect(lambda _i: self.edit_term())

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self._filter)
        self.category = QComboBox()
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category.currentIndexChanged.connect(lambda _i: self._filter())
        self.count = QLabel()
        self.category_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search)
        top.addWidget(self.category_label)
        top.addWidget(self.category)
        top.addStretch(1)
        top.addWidget(self.count)

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(lambda url: self.search.setText(url.toString()))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        remember_splitter(splitter, "GlossaryView/splitter")

        self.add_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.import_button, self.export_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(lambda: self.add_term())
        self.edit_button.clicked.connect(self.edit_term)
        self.delete_button.clicked.connect(self.delete_term)
        self.import_button.clicked.connect(self.import_terms)
        self.export_button.clicked.connect(self.export_terms)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self.add_term())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        may_edit = ctx.actor.may(Permission.EDIT)
        for b in (self.add_button, self.edit_button, self.delete_button, self.import_button):
            b.setEnabled(may_edit)
        self.export_button.setEnabled(ctx.actor.may(Permission.EXPORT))
        self.loader = Loader(self, self.table)
        self.loaded = self.loader.loaded
        self.retranslate_ui()
        self.reload()

    # --- data (loaded on the pool, applied here) -----------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self.loader.start("terms", lambda: glossary.list_terms(db, actor), lambda terms: self._loaded(terms, select_id))

    def _loaded(self, terms: list[glossary.TermInfo], select_id: int | None) -> None:
        current = selected_info(self.table)
        self.model.set_rows(terms)
        keep = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for name in sorted({t.category for t in terms if t.category}):
            self.category.addItem(name, name)
        self.category.setCurrentIndex(max(0, self.category.findData(keep)))
        self.category.blockSignals(False)
        self._filter()
        target = select_id or (current.id if current else None)
        if not (target and select_record(self.table, target)) and self.proxy.rowCount():
            self.table.selectRow(0)

    def _filter(self) -> None:
        self.proxy.set_query(self.search.text())
        self.proxy.set_category(self.category.currentData())
        self.count.setText(self.tr("%1 of %2 terms").replace("%1", str(self.proxy.rowCount()))
                           .replace("%2", str(self.model.rowCount())))
        if self.proxy.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._show_selected()

    def visible_terms(self) -> list[str]:
        return [self.proxy.index(r, Column.TERM).data() for r in range(self.proxy.rowCount())]

    def _show_selected(self) -> None:
        t = selected_info(self.table)
        if t is None:
            self.detail.setHtml("")
            return
        related = ""
        if t.related:
            links = ", ".join(f'<a href="{html.escape(r.strip())}">{html.escape(r.strip())}</a>'
                              for r in t.related.split(",") if r.strip())
            label = self.tr("Related:")
            related = f"<p>{html.escape(label)} {links}</p>"
        meta = " · ".join(html.escape(x) for x in (t.reading, t.category, t.english) if x)
        self.detail.setHtml(f"<h3 style='margin-bottom:2px'>{html.escape(t.term)}</h3>"
                            f"<p style='color:{palette.muted_text()}; margin-top:0'>{meta}</p>"
                            f"<p>{html.escape(t.definition).replace(chr(10), '<br>')}</p>{related}")

    def categories(self) -> list[str]:
        return sorted({t.category for t in self.model.rows() if t.category})

    # --- actions -------------------------------------------------------------------------------
    def _open(self, dialog: TermDialog) -> TermDialog:
        dialog.accepted.connect(lambda: self.reload(dialog.term_id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_term(self) -> TermDialog:
        dialog = TermDialog(self.ctx, None, self.categories(), self)
        dialog.term.setText(self.search.text().strip())
        return self._open(dialog)

    def edit_term(self) -> TermDialog | None:
        t = selected_info(self.table)
        return self._open(TermDialog(self.ctx, t, self.categories(), self)) if t else None

    def delete_term(self, confirmed: bool = False) -> bool:
        t = selected_info(self.table)
        if t is None:
            return False
        if not confirmed and not feedback.confirm(self, self.tr("Delete term"),
                                                  self.tr("Delete 「%1」 from the glossary?").replace("%1", t.term)):
            return False
        if feedback.attempt(self, lambda: glossary.delete_term(self.ctx.db, self.ctx.actor, t.term)):
            self.reload()
            return True
        return False

    def import_terms(self, path: str | None = None):
        path = path or feedback.ask_import_path(self, self.tr("Import glossary"))
        if not path:
            return None
        db, actor = self.ctx.db, self.ctx.actor

        def work(progress, cancel):
            return glossary.import_rows(db, actor, path, progress, cancel)

        def done(summary: dict) -> None:
            self.reload()
            self.last_import = summary
            feedback.inform(self, self.tr("Glossary imported"),
                            self.tr("%1 added, %2 changed, %3 unchanged.").replace("%1", str(summary["added"]))
                            .replace("%2", str(summary["updated"])).replace("%3", str(summary["unchanged"])))

        return feedback.import_file(self, work, done)

    def export_terms(self):
        return feedback.export_with_dialog(self, self.ctx, "glossary", "glossary.xlsx",
                                           ExportParams(external=False), formats=("xlsx", "pdf"))

    # --- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search term, reading (かな/カナ) or English"))
        self.category_label.setText(self.tr("Category"))
        self.add_button.setText(self.tr("Add term…"))
        self.add_button.setToolTip(self.tr("Ctrl+N"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.import_button.setText(self.tr("Import from Excel/CSV…"))
        self.export_button.setText(self.tr("Export…"))
        if self.category.count():
            self.category.setItemText(0, self.tr("All categories"))
        self.count.setText(self.tr("%1 of %2 terms").replace("%1", str(self.proxy.rowCount()))
                           .replace("%2", str(self.model.rowCount())))
        self.model.retranslate()
        self._show_selected()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- navigation (search) --------------------------------------------------------------------
    def show_record(self, entity: str, entity_id: int | None, **hints) -> bool:
        """Select a term, clearing the search and category filter that could hide it."""
        if entity != "glossary_term" or entity_id is None:
            return False
        self.search.clear()
        self.category.setCurrentIndex(0)
        return self.loader.show_record(lambda: self._select_term(entity_id), lambda: self.reload(entity_id))

    def _select_term(self, term_id: int) -> bool:
        found = select_record(self.table, term_id)
        if found:
            self.table.setFocus()
        return found
