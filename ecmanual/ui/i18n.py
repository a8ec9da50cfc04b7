"""The UI language: ecmanual's own and Qt's translators, switched live.

Source strings are English; Japanese is the default language. Installing or removing a
translator makes Qt send `LanguageChange` to every widget, whose `changeEvent` calls its
`retranslate_ui()`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..config import LocalSettings
from ..resources import resource

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "ja"
# Shown in the language picker in their own language, never translated.
LANGUAGES = {"ja": "日本語", "en": "English"}

_installed: list[QTranslator] = []
_current = "en"  # what the source strings are in


def current_language() -> str:
    return _current


def normalise(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def install_language(lang: str | None) -> str:
    """Install the translators for `lang` (replacing the previous ones); returns the language used."""
    global _current
    lang = normalise(lang)
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != "en":
        own = QTranslator(app)
        if own.load(f"ecmanual_{lang}", str(resource("i18n"))):
            _installed.append(own)
        else:
            logger.warning("no ecmanual translation for %s in %s", lang, resource("i18n"))
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)  # Qt's own buttons (OK, Cancel, …) and dialogs
        else:
            logger.info("Qt ships no qtbase translation for %s", lang)
        for translator in _installed:
            app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan) if lang == "ja"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _current = lang
    return lang


def switch_language(lang: str) -> str:
    """Change the language now and remember it on this PC."""
    lang = install_language(lang)
    settings = LocalSettings.load()
    if settings.language != lang:
        settings.language = lang
        settings.save()
    logger.info("UI language set to %s", lang)
    return lang
