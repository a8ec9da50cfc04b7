"""The main window: a sidebar of areas, the current area's page, menus and status bar."""

from __future__ import annotations

import logging
import platform

from PySide6.QtCore import QEvent, QSize, Qt, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..domain.permissions import Permission
from ..resources import FONT_FAMILY, UI_FONT_FAMILY
from . import palette
from .areas import AREAS, Area, area_index
from .context import UiContext
from .geometry import PreserveGeometry
from .help import HelpDialog
from .icons import icon
from .labels import role_label
from .reminders import Reminders
from .widgets.notification_banner import NotificationBanner
from .widgets.search_palette import SearchPalette

logger = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1280, 800)


class MainWindow(PreserveGeometry, QMainWindow):
    """Hosts one page per area (built on first visit) and the window-wide actions."""

    def __init__(self, ctx: UiContext, *, remember_geometry: bool = True, parent: QWidget | None = None,
                 reminders: bool = True, reminder_interval_ms: int | None = None):
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
        self.sidebar.setStyleSheet(palette.sidebar_stylesheet())  # again when the palette changes
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
        content_layout.setContentsMargins(14, 14, 14, 12)  # 1280 px leaves the widest page (Manual, English) room
        self.help_button = QToolButton()  # "?" beside the title: what this screen is for (F1)
        self.help_button.setObjectName("helpButton")
        self.help_button.setText("?")
        self.help_button.setAutoRaise(True)
        self.help_button.clicked.connect(self.show_help)
        title_row = QHBoxLayout()
        title_row.addWidget(self.page_title)
        title_row.addWidget(self.help_button)
        title_row.addStretch(1)
        content_layout.addLayout(title_row)
        self.banner = NotificationBanner()  # reminders where there is no system tray
        content_layout.addWidget(self.banner)
        content_layout.addSpacing(6)
        content_layout.addWidget(self.stack, 1)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(content, 1)
        self.setCentralWidget(central)
        self.search_palette = SearchPalette(ctx, central)
        self.search_palette.chosen.connect(lambda hit: self.open_record(hit.area, hit.entity, hit.entity_id))

        self.user_status = QLabel()
        self.db_status = QLabel()
        self.statusBar().addWidget(self.user_status)
        self.statusBar().addPermanentWidget(self.db_status)

        self._build_actions()
        from .idle_lock import IdleLock

        self.idle_lock = IdleLock(self, ctx.db, ctx.actor)  # セッションタイムアウト (organisation setting)
        self.sidebar.currentRowChanged.connect(self._on_area_changed)
        self.retranslate_ui()
        self.resize(DEFAULT_SIZE)
        if remember_geometry:
            self.restore_geometry()
        self.sidebar.setCurrentRow(0)
        self.reminders = Reminders(ctx, self.banner, self, **(
            {"interval_ms": reminder_interval_ms} if reminder_interval_ms else {}))
        self.reminders.open_dashboard.connect(self._show_dashboard_from_reminder)
        if reminders:
            self._start_reminders()

    def _start_reminders(self) -> None:
        """What is due, at start and once a day. At start the dashboard (the first page) is
        loading the same overview: the first reminder shows its result instead of a second query."""
        dashboard_page = self._pages.get(area_index("dashboard")) if self.current_area().key == "dashboard" else None
        loaded = getattr(dashboard_page, "loaded", None)
        if loaded is None:
            self.reminders.start()
            return

        def first(*_args) -> None:
            loaded.disconnect(first)
            if dashboard_page.overview is not None:
                self.reminders.show_overview(dashboard_page.overview)

        loaded.connect(first)
        self.reminders.start(check_now=False)

    # --- building -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.change_password_action = QAction(self)
        self.change_password_action.triggered.connect(self.change_password)
        self.file_menu.addAction(self.change_password_action)
        # Which database this PC opens: administrators (the service side checks again on save).
        self.connection_action = QAction(self)
        self.connection_action.triggered.connect(self.open_connection_dialog)
        self.connection_action.setVisible(self.ctx.actor.may(Permission.ADMINISTER))
        self.file_menu.addAction(self.connection_action)
        self.file_menu.addSeparator()
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
        self.go_menu.addSeparator()
        self.search_action = QAction(self)
        self.search_action.setShortcut(QKeySequence("Ctrl+K"))
        self.search_action.triggered.connect(self.search_palette.popup)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.triggered.connect(self.refresh)
        self.go_menu.addActions([self.search_action, self.refresh_action])

        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_action = QAction(self)
        self.help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))  # F1
        self.help_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.help_action.triggered.connect(self.show_help)
        self.help_menu.addAction(self.help_action)
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

    def open_record(self, area: str, entity: str, entity_id: int | None, **hints) -> bool:
        """Switch to `area` and let its view select or open the record (navigation protocol: an
        area view may implement `show_record(entity, entity_id, **hints) -> bool`; hints such as
        `due_on` or `review_id` narrow the place, unknown ones are ignored)."""
        self.show_area(area)
        view = self.page(area)
        show = getattr(view, "show_record", None)
        if not (entity and show):
            return False
        found = bool(show(entity, entity_id, **hints))
        if not found:
            self.statusBar().showMessage(self.tr("That record is no longer shown in this area."), 8000)
        return found

    def refresh(self) -> None:
        """F5: reload the current area."""
        view = self.page(self.current_area().key)
        for name in ("reload_all", "reload"):
            if callable(getattr(view, name, None)):
                getattr(view, name)()
                return

    def _show_dashboard_from_reminder(self) -> None:
        self.showNormal() if self.isMinimized() else self.show()
        if QGuiApplication.platformName() != "offscreen":  # offscreen has no window stack to raise in
            self.raise_()
            self.activateWindow()
        self.banner.hide()
        self.show_area("dashboard")
        self.refresh()

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
        self.change_password_action.setText(self.tr("Change &password…"))
        self.connection_action.setText(self.tr("&Database connection…"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About ecmanual"))
        self.help_action.setText(self.tr("Help for this screen"))
        self.help_button.setToolTip(self.tr("Help for this screen (F1)"))
        self.help_button.setAccessibleName(self.tr("Help for this screen"))
        self.search_action.setText(self.tr("&Search…"))
        self.refresh_action.setText(self.tr("&Refresh"))
        if hasattr(self, "reminders"):
            self.reminders.retranslate()
        actor = self.ctx.actor
        self.user_status.setText(self.tr("User: %1 (%2)").replace("%1", actor.display_name or actor.username)
                                 .replace("%2", role_label(actor.role)))
        self.db_status.setText(self.tr("Database: %1").replace("%1", self.ctx.db_location))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            if self.sidebar.styleSheet() != palette.sidebar_stylesheet():  # light or dark selection
                self.sidebar.setStyleSheet(palette.sidebar_stylesheet())
        super().changeEvent(event)

    def show_help(self) -> HelpDialog:
        """The current area's explanation; its button opens the area's manual page."""
        dialog = HelpDialog(self.ctx, self.current_area(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.openManual.connect(self.open_manual_page)
        dialog.open()
        return dialog

    def open_manual_page(self, slug: str) -> bool:
        self.show_area("manual")
        return self.page("manual").show_slug(slug)

    def about_text(self) -> str:
        import PySide6

        return self.tr(
            "<h3>ecmanual %1</h3>"
            "<p>The team's operations manual as living records: roles and RACI, trainings, "
            "permission reviews, checklists, templates and the audit trail.</p>"
            "<p>Font: %2, SIL Open Font License 1.1 (resources/fonts/OFL.txt).<br>"
            "Qt %3 and Qt for Python (PySide6 %4), LGPLv3. Python %5.</p>"
        ).replace("%1", __version__).replace("%2", f"{UI_FONT_FAMILY}, {FONT_FAMILY}").replace("%3", qVersion()) \
            .replace("%4", PySide6.__version__).replace("%5", platform.python_version())

    def change_password(self):
        from .dialogs.password_change import PasswordChangeDialog

        dialog = PasswordChangeDialog(self.ctx.db, self.ctx.actor, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Password changed."), 8000))
        dialog.open()
        return dialog

    def open_connection_dialog(self) -> None:
        """The connection dialog of 設定, opened over that screen (it notes the saved choice)."""
        self.show_area("settings")
        self.page("settings").open_connection_dialog()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About ecmanual"), self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reminders.stop()
        if self._remember_geometry:
            self.save_geometry()
        super().closeEvent(event)
