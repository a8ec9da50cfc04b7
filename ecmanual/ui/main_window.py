"""The main window: a sidebar of areas, the current area's page, menus and status bar."""

from __future__ import annotations

import logging
import platform

from PySide6.QtCore import QEvent, QSize, Qt, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..resources import FONT_FAMILY
from .areas import AREAS, Area, area_index
from .context import UiContext
from .geometry import PreserveGeometry
from .icons import icon
from .labels import role_label

logger = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1280, 800)


class MainWindow(PreserveGeometry, QMainWindow):
    """Hosts one page per area (built on first visit) and the window-wide actions."""

    def __init__(self, ctx: UiContext, *, remember_geometry: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._remember_geometry = remember_geometry
        self.setObjectName("MainWindow")
        self.setWindowIcon(icon("app.svg"))

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(220)
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setSpacing(1)
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { background: palette(alternate-base); padding-top: 6px; }"
            "QListWidget#sidebar::item { padding: 7px 6px; border-left: 3px solid transparent; }"
            "QListWidget#sidebar::item:selected { background: #d6e2ef; color: #1b2b3c;"
            " border-left: 3px solid #35608f; }")
        for area in AREAS:
            item = QListWidgetItem(icon(area.icon), "")
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            self.sidebar.addItem(item)

        self.page_title = QLabel()
        self.page_title.setObjectName("pageTitle")
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        title_font.setBold(True)
        self.page_title.setFont(title_font)

        self.stack = QStackedWidget()
        self._pages: dict[int, QWidget] = {}
        for _ in AREAS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(18, 14, 18, 12)
        content_layout.addWidget(self.page_title)
        content_layout.addSpacing(6)
        content_layout.addWidget(self.stack, 1)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(content, 1)
        self.setCentralWidget(central)

        self.user_status = QLabel()
        self.db_status = QLabel()
        self.statusBar().addWidget(self.user_status)
        self.statusBar().addPermanentWidget(self.db_status)

        self._build_actions()
        self.sidebar.currentRowChanged.connect(self._on_area_changed)
        self.retranslate_ui()
        self.resize(DEFAULT_SIZE)
        if remember_geometry:
            self.restore_geometry()
        self.sidebar.setCurrentRow(0)

    # --- building -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.go_menu = self.menuBar().addMenu("")
        self.area_actions: list[QAction] = []
        for i, area in enumerate(AREAS):
            action = QAction(icon(area.icon), "", self)
            if i < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            elif area.key == "settings":
                action.setShortcut(QKeySequence("Ctrl+,"))
            action.triggered.connect(lambda _checked=False, row=i: self.sidebar.setCurrentRow(row))
            self.go_menu.addAction(action)
            self.area_actions.append(action)

        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def page(self, key: str) -> QWidget:
        """The page of an area, built now if it was never shown."""
        index = area_index(key)
        if index not in self._pages:
            self._pages[index] = self._build_page(AREAS[index])
            self.stack.widget(index).layout().addWidget(self._pages[index])
        return self._pages[index]

    def _build_page(self, area: Area) -> QWidget:
        if not area.view:
            from .views.coming import ComingPage

            return ComingPage(area)
        return area.view_class()(self.ctx)

    # --- navigation -----------------------------------------------------------------------

    def show_area(self, key: str) -> None:
        self.sidebar.setCurrentRow(area_index(key))

    def current_area(self) -> Area:
        return AREAS[self.stack.currentIndex()]

    def _on_area_changed(self, row: int) -> None:
        if row < 0:
            return
        self.page(AREAS[row].key)
        self.stack.setCurrentIndex(row)
        self.page_title.setText(AREAS[row].translated_title())

    # --- texts ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("ecmanual — operations manual"))
        for i, area in enumerate(AREAS):
            title = area.translated_title()
            self.sidebar.item(i).setText(title)
            self.sidebar.item(i).setToolTip(area.translated_description())
            self.area_actions[i].setText(title)
        if self.stack.currentIndex() >= 0:
            self.page_title.setText(self.current_area().translated_title())
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About ecmanual"))
        actor = self.ctx.actor
        self.user_status.setText(self.tr("User: %1 (%2)").replace("%1", actor.display_name or actor.username)
                                 .replace("%2", role_label(actor.role)))
        self.db_status.setText(self.tr("Database: %1").replace("%1", self.ctx.db_location))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def about_text(self) -> str:
        import PySide6

        return self.tr(
            "<h3>ecmanual %1</h3>"
            "<p>The team's operations manual as living records: roles and RACI, trainings, "
            "permission reviews, checklists, templates and the audit trail.</p>"
            "<p>Font: %2, SIL Open Font License 1.1 (resources/fonts/OFL.txt).<br>"
            "Qt %3 and Qt for Python (PySide6 %4), LGPLv3. Python %5.</p>"
        ).replace("%1", __version__).replace("%2", FONT_FAMILY).replace("%3", qVersion()) \
            .replace("%4", PySide6.__version__).replace("%5", platform.python_version())

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About ecmanual"), self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._remember_geometry:
            self.save_geometry()
        super().closeEvent(event)
