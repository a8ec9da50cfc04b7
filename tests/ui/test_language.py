"""Japanese by default; the settings view switches the language live and remembers it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ecmanual.config import LocalSettings
from ecmanual.ui import i18n
from ecmanual.ui.models.audit_log import Column

pytestmark = pytest.mark.gui


def test_a_fresh_start_is_japanese(qapp, qtbot, db, admin, db_path):
    from ecmanual.app import build_main_window, configure_application

    assert not LocalSettings.path().exists()  # nothing chosen on this PC yet
    i18n.install_language("en")
    assert configure_application(qapp) == "ja"
    window = build_main_window(db, admin, str(db_path), remember_geometry=False)
    qtbot.addWidget(window)
    assert window.sidebar.item(0).text() == "ダッシュボード"


def test_switching_language_in_settings_changes_visible_texts(qtbot, admin_window):
    window = admin_window
    window.show()
    window.show_area("audit")
    window.show_area("settings")
    settings, audit_view = window.page("settings"), window.page("audit")
    assert window.sidebar.item(0).text() == "ダッシュボード"
    assert settings.language.currentText() == "日本語"
    assert audit_view.model.headerData(Column.TIME, Qt.Orientation.Horizontal) == "日時"

    settings.language.setCurrentIndex(settings.language.findData("en"))
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "Dashboard")
    assert window.page_title.text() == "Settings"
    assert window.windowTitle() == "ecmanual — operations manual"
    assert window.user_status.text() == "User: 管理 太郎 (Administrator)"
    assert settings.language_caption.text() == "Language" and settings.role_value.text() == "Administrator"
    assert window.page("dashboard").reload_button.text() == "Reload"
    assert audit_view.model.headerData(Column.TIME, Qt.Orientation.Horizontal) == "Time"
    assert audit_view.refresh_button.text() == "Refresh"
    assert LocalSettings.load().language == "en"

    settings.language.setCurrentIndex(settings.language.findData("ja"))
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "ダッシュボード")
    assert window.page_title.text() == "設定" and audit_view.refresh_button.text() == "再読み込み"
    assert window.page("dashboard").reload_button.text() == "再読み込み"
    assert LocalSettings.load().language == "ja"


def test_the_saved_language_is_used_on_the_next_start(qapp):
    from ecmanual.app import configure_application

    settings = LocalSettings.load()
    settings.language = "en"
    settings.save()
    assert configure_application(qapp) == "en"
    assert i18n.current_language() == "en"


def test_every_japanese_translation_is_finished():
    import xml.etree.ElementTree as ET

    from ecmanual.resources import resource

    root = ET.parse(resource("i18n", "ecmanual_ja.ts")).getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert unfinished == []
    qm = resource("i18n", "ecmanual_ja.qm")
    assert qm.exists() and qm.stat().st_mtime >= resource("i18n", "ecmanual_ja.ts").stat().st_mtime - 1
