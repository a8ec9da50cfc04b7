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


FONT_REGULAR = ("fonts", "BIZUDGothic-Regular.ttf")
FONT_BOLD = ("fonts", "BIZUDGothic-Bold.ttf")
FONT_FAMILY = "BIZ UDGothic"
