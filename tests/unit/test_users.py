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


def test_cli_user_management(db, db_path, admin):
    import os
    import subprocess
    import sys

    env = dict(os.environ, ECMANUAL_USER="admin", ECMANUAL_PASSWORD=ADMIN_PASSWORD, ECMANUAL_NEW_PASSWORD=USER_PASSWORD)
    run = lambda *a: subprocess.run([sys.executable, "-m", "ecmanual", "--db", str(db_path), "user", *a],  # noqa: E731
                                    env=env, capture_output=True, text=True)
    assert run("add", "tanaka", "--role", "editor", "--display-name", "田中 花子").returncode == 0
    assert run("role", "tanaka", "approver").returncode == 0
    with db.write(admin) as s:
        from ecmanual.persistence.models import ApprovalLevel

        s.add(ApprovalLevel(name="部門長", rank=2))
    assert run("level", "tanaka", "部門長").returncode == 0
    unknown = run("level", "tanaka", "社長")
    assert unknown.returncode == 2 and "No approval level" in unknown.stderr
    actor = users.actor_for(db, "tanaka")
    assert actor.role == "approver"
    with db.read() as s:
        assert s.scalar(select(AppUser).where(AppUser.username == "tanaka")).approval_level_id is not None
    denied = subprocess.run([sys.executable, "-m", "ecmanual", "--db", str(db_path), "--user", "tanaka", "user",
                             "role", "admin", "viewer"], env=dict(env, ECMANUAL_PASSWORD=USER_PASSWORD),
                            capture_output=True, text=True)
    assert denied.returncode == 3
