"""Every visible string in the UI goes through tr()/translate(): a literal handed straight to a
text-setting call (setText, QLabel(...), QMessageBox.warning(...), …) fails this test."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import ecmanual.ui

UI = Path(ecmanual.ui.__file__).parent

# Calls whose string arguments are shown to the user.
TEXT_METHODS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setStatusTip", "setWhatsThis",
    "setTitle", "setTabText", "addTab", "insertTab", "setItemText", "addItem", "addItems", "insertItem",
    "showMessage", "setHeaderLabels", "setHorizontalHeaderLabels", "setLabelText", "setCancelButtonText",
    "setAccessibleName", "setAccessibleDescription", "setInformativeText", "setDetailedText", "addAction",
    "addMenu", "addButton", "setSuffix", "setPrefix", "setSpecialValueText", "setHtml", "setPlainText",
}
TEXT_CONSTRUCTORS = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
                     "QToolButton", "QMenu", "QCommandLinkButton", "QTreeWidgetItem", "QTableWidgetItem",
                     "QListWidgetItem"}
MESSAGE_BOX = {"information", "warning", "critical", "question", "about"}
# Not words: symbols, numbers, punctuation, markup without text, format placeholders.
NOT_TEXT = re.compile(r"^[\W\d_%]*$")
NON_WORDS = re.compile(r"\bv(?![A-Za-z])|YYYY-MM-DD")  # the version prefix "v3", a date format
# (file, literal) pairs shown untranslated on purpose.
ALLOWED: set[tuple[str, str]] = set()


def _literal_texts(node: ast.AST) -> list[str]:
    """The text of a literal argument (string, f-string pieces), else nothing."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value for v in node.values if isinstance(v, ast.Constant))]
    if isinstance(node, ast.BinOp):  # "a" + "b"
        return _literal_texts(node.left) + _literal_texts(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):  # header labels, tree items
        return [text for element in node.elts for text in _literal_texts(element)]
    return []


def _shown_arguments(call: ast.Call) -> list[ast.AST]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "QMessageBox" \
            and name in MESSAGE_BOX:
        return call.args[1:3]  # title, text
    if name in TEXT_METHODS:
        return list(call.args)
    if name in TEXT_CONSTRUCTORS:
        return call.args[:1]
    return []


def untranslated_literals(root: Path = UI) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            for arg in _shown_arguments(call):
                for text in _literal_texts(arg):
                    plain = NON_WORDS.sub("", re.sub(r"<[^>]*>|&\w+;|\{[^}]*\}", "", text))
                    if NOT_TEXT.match(plain) or (rel, text) in ALLOWED:
                        continue
                    found.append(f"{rel}:{call.lineno}: {text!r}")
    return found


def test_no_visible_string_literal_bypasses_translation():
    assert untranslated_literals() == []


def test_the_scan_finds_an_untranslated_literal(tmp_path):
    (tmp_path / "bad.py").write_text('label.setText("Save")\nQLabel(self.tr("Ok"))\nb.setText("…")\n'
                                     'QMessageBox.warning(self, "Oops", self.tr("Text"))\n')
    assert untranslated_literals(tmp_path) == ["bad.py:1: 'Save'", "bad.py:4: 'Oops'"]
