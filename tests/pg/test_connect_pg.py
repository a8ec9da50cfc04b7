"""`connect URL`: the password is checked against the server, then kept in the keyring only."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.pg


def _cli(args, env, stdin=None):
    return subprocess.run([sys.executable, "-m", "ecmanual", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def env(tmp_path):
    e = {k: v for k, v in os.environ.items() if k != "ECMANUAL_DB_PASSWORD"}
    e.update(PYTHON_KEYRING_BACKEND="tests.keyring_backend.FileKeyring",
             ECMANUAL_TEST_KEYRING=str(tmp_path / "keyring.json"), ECMANUAL_PASSWORD="Kanri-pass-123",
             PYTHONPATH=os.getcwd())
    return e


def test_connect_stores_password_and_commands_use_it(pg_server, pg_database, env, tmp_path):
    from tests.pg.conftest import ROLE_PASSWORD

    url = pg_server.url(pg_database, password=False)
    out = _cli(["connect", url, "--password-stdin"], env, ROLE_PASSWORD + "\n")
    assert out.returncode == 0, out.stderr
    stored = (tmp_path / "keyring.json").read_text()
    assert ROLE_PASSWORD in stored
    # No password anywhere but the keyring: the commands find it there.
    init = _cli(["--db", url, "init"], env)
    assert init.returncode == 0, init.stderr
    assert _cli(["--db", url, "verify"], env).returncode == 0
    for f in tmp_path.rglob("*"):
        if f.is_file() and f.name != "keyring.json":
            assert ROLE_PASSWORD not in f.read_text(errors="ignore"), f


def test_wrong_password_is_refused_and_not_stored(pg_server, pg_database, env, tmp_path):
    url = pg_server.url(pg_database, password=False)
    out = _cli(["connect", url, "--password-stdin"], env, "not-the-password\n")
    assert out.returncode == 2 and "Cannot open the database" in out.stderr
    assert not (tmp_path / "keyring.json").exists()
    direct = _cli(["--db", url, "verify"], dict(env, ECMANUAL_DB_PASSWORD="wrong"))
    assert direct.returncode == 2 and "password authentication failed" in direct.stderr


def test_no_secure_keyring_means_no_stored_password(pg_server, pg_database, env):
    from tests.pg.conftest import ROLE_PASSWORD

    url = pg_server.url(pg_database, password=False)
    out = _cli(["connect", url, "--password-stdin"], dict(env, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"),
               ROLE_PASSWORD + "\n")
    assert out.returncode == 2 and "No secure OS keyring" in out.stderr


def test_password_in_url_refused(env):
    out = _cli(["connect", "postgresql+psycopg://u:pw@127.0.0.1/x"], env)
    assert out.returncode == 2 and "Leave the password out" in out.stderr
