"""The acting user and the unit of work every service method runs in."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..domain.actor import SYSTEM, Actor
from ..domain.errors import ConflictError
from ..domain.permissions import Permission
from ..domain.work import CancelFlag, Cancelled, ProgressFn, no_progress
from ..persistence.engine import make_session_factory

__all__ = ["SYSTEM", "Actor", "CancelFlag", "Cancelled", "Database", "ProgressFn", "no_progress"]

logger = logging.getLogger(__name__)


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
