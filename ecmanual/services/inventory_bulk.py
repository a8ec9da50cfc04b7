"""Bulk insert for large account imports: Core's compiled INSERT and the column types' own bind
processors, handed to the driver's executemany in one call per chunk.

`connection.execute(insert(table), rows)` spends most of its time building and processing a
parameter dictionary per row; at 100,000 rows that is several times the cost of the insert
itself. Here the statement is compiled once for the dialect (qmark or named parameters) and
each column's bind processor is looked up once; constant columns (the import time, the system)
are processed once, other columns once per distinct value where values repeat (levels, flags,
statuses). Aware datetimes for SQLite (`UTCDateTime` over SQLite's DATETIME with its default
storage format) are converted in map calls, each distinct day and time of day formatted
once by C's isoformat, instead of running the two processors' Python per value. The values
stored are exactly what Core would store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from itertools import repeat
from operator import attrgetter, methodcaller
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.dialects.sqlite.base import DATETIME as SQLITE_DATETIME
from sqlalchemy.types import JSON, DateTime, TypeDecorator

from ..persistence.base import UTCDateTime

# SQLite DATETIME's default storage format, which isoformat(" ", "microseconds") writes alike.
_SQLITE_FORMAT = "%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d"
_TZINFO, _TO_UTC = attrgetter("tzinfo"), methodcaller("astimezone", UTC)
_DAY, _CLOCK = methodcaller("date"), methodcaller("time")


def _sqlite_utc_texts(values: Sequence[datetime | None]) -> list[str | None]:
    """UTCDateTime's bind processing, then SQLite DATETIME's, of every value: each value to
    UTC, then each distinct UTC day and time of day formatted once by C's isoformat."""
    present = [v for v in values if v is not None] if None in values else values
    if None in map(_TZINFO, present):
        raise ValueError("naive datetime given to a UTC column")
    utc = list(map(_TO_UTC, present))
    days, clocks = list(map(_DAY, utc)), list(map(_CLOCK, utc))
    day_text = {d: d.isoformat() + " " for d in set(days)}
    clock_text = {c: c.isoformat("microseconds") for c in set(clocks)}
    texts = list(map(str.__add__, map(day_text.__getitem__, days), map(clock_text.__getitem__, clocks)))
    if present is values:
        return texts
    it = iter(texts)
    return [None if v is None else next(it) for v in values]


def column_processor(column, dialect) -> Callable[[Sequence[Any]], Sequence[Any]] | None:
    """A whole-column stand-in for the column's bind processor where one is known, else None."""
    impl = column.type.dialect_impl(dialect)
    if (isinstance(column.type, UTCDateTime) and isinstance(impl.impl, SQLITE_DATETIME)
            and impl.impl._storage_format == _SQLITE_FORMAT):
        return _sqlite_utc_texts
    return None


def _distinct_values(column) -> bool:
    """Columns whose values are mostly different per row, or unhashable (no point looking them up)."""
    t = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    return isinstance(t, DateTime | JSON)


def _process(column, dialect, values: Sequence[Any]) -> Sequence[Any]:
    if (whole := column_processor(column, dialect)) is not None:
        return whole(values)
    proc = column.type.dialect_impl(dialect).bind_processor(dialect)
    if proc is None:
        return values
    if _distinct_values(column):
        return list(map(proc, values))
    done = {v: proc(v) for v in set(values)}
    return list(map(done.__getitem__, values))


def bulk_insert(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                constants: Mapping[str, Any] | None = None) -> int:
    """INSERT `rows` (tuples in `columns` order, plus `constants` for every row); returns the count."""
    if not rows:
        return 0
    constants = dict(constants or {})
    dialect = conn.dialect
    keys = [*columns, *constants]
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    values: dict[str, Any] = {c: _process(table.c[c], dialect, col) for c, col in zip(columns, zip(*rows))}
    for c, v in constants.items():
        proc = table.c[c].type.dialect_impl(dialect).bind_processor(dialect)
        values[c] = repeat(proc(v) if proc else v, len(rows))
    if compiled.positional:
        params: list[Any] = list(zip(*(values[name] for name in compiled.positiontup)))
    else:
        params = [dict(zip(keys, row)) for row in zip(*(values[k] for k in keys))]
    conn.exec_driver_sql(str(compiled), params)
    return len(params)
