"""権限棚卸し: reviews with progress, the accounts of one review (`review_accounts.AccountsPanel`,
keyboard decisions), the findings, remediation and the changes since the last review.

Account lists are imported through the mapping dialog (or by dropping a CSV/XLSX file on
this screen) and run off the GUI thread with progress and cancel. Signing opens the sign-off
dialog, where the approver signs with their own password.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMenu, QMessageBox, QProgressBar, QPushButton,
    QTabWidget, QToolButton, QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError, InputError
from ...services import exports, inventory, inventory_import, organisation, review_records, review_remediation, reviews
from ..context import UiContext
from ..dialogs.import_mapping import ImportMappingDialog
from ..dialogs.review_signoff import ReviewSignOffDialog
from ..dialogs.review_start import ReviewStartDialog
from ..loading import Loader
from ..messages import service_message
from ..models.review_lists import (
    comparison_model, comparison_rows, findings_model, remediation_model, review_list_model, status_label,
    systems_model,
)
from ..tables import remember_header
from ..tasks import run_task, show_failure
from .review_accounts import AccountsPanel, table_view

logger = logging.getLogger(__name__)

IMPORTABLE = (".csv", ".tsv", ".txt", ".xlsx")
LIST_TAB, ACCOUNTS_TAB, FINDINGS_TAB, REMEDIATION_TAB, COMPARE_TAB, SYSTEMS_TAB = range(6)


class ReviewsView(QWidget):
    """The permission reviews area."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.summaries: list[reviews.ReviewSummary] = []
        self.current: reviews.ReviewSummary | None = None
        self._stale: set[int] = set()
        self._policies: list = []
        self.setAcceptDrops(True)

        self.review_label = QLabel()
        self.review_combo = QComboBox()
        self.review_combo.setMinimumWidth(220)
        self.review_combo.currentIndexChanged.connect(self._on_review)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.start_button, self.import_button = QPushButton(), QPushButton()
        self.submit_button, self.approve_button = QPushButton(), QPushButton()
        self.export_button = QToolButton()
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self)
        self.export_xlsx, self.export_pdf = QAction(self), QAction(self)
        self.export_menu.addActions([self.export_xlsx, self.export_pdf])
        self.export_button.setMenu(self.export_menu)
        self.start_button.clicked.connect(self.start_review)
        self.import_button.clicked.connect(self.choose_import)
        self.submit_button.clicked.connect(lambda: self.sign("reviewer"))
        self.approve_button.clicked.connect(lambda: self.sign("approver"))
        self.export_xlsx.triggered.connect(lambda: self.export("xlsx"))
        self.export_pdf.triggered.connect(lambda: self.export("pdf"))
        top = QHBoxLayout()
        for w in (self.review_label, self.review_combo, self.progress):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.start_button, self.import_button, self.submit_button, self.approve_button, self.export_button):
            top.addWidget(w)

        self.tabs = QTabWidget()
        self.list_model = review_list_model(self)
        self.list_view = table_view(self.list_model, enumerate((80, 150, 100, 160, 70, 110, 120, 120)))
        remember_header(self.list_view, "ReviewsView/list_view")
        self.list_view.doubleClicked.connect(self._open_review)
        self.tabs.addTab(self.list_view, "")
        self.panel = AccountsPanel(ctx, self)
        self.panel.decided.connect(self._after_decision)
        self.panel.changed.connect(lambda: self.reload())
        self.tabs.addTab(self.panel, "")
        self.findings_model = findings_model(self)
        self.findings_view = table_view(self.findings_model, enumerate((110, 230, 110, 140, 430)))
        remember_header(self.findings_view, "ReviewsView/findings_view")
        self.findings_view.doubleClicked.connect(self._show_finding)
        self.tabs.addTab(self.findings_view, "")
        self.tabs.addTab(self._remediation_tab(), "")
        self.compare_model = comparison_model(self)
        self.compare_view = table_view(self.compare_model, enumerate((110, 100, 230, 110, 130)))
        remember_header(self.compare_view, "ReviewsView/compare_view")
        self.compare_label = QLabel()
        box = QWidget()
        QVBoxLayout(box).addWidget(self.compare_label)
        box.layout().addWidget(self.compare_view, 1)
        self.tabs.addTab(box, "")
        self.systems_model = systems_model(self)
        self.systems_view = table_view(self.systems_model, enumerate((150, 150, 90, 130, 90, 130)))
        remember_header(self.systems_view, "ReviewsView/systems_view")
        self.policies_label = QLabel()
        self.policies_label.setWordWrap(True)
        box = QWidget()
        QVBoxLayout(box).addWidget(self.systems_view, 1)
        box.layout().addWidget(self.policies_label)
        self.tabs.addTab(box, "")

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panel.message.connect(self.message.setText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.tabs.currentChanged.connect(lambda _i: self._load_visible())
        self.levels: dict[int, list[str]] = {}
        self.loader = Loader(self, self.list_view, self.systems_view)
        self.loaded = self.loader.loaded
        self.retranslate_ui()
        self.reload()

        def first() -> None:
            if self.current is not None:
                self.tabs.setCurrentIndex(ACCOUNTS_TAB)  # the accounts of the current review: where the work is
        self.loader.when_loaded(first)

    # --- building ---------------------------------------------------------------------------

    def _remediation_tab(self) -> QWidget:
        self.remediation_model = remediation_model(self)
        self.remediation_view = table_view(self.remediation_model, enumerate((110, 230, 160, 100, 80, 110)))
        remember_header(self.remediation_view, "ReviewsView/remediation_view")
        self.check_button, self.verify_button = QPushButton(), QPushButton()
        self.check_button.clicked.connect(self.check_remediation)
        self.verify_button.clicked.connect(self.verify_by_hand)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.verify_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.remediation_view, 1)
        layout.addLayout(buttons)
        return tab

    # --- loading ----------------------------------------------------------------------------

    def reload(self, keep_period: str | None = None) -> None:
        """Load the reviews, systems and policies on the pool; the screen follows when they arrive."""
        db, actor = self.ctx.db, self.ctx.actor

        def fetch():
            return (reviews.list_reviews(db, actor), inventory.list_systems(db, actor),
                    inventory.list_policies(db, actor))

        self.loader.start("reviews", fetch, lambda result: self._loaded(result, keep_period))

    def _loaded(self, result, keep_period: str | None) -> None:
        keep = keep_period or (self.current.period if self.current else None)
        self.summaries, systems, policies = result
        self.levels = {x.id: [lv.name for lv in x.levels] for x in systems}
        self.systems_model.set_rows(systems)
        self._show_policies(policies)
        self.list_model.set_rows(self.summaries)
        self.review_combo.blockSignals(True)
        self.review_combo.clear()
        for r in self.summaries:
            self.review_combo.addItem(f"{r.period} — {status_label(r.status)}", r.period)
        index = max(0, self.review_combo.findData(keep)) if keep else 0
        self.review_combo.setCurrentIndex(index if self.summaries else -1)
        self.review_combo.blockSignals(False)
        self._on_review()

    def _show_policies(self, policies) -> None:
        self._policies = policies
        by_level: dict[str, list[str]] = {}
        for p in policies:
            who = self.tr("anyone") if p.party_kind == "anyone" else p.party
            by_level.setdefault(p.level, []).append(f"{who} ({p.system})" if p.system else who)
        lines = "; ".join(f"{level}: {', '.join(parties)}" for level, parties in by_level.items())
        self.policies_label.setText(self.tr("Who may hold each standard level: %1").replace("%1", lines or "—"))

    def _open_review(self, index) -> None:
        self.review_combo.setCurrentIndex(index.row())
        self.tabs.setCurrentIndex(ACCOUNTS_TAB)

    def _on_review(self) -> None:
        period = self.review_combo.currentData()
        self.current = next((r for r in self.summaries if r.period == period), None)
        self._show_summary()
        self.panel.set_review(self.current, self.levels)
        if self.current is None:
            for m in (self.findings_model, self.remediation_model, self.compare_model):
                m.set_rows([])
            return
        self._load_lists()

    def _load_lists(self) -> None:
        """Mark the findings, remediation and comparison tabs stale; the visible one loads now."""
        self._stale = {FINDINGS_TAB, REMEDIATION_TAB, COMPARE_TAB}
        self._load_visible()

    def _load_visible(self) -> None:
        index = self.tabs.currentIndex()
        if self.current is None or index not in self._stale:
            return
        self._stale.discard(index)
        db, actor, ref = self.ctx.db, self.ctx.actor, f"#{self.current.id}"
        if index == FINDINGS_TAB:
            self.findings_model.set_rows(review_records.list_findings(db, actor, ref))
        elif index == REMEDIATION_TAB:
            self.remediation_model.set_rows(review_remediation.list_remediation(db, actor, ref))
        else:
            result = review_records.compare(db, actor, ref)
            self.compare_model.set_rows(comparison_rows(result))
            self.compare_label.setText(
                self.tr("Compared with %1").replace("%1", result["previous"]) if result["previous"]
                else self.tr("This is the first review; there is nothing to compare with."))

    def _show_summary(self) -> None:
        r = self.current
        editable = r is not None and r.status == "open"
        self.progress.setVisible(r is not None)
        if r is not None:
            self.progress.setMaximum(max(r.accounts, 1))
            self.progress.setValue(r.decided)
            self.progress.setFormat(f"{r.decided:,} / {r.accounts:,}")
        self.panel.set_editable(editable)
        self.submit_button.setEnabled(editable)
        self.approve_button.setEnabled(r is not None and r.status == "submitted")
        self.export_button.setEnabled(r is not None)
        self.check_button.setEnabled(r is not None)
        self.verify_button.setEnabled(r is not None)

    def _refresh_summary(self) -> None:
        if self.current is None:
            return
        self.current = reviews.get_review(self.ctx.db, self.ctx.actor, f"#{self.current.id}")
        self.summaries = [self.current if r.id == self.current.id else r for r in self.summaries]
        self.list_model.set_rows(self.summaries)
        self.review_combo.setItemText(self.review_combo.currentIndex(),
                                      f"{self.current.period} — {status_label(self.current.status)}")
        self._show_summary()

    def _after_decision(self) -> None:
        self._refresh_summary()
        self._load_lists()

    # --- actions ----------------------------------------------------------------------------

    def start_review(self) -> None:
        dialog = ReviewStartDialog(organisation.today_jst(), {r.period for r in self.summaries}, self)
        if dialog.exec() != ReviewStartDialog.DialogCode.Accepted:
            return
        db, actor, period, day = self.ctx.db, self.ctx.actor, dialog.period, dialog.review_date
        run_task(lambda progress, cancel: reviews.start_review(db, actor, period, day, progress, cancel),
                 on_success=lambda r: self.reload(r.period), parent=self,
                 progress_label=self.tr("Freezing the accounts…"))

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import accounts"), "",
                                              self.tr("Account lists (*.csv *.tsv *.txt *.xlsx);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path, *, dialog_hook=None) -> None:
        """Ask for the system and mapping, then import in the background."""
        try:
            dialog = ImportMappingDialog(self.ctx, path, self.panel.system_filter.currentData(), self)
        except EcmanualError as exc:
            self._show_error(exc)
            return
        if dialog_hook is not None:  # tests drive the dialog instead of a user
            dialog_hook(dialog)
        elif dialog.exec() != ImportMappingDialog.DialogCode.Accepted:
            return
        if dialog.result() != ImportMappingDialog.DialogCode.Accepted:
            return
        db, actor = self.ctx.db, self.ctx.actor
        system_id, mapping, remember = dialog.system_id, dialog.mapping, dialog.remember.isChecked()
        self.import_task = run_task(
            lambda progress, cancel: inventory_import.import_accounts(
                db, actor, system_id, path, mapping=mapping, remember_mapping=remember, progress=progress,
                cancel=cancel),
            on_success=self._imported, on_failure=self._show_error, parent=self,
            progress_label=self.tr("Importing accounts…"))

    def _imported(self, s: dict) -> None:
        self.message.setText(self.tr("%1 → %2: %3 added, %4 changed, %5 unchanged, %6 removed; %7 remediation "
                                     "task(s) closed.").replace("%1", Path(s["file"]).name).replace("%2", s["system"])
                             .replace("%3", f"{s['added']:,}").replace("%4", f"{s['updated']:,}")
                             .replace("%5", f"{s['unchanged']:,}").replace("%6", f"{s['removed']:,}")
                             .replace("%7", str(s["remediation_closed"])))
        self.reload()

    def _show_error(self, exc: BaseException) -> None:
        if not isinstance(exc, EcmanualError):
            show_failure(self, exc)
            return
        text = service_message(exc)
        self.message.setText(text.splitlines()[0])
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Nothing was imported"), text.splitlines()[0],
                          QMessageBox.StandardButton.Close, self)
        if isinstance(exc, InputError) and exc.errors:
            box.setDetailedText("\n".join(text.splitlines()[1:]))
        self.error_box = box
        box.open()

    def sign(self, mode: str) -> None:
        if self.current is None:
            return
        dialog = ReviewSignOffDialog(self.ctx, self.current, mode, self)
        if dialog.exec() == ReviewSignOffDialog.DialogCode.Accepted:
            self.reload(self.current.period)

    def export(self, fmt: str) -> None:
        if self.current is None:
            return
        suggested = f"権限棚卸し_{self.current.period}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the review"), suggested,
                                              "Excel (*.xlsx)" if fmt == "xlsx" else "PDF (*.pdf)")
        if not path:
            return
        db, actor, params = self.ctx.db, self.ctx.actor, exports.ExportParams(period=self.current.period)
        run_task(lambda progress, cancel: exports.run_export(db, actor, "review", fmt, path, params=params,
                                                             progress=progress, cancel=cancel),
                 on_success=lambda res: self.message.setText(self.tr("Exported to %1").replace("%1", str(res.path))),
                 parent=self, progress_label=self.tr("Exporting…"))

    def check_remediation(self) -> None:
        self._remediation_call(None, None)

    def verify_by_hand(self) -> None:
        index = self.remediation_view.currentIndex()
        if not index.isValid():
            self.message.setText(self.tr("Select the remediation task to verify."))
            return
        task = self.remediation_model.row_at(index.row())
        note, ok = QInputDialog.getText(self, self.tr("Verify by hand"),
                                        self.tr("How was it checked that %1 was done?").replace("%1", task.login))
        if ok:
            self._remediation_call(task.account, note)

    def _remediation_call(self, account, note) -> None:
        try:
            closed = review_remediation.verify(self.ctx.db, self.ctx.actor, f"#{self.current.id}", account, note)
        except EcmanualError as exc:
            self.message.setText(service_message(exc))
            return
        self.message.setText(self.tr("%1 remediation task(s) closed.").replace("%1", str(len(closed))))
        self._refresh_summary()
        self._load_lists()

    def _show_finding(self, index) -> None:
        f = self.findings_model.row_at(index.row())
        self.tabs.setCurrentIndex(ACCOUNTS_TAB)
        self.panel.search.setText(f["login"])

    # --- drag and drop ----------------------------------------------------------------------

    @staticmethod
    def _files(event) -> list[str]:
        urls: list[QUrl] = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(IMPORTABLE)]

    def dragEnterEvent(self, event) -> None:
        if self._files(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = self._files(event)
        if files:
            event.acceptProposedAction()
            self.import_file(files[0])

    # --- texts ------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.review_label.setText(self.tr("Review:"))
        self.start_button.setText(self.tr("Start review…"))
        self.import_button.setText(self.tr("Import accounts…"))
        self.submit_button.setText(self.tr("Sign as reviewer…"))
        self.approve_button.setText(self.tr("Approve…"))
        self.export_button.setText(self.tr("Export"))
        self.export_xlsx.setText(self.tr("Excel workbook…"))
        self.export_pdf.setText(self.tr("PDF…"))
        for i, text in enumerate((self.tr("Reviews"), self.tr("Accounts"), self.tr("Findings"),
                                  self.tr("Remediation"), self.tr("Changes since last review"), self.tr("Systems"))):
            self.tabs.setTabText(i, text)
        self.check_button.setText(self.tr("Check against imports"))
        self.verify_button.setText(self.tr("Verify by hand…"))
        for m in (self.list_model, self.findings_model, self.remediation_model, self.compare_model,
                  self.systems_model):
            m.retranslate()
        self._show_policies(self._policies)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- navigation (dashboard, search) -------------------------------------------------------

    def show_record(self, entity: str, entity_id: int | None, **hints) -> bool:
        """Open a review ("review"), a finding ("review_account" = account id, hints `review_id`
        and `kind`) in the findings tab, a remediation task ("remediation_task") in the
        remediation tab, or a system ("saas_system") in the systems tab. While the reviews are
        loading, this happens when they arrive (and True is returned)."""
        if entity_id is None:
            return False
        if self.loader.loading:
            self.loader.when_loaded(lambda: self._show_record(entity, entity_id, hints))
            return True
        return self._show_record(entity, entity_id, hints)

    def _show_record(self, entity: str, entity_id: int, hints: dict, reloaded: bool = False) -> bool:
        if entity == "saas_system":
            self.tabs.setCurrentIndex(SYSTEMS_TAB)
            return self._select_row(self.systems_view, lambda x: x.id == entity_id)
        if entity == "remediation_task":
            task = next((t for t in review_remediation.list_remediation(self.ctx.db, self.ctx.actor)
                         if t.id == entity_id), None)
            if task is None or not self._open_period(task.period):
                return False
            self.tabs.setCurrentIndex(REMEDIATION_TAB)
            return self._select_row(self.remediation_view, lambda t: t.id == entity_id)
        review_id = entity_id if entity == "review" else hints.get("review_id")
        review = next((r for r in self.summaries if r.id == review_id), None)
        if review is None and not reloaded:  # a review started since the last load
            self.reload()
            self.loader.when_loaded(lambda: self._show_record(entity, entity_id, hints, reloaded=True))
            return True
        if review is None or not self._open_period(review.period):
            return False
        if entity == "review":
            self.tabs.setCurrentIndex(ACCOUNTS_TAB if review.status == "open" else LIST_TAB)
            if self.tabs.currentIndex() == LIST_TAB:
                self._select_row(self.list_view, lambda r: r.id == review_id)
            return True
        if entity == "review_account":
            self.tabs.setCurrentIndex(FINDINGS_TAB)
            kind = hints.get("kind")
            return self._select_row(self.findings_view, lambda f: f["account"] == entity_id
                                    and (kind is None or f["kind"] == kind))
        return False

    def _open_period(self, period: str) -> bool:
        if self.current is None or self.current.period != period:
            index = self.review_combo.findData(period)
            if index < 0:
                return False
            self.review_combo.setCurrentIndex(index)
        return self.current is not None and self.current.period == period

    @staticmethod
    def _select_row(view, match) -> bool:
        model = view.model()
        for row in range(model.rowCount()):
            if match(model.row_at(row)):
                view.selectRow(row)
                view.scrollTo(model.index(row, 0))
                view.setFocus()
                return True
        return False
