"""Help per screen (F1), light/dark palettes, the UI font, high-DPI icons and printing a record."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtPrintSupport import QPrinter

from ecmanual.config import LocalSettings
from ecmanual.resources import FONT_FAMILY, FONT_LICENCE, UI_FONT_FAMILY, resource
from ecmanual.services import checklists
from ecmanual.ui import help as ui_help
from ecmanual.ui import palette
from ecmanual.ui.areas import AREAS

pytestmark = pytest.mark.gui


@pytest.fixture
def seeded_window(qtbot, seeded_db, admin):
    from ecmanual.app import build_main_window

    window = build_main_window(seeded_db, admin, "test.sqlite3", remember_geometry=False)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def light_again(qapp):
    yield
    palette.apply_theme(qapp, "system")


# --- help ------------------------------------------------------------------------------------------

def test_every_area_has_help_and_its_manual_page_exists_in_the_defaults(seeded_db, admin):
    from ecmanual.services import manual

    slugs = {p.slug for p in manual.list_pages(seeded_db, admin)}
    assert set(ui_help.HELP) == {a.key for a in AREAS}
    assert {ui_help.manual_slug(a.key) for a in AREAS} <= slugs
    assert ui_help.help_text("risks") != ui_help.HELP["risks"][0]  # translated into Japanese


def test_f1_shows_the_help_of_the_area_and_its_link_opens_the_manual_page(qtbot, seeded_window):
    window = seeded_window
    window.show_area("risks")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(ui_help.HelpDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "ヘルプ: リスク・インシデント"
    assert dialog.text.text() == ui_help.help_text("risks")
    assert "緊急対応フロー" in dialog.manual_button.text()

    qtbot.mouseClick(dialog.manual_button, Qt.MouseButton.LeftButton)
    assert window.current_area().key == "manual"
    manual_view = window.page("manual")
    qtbot.waitUntil(lambda: not manual_view.loader.loading, timeout=10000)  # the list loads on the pool
    assert manual_view.title.text().find("緊急対応フロー") > 0  # the page is shown, not only listed


def test_the_question_mark_button_opens_the_same_help(qtbot, seeded_window):
    seeded_window.show_area("templates")
    qtbot.mouseClick(seeded_window.help_button, Qt.MouseButton.LeftButton)
    dialog = seeded_window.findChild(ui_help.HelpDialog)
    assert dialog.area.key == "templates" and dialog.slug == "template-rules"


def test_help_says_so_when_the_manual_page_is_missing(qtbot, admin_window):
    dialog = admin_window.show_help()  # an empty database: no manual pages
    assert not dialog.manual_button.isEnabled()
    assert "operations-structure" in dialog.manual_button.text()
    dialog.close()


# --- palettes ----------------------------------------------------------------------------------------

def test_dark_and_light_palettes(qapp, light_again):
    assert palette.apply_theme(qapp, "dark") == "dark"
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert isinstance(qapp.style(), palette.ReadableItems) and qapp.style().baseStyle().name().lower() == "fusion"
    assert "#34506e" in palette.sidebar_stylesheet()
    assert palette.apply_theme(qapp, "light") == "light"
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 180
    assert "#d6e2ef" in palette.sidebar_stylesheet()


def test_system_follows_the_os_colour_scheme(qapp, light_again):
    palette.apply_theme(qapp, "system")
    expected = "dark" if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"
    assert palette.is_dark() == (expected == "dark")


def test_light_cells_keep_readable_text_in_dark_mode():
    light_text, dark_base = QColor("#e6e6e6"), QColor("#1f2023")
    raci_green = QColor("#C6EFCE")
    assert palette.contrast(light_text, raci_green) < 3  # what dark mode would draw unfixed
    fixed = palette.readable_on(light_text, raci_green)
    assert palette.contrast(fixed, raci_green) >= 3
    grey_on_dark = palette.readable_on(QColor("#333333"), dark_base)  # a dark "info" colour on a dark row
    assert palette.contrast(grey_on_dark, dark_base) >= 3
    assert palette.readable_on(QColor("#000000"), QColor("#ffffff")) == QColor("#000000")


def test_the_settings_screen_switches_and_remembers_the_theme(qtbot, qapp, admin_window, light_again):
    admin_window.show_area("settings")
    settings = admin_window.page("settings")
    assert settings.theme_caption.text() == "外観"
    settings.theme.setCurrentIndex(settings.theme.findData("dark"))
    assert palette.is_dark() and LocalSettings.load().theme == "dark"
    qtbot.waitUntil(lambda: "#34506e" in admin_window.sidebar.styleSheet(), timeout=2000)
    settings.theme.setCurrentIndex(settings.theme.findData("light"))
    assert not palette.is_dark() and LocalSettings.load().theme == "light"
    qtbot.waitUntil(lambda: "#d6e2ef" in admin_window.sidebar.styleSheet(), timeout=2000)


def test_dark_screenshot_renders(qtbot, qapp, seeded_window, tmp_path, light_again):
    palette.apply_theme(qapp, "dark")
    seeded_window.show_area("raci")
    qtbot.wait(50)
    image = seeded_window.grab().toImage()
    assert image.pixelColor(5, image.height() // 2).lightness() < 90  # the sidebar is dark


# --- font, high DPI ----------------------------------------------------------------------------------

def test_the_ui_font_is_proportional_and_the_fixed_one_stays_for_pdfs(qapp):
    from PySide6.QtGui import QFont, QFontMetricsF

    assert qapp.font().family() == UI_FONT_FAMILY
    assert FONT_FAMILY in QFontDatabase.families()
    proportional = QFontMetricsF(QFont(UI_FONT_FAMILY, 12))
    fixed = QFontMetricsF(QFont(FONT_FAMILY, 12))
    assert proportional.horizontalAdvance("iiii") < proportional.horizontalAdvance("MMMM")
    assert fixed.horizontalAdvance("iiii") == fixed.horizontalAdvance("MMMM")
    licence = resource(*FONT_LICENCE).read_text(encoding="utf-8")
    assert "BIZ UDPGothic" in licence and "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_high_dpi_uses_qt_defaults_and_svg_icons(qapp):
    from ecmanual.ui.icons import icon

    assert QGuiApplication.highDpiScaleFactorRoundingPolicy() == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    assert not qapp.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi)
    assert {p.suffix for p in resource("icons").iterdir() if p.name != "README.md"} == {".svg"}
    for area in AREAS:
        sharp = icon(area.icon).pixmap(QSize(22, 22), 2.0)  # a 200 % screen draws the vector at 44 px
        assert sharp.size() == QSize(44, 44) and sharp.devicePixelRatio() == 2.0


# --- printing ----------------------------------------------------------------------------------------

def test_printing_a_checklist_run_to_a_pdf_file(qtbot, seeded_db, admin, tmp_path):
    from ecmanual.ui.context import UiContext
    from ecmanual.ui.views.checklists import ChecklistsView

    template = checklists.list_templates(seeded_db, admin)[0]
    run_id = checklists.start_run(seeded_db, admin, template.name, "印刷テスト")
    view = ChecklistsView(UiContext(seeded_db, admin, "x"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.runs_model.rowCount() > 0, timeout=5000)
    from ecmanual.ui.tables import select_record

    assert select_record(view.runs_table, run_id)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "run.pdf"
    printer.setOutputFileName(str(out))
    assert view.print_button.text() == "印刷…"
    assert view.print_selected_run(printer) is True
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "チェックリスト実施記録" in text and "印刷テスト" in text and template.items[0]["text"][:8] in text
    from sqlalchemy import select

    from ecmanual.persistence.models import AuditEntry

    with seeded_db.read() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert (entry.actor, entry.action, entry.entity, entry.entity_id) == ("admin", "print", "export_kind", "checklist-run")


def test_printing_needs_the_export_permission(qtbot, seeded_db, viewer, tmp_path):
    from ecmanual.domain.errors import PermissionDenied
    from ecmanual.services.exports import ExportParams
    from ecmanual.ui.context import UiContext
    from ecmanual.ui.printing import build_record

    with pytest.raises(PermissionDenied):
        build_record(UiContext(seeded_db, viewer, "x"), "glossary", ExportParams(external=False))
