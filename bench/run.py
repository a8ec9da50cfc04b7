"""Every benchmark of issue 9, each beside its floor in the same invocation; prints one table.

    .venv/bin/python bench/run.py            # full scale (generates bench/.data/ on first use)
    .venv/bin/python bench/run.py --quick    # a tenth of the data, fewer runs (a smoke test)
    .venv/bin/python bench/run.py --only import,findings --runs 5

Each figure is the median of `--runs` runs (Excel and PDF: at most 3); a measure and its floor
run interleaved, so a change in machine load hits both alike. The measures:

  cold start  `bench/cold_start.py start` in a subprocess: `python -m ecmanual`'s own start-up on the
              large database, to the sign-in window painted, its database opened meanwhile, and
              from "Sign in" to the main window painted | floor: a bare PySide6 window shown,
              painted and closed
  import      100,000-row CP932 account CSV through `inventory_import.import_accounts`
              | floor: csv parsing + sqlite3 executemany in one transaction (bench/inventory_bench.py)
  findings    `reviews.refresh_findings` over the open review's 100,000 snapshots
  table       the review's account table: rows loaded (worker thread), then set into the model and
              painted (GUI thread); then filtering per keystroke with the view repainted, in-process
  excel       100,000 rows through `ecmanual.exports.export` | floor: openpyxl write-only append
  pdf         ~1,000 pages | floor: reportlab platypus LongTables of the same rows, one-line cells as
              plain strings, 500 rows per LongTable (the fastest bare variant in bench/export_bench.py)
  search      `search.search` over all content, 2-character Japanese words included: p95 latency
              | floor: sqlite3 LIKE scan of the same index table with the same words
  memory      peak RSS (ru_maxrss) of `bench/cold_start.py app --accounts`: the large database
              open and the 100,000-row account table shown | floor: the bare PySide6 window
  stalls      `bench/area_stalls.py`: every area opened in turn on the large database while a 10 ms
              timer runs; the longest gap between its ticks (a GUI thread busy with a query)
"""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ECMANUAL_SCRYPT_N", str(2**14))
os.environ.setdefault("ECMANUAL_HOME", tempfile.mkdtemp(prefix="ecm-bench-home-"))

import generate  # noqa: E402

MEASURES = ("cold_start", "import", "findings", "table", "excel", "pdf", "search", "memory", "stalls")
SEARCH_WORDS = ["研修", "承認", "在庫", "監査", "出荷", "権限", "受注処理", "チェックリスト", "二段階認証", "Shopify",
                "研修 監査", "受注処理 手順", "個人情報 委託先", "page-0042", "存在しない語"]


class Row:
    def __init__(self, measure: str, ours: float | None, floor: float | None, unit: str, target: str,
                 met: bool | None = None, ratio: bool = True):
        self.measure, self.ours, self.floor, self.unit, self.target, self.met = measure, ours, floor, unit, target, met
        self.ratio = ours / floor if ratio and ours is not None and floor else None

    def cells(self) -> list[str]:
        def fmt(v: float | None) -> str:
            if v is None:
                return "—"
            if self.unit == "ms":
                return f"{v * 1000:.0f} ms" if v >= 0.01 else f"{v * 1000:.1f} ms"
            if self.unit == "MiB":
                return f"{v:.0f} MiB"
            return f"{v:.2f} s"
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        verdict = "" if self.met is None else (" ✓" if self.met else " **missed**")
        return [self.measure, fmt(self.ours), fmt(self.floor), ratio, self.target + verdict]


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def interleaved(runs: int, ours: Callable[[], float], floor: Callable[[], float]) -> tuple[float, float]:
    a, b = [], []
    for i in range(runs):
        if i % 2:
            b.append(floor())
            a.append(ours())
        else:
            a.append(ours())
            b.append(floor())
    return median(a), median(b)


# --- 1 and 8: subprocesses ---------------------------------------------------------------------

def _child(*args: str) -> tuple[float, dict]:
    gc.collect()
    t0 = time.time()
    out = subprocess.run([sys.executable, str(HERE / "cold_start.py"), *args], capture_output=True, text=True,
                         check=True, timeout=600)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["painted"] - t0, data


def bench_cold_start(db: Path, runs: int) -> list[Row]:
    """The real launch (`cold_start.py start`: `ecmanual.__main__` with the sign-in window), each
    beside a bare PySide6 window: to the first window painted, the database opened meanwhile,
    then from "Sign in" to the main window painted."""
    # Bytecode for ecmanual as an installed copy has it (pip and the bundle compile it; a
    # development shell with PYTHONDONTWRITEBYTECODE would otherwise compile every start).
    compileall.compile_dir(str(ROOT / "ecmanual"), quiet=1)
    _child("floor")
    _child("start", str(db))  # warm the OS file cache off the clock
    first, ready, sign_in, total, floor = [], [], [], [], []

    def ours() -> float:
        t0 = time.time()
        out = subprocess.run([sys.executable, str(HERE / "cold_start.py"), "start", str(db)], capture_output=True,
                             text=True, check=True, timeout=600)
        m = json.loads(out.stdout.strip().splitlines()[-1])
        first.append(m["first_window"] - t0)
        ready.append(m["ready"] - t0)
        sign_in.append(m["painted"] - m["sign_in"])
        total.append(m["painted"] - t0 - (m["sign_in"] - m["ready"]))
        return total[-1]

    interleaved(runs, ours, lambda: floor.append(_child("floor")[0]) or floor[-1])
    f = median(floor)
    return [Row("1a. launch (`python -m ecmanual`) to the first window (sign-in) painted", median(first), f, "s",
                "≤ 2× floor", median(first) <= 2 * f),
            Row("1b. … its database opened meanwhile (on a worker, while the password is typed)", median(ready), f, "s",
                "(off the GUI thread)", ratio=False),
            Row("1c. “Sign in” to the main window painted (password check included)", median(sign_in), None, "ms",
                "(after the open)"),
            Row("1. launch to the main window painted, the password entered at once (large db)", median(total), f, "s",
                "≤ 2× floor", median(total) <= 2 * f)]


def bench_memory(db: Path, runs: int) -> list[Row]:
    ours, floor, opened = [], [], []
    for _ in range(runs):
        _, data = _child("app", str(db), "--accounts")
        ours.append(data["maxrss_mib"])
        opened.append(data["rows"])
        floor.append(_child("floor")[1]["maxrss_mib"])
    m = median(ours)
    return [Row(f"8. peak memory, large db open, account table shown ({opened[0]:,} rows)", m, median(floor), "MiB",
                "< 400 MiB", m < 400)]


def bench_stalls(db: Path, runs: int) -> list[Row]:
    """`bench/area_stalls.py`: each area opened on the large database; the worst area's longest
    GUI-thread stall (median over runs) and which area it was."""
    per_area: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, str(HERE / "area_stalls.py"), str(db)], capture_output=True, text=True,
                             check=True, timeout=600)
        for key, m in json.loads(out.stdout.strip().splitlines()[-1]).items():
            per_area.setdefault(key, []).append(m["stall_ms"] / 1000)
    medians = {key: median(v) for key, v in per_area.items()}
    worst = max(medians, key=medians.get)
    rest = ", ".join(f"{k} {v * 1000:.0f}" for k, v in sorted(medians.items(), key=lambda kv: -kv[1])[1:4])
    return [Row(f"9. opening each area: longest GUI-thread stall ({worst}; next: {rest} ms)", medians[worst], None,
                "ms", "< 200 ms", medians[worst] < 0.2)]


# --- 2 and 3: services ---------------------------------------------------------------------------

def bench_import(rows: int, runs: int, folder: Path) -> list[Row]:
    import inventory_bench as ib

    csv_path = folder / "accounts_cp932.csv"
    ib.write_csv(csv_path, rows)
    template = ib.template_db(folder)
    ib.ecmanual_import(template, folder, csv_path)  # imports and caches off the clock
    ib.floor_import(template, folder, csv_path)
    ours, floor = interleaved(runs, lambda: ib.ecmanual_import(template, folder, csv_path)["seconds"],
                              lambda: ib.floor_import(template, folder, csv_path))
    return [Row(f"2. import of a {rows:,}-row CP932 account CSV", ours, floor, "s", "≤ 2× floor", ours <= 2 * floor)]


def bench_findings(db_path: Path, runs: int, folder: Path) -> list[Row]:
    from ecmanual.domain.review_rules import compute_findings
    from ecmanual.persistence.engine import make_engine
    from ecmanual.persistence.models import Review
    from ecmanual.services import reviews, users
    from ecmanual.services.context import Database
    from ecmanual.services.review_snapshot import load_snapshots, rules_context

    copy = folder / "findings.sqlite3"
    shutil.copy(db_path, copy)
    db = Database(make_engine(copy))
    admin = users.actor_for(db, generate.ADMIN)
    with db.read() as s:
        review = s.scalar(__import__("sqlalchemy").select(Review).where(Review.period == "2026Q4"))
        snaps, _ = load_snapshots(s, review.id)
        ctx = rules_context(s, review)
    reviews.refresh_findings(db, admin, "2026Q4")

    def rules() -> float:
        t0 = time.perf_counter()
        compute_findings(snaps, today=review.started_on, **ctx)
        return time.perf_counter() - t0

    def service() -> float:
        gc.collect()
        t0 = time.perf_counter()
        reviews.refresh_findings(db, admin, "2026Q4")
        return time.perf_counter() - t0

    ours, pure = interleaved(runs, service, rules)
    db.engine.dispose()
    return [Row(f"3. review findings recomputed over {len(snaps):,} accounts (rules alone as floor)", ours, pure,
                "s", "< 1 s", ours < 1.0)]


# --- 4: the account table, in-process ----------------------------------------------------------

def bench_table(db_path: Path, runs: int) -> list[Row]:
    from PySide6.QtWidgets import QApplication

    from ecmanual.app import create_application
    from ecmanual.persistence.engine import make_engine
    from ecmanual.services import review_records, users
    from ecmanual.services.context import Database
    from ecmanual.ui.context import UiContext
    from ecmanual.ui.views.review_accounts import AccountsPanel

    app = QApplication.instance() or create_application("ja")
    db = Database(make_engine(db_path))
    actor = users.actor_for(db, generate.ADMIN)
    loads, opens, keys = [], [], []
    n = 0
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        rows = review_records.review_rows(db, actor, "2026Q4")
        loads.append(time.perf_counter() - t0)
        n = len(rows)
        panel = AccountsPanel(UiContext(db, actor, str(db_path)))
        panel.resize(1280, 760)
        panel.show()
        app.processEvents()
        t0 = time.perf_counter()
        panel._loaded(rows)
        panel.table.viewport().repaint()
        opens.append(time.perf_counter() - t0)
        for word in ("user05", "佐藤", "ｻﾄｳ", "営業部"):
            for i in range(1, len(word) + 1):
                t0 = time.perf_counter()
                panel.search.setText(word[:i])
                panel.table.viewport().repaint()
                keys.append(time.perf_counter() - t0)
            for i in range(len(word) - 1, -1, -1):  # backspace back to empty
                t0 = time.perf_counter()
                panel.search.setText(word[:i])
                panel.table.viewport().repaint()
                keys.append(time.perf_counter() - t0)
        panel.close()
        panel.deleteLater()
        app.processEvents()
        del rows
    db.engine.dispose()
    keys.sort()
    p95 = keys[int(0.95 * (len(keys) - 1))]
    return [Row(f"4a. account table: {n:,} rows loaded (worker thread)", median(loads), None, "s", "(off the GUI thread)"),
            Row("4b. account table: rows set, sorted and first paint (GUI thread)", median(opens), None, "ms",
                "< 300 ms", median(opens) < 0.3),
            Row(f"4c. filter per keystroke, view repainted (median; p95 {p95 * 1000:.0f} ms)", median(keys), None,
                "ms", "< 50 ms", median(keys) < 0.05)]


# --- 5 and 6: exports ------------------------------------------------------------------------------

def bench_excel(rows: int, runs: int, folder: Path) -> list[Row]:
    import export_bench as eb

    from ecmanual.exports import export

    export(eb.document(100), "xlsx", folder / "warm.xlsx")
    eb.xlsx_floor(100, folder / "warm2.xlsx")
    x = eb.compare(runs, lambda: export(eb.document(rows), "xlsx", folder / "layer.xlsx"),
                   lambda: eb.xlsx_floor(rows, folder / "floor.xlsx"))
    return [Row(f"5. Excel export, {rows:,} rows", x["wall"], x["floor_wall"], "s", "≤ 1.2× floor",
                x["wall"] <= 1.2 * x["floor_wall"])]


def bench_pdf(pages: int, runs: int, folder: Path) -> list[Row]:
    import export_bench as eb

    from ecmanual.exports import export

    n = eb.rows_for_pages(pages, folder)
    made = {}

    def layer():
        made["layer"] = export(eb.document(n), "pdf", folder / "layer.pdf").pages

    def floor():
        # The fastest bare platypus: one-line cells as strings, 500-row LongTables (one LongTable
        # over every row is far slower: reportlab re-splits the remainder on every page).
        made["floor"] = eb.pdf_floor(n, folder / "floor.pdf", one_line_shortcut=True, chunk=500)

    x = eb.compare(runs, layer, floor)
    return [Row(f"6. PDF export, {made['layer']:,} pages (floor: {made['floor']:,} pages)", x["wall"],
                x["floor_wall"], "s", "≤ 1.3× floor", x["wall"] <= 1.3 * x["floor_wall"])]


# --- 7: search -----------------------------------------------------------------------------------------

def bench_search(db_path: Path, runs: int) -> list[Row]:
    from ecmanual.persistence.engine import make_engine
    from ecmanual.services import search, users
    from ecmanual.services.context import Database

    db = Database(make_engine(db_path))
    actor = users.actor_for(db, generate.ADMIN)
    con = sqlite3.connect(db_path)
    docs = con.execute("SELECT count(*) FROM search_doc").fetchone()[0]

    def ours_once(q: str) -> float:
        t0 = time.perf_counter()
        search.search(db, actor, q)
        return time.perf_counter() - t0

    def floor_once(q: str) -> float:
        words = [search.normalize(w) for w in q.split()]
        sql = ("SELECT entity, entity_id, title, body, area FROM search_doc WHERE "
               + " AND ".join("(title || ' ' || body) LIKE ?" for _ in words) + " LIMIT 50")
        t0 = time.perf_counter()
        con.execute(sql, [f"%{w}%" for w in words]).fetchall()
        return time.perf_counter() - t0

    for q in SEARCH_WORDS:  # warm
        ours_once(q)
        floor_once(q)
    ours, floor = [], []
    for _ in range(max(runs, 5)):
        for q in SEARCH_WORDS:
            ours.append(ours_once(q))
            floor.append(floor_once(q))
    con.close()
    db.engine.dispose()

    def p95(xs: list[float]) -> float:
        xs = sorted(xs)
        return xs[int(0.95 * (len(xs) - 1))]
    mine = p95(ours)
    return [Row(f"7. search p95 over {docs:,} documents, {len(SEARCH_WORDS)} queries (median "
                f"{median(ours) * 1000:.1f} ms)", mine, p95(floor), "ms", "p95 < 30 ms", mine < 0.03)]


# --- main -----------------------------------------------------------------------------------------------

def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a tenth of the data and fewer runs")
    ap.add_argument("--runs", type=int, help="runs per figure (default 5; --quick 2)")
    ap.add_argument("--only", help=f"comma-separated subset of {','.join(MEASURES)}")
    args = ap.parse_args()
    scale = 0.1 if args.quick else 1.0
    runs = args.runs or (2 if args.quick else 5)
    only = args.only.split(",") if args.only else list(MEASURES)
    unknown = set(only) - set(MEASURES)
    if unknown:
        ap.error(f"unknown measures: {', '.join(sorted(unknown))}")
    db = generate.ensure(scale)
    rows_n, pages = (10_000, 100) if args.quick else (100_000, 1000)
    out: list[Row] = []
    t_start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ecm-bench-run-") as tmp:
        folder = Path(tmp)
        steps = {
            "cold_start": lambda: bench_cold_start(db, runs),
            "import": lambda: bench_import(rows_n, runs, folder),
            "findings": lambda: bench_findings(db, runs, folder),
            "table": lambda: bench_table(db, min(runs, 3)),
            "excel": lambda: bench_excel(rows_n, min(runs, 3), folder),
            "pdf": lambda: bench_pdf(pages, min(runs, 3), folder),
            "search": lambda: bench_search(db, runs),
            "memory": lambda: bench_memory(db, min(runs, 3)),
            "stalls": lambda: bench_stalls(db, min(runs, 3)),
        }
        for name in MEASURES:
            if name in only:
                t0 = time.perf_counter()
                got = steps[name]()
                out += got
                print(f"  {name}: {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
                for r in got:
                    print("  | " + " | ".join(r.cells()) + " |", file=sys.stderr, flush=True)
    print(f"\n{cpu_name()}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {db.name}, "
          f"median of {runs} runs (table, Excel, PDF, memory: {min(runs, 3)}), "
          f"load average {os.getloadavg()[0]:.1f}, {time.perf_counter() - t_start:.0f} s in all\n")
    print("| measure | ecmanual | floor | ratio | target |\n|---|---:|---:|---:|---|")
    for r in out:
        print("| " + " | ".join(r.cells()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
