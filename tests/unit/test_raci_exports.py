"""RACI, per-person and calendar exports through the shared export layer, read back with openpyxl
and pypdf, the PDF rendered with pdftoppm; cells are compared with the seed document itself."""

from __future__ import annotations

import os
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pypdf
import pytest
from PIL import Image

from ecmanual.cli import run
from ecmanual.services import calendar, exports, raci_exports
from ecmanual.services import organisation as org
from ecmanual.services.exports import ExportParams, run_export

from ..conftest import ADMIN_PASSWORD

SEED = json.loads((Path(__file__).resolve().parents[2] / "db" / "defaults" / "processes.json").read_text("utf-8"))
PARTIES = ["マーケティング部", "情報システム部", "法務部", "商品企画部", "広報", "部門長"]
FILLS = {"R": "C6EFCE", "A": "FFC7CE", "C": "FFEB9C", "I": "DDEBF7"}


def seed_cells() -> dict[tuple[str, str], dict[str, str]]:
    """(process, step) -> {party name: "code\\nnote"} straight from db/defaults/processes.json."""
    out = {}
    for p in SEED["processes"]:
        for st in p["steps"]:
            out[(p["name"], st["name"])] = {(c.get("department") or c.get("role")):
                                            c["code"] + (f"\n{c['note']}" if c.get("note") else "") for c in st["raci"]}
    return out


def fill_of(cell) -> str | None:
    if cell.fill is None or cell.fill.fill_type != "solid":
        return None
    return str(cell.fill.fgColor.rgb)[-6:]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One seeded database, the RACI matrix exported as xlsx and pdf (built once for the module)."""
    from ecmanual.persistence.engine import make_engine
    from ecmanual.services import defaults, setup, users
    from ecmanual.services.context import Database

    folder = tmp_path_factory.mktemp("raci")
    db = Database(make_engine(folder / "db.sqlite3"))
    setup.init_schema(db)
    users.create_first_admin(db, "admin", ADMIN_PASSWORD, "管理 太郎")
    admin = users.actor_for(db, "admin")
    defaults.load_defaults(db, admin)
    xlsx = run_export(db, admin, "raci", "xlsx", folder / "RACI表.xlsx")
    pdf = run_export(db, admin, "raci", "pdf", folder / "RACI表.pdf")
    yield db, admin, xlsx, pdf, folder
    db.engine.dispose()


def test_xlsx_matrix_matches_the_seed_with_colours(exported):
    *_, xlsx, _pdf, _folder = exported
    wb = openpyxl.load_workbook(xlsx.path)
    assert wb.sheetnames[:2] == ["概要", "RACI表"]
    ws = wb["RACI表"]
    header = [c.value for c in ws[1]]
    assert header == ["プロセス", "No.", "ステップ", "4眼", *PARTIES]
    expected = seed_cells()
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == 30 == len(expected)
    seen_codes = set()
    for row in rows:
        process, seq, step, four_eyes = (c.value for c in row[:4])
        cells = expected[(process, step)]
        for party, cell in zip(PARTIES, row[4:]):
            assert cell.value == cells.get(party), (process, step, party)
            code = cell.value[0] if cell.value else None
            assert fill_of(cell) == FILLS.get(code), (process, step, party)
            seen_codes.add(code)
        assert four_eyes == any(st["four_eyes"] for p in SEED["processes"] if p["name"] == process
                                for st in p["steps"] if st["name"] == step)
    assert {"R", "A", "C"} <= seen_codes
    assert rows[0][2].value == "企画立案" and rows[0][4].value == "R\n主担当"


def test_xlsx_frozen_header_a4_landscape_and_legend(exported):
    *_, xlsx, _pdf, _folder = exported
    wb = openpyxl.load_workbook(xlsx.path)
    ws = wb["RACI表"]
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    summary = wb["概要"]
    legend = {row[1].value: fill_of(row[0]) for row in summary.iter_rows()
              if len(row) > 1 and isinstance(row[1].value, str) and row[1].value[:2] in ("R ", "A ", "C ", "I ")}
    assert legend == {text: FILLS[text[0]] for _colour, text in raci_exports.RACI_LEGEND[:4]}
    assert any("4眼" in str(row[1].value) for row in summary.iter_rows() if len(row) > 1)
    issues = [r[1].value for r in wb["検証結果"].iter_rows(min_row=2)]
    assert any("部門長" in text and "担当者がいません" in text for text in issues)
    approvals = {r[0].value: r[2].value for r in wb["承認レベル（更新タイプ別）"].iter_rows(min_row=2)}
    assert approvals["商品情報更新"] == "チームリーダー" and approvals["キャンペーンページ"] == "部門長"
    assert approvals["サイト構造変更"] == "役員会"


def test_pdf_text_legend_page_numbers_landscape(exported):
    *_, pdf, _folder = exported
    reader = pypdf.PdfReader(pdf.path)
    n = len(reader.pages)
    assert n == pdf.pages >= 2
    texts = [p.extract_text() for p in reader.pages]
    for i, text in enumerate(texts):
        assert f"{i + 1} / {n}" in text
        box = reader.pages[i].mediabox
        assert box.width > box.height  # A4 landscape
        assert abs(float(box.width) - 841.89) < 1 and abs(float(box.height) - 595.28) < 1
    everything = "".join(texts)
    for (process, step), cells in seed_cells().items():
        assert process in everything and step in everything
    for words in ("実行責任者", "説明責任者", "協議先", "報告先", "主担当", "結果責任", "法的確認", "4眼"):
        assert words in everything
    first = texts[0]
    assert "RACI表（役割分担表）" in first and all(p in first for p in PARTIES)
    assert {"R", "A", "C"} <= {line.strip() for line in first.splitlines()}


@pytest.mark.skipif(shutil.which("pdftoppm") is None and not os.environ.get("CI"),
                    reason="poppler-utils (pdftoppm) not installed; under CI this test runs and fails")
def test_pdf_renders_with_the_raci_colours(exported):
    *_, pdf, folder = exported
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf.path), str(folder / "page")],
                   check=True)
    image = Image.open(next(folder.glob("page*.png"))).convert("RGB")
    assert image.width > image.height
    colours = image.getcolors(maxcolors=1 << 20)

    def share(hex_rgb: str) -> float:
        target = tuple(int(hex_rgb[i:i + 2], 16) for i in (0, 2, 4))
        near = sum(n for n, c in colours if all(abs(a - b) <= 6 for a, b in zip(c, target)))
        return near / (image.width * image.height)

    assert share(FILLS["R"]) > 0.005 and share(FILLS["A"]) > 0.005 and share(FILLS["C"]) > 0.002


def test_person_view_and_leaver_impact_exported(seeded_db, admin, tmp_path):
    marketing = next(d.id for d in org.list_departments(seeded_db) if d.name == "マーケティング部")
    org.create_staff(seeded_db, admin, "田中 一郎", email="tanaka@example.jp", department_id=marketing)
    org.create_staff(seeded_db, admin, "佐藤 花子", email="sato@example.jp")
    org.assign_role(seeded_db, admin, "部門長", "田中 一郎", start_date=date(2026, 1, 1))
    org.assign_role(seeded_db, admin, "部門長", "佐藤 花子", kind="deputy", start_date=date(2026, 1, 1))
    org.assign_role(seeded_db, admin, "データ分析担当", "田中 一郎", start_date=date(2026, 1, 1))
    params = ExportParams(person="田中 一郎")
    xlsx = run_export(seeded_db, admin, "raci", "xlsx", tmp_path / "p.xlsx", params=params)
    pdf = run_export(seeded_db, admin, "raci", "pdf", tmp_path / "p.pdf", params=params)
    wb = openpyxl.load_workbook(xlsx.path)
    steps = list(wb["担当ステップ"].iter_rows(min_row=2, values_only=True))
    via_role = [r for r in steps if r[3] == "役割" and r[4] == "部門長"]
    via_dept = [r for r in steps if r[3] == "所属部署"]
    assert len(via_role) == 20 and all(r[2] == "A" for r in via_role)
    assert len(via_dept) == 30  # every step where マーケティング部 has a cell
    first = next(c for c in wb["担当ステップ"][2])
    assert first.value == "メール配信"
    approvals = [r[0] for r in wb["承認"].iter_rows(min_row=2, values_only=True)]
    assert approvals == ["キャンペーンページ"]
    duties = {r[0] for r in wb["定例業務"].iter_rows(min_row=2, values_only=True)}
    assert {"週次レポート", "月次レポート", "四半期レポート"} <= duties
    leaving = list(wb["退職時に担当者がいなくなるもの"].iter_rows(min_row=2, values_only=True))
    assert ("役割", "部門長", "担当者がいなくなる") in leaving and ("承認", "キャンペーンページ", "部門長（部門長）") in leaving
    assert sum(1 for r in leaving if r[0] == "RACI") == 20
    text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf.path).pages)
    for words in ("担当一覧 田中 一郎", "マーケティング部", "キャンペーンページ", "佐藤 花子", "退職時に担当者がいなくなるもの"):
        assert words in text


def test_calendar_export_with_marks(seeded_db, admin, tmp_path):
    calendar.mark_occurrence(seeded_db, admin, "月次戦略会議", date(2026, 12, 11), "done", "議事録あり")
    calendar.mark_occurrence(seeded_db, admin, "週次進捗会議", date(2026, 12, 7), "skipped", "休会")
    params = ExportParams(date_from=date(2026, 12, 1), date_to=date(2026, 12, 31))
    xlsx = run_export(seeded_db, admin, "calendar", "xlsx", tmp_path / "c.xlsx", params=params)
    pdf = run_export(seeded_db, admin, "calendar", "pdf", tmp_path / "c.pdf", params=params)
    wb = openpyxl.load_workbook(xlsx.path)
    duties = list(wb["定例業務一覧"].iter_rows(min_row=2, values_only=True))
    assert len(duties) == 22 and {r[2] for r in duties} == {"日次", "週次", "月次", "四半期", "半期", "年次"}
    occ = wb["予定と実施状況"]
    rows = {(r[0].value.date(), r[3].value): r for r in occ.iter_rows(min_row=2)}
    done = rows[(date(2026, 12, 11), "月次戦略会議")]
    assert (done[7].value, done[8].value, done[10].value, fill_of(done[7])) == ("完了", "admin", "議事録あり", "C6EFCE")
    skipped = rows[(date(2026, 12, 7), "週次進捗会議")]
    assert (skipped[7].value, fill_of(skipped[7])) == ("スキップ", "E7E6E6")
    assert all(date(2026, 12, 1) <= d <= date(2026, 12, 31) for d, _ in rows)
    assert (date(2026, 12, 16), "定期メンテナンス(システム機能更新)") in rows
    text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf.path).pages)
    assert "業務カレンダー" in text and "月次戦略会議" in text and "議事録あり" in text and "毎月 第2金曜" in text


def test_binder_section_and_personal_data_rules(seeded_db, admin, editor, tmp_path):
    section = raci_exports.raci_section(seeded_db, ExportParams(period="2026Q4"))
    assert section.title == "RACI表" and sum(1 for _ in section.tables[0].rows) == 30
    assert exports.get_kind("raci").carries_personal_data() and exports.get_kind("calendar").carries_personal_data()
    from ecmanual.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):  # names leave the team only with the personal-data permission
        run_export(seeded_db, editor, "raci", "xlsx", tmp_path / "never.xlsx")
    assert not (tmp_path / "never.xlsx").exists()
    assert run_export(seeded_db, editor, "raci", "xlsx", tmp_path / "internal.xlsx",
                      params=ExportParams(external=False)).rows > 30  # within the team: the export permission is enough


def test_cli_export_raci_both_formats(seeded_db, db_path, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ECMANUAL_USER", "admin")
    monkeypatch.setenv("ECMANUAL_PASSWORD", ADMIN_PASSWORD)
    for fmt in ("xlsx", "pdf"):
        out = tmp_path / f"raci.{fmt}"
        assert run(["--db", str(db_path), "export", "raci", "--format", fmt, "--out", str(out)]) == 0
        assert out.stat().st_size > 1000
    assert run(["--db", str(db_path), "export", "calendar", "--format", "pdf", "--out", str(tmp_path / "c.pdf"),
                "--period", "2026-12"]) == 0
    assert run(["--db", str(db_path), "export", "raci", "--person", "誰でもない", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "no staff member named" in capsys.readouterr().err
