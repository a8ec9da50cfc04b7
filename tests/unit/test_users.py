"""Sign-in, lockout, password rules and the refusal of what a role may not do."""

import pytest
from sqlalchemy import select

from ecmanual.domain.errors import AuthenticationError, InputError, PermissionDenied
from ecmanual.persistence.models import AppUser, AuditEntry
from ecmanual.services import users

from ..conftest import ADMIN_PASSWORD, USER_PASSWORD


def test_password_is_stored_hashed(db):
    with db.read() as s:
        stored = s.scalar(select(AppUser.password_hash).where(AppUser.username == "admin"))
    assert ADMIN_PASSWORD not in stored and stored.startswith("scrypt$")


def test_sign_in_and_audit(db):
    actor = users.authenticate(db, "admin", ADMIN_PASSWORD, delay=0)
    assert actor.username == "admin" and actor.role == "admin"
    with db.read() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "login")) is not None


def test_lockout_after_repeated_failures(db):
    for _ in range(users.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError, match="Wrong"):
            users.authenticate(db, "admin", "wrong", delay=0)
    with pytest.raises(AuthenticationError, match="locked"):
        users.authenticate(db, "admin", ADMIN_PASSWORD, delay=0)


def test_weak_password_refused(db, admin):
    with pytest.raises(InputError, match="too weak"):
        users.create_user(db, admin, "weak", "short", "editor")


def test_viewer_may_not_manage_users(db, viewer):
    with pytest.raises(PermissionDenied):
        users.create_user(db, viewer, "someone", USER_PASSWORD, "editor")
    with pytest.raises(PermissionDenied):
        users.reset_password(db, viewer, "admin", USER_PASSWORD)


def test_admin_reset_clears_lockout(db, admin, editor):
    for _ in range(users.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            users.authenticate(db, "editor", "nope", delay=0)
    users.reset_password(db, admin, "editor", "Fresh-pass-987")
    assert users.authenticate(db, "editor", "Fresh-pass-987", delay=0).username == "editor"
