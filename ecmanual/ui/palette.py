"""Light and dark appearance: follow the OS colour scheme (Qt 6.5+) or the user's choice.

Dark uses the Fusion style with a dark palette; light keeps the platform style (or Fusion's
light palette when the OS is dark but the user chose light). Item views colour some cells
(RACI codes, compliance, overdue rows) with fixed light backgrounds and text colours; the
`ReadableItems` proxy style keeps their text legible in either mode by choosing a contrasting
text colour when the one given is too close to the cell's background.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOptionViewItem

logger = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
MIN_CONTRAST = 3.0  # WCAG ratio below which cell text is re-coloured

_theme = "system"
_native_style = ""
_listening = False


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(text: QColor, background: QColor) -> QColor:
    """`text` if legible on `background`, else the same hue made light or dark enough."""
    if contrast(text, background) >= MIN_CONTRAST:
        return text
    dark_background = _luminance(background) < 0.18
    hue, sat, _light, alpha = text.getHslF()
    for lightness in ((0.80, 0.88, 0.95, 1.0) if dark_background else (0.30, 0.20, 0.10, 0.0)):
        candidate = QColor.fromHslF(max(hue, 0.0), sat, lightness, alpha)
        if contrast(candidate, background) >= MIN_CONTRAST:
            return candidate
    return QColor(Qt.GlobalColor.white if dark_background else Qt.GlobalColor.black)


class ReadableItems(QProxyStyle):
    """Fusion/platform style whose item-view cells always have legible text."""

    def drawControl(self, element, option, painter, widget=None):  # noqa: N802 - Qt override
        if element == QStyle.ControlElement.CE_ItemViewItem and isinstance(option, QStyleOptionViewItem):
            brush = option.backgroundBrush
            background = brush.color() if brush.style() != Qt.BrushStyle.NoBrush else \
                option.palette.color(QPalette.ColorRole.Base)
            text = option.palette.color(QPalette.ColorRole.Text)
            fixed = readable_on(text, background)
            if fixed != text:
                option = QStyleOptionViewItem(option)
                option.palette.setColor(QPalette.ColorRole.Text, fixed)
        super().drawControl(element, option, painter, widget)


def dark_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#2b2d30"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1f2023"),
                         (roles.AlternateBase, "#2a2c30"), (roles.ToolTipBase, "#3a3d42"),
                         (roles.ToolTipText, "#f0f0f0"), (roles.PlaceholderText, "#9a9ea6"),
                         (roles.Text, "#e6e6e6"), (roles.Button, "#35383d"), (roles.ButtonText, "#e6e6e6"),
                         (roles.BrightText, "#ff6b6b"), (roles.Light, "#4a4d53"), (roles.Midlight, "#3e4146"),
                         (roles.Mid, "#2f3135"), (roles.Dark, "#18191b"), (roles.Shadow, "#000000"),
                         (roles.Highlight, "#3d6a9e"), (roles.HighlightedText, "#ffffff"),
                         (roles.Link, "#8ab4f8"), (roles.LinkVisited, "#c58af9")):
        p.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor("#7c7f85"))
    p.setColor(disabled, roles.Highlight, QColor("#45484d"))
    return p


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def current_theme() -> str:
    return _theme


def is_dark() -> bool:
    """Whether the app is drawn dark now."""
    return _theme == "dark" or (_theme == "system" and system_is_dark())


def apply_theme(app: QApplication, theme: str | None = None) -> str:
    """Draw the app in `theme` (system | light | dark; None: the one in force); returns "light" or "dark"."""
    global _theme, _native_style, _listening
    _theme = theme if theme in THEMES else "system"
    if not _native_style:
        _native_style = app.style().name() or "fusion"
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native widgets and title bars follow too
        hints.setColorScheme({"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
                             .get(_theme, Qt.ColorScheme.Unknown))
    dark = is_dark()
    base = "fusion" if dark or (_theme == "light" and system_is_dark()) else _native_style
    style = QStyleFactory.create(base) or QStyleFactory.create("fusion")
    app.setStyle(ReadableItems(style))
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    if not _listening:
        hints.colorSchemeChanged.connect(lambda _scheme: _theme == "system" and apply_theme(app))
        _listening = True
    logger.debug("theme %s (%s, style %s)", _theme, "dark" if dark else "light", base)
    return "dark" if dark else "light"


def sidebar_stylesheet() -> str:
    """The main window's sidebar in the current mode (selection colours that suit the palette)."""
    selected, text, accent = ("#34506e", "#f2f6fa", "#7fb0e6") if is_dark() else ("#d6e2ef", "#1b2b3c", "#35608f")
    return ("QListWidget#sidebar { background: palette(alternate-base); padding-top: 6px; }"
            "QListWidget#sidebar::item { padding: 7px 6px; border-left: 3px solid transparent; }"
            f"QListWidget#sidebar::item:selected {{ background: {selected}; color: {text};"
            f" border-left: 3px solid {accent}; }}")


def muted_text() -> str:
    """A secondary-text colour name for rich text (captions, dates) in the current mode."""
    return "#a8adb5" if is_dark() else "#555555"
