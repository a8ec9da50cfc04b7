"""Export layer vs the bare library loops over the same rows, in one process.

    .venv/bin/python bench/export_bench.py [--rows 100000] [--pages 1000] [--runs 3]

xlsx: 100,000 rows through `ecmanual.exports.export` vs openpyxl write-only `ws.append` of the
same values. pdf: a ~1,000-page table through the layer vs reportlab platypus building one
LongTable (repeatRows=1, same font, CJK-wrapped Paragraph cells) of the same rows. The median
of the runs is reported; peak Python memory of the Excel export is measured separately with
tracemalloc at two sizes, to show it does not grow with the row count.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ecmanual.exports import Column, Document, Section, Table, export  # noqa: E402

WORDS = ["権限棚卸し", "アカウント", "承認", "研修記録", "チェックリスト", "KARTE管理責任者", "受注処理",
         "在庫確認", "ログイン", "設定変更", "出荷", "返品対応", "CS", "Shopify", "二要素認証"]
HEADERS = ["通番", "日時", "実行者", "操作", "対象", "ID", "概要", "期限", "工数"]
COLUMNS = [Column("通番", "number"), Column("日時", "datetime"), Column("実行者"), Column("操作"),
           Column("対象"), Column("ID"), Column("概要"), Column("期限", "date"), Column("工数", "number")]


def rows(n: int):
    """Deterministic audit-like rows: numbers, naive datetimes and dates, Japanese text."""
    rnd = random.Random(20261001)
    t0, d0 = datetime(2026, 10, 1, 9, 0), date(2026, 10, 1)
    for i in range(n):
        summary = "".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 6)))
        yield (i + 1, t0 + timedelta(minutes=i), f"staff{i % 23:02d}", rnd.choice(("create", "update", "approve")),
               rnd.choice(("checklist_run", "review_account", "training_record")), str(rnd.randint(1, 9999)),
               summary, d0 + timedelta(days=i % 120), round(rnd.random() * 8, 2))


def document(n: int) -> Document:
    table = Table("監査ログ", COLUMNS, rows(n), row_count=n)
    return Document("ベンチマーク", [Section("一覧", tables=[table])], org_name="株式会社サンプル",
                    doc_id="ECM-2026-BENCH000", period="2026Q4", generated_at=datetime(2026, 10, 1, 9, 0),
                    generated_by="bench", orientation="landscape")


# --- floors -------------------------------------------------------------------------------------

def xlsx_floor(n: int, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("監査ログ")
    ws.append(HEADERS)
    for row in rows(n):
        ws.append(row)
    wb.save(path)


def pdf_floor(n: int, path: Path, one_line_shortcut: bool = False, chunk: int | None = None) -> int:
    """Bare reportlab: LongTable(repeatRows=1) of CJK-wrapped Paragraph cells, same font and widths.

    one_line_shortcut: cells that fit on one line are plain strings (what the layer does).
    chunk: one LongTable per `chunk` rows instead of one for all (avoids reportlab re-splitting
    the whole remainder on every page, at the price of a header row wherever a chunk starts).
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    from ecmanual.exports.cells import Clock, natural_widths, sample
    from ecmanual.exports.pdf_style import FONT, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, frame_size, register_fonts
    from ecmanual.exports.pdf_table import fit_widths

    register_fonts()
    style = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10.4, wordWrap="CJK")
    # The layer's fitted widths, margins and paddings, so both lay out the same rows per page.
    head, _ = sample(rows(200))
    widths = fit_widths(COLUMNS, natural_widths(COLUMNS, head, Clock()), frame_size("landscape")[0])
    pad_x, pad_y = 2.5, 2.6

    def cell(v, w):
        text = v.strftime("%Y/%m/%d %H:%M") if isinstance(v, datetime) else (
            v.strftime("%Y/%m/%d") if isinstance(v, date) else str(v))
        if one_line_shortcut and stringWidth(text, FONT, 8) <= w - 2 * pad_x:
            return text
        return Paragraph(escape(text), style)

    ts = TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 8, 10.4), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x), ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), pad_y), ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y)])
    header = [Paragraph(h, style) for h in HEADERS]
    body = [[cell(v, w) for v, w in zip(row, widths)] for row in rows(n)]
    size = chunk or len(body) or 1
    story = [LongTable([header] + body[i:i + size], colWidths=widths, repeatRows=1, style=ts)
             for i in range(0, len(body), size)]

    def page_number(canv, doc):
        canv.setFont(FONT, 8)
        canv.drawCentredString(canv._pagesize[0] / 2, 20, str(doc.page))

    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM)
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return doc.page


# --- measuring ----------------------------------------------------------------------------------

def timed(fn) -> tuple[float, float]:
    """(wall, CPU) seconds of one call."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def compare(runs: int, layer, floor) -> dict[str, float]:
    """Median wall and CPU seconds of both, runs interleaved so load changes hit both alike."""
    a, b = [], []
    for i in range(runs):
        first, second = (layer, floor) if i % 2 == 0 else (floor, layer)
        r1, r2 = timed(first), timed(second)
        (a, b)[i % 2].append(r1)
        (b, a)[i % 2].append(r2)
    med = statistics.median
    return {"wall": med(x[0] for x in a), "floor_wall": med(x[0] for x in b),
            "cpu": med(x[1] for x in a), "floor_cpu": med(x[1] for x in b)}


def peak_mib(fn) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def rows_for_pages(pages: int, folder: Path) -> int:
    """Rows that make about `pages` pages through the layer (calibrated on 2,000 rows)."""
    res = export(document(2000), "pdf", folder / "calibrate.pdf")
    return int(2000 * pages / res.pages)


def bench_xlsx(n: int, runs: int, folder: Path) -> list[tuple]:
    export(document(100), "xlsx", folder / "warm.xlsx")  # imports off the clock
    xlsx_floor(100, folder / "warm2.xlsx")
    x = compare(runs, lambda: export(document(n), "xlsx", folder / "layer.xlsx"),
                lambda: xlsx_floor(n, folder / "floor.xlsx"))
    sizes = os.path.getsize(folder / "layer.xlsx"), os.path.getsize(folder / "floor.xlsx")
    small = peak_mib(lambda: export(document(n // 10), "xlsx", folder / "m1.xlsx"))
    large = peak_mib(lambda: export(document(n), "xlsx", folder / "m2.xlsx"))
    floor_mem = peak_mib(lambda: xlsx_floor(n, folder / "m3.xlsx"))
    return [
        (f"xlsx {n:,} rows, wall s", x["wall"], x["floor_wall"]),
        (f"xlsx {n:,} rows, CPU s", x["cpu"], x["floor_cpu"]),
        (f"xlsx peak Python memory, {n // 10:,} / {n:,} rows (MiB)", f"{small:.1f} / {large:.1f}",
         f"{floor_mem:.1f} ({n:,} rows)"),
        ("xlsx file size (bytes)", f"{sizes[0]:,}", f"{sizes[1]:,}"),
    ]


def bench_pdf(target_pages: int, runs: int, folder: Path) -> list[tuple]:
    n = rows_for_pages(target_pages, folder)
    pages = {}

    def run_layer():
        pages["layer"] = export(document(n), "pdf", folder / "layer.pdf").pages

    def floor(name, **kw):
        def run():
            pages[name] = pdf_floor(n, folder / f"{name}.pdf", **kw)
        return run

    p = compare(runs, run_layer, floor("plain"))
    q = compare(runs, run_layer, floor("shortcut", one_line_shortcut=True))
    r = compare(runs, run_layer, floor("chunked", one_line_shortcut=True, chunk=500))
    mem = peak_mib(run_layer)
    label = f"pdf {n:,} rows, {pages['layer']:,} pages"
    return [
        (f"{label}, wall s (floor: one LongTable, {pages['plain']:,} pages)", p["wall"], p["floor_wall"]),
        (f"{label}, CPU s (same)", p["cpu"], p["floor_cpu"]),
        (f"{label}, CPU s (floor with the layer's one-line-cell shortcut)", q["cpu"], q["floor_cpu"]),
        (f"{label}, CPU s (floor with the shortcut and 500-row LongTable chunks)", r["cpu"], r["floor_cpu"]),
        (f"pdf peak Python memory, {pages['layer']:,} pages (MiB)", f"{mem:.1f}", ""),
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--xlsx-runs", type=int, default=5)
    ap.add_argument("--only", choices=["xlsx", "pdf"], help="run one half only")
    args = ap.parse_args()
    out = []
    with tempfile.TemporaryDirectory(prefix="ecm-bench-") as tmp:
        folder = Path(tmp)
        if args.only != "pdf":
            out += bench_xlsx(args.rows, args.xlsx_runs, folder)
        if args.only != "xlsx":
            out += bench_pdf(args.pages, args.runs, folder)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} at the end; "
          f"median of {args.xlsx_runs} (xlsx) / {args.runs} (pdf) interleaved runs")
    print("| measure | ecmanual | floor | ratio |\n|---|---:|---:|---:|")
    for name, a, b in out:
        if isinstance(a, float):
            print(f"| {name} | {a:.2f} | {b:.2f} | {a / b:.2f}x |")
        else:
            print(f"| {name} | {a} | {b} | |")


if __name__ == "__main__":
    main()
