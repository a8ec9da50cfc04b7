"""承認レベル: who approves each kind of update (from the seeds), and who holds that level now."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...services import raci
from ..context import UiContext
from ..models.raci_tables import ApprovalColumn, ApprovalRulesModel
from ..tables import make_table, remember_header


class ApprovalsPage(QWidget):
    """The update types with their approval level; checklists read the same data from services.raci."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.levels = QLabel()
        self.levels.setWordWrap(True)
        self.model = ApprovalRulesModel(self)
        self.table = make_table(self.model, widths={
            ApprovalColumn.UPDATE_TYPE: 170, ApprovalColumn.CHECK_POINTS: 300, ApprovalColumn.LEVEL: 120,
            ApprovalColumn.FREQUENCY: 200, ApprovalColumn.APPROVERS: 170})
        remember_header(self.table, "ApprovalsPage/table")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.levels)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self._level_names: list[str] = []
        self.retranslate_ui()

    def reload(self) -> None:
        self._level_names = [lv["name"] for lv in raci.list_approval_levels(self.ctx.db)]
        self.model.set_rows(raci.approval_rules(self.ctx.db))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        order = " < ".join(self._level_names) or "—"
        self.levels.setText(self.tr("Approval levels, lowest first: %1").replace("%1", order))
        self.hint.setText(self.tr("The approvers are the current holders of the job role named like the level; "
                                  "a level without such a role (e.g. the board) decides as a body."))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
