"""Read a file against a field set: header detection, typed values, all row errors collected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .headers import ColumnMapping, FieldSet, FieldSpec, detect_mapping
from .reader import SourceRow, Table, read_table
from .result import ParsedFile, Record, find_duplicates
from .values import (
    ValueProblem, clean, parse_bool, parse_date, parse_datetime, parse_email, parse_enum,
    resolve_date_order,
)

ProgressFn = Callable[[int, int, str], None]


def _cell(row: SourceRow, index: int) -> str:
    return row.cells[index] if index < len(row.cells) else ""


def convert(spec: FieldSpec, text: str | None, date_order: str = "auto"):
    """The typed value of one cell; raises ValueProblem."""
    if spec.type == "email":
        return parse_email(text)
    if spec.type == "date":
        return parse_date(text, date_order)
    if spec.type == "datetime":
        return parse_datetime(text, date_order)
    if spec.type == "bool":
        return parse_bool(text)
    if spec.type == "enum":
        return parse_enum(text, spec.choices or {}, spec.strict)
    return clean(text, multiline=spec.multiline)


def _field_text(row: SourceRow, spec: FieldSpec, mapping: ColumnMapping) -> str | None:
    if spec.name in mapping.columns:
        return _cell(row, mapping.columns[spec.name])
    parts = [clean(_cell(row, mapping.columns[p])) for p in mapping.derived[spec.name]]
    return " ".join(p for p in parts if p) or None


def parse_table(table: Table, fieldset: FieldSet, *, mapping: dict[str, str | None] | None = None,
                unique: tuple[tuple[str, ...], ...] = (), date_order: str = "auto",
                progress: ProgressFn | None = None) -> ParsedFile:
    """Typed records for every data row below the header; errors for every bad cell.

    Raises InputError only when the file as a whole cannot be used (no header row,
    required columns missing); row problems are collected in `errors`.
    """
    cm = detect_mapping(table.rows, fieldset, file=table.file, explicit=mapping)
    body = table.rows[cm.header_index + 1:]
    # Fields read from their own column first, then those derived from other fields.
    specs = [f for f in fieldset.fields if f.name in cm.columns] + [f for f in fieldset.fields if f.name in cm.derived]
    notes = list(table.notes)
    if date_order == "auto":
        date_cols = [cm.columns[f.name] for f in specs if f.type in ("date", "datetime") and f.name in cm.columns]
        date_order, note = resolve_date_order(_cell(r, i) for r in body for i in date_cols)
        if note:
            notes.append(note)
    parsed = ParsedFile(table.describe(), fieldset, cm, [], [], notes)
    total = len(body)
    for n, row in enumerate(body, start=1):
        rec = Record(row.number, {})
        for spec in specs:
            text = _field_text(row, spec, cm)
            rec.text[spec.name] = clean(text)
            parts = cm.derived.get(spec.name, ())
            if len(parts) == 1:  # a stand-in such as the email for a login: its value as read
                rec.values[spec.name] = rec.values.get(parts[0])
                if rec.text.get(parts[0]) and rec.values[spec.name] is None:
                    continue  # the source cell's problem is already reported
            else:
                try:
                    rec.values[spec.name] = convert(spec, text, date_order)
                except ValueProblem as exc:
                    rec.ok = False
                    rec.values[spec.name] = None
                    parsed.add_error(row.number, spec.name, str(exc))
                    continue
            if spec.required and rec.values[spec.name] is None:
                rec.ok = False
                parsed.add_error(row.number, spec.name, f"{spec.label} is empty")
        parsed.records.append(rec)
        if progress and n % 200 == 0:
            progress(n, total, "reading rows")
    for fields in unique:
        if all(f in cm.columns or f in cm.derived for f in fields):
            parsed.errors.extend(find_duplicates(parsed.records, fields, fieldset, cm))
    return parsed


def parse_file(path: str | Path, fieldset: FieldSet, *, mapping: dict[str, str | None] | None = None,
               sheet: str | None = None, unique: tuple[tuple[str, ...], ...] = (),
               date_order: str = "auto", progress: ProgressFn | None = None) -> ParsedFile:
    """Read `path` (CSV/TSV/XLSX, encoding detected) and parse it against `fieldset`."""
    return parse_table(read_table(path, sheet=sheet), fieldset, mapping=mapping, unique=unique,
                       date_order=date_order, progress=progress)
