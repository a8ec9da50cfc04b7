"""The dashboard: what needs attention today, each item a double-click away from its area."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...services import dashboard
from ..context import UiContext
from ..tasks import run_task

GROUPS = {
    "overdue_duties": QT_TRANSLATE_NOOP("DashboardView", "Overdue duties"),
    "training": QT_TRANSLATE_NOOP("DashboardView", "Training overdue or due soon"),
    "approvals": QT_TRANSLATE_NOOP("DashboardView", "Checklist runs waiting for approval"),
    "reviews": QT_TRANSLATE_NOOP("DashboardView", "Permission reviews in progress"),
    "manual": QT_TRANSLATE_NOOP("DashboardView", "Manual pages due for review"),
    "raci": QT_TRANSLATE_NOOP("DashboardView", "Process steps without exactly one A or without an R"),
}
COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#333333"}
AREA_ROLE = Qt.ItemDataRole.UserRole


class DashboardView(QWidget):
    """Loads the attention list off the GUI thread and groups it by kind."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._open)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignRight)
        self.items: list[dashboard.AttentionItem] = []
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Detail")])
        self.reload_button.setText(self.tr("Reload"))
        self._fill()

    def reload(self) -> None:
        db, actor, today = self.ctx.db, self.ctx.actor, date.today()
        run_task(lambda progress, cancel: dashboard.attention(db, actor, today),
                 on_success=self._loaded, parent=self)

    def _loaded(self, items) -> None:
        self.items = list(items)
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        if not self.items:
            self.summary.setText(self.tr("Nothing needs attention today."))
            return
        self.summary.setText(self.tr("%n item(s) need attention today. Double-click one to open it.", "",
                                     len(self.items)))
        for key, title in GROUPS.items():
            members = [i for i in self.items if i.group == key]
            if not members:
                continue
            group = QTreeWidgetItem([f"{QCoreApplication.translate('DashboardView', title)} ({len(members)})"])
            group.setData(0, AREA_ROLE, members[0].area)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for item in members:
                child = QTreeWidgetItem([item.title, item.detail])
                child.setData(0, AREA_ROLE, item.area)
                child.setForeground(0, QBrush(QColor(COLOURS.get(item.severity, "#333333"))))
                group.addChild(child)
            group.setExpanded(len(members) <= 20)
        self.tree.resizeColumnToContents(0)

    def _open(self, item: QTreeWidgetItem) -> None:
        area = item.data(0, AREA_ROLE)
        window = self.window()
        if area and hasattr(window, "show_area"):
            window.show_area(area)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

