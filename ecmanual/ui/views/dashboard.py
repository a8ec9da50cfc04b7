"""The dashboard: counts at the top, three charts, and what needs attention today, each item
a double-click (or Enter) away from its record in its area."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services import dashboard
from ...services.records import today_jst
from ..areas import AREAS, area_index
from ..context import UiContext
from ..models.checklists import status_label as run_status_label
from ..models.review_accounts import decision_label, kind_label
from ..models.review_lists import status_label as review_status_label
from ..models.training_matrix import status_label as training_status_label
from ..tables import remember_header, remember_splitter
from ..tasks import Task, run_task
from ..widgets.charts import BarRow, Series, StackedBarChart

GROUPS = {
    "overdue_duties": QT_TRANSLATE_NOOP("DashboardView", "Overdue duties"),
    "training_overdue": QT_TRANSLATE_NOOP("DashboardView", "Trainings overdue or expired"),
    "training_due_soon": QT_TRANSLATE_NOOP("DashboardView", "Trainings due soon"),
    "certifications": QT_TRANSLATE_NOOP("DashboardView", "Certifications expiring or expired"),
    "approvals": QT_TRANSLATE_NOOP("DashboardView", "Checklist runs waiting for your approval"),
    "findings": QT_TRANSLATE_NOOP("DashboardView", "Open review findings"),
    "remediation": QT_TRANSLATE_NOOP("DashboardView", "Open remediation"),
    "reviews": QT_TRANSLATE_NOOP("DashboardView", "Permission reviews in progress"),
    "manual": QT_TRANSLATE_NOOP("DashboardView", "Manual pages due for review"),
    "raci": QT_TRANSLATE_NOOP("DashboardView", "Process steps without exactly one A or without an R"),
}
COUNTS = {
    "overdue": QT_TRANSLATE_NOOP("DashboardView", "Trainings overdue"),
    "due_soon": QT_TRANSLATE_NOOP("DashboardView", "Due in %1 days"),
    "certifications_expiring": QT_TRANSLATE_NOOP("DashboardView", "Certifications expiring"),
    "open_findings": QT_TRANSLATE_NOOP("DashboardView", "Open findings"),
    "approvals": QT_TRANSLATE_NOOP("DashboardView", "Waiting for my approval"),
}
COUNT_GROUPS = {"overdue": "training_overdue", "due_soon": "training_due_soon",
                "certifications_expiring": "certifications", "open_findings": "findings", "approvals": "approvals"}
RACI_KINDS = {
    "no_accountable": QT_TRANSLATE_NOOP("DashboardView", "No A (Accountable)"),
    "multiple_accountable": QT_TRANSLATE_NOOP("DashboardView", "More than one A"),
    "no_responsible": QT_TRANSLATE_NOOP("DashboardView", "No R (Responsible)"),
}
COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#333333"}
GROUP_LIMIT = 200  # items listed per group; a last row says how many more and opens the area
ITEM_ROLE = Qt.ItemDataRole.UserRole          # the AttentionItem of a row
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1     # the group key of a group row
# Chart colours: valid / due soon / late / pending; decided / open.
GREEN, AMBER, RED, GREY, BLUE = "#3f8f4f", "#e0a21b", "#c0392b", "#b8bec6", "#35608f"


def _t(text: str) -> str:
    return QCoreApplication.translate("DashboardView", text)


class CountTile(QFrame):
    """A number with a caption; clicking it shows the group it counts."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.number, self.caption = QLabel("–"), QLabel()
        self.caption.setWordWrap(True)  # narrow windows: wrap rather than widen the window
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.number.setFont(font)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 6, 12, 6)
        box.addWidget(self.number)
        box.addWidget(self.caption)

    def set_value(self, value: int, caption: str, alarm: str) -> None:
        self.number.setText(f"{value:,}")
        self.number.setStyleSheet(f"color:{alarm if value else '#1e6b30'}")
        self.caption.setText(caption)
        self.setAccessibleName(f"{caption}: {value}")

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class DashboardView(QWidget):
    """Loads the overview off the GUI thread; counts, charts, and the items grouped by kind."""

    loaded = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.fixed_today = today
        self.overview: dashboard.Overview | None = None
        self.items: list[dashboard.AttentionItem] = []
        self.task: Task | None = None
        self._generation = 0

        self.tiles = {key: CountTile() for key in COUNTS}
        tiles = QHBoxLayout()
        for key, tile in self.tiles.items():
            tile.clicked.connect(lambda k=key: self.focus_group(COUNT_GROUPS[k]))
            tiles.addWidget(tile)

        # The training chart's figure is the share still in date (valid or due soon).
        self.charts = {"training": StackedBarChart(normalise=True, share_of=2),
                       "reviews": StackedBarChart(normalise=True), "findings": StackedBarChart()}
        charts = QGridLayout()
        charts.setContentsMargins(0, 4, 0, 4)
        for i, chart in enumerate(self.charts.values()):
            charts.addWidget(chart, 0, i)
        self.charts_box = charts_box = QWidget()
        charts_box.setLayout(charts)

        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._open)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        bottom = QWidget()
        bbox = QVBoxLayout(bottom)
        bbox.setContentsMargins(0, 0, 0, 0)
        bbox.addWidget(self.summary)
        bbox.addWidget(self.tree, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(charts_box)
        split.addWidget(bottom)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)

        self._sized = remember_header(self.tree, "dashboard/attention")  # the user's widths win
        remember_splitter(split, "dashboard/charts")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tiles)
        layout.addWidget(split, 1)
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate_ui()
        self.reload()

    def today(self) -> date:
        return self.fixed_today or today_jst()

    # --- loading ---------------------------------------------------------------------------
    def reload(self) -> Task:
        db, actor, today = self.ctx.db, self.ctx.actor, self.today()
        self._generation += 1
        generation = self._generation
        self.task = run_task(lambda progress, cancel: dashboard.overview(db, actor, today),
                             on_success=lambda result: self._loaded(result, generation), parent=self)
        return self.task

    def _loaded(self, overview: dashboard.Overview, generation: int) -> None:
        if generation != self._generation:
            return  # an older load finishing after a newer one started
        self.overview = overview
        self.items = list(overview.items)
        self._fill()
        self.loaded.emit()

    # --- showing ---------------------------------------------------------------------------
    def _fill(self) -> None:
        self._fill_counts()
        self._fill_charts()
        self._fill_tree()

    def _fill_counts(self) -> None:
        counts = self.overview.counts if self.overview else {}
        window = str(counts.get("window_days", 30))
        for key, tile in self.tiles.items():
            alarm = "#b3261e" if key in ("overdue", "approvals") else "#8a5a00"
            tile.set_value(counts.get(key, 0), _t(COUNTS[key]).replace("%1", window), alarm)

    def _fill_charts(self) -> None:
        o = self.overview
        self.charts["training"].set_data(
            self.tr("Training compliance by department"),
            [Series(training_status_label("valid"), GREEN), Series(training_status_label("due_soon"), AMBER),
             Series(self.tr("Overdue or expired"), RED), Series(training_status_label("pending"), GREY)],
            [BarRow(d.department, (d.valid, d.due_soon, d.late, d.pending)) for d in (o.departments if o else [])],
            self.tr("No mandatory trainings apply to anyone yet."))
        period = o.review_period if o else None
        self.charts["reviews"].set_data(
            self.tr("Review progress by system (%1)").replace("%1", period) if period
            else self.tr("Review progress by system"),
            [Series(self.tr("Decided"), BLUE), Series(self.tr("Not decided"), GREY)],
            [BarRow(x.system, (x.decided, x.accounts - x.decided)) for x in (o.systems if o else [])],
            self.tr("No permission review yet."))
        self.charts["findings"].set_data(
            self.tr("Findings by kind (%1)").replace("%1", period) if period else self.tr("Findings by kind"),
            [Series(self.tr("Open"), RED), Series(self.tr("Decided"), BLUE)],
            [BarRow(kind_label(f.kind), (f.open, f.decided)) for f in (o.findings if o else [])],
            self.tr("No findings."))
        # Room for every bar of the tallest chart, within reason; the list keeps the rest.
        self.charts_box.setMinimumHeight(min(max(c.sizeHint().height() for c in self.charts.values()), 300))

    def detail_text(self, item: dashboard.AttentionItem) -> str:
        """The item's detail in the user's language: its status, date and facts."""
        g, when = item.group, item.due_on.isoformat() if item.due_on else ""
        if g == "overdue_duties":
            parts = [self.tr("Due %1").replace("%1", when), item.detail]
        elif g in ("training_overdue", "training_due_soon", "certifications"):
            parts = [training_status_label(item.status), self.tr("Due %1").replace("%1", when) if when else "",
                     item.detail]
        elif g == "approvals":
            parts = [run_status_label(item.status), self.tr("Run by %1").replace("%1", item.detail)]
        elif g == "findings":
            parts = [kind_label(item.status), item.detail]
        elif g == "remediation":
            due = self.tr("Overdue since %1") if item.severity == "error" else self.tr("Due %1")
            parts = [decision_label(item.status), due.replace("%1", when), item.detail]
        elif g == "reviews":
            parts = [review_status_label(item.status), self.tr("%1 decided").replace("%1", item.detail)]
        elif g == "manual":
            parts = [self.tr("Review due since %1").replace("%1", when), item.detail]
        elif g == "raci":
            parts = [_t(RACI_KINDS.get(item.status, item.status))]
        else:
            parts = [item.detail]
        return " · ".join(p for p in parts if p)

    def _fill_tree(self) -> None:
        self.tree.clear()
        if self.overview is None:
            self.summary.setText(self.tr("Loading…"))
            return
        if not self.items:
            self.summary.setText(self.tr("Nothing needs attention today."))
            return
        self.summary.setText(self.tr("%n item(s) need attention today. Double-click one to open it.", "",
                                     len(self.items)))
        for key, title in GROUPS.items():
            members = [i for i in self.items if i.group == key]
            if not members:
                continue
            total = len(members)
            if key == "findings":  # only the first ones are listed; the count covers them all
                total = max(total, self.overview.counts.get("open_findings", 0))
            # A big team's list (every late training of 500 people) would take the GUI thread
            # seconds to build as tree items: the first ones are listed, the area has them all.
            members = members[:GROUP_LIMIT]
            group = QTreeWidgetItem([f"{_t(title)} ({total:,})"])
            group.setData(0, GROUP_ROLE, key)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for item in members:
                child = QTreeWidgetItem([item.title, self.detail_text(item)])
                child.setData(0, ITEM_ROLE, item)
                child.setForeground(0, QBrush(QColor(COLOURS.get(item.severity, "#333333"))))
                group.addChild(child)
            if total > len(members):
                first = members[0]
                rest = f"{total - len(members):,}"
                if key == "findings":
                    more = dashboard.AttentionItem(key, first.area, "", "", "info", "review",
                                                   first.hint_dict().get("review_id"))
                    text = self.tr("… %1 more: open the review to see them all").replace("%1", rest)
                else:  # opens the area
                    more = dashboard.AttentionItem(key, first.area, "", "", "info", "", None)
                    text = self.tr("… %1 more: open %2 to see them all").replace("%1", rest).replace(
                        "%2", AREAS[area_index(first.area)].translated_title())
                child = QTreeWidgetItem([text, ""])
                child.setData(0, ITEM_ROLE, more)
                group.addChild(child)
            group.setExpanded(len(members) <= 20)
        if not self._sized:
            self.tree.resizeColumnToContents(0)
            self.tree.setColumnWidth(0, min(self.tree.columnWidth(0), 480))

    def group_item(self, key: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, GROUP_ROLE) == key:
                return top
        return None

    def focus_group(self, key: str) -> None:
        group = self.group_item(key)
        if group is not None:
            group.setExpanded(True)
            self.tree.setCurrentItem(group)
            self.tree.scrollToItem(group, QTreeWidget.ScrollHint.PositionAtTop)
            self.tree.setFocus()

    # --- opening ---------------------------------------------------------------------------
    def _open(self, row: QTreeWidgetItem) -> None:
        item: dashboard.AttentionItem | None = row.data(0, ITEM_ROLE)
        if item is None:
            row.setExpanded(not row.isExpanded())
            return
        window = self.window()
        if hasattr(window, "open_record"):
            window.open_record(item.area, item.entity, item.entity_id, **item.hint_dict(),
                               **({"due_on": item.due_on} if item.due_on else {}))
        elif hasattr(window, "show_area"):
            window.show_area(item.area)

    # --- texts -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([self.tr("Item"), self.tr("Detail")])
        self.reload_button.setText(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("F5"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
