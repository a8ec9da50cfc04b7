"""First run on an empty data folder: language and organisation, database, first admin, default content.

Nothing is created until Finish: then connection.set_up_new_database runs through run_task
with a progress dialog, and the wizard ends signed in as the new administrator (`db`, `actor`).
When the chosen server database is already set up (another PC did it), the wizard ends after
the database page and the app goes on to the sign-in dialog (`target`, no `actor`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ... import connection
from ...domain.errors import EcmanualError
from ...domain.passwords import password_problems
from ...services.context import Actor, Database
from .. import i18n
from ..a11y import link_form_labels
from ..icons import icon
from ..messages import service_message
from ..tasks import Task, run_task
from .connection import DatabaseChoice

logger = logging.getLogger(__name__)

PAGE_WELCOME, PAGE_DATABASE, PAGE_ADMIN, PAGE_CONTENT = range(4)


def _wrapped(object_name: str = "", style: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    if style:
        label.setStyleSheet(style)
    return label


class _Page(QWizardPage):
    """A page that retranslates itself when the language changes."""

    def retranslate_ui(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class WelcomePage(_Page):
    """Language (applied at once) and the organisation's name."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.intro = _wrapped()
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.language.currentIndexChanged.connect(self._on_language)
        self.org_name = QLineEdit()
        self.org_name.setObjectName("orgName")
        self.org_name.setMaxLength(200)
        self.org_note = _wrapped(style="color: palette(placeholder-text);")
        self.form = QFormLayout()
        self.language_caption, self.org_caption = QLabel(), QLabel()
        self.form.addRow(self.language_caption, self.language)
        self.form.addRow(self.org_caption, self.org_name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(10)
        layout.addLayout(self.form)
        layout.addWidget(self.org_note)
        layout.addStretch(1)
        self.org_name.textChanged.connect(self.completeChanged)
        self.retranslate_ui()

    def _on_language(self, index: int) -> None:
        code = self.language.itemData(index)
        if code and code != i18n.current_language():
            i18n.switch_language(code)

    def isComplete(self) -> bool:
        return bool(self.org_name.text().strip())

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Welcome to ecmanual"))
        self.setSubTitle(self.tr("A few questions to set up this PC. Nothing is created before the last page."))
        self.intro.setText(self.tr("ecmanual keeps the team's operations manual as living records: roles and "
                                   "RACI, training, permission reviews, checklists."))
        self.language_caption.setText(self.tr("Language"))
        self.org_caption.setText(self.tr("Organisation name"))
        self.org_name.setPlaceholderText(self.tr("e.g. 株式会社サンプル EC事業部"))
        self.org_note.setText(self.tr("Shown on the cover and footer of every export. An administrator can "
                                      "change it later."))


class DatabasePage(_Page):
    """This PC's SQLite file or a shared PostgreSQL server (tested before Next)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.choice = DatabaseChoice()
        self.existing_note = _wrapped("existingNote", "color: #1b6e2b;")
        self.existing_note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice)
        layout.addWidget(self.existing_note)
        layout.addStretch(1)
        self.choice.changed.connect(self._changed)
        self.retranslate_ui()

    def existing(self) -> bool:
        """The chosen server database already has users: no admin or content pages, sign in instead."""
        return self.choice.uses_server and self.choice.form.state is not None and self.choice.form.state.set_up

    def _changed(self) -> None:
        self.existing_note.setVisible(self.existing())
        self.setFinalPage(self.existing())  # makes QWizard show Finish instead of Next now
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.choice.is_ready()

    def nextId(self) -> int:
        return -1 if self.existing() else PAGE_ADMIN

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Where the data lives"))
        self.setSubTitle(self.tr("One PC keeps its own file; a team shares one PostgreSQL server. You can "
                                 "change this later in Settings."))
        self.existing_note.setText(self.tr("This database is already set up. Finish, then sign in with the "
                                           "account an administrator gave you; the organisation name stays "
                                           "as it is there."))


class AdminPage(_Page):
    """The first administrator: user name, display name, the password twice (the users service's rules)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.intro = _wrapped()
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("displayName")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.rules = _wrapped(style="color: palette(placeholder-text);")
        self.problem = _wrapped("problem", "color: #b3261e;")
        self.form = QFormLayout()
        self.captions = [QLabel() for _ in range(4)]
        for caption, field in zip(self.captions, (self.username, self.display_name, self.password, self.repeat),
                                  strict=True):
            self.form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.rules)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        for field in (self.username, self.password, self.repeat):
            field.textChanged.connect(self._changed)
        self.retranslate_ui()
        self._changed()

    def problem_text(self) -> str:
        """Why the entries cannot be used yet ("" when they can); shown under the form."""
        name, password = self.username.text().strip(), self.password.text()
        if not name:
            return self.tr("Enter a user name.")
        if not password:
            return ""
        problems = password_problems(password, name)
        if problems:
            return service_message("The password is too weak: " + "; ".join(problems))
        if self.repeat.text() and self.repeat.text() != password:
            return self.tr("The two passwords differ.")
        return ""

    def _changed(self) -> None:
        self.problem.setText(self.problem_text())
        self.problem.setVisible(bool(self.problem.text()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return (bool(self.username.text().strip()) and bool(self.password.text())
                and self.password.text() == self.repeat.text() and not self.problem_text())

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(self.tr("They sign in first and add the other users."))
        self.intro.setText(self.tr("Administrators manage users and the organisation's settings. Use a "
                                   "personal account, not a shared one."))
        for caption, text in zip(self.captions, (self.tr("User name"), self.tr("Display name"),
                                                 self.tr("Password"), self.tr("Password again")), strict=True):
            caption.setText(text)
        self.display_name.setPlaceholderText(self.tr("e.g. 管理 花子"))
        self.rules.setText(self.tr("At least 10 characters, mixing two of: lower case, upper case, "
                                   "digits, symbols; not containing the user name."))
        self._changed()


class ContentPage(_Page):
    """Load the default content (on by default) and a summary of what Finish will do."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.load_defaults = QCheckBox()
        self.load_defaults.setObjectName("loadDefaults")
        self.load_defaults.setChecked(True)
        self.defaults_note = _wrapped(style="color: palette(placeholder-text);")
        self.summary = _wrapped("summary")
        self.error = _wrapped("error", "color: #b3261e;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.load_defaults)
        layout.addWidget(self.defaults_note)
        layout.addSpacing(12)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate_ui()

    def initializePage(self) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Default content"))
        self.setSubTitle(self.tr("Press Finish to create the database; this takes a few seconds."))
        self.load_defaults.setText(self.tr("Load the default content"))
        self.defaults_note.setText(self.tr("The sample organisation, the five business processes with their "
                                           "RACI, trainings, checklists, templates, glossary and manual pages — "
                                           "a starting point to adapt. It can also be loaded later "
                                           "(init --defaults)."))
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard):
            self.summary.setText(self.tr("Organisation: %1\nDatabase: %2\nAdministrator: %3")
                                 .replace("%1", wizard.welcome.org_name.text().strip())
                                 .replace("%2", wizard.database.choice.target())
                                 .replace("%3", wizard.admin.username.text().strip()))


class FirstRunWizard(QWizard):
    """The first-run set-up; after Finish either `actor` (signed in) or only `target` (sign in next)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FirstRunWizard")
        self.setWindowIcon(icon("app.svg"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(680, 560)
        self.db: Database | None = None
        self.actor: Actor | None = None
        self.target = ""
        self.done_plan: connection.NewDatabase | None = None  # what Finish set up (counts filled in)
        self.task: Task | None = None
        self.welcome, self.database = WelcomePage(), DatabasePage()
        self.admin, self.content = AdminPage(), ContentPage()
        for page_id, page in ((PAGE_WELCOME, self.welcome), (PAGE_DATABASE, self.database),
                              (PAGE_ADMIN, self.admin), (PAGE_CONTENT, self.content)):
            self.setPage(page_id, page)
        self.retranslate_ui()
        link_form_labels(self)  # captions name their fields for screen readers

    def plan(self) -> connection.NewDatabase:
        form = self.database.choice.form
        return connection.NewDatabase(
            target=self.database.choice.target(),
            password=(form.password.text() or None) if self.database.choice.uses_server else None,
            org_name=self.welcome.org_name.text(), admin_username=self.admin.username.text(),
            admin_display_name=self.admin.display_name.text(), admin_password=self.admin.password.text(),
            load_defaults=self.content.load_defaults.isChecked())

    def accept(self) -> None:
        """Finish: an existing server database is only remembered; a new one is set up off the GUI thread."""
        if self.task is not None and not self.task.done:
            return
        self.target = self.database.choice.target()
        if self.database.existing():
            self.database.choice.form.keep_password()
            connection.remember_database(connection.target_of(self.database.choice.form.settings().url()))
            logger.info("first run: using the existing database %s", self.target)
            super().accept()
            return
        plan = self.done_plan = self.plan()
        self.content.error.hide()
        self._set_busy(True)
        self.task = run_task(lambda progress, cancel: connection.set_up_new_database(plan, progress, cancel),
                             on_success=self._set_up, on_failure=self._failed, parent=self,
                             progress_label=QCoreApplication.translate("FirstRunWizard", "Setting up the database…"),
                             cancellable=False)

    def _set_busy(self, busy: bool) -> None:
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.FinishButton,
                      QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not busy)

    def _set_up(self, result) -> None:
        self.db, self.actor = result
        logger.info("first run: database %s set up, %s signed in", self.target, self.actor.username)
        self._set_busy(False)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(exc, EcmanualError):
            logger.error("first-run set-up failed", exc_info=exc)
        reason = service_message(exc) if isinstance(exc, EcmanualError) else str(exc)
        self.content.error.setText(self.tr("The set-up did not finish: %1").replace("%1", reason))
        self.content.error.show()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Set up ecmanual"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
