"""Errors the services raise; the CLI maps them to exit statuses, the GUI to dialogs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class EcmanualError(Exception):
    """Base class of every error a service raises on purpose."""


@dataclass
class RowError:
    """One problem in an input file: where it is and what is wrong."""

    row: int | None
    column: str | None
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class InputError(EcmanualError):
    """Bad input or a refused operation (exit status 2). Nothing was written."""

    def __init__(self, message: str, *, file: str | None = None, errors: list[RowError] | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.errors: list[RowError] = list(errors or [])

    def __str__(self) -> str:
        lines = [f"{self.file}: {self.message}" if self.file else self.message]
        for e in self.errors:
            where = []
            if e.row is not None:
                where.append(f"row {e.row}")
            if e.column:
                where.append(f"column {e.column}")
            prefix = f"{self.file}: " if self.file else ""
            lines.append(f"  {prefix}{', '.join(where)}: {e.message}" if where else f"  {prefix}{e.message}")
        return "\n".join(lines)


class PermissionDenied(EcmanualError):
    """The acting user may not do this (exit status 3)."""


class NotFound(InputError):
    """A record named by the caller does not exist."""


class ConflictError(InputError):
    """Someone else saved the record since it was read (optimistic locking).

    `current` is what the record holds now; `changed_by` / `changed_at` who saved it last and
    when (from the audit trail), so the refusal can show the other person's change.
    """

    def __init__(self, message: str, *, current: dict | None = None, changed_by: str | None = None,
                 changed_at: datetime | None = None):
        super().__init__(message)
        self.current = current or {}
        self.changed_by = changed_by
        self.changed_at = changed_at


class AuthenticationError(EcmanualError):
    """Sign-in failed: wrong name or password, locked account."""
