"""What an importer returns: typed records with their source rows, and every row error found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..domain.errors import InputError, RowError
from .headers import ColumnMapping, FieldSet
from .values import key


@dataclass
class Record:
    """One data row: typed values by field name, the cleaned text they came from, its row number."""

    row: int
    values: dict[str, Any]
    text: dict[str, str | None] = field(default_factory=dict)
    ok: bool = True  # False when any of its cells could not be read

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name)

    def get(self, name: str, default: Any = None) -> Any:
        value = self.values.get(name)
        return default if value is None else value

    def has(self, name: str) -> bool:
        return name in self.values


@dataclass
class ParsedFile:
    """A file read against a field set. Nothing is written by the importer layer."""

    source: dict  # file, kind, encoding, delimiter, sheet, sha256
    fieldset: FieldSet
    mapping: ColumnMapping
    records: list[Record]
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.source["file"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, row: int | None, field_name: str | None, message: str) -> None:
        """Record a problem found later (by a service), named by the column as in the file."""
        column = self.mapping.header_of(field_name) if field_name else None
        self.errors.append(RowError(row, column, message))

    def sorted_errors(self) -> list[RowError]:
        return sorted(self.errors, key=lambda e: (e.row or 0, e.column or ""))

    def raise_for_errors(self, what: str = "nothing was imported") -> None:
        if self.errors:
            n = len(self.errors)
            sheet = self.source.get("sheet")
            raise InputError(f"{n} problem{'s' if n != 1 else ''} in the file; {what}",
                             file=f"{self.file} (sheet {sheet})" if sheet else self.file, errors=self.sorted_errors())

    def as_dict(self) -> dict:
        return {**self.source, "mapping": self.mapping.as_dict(), "rows": len(self.records),
                "errors": [e.as_dict() for e in self.sorted_errors()], "notes": list(self.notes)}


def _key_value(value: Any) -> Any:
    return key(value) if isinstance(value, str) else value


def find_duplicates(records: list[Record], fields: tuple[str, ...], fieldset: FieldSet,
                    mapping: ColumnMapping) -> list[RowError]:
    """One error per repeated key, on the later row and naming the earlier one."""
    seen: dict[tuple, int] = {}
    errors: list[RowError] = []
    labels = " + ".join(fieldset.get(f).label for f in fields)
    for rec in records:
        values = [rec.values.get(f) for f in fields]
        if any(v is None for v in values):
            continue
        k = tuple(_key_value(v) for v in values)
        if k in seen:
            shown = " / ".join(str(v) for v in values)
            errors.append(RowError(rec.row, mapping.header_of(fields[0]),
                                   f"duplicate {labels} {shown!r}: rows {seen[k]} and {rec.row} are the same"))
        else:
            seen[k] = rec.row
    return errors
