"""The acting user and the unit of work every service method runs in."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..domain.errors import ConflictError, PermissionDenied
from ..domain.permissions import AppRole, Permission, grants
from ..persistence.engine import make_session_factory

logger = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]


def no_progress(done: int, total: int, message: str = "") -> None:
    return None


class CancelFlag:
    """Set from any thread; long services poll it and raise `Cancelled`."""

    def __init__(self) -> None:
        self._set = False

    def cancel(self) -> None:
        self._set = True

    @property
    def cancelled(self) -> bool:
        return self._set

    def check(self) -> None:
        if self._set:
            raise Cancelled()


class Cancelled(Exception):
    """The user cancelled a long operation; nothing it started is kept."""


@dataclass(frozen=True)
class Actor:
    """Who is acting. `system` is used only by init and migrations."""

    user_id: int | None
    username: str
    role: AppRole
    display_name: str = ""

    def may(self, permission: Permission) -> bool:
        return grants(self.role, permission)

    def require(self, permission: Permission, what: str = "") -> None:
        if not self.may(permission):
            raise PermissionDenied(
                f"{self.username} ({self.role}) may not {permission.value}" + (f": {what}" if what else "")
            )


SYSTEM = Actor(None, "system", AppRole.ADMIN, "system")


class Database:
    """Engine plus session factory; services receive this, never a global."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.sessions: sessionmaker[Session] = make_session_factory(engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @contextmanager
    def write(self, actor: Actor, permission: Permission = Permission.EDIT, what: str = "") -> Iterator[Session]:
        """One transaction: permission checked first, committed at the end, rolled back on error."""
        actor.require(permission, what)
        with self.sessions() as session:
            session.connection(execution_options={"ecm_write": True})
            try:
                yield session
                session.commit()
            except StaleDataError as exc:
                session.rollback()
                raise ConflictError(
                    "This record was changed by someone else since you opened it. Reload it and try again."
                ) from exc
            except BaseException:
                session.rollback()
                raise
