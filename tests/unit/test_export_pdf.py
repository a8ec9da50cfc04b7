"""PDF exports read back with pypdf (text, pages, bookmarks, metadata) and rendered with pdftoppm."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date

import pypdf
import pytest
from PIL import Image, ImageStat

from ecmanual.exports import Column, Document, Section, SignBox, SignOff, Table, export
from ecmanual.exports.pdf_style import frame_size
from ecmanual.exports.pdf_table import fit_widths

from .test_export_samples import COLUMNS, sample_doc


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    out: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item.title)
    walk(reader.outline)
    return out


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "作業記録.pdf"
    result = export(sample_doc(400), "pdf", path)
    return result, pypdf.PdfReader(path)


def test_pages_and_page_numbers(long_pdf):
    result, reader = long_pdf
    n = len(reader.pages)
    assert n >= 8 and result.pages == n and result.rows == 400
    for i in (0, 1, n - 1):
        assert f"{i + 1} / {n}" in reader.pages[i].extract_text()


def test_japanese_text_is_embedded_and_extractable(long_pdf):
    _, reader = long_pdf
    first = reader.pages[0].extract_text()
    for text in ("株式会社サンプル商店", "作業記録簿", "ECM-2026-0A1B2C3D", "文書番号", "承認", "確認", "作成",
                 "編集 花子", "本書は2026年度第4四半期の作業記録です。", "目次"):
        assert text in first, text
    everything = "".join(p.extract_text() for p in reader.pages)
    assert "担当者6号" in everything and "Shopify管理者アカウントの棚卸し" in everything
    assert "2026/10/01 09:30" in everything  # 00:30 UTC as Tokyo time
    fonts = set()
    for page in reader.pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(font["/BaseFont"])
            assert "/FontFile2" in font["/FontDescriptor"], f"{font['/BaseFont']} is not embedded"
    assert fonts and all("BIZUDGothic" in f for f in fonts), fonts


def test_header_row_repeats_on_every_table_page(long_pdf):
    _, reader = long_pdf
    for page in reader.pages[1:]:
        text = page.extract_text()
        assert "担当者名" in text and "作業内容" in text and "達成率" in text
        assert "ECM-2026-0A1B2C3D" in text  # running header


def test_bookmarks_toc_and_properties(long_pdf):
    _, reader = long_pdf
    assert outline_titles(reader) == ["目次", "概要", "作業記録", "作業記録一覧"]
    meta = reader.metadata
    assert meta.title == "作業記録簿" and meta.author == "管理 太郎" and meta.creator == "ecmanual"
    assert "ECM-2026-0A1B2C3D" in meta["/Keywords"]
    toc = reader.pages[0].extract_text()
    assert "概要" in toc and "作業記録" in toc


def test_toc_page_numbers_point_at_sections(tmp_path):
    sections = [Section(f"第{i}章 手順", [f"第{i}章の本文です。" * 40], new_page=True) for i in range(1, 6)]
    path = export(Document("運用マニュアル", sections, toc=True), "pdf", tmp_path / "m.pdf").path
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 6
    toc = reader.pages[0].extract_text()
    for i in range(1, 6):
        assert f"第{i}章 手順" in toc
        assert f"第{i}章の本文です。" in reader.pages[i].extract_text()
    # the TOC's page numbers (drawn as forms defined at save) are 2..6
    numbers = [line.strip() for line in toc.splitlines() if line.strip().isdigit()]
    assert numbers == ["2", "3", "4", "5", "6"]
    dest_pages = [reader.get_destination_page_number(o) + 1 for o in reader.outline]
    assert dest_pages == [1, 2, 3, 4, 5, 6]


def test_auto_landscape_for_wide_tables_and_nothing_clipped(tmp_path):
    cols = [Column(f"システム{i}") for i in range(12)]
    rows = [[f"管理者権限{r}-{c}" for c in range(12)] for r in range(30)]
    doc = Document("アカウント一覧", [Section("一覧", tables=[Table("全システム", cols, rows)])])
    reader = pypdf.PdfReader(export(doc, "pdf", tmp_path / "wide.pdf").path)
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    text = "".join(p.extract_text() for p in reader.pages)
    assert all(f"管理者権限{r}-{c}" in text for r in range(30) for c in range(12))


def test_fit_widths_fill_the_frame_and_protect_short_columns():
    width = frame_size("portrait")[0]
    cols = [Column("番号", "number"), Column("内容"), Column("日付", "date")]
    w = fit_widths(cols, [6, 200, 12], width)
    assert abs(sum(w) - width) < 0.01
    assert w[0] == pytest.approx(6 * 4 + 6) and w[2] == pytest.approx(12 * 4 + 6)
    narrow = fit_widths(cols, [6, 10, 12], width)
    assert abs(sum(narrow) - width) < 0.01 and narrow[1] > 10 * 4 + 6


def test_cover_signoff_stamps_wareki_and_empty_table(tmp_path):
    doc = Document(
        "権限棚卸し報告書", [Section("結果", tables=[Table("指摘事項", [Column("内容")], [])])],
        org_name="株式会社サンプル商店", doc_id="ECM-2026-00000001", period="2026Q4", cover=True, wareki=True,
        signoff=SignOff([SignBox("承認", "社長 一郎", date(2019, 5, 1)), SignBox("確認"), SignBox("作成", "編集 花子",
                                                                                           date(2019, 4, 30))]),
        cover_notes=["押印欄が空欄の箇所は、印刷後に押印してください。"])
    reader = pypdf.PdfReader(export(doc, "pdf", tmp_path / "c.pdf").path)
    cover = reader.pages[0].extract_text()
    assert "権限棚卸し報告書" in cover and "社長 一郎" in cover and "令和元年5月1日" in cover
    assert "平成31年4月30日" in cover and "年 月 日" in cover.replace("\u3000", " ")
    assert "2019.05.01" in cover  # the date stamp
    assert "ECM-2026-00000001" in cover and "押印欄が空欄" in cover
    assert "該当する記録はありません。" in "".join(p.extract_text() for p in reader.pages[1:])
    # one section: no table of contents, but the cover, section and table are bookmarked
    assert outline_titles(reader) == ["権限棚卸し報告書", "結果", "指摘事項"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None and not os.environ.get("CI"),
                    reason="poppler-utils (pdftoppm) not installed; under CI this test runs and fails")
def test_rendered_page_is_not_blank(long_pdf, tmp_path):
    result, _ = long_pdf
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "2", "-l", "2", str(result.path), str(tmp_path / "p")],
                   check=True)
    png = next(tmp_path.glob("p*.png"))
    image = Image.open(png).convert("L")
    assert image.width > image.height * 0.6  # a whole A4 page
    stat = ImageStat.Stat(image)
    assert stat.var[0] > 500  # text and rules, not an empty page
    dark = sum(image.histogram()[:128]) / (image.width * image.height)
    assert 0.01 < dark < 0.5


def test_streamed_generator_is_read_once(tmp_path):
    reads = []

    def rows():
        for i in range(250):
            reads.append(i)
            yield (i, None, f"名前{i}", "作業", None, None, None)

    export(sample_doc(250, rows=rows()), "pdf", tmp_path / "g.pdf")
    assert reads == list(range(250))
    assert COLUMNS[2].header == "担当者名"
