"""Only ecmanual/ui, app.py and __main__.py import Qt; the CLI's desktop commands do so lazily."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

PACKAGE = Path(__file__).resolve().parents[2] / "ecmanual"
QT_MODULES = ("PySide6", "shiboken6")


def _allowed(rel: Path) -> bool:
    return rel.parts[0] == "ui" or rel.as_posix() in ("app.py", "__main__.py")


def _imports(tree: ast.AST, module_level_only: bool) -> list[tuple[str, int]]:
    """(imported name, level) of import statements; module level = not inside a def."""
    found = []
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    if module_level_only:  # also imports under module-level if/try blocks
        nodes = [n for top in tree.body if not isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                 for n in ast.walk(top)]
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(a.name, 0) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", node.level))
    return found


def _resolve(rel: Path, name: str, level: int) -> str:
    if level == 0:
        return name
    package = ["ecmanual", *rel.parent.parts]
    base = package[: len(package) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def test_no_qt_imports_outside_the_gui_layer():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if _allowed(rel):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, level in _imports(tree, module_level_only=False):
            if level == 0 and name.split(".")[0] in QT_MODULES:
                offenders.append(f"{rel}: imports {name}")
        for name, level in _imports(tree, module_level_only=True):
            target = _resolve(rel, name, level)
            if target == "ecmanual.app" or target.startswith(("ecmanual.ui", "ecmanual.app.")):
                offenders.append(f"{rel}: imports {target} at module level")
    assert offenders == []


def test_the_command_line_loads_without_qt():
    code = ("import sys, ecmanual.cli as c, ecmanual.services.setup, ecmanual.services.users; c.build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=PACKAGE.parent)
    assert result.stdout.strip() == "[]"
