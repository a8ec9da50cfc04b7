"""The database password goes to a secure keyring or nowhere; insecure backends are refused."""

import keyring
import pytest
from keyring.backends import fail, null
from sqlalchemy.engine import make_url

from ecmanual import secrets

from ..keyring_backend import FileKeyring

URL = make_url("postgresql+psycopg://ecm@db.example:5432/ecmanual")


@pytest.fixture
def restore_keyring():
    original = keyring.get_keyring()
    yield
    keyring.set_keyring(original)


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_insecure_backends_are_not_used(backend, restore_keyring, monkeypatch):
    monkeypatch.setattr(secrets, "_session_only", {})
    keyring.set_keyring(backend)
    assert not secrets.secure_backend_available()
    assert secrets.save_password(URL, "pw") is False  # kept for this session only
    assert secrets.database_password(URL) == "pw"


def test_secure_backend_stores_and_forgets(tmp_path, restore_keyring, monkeypatch):
    monkeypatch.setenv("ECMANUAL_TEST_KEYRING", str(tmp_path / "kr.json"))
    monkeypatch.setattr(secrets, "_session_only", {})
    keyring.set_keyring(FileKeyring())
    assert secrets.secure_backend_available()
    assert secrets.save_password(URL, "s3cret") is True
    assert "s3cret" in (tmp_path / "kr.json").read_text()
    assert secrets.database_password(URL) == "s3cret"
    secrets.forget_password(URL)
    assert secrets.database_password(URL) is None


def test_environment_wins_for_automation(monkeypatch):
    monkeypatch.setenv("ECMANUAL_DB_PASSWORD", "from-env")
    assert secrets.database_password(URL) == "from-env"
