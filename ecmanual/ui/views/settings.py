"""設定: the UI language and appearance (applied at once, remembered on this PC), the
organisation-wide settings (name, idle lock, external exports: administrators change them,
everyone sees them), the user, where data lives."""

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
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...config import LocalSettings, data_dir
from ...domain.permissions import Permission
from ...log import log_file
from ...services import exports, org_settings
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
        self.org_name = QLineEdit()
        self.org_name.setObjectName("orgName")
        self.org_name.setMaxLength(org_settings.SETTINGS[org_settings.ORG_NAME].max_length)
        self.org_name.setMinimumWidth(420)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleLockMinutes")
        self.idle_minutes.setRange(spec.minimum or 0, spec.maximum or 480)
        self.idle_minutes.setMinimumWidth(140)
        self.idle_note = QLabel()
        self.idle_note.setWordWrap(True)
        self.idle_note.setMinimumWidth(640)
        # Export kinds that always leave the team: names and e-mails in them are masked for
        # roles without the personal-data permission (services/export_masking.py).
        self.external_kinds = QListWidget()
        self.external_kinds.setObjectName("externalExports")
        exports.load_providers()
        for kind in sorted(exports.EXPORT_KINDS.values(), key=lambda k: k.name):
            if not kind.carries_personal_data():
                continue
            item = QListWidgetItem(f"{kind.title} ({kind.name})")
            item.setData(Qt.ItemDataRole.UserRole, kind.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.external_kinds.addItem(item)
        rows = max(1, self.external_kinds.count())
        self.external_kinds.setFixedSize(420, (self.external_kinds.fontMetrics().lineSpacing() + 6) * rows + 8)
        self.external_note = QLabel()
        self.external_note.setWordWrap(True)
        self.external_note.setMinimumWidth(640)
        self.org_save = QPushButton()
        self.org_save.setObjectName("saveOrganisation")
        self.org_save.clicked.connect(self.save_organisation)
        self.org_group = QGroupBox()
        org_form = QFormLayout(self.org_group)
        org_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        org_form.setVerticalSpacing(8)
        self.org_name_caption, self.idle_caption, self.external_caption = QLabel(), QLabel(), QLabel()
        org_form.addRow(self.org_name_caption, self.org_name)
        org_form.addRow(self.idle_caption, self.idle_minutes)
        org_form.addRow("", self.idle_note)
        org_form.addRow(self.external_caption, self.external_kinds)
        org_form.addRow("", self.external_note)
        save_row = QHBoxLayout()
        save_row.addWidget(self.org_save)
        save_row.addStretch(1)
        org_form.addRow("", save_row)
        # The service refuses non-administrators; the screen shows the values read-only to them.
        self.may_administer = ctx.actor.may(Permission.ADMINISTER)
        for field in (self.org_name, self.idle_minutes, self.external_kinds):
            field.setEnabled(self.may_administer)
        self.org_save.setVisible(self.may_administer)
        self._load_organisation()
        self.org_name.textChanged.connect(self._update_org_save)
        self.idle_minutes.valueChanged.connect(self._update_org_save)
        self.external_kinds.itemChanged.connect(self._update_org_save)

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
        connection_row.addStretch(1)
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
        self._update_org_save()

    def _org_values(self) -> dict[str, str | int]:
        checked = [self.external_kinds.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.external_kinds.count())
                   if self.external_kinds.item(i).checkState() == Qt.CheckState.Checked]
        return {org_settings.ORG_NAME: self.org_name.text().strip(),
                org_settings.IDLE_LOCK_MINUTES: self.idle_minutes.value(),
                org_settings.EXTERNAL_EXPORTS: " ".join(checked)}

    def _load_organisation(self) -> None:
        self._stored_org = {key: org_settings.get(self.ctx.db, key) for key in
                            (org_settings.ORG_NAME, org_settings.IDLE_LOCK_MINUTES, org_settings.EXTERNAL_EXPORTS)}
        external = set(str(self._stored_org[org_settings.EXTERNAL_EXPORTS]).split())
        # What is stored but not listed (a kind no longer carrying personal data) stays as it is.
        listed = {self.external_kinds.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.external_kinds.count())}
        self._unlisted_external = sorted(external - listed)
        self.org_name.setText(str(self._stored_org[org_settings.ORG_NAME]))
        self.idle_minutes.setValue(int(self._stored_org[org_settings.IDLE_LOCK_MINUTES]))
        blocked = self.external_kinds.blockSignals(True)
        for i in range(self.external_kinds.count()):
            item = self.external_kinds.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in external
                               else Qt.CheckState.Unchecked)
        self.external_kinds.blockSignals(blocked)

    def _changed_org_values(self) -> dict[str, str | int]:
        values = self._org_values()
        values[org_settings.EXTERNAL_EXPORTS] = " ".join(
            [*self._unlisted_external, *str(values[org_settings.EXTERNAL_EXPORTS]).split()])
        stored = dict(self._stored_org)
        stored[org_settings.EXTERNAL_EXPORTS] = " ".join(
            sorted(str(stored[org_settings.EXTERNAL_EXPORTS]).split()))
        compare = dict(values)
        compare[org_settings.EXTERNAL_EXPORTS] = " ".join(sorted(str(values[org_settings.EXTERNAL_EXPORTS]).split()))
        return {key: values[key] for key in values if compare[key] != stored[key]}

    def _update_org_save(self, *_args) -> None:
        self.org_save.setEnabled(self.may_administer and bool(self._changed_org_values()))

    def save_organisation(self) -> None:
        """Store the changed organisation settings (each change audited by the service)."""
        changed = self._changed_org_values()

        def store() -> None:
            for key, value in changed.items():
                org_settings.set_value(self.ctx.db, self.ctx.actor, key, value)

        feedback.attempt(self, store)
        self._load_organisation()
        if org_settings.IDLE_LOCK_MINUTES in changed:
            lock = getattr(self.window(), "idle_lock", None)
            if lock is not None:  # this PC follows at once; others when their timer next fires
                lock.reload_setting()
        self._update_org_save()

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
        self.org_name_caption.setText(self.tr("Organisation name"))
        self.org_name.setPlaceholderText(self.tr("Shown on the cover and footer of every export"))
        self.idle_caption.setText(self.tr("Lock after idle"))
        self.idle_minutes.setSuffix(self.tr(" minutes"))
        self.idle_minutes.setSpecialValueText(self.tr("Never"))
        self.org_save.setText(self.tr("Save"))
        note = self.tr("Without keyboard or mouse input for this long, the window hides its content and asks "
                       "for the password again. 0 = never.")
        if not self.may_administer:
            note += " " + self.tr("Only administrators can change it.")
        self.idle_note.setText(note)
        self.external_caption.setText(self.tr("External exports"))
        self.external_note.setText(self.tr(
            "Ticked exports always leave the team: names and e-mail addresses in them are masked unless the "
            "person exporting is an administrator, and every such export is recorded."))
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
