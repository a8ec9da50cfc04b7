"""The accounts tab of the reviews screen: filters, the account table and keyboard decisions.

K/1 keeps, C/2 changes and R/3 revokes the selected account. When the rules ask for a reason
(findings, change, revoke, one's own account) the reason field takes the focus and Enter
records the decision; the next row is selected so a reviewer can go down the list by keyboard.
The context menu links accounts to people and marks shared and service accounts.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QMenu,
    QPushButton, QTableView, QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError
from ...domain.review_rules import decision_problem
from ...services import inventory_accounts, organisation, review_records, reviews
from ..context import UiContext
from ..messages import service_message
from ..models.review_accounts import Column, ReviewAccountsFilter, ReviewAccountsModel
from ..tables import remember_header
from ..tasks import run_task

logger = logging.getLogger(__name__)

KEYS = {Qt.Key.Key_K: "keep", Qt.Key.Key_1: "keep", Qt.Key.Key_C: "change", Qt.Key.Key_2: "change",
        Qt.Key.Key_R: "revoke", Qt.Key.Key_3: "revoke"}
# The rules' reasons for asking a reason, as the panel shows them.
PROBLEMS = {
    "this is your own account: give a reason for the decision":
        QT_TRANSLATE_NOOP("AccountsPanel", "this is your own account"),
    "a change decision needs a reason": QT_TRANSLATE_NOOP("AccountsPanel", "a change needs a reason"),
    "a revoke decision needs a reason": QT_TRANSLATE_NOOP("AccountsPanel", "a revocation needs a reason"),
    "keeping an account with findings needs a reason":
        QT_TRANSLATE_NOOP("AccountsPanel", "the account has findings"),
}
SYNC_ROWS = 3000  # larger reviews load their rows off the GUI thread
WIDTHS = ((Column.SYSTEM, 100), (Column.LOGIN, 200), (Column.NAME, 100), (Column.LEVEL, 80), (Column.FINDINGS, 170),
          (Column.DECISION, 60), (Column.MFA, 80), (Column.LAST_LOGIN, 120), (Column.PERSON, 90),
          (Column.DEPARTMENT, 110), (Column.STANDARD, 80))


def table_view(model, widths=()) -> QTableView:
    """A read-only, row-selecting table as every tab of the reviews screen uses."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    for column, width in widths:
        view.setColumnWidth(column, width)
    return view


class AccountsPanel(QWidget):
    """One review's accounts; emits `decided` after a decision and `changed` after a link or mark."""

    decided = Signal()
    changed = Signal()
    message = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.review: reviews.ReviewSummary | None = None
        self.levels: dict[int, list[str]] = {}
        self.pending: str | None = None  # a decision waiting for its reason
        self.my_staff_id = reviews.staff_id_of(ctx.db, ctx.actor)
        self.model = ReviewAccountsModel(self)
        self.proxy = ReviewAccountsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.system_filter = QComboBox()
        self.system_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_filter(system_id=self.system_filter.currentData()))
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self.proxy.set_filter(text=t))
        self.findings_only, self.undecided_only = QCheckBox(), QCheckBox()
        self.findings_only.toggled.connect(lambda on: self.proxy.set_filter(findings_only=on))
        self.undecided_only.toggled.connect(lambda on: self.proxy.set_filter(undecided_only=on))
        filters = QHBoxLayout()
        for w in (self.system_filter, self.search, self.findings_only, self.undecided_only):
            filters.addWidget(w)
        self.table = table_view(self.proxy, WIDTHS)
        remember_header(self.table, "AccountsPanel/table")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.SYSTEM, Qt.SortOrder.AscendingOrder)
        self.table.installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self._kept: int | None = None  # the current account across a filter change (a model reset)
        self.proxy.modelAboutToBeReset.connect(self._keep_current)
        self.proxy.modelReset.connect(self._restore_current)
        self.keys_hint, self.reason_label = QLabel(), QLabel()
        self.reason = QLineEdit()
        self.reason.returnPressed.connect(self._reason_entered)
        self.level_combo = QComboBox()
        self.keep_button, self.change_button, self.revoke_button = QPushButton(), QPushButton(), QPushButton()
        self.keep_button.clicked.connect(lambda: self.decide("keep"))
        self.change_button.clicked.connect(lambda: self.decide("change"))
        self.revoke_button.clicked.connect(lambda: self.decide("revoke"))
        decision = QHBoxLayout()
        decision.addWidget(self.reason_label)
        decision.addWidget(self.reason, 1)
        for w in (self.level_combo, self.keep_button, self.change_button, self.revoke_button):
            decision.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.keys_hint)
        layout.addLayout(decision)
        self.retranslate_ui()

    # --- loading ----------------------------------------------------------------------------

    def set_review(self, review: reviews.ReviewSummary | None, levels: dict[int, list[str]]) -> None:
        """Show a review's accounts (None: nothing); small reviews load at once, large ones in the background."""
        self.review, self.levels = review, levels
        self.set_editable(review is not None and review.status == "open")
        self.system_filter.blockSignals(True)
        self.system_filter.clear()
        self.system_filter.addItem(self.tr("All systems"), None)
        for x in review.systems if review else []:
            if x["accounts"]:
                self.system_filter.addItem(f"{x['system']} ({x['decided']}/{x['accounts']})", x["system_id"])
        self.system_filter.blockSignals(False)
        self.proxy.set_filter(system_id=None)
        if review is None:
            self.model.set_rows([])
            return
        db, actor, ref = self.ctx.db, self.ctx.actor, f"#{review.id}"
        if review.accounts <= SYNC_ROWS:
            self._loaded(review_records.review_rows(db, actor, ref))
        else:
            self.rows_task = run_task(lambda progress, cancel: review_records.review_rows(db, actor, ref),
                                      on_success=self._loaded, parent=self)

    def _loaded(self, rows) -> None:
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _keep_current(self) -> None:
        _, row = self.selected()
        self._kept = row.review_account_id if row else None

    def _restore_current(self) -> None:
        kept, self._kept = self._kept, None
        source = self.model.row_of(kept) if kept is not None else None
        if source is None or not self.proxy.rowCount():
            return
        # The same account, else its nearest neighbour that passes (as when a row is removed).
        self.table.selectRow(min(self.proxy.proxy_row_near(source), self.proxy.rowCount() - 1))

    def set_editable(self, editable: bool) -> None:
        for w in (self.keep_button, self.change_button, self.revoke_button, self.reason, self.level_combo):
            w.setEnabled(editable)

    # --- decisions --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            decision = KEYS.get(Qt.Key(key_event.key()))
            if decision and not key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.decide(decision)
                return True
        return super().eventFilter(watched, event)

    def selected(self):
        """(proxy row, ReviewRow) of the current row, or (None, None)."""
        index = self.table.currentIndex()
        return (index.row(), self.proxy.source_row(index.row())) if index.isValid() else (None, None)

    def _on_current(self) -> None:
        _, row = self.selected()
        self.level_combo.clear()
        self.level_combo.addItem(self.tr("(target level)"), None)
        for name in self.levels.get(row.system_id, []) if row else []:
            self.level_combo.addItem(name, name)
        if self.pending is None:
            self.reason.clear()

    def decide(self, decision: str) -> None:
        if self.review is None or self.review.status != "open":
            return
        proxy_row, row = self.selected()
        if row is None:
            return
        reason = self.reason.text().strip() or None
        target = self.level_combo.currentData() if decision == "change" else None
        own = self.my_staff_id is not None and self.my_staff_id in (row.staff_id, row.owner_staff_id)
        problem = decision_problem(decision, reason, has_findings=bool(row.findings), own_account=own,
                                   target_level=target)
        if problem and reason is None:
            self.pending = decision
            why = QCoreApplication.translate("AccountsPanel", PROBLEMS[problem]) if problem in PROBLEMS else problem
            self.message.emit(self.tr("%1: a reason is needed (%2). Type it and press Enter.")
                              .replace("%1", row.login).replace("%2", why))
            self.reason.setFocus()
            return
        try:
            reviews.decide(self.ctx.db, self.ctx.actor, f"#{self.review.id}", row.account_id, decision, reason,
                           target_level=target)
        except EcmanualError as exc:
            self.message.emit(service_message(exc))
            return
        self.pending = None
        self.model.replace_row(review_records.review_rows(
            self.ctx.db, self.ctx.actor, f"#{self.review.id}", review_account_ids=[row.review_account_id])[0])
        self.reason.clear()
        label = self.model.data(self.model.index(self.model.row_of(row.review_account_id), Column.DECISION))
        self.message.emit(self.tr("%1: %2 recorded.").replace("%1", row.login).replace("%2", label))
        still_there = proxy_row < self.proxy.rowCount() and \
            self.proxy.source_row(proxy_row).review_account_id == row.review_account_id
        nxt = min(proxy_row + 1 if still_there else proxy_row, self.proxy.rowCount() - 1)
        if nxt >= 0:
            self.table.selectRow(nxt)
        self.table.setFocus()
        self.decided.emit()

    def _reason_entered(self) -> None:
        if self.pending and self.reason.text().strip():
            self.decide(self.pending)

    # --- links and marks --------------------------------------------------------------------

    def _menu(self, pos) -> None:
        _, row = self.selected()
        if row is None or self.review is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Link to a person…"), lambda: self._link(row))
        confirm = menu.addAction(self.tr("Confirm the link"),
                                 lambda: self._call(inventory_accounts.confirm_link, row.account_id))
        confirm.setEnabled(row.link_status in ("auto", "uncertain"))
        menu.addAction(self.tr("Mark as shared account…"), lambda: self._mark(row, shared=True))
        menu.addAction(self.tr("Mark as service account…"), lambda: self._mark(row, service=True))
        menu.addAction(self.tr("Mark as personal account"), lambda: self._call(
            inventory_accounts.mark_account, row.account_id, shared=False, service=False))
        for action in menu.actions():
            action.setEnabled(action.isEnabled() and self.review.status == "open")
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _pick_person(self, title: str) -> int | None:
        people = organisation.list_staff(self.ctx.db)
        names = [f"{p.name} ({p.department or '-'}, #{p.id})" for p in people]
        choice, ok = QInputDialog.getItem(self, title, self.tr("Person:"), names, 0, False)
        return people[names.index(choice)].id if ok and choice in names else None

    def _link(self, row) -> None:
        person = self._pick_person(self.tr("Link %1").replace("%1", row.login))
        if person is not None:
            self._call(inventory_accounts.link_account, row.account_id, person)

    def _mark(self, row, **kind) -> None:
        owner = self._pick_person(self.tr("Owner of %1").replace("%1", row.login))
        if owner is not None:
            self._call(inventory_accounts.mark_account, row.account_id, owner=owner, **kind)

    def _call(self, fn, *args, **kwargs) -> None:
        try:
            fn(self.ctx.db, self.ctx.actor, *args, **kwargs)
        except EcmanualError as exc:
            self.message.emit(service_message(exc))
            return
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search login, name, person, department…"))
        self.findings_only.setText(self.tr("Only findings"))
        self.undecided_only.setText(self.tr("Only undecided"))
        self.keys_hint.setText(self.tr("Keys: K or 1 keep, C or 2 change, R or 3 revoke the selected account. "
                                       "Drop a CSV or XLSX export here to import it."))
        self.reason_label.setText(self.tr("Reason:"))
        self.keep_button.setText(self.tr("Keep (K)"))
        self.change_button.setText(self.tr("Change (C)"))
        self.revoke_button.setText(self.tr("Revoke (R)"))
        if self.system_filter.count():
            self.system_filter.setItemText(0, self.tr("All systems"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
