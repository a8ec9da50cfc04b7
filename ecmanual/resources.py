"""Paths of shipped files (fonts, translations, migrations, default content), also in a bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    """The folder holding `resources/` and `db/`: the checkout, or PyInstaller's bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    return root().joinpath("resources", *parts)


def migrations_dir() -> Path:
    return root() / "db"


def defaults_dir() -> Path:
    return root() / "db" / "defaults"


# BIZ UDGothic: fixed width, for the PDF exports (their layout is measured in it) and wherever
# columns of characters must line up.
FONT_REGULAR = ("fonts", "BIZUDGothic-Regular.ttf")
FONT_BOLD = ("fonts", "BIZUDGothic-Bold.ttf")
FONT_FAMILY = "BIZ UDGothic"
# BIZ UDPGothic: the same design with proportional Latin letters, for the desktop UI.
UI_FONT_REGULAR = ("fonts", "BIZUDPGothic-Regular.ttf")
UI_FONT_BOLD = ("fonts", "BIZUDPGothic-Bold.ttf")
UI_FONT_FAMILY = "BIZ UDPGothic"
FONT_FILES = (UI_FONT_REGULAR, UI_FONT_BOLD, FONT_REGULAR, FONT_BOLD)
FONT_LICENCE = ("fonts", "OFL.txt")
