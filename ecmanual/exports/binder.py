"""The audit binder: one PDF for an audit period assembled from other exporters' sections.

Pure assembly: the export service asks each registered binder provider for its Section and
hands the ones that exist here, with the titles of those that are not available yet.
"""

from __future__ import annotations

from .model import Document, Section, SignOff
from .period import Period


def assemble_binder(period: Period, sections: list[Section], missing: list[str] | None = None,
                    empty: list[str] | None = None, org_name: str = "") -> Document:
    """Cover page, table of contents, then each section on a page of its own."""
    for section in sections:
        section.new_page = True
    notes = [
        f"対象期間 {period.text_ja} の内部統制記録をまとめたものです。各記録はアプリで承認された内容を出力しています。",
        "押印欄が空欄の箇所は、印刷後に押印してください。",
        "このファイルが出力時のままかは、文書番号とファイルのハッシュ値で照合できます（ecmanual の check-export）。",
    ]
    if empty:
        notes.append("この期間に該当する記録がなかった項目: " + "、".join(empty))
    if missing:
        notes.append("この版に含まれない記録（アプリの該当機能が未導入）: " + "、".join(missing))
    if not sections:
        sections = [Section("収録記録", ["この期間に収録できる記録はありません。"], new_page=True)]
    return Document(
        title=f"内部統制記録バインダー {period.label}",
        sections=sections,
        org_name=org_name,
        period=period.text_ja,
        orientation="auto",
        signoff=SignOff.standard(),
        wareki=True,
        subject=f"audit binder {period.label}",
        keywords=["binder", period.label],
        cover=True,
        toc=True,
        cover_notes=notes,
    )
