"""What a CLI command needs: the database, the acting user, JSON output."""

from __future__ import annotations

import getpass
import json
import os
import sys
from typing import Any

from ..domain.errors import InputError, PermissionDenied
from ..persistence import migrate
from ..persistence.engine import is_sqlite, make_engine, to_url
from ..services.context import Actor, Database


def check_connection(engine) -> None:
    """Connect once, turning a refused connection into a clear message (exit 2, not a traceback)."""
    from sqlalchemy.exc import OperationalError

    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        hint = ""
        if not is_sqlite(engine.url) and "password" in reason.lower():
            hint = " Save the password with `python -m ecmanual connect URL` or set $ECMANUAL_DB_PASSWORD."
        raise InputError(f"Cannot open the database {where}: {reason}.{hint}") from exc


class CliContext:
    """Opens the database lazily and signs in the acting user on first need."""

    def __init__(self, args):
        self.args = args
        self._db: Database | None = None
        self._actor: Actor | None = None
        self._typed_password: str | None = None

    @property
    def db_target(self) -> str:
        from ..config import default_db

        return self.args.db or default_db()

    def database(self, *, require_current: bool = True) -> Database:
        if self._db is None:
            from ..secrets import database_password

            url = to_url(self.db_target)
            password = None if is_sqlite(url) else database_password(url)
            if is_sqlite(url) and require_current and not os.path.exists(url.database):
                raise InputError(f"No database at {url.database}; run `init` first.")
            engine = make_engine(url, password=password)
            check_connection(engine)
            if require_current and migrate.needs_upgrade(engine):
                engine.dispose()
                raise InputError("The database schema is not current; run `init` to create or upgrade it.")
            self._db = Database(engine)
        return self._db

    def password(self, prompt: str = "Password: ") -> str:
        value = os.environ.get("ECMANUAL_PASSWORD")
        if value is not None:
            return value
        if self._typed_password is None:
            if not sys.stdin or not sys.stdin.isatty():
                raise InputError("No password: set $ECMANUAL_PASSWORD or run in a terminal.")
            self._typed_password = getpass.getpass(prompt)
        return self._typed_password

    def username(self) -> str:
        name = self.args.user or os.environ.get("ECMANUAL_USER")
        if not name:
            raise InputError("No acting user: pass --user NAME or set $ECMANUAL_USER.")
        return name

    def actor(self, *, password_change: bool = False) -> Actor:
        """Sign in the acting user (every change is recorded under that user).

        A password set by an administrator (a new user, a reset) must be changed before the
        user does anything else, here as in the app; only `user passwd` signs them in then.
        """
        if self._actor is None:
            from ..services import users

            actor = users.authenticate(self.database(), self.username(), self.password())
            if not password_change and users.must_change_password(self.database(), actor):
                raise PermissionDenied(
                    f"The password of {actor.username} was set by an administrator and must be changed first: "
                    f"run `python -m ecmanual --user {actor.username} user passwd`.")
            self._actor = actor
        return self._actor

    def print_json(self, data: Any) -> None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")

    def close(self) -> None:
        if self._db is not None:
            self._db.engine.dispose()
