"""Shared fixtures: a real SQLite file per test, signed-in actors, offscreen Qt."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt or hashes a password.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ECMANUAL_SCRYPT_N"] = str(2**14)
os.environ["ECMANUAL_HOME"] = tempfile.mkdtemp(prefix="ecmanual-test-home-")
for var in ("ECMANUAL_DB", "ECMANUAL_USER", "ECMANUAL_PASSWORD", "ECMANUAL_DB_PASSWORD"):
    os.environ.pop(var, None)

import pytest  # noqa: E402

from ecmanual.domain.permissions import AppRole  # noqa: E402
from ecmanual.persistence.engine import make_engine  # noqa: E402
from ecmanual.services import setup, users  # noqa: E402
from ecmanual.services.context import Actor, Database  # noqa: E402

ADMIN_PASSWORD = "Kanri-pass-123"
USER_PASSWORD = "User-pass-1234"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Settings, logs and backups of each test live in its own folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("ECMANUAL_HOME", str(home))
    yield


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ecmanual.sqlite3"


@pytest.fixture
def db(db_path) -> Database:
    """A migrated SQLite database file with a first admin and no default content."""
    database = Database(make_engine(db_path))
    setup.init_schema(database)
    users.create_first_admin(database, "admin", ADMIN_PASSWORD, "管理 太郎")
    yield database
    database.engine.dispose()


@pytest.fixture
def admin(db) -> Actor:
    return users.actor_for(db, "admin")


def _make_user(db, admin, name, role, display):
    users.create_user(db, admin, name, USER_PASSWORD, role, display)
    return users.actor_for(db, name)


def password_chosen(db, *names: str) -> None:
    """Users created by an admin must change their password before using the CLI or the app;
    tests of other things start after that (the change itself is tested in test_password_change)."""
    from sqlalchemy import update

    from ecmanual.persistence.models import AppUser

    with db.sessions() as s:
        s.execute(update(AppUser).where(AppUser.username.in_(names)).values(must_change_password=False))
        s.commit()


@pytest.fixture
def editor(db, admin) -> Actor:
    return _make_user(db, admin, "editor", AppRole.EDITOR, "編集 花子")


@pytest.fixture
def approver(db, admin) -> Actor:
    return _make_user(db, admin, "approver", AppRole.APPROVER, "承認 次郎")


@pytest.fixture
def viewer(db, admin) -> Actor:
    return _make_user(db, admin, "viewer", AppRole.VIEWER, "閲覧 三郎")


@pytest.fixture
def seeded_db(db, admin) -> Database:
    """`db` with the default content (db/defaults) loaded by the admin."""
    from ecmanual.services import defaults

    defaults.load_defaults(db, admin)
    return db
