"""The one export layer: areas describe a record as plain data, this package writes .xlsx or .pdf.

    from ecmanual.exports import Column, Document, Section, SignOff, Table, export

    doc = Document("権限棚卸し記録", [Section("結果", tables=[Table("一覧", cols, rows)])])
    result = export(doc, "pdf", "review.pdf", progress, cancel)

Areas never call openpyxl or reportlab themselves; `services.exports.run_export` adds the
permission check, document id and audit record around `export`.
"""

from .model import Column, Document, Section, SignBox, SignOff, Table
from .period import Period, parse_period
from .wareki import format_date, to_wareki
from .writer import FORMATS, ExportResult, export, file_sha256

__all__ = ["Column", "Document", "Section", "SignBox", "SignOff", "Table", "Period", "parse_period",
           "format_date", "to_wareki", "FORMATS", "ExportResult", "export", "file_sha256"]
