"""The one importer layer: CSV/XLSX reading, header detection, column mapping, typed values.

Used by the staff import and the permission-inventory account import. Nothing here writes
to the database; services take a `ParsedFile` and decide.
"""

from .fieldsets import ACCOUNT_FIELDS, STAFF_FIELDS
from .headers import ColumnMapping, FieldSet, FieldSpec, UnmappedColumn, detect_mapping, match_header
from .reader import SourceRow, Table, read_bytes, read_table
from .records import parse_file, parse_table
from .result import ParsedFile, Record, find_duplicates

__all__ = [
    "ACCOUNT_FIELDS", "STAFF_FIELDS", "ColumnMapping", "FieldSet", "FieldSpec", "ParsedFile", "Record",
    "SourceRow", "Table", "UnmappedColumn", "detect_mapping", "find_duplicates", "match_header",
    "parse_file", "parse_table", "read_bytes", "read_table",
]
