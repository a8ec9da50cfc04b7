"""Before an account import: which system, a preview of the file, and which column feeds which field.

Columns are matched by their known Japanese and English names; the combos show the result and
let the user correct it. The dialog explains columns that are left out and why the file
cannot be imported as mapped. The mapping can be remembered for the system's next exports.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import EcmanualError
from ...importers import read_table
from ...services import inventory, inventory_import
from ..a11y import link_form_labels
from ..context import UiContext
from ..messages import service_message

logger = logging.getLogger(__name__)

MAPPED_BG = QColor("#e3f1e1")


class ImportMappingDialog(QDialog):
    """Choose the system and confirm the column mapping; `mapping`, `system_id`, `remember` after accept."""

    def __init__(self, ctx: UiContext, path: str | Path, system_id: int | None = None, parent: QWidget | None = None):
        # Read first: an unreadable file raises InputError (the caller shows it) before any widget exists.
        table = read_table(Path(path))
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.table = table
        self.systems = inventory.list_systems(ctx.db, ctx.actor, include_inactive=False)
        self.mapping: dict[str, str | None] = {}
        self.info: dict = {}
        self._filling = False
        self.setWindowTitle(self.tr("Import accounts"))
        self.resize(900, 640)

        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.system_combo = QComboBox()
        self.system_combo.setAccessibleName(self.tr("System"))
        for x in self.systems:
            self.system_combo.addItem(x.name, x.id)
        if system_id is not None:
            self.system_combo.setCurrentIndex(max(0, self.system_combo.findData(system_id)))
        self.system_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.system_label)
        top.addWidget(self.system_combo, 1)

        self.preview = QTableWidget()
        self.preview.setAccessibleName(self.tr("Preview of the file"))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.verticalHeader().hide()
        self.preview.setMinimumHeight(180)

        self.fields_box = QGroupBox()
        self.form = QFormLayout(self.fields_box)
        self.combos: dict[str, QComboBox] = {}
        self.field_labels: dict[str, QLabel] = {}
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remember = QCheckBox()
        self.remember.setChecked(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        lower = QHBoxLayout()
        lower.addWidget(self.fields_box, 2)
        lower.addWidget(self.explain, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addLayout(lower)
        layout.addWidget(self.remember)
        layout.addWidget(self.buttons)
        self.system_combo.currentIndexChanged.connect(self._on_system)
        self.retranslate_ui()
        self._refresh(None)
        link_form_labels(self)  # captions name their fields for screen readers

    # --- state ----------------------------------------------------------------------------

    @property
    def system_id(self) -> int | None:
        return self.system_combo.currentData()

    def current_mapping(self) -> dict[str, str | None]:
        return {name: combo.currentData() for name, combo in self.combos.items()}

    def _on_system(self) -> None:
        self._refresh(None)
        self.retranslate_ui()

    def _refresh(self, mapping: dict[str, str | None] | None) -> None:
        try:
            self.info = inventory_import.preview_file(self.ctx.db, self.ctx.actor, self.table, self.system_id,
                                                      mapping=mapping)
        except EcmanualError as exc:
            self.info = {"headers": [], "rows": [], "columns": {}, "unmapped": [], "fields": [],
                         "problem": service_message(exc), "problem_rows": [], "notes": []}
        self._fill_combos()
        self._fill_preview()
        self._fill_explanation()

    def _fill_combos(self) -> None:
        self._filling = True
        try:
            headers = [h for h in self.info.get("headers", []) if h and h.strip()]
            for spec in self.info.get("fields", []):
                name = spec["name"]
                combo = self.combos.get(name)
                if combo is None:
                    combo = QComboBox()
                    combo.currentIndexChanged.connect(self._on_combo)
                    label = QLabel()
                    self.combos[name], self.field_labels[name] = combo, label
                    self.form.addRow(label, combo)
                combo.clear()
                combo.addItem(self.tr("(not in the file)"), None)
                for h in headers:
                    combo.addItem(h, h)
                chosen = self.info.get("columns", {}).get(name)
                combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
                label_text = spec["label"] + (" *" if spec["required"] else "")
                english = next((a for a in spec["aliases"] if a.isascii()), None)
                self.field_labels[name].setText(f"{label_text} ({english})" if english else label_text)
                self.field_labels[name].setToolTip(", ".join([spec["label"], *spec["aliases"]]))
        finally:
            self._filling = False
        self.mapping = self.current_mapping()

    def _on_combo(self) -> None:
        if self._filling:
            return
        self._refresh(self.current_mapping())

    def _fill_preview(self) -> None:
        headers = self.info.get("headers", [])
        mapped = {h: f for f, h in self.info.get("columns", {}).items()}
        labels = {f["name"]: f["label"] for f in self.info.get("fields", [])}
        self.preview.clear()
        self.preview.setColumnCount(len(headers))
        self.preview.setRowCount(len(self.info.get("rows", [])))
        self.preview.setHorizontalHeaderLabels([f"{h}\n→ {labels[mapped[h]]}" if h in mapped else f"{h}\n—"
                                                for h in headers])
        for r, values in enumerate(self.info.get("rows", [])):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if headers[c] in mapped:
                    item.setBackground(QBrush(MAPPED_BG))
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()

    def _fill_explanation(self) -> None:
        info = self.info
        kind = (info.get("kind") or "").upper()
        encoding = {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "cp932": "CP932 (Shift_JIS)",
                    "utf-16": "UTF-16"}.get(info.get("encoding") or "", info.get("encoding") or "")
        self.file_label.setText(self.tr("%1 — %2 %3, header on row %4, %5 data rows")
                                .replace("%1", self.path.name).replace("%2", kind).replace("%3", encoding)
                                .replace("%4", str(info.get("header_row", "?")))
                                .replace("%5", f"{info.get('total_rows', 0):,}"))
        lines = []
        problem = info.get("problem")
        if problem:
            title = self.tr("Cannot import as mapped:")
            missing = [e["column"] for e in info.get("problem_rows", []) if e["message"].startswith("required column")]
            detail = (self.tr("the required column %1 is missing; choose the column of the file that holds it.")
                      .replace("%1", "、".join(missing)) if missing else problem)
            lines.append(f"<p style='color:#a4262c'><b>{title}</b> {_html(detail)}</p>")
        labels = {f["name"]: f["label"] for f in info.get("fields", [])}
        for field_name, parts in (info.get("derived") or {}).items():
            taken = self.tr("%1 is taken from %2.").replace("%1", labels.get(field_name, field_name)).replace(
                "%2", " + ".join(labels.get(p, p) for p in parts))
            lines.append(f"<p>{_html(taken)}</p>")
        chosen = [h for h in self.current_mapping().values() if h]
        if len(chosen) != len(set(chosen)):
            twice = self.tr("The same column is chosen for two fields.")
            lines.append(f"<p style='color:#a4262c'>{twice}</p>")
        unmapped = info.get("unmapped", [])
        if unmapped:
            title = self.tr("Columns not imported:")
            lines.append(f"<p><b>{title}</b></p><ul>"
                         + "".join(f"<li>{_html(u['column'])}: {self._reason(u['reason'])}</li>" for u in unmapped)
                         + "</ul>")
        for note in info.get("notes", []):
            lines.append(f"<p>{_html(note)}</p>")
        if not lines:
            everything = self.tr("Every column of the file is used.")
            lines.append(f"<p>{everything}</p>")
        self.explain.setText("".join(lines))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem and self.system_id is not None and len(chosen) == len(set(chosen)))

    def _reason(self, reason: str) -> str:
        if reason.startswith("not a known column name"):
            return self.tr("not a known column name; ignored")
        if reason.startswith("left out by the column mapping"):
            return self.tr("left out by the mapping")
        if reason.startswith("also names"):
            return self.tr("names a field already read from another column; ignored") + f" ({_html(reason)})"
        return _html(reason)

    def accept(self) -> None:
        self.mapping = self.current_mapping()
        super().accept()

    def retranslate_ui(self) -> None:
        self.system_label.setText(self.tr("System:"))
        self.fields_box.setTitle(self.tr("Columns (* required)"))
        name = self.system_combo.currentText()
        self.remember.setText(self.tr("Remember this mapping for %1").replace("%1", name))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        if self.info:
            self._fill_explanation()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _html(text: str) -> str:
    import html

    return html.escape(str(text))
