"""設定: the UI language (applied at once, remembered on this PC), the organisation's idle lock
(administrators change it; everyone sees it), the user, where data lives."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...config import LocalSettings, data_dir
from ...domain.permissions import Permission
from ...log import log_file
from ...services import org_settings
from .. import feedback, i18n, palette
from ..context import UiContext
from ..labels import role_label

logger = logging.getLogger(__name__)


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class SettingsView(QWidget):
    """Per-PC settings, the organisation-wide idle lock, and facts about this session."""

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
        self.theme = QComboBox()
        self.theme.setObjectName("themeCombo")
        self.theme.setMinimumWidth(220)
        for code in palette.THEMES:
            self.theme.addItem("", code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(palette.current_theme())))
        self.theme.currentIndexChanged.connect(self._on_theme)

        self.display_group = QGroupBox()
        display_form = QFormLayout(self.display_group)
        display_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        display_form.setVerticalSpacing(8)
        self.language_caption = QLabel()
        display_form.addRow(self.language_caption, self.language)
        display_form.addRow("", self.language_note)
        self.theme_caption = QLabel()
        display_form.addRow(self.theme_caption, self.theme)

        spec = org_settings.SETTINGS[org_settings.IDLE_LOCK_MINUTES]
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleLockMinutes")
        self.idle_minutes.setRange(spec.minimum or 0, spec.maximum or 480)
        self.idle_minutes.setMinimumWidth(140)
        self.idle_save = QPushButton()
        self.idle_save.setObjectName("saveIdleLock")
        self.idle_save.clicked.connect(self.save_idle_lock)
        self.idle_minutes.valueChanged.connect(self._update_idle_save)
        idle_row = QHBoxLayout()
        idle_row.addWidget(self.idle_minutes)
        idle_row.addWidget(self.idle_save)
        idle_row.addStretch(1)
        self.idle_note = QLabel()
        self.idle_note.setWordWrap(True)
        self.org_group = QGroupBox()
        org_form = QFormLayout(self.org_group)
        org_form.setVerticalSpacing(8)
        self.idle_caption = QLabel()
        org_form.addRow(self.idle_caption, idle_row)
        org_form.addRow("", self.idle_note)
        # The service refuses non-administrators; the screen shows the value read-only to them.
        self.may_administer = ctx.actor.may(Permission.ADMINISTER)
        self.idle_minutes.setEnabled(self.may_administer)
        self.idle_save.setVisible(self.may_administer)
        self._stored_idle = int(org_settings.get(ctx.db, org_settings.IDLE_LOCK_MINUTES))
        self.idle_minutes.setValue(self._stored_idle)

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
        # Which database this PC opens (administrators; takes effect at the next start).
        self.connection_button = QPushButton()
        self.connection_button.setObjectName("databaseConnection")
        self.connection_button.clicked.connect(self.open_connection_dialog)
        self.connection_note = QLabel()
        self.connection_note.setObjectName("connectionNote")
        self.connection_note.setWordWrap(True)
        self.connection_note.hide()
        connection_row = QHBoxLayout()
        connection_row.addWidget(self.connection_button)
        connection_row.addWidget(self.connection_note, 1)
        session_form.addRow("", connection_row)
        self.connection_button.setVisible(self.may_administer)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.display_group)
        layout.addWidget(self.org_group)
        layout.addWidget(self.session_group)
        layout.addStretch(1)
        self.retranslate_ui()
        self._update_idle_save()

    def _update_idle_save(self) -> None:
        self.idle_save.setEnabled(self.may_administer and self.idle_minutes.value() != self._stored_idle)

    def save_idle_lock(self) -> None:
        minutes = self.idle_minutes.value()

        def store() -> None:
            self._stored_idle = int(org_settings.set_value(self.ctx.db, self.ctx.actor,
                                                           org_settings.IDLE_LOCK_MINUTES, minutes))

        if feedback.attempt(self, store):
            lock = getattr(self.window(), "idle_lock", None)
            if lock is not None:  # this PC follows at once; others when their timer next fires
                lock.reload_setting()
        self._update_idle_save()

    def open_connection_dialog(self) -> None:
        """Choose this PC's database; the running window keeps the current one until the next start."""
        from ..dialogs.connection import ConnectionDialog

        dialog = ConnectionDialog(LocalSettings.load().database or self.ctx.db.engine.url.render_as_string(
            hide_password=True), parent=self)
        if dialog.exec() == ConnectionDialog.DialogCode.Accepted:
            self.connection_note.setText(self.tr("Saved. ecmanual opens %1 from the next start.")
                                         .replace("%1", dialog.chosen_target))
            self.connection_note.show()

    def _on_language(self, index: int) -> None:
        code = self.language.itemData(index)
        if code and code != i18n.current_language():
            i18n.switch_language(code)

    def _on_theme(self, index: int) -> None:
        code = self.theme.itemData(index)
        if code and code != palette.current_theme():
            palette.apply_theme(QApplication.instance(), code)
            settings = LocalSettings.load()
            settings.theme = code
            settings.save()

    def retranslate_ui(self) -> None:
        actor = self.ctx.actor
        self.display_group.setTitle(self.tr("Display"))
        self.language_caption.setText(self.tr("Language"))
        self.language_note.setText(self.tr("Applies at once and is remembered on this PC."))
        self.theme_caption.setText(self.tr("Appearance"))
        for i, text in enumerate((self.tr("Follow the system"), self.tr("Light"), self.tr("Dark"))):
            self.theme.setItemText(i, text)
        blocked = self.theme.blockSignals(True)
        self.theme.setCurrentIndex(max(0, self.theme.findData(palette.current_theme())))
        self.theme.blockSignals(blocked)
        self.org_group.setTitle(self.tr("Organisation (all PCs)"))
        self.idle_caption.setText(self.tr("Lock after idle"))
        self.idle_minutes.setSuffix(self.tr(" minutes"))
        self.idle_minutes.setSpecialValueText(self.tr("Never"))
        self.idle_save.setText(self.tr("Save"))
        note = self.tr("Without keyboard or mouse input for this long, the window hides its content and asks "
                       "for the password again. 0 = never.")
        if not self.may_administer:
            note += " " + self.tr("Only administrators can change it.")
        self.idle_note.setText(note)
        self.session_group.setTitle(self.tr("This session"))
        self.captions["user"].setText(self.tr("Signed in as"))
        self.captions["role"].setText(self.tr("Role"))
        self.captions["db"].setText(self.tr("Database"))
        self.captions["data"].setText(self.tr("Data folder"))
        self.captions["log"].setText(self.tr("Log file"))
        self.connection_button.setText(self.tr("Database connection…"))
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
