"""A page's versions: read any of them, compare two, and publish or reject drafts (approvers)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTabWidget, QTextBrowser, QVBoxLayout,
    QWidget,
)

from ...domain.permissions import Permission
from ...services import manual
from ...services.manual import PageInfo
from .. import feedback
from ..context import UiContext
from ..models.manual import ManualVersionsModel, VersionColumn
from ..tables import make_table, select_record, selected_info
from .manual_edit import render_markdown


def diff_html(diff: str) -> str:
    """A unified diff coloured: additions green, removals red, hunk headers grey."""
    lines = []
    for line in diff.splitlines():
        text = html.escape(line) or "&nbsp;"
        if line.startswith(("+++", "---")):
            style = "color:#555; font-weight:bold;"
        elif line.startswith("@@"):
            style = "color:#666; background:#eef;"
        elif line.startswith("+"):
            style = "background:#dcf5dc; color:#0b4d0b;"
        elif line.startswith("-"):
            style = "background:#fbdada; color:#6b0b0b;"
        else:
            style = ""
        lines.append(f'<div style="{style} white-space:pre-wrap;">{text}</div>')
    return "".join(lines)


class ManualHistoryDialog(QDialog):
    """Versions of one page; emits `changed` after a publish or reject."""

    changed = Signal()

    def __init__(self, ctx: UiContext, page: PageInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.page = ctx, page
        self.setObjectName("manualHistory")
        self.setWindowTitle(self.tr("History of %1").replace("%1", page.title))
        self.resize(1100, 760)
        self.model = ManualVersionsModel(self)
        self.table = make_table(self.model, sortable=False, widths={VersionColumn.VERSION: 50,
                                                                   VersionColumn.STATUS: 80,
                                                                   VersionColumn.SUMMARY: 320,
                                                                   VersionColumn.AUTHOR: 100,
                                                                   VersionColumn.CREATED: 130,
                                                                   VersionColumn.APPROVER: 100})
        self.table.setAccessibleName(self.tr("Versions"))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Text of the selected version"))
        self.diff = QTextBrowser()
        self.compare_with = QComboBox()
        self.compare_with.currentIndexChanged.connect(lambda _i: self.show_diff())
        diff_page = QWidget()
        diff_layout = QVBoxLayout(diff_page)
        diff_layout.setContentsMargins(0, 4, 0, 0)
        compare = QHBoxLayout()
        compare.addWidget(QLabel(self.tr("Compare the selected version with")))
        compare.addWidget(self.compare_with)
        compare.addStretch(1)
        diff_layout.addLayout(compare)
        diff_layout.addWidget(self.diff, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, self.tr("Text"))
        self.tabs.addTab(diff_page, self.tr("Changes"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.tabs)
        splitter.setSizes([220, 520])

        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason for rejecting"))
        self.publish_button = QPushButton(self.tr("Publish this draft"))
        self.publish_button.clicked.connect(self.publish)
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.clicked.connect(self.reject_draft)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.publish_button)
        buttons.addWidget(self.reason, 1)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.approver_note = QLabel()
        self.approver_note.setStyleSheet("color:#555;")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.approver_note)
        layout.addLayout(buttons)
        self.reload()

    def reload(self, select_no: int | None = None) -> None:
        current = selected_info(self.table)
        versions = manual.history(self.ctx.db, self.ctx.actor, self.page.id)
        self.model.set_rows(versions)
        target = select_no or (current.version_no if current else None)
        if not (target and select_record(self.table, target)) and versions:
            draft = next((v for v in versions if v.status == "draft"), None)
            select_record(self.table, (draft or versions[0]).version_no)
        self.show_selected()

    def show_selected(self) -> None:
        v = selected_info(self.table)
        may_approve = self.ctx.actor.may(Permission.APPROVE)
        is_draft = v is not None and v.status == "draft"
        self.publish_button.setVisible(may_approve)
        self.reject_button.setVisible(may_approve)
        self.reason.setVisible(may_approve)
        self.publish_button.setEnabled(is_draft)
        self.reject_button.setEnabled(is_draft)
        self.reason.setEnabled(is_draft)
        self.approver_note.setText(self.tr("The author of a draft cannot publish it (four-eyes principle).")
                                   if is_draft and may_approve else "")
        if v is None:
            self.text.clear()
            return
        full = manual.get_version(self.ctx.db, self.ctx.actor, self.page.id, v.version_no)
        render_markdown(self.text, full.body_md or "")
        self.compare_with.blockSignals(True)
        self.compare_with.clear()
        for other in self.model.rows():
            if other.version_no != v.version_no:
                self.compare_with.addItem(f"v{other.version_no}", other.version_no)
        older = next((o.version_no for o in self.model.rows() if o.version_no < v.version_no), None)
        if older is not None:
            self.compare_with.setCurrentIndex(self.compare_with.findData(older))
        self.compare_with.blockSignals(False)
        self.show_diff()

    def show_diff(self) -> str:
        v, other = selected_info(self.table), self.compare_with.currentData()
        if v is None or other is None:
            self.diff.setHtml("")
            return ""
        old, new = sorted((other, v.version_no))
        text = manual.diff(self.ctx.db, self.ctx.actor, self.page.id, old, new)
        self.diff.setHtml(diff_html(text) if text else html.escape(self.tr("The two versions have the same text.")))
        return text

    def publish(self) -> bool:
        v = selected_info(self.table)
        if v is None:
            return False
        ok = feedback.attempt(self, lambda: manual.publish(self.ctx.db, self.ctx.actor, self.page.id, v.version_no))
        self.reload(v.version_no)
        if ok:
            self.changed.emit()
        return ok

    def reject_draft(self) -> bool:
        v = selected_info(self.table)
        if v is None:
            return False
        reason = self.reason.text().strip()
        ok = feedback.attempt(self, lambda: manual.reject(self.ctx.db, self.ctx.actor, self.page.id, v.version_no,
                                                          reason))
        self.reload(v.version_no)
        if ok:
            self.reason.clear()
            self.changed.emit()
        return ok
