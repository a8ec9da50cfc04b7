"""Reminders: what is due, shown when the app starts and again once a day while it runs.

Where the platform has a system tray, a tray icon carries the counts in its tooltip and
shows a message; elsewhere (and offscreen) a non-modal banner in the main window does. The
counts come from `services.dashboard` for the signed-in user, read off the GUI thread.
The interval is injectable so tests can drive the timer.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ..services import dashboard
from ..services.records import today_jst
from .context import UiContext
from .icons import icon
from .tasks import Task, run_task
from .views.dashboard import GROUPS
from .widgets.notification_banner import NotificationBanner

logger = logging.getLogger(__name__)

DAY_MS = 24 * 60 * 60 * 1000


class Reminders(QObject):
    """Checks what is due on `start()` and every `interval_ms`; shows it in the tray or the banner."""

    shown = Signal(dict)          # the group counts after each check
    open_dashboard = Signal()     # the user asked to see the details

    def __init__(self, ctx: UiContext, banner: NotificationBanner, parent: QObject | None = None, *,
                 interval_ms: int = DAY_MS, use_tray: bool | None = None, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.banner = banner
        self.fixed_today = today
        self.counts: dict[str, int] | None = None
        self.checks = 0
        self.task: Task | None = None
        self._generation = 0  # only the newest check's result is shown
        self.banner.action.connect(self.open_dashboard)
        if use_tray is None:
            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: QSystemTrayIcon | None = None
        if use_tray:
            self.tray = QSystemTrayIcon(icon("app.svg"), self)
            self.menu = QMenu()
            self.open_action = self.menu.addAction("")
            self.open_action.triggered.connect(self.open_dashboard)
            self.tray.setContextMenu(self.menu)
            self.tray.messageClicked.connect(self.open_dashboard)
            self.tray.activated.connect(lambda reason: self.open_dashboard.emit()
                                        if reason == QSystemTrayIcon.ActivationReason.Trigger else None)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.retranslate()

    def start(self, *, check_now: bool = True) -> Task | None:
        """Check now (or leave the first check to `show_overview`), then on every tick of the timer."""
        if self.tray is not None:
            self.tray.show()
        self.timer.start()
        return self.check() if check_now else None

    def show_overview(self, overview: dashboard.Overview) -> None:
        """Show what an overview loaded elsewhere (the dashboard at start) says is due."""
        self._generation += 1  # a check still running would be older
        self._show(dashboard.reminder_counts(overview))

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def check(self) -> Task:
        db, actor = self.ctx.db, self.ctx.actor
        today = self.fixed_today or today_jst()
        self._generation += 1
        generation = self._generation
        self.task = run_task(lambda progress, cancel: dashboard.reminder_counts(dashboard.overview(db, actor, today)),
                             on_success=lambda counts: self._show(counts) if generation == self._generation else None,
                             on_failure=self._failed, parent=self.banner)
        return self.task

    @staticmethod
    def message(counts: dict[str, int]) -> str:
        """One line per group that has something due."""
        return "\n".join(f"{QCoreApplication.translate('DashboardView', GROUPS[g])}: {n}"
                         for g, n in counts.items() if g in GROUPS)

    def _show(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.checks += 1
        title = self.tr("ecmanual: %1 items need attention").replace("%1", str(sum(counts.values())))
        text = self.message(counts)
        if self.tray is not None:
            self.tray.setToolTip(f"{title}\n{text}" if counts else self.tr("ecmanual: nothing is due"))
            if counts:
                self.tray.showMessage(title, text, icon("app.svg"), 15_000)
        elif counts:
            self.banner.notify(f"<b>{title}</b><br>{text.replace(chr(10), ' · ')}", self.tr("Open dashboard"))
        else:
            self.banner.hide()
        self.shown.emit(counts)

    def _failed(self, exc: BaseException) -> None:
        logger.warning("reminder check failed: %r", exc)  # a reminder never interrupts the user

    def retranslate(self) -> None:
        if self.tray is not None:
            self.open_action.setText(self.tr("Open dashboard"))
        if self.counts is not None:
            self._show_again()

    def _show_again(self) -> None:
        if self.tray is None and self.banner.isVisible() and self.counts:
            title = self.tr("ecmanual: %1 items need attention").replace("%1", str(sum(self.counts.values())))
            self.banner.notify(f"<b>{title}</b><br>{self.message(self.counts).replace(chr(10), ' · ')}",
                               self.tr("Open dashboard"))
