"""リスク・インシデント: the risk register and incidents along the seven-step emergency flow."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from ...domain.errors import EcmanualError
from ...domain.permissions import Permission
from ...services import checklists, incidents
from .. import feedback
from ..context import UiContext
from ..dialogs.checklist_run import ChecklistRunDialog
from ..dialogs.checklist_template import StartRunDialog
from ..dialogs.incident import EMERGENCY_CHECKLIST, IncidentDialog, OpenIncidentDialog
from ..models.risks import IncidentColumn, IncidentsModel, RiskColumn, RisksModel
from ..tables import make_table, remember_header, remember_splitter, select_record, selected_info

logger = logging.getLogger(__name__)


class RisksView(QWidget):
    """Register on top (high risks first), incidents below (open ones first)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.open_incidents: dict[int, IncidentDialog] = {}
        self.risks_model = RisksModel(self)
        self.risks_table = make_table(self.risks_model, widths={
            RiskColumn.LEVEL: 60, RiskColumn.TITLE: 230, RiskColumn.CATEGORY: 90, RiskColumn.COUNTERMEASURE: 330})
        remember_header(self.risks_table, "RisksView/risks_table")
        self.risks_table.selectionModel().selectionChanged.connect(lambda *_: self._show_risk())
        self.risks_table.doubleClicked.connect(lambda _i: self.open_new_incident(self._selected_risk()))
        self.risk_detail = QLabel()
        self.risk_detail.setWordWrap(True)
        self.risk_detail.setTextFormat(Qt.TextFormat.RichText)
        self.risks_caption, self.incidents_caption = QLabel(), QLabel()
        for caption in (self.risks_caption, self.incidents_caption):
            caption.setStyleSheet("font-weight:bold;")

        self.incidents_model = IncidentsModel(self)
        self.incidents_table = make_table(self.incidents_model, widths={IncidentColumn.ID: 50,
                                                                        IncidentColumn.OCCURRED: 130,
                                                                        IncidentColumn.SEVERITY: 60,
                                                                        IncidentColumn.TITLE: 300,
                                                                        IncidentColumn.STATUS: 80})
        remember_header(self.incidents_table, "RisksView/incidents_table")
        self.incidents_table.doubleClicked.connect(lambda _i: self.open_selected_incident())
        self.show_closed = QCheckBox()
        self.show_closed.setChecked(True)
        self.show_closed.toggled.connect(lambda _c: self.reload_incidents())
        self.new_button, self.open_button = QPushButton(), QPushButton()
        self.checklist_button, self.refresh_button = QPushButton(), QPushButton()
        self.new_button.clicked.connect(lambda: self.open_new_incident())
        self.open_button.clicked.connect(self.open_selected_incident)
        self.checklist_button.clicked.connect(self.emergency_checklist)
        self.refresh_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.checklist_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.show_closed)
        buttons.addWidget(self.refresh_button)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 4)
        top_layout.addWidget(self.risks_caption)
        top_layout.addWidget(self.risks_table, 1)
        top_layout.addWidget(self.risk_detail)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.addWidget(self.incidents_caption)
        bottom_layout.addWidget(self.incidents_table, 1)
        bottom_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([380, 300])
        remember_splitter(splitter, "RisksView/splitter")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        QShortcut(QKeySequence.StandardKey.New, self, lambda: self.open_new_incident())
        may_edit = ctx.actor.may(Permission.EDIT)
        self.new_button.setEnabled(may_edit)
        self.checklist_button.setEnabled(may_edit)
        self.retranslate_ui()
        self.reload()

    # --- data ----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.risks = incidents.list_risks(self.ctx.db, self.ctx.actor)
        self.risks_model.set_rows(self.risks)
        if self.risks and not self.risks_table.selectionModel().hasSelection():
            self.risks_table.selectRow(0)
        self._show_risk()
        self.reload_incidents()

    def reload_incidents(self, select_id: int | None = None) -> None:
        current = selected_info(self.incidents_table)
        rows = incidents.list_incidents(self.ctx.db, self.ctx.actor, None if self.show_closed.isChecked() else "open")
        self.incidents_model.set_rows(rows)
        target = select_id or (current.id if current else None)
        if not (target and select_record(self.incidents_table, target)) and rows:
            self.incidents_table.selectRow(0)

    def _selected_risk(self) -> str | None:
        risk = selected_info(self.risks_table)
        return risk.title if risk else None

    def _show_risk(self) -> None:
        r = selected_info(self.risks_table)
        if r is None:
            self.risk_detail.setText("")
            return
        parts = [f"<b>{html.escape(r.title)}</b>"]
        if r.description:
            parts.append(html.escape(r.description))
        if r.countermeasure:
            parts.append(html.escape(self.tr("Countermeasure: %1").replace("%1", r.countermeasure)))
        self.risk_detail.setText(" — ".join(parts))

    # --- actions -------------------------------------------------------------------------------
    def open_new_incident(self, risk: str | None = None) -> OpenIncidentDialog:
        dialog = OpenIncidentDialog(self.ctx, [r.title for r in self.risks], risk, self)
        dialog.accepted.connect(lambda: self._opened(dialog.incident_id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _opened(self, incident_id: int | None) -> None:
        if incident_id is None:
            return
        self.reload_incidents(incident_id)
        self.open_incident(incident_id)

    def open_incident(self, incident_id: int) -> IncidentDialog:
        dialog = self.open_incidents.get(incident_id)
        if dialog is None:
            dialog = IncidentDialog(self.ctx, incident_id, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.changed.connect(lambda i: self.reload_incidents(i))
            dialog.destroyed.connect(lambda *_a, iid=incident_id: self.open_incidents.pop(iid, None))
            self.open_incidents[incident_id] = dialog
        dialog.show()
        dialog.activateWindow()
        return dialog

    def open_selected_incident(self) -> IncidentDialog | None:
        info = selected_info(self.incidents_table)
        return self.open_incident(info.id) if info else None

    def emergency_checklist(self) -> StartRunDialog | None:
        """Start the 緊急対応チェックリスト: for the selected open incident directly, else ask the subject."""
        info = selected_info(self.incidents_table)
        if info is not None and info.status == "open":
            return self.open_incident(info.id).open_checklist()
        try:
            template = checklists.get_template(self.ctx.db, self.ctx.actor, EMERGENCY_CHECKLIST)
        except EcmanualError as exc:
            feedback.refused(self, exc)
            return None
        dialog = StartRunDialog(self.ctx, [template], template.id, parent=self)
        dialog.accepted.connect(lambda: self._run_started(dialog.run_id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _run_started(self, run_id: int | None) -> ChecklistRunDialog | None:
        if run_id is None:
            return None
        page = ChecklistRunDialog(self.ctx, run_id, self)
        page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page.show()
        self.dialog = page
        return page

    # --- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.risks_caption.setText(self.tr("Risk register"))
        self.incidents_caption.setText(self.tr("Incidents"))
        self.new_button.setText(self.tr("Open incident…"))
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.open_button.setText(self.tr("Open"))
        self.checklist_button.setText(self.tr("Emergency checklist"))
        self.checklist_button.setToolTip(self.tr("Start the 緊急対応チェックリスト (for the selected open incident)"))
        self.show_closed.setText(self.tr("Show closed"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.risks_model.retranslate()
        self.incidents_model.retranslate()
        if hasattr(self, "risks"):
            self._show_risk()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- navigation (search) --------------------------------------------------------------------
    def show_record(self, entity: str, entity_id: int | None, **hints) -> bool:
        """Select a risk in the register (or an incident)."""
        if entity_id is None:
            return False
        if entity == "incident":
            table = self.incidents_table
            if not self.show_closed.isChecked():
                self.show_closed.setChecked(True)
        elif entity == "risk":
            table = self.risks_table
        else:
            return False
        found = select_record(table, entity_id)
        if found:
            table.setFocus()
        return found
