"""Own password changes, the must-change flag, and unlock sign-ins told apart in the audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ecmanual.domain.errors import AuthenticationError, InputError
from ecmanual.persistence.models import AuditEntry
from ecmanual.services import users

from ..conftest import ADMIN_PASSWORD, USER_PASSWORD


def _last(db) -> AuditEntry:
    with db.read() as s:
        return s.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()))


def test_new_user_must_change_until_they_do(db, admin, editor):
    assert users.must_change_password(db, editor) and not users.must_change_password(db, admin)
    users.change_password(db, editor, USER_PASSWORD, "Atarashii-pass-7")
    assert not users.must_change_password(db, editor)
    assert (_last(db).action, _last(db).actor) == ("change_password", "editor")
    assert users.authenticate(db, "editor", "Atarashii-pass-7", delay=0).username == "editor"
    users.reset_password(db, admin, "editor", "Reset-by-admin-1")
    assert users.must_change_password(db, editor)


def test_change_refuses_wrong_current_same_or_weak_password(db, editor):
    with pytest.raises(AuthenticationError, match="current password is wrong"):
        users.change_password(db, editor, "Not-my-pass-1", "Atarashii-pass-7")
    with pytest.raises(InputError, match="must differ"):
        users.change_password(db, editor, USER_PASSWORD, USER_PASSWORD)
    with pytest.raises(InputError, match="too weak: at least 10 characters"):
        users.change_password(db, editor, USER_PASSWORD, "short1")
    with pytest.raises(InputError, match="must not contain the user name"):
        users.change_password(db, editor, USER_PASSWORD, "my-editor-pass-1")
    assert users.must_change_password(db, editor)  # nothing changed
    assert users.authenticate(db, "editor", USER_PASSWORD, delay=0)


def test_unlock_is_audited_apart_and_counts_towards_the_lockout(db):
    users.authenticate(db, "admin", ADMIN_PASSWORD, delay=0, purpose=users.UNLOCK)
    assert (_last(db).action, _last(db).summary) == ("login", "unlocked after the idle lock")
    for i in range(1, users.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            users.authenticate(db, "admin", "wrong", delay=0, purpose=users.UNLOCK)
        assert (_last(db).action, _last(db).summary) == ("login_failed", f"unlock: wrong password ({i})")
    with pytest.raises(AuthenticationError):
        users.authenticate(db, "admin", "wrong", delay=0)  # the fifth failure, at the sign-in
    with pytest.raises(AuthenticationError, match="locked"):
        users.authenticate(db, "admin", ADMIN_PASSWORD, delay=0, purpose=users.UNLOCK)
    assert (_last(db).action, _last(db).summary) == ("login_refused", "unlock: account locked")


def test_cli_refuses_until_the_user_changes_the_password(db, db_path, editor, monkeypatch, capsys):
    from ecmanual.cli import run as cli_main

    monkeypatch.setenv("ECMANUAL_USER", "editor")
    monkeypatch.setenv("ECMANUAL_PASSWORD", USER_PASSWORD)
    assert cli_main(["--db", str(db_path), "search", "研修"]) == 3
    assert "must be changed first" in capsys.readouterr().err
    monkeypatch.setenv("ECMANUAL_NEW_PASSWORD", "Atarashii-pass-7")
    assert cli_main(["--db", str(db_path), "user", "passwd"]) == 0
    assert not users.must_change_password(db, editor)
    monkeypatch.setenv("ECMANUAL_PASSWORD", "Atarashii-pass-7")
    assert cli_main(["--db", str(db_path), "search", "研修"]) == 0
