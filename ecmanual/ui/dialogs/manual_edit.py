"""Propose a change to a manual page: Markdown with a live preview and a change summary.

Saving adds a draft version; the published text stays until an approver other than the
author publishes the draft (4眼原則).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSplitter, QTextBrowser, QVBoxLayout,
    QWidget,
)

from ...domain.errors import EcmanualError
from ...services import manual
from ...services.manual import PageInfo
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text

MARKDOWN = QTextDocument.MarkdownFeature.MarkdownDialectGitHub


def render_markdown(browser: QTextBrowser, text: str, keep_scroll: bool = False) -> None:
    """Markdown into a text browser (GitHub dialect: tables), with airier lines for Japanese.

    Shown from the top, unless `keep_scroll` (a live preview keeps its place).
    """
    bar = browser.verticalScrollBar()
    position = bar.value()
    document = browser.document()
    document.setMarkdown(text, MARKDOWN)
    cursor = QTextCursor(document)
    cursor.select(QTextCursor.SelectionType.Document)
    block = QTextBlockFormat()
    block.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.mergeBlockFormat(block)
    browser.moveCursor(QTextCursor.MoveOperation.Start)
    bar.setValue(position if keep_scroll else 0)


class ManualEditDialog(QDialog):
    """Edit the Markdown of a page; `version_no` is the draft saved."""

    def __init__(self, ctx: UiContext, page: PageInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.page = ctx, page
        self.version_no: int | None = None
        self.setObjectName("manualEdit")
        self.setWindowTitle(self.tr("Edit %1").replace("%1", page.title))
        self.resize(1100, 760)
        base = self.tr("Editing the published text (v%1).").replace("%1", str(page.published_version)) \
            if page.published_version else self.tr("The page has no published text yet.")
        if page.pending_drafts:
            base += " " + self.tr("%1 draft(s) are already waiting to be published; check the history first.") \
                .replace("%1", str(page.pending_drafts))
        self.info = QLabel(html.escape(base) + "<br>" + html.escape(self.tr(
            "Saving creates a draft. The published text stays until an approver other than you publishes it.")))
        self.info.setWordWrap(True)
        self.editor = QPlainTextEdit(page.body_md)
        self.editor.setAccessibleName(self.tr("Page text (Markdown)"))
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.setOpenExternalLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        splitter.setSizes([550, 550])
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.update_preview)
        self.editor.textChanged.connect(self._timer.start)
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(self.tr("What changed and why (required)"))
        form = QFormLayout()
        form.addRow(self.tr("Change summary"), self.summary)
        self.error = QLabel()
        self.error.setStyleSheet("color:#a00;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save draft"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(splitter, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.update_preview()
        link_form_labels(self)  # captions name their fields for screen readers

    def update_preview(self) -> None:
        render_markdown(self.preview, self.editor.toPlainText(), keep_scroll=True)

    def accept(self) -> None:
        try:
            self.version_no = manual.propose_edit(self.ctx.db, self.ctx.actor, self.page.id, self.editor.toPlainText(),
                                                  self.summary.text())
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()
