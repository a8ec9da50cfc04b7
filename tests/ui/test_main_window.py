"""The main window: areas in order, navigation by click and shortcut, menus, status, geometry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontInfo, QKeySequence
from PySide6.QtWidgets import QApplication

from ecmanual.app import build_main_window, open_database
from ecmanual.ui.areas import AREAS
from ecmanual.ui.views.audit_log import AuditLogView
from ecmanual.ui.views.coming import ComingPage
from ecmanual.ui.views.settings import SettingsView

pytestmark = pytest.mark.gui

JAPANESE_TITLES = ["ダッシュボード", "役割・RACI", "教育・認定", "権限棚卸し", "チェックリスト",
                   "テンプレート", "用語集", "マニュアル", "リスク・インシデント", "監査ログ", "設定"]


def test_the_application_font_is_the_bundled_japanese_font(qapp):
    assert QFontInfo(qapp.font()).family() == "BIZ UDPGothic"  # proportional; BIZ UDGothic is for the PDFs


def test_sidebar_lists_the_areas_in_order_in_japanese(admin_window):
    titles = [admin_window.sidebar.item(i).text() for i in range(admin_window.sidebar.count())]
    assert titles == JAPANESE_TITLES
    assert admin_window.windowTitle() == "ecmanual — 運用マニュアル"
    assert admin_window.page_title.text() == "ダッシュボード"


def test_clicking_each_sidebar_item_shows_its_page(qtbot, admin_window):
    admin_window.show()
    qtbot.waitExposed(admin_window)
    sidebar = admin_window.sidebar
    for row, area in enumerate(AREAS):
        rect = sidebar.visualItemRect(sidebar.item(row))
        qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert admin_window.stack.currentIndex() == row
        page = admin_window.page(area.key)
        assert admin_window.stack.currentWidget().isAncestorOf(page) and page.isVisible()
        assert admin_window.page_title.text() == JAPANESE_TITLES[row]
        expected = area.view_class() if area.view else ComingPage
        assert type(page) is expected
        if expected is ComingPage:
            assert area.translated_description() in page.description.text()
            assert area.translated_description() not in ("", area.description)  # translated
            assert "準備中" in page.coming.text()
    assert all(a.view for a in AREAS)  # every area is built
    assert type(admin_window.page("audit")) is AuditLogView and type(admin_window.page("settings")) is SettingsView


def test_keyboard_shortcuts_switch_areas(qtbot, admin_window):
    admin_window.show()
    qtbot.waitExposed(admin_window)
    admin_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is admin_window)
    for n in range(1, 10):
        assert admin_window.area_actions[n - 1].shortcut() == QKeySequence(f"Ctrl+{n}")
        qtbot.keyClick(admin_window, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
        assert admin_window.current_area() is AREAS[n - 1]
    qtbot.keyClick(admin_window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert admin_window.current_area().key == "settings"


def test_menus_status_bar_and_about(admin_window, db_path):
    menus = [a.text() for a in admin_window.menuBar().actions()]
    assert menus == ["ファイル(&F)", "移動(&G)", "ヘルプ(&H)"]
    assert admin_window.user_status.text() == "ユーザー: 管理 太郎（管理者）"
    assert admin_window.db_status.text() == f"データベース: {db_path}"
    about = admin_window.about_text()
    from ecmanual import __version__

    assert f"ecmanual {__version__}" in about and "BIZ UDGothic" in about and "Open Font License" in about


def test_window_geometry_is_remembered(qtbot, db, admin, db_path):
    first = build_main_window(db, admin, str(db_path))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(720, 500)  # fits the offscreen 800x600 screen restoreGeometry clamps to
    qtbot.waitUntil(lambda: first.size() == QSize(720, 500))
    first.close()
    second = build_main_window(db, admin, str(db_path))
    qtbot.addWidget(second)
    assert second.size() == QSize(720, 500)
    from ecmanual.config import data_dir

    assert (data_dir() / "window-state.ini").exists()


def test_open_database_creates_the_schema_of_a_new_file(tmp_path):
    from ecmanual.persistence import migrate
    from ecmanual.services import users

    db = open_database(str(tmp_path / "new.sqlite3"))
    try:
        assert not migrate.needs_upgrade(db.engine)
        assert users.user_count(db) == 0
    finally:
        db.engine.dispose()


def test_the_database_connection_action_is_for_administrators(qtbot, db, admin, viewer, db_path):
    from ecmanual.app import build_main_window

    for actor, visible in ((admin, True), (viewer, False)):
        window = build_main_window(db, actor, str(db_path), remember_geometry=False)
        qtbot.addWidget(window)
        assert window.connection_action in window.file_menu.actions()
        assert window.connection_action.isVisible() is visible
        assert window.connection_action.text() == "データベース接続(&D)…"
