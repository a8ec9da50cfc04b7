"""Refresh the translation sources and build the .qm files.

    .venv/bin/python resources/i18n/update_translations.py          # lupdate + lrelease
    .venv/bin/python resources/i18n/update_translations.py --release  # lrelease only

lupdate collects the `tr()` / `QCoreApplication.translate()` / `QT_TRANSLATE_NOOP` strings of
the GUI code into `ecmanual_<lang>.ts` (existing translations are kept, strings no longer
used are dropped); translate new entries with Qt Linguist (`pyside6-linguist`) or any
editor, then run this again so lrelease writes `ecmanual_<lang>.qm`, which the app loads.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGUAGES = ["ja"]


def sources() -> list[Path]:
    files = [ROOT / "ecmanual" / "app.py", *sorted((ROOT / "ecmanual" / "ui").rglob("*.py"))]
    return [f for f in files if "__pycache__" not in f.parts]


def tool(name: str) -> str:
    """pyside6-<name> next to this Python (a venv), else on PATH."""
    candidates = [Path(sys.executable).parent / f"pyside6-{name}", Path(sys.executable).parent / f"pyside6-{name}.exe"]
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} not found; install PySide6-Essentials in this Python")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--release", action="store_true", help="only build the .qm files")
    args = parser.parse_args()
    for lang in LANGUAGES:
        ts = HERE / f"ecmanual_{lang}.ts"
        if not args.release:
            files = [str(f.relative_to(ROOT)) for f in sources()]
            subprocess.run([tool("lupdate"), "-locations", "none", "-no-obsolete", "-target-language", lang,
                            *files, "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        subprocess.run([tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
