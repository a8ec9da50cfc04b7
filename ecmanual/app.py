"""Wiring of the desktop app: Qt application, fonts, language, database, sign-in, main window.

Start-up paints the sign-in window first: the database layer (SQLAlchemy, the models, the
schema check) is imported and opened on a worker while the window is on screen, so nothing
here imports it at module level.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from . import __version__
from .config import LocalSettings, database_location  # noqa: F401 (database_location: the CLI's too)
from .resources import FONT_FAMILY, FONT_FILES, UI_FONT_FAMILY, resource

if TYPE_CHECKING:
    from .services.context import Actor, Database

logger = logging.getLogger(__name__)
qt_logger = logging.getLogger("qt")

_fonts_registered = False


def register_fonts(app: QApplication) -> None:
    """The bundled Japanese fonts: BIZ UDPGothic (proportional) becomes the application font,
    BIZ UDGothic (fixed width) stays available for what must line up (no boxes on any PC)."""
    global _fonts_registered
    if not _fonts_registered:
        for parts in FONT_FILES:
            if QFontDatabase.addApplicationFont(str(resource(*parts))) < 0:
                logger.warning("could not load the font %s", resource(*parts))
        _fonts_registered = True
    font = QFont(app.font())
    font.setFamilies([UI_FONT_FAMILY, FONT_FAMILY])
    app.setFont(font)


def _forward_qt_message(mode: QtMsgType, context, message: str) -> None:
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    qt_logger.log(level, "%s (%s:%s)", message, context.file or "?", context.line)


def configure_application(app: QApplication, lang: str | None = None) -> str:
    """Names, font and language of an existing QApplication; returns the language used."""
    from .ui import i18n, palette
    from .ui.icons import icon

    app.setApplicationName("ecmanual")
    app.setOrganizationName("ecmanual")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app.svg"))
    register_fonts(app)
    palette.apply_theme(app, LocalSettings.load().theme)
    return i18n.install_language(lang or LocalSettings.load().language)


def create_application(lang: str | None = None, argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), configured."""
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_forward_qt_message)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    configure_application(app, lang)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def no_display() -> bool:
    """Linux without X11/Wayland and no platform chosen: Qt would abort."""
    return (sys.platform.startswith("linux") and QApplication.instance() is None
            and not os.environ.get("QT_QPA_PLATFORM")
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")))


def open_database(target: str) -> Database:
    """Open the database, creating or upgrading its schema when needed."""
    from .persistence.engine import is_sqlite, make_engine, to_url
    from .secrets import database_password
    from .services import setup
    from .services.context import Database

    url = to_url(target)
    engine = make_engine(url, password=None if is_sqlite(url) else database_password(url))
    db = Database(engine)
    info = setup.upgrade(db)  # an existing database is backed up before its schema changes
    if info.changed:
        logger.info("database schema %s -> %s (backup first: %s)", info.before, info.after, info.backup)
    return db


def build_main_window(db: Database, actor: Actor, location: str = "", *, remember_geometry: bool = True,
                      reminders: bool = True):
    """The main window for a signed-in user, not shown (tests, screenshots, run_gui)."""
    from .ui.context import UiContext
    from .ui.main_window import MainWindow

    location = location or database_location(db.engine.url.render_as_string(hide_password=True))
    return MainWindow(UiContext(db, actor, location), remember_geometry=remember_geometry, reminders=reminders)


def prepare_database(target: str) -> tuple[Database, int]:
    """What sign-in needs, on a worker while the sign-in window is shown: the database layer
    imported, the database opened (created or upgraded), its mappers configured and its users
    counted; then the main window's code imported, so signing in only builds and paints it."""
    from sqlalchemy.orm import configure_mappers

    from .services import users

    db = open_database(target)
    try:
        count = users.user_count(db)
        configure_mappers()
        from .ui import main_window  # noqa: F401 (classes only: no widget is made off the GUI thread)
    except BaseException:
        db.engine.dispose()
        raise
    return db, count


def run_gui(args) -> int:
    """No command given: the desktop app. Returns the exit status."""
    from .ui.dialogs.login import LoginDialog
    from .ui.excepthook import install_excepthook

    if no_display():
        print("No display to show the window on. Run the commands instead (python -m ecmanual --help), "
              "or set QT_QPA_PLATFORM=offscreen to run the GUI invisibly.", file=sys.stderr)
        return 2
    from .config import configured_database, needs_first_run

    settings = LocalSettings.load()
    app = create_application(args.lang or settings.language, sys.argv)
    install_excepthook()
    if needs_first_run(args.db):  # an empty data folder: set up this PC first
        from .ui.dialogs.first_run import FirstRunWizard

        wizard = FirstRunWizard()
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return 0
        if wizard.db is not None and wizard.actor is not None:  # a new database, its admin signed in
            return _show_main_window(app, wizard.db, wizard.actor, database_location(wizard.target))
        args.db = args.db or wizard.target  # an existing server database: sign in below
    target = configured_database(args.db)
    username = args.user or settings.last_user
    db: Database | None = None
    try:
        while True:
            location = database_location(target)
            # Shown at once; without a database it opens one on a worker (prepare_database).
            login = LoginDialog(db, location, username,
                                open_database=None if db is not None else lambda t=target: prepare_database(t))
            accepted = login.exec() == QDialog.DialogCode.Accepted
            db = db or login.db
            if login.open_error is not None:  # a missing server, a wrong password, a damaged file…
                logger.error("cannot open the database %s", location, exc_info=login.open_error)
                target = _cannot_open(target, location, login.open_error)
                if not target:
                    return 1
                continue
            if login.needs_first_admin and db is not None:  # an empty database: its first administrator
                from .ui.dialogs.first_admin import FirstAdminDialog

                first = FirstAdminDialog(db)
                if first.exec() != QDialog.DialogCode.Accepted:
                    return 0
                username = first.created_username
                continue
            if not accepted or login.actor is None or db is None:
                return 0
            return _show_main_window(app, db, login.actor, location)
    finally:
        if db is not None:
            db.engine.dispose()


def _show_main_window(app: QApplication, db: Database, actor: Actor, location: str) -> int:
    """Remember who signed in, show the main window and run until it closes."""
    try:
        remembered = LocalSettings.load()  # the language may have changed meanwhile
        remembered.last_user = actor.username
        remembered.save()
        window = build_main_window(db, actor, location)
        window.show()
        return app.exec()
    finally:
        db.engine.dispose()


def _cannot_open(target: str, location: str, exc: Exception) -> str:
    """Say why the database did not open; offer the connection dialog. Returns the database to try next ("" = quit)."""
    from .ui.dialogs.connection import ConnectionDialog

    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("App", "Cannot open the database"),
                      QCoreApplication.translate("App", "The database %1 could not be opened:\n\n%2")
                      .replace("%1", location).replace("%2", str(exc)))
    box.setObjectName("cannotOpen")
    connect = box.addButton(QCoreApplication.translate("App", "Database connection…"),
                            QMessageBox.ButtonRole.ActionRole)
    connect.setObjectName("openConnectionDialog")
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not connect:
        return ""
    dialog = ConnectionDialog(target, at_start=True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return ""
    return dialog.chosen_target


def first_admin(db: Database) -> Actor:
    """The oldest active administrator (screenshots act as them, read-only)."""
    from .services import users
    from .services.context import SYSTEM

    admins = [u for u in users.list_users(db, SYSTEM) if u.role == "admin" and u.active]
    if not admins:
        from .domain.errors import InputError

        raise InputError("The database has no active administrator; run `init` first.")
    return users.actor_for(db, min(admins, key=lambda u: u.id).username)


def take_screenshots(db: Database, out_dir: Path, lang: str | None, location: str) -> list[Path]:
    """Render the login dialog and every area of the main window to PNG files in `out_dir`."""
    from .ui import i18n
    from .ui.dialogs.login import LoginDialog
    from .ui.screenshots import render_all

    previous = i18n.current_language()  # restored afterwards when run inside a live app (tests)
    app = create_application(lang)
    try:
        actor = first_admin(db)
        # Each area as it is, without the reminder banner over every page.
        window = build_main_window(db, actor, location, remember_geometry=False, reminders=False)
        login = LoginDialog(db, location, actor.username)
        return render_all(app, window, login, out_dir)
    finally:
        if i18n.current_language() != previous:
            i18n.install_language(previous)
