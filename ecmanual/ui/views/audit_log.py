"""監査ログ: the audit trail, newest first, filtered by who, what, when and which record, with
the before/after of the selected entry. Pages load as the table scrolls (services.audit.query)."""

from __future__ import annotations

import json
import logging
from functools import partial

from PySide6.QtCore import QDate, QEvent, QItemSelection, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import EcmanualError
from ...services import audit
from ..context import UiContext
from ..feedback import refused
from ..labels import action_label, entity_label
from ..models.audit_log import AuditLogModel, AuditRow, Column, load_audit_page, local_time

NO_DATE = QDate(2000, 1, 1)  # the date pickers' minimum stands for "no bound"
from ..tables import remember_header, remember_splitter

logger = logging.getLogger(__name__)


def _pretty(text: str | None) -> str:
    if not text:
        return "—"
    try:
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True)
    except ValueError:
        return text


class _OpenOnToday(QObject):
    """The calendar of an unset date picker opens on this month, not on its 2000-01 minimum."""

    def __init__(self, edit: QDateEdit):
        super().__init__(edit)
        self.edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.edit.date() == NO_DATE:
            today = QDate.currentDate()
            watched.setCurrentPage(today.year(), today.month())
        return False


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setDate(NO_DATE)
    edit.calendarWidget().installEventFilter(_OpenOnToday(edit))
    return edit


class AuditLogView(QWidget):
    """Read-only list of audit entries under the chosen filters; loads more as the table scrolls."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.filters: dict = {}
        self.model = AuditLogModel(partial(load_audit_page, ctx.db, ctx.actor), parent=self)

        self.user_filter, self.action_filter, self.entity_filter = QComboBox(), QComboBox(), QComboBox()
        for combo, name, chars in ((self.user_filter, "userFilter", 8), (self.action_filter, "actionFilter", 9),
                                   (self.entity_filter, "entityFilter", 10)):
            combo.setObjectName(name)
            # A fixed width keeps the row inside a 1280-pixel window; the popup still shows whole names.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.entity_id = QLineEdit()
        self.entity_id.setObjectName("entityIdFilter")
        self.entity_id.setMaximumWidth(90)
        self.entity_id.setClearButtonEnabled(True)
        self.entity_id.editingFinished.connect(self.apply_filters)
        self.date_from, self.date_to = _date_edit("dateFrom"), _date_edit("dateTo")
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.apply_filters)
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("matchCount")
        self.filter_captions = [QLabel() for _ in range(5)]
        # Two rows (who / what / which record; when): one row would widen a 1280-pixel window.
        filters = QGridLayout()
        filters.setHorizontalSpacing(6)
        record = QHBoxLayout()
        record.addWidget(self.entity_filter)
        record.addWidget(self.entity_id)
        cells = ((0, 0, self.user_filter), (0, 2, self.action_filter), (0, 4, record),
                 (1, 0, self.date_from), (1, 2, self.date_to))
        for caption, (row, column, field) in zip(self.filter_captions, cells, strict=True):
            filters.addWidget(caption, row, column)
            if isinstance(field, QHBoxLayout):
                filters.addLayout(field, row, column + 1)
            else:
                filters.addWidget(field, row, column + 1)
        filters.addWidget(self.clear_button, 1, 4, 1, 2, Qt.AlignmentFlag.AlignLeft)
        filters.addWidget(self.count_label, 1, 7, Qt.AlignmentFlag.AlignRight)
        filters.setColumnStretch(6, 1)
        for column in (2, 4):
            filters.setColumnMinimumWidth(column, 40)

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
        time_width = self.fontMetrics().horizontalAdvance("2026-12-31 23:59:59") + 20
        for column, width in ((Column.TIME, time_width), (Column.ACTOR, 110), (Column.ACTION, 150),
                              (Column.ENTITY, 150)):
            self.table.setColumnWidth(column, width)
        remember_header(self.table, "AuditLogView/table")
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        remember_splitter(splitter, "AuditLogView/splitter")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self._filling = False
        self.retranslate_ui()
        self.reload()

    # --- filters ----------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """The users, actions and record kinds present in the trail, keeping the current picks."""
        choices = audit.filter_choices(self.ctx.db, self.ctx.actor)
        self._filling = True
        try:
            for combo, values, label in ((self.user_filter, choices.users, str),
                                         (self.action_filter, choices.actions, action_label),
                                         (self.entity_filter, choices.entities, entity_label)):
                current = combo.currentData()
                combo.clear()
                combo.addItem(self.tr("(all)"), None)
                for value in sorted(values, key=label):
                    combo.addItem(label(value), value)
                if current is not None and combo.findData(current) < 0:
                    combo.addItem(label(current), current)  # keep a pick even when nothing matches now
                combo.setCurrentIndex(max(0, combo.findData(current)))
        finally:
            self._filling = False

    def _read_filters(self) -> dict:
        def day(edit: QDateEdit):
            return None if edit.date() == NO_DATE else edit.date().toPython()

        found = {"user": self.user_filter.currentData(), "action": self.action_filter.currentData(),
                 "entity": self.entity_filter.currentData(), "entity_id": self.entity_id.text().strip() or None,
                 "start": day(self.date_from), "end": day(self.date_to)}
        return {key: value for key, value in found.items() if value is not None}

    def set_filters(self, **filters) -> None:
        """Pick filters programmatically (same keywords as services.audit.query) and apply them."""
        self._filling = True
        try:
            for combo, key in ((self.user_filter, "user"), (self.action_filter, "action"),
                               (self.entity_filter, "entity")):
                combo.setCurrentIndex(max(0, combo.findData(filters.get(key))))
            self.entity_id.setText(str(filters.get("entity_id") or ""))
            for edit, key in ((self.date_from, "start"), (self.date_to, "end")):
                value = filters.get(key)
                edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
        finally:
            self._filling = False
        self.apply_filters()

    def clear_filters(self) -> None:
        self.set_filters()

    def apply_filters(self, *_args) -> None:
        if self._filling:
            return
        wanted = self._read_filters()
        if wanted == self.filters and self.model.rowCount():
            return
        if "start" in wanted and "end" in wanted and wanted["start"] > wanted["end"]:
            # Said next to the pickers; the table keeps the last valid filters meanwhile.
            self.count_label.setText(self.tr("The start date is after the end date."))
            self.count_label.setStyleSheet("color: #b3261e;")
            return
        self.count_label.setStyleSheet("")
        try:
            self.count_label.setText(self._count_text(audit.count(self.ctx.db, self.ctx.actor, **wanted)))
        except EcmanualError as exc:  # e.g. a start after the end
            refused(self, exc)
            return
        self.filters = wanted
        self.model.set_fetch(partial(load_audit_page, self.ctx.db, self.ctx.actor, **wanted))
        self._after_load()

    def _count_text(self, count: int) -> str:
        return self.tr("%1 entries").replace("%1", f"{count:,}")

    def reload(self) -> None:
        self._fill_choices()
        self.filters = self._read_filters()
        self.count_label.setText(self._count_text(audit.count(self.ctx.db, self.ctx.actor, **self.filters)))
        self.model.set_fetch(partial(load_audit_page, self.ctx.db, self.ctx.actor, **self.filters))
        self._after_load()

    def _after_load(self) -> None:
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
        for caption, text in zip(self.filter_captions, (self.tr("User"), self.tr("Action"), self.tr("Record"),
                                                        self.tr("From"), self.tr("To")), strict=True):
            caption.setText(text)
        self.entity_id.setPlaceholderText(self.tr("ID"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("any day"))
        self.clear_button.setText(self.tr("Clear filters"))
        if self.user_filter.count():
            self._fill_choices()  # the labels follow the language
        self.count_label.setText(self._count_text(audit.count(self.ctx.db, self.ctx.actor, **self.filters)))
        self.model.retranslate()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.detail.setPlainText(self._describe(self.model.row_at(rows[0].row())))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
