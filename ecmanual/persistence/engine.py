"""Engine set-up: a SQLite file (WAL, foreign keys) or a PostgreSQL URL, same code."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

logger = logging.getLogger(__name__)


def to_url(db: str | Path) -> URL:
    """A SQLAlchemy URL from a file path or a URL string."""
    text = str(db)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def is_sqlite(url: URL | Engine) -> bool:
    if isinstance(url, Engine):
        url = url.url
    return url.get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(db: str | Path | URL, *, password: str | None = None, echo: bool = False) -> Engine:
    """Create the engine. A PostgreSQL password is passed in (from the keyring), never stored."""
    url = db if isinstance(db, URL) else to_url(db)
    if is_sqlite(url):
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo)
        event.listen(engine, "connect", _sqlite_pragmas)

        # pysqlite's own transaction handling defers BEGIN; make it explicit so
        # SAVEPOINT and isolation behave (SQLAlchemy docs, "Serializable isolation").
        @event.listens_for(engine, "connect")
        def _no_autobegin(dbapi_conn, _record):
            dbapi_conn.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # Writers take the lock up front so two writers queue (busy_timeout)
            # instead of failing when a deferred transaction upgrades.
            write = conn.get_execution_options().get("ecm_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    if password is not None and url.password is None:
        url = url.set(password=password)
    return create_engine(url, echo=echo, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
