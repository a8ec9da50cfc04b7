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


def _translated_sources() -> dict[str, str]:
    """English source -> Japanese, for every finished entry whose translation differs."""
    import xml.etree.ElementTree as ET

    from ecmanual.resources import resource

    root = ET.parse(resource("i18n", "ecmanual_ja.ts")).getroot()
    return {m.findtext("source"): m.findtext("translation") for m in root.iter("message")
            if m.findtext("translation") and m.findtext("translation") != m.findtext("source")}


def _visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) of the labels, buttons, group boxes, tabs, headers and menus of the window."""
    from PySide6.QtWidgets import (
        QAbstractButton, QAbstractItemView, QGroupBox, QLabel, QLineEdit, QTableView, QTabWidget, QTreeView,
    )

    from ecmanual.ui.tables import header_of

    texts = [("menu", a.text()) for menu in window.menuBar().findChildren(type(window.file_menu))
             for a in menu.actions()]
    for widget in window.findChildren(QLabel):
        texts.append((f"QLabel {widget.objectName()}", widget.text()))
    for widget in window.findChildren(QAbstractButton):
        texts += [(f"{type(widget).__name__}", widget.text()), ("tooltip", widget.toolTip())]
    for widget in window.findChildren(QGroupBox):
        texts.append(("QGroupBox", widget.title()))
    for widget in window.findChildren(QLineEdit):
        texts.append(("placeholder", widget.placeholderText()))
    for tabs in window.findChildren(QTabWidget):
        texts += [("tab", tabs.tabText(i)) for i in range(tabs.count())]
    for view in window.findChildren(QAbstractItemView):
        if isinstance(view, (QTableView, QTreeView)) and view.model() is not None:
            texts += [("header", str(view.model().headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(header_of(view).count())]
    return [(where, text) for where, text in texts if text]


def test_no_english_source_text_shows_in_japanese(qtbot, seeded_db, admin):
    """Every area opened in Japanese: no visible text is an English source whose translation exists
    (a string translated under another context, or set before the translator was installed)."""
    from ecmanual.app import build_main_window
    from ecmanual.ui.areas import AREAS

    window = build_main_window(seeded_db, admin, "x", remember_geometry=False)
    qtbot.addWidget(window)
    window.show()
    for area in AREAS:
        window.show_area(area.key)
    qtbot.wait(50)
    translated = _translated_sources()
    english = sorted({f"{where}: {text!r}" for where, text in _visible_texts(window)
                      if text.replace("&", "") in translated or text in translated})
    assert english == [], "\n".join(english)

    i18n.switch_language("en")  # and back: the English texts do not stay behind either
    i18n.switch_language("ja")
    qtbot.wait(50)
    english = sorted({f"{where}: {text!r}" for where, text in _visible_texts(window) if text in translated})
    assert english == [], "\n".join(english)
