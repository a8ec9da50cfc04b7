"""Starting a checklist run, and editing a checklist template into a new version."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ...domain.errors import EcmanualError
from ...services import checklists
from ...services.checklists import ItemSpec, TemplateInfo
from .. import feedback
from ..a11y import link_form_labels
from ..context import UiContext
from ..feedback import error_text
from ..models.rows import local_time


class StartRunDialog(QDialog):
    """Which checklist, and for what (件名): 「4/22 GW先行セール LINE配信」."""

    def __init__(self, ctx: UiContext, templates: list[TemplateInfo], selected: int | None = None,
                 subject: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.run_id: int | None = None
        self.setWindowTitle(self.tr("Start a checklist run"))
        self.template = QComboBox()
        for t in templates:
            self.template.addItem(f"{t.name}（v{t.version_no}）", t.id)
        if selected is not None:
            self.template.setCurrentIndex(max(0, self.template.findData(selected)))
        self.subject = QLineEdit(subject)
        self.subject.setPlaceholderText(self.tr("e.g. 4/22 GW pre-sale LINE delivery"))
        self.subject.setMinimumWidth(380)
        self.error = QLabel()
        self.error.setStyleSheet("color:#a00;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Checklist"), self.template)
        form.addRow(self.tr("Subject"), self.subject)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.subject.setFocus()
        link_form_labels(self)  # captions name their fields for screen readers

    def accept(self) -> None:
        try:
            self.run_id = checklists.start_run(self.ctx.db, self.ctx.actor, self.template.currentData(),
                                               self.subject.text())
        except EcmanualError as exc:
            self.error.setText(error_text(exc))
            return
        super().accept()


class TemplateEditorDialog(QDialog):
    """The items of a checklist (text, required, guidance); saving makes a new version."""

    TEXT, REQUIRED, GUIDANCE = 0, 1, 2

    def __init__(self, ctx: UiContext, template: TemplateInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.template = ctx, template
        self.saved_version: int | None = None
        self.setWindowTitle(self.tr("Edit checklist: %1").replace("%1", template.name))
        self.resize(900, 620)
        history = checklists.template_history(ctx.db, ctx.actor, template.id)
        latest = history[0] if history else None
        self.info = QLabel(self.tr("Current version v%1 (%2). Saving creates v%3; runs already started keep "
                                   "the version they started with.")
                           .replace("%1", str(template.version_no))
                           .replace("%2", f"{local_time(latest.created_at)} {latest.created_by or ''}".strip()
                                    if latest else "—")
                           .replace("%3", str(template.version_no + 1)))
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Checklist items"))
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Required"), self.tr("Guidance")])
        self.table.horizontalHeader().setSectionResizeMode(self.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(self.GUIDANCE, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(self.REQUIRED, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for item in template.items:
            self.add_item(item["text"], item["required"], item.get("guidance") or "")
        add = QPushButton(self.tr("Add item"))
        add.clicked.connect(lambda: self.add_item("", True, "", edit=True))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_item)
        up = QPushButton(self.tr("Move up"))
        up.clicked.connect(lambda: self.move_item(-1))
        down = QPushButton(self.tr("Move down"))
        down.clicked.connect(lambda: self.move_item(1))
        tools = QHBoxLayout()
        for b in (add, remove, up, down):
            tools.addWidget(b)
        tools.addStretch(1)
        self.change_note = QLineEdit()
        self.change_note.setPlaceholderText(self.tr("What changed and why"))
        note_form = QFormLayout()
        note_form.addRow(self.tr("Change note"), self.change_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(tools)
        layout.addLayout(note_form)
        layout.addWidget(self.buttons)
        link_form_labels(self)  # captions name their fields for screen readers

    def add_item(self, text: str, required: bool, guidance: str, edit: bool = False) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, self.TEXT, QTableWidgetItem(text))
        box = QTableWidgetItem()
        box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        box.setCheckState(Qt.CheckState.Checked if required else Qt.CheckState.Unchecked)
        self.table.setItem(row, self.REQUIRED, box)
        self.table.setItem(row, self.GUIDANCE, QTableWidgetItem(guidance))
        if edit:
            self.table.setCurrentCell(row, self.TEXT)
            self.table.editItem(self.table.item(row, self.TEXT))
        return row

    def remove_item(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move_item(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        taken = [self.table.takeItem(row, c) for c in range(3)]
        others = [self.table.takeItem(target, c) for c in range(3)]
        for c in range(3):
            self.table.setItem(target, c, taken[c])
            self.table.setItem(row, c, others[c])
        self.table.setCurrentCell(target, self.TEXT)

    def _text(self, row: int, column: int) -> str:
        cell = self.table.item(row, column)
        return cell.text().strip() if cell else ""

    def items(self) -> list[ItemSpec]:
        out = []
        for row in range(self.table.rowCount()):
            text, guidance = (self._text(row, column) for column in (self.TEXT, self.GUIDANCE))
            required = self.table.item(row, self.REQUIRED).checkState() == Qt.CheckState.Checked
            if text or guidance:
                out.append(ItemSpec(text, required, guidance or None))
        return out

    def accept(self) -> None:
        items, note = self.items(), self.change_note.text().strip() or None

        def save() -> None:
            self.saved_version = checklists.edit_template(self.ctx.db, self.ctx.actor, self.template.id, items, note)

        if feedback.attempt(self, save):
            super().accept()
