"""The page of an area that is not built yet: what it will do, and that it is coming."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..areas import Area
from ..icons import icon


class ComingPage(QWidget):
    """Placeholder for an area under construction; never touches the database."""

    def __init__(self, area: Area, parent: QWidget | None = None):
        super().__init__(parent)
        self.area = area
        self.setObjectName(f"coming_{area.key}")
        self.icon_label = QLabel()
        self.icon_label.setPixmap(icon(area.icon).pixmap(QSize(64, 64)))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.RichText)
        self.description.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.description.setMaximumWidth(640)
        self.coming = QLabel()
        self.coming.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.coming.setObjectName("comingNote")
        self.coming.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.icon_label)
        layout.addSpacing(12)
        # Centred by stretches, not by an alignment flag: with the flag a wrapped label is
        # given one line's height and its text is cut off.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.description, 4)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(8)
        layout.addWidget(self.coming)
        layout.addStretch(3)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # Rich text only for the line height: Japanese reads better with more space between lines.
        self.description.setText(f'<p style="line-height: 150%">{html.escape(self.area.translated_description())}</p>')
        self.coming.setText(self.tr("This area is being built and comes in a later version."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
