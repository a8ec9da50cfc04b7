"""Excel exports read back with openpyxl: values, real dates, panes, filters, print setup, safety."""

from __future__ import annotations

import zipfile
from datetime import datetime

import openpyxl
import pytest

from ecmanual.exports import Column, Document, Section, Table, export
from ecmanual.exports.xlsx import SUMMARY_SHEET, sheet_name

from .test_export_samples import COLUMNS, sample_doc


@pytest.fixture
def book(tmp_path):
    result = export(sample_doc(1200), "xlsx", tmp_path / "作業記録.xlsx")
    return result, openpyxl.load_workbook(result.path)


def test_sheets_cells_and_real_dates(book):
    result, wb = book
    assert result.rows == 1200 and result.size > 0 and len(result.sha256) == 64
    assert wb.sheetnames == [SUMMARY_SHEET, "作業記録一覧"]
    ws = wb["作業記録一覧"]
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    first = ws[2]
    assert first[0].value == 1
    # 00:30 UTC printed as Tokyo wall time, stored as a real Excel date
    assert first[1].value == datetime(2026, 10, 1, 9, 30) and first[1].is_date
    assert first[1].number_format == "yyyy/mm/dd hh:mm"
    assert first[2].value == "担当者0号" and first[2].data_type == "s"
    assert first[3].value.startswith("権限棚卸しの確認。詳細は")
    assert first[4].is_date and first[4].value == datetime(2026, 10, 1) and first[4].number_format == "yyyy/mm/dd"
    assert first[5].value == 0 and first[5].number_format == "0.0%"
    assert first[6].value is True and first[6].data_type == "b"
    assert ws.max_row == 1201
    assert ws.cell(1201, 1).value == 1200


def test_frozen_header_filter_and_print_setup(book):
    _, wb = book
    ws = wb["作業記録一覧"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G1201"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "landscape"  # the fitted widths pass a portrait page
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$1:$1" and ws.print_options.gridLines is True
    assert ws.oddFooter.center.text == "&P / &N"
    assert ws.oddHeader.right.text == "ECM-2026-0A1B2C3D"
    assert ws["A1"].font.b  # header row bold


def test_column_widths_fit_japanese_text(book):
    _, wb = book
    ws = wb["作業記録一覧"]
    width = {c: ws.column_dimensions[c].width for c in "ABCD"}
    # 担当者N号 is 5 full-width characters plus a digit: at least 11 half-width units
    assert width["C"] >= 11
    assert width["D"] > width["C"] > width["A"]
    assert width["D"] <= 61


def test_summary_sheet_title_block_and_signoff(book):
    _, wb = book
    ws = wb[SUMMARY_SHEET]
    cells = {c.value for row in ws.iter_rows() for c in row if c.value is not None}
    assert {"株式会社サンプル商店", "作業記録簿", "ECM-2026-0A1B2C3D", "承認", "確認", "作成",
            "編集 花子", "承認 次郎", "作業記録一覧"} <= cells
    assert ws["A4"].value == "文書番号" and ws["B4"].value == "ECM-2026-0A1B2C3D"
    assert ws["B6"].value == datetime(2026, 12, 31, 15, 0) and ws["B6"].is_date  # generated at, Tokyo
    assert ws["E5"].value == "編集 花子" and ws["E6"].value == datetime(2026, 12, 30)  # 作成 box
    assert ws["C5"].value is None  # 承認: empty box for a hand seal
    assert ws.row_dimensions[5].height == 42
    link = next(c for row in ws.iter_rows() for c in row if c.value == "作業記録一覧" and c.hyperlink)
    assert link.hyperlink.location == "'作業記録一覧'!A1" and not link.hyperlink.target
    assert wb.properties.title == "作業記録簿" and wb.properties.identifier == "ECM-2026-0A1B2C3D"
    assert wb.properties.creator == "管理 太郎"


INJECTIONS = ["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://example.com","click")', "=cmd|' /C calc'!A0"]


def test_formula_injection_stays_text(tmp_path):
    rows = [(i, text, text) for i, text in enumerate(INJECTIONS)]
    doc = Document(
        "注入テスト", [Section("s", key_values=[("=2+2", "@A1")],
                               tables=[Table("t", [Column("n", "number"), Column("text"), Column("num", "number")],
                                             rows)])], org_name="=ORG()", generated_by="-me")
    path = export(doc, "xlsx", tmp_path / "inj.xlsx").path
    wb = openpyxl.load_workbook(path)
    ws = wb["t"]
    for r, text in enumerate(INJECTIONS, start=2):
        for col in (2, 3):
            cell = ws.cell(r, col)
            assert cell.value == text and cell.data_type == "s", (text, cell.data_type)
            assert cell.quotePrefix
    summary = {c.value: c for row in wb[SUMMARY_SHEET].iter_rows() for c in row if c.value is not None}
    for text in ("=2+2", "@A1", "=ORG()", "-me"):
        assert summary[text].data_type == "s"
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


@pytest.mark.parametrize("title, expected", [
    ("a/b:c", "a_b_c"),
    ("[月次]*確認?", "_月次__確認_"),
    ("'quoted'", "quoted"),
    ("History", "History_"),
    ("", "Sheet"),
    ("権限棚卸し" * 10, ("権限棚卸し" * 10)[:31]),
])
def test_sheet_name_rules(title, expected):
    assert sheet_name(title, set()) == expected


def test_sheet_names_unique_and_valid_in_a_workbook(tmp_path):
    long = "アカウント一覧（Shopify・KARTE・Google Workspace）"
    tables = [Table(t, [Column("a")], [["x"]]) for t in (long, long, "a/b", "a\\b", "概要")]
    path = export(Document("d", [Section("s", tables=tables)]), "xlsx", tmp_path / "n.xlsx").path
    names = openpyxl.load_workbook(path).sheetnames
    assert len(names) == 6 and len({n.lower() for n in names}) == 6
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert names[1] == long[:31] and names[2].endswith(" (2)")


def test_generator_rows_fills_and_landscape(tmp_path):
    cols = [Column(f"列{i}") for i in range(14)]

    def rows():
        for r in range(50):
            yield [f"値{r}-{c}の内容" for c in range(14)]

    table = Table("広い表", cols, rows(), cell_fill=lambda i, v, row: "FFC7CE" if i == 0 else None)
    path = export(Document("d", [Section("s", tables=[table])]), "xlsx", tmp_path / "w.xlsx").path
    ws = openpyxl.load_workbook(path)["広い表"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.max_row == 51 and ws["N51"].value == "値49-13の内容"
    assert ws["A2"].fill.fgColor.rgb.endswith("FFC7CE") and ws["B2"].fill.fill_type is None


def test_forced_portrait_and_wareki_line(tmp_path):
    path = export(sample_doc(5, orientation="portrait", wareki=True), "xlsx", tmp_path / "p.xlsx").path
    wb = openpyxl.load_workbook(path)
    assert wb["作業記録一覧"].page_setup.orientation == "portrait"
    values = [c.value for row in wb[SUMMARY_SHEET].iter_rows() for c in row]
    assert "令和8年12月31日" in values and "令和8年12月30日" in values


def test_long_text_column_wraps_and_empty_table(tmp_path):
    long = "長い説明文" * 30
    tables = [Table("長文", [Column("説明")], [[long], ["短い"]]), Table("空", [Column("a"), Column("b")], [])]
    path = export(Document("d", [Section("s", tables=tables)]), "xlsx", tmp_path / "l.xlsx").path
    wb = openpyxl.load_workbook(path)
    assert wb["長文"]["A2"].alignment.wrap_text and wb["長文"].column_dimensions["A"].width <= 61
    assert wb["空"].max_row == 1 and wb["空"].auto_filter.ref == "A1:B1"
