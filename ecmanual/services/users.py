"""App users: the first admin, sign-in with lockout, user management, passwords."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ..domain.errors import AuthenticationError, InputError, NotFound
from ..domain.passwords import MIN_LENGTH, check_password, hash_password, password_problems
from ..domain.permissions import AppRole, Permission
from ..persistence.base import utcnow
from ..persistence.models import AppUser
from . import audit
from .context import SYSTEM, Actor, Database

logger = logging.getLogger(__name__)

MAX_FAILED_LOGINS = 5
LOCKOUT_MINUTES = 15
FAILED_LOGIN_DELAY_S = 1.0
PASSWORD_MIN_LENGTH = MIN_LENGTH  # the rules are in domain/passwords.py password_problems

SIGN_IN, UNLOCK = "sign-in", "unlock"  # why `authenticate` is asked (kept apart in the audit)


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None


def _info(u: AppUser) -> UserInfo:
    return UserInfo(u.id, u.username, u.display_name, u.role, u.active, u.locked_until, u.last_login_at)


def _actor(u: AppUser) -> Actor:
    return Actor(u.id, u.username, AppRole(u.role), u.display_name)


def _check_new_password(password: str, username: str) -> None:
    problems = password_problems(password, username)
    if problems:
        raise InputError("The password is too weak: " + "; ".join(problems))


def user_count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AppUser)) or 0


def create_first_admin(db: Database, username: str, password: str, display_name: str | None = None) -> UserInfo:
    """Create the first admin; refused once any user exists."""
    _check_new_password(password, username)
    with db.write(SYSTEM, Permission.MANAGE_USERS) as s:
        if s.scalar(select(func.count()).select_from(AppUser)):
            raise InputError("An administrator already exists; sign in and add users from there.")
        user = AppUser(username=username, display_name=display_name or username, role=AppRole.ADMIN,
                       password_hash=hash_password(password), password_changed_at=utcnow())
        s.add(user)
        s.flush()
        audit.record(s, SYSTEM.username, "create", "app_user", user.id,
                     after=audit.snapshot(user), summary=f"first administrator {username}")
        return _info(user)


def create_user(db: Database, actor: Actor, username: str, password: str, role: AppRole | str,
                display_name: str | None = None, staff_id: int | None = None) -> UserInfo:
    role = AppRole(role)
    _check_new_password(password, username)
    with db.write(actor, Permission.MANAGE_USERS, "create users") as s:
        if s.scalar(select(AppUser.id).where(AppUser.username == username)):
            raise InputError(f"A user named {username!r} already exists.")
        user = AppUser(username=username, display_name=display_name or username, role=role,
                       staff_id=staff_id, password_hash=hash_password(password),
                       password_changed_at=utcnow(), must_change_password=True)
        s.add(user)
        s.flush()
        audit.record(s, actor.username, "create", "app_user", user.id, after=audit.snapshot(user),
                     summary=f"user {username} ({role})")
        return _info(user)


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        return [_info(u) for u in s.scalars(select(AppUser).order_by(AppUser.username))]


def authenticate(db: Database, username: str, password: str, *, delay: float = FAILED_LOGIN_DELAY_S,
                 purpose: str = SIGN_IN) -> Actor:
    """Sign in. Failed attempts are slowed, counted and audited; too many lock the account.

    `purpose` UNLOCK (the idle lock asking again) is recorded with the same actions, told
    apart by the summary, and counts towards the same lockout.
    """
    now = utcnow()
    prefix = "unlock: " if purpose == UNLOCK else ""
    with db.write(SYSTEM, Permission.VIEW) as s:
        user = s.scalar(select(AppUser).where(AppUser.username == username))
        if user is None or not user.active:
            audit.record(s, username or "?", "login_failed", "app_user", None,
                         summary=prefix + "unknown or inactive user")
            failure = "Wrong user name or password."
        elif user.locked_until and user.locked_until > now:
            audit.record(s, username, "login_refused", "app_user", user.id, summary=prefix + "account locked")
            mins = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            failure = f"This account is locked after too many failed sign-ins. Try again in {mins} minutes."
        elif not check_password(password, user.password_hash):
            user.failed_logins += 1
            summary = f"{prefix}wrong password ({user.failed_logins})"
            if user.failed_logins >= MAX_FAILED_LOGINS:
                user.locked_until = now + timedelta(minutes=LOCKOUT_MINUTES)
                user.failed_logins = 0
                summary += f"; locked until {user.locked_until.isoformat()}"
            audit.record(s, username, "login_failed", "app_user", user.id, summary=summary)
            failure = "Wrong user name or password."
        else:
            user.failed_logins = 0
            user.locked_until = None
            user.last_login_at = now
            audit.record(s, username, "login", "app_user", user.id,
                         summary="unlocked after the idle lock" if purpose == UNLOCK else "signed in")
            return _actor(user)
    if delay:
        time.sleep(delay)
    raise AuthenticationError(failure)


def must_change_password(db: Database, actor: Actor) -> bool:
    """True when the user's password was set by someone else (new user, admin reset)."""
    with db.read() as s:
        flag = s.scalar(select(AppUser.must_change_password).where(AppUser.id == actor.user_id))
    return bool(flag)


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """The user's own change; clears `must_change_password`. The new one must differ."""
    _check_new_password(new_password, actor.username)
    if new_password == old_password:
        raise InputError("The new password must differ from the current one.")
    with db.write(actor, Permission.VIEW) as s:
        user = s.get(AppUser, actor.user_id)
        if user is None or not check_password(old_password, user.password_hash):
            raise AuthenticationError("The current password is wrong.")
        user.password_hash = hash_password(new_password)
        user.password_changed_at = utcnow()
        user.must_change_password = False
        audit.record(s, actor.username, "change_password", "app_user", user.id, summary="password changed")


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> None:
    """Admin reset: the user must change it at next sign-in; also clears a lockout."""
    _check_new_password(new_password, username)
    with db.write(actor, Permission.MANAGE_USERS, "reset passwords") as s:
        user = s.scalar(select(AppUser).where(AppUser.username == username))
        if user is None:
            raise NotFound(f"No user named {username!r}.")
        user.password_hash = hash_password(new_password)
        user.password_changed_at = utcnow()
        user.must_change_password = True
        user.failed_logins, user.locked_until = 0, None
        audit.record(s, actor.username, "reset_password", "app_user", user.id, summary=f"password of {username} reset")


def set_role(db: Database, actor: Actor, username: str, role: AppRole | str) -> None:
    role = AppRole(role)
    with db.write(actor, Permission.MANAGE_USERS, "change roles") as s:
        user = s.scalar(select(AppUser).where(AppUser.username == username))
        if user is None:
            raise NotFound(f"No user named {username!r}.")
        before = audit.snapshot(user)
        user.role = role
        audit.record(s, actor.username, "update", "app_user", user.id, before=before, after=audit.snapshot(user),
                     summary=f"role of {username} -> {role}")


def actor_for(db: Database, username: str) -> Actor:
    """The Actor of an existing user (after authentication elsewhere)."""
    with db.read() as s:
        user = s.scalar(select(AppUser).where(AppUser.username == username))
        if user is None or not user.active:
            raise NotFound(f"No active user named {username!r}.")
        return _actor(user)


def set_approval_level(db: Database, actor: Actor, username: str, level: str | None) -> None:
    """Give a user an approval authority (チームリーダー, 部門長, 役員会) or take it away."""
    from ..persistence.models import ApprovalLevel

    with db.write(actor, Permission.MANAGE_USERS, "set approval levels") as s:
        user = s.scalar(select(AppUser).where(AppUser.username == username))
        if user is None:
            raise NotFound(f"No user named {username!r}.")
        level_id = None
        if level:
            level_id = s.scalar(select(ApprovalLevel.id).where(ApprovalLevel.name == level))
            if level_id is None:
                raise NotFound(f"No approval level {level!r}.")
        before = audit.snapshot(user)
        user.approval_level_id = level_id
        s.flush()
        audit.record(s, actor.username, "update", "app_user", user.id, before=before, after=audit.snapshot(user),
                     summary=f"approval level of {username} -> {level or 'none'}")
