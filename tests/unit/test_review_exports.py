"""The review record exported through the shared export layer and read back: Excel with openpyxl,
PDF with pypdf (text, sign-off, page numbers) and rendered with pdftoppm; the binder part."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook
from PIL import Image, ImageStat

from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.services import exports, inventory_import, reviews
from tests.unit.test_reviews import DATA, DAY, decide_all, quarter  # noqa: F401 - the scripted quarter fixture


@pytest.fixture
def signed(quarter, admin, approver):  # noqa: F811
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    decide_all(quarter, admin)
    inventory_import.import_accounts(quarter, admin, "KARTE", DATA / "karte_after_utf8_bom.csv")
    reviews.submit(quarter, admin, "2026Q4")
    reviews.approve(quarter, approver, "2026Q4")
    return quarter


def _export(db, actor, fmt: str, path: Path, **params):
    return exports.run_export(db, actor, "review", fmt, path, params=exports.ExportParams(**params))


def test_excel_has_summary_a_sheet_per_system_and_the_records(signed, admin, tmp_path):
    result = _export(signed, admin, "xlsx", tmp_path / "review.xlsx", period="2026Q4")
    wb = load_workbook(result.path, read_only=True)
    assert wb.sheetnames == ["概要", "システム別", "ECforce", "KARTE", "Google広告", "指摘事項一覧", "判断一覧",
                             "是正タスク", "前回比較"]

    def rows(name):
        return [list(r) for r in wb[name].iter_rows(values_only=True)]
    summary = [c for r in rows("概要") for c in r if c is not None]
    for text in ("権限棚卸し記録 2026Q4", "承認", "実施", "承認 次郎", "管理 太郎", "承認済み(ロック済み)"):
        assert text in summary, text
    karte = rows("KARTE")
    header = next(i for i, r in enumerate(karte) if r and r[0] == "ログインID")
    body = {r[0]: r for r in karte[header + 1:] if r and r[0]}
    assert body["ichiro.suzuki@example.co.jp"][9] == "管理者権限の対象外" and body["ichiro.suzuki@example.co.jp"][10] == "変更"
    assert body["taro.yamada@example.co.jp"][4] == "無効"
    findings = [r for r in rows("指摘事項一覧") if r and r[0] in ("ECforce", "KARTE", "Google広告")]
    assert sorted((r[1], r[3]) for r in findings) == sorted([
        ("ec-admin@example.co.jp", "共有アカウント"), ("ichiro.suzuki@example.co.jp", "管理者権限の対象外"),
        ("taro.yamada@example.co.jp", "二段階認証なし"), ("ken.tanaka@example.co.jp", "退職者"),
        ("misaki.takahashi@example.co.jp", "長期未使用")])
    decisions = [r for r in rows("判断一覧") if r and r[0] in ("ECforce", "KARTE", "Google広告")]
    assert len(decisions) == 9 and {r[2] for r in decisions} == {"継続", "変更", "削除"}
    tasks = {r[1]: r for r in rows("是正タスク") if r and r[0] in ("KARTE", "Google広告")}
    assert tasks["ichiro.suzuki@example.co.jp"][6:8] == ["完了", "取込で確認"]
    assert tasks["ken.tanaka@example.co.jp"][6] == "期限超過"  # due 2026-10-15, still open
    assert result.sha256 and exports.check_export(signed, admin, result.path)["found"]


def test_pdf_has_sign_off_boxes_dates_and_page_numbers(signed, admin, tmp_path):
    result = _export(signed, admin, "pdf", tmp_path / "review.pdf", period="2026Q4")
    reader = pypdf.PdfReader(result.path)
    n = len(reader.pages)
    assert n == result.pages >= 3
    first = reader.pages[0].extract_text()
    for text in ("権限棚卸し記録 2026Q4", "承認", "実施", "承認 次郎", "管理 太郎", f"1 / {n}", "4眼原則"):
        assert text in first, text
    assert f"{n} / {n}" in reader.pages[-1].extract_text()
    everything = "".join(p.extract_text() for p in reader.pages)
    for text in ("ECforce", "Google広告", "指摘事項", "ichiro.suzuki@example.co.jp", "管理者権限の対象外", "是正",
                 "取込で確認", "前回との比較", "承認記録"):
        assert text in everything, text
    today = date.today().strftime("%Y/%m/%d")
    assert today in first  # the sign-off dates (signed today) and the generation time


@pytest.mark.skipif(shutil.which("pdftoppm") is None and not os.environ.get("CI"),
                    reason="poppler-utils (pdftoppm) not installed; under CI this test runs and fails")
def test_pdf_first_page_renders(signed, admin, tmp_path):
    result = _export(signed, admin, "pdf", tmp_path / "review.pdf", period="2026Q4")
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(result.path), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    assert image.width > image.height  # landscape
    assert ImageStat.Stat(image).var[0] > 300


def test_an_open_review_exports_with_empty_approval(quarter, admin, tmp_path):  # noqa: F811
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    result = _export(quarter, admin, "pdf", tmp_path / "open.pdf", id=reviews.get_review(quarter, admin, "2026Q4").id)
    text = pypdf.PdfReader(result.path).pages[0].extract_text()
    assert "未承認" in text and "実施中" in text


def test_export_needs_a_review_and_the_personal_data_permission(quarter, admin, editor, tmp_path):  # noqa: F811
    with pytest.raises(InputError, match="--period"):
        _export(quarter, admin, "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(InputError, match="no permission review"):
        _export(quarter, admin, "xlsx", tmp_path / "x.xlsx", period="2030Q1")
    reviews.start_review(quarter, admin, "2026Q4", DAY)
    with pytest.raises(PermissionDenied):
        _export(quarter, editor, "xlsx", tmp_path / "x.xlsx", period="2026Q4")
    assert _export(quarter, editor, "xlsx", tmp_path / "x.xlsx", period="2026Q4", external=False).size > 0
    assert not (tmp_path / "x.pdf").exists()


def test_binder_carries_the_signed_review(signed, admin, tmp_path):
    section = exports.BINDER_PROVIDERS["review"].provider(signed, exports.ExportParams(period="2026Q4"))
    assert section.title == "権限棚卸し 2026Q4"
    assert [t.title for t in section.tables] == ["システム別の集計", "2026Q4 指摘と判断", "2026Q4 是正"]
    assert exports.BINDER_PROVIDERS["review"].provider(signed, exports.ExportParams(period="2025Q1")) is None
    result = exports.run_export(signed, admin, "binder", "pdf", tmp_path / "binder.pdf",
                                params=exports.ExportParams(period="2026Q4"))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(result.path).pages)
    assert "権限棚卸し 2026Q4" in text and "ichiro.suzuki@example.co.jp" in text
