"""Refresh the translation sources and build the .qm files.

    .venv/bin/python resources/i18n/update_translations.py          # lupdate + lrelease
    .venv/bin/python resources/i18n/update_translations.py --release  # lrelease only
    .venv/bin/python resources/i18n/update_translations.py --fill ja.json  # also fill from JSON

lupdate collects the `tr()` / `QCoreApplication.translate()` / `QT_TRANSLATE_NOOP` strings of
the GUI code into `ecmanual_<lang>.ts` (existing translations are kept, strings no longer
used are dropped); translate new entries with Qt Linguist (`pyside6-linguist`) or any
editor, then run this again so lrelease writes `ecmanual_<lang>.qm`, which the app loads.

`--fill` takes a JSON file `{"<context>": {"<source>": "<translation>"}}` and fills the
entries that are still unfinished (a finished translation is never overwritten). Runs are
serialised by a lock file and the .qm is replaced atomically, so a test run reading it never
sees half a file.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from contextlib import contextmanager
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


@contextmanager
def locked():
    """One run at a time (several developers or helpers share a work tree)."""
    with open(HERE / ".update.lock", "w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no concurrent runs expected
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fill(ts: Path, translations: dict[str, dict[str, str]]) -> list[str]:
    """Fill unfinished entries of `ts` from `translations`; return the sources still unfinished."""
    text = ts.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    missing = []
    for context in root.iter("context"):
        known = translations.get(context.findtext("name"), {})
        for message in context.iter("message"):
            node = message.find("translation")
            if node.get("type") != "unfinished" and node.text:
                continue
            source = message.findtext("source")
            if source in known:
                node.text = known[source]
                node.attrib.pop("type", None)
            else:
                missing.append(f"{context.findtext('name')}: {source}")
    header = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
    ts.write_text(header + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")
    return missing


def lupdate(ts: Path, lang: str) -> None:
    files = [str(f.relative_to(ROOT)) for f in sources()]
    subprocess.run([tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete", "-target-language", lang,
                    *files, "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--release", action="store_true", help="only build the .qm files")
    parser.add_argument("--fill", type=Path, action="append", default=[],
                        help="JSON {context: {source: translation}} for unfinished entries")
    args = parser.parse_args()
    translations: dict[str, dict[str, str]] = {}
    for path in args.fill:
        for context, entries in json.loads(path.read_text(encoding="utf-8")).items():
            translations.setdefault(context, {}).update(entries)
    with locked():
        for lang in LANGUAGES:
            ts = HERE / f"ecmanual_{lang}.ts"
            if not args.release:
                lupdate(ts, lang)
            if translations:
                for entry in fill(ts, translations):
                    print(f"unfinished: {entry}")
                lupdate(ts, lang)  # back to lupdate's own layout
            qm = ts.with_suffix(".qm")
            partial = qm.with_suffix(".qm.part")
            subprocess.run([tool("lrelease"), str(ts), "-qm", str(partial)], check=True)
            os.replace(partial, qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
