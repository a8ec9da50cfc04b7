"""設定: the UI language (applied at once, remembered on this PC), the user, where data lives."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...config import data_dir
from ...log import log_file
from .. import i18n
from ..context import UiContext
from ..labels import role_label

logger = logging.getLogger(__name__)


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class SettingsView(QWidget):
    """Per-PC settings and facts about this session; shared settings come in a later version."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx

        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.setMinimumWidth(220)
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.language.currentIndexChanged.connect(self._on_language)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)

        self.display_group = QGroupBox()
        display_form = QFormLayout(self.display_group)
        display_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        display_form.setVerticalSpacing(8)
        self.language_caption = QLabel()
        display_form.addRow(self.language_caption, self.language)
        display_form.addRow("", self.language_note)

        self.user_value, self.role_value = _value_label(), _value_label()
        self.db_value, self.data_value, self.log_value = _value_label(), _value_label(), _value_label()
        self.session_group = QGroupBox()
        session_form = QFormLayout(self.session_group)
        session_form.setVerticalSpacing(8)
        self.captions = {}
        for key, value in (("user", self.user_value), ("role", self.role_value), ("db", self.db_value),
                           ("data", self.data_value), ("log", self.log_value)):
            self.captions[key] = QLabel()
            session_form.addRow(self.captions[key], value)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.display_group)
        layout.addWidget(self.session_group)
        layout.addStretch(1)
        self.retranslate_ui()

    def _on_language(self, index: int) -> None:
        code = self.language.itemData(index)
        if code and code != i18n.current_language():
            i18n.switch_language(code)

    def retranslate_ui(self) -> None:
        actor = self.ctx.actor
        self.display_group.setTitle(self.tr("Display"))
        self.language_caption.setText(self.tr("Language"))
        self.language_note.setText(self.tr("Applies at once and is remembered on this PC."))
        self.session_group.setTitle(self.tr("This session"))
        self.captions["user"].setText(self.tr("Signed in as"))
        self.captions["role"].setText(self.tr("Role"))
        self.captions["db"].setText(self.tr("Database"))
        self.captions["data"].setText(self.tr("Data folder"))
        self.captions["log"].setText(self.tr("Log file"))
        name = actor.display_name or actor.username
        self.user_value.setText(f"{name} ({actor.username})" if name != actor.username else name)
        self.role_value.setText(role_label(actor.role))
        self.db_value.setText(self.ctx.db_location)
        self.data_value.setText(str(data_dir()))
        self.log_value.setText(str(log_file()))
        # Keep the picker in step when the language was changed elsewhere.
        blocked = self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.language.blockSignals(blocked)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
