"""Which database this PC uses: the PostgreSQL form, the SQLite/PostgreSQL choice and the dialog.

`PgConnectionForm` is shared by the first-run wizard and `ConnectionDialog`. "Test connection"
runs off the GUI thread (connection.probe); the password goes to the OS keyring through
ecmanual.secrets, or, when the PC has no secure keyring, is kept for this session only and the
form says so. The logic lives in ecmanual/connection.py, shared with `connect URL`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ... import connection, secrets
from ...config import default_db
from ...domain.errors import EcmanualError
from ...persistence.engine import is_sqlite, to_url
from ..icons import icon
from ..messages import service_message
from ..tasks import Task, run_task

logger = logging.getLogger(__name__)

_ERROR_STYLE = "color: #b3261e;"
_OK_STYLE = "color: #1b6e2b;"
_NOTE_STYLE = "color: palette(placeholder-text);"


def _note() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(_NOTE_STYLE)
    return label


class PgConnectionForm(QWidget):
    """Host, port, database, user, password, TLS; "Test connection" must succeed before use."""

    changed = Signal()                 # any field edited (the last test no longer applies)
    tested = Signal(object)            # a ServerState after a successful test

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PgConnectionForm")
        self.state: connection.ServerState | None = None  # result of the last test of these values
        self.task: Task | None = None
        self._generation = 0  # edits while a test runs make its result stale

        self.host = QLineEdit()
        self.host.setObjectName("host")
        self.port = QSpinBox()
        self.port.setObjectName("port")
        self.port.setRange(1, 65535)
        self.port.setValue(connection.DEFAULT_PORT)
        self.database = QLineEdit("ecmanual")
        self.database.setObjectName("database")
        self.user = QLineEdit("ecmanual")
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode = QComboBox()
        self.sslmode.setObjectName("sslmode")
        for mode in connection.SSL_MODES:
            self.sslmode.addItem(mode, mode)
        self.sslmode.setCurrentIndex(connection.SSL_MODES.index("prefer"))
        self.rootcert = QLineEdit()
        self.rootcert.setObjectName("sslrootcert")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._choose_rootcert)
        cert_row = QHBoxLayout()
        cert_row.setContentsMargins(0, 0, 0, 0)
        cert_row.addWidget(self.rootcert, 1)
        cert_row.addWidget(self.browse)

        self.form = QFormLayout()
        self.captions = {key: QLabel() for key in ("host", "port", "database", "user", "password", "sslmode",
                                                     "sslrootcert")}
        for key, field in (("host", self.host), ("port", self.port), ("database", self.database),
                           ("user", self.user), ("password", self.password), ("sslmode", self.sslmode)):
            self.form.addRow(self.captions[key], field)
        self.form.addRow(self.captions["sslrootcert"], cert_row)

        self.keyring_note = _note()
        self.keyring_note.setObjectName("keyringNote")
        self.test_button = QPushButton()
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.status, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addLayout(test_row)
        layout.addWidget(self.keyring_note)
        for widget in (self.host, self.database, self.user, self.password, self.rootcert):
            widget.textChanged.connect(self._edited)
        self.port.valueChanged.connect(self._edited)
        self.sslmode.currentIndexChanged.connect(self._edited)
        self.retranslate_ui()

    # --- values ---------------------------------------------------------------------------

    def settings(self) -> connection.PgSettings:
        return connection.PgSettings(self.host.text(), self.port.value(), self.database.text(), self.user.text(),
                                     self.sslmode.currentData(), self.rootcert.text())

    def set_settings(self, pg: connection.PgSettings) -> None:
        self.host.setText(pg.host)
        self.port.setValue(pg.port)
        self.database.setText(pg.database)
        self.user.setText(pg.user)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(pg.sslmode)))
        self.rootcert.setText(pg.sslrootcert)

    @property
    def tested_ok(self) -> bool:
        return self.state is not None

    def _password_for_test(self):
        """The typed password; empty: the one this PC already keeps for the URL (keyring or session)."""
        typed = self.password.text()
        if typed:
            return typed
        return secrets.database_password(self.settings().url())

    def problem_text(self) -> str:
        names = {"host": self.tr("Enter the server's name or address."),
                 "port": self.tr("The port must be between 1 and 65535."),
                 "database": self.tr("Enter the database name."),
                 "user": self.tr("Enter the user name on the server."),
                 "sslmode": self.tr("Choose a TLS mode."),
                 "sslrootcert": self.tr("verify-ca and verify-full need the root certificate file of the "
                                        "server's certificate authority; the file must exist.")}
        return " ".join(names[p] for p in self.settings().problems())

    # --- test connection ------------------------------------------------------------------

    def _edited(self, *_args) -> None:
        self._generation += 1
        if self.state is not None or self.status.text():
            self.state = None
            self.status.clear()
        self._update_button()
        self.changed.emit()

    def _update_button(self) -> None:
        busy = self.task is not None and not self.task.done
        self.test_button.setEnabled(not busy)

    def _show_status(self, text: str, ok: bool | None) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(_OK_STYLE if ok else _ERROR_STYLE if ok is False else _NOTE_STYLE)

    def test(self) -> None:
        """Connect once off the GUI thread with the current values; the outcome shows beside the button."""
        if self.task is not None and not self.task.done:
            return
        problems = self.problem_text()
        if problems:
            self._show_status(problems, False)
            return
        url = self.settings().url()
        password = self._password_for_test()
        generation = self._generation
        self._show_status(self.tr("Connecting…"), None)
        self.task = run_task(lambda progress, cancel: connection.probe(url, password),
                             on_success=lambda state: self._tested(generation, state),
                             on_failure=lambda exc: self._failed(generation, exc), parent=self)
        self._update_button()

    def _tested(self, generation: int, state: connection.ServerState) -> None:
        self._update_button()
        if generation != self._generation:
            return  # the fields changed meanwhile: this result is for other values
        self.state = state
        if state.users is None:
            text = self.tr("Connected (PostgreSQL %1). The database is empty: ecmanual will set it up.")
        elif state.users == 0:
            text = self.tr("Connected (PostgreSQL %1). ecmanual's tables exist but there are no users yet.")
        else:
            text = self.tr("Connected (PostgreSQL %1). ecmanual is already set up here: sign in with your account.")
        self._show_status(text.replace("%1", state.server_version), True)
        self.tested.emit(state)
        self.changed.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        self._update_button()
        if generation != self._generation:
            return
        logger.info("test connection failed: %s", exc)
        reason = service_message(exc) if isinstance(exc, EcmanualError) else str(exc)
        self._show_status(self.tr("Could not connect: %1").replace("%1", reason), False)
        self.changed.emit()

    def keep_password(self) -> bool | None:
        """After a successful test: store the typed password (True keyring, False session only, None nothing typed)."""
        if not self.password.text():
            return None
        return connection.remember_password(self.settings().url(), self.password.text())

    def _choose_rootcert(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Root certificate"), self.rootcert.text(),
                                              self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"))
        if path:
            self.rootcert.setText(path)

    def retranslate_ui(self) -> None:
        for key, text in (("host", self.tr("Server")), ("port", self.tr("Port")),
                          ("database", self.tr("Database")), ("user", self.tr("User")),
                          ("password", self.tr("Password")), ("sslmode", self.tr("TLS (sslmode)")),
                          ("sslrootcert", self.tr("Root certificate"))):
            self.captions[key].setText(text)
        self.host.setPlaceholderText(self.tr("e.g. db.example.local"))
        self.password.setPlaceholderText(self.tr("empty: the password this PC already keeps"))
        self.rootcert.setPlaceholderText(self.tr("for verify-ca / verify-full"))
        self.browse.setText(self.tr("Choose…"))
        self.test_button.setText(self.tr("Test connection"))
        if secrets.secure_backend_available():
            self.keyring_note.setText(self.tr("The password is kept in this PC's secure keyring (%1), never in a "
                                              "file.").replace("%1", secrets.backend_name()))
        else:
            self.keyring_note.setText(self.tr("This PC has no secure keyring, so the password is kept for this "
                                              "session only and asked for again at the next start. It is never "
                                              "written to a file."))
        self.keyring_note.setStyleSheet(_NOTE_STYLE if secrets.secure_backend_available() else _ERROR_STYLE)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class DatabaseChoice(QWidget):
    """This PC (SQLite in the data folder) or a shared PostgreSQL server (the form)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.local = QRadioButton()
        self.local.setObjectName("chooseSqlite")
        self.server = QRadioButton()
        self.server.setObjectName("choosePostgres")
        self.group = QButtonGroup(self)
        self.group.addButton(self.local)
        self.group.addButton(self.server)
        self.local.setChecked(True)
        self.local_note = _note()
        self.form = PgConnectionForm()
        self.form.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.local)
        layout.addWidget(self.local_note)
        layout.addSpacing(6)
        layout.addWidget(self.server)
        form_box = QHBoxLayout()
        form_box.setContentsMargins(24, 0, 0, 0)
        form_box.addWidget(self.form)
        layout.addLayout(form_box)
        self.local.toggled.connect(self._toggled)
        self.form.changed.connect(self.changed)
        self.retranslate_ui()

    def _toggled(self) -> None:
        self.form.setEnabled(self.server.isChecked())
        self.changed.emit()

    @property
    def uses_server(self) -> bool:
        return self.server.isChecked()

    def is_ready(self) -> bool:
        return not self.uses_server or self.form.tested_ok

    def target(self) -> str:
        """A SQLite path or the server URL without password."""
        return connection.target_of(self.form.settings().url()) if self.uses_server else default_db()

    def show_target(self, target: str) -> None:
        url = to_url(target)
        if is_sqlite(url):
            self.local.setChecked(True)
        else:
            self.form.set_settings(connection.PgSettings.from_url(url))
            self.server.setChecked(True)

    def retranslate_ui(self) -> None:
        self.local.setText(self.tr("This PC (SQLite in the data folder)"))
        self.local_note.setText(self.tr("One file, %1, for a single PC. No server needed.")
                                .replace("%1", default_db()))
        self.server.setText(self.tr("Shared PostgreSQL server"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class ConnectionDialog(QDialog):
    """Switch this PC's database. At start (`at_start`) it opens at once; otherwise at the next start."""

    def __init__(self, current: str, *, at_start: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.at_start = at_start
        self.chosen_target = ""
        self.stored_in_keyring: bool | None = None
        self.setObjectName("ConnectionDialog")
        self.setWindowIcon(icon("app.svg"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.choice = DatabaseChoice()
        self.choice.setMinimumWidth(580)  # the layout's minimum size rules (wrapped labels need a width)
        self.choice.show_target(current)
        self.when = _note()
        self.when.setObjectName("whenNote")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.choice.changed.connect(self._update_button)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addWidget(self.choice)
        layout.addSpacing(6)
        layout.addWidget(self.when)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._update_button()

    def _update_button(self) -> None:
        self.ok_button.setEnabled(self.choice.is_ready())

    def accept(self) -> None:
        if not self.choice.is_ready():
            return
        if self.choice.uses_server:
            self.stored_in_keyring = self.choice.form.keep_password()
        target = self.choice.target()
        self.chosen_target = target
        connection.remember_database(connection.target_of(to_url(target)) if self.choice.uses_server else "")
        logger.info("database of this PC set to %s", connection.target_of(to_url(target)))
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Database connection — ecmanual"))
        self.intro.setText(self.tr("Choose the database this PC works with. A server connection must pass "
                                   "\"Test connection\" before it can be chosen."))
        self.when.setText(self.tr("ecmanual opens this database as soon as you press OK.") if self.at_start else
                          self.tr("The change takes effect the next time ecmanual starts; this window keeps "
                                  "working with the current database until then."))
        self.ok_button.setText(self.tr("Open") if self.at_start else self.tr("Save"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
