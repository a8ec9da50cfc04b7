"""Printing shared by the commands: `--json` output or one line per record, and the outcome of
an all-or-nothing import (with `--json` a refused import prints every row error and exits 2).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

from ..domain.errors import InputError


def plain(value: Any) -> Any:
    """A record as JSON-ready data: its `as_dict()` when it has one, else itself."""
    return value.as_dict() if hasattr(value, "as_dict") else value


def printed_json(ctx, args, data: Any) -> bool:
    """With --json, print `data` (a record, or a list of records, as plain data) and return True."""
    if not args.json:
        return False
    ctx.print_json([plain(x) for x in data] if isinstance(data, list) else plain(data))
    return True


def print_rows(ctx, args, rows: list, line: Callable[[Any], str]) -> None:
    """--json: the rows as a JSON list; else `line(row)` for each row (it may hold several lines)."""
    if not printed_json(ctx, args, rows):
        for row in rows:
            print(line(row))


def import_failed(ctx, args, exc: InputError, counts: Iterable[str]) -> int:
    """A refused import: re-raised without --json; with it, a summary with every row error
    (each of `counts` is 0), exit 2. Call it from the `except InputError` block."""
    if not args.json:
        raise exc
    print(f"error: {exc}", file=sys.stderr)
    ctx.print_json({"ok": False, "file": exc.file or args.file, "message": exc.message, "dry_run": args.dry_run,
                    **dict.fromkeys(counts, 0), "errors": [e.as_dict() for e in exc.errors]})
    return 2


def print_import_notes(summary: dict, *note_keys: str) -> None:
    """The columns an import left unmapped, then the lines under `note_keys` of its summary."""
    for u in summary["unmapped"]:
        print(f"  column {u['column']!r}: {u['reason']}")
    for key in note_keys:
        for line in summary[key]:
            print(f"  note: {line}")
