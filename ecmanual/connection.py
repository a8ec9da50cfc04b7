"""Choosing the database, without Qt: shared by the first-run wizard, the connection dialog and `connect`.

- `PgSettings`: the fields of a PostgreSQL connection (TLS options go to psycopg as libpq
  parameters) and the URL they make; the password is never part of it.
- `server_url()`: the checks `connect URL` applies to a typed URL.
- `probe()`: connect once and say whether the database is new or already set up.
- `remember_database()` / `configured_database()` / `needs_first_run()`: the per-PC choice.
- `set_up_new_database()`: what the wizard does at its end (schema, first admin, organisation
  name, default content, sign-in) as one function the tests call directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import URL, make_url

from . import secrets
from .config import LocalSettings, configured_database, default_db, needs_first_run  # noqa: F401 (re-exported)
from .domain.errors import InputError
from .persistence.engine import is_sqlite, make_engine, to_url
from .services.context import Actor, CancelFlag, Database, ProgressFn, no_progress

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
# libpq's sslmode values, weakest first; "prefer" is libpq's own default.
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
CONNECT_TIMEOUT_S = 10


@dataclass
class PgSettings:
    """One PostgreSQL server and database, as the connection form shows it."""

    host: str = ""
    port: int = DEFAULT_PORT
    database: str = "ecmanual"
    user: str = "ecmanual"
    sslmode: str = "prefer"
    sslrootcert: str = ""  # the CA certificate file for verify-ca / verify-full

    def problems(self) -> list[str]:
        """Which fields are wrong, by name (host, port, database, user, sslmode, sslrootcert)."""
        out = []
        if not self.host.strip():
            out.append("host")
        if not 1 <= int(self.port) <= 65535:
            out.append("port")
        if not self.database.strip():
            out.append("database")
        if not self.user.strip():
            out.append("user")
        if self.sslmode not in SSL_MODES:
            out.append("sslmode")
        if self.sslrootcert.strip() and not Path(self.sslrootcert.strip()).expanduser().is_file():
            out.append("sslrootcert")
        elif self.sslmode in ("verify-ca", "verify-full") and not self.sslrootcert.strip():
            out.append("sslrootcert")
        return out

    def url(self) -> URL:
        problems = self.problems()
        if problems:
            raise InputError(f"The connection settings are incomplete or wrong: {', '.join(problems)}.")
        query = {"sslmode": self.sslmode}
        if self.sslrootcert.strip():
            query["sslrootcert"] = str(Path(self.sslrootcert.strip()).expanduser())
        return URL.create(DRIVER, username=self.user.strip(), host=self.host.strip(), port=int(self.port),
                          database=self.database.strip(), query=query)

    @classmethod
    def from_url(cls, url: URL | str) -> PgSettings:
        url = make_url(url) if isinstance(url, str) else url
        query = dict(url.query)
        return cls(host=url.host or "", port=url.port or DEFAULT_PORT, database=url.database or "",
                   user=url.username or "", sslmode=str(query.get("sslmode") or "prefer"),
                   sslrootcert=str(query.get("sslrootcert") or ""))


def server_url(text: str) -> URL:
    """A typed PostgreSQL URL checked as `connect` needs it: parseable, not SQLite, no password in it."""
    try:
        url = make_url(text)
    except Exception as exc:  # sqlalchemy raises ArgumentError and ValueError for bad URLs
        raise InputError(f"Not a database URL: {text!r} ({exc})") from exc
    if is_sqlite(url):
        raise InputError("`connect` is for a shared PostgreSQL server; a SQLite file needs no password.")
    if url.password is not None:
        raise InputError("Leave the password out of the URL; it is asked for and kept in the keyring.")
    return url


def check_connection(engine) -> None:
    """Connect once; a refused connection becomes an InputError with the server's reason."""
    from .cli.context import check_connection as check  # the one wording, shared with the commands

    check(engine)


@dataclass(frozen=True)
class ServerState:
    """What a successful test connection found."""

    server_version: str
    users: int | None  # None: no ecmanual tables yet (a new database)

    @property
    def set_up(self) -> bool:
        return bool(self.users)


def probe(url: URL, password: str | None) -> ServerState:
    """Connect with `password` (a short timeout) and look whether ecmanual is already set up there."""
    from .persistence.models import AppUser

    if not is_sqlite(url) and "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
    engine = make_engine(url, password=password)
    try:
        check_connection(engine)
        with engine.connect() as conn:
            version = ".".join(str(p) for p in (engine.dialect.server_version_info or ()))
            if not inspect(conn).has_table(AppUser.__tablename__):
                return ServerState(version, None)
            return ServerState(version, conn.scalar(select(func.count()).select_from(AppUser)) or 0)
    finally:
        engine.dispose()


def remember_password(url: URL, password: str) -> bool:
    """Keep the password in the OS keyring (True), or for this session only when there is none (False)."""
    return secrets.save_password(url, password)


def target_of(url: URL | None) -> str:
    """What LocalSettings.database holds: "" for this PC's SQLite file, else the URL without password."""
    return "" if url is None else url.render_as_string(hide_password=True)


def remember_database(target: str) -> None:
    """Make `target` this PC's database from the next start on ("" = the SQLite file in the data folder)."""
    settings = LocalSettings.load()
    settings.database = target
    settings.save()


@dataclass
class NewDatabase:
    """Everything the first-run wizard collected."""

    target: str                    # a SQLite path or a PostgreSQL URL without password
    password: str | None = None    # the PostgreSQL password
    org_name: str = ""
    admin_username: str = "admin"
    admin_display_name: str = ""
    admin_password: str = ""
    load_defaults: bool = True
    counts: dict[str, int] = field(default_factory=dict)  # filled in: default records added


def set_up_new_database(plan: NewDatabase, progress: ProgressFn | None = None,
                        cancel: CancelFlag | None = None) -> tuple[Database, Actor]:
    """Create or upgrade the schema, the first admin (or sign in an existing one with the same
    password, when a previous attempt stopped half-way), set the organisation name, load the
    default content, and remember the database. Returns the open database and the signed-in admin.
    Progress carries no text: the wizard's progress dialog keeps its own (translated) label."""
    from .services import defaults, org_settings, setup, users

    progress = progress or no_progress
    url = to_url(plan.target)
    if not is_sqlite(url) and plan.password is not None:
        remember_password(url, plan.password)
    engine = make_engine(url, password=None if is_sqlite(url) else (plan.password or secrets.database_password(url)))
    db = Database(engine)
    try:
        progress(0, 4, "")
        check_connection(engine)
        setup.init_schema(db)
        if cancel:
            cancel.check()
        progress(1, 4, "")
        if users.user_count(db) == 0:
            users.create_first_admin(db, plan.admin_username.strip(), plan.admin_password,
                                     plan.admin_display_name.strip() or None)
        actor = users.authenticate(db, plan.admin_username.strip(), plan.admin_password)
        progress(2, 4, "")
        if plan.org_name.strip():
            org_settings.set_value(db, actor, org_settings.ORG_NAME, plan.org_name.strip())
        if plan.load_defaults:
            progress(3, 4, "")
            plan.counts = defaults.load_defaults(
                db, actor, lambda done, total, _name: progress(3 * total + done, 4 * total, ""))
        progress(4, 4, "")
    except BaseException:
        engine.dispose()
        raise
    remember_database("" if is_sqlite(url) and Path(url.database) == Path(default_db()).resolve()
                      else target_of(url) if not is_sqlite(url) else str(url.database))
    return db, actor
