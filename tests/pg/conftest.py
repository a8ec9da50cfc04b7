"""A real PostgreSQL server for the tests in this folder, started and stopped by the session.

`initdb` refuses to run as root, so as root the server runs as the `postgres` system user
(created when missing) through `runuser`. The cluster lives in a temporary folder, listens on
127.0.0.1 and a free port, and asks for a password over TCP (scram), so the app's password
handling is exercised. Each test gets its own database (`pg_url`).

Binaries: $ECMANUAL_PG_BIN (a folder), else /usr/lib/postgresql/*/bin (Debian), else PATH.
When they are absent the tests are skipped with the reason, except under CI (`$CI` set),
where that fails.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

ROLE = "ecmanual"
ROLE_PASSWORD = "Pg-test-pass-123"
SUPERUSER = "postgres"
SERVICE_USER = "postgres"


def pg_bin_dir() -> Path | None:
    """$ECMANUAL_PG_BIN, else the newest server binaries under /usr/lib/postgresql, else PATH."""
    override = os.environ.get("ECMANUAL_PG_BIN")
    if override:
        return Path(override) if (Path(override) / "initdb").exists() else None
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests cannot run on CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason} (install the postgresql package; on CI this fails)")


@dataclass
class PgServer:
    """A running throw-away cluster: where it is and how to reach it."""

    bin_dir: Path
    root: Path
    port: int
    run_as: str | None

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def url(self, database: str, *, password: bool = True) -> str:
        auth = f"{ROLE}:{ROLE_PASSWORD}" if password else ROLE
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"

    def admin_sql(self, sql: str) -> None:
        """Run SQL as the superuser over the unix socket (trust), outside a transaction."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bin_dir / argv[0]), *argv[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)


def _service_user() -> str | None:
    """None when not root (run directly); as root the unprivileged user to run the server as."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home", SERVICE_USER],
                       check=True, capture_output=True)
    return SERVICE_USER


@pytest.fixture(scope="session")
def pg_server():
    bin_dir = pg_bin_dir()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        _unavailable("no PostgreSQL server binaries (initdb, pg_ctl) in $ECMANUAL_PG_BIN, "
                     "/usr/lib/postgresql/*/bin or on PATH")
    run_as = _service_user()
    if run_as and not shutil.which("runuser"):
        _unavailable("running as root but `runuser` is missing")
    root = Path(tempfile.mkdtemp(prefix="ecmanual-pg-"))
    root.chmod(0o755)
    (root / "sock").mkdir()
    pwfile = root / "pw"
    pwfile.write_text(ROLE_PASSWORD + "\n")
    if run_as:
        entry = pwd.getpwnam(run_as)
        for p in (root, root / "sock", pwfile):
            os.chown(p, entry.pw_uid, entry.pw_gid)
    server = PgServer(bin_dir, root, _free_port(), run_as)
    data = root / "data"
    try:
        server.run("initdb", "-D", str(data), "-U", SUPERUSER, "-E", "UTF8", "--locale=C.UTF-8",
                   "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}")
        opts = (f"-p {server.port} -k {server.socket_dir} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        server.run("pg_ctl", "-D", str(data), "-o", opts, "-l", str(root / "server.log"), "-w", "-t", "60", "start")
    except subprocess.CalledProcessError as exc:
        log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {exc.stderr}\n{log}", pytrace=False)
    try:
        # The app connects as an ordinary role that owns its database, as in production.
        server.admin_sql(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{ROLE_PASSWORD}'")
        yield server
    finally:
        server.run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_database(pg_server):
    """A fresh, empty database owned by the app's role; dropped afterwards."""
    name = "t_" + uuid.uuid4().hex[:12]
    pg_server.admin_sql(f"CREATE DATABASE {name} OWNER {ROLE} ENCODING 'UTF8' TEMPLATE template0")
    yield name
    pg_server.admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server, pg_database) -> str:
    """SQLAlchemy URL of a fresh database, password included."""
    return pg_server.url(pg_database)


@pytest.fixture
def pg_db(pg_url):
    """A migrated PostgreSQL database with a first admin, as the `db` fixture for SQLite."""
    from ecmanual.persistence.engine import make_engine
    from ecmanual.services import setup, users
    from ecmanual.services.context import Database
    from tests.conftest import ADMIN_PASSWORD

    database = Database(make_engine(pg_url))
    setup.init_schema(database)
    users.create_first_admin(database, "admin", ADMIN_PASSWORD, "管理 太郎")
    yield database
    database.engine.dispose()


@pytest.fixture
def pg_admin(pg_db):
    from ecmanual.services import users

    return users.actor_for(pg_db, "admin")


@pytest.fixture
def pg_viewer(pg_db, pg_admin):
    from ecmanual.services import users
    from tests.conftest import USER_PASSWORD

    users.create_user(pg_db, pg_admin, "viewer", USER_PASSWORD, "viewer", "閲覧 三郎")
    return users.actor_for(pg_db, "viewer")
