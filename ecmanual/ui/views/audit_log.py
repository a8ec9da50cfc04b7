"""監査ログ: the audit trail, newest first, with the before/after of the selected entry."""

from __future__ import annotations

import json
import logging
from functools import partial

from PySide6.QtCore import QEvent, QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..context import UiContext
from ..labels import action_label, entity_label
from ..models.audit_log import AuditLogModel, AuditRow, Column, load_audit_page, local_time

logger = logging.getLogger(__name__)


def _pretty(text: str | None) -> str:
    if not text:
        return "—"
    try:
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True)
    except ValueError:
        return text


class AuditLogView(QWidget):
    """Read-only list of audit entries; loads more as the table scrolls."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = AuditLogModel(partial(load_audit_page, ctx.db, ctx.actor), parent=self)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.refresh_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((Column.TIME, 150), (Column.ACTOR, 110), (Column.ACTION, 150), (Column.ENTITY, 150)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()
        self.reload()

    def reload(self) -> None:
        self.model.reload()
        self.detail.clear()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.detail.setPlainText(self._describe(self.model.row_at(rows[0].row())) if rows else "")

    def _describe(self, row: AuditRow) -> str:
        entity = entity_label(row.entity) + (f" #{row.entity_id}" if row.entity_id else "")
        lines = [
            f"#{row.seq}  {local_time(row.at)}  {row.actor}  {action_label(row.action)}  {entity}",
            row.summary or "",
            "",
            self.tr("Before:"),
            _pretty(row.before),
            "",
            self.tr("After:"),
            _pretty(row.after),
        ]
        return "\n".join(lines)

    def retranslate_ui(self) -> None:
        self.hint.setText(self.tr("Every change is recorded here with who made it and when. "
                                  "Entries are chained together and cannot be edited."))
        self.refresh_button.setText(self.tr("Refresh"))
        self.model.retranslate()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.detail.setPlainText(self._describe(self.model.row_at(rows[0].row())))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
