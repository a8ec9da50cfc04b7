"""The global search box (Ctrl+K): a small palette over the main window that searches every area
as you type and jumps to the chosen record.

Typing restarts a short timer; when it fires, `services.search.search` runs (an indexed
query that takes milliseconds, so on the GUI thread). Up/Down move through the hits, Enter
or a double-click emits `chosen` with the hit and closes the palette, Escape closes it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...domain.errors import EcmanualError
from ...services import search
from ...services.search import Hit
from ..areas import AREAS
from ..context import UiContext
from ..icons import icon

logger = logging.getLogger(__name__)

DEBOUNCE_MS = 150
LIMIT = 30
HIT_ROLE = Qt.ItemDataRole.UserRole
ENTITIES = {
    "glossary_term": QT_TRANSLATE_NOOP("SearchPalette", "Glossary term"),
    "manual_page": QT_TRANSLATE_NOOP("SearchPalette", "Manual page"),
    "checklist_template": QT_TRANSLATE_NOOP("SearchPalette", "Checklist"),
    "document_template": QT_TRANSLATE_NOOP("SearchPalette", "Document template"),
    "process": QT_TRANSLATE_NOOP("SearchPalette", "Process"),
    "department": QT_TRANSLATE_NOOP("SearchPalette", "Department"),
    "job_role": QT_TRANSLATE_NOOP("SearchPalette", "Job role"),
    "staff": QT_TRANSLATE_NOOP("SearchPalette", "Person"),
    "course": QT_TRANSLATE_NOOP("SearchPalette", "Course"),
    "saas_system": QT_TRANSLATE_NOOP("SearchPalette", "SaaS system"),
    "risk": QT_TRANSLATE_NOOP("SearchPalette", "Risk"),
    "duty": QT_TRANSLATE_NOOP("SearchPalette", "Duty"),
}


def entity_label(entity: str) -> str:
    source = ENTITIES.get(entity)
    return QCoreApplication.translate("SearchPalette", source) if source else entity


class SearchPalette(QFrame):
    """A floating search field with its hits, shown over the top of its parent window."""

    chosen = Signal(object)  # the Hit

    def __init__(self, ctx: UiContext, parent: QWidget):
        super().__init__(parent)
        self.ctx = ctx
        self.hits: list[Hit] = []
        self.setObjectName("searchPalette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet("QFrame#searchPalette { background: palette(base); border: 1px solid #7d8fa3;"
                           " border-radius: 6px; }")
        self.field = QLineEdit()
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.field.textChanged.connect(self._typed)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(self._activate)
        self.list.installEventFilter(self)
        self.status = QLabel()
        self.status.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.addWidget(self.field)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.hide()
        self.retranslate_ui()

    # --- opening and placing ---------------------------------------------------------------
    def popup(self) -> None:
        """Show over the parent, the field focused and its text selected for a new query."""
        self._place()
        self.show()
        self.raise_()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _place(self) -> None:
        parent = self.parentWidget()
        width = min(640, max(parent.width() - 40, 300))
        height = min(460, max(parent.height() - 120, 200))
        self.setGeometry((parent.width() - width) // 2, 70, width, height)

    # --- searching -------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self.timer.start()

    def run_search(self) -> list[Hit]:
        self.timer.stop()
        query = self.field.text()
        try:
            self.hits = search.search(self.ctx.db, self.ctx.actor, query, limit=LIMIT) if query.strip() else []
        except EcmanualError as exc:
            logger.info("search refused: %s", exc)
            self.hits = []
        self.list.clear()
        areas = {a.key: a for a in AREAS}
        for hit in self.hits:
            area = areas.get(hit.area)
            where = f"{area.translated_title() if area else hit.area} · {entity_label(hit.entity)}"
            item = QListWidgetItem(f"{hit.title}　—　{where}")
            if area:
                item.setIcon(icon(area.icon))
            item.setToolTip(hit.snippet)
            item.setData(HIT_ROLE, hit)
            self.list.addItem(item)
        if self.hits:
            self.list.setCurrentRow(0)
        self._show_status()
        return self.hits

    def _show_status(self) -> None:
        if not self.field.text().strip():
            self.status.setText(self.tr("Type to search every area. ↑↓ to choose, Enter to open, Esc to close."))
        elif not self.hits:
            self.status.setText(self.tr("Nothing found."))
        else:
            self.status.setText(self.tr("Hits: %1. Enter opens the selected one.").replace("%1", str(len(self.hits))))

    # --- choosing --------------------------------------------------------------------------
    def _activate(self, item: QListWidgetItem | None) -> None:
        hit = item.data(HIT_ROLE) if item is not None else None
        if hit is None:
            return
        self.hide()
        self.chosen.emit(hit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive():
                    self.run_search()  # Enter right after typing: search first
                self._activate(self.list.currentItem())
                return True
            if watched is self.field and key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.list.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, self.list.currentRow() + step)))
                return True
        return super().eventFilter(watched, event)

    def hideEvent(self, event) -> None:
        parent = self.parentWidget()
        if parent is not None and parent.isVisible():
            parent.setFocus()  # give the keyboard back to the window
        super().hideEvent(event)

    # --- texts -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.field.setPlaceholderText(self.tr("Search every area (Ctrl+K)"))
        self.field.setAccessibleName(self.tr("Search"))
        self.list.setAccessibleName(self.tr("Search results"))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            if self.hits:
                self.run_search()
        super().changeEvent(event)
