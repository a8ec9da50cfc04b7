"""The GUI keeps turning while a large import or export runs (issue 9), and a 100,000-row Excel
export keeps its memory flat (write-only paths).

A 10 ms QTimer counts ticks on the GUI thread while the work runs through the app's task
helper; the longest gap between two ticks must stay under MAX_GAP_S, and the work must finish.
"""

from __future__ import annotations

import gc
import random
import time
import tracemalloc
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from ecmanual.exports import Column, Document, Section, Table, export
from ecmanual.persistence.models import Account
from ecmanual.services import inventory_import
from ecmanual.ui.tasks import run_task

pytestmark = pytest.mark.gui

# The longest the event loop may stand still. An account import has a few C-level steps that
# hold the GIL for a while (decoding the file, transposing its columns): alone on the 2-core
# development machine the worst gap was about 0.4 s, but with other processes competing for
# the two cores one reached 1.3 s. A GUI thread doing the work itself would stand still for the
# whole import (several seconds), so 1.5 s still tells the two apart; that the loop turns
# smoothly is checked on the 95th percentile of the gaps.
MAX_GAP_S = 1.5
P95_GAP_S = 0.1
IMPORT_ROWS = 50_000
LEVELS = ["管理者", "承認者", "運用者", "閲覧者"]


def _account_csv(path, rows: int) -> None:
    rnd = random.Random(9)
    t0 = datetime(2026, 9, 30, 18, 0)
    lines = ["メールアドレス,氏名,権限,最終ログイン日時,二段階認証,ステータス"]
    for i in range(rows):
        last = t0 - timedelta(minutes=rnd.randint(0, 250_000))
        lines.append(f"user{i:06d}@example.co.jp,利用者{i:06d}　太郎,{rnd.choice(LEVELS)},{last:%Y/%m/%d %H:%M},"
                     f"{rnd.choice(['有効', '無効'])},有効")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))


def _document(rows: int) -> Document:
    columns = [Column("通番", "number"), Column("日時", "datetime"), Column("担当"), Column("概要"), Column("期限", "date")]
    t0, d0 = datetime(2026, 10, 1, 9, 0), date(2026, 10, 1)
    body = ((i, t0 + timedelta(minutes=i), f"社員{i % 50:02d}", f"受注処理の確認 {i}", d0 + timedelta(days=i % 90))
            for i in range(rows))
    return Document("応答性テスト", [Section("一覧", tables=[Table("一覧", columns, body, row_count=rows)])],
                    org_name="株式会社サンプル", doc_id="ECM-TEST", period="2026Q4",
                    generated_at=datetime(2026, 10, 1, 9, 0), generated_by="test")


class Ticks:
    """A 10 ms timer on the GUI thread recording when it fired."""

    def __init__(self):
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def __enter__(self):
        self.times.append(time.perf_counter())
        self.timer.start()
        return self

    def __exit__(self, *exc):
        self.timer.stop()
        self.times.append(time.perf_counter())

    def max_gap(self) -> float:
        return max(b - a for a, b in zip(self.times, self.times[1:]))

    def p95_gap(self) -> float:
        gaps = sorted(b - a for a, b in zip(self.times, self.times[1:]))
        return gaps[int(0.95 * (len(gaps) - 1))]


def _run_and_watch(qtbot, fn, timeout_ms: int):
    parent = QWidget()
    qtbot.addWidget(parent)
    progress: list[int] = []
    with Ticks() as ticks:
        task = run_task(fn, parent=parent, progress_label="…")
        task.progressed.connect(lambda done, total, _m: progress.append(done))
        qtbot.waitUntil(lambda: task.done, timeout=timeout_ms)
    return task, ticks, progress


def test_gui_keeps_turning_during_a_large_account_import(qtbot, seeded_db, admin, tmp_path):
    path = tmp_path / "accounts.csv"
    _account_csv(path, IMPORT_ROWS)
    task, ticks, progress = _run_and_watch(
        qtbot, lambda p, c: inventory_import.import_accounts(seeded_db, admin, "ECforce", path, progress=p, cancel=c),
        timeout_ms=120_000)
    assert task.state == "ok", task.error
    assert task.result["added"] == IMPORT_ROWS
    with seeded_db.read() as s:
        assert s.query(Account).filter(Account.login == f"user{IMPORT_ROWS - 1:06d}@example.co.jp").count() == 1
    assert progress, "the import reported no progress"
    assert len(ticks.times) > 20
    assert ticks.max_gap() < MAX_GAP_S, f"the event loop stood still for {ticks.max_gap() * 1000:.0f} ms"
    assert ticks.p95_gap() < P95_GAP_S, f"95th percentile of the gaps {ticks.p95_gap() * 1000:.0f} ms"


def test_gui_keeps_turning_during_a_large_export(qtbot, tmp_path):
    out = tmp_path / "large.xlsx"
    rows = 30_000
    task, ticks, _ = _run_and_watch(qtbot, lambda p, c: export(_document(rows), "xlsx", out), timeout_ms=120_000)
    assert task.state == "ok", task.error
    wb = load_workbook(out, read_only=True)
    assert max(sum(1 for _ in ws.iter_rows(values_only=True)) for ws in wb.worksheets) >= rows
    wb.close()
    assert len(ticks.times) > 20
    # No p95 bound here: openpyxl's own serialisation holds the GIL in C for stretches (a bare
    # openpyxl write-only save in a thread shows a p95 gap over 100 ms too); no stall is allowed.
    assert ticks.max_gap() < MAX_GAP_S, f"the event loop stood still for {ticks.max_gap() * 1000:.0f} ms"


def test_excel_export_memory_stays_flat_at_100000_rows(tmp_path):
    def peak(rows: int) -> float:
        gc.collect()
        tracemalloc.start()
        export(_document(rows), "xlsx", tmp_path / f"m{rows}.xlsx")
        value = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return value / 2**20

    small, large = peak(10_000), peak(100_000)
    # Write-only: the peak does not grow with the rows (ten times the rows, well under twice the memory).
    assert large < 16, f"peak {large:.1f} MiB at 100,000 rows"
    assert large < 2 * small + 1, f"peak {small:.1f} MiB at 10,000 rows but {large:.1f} MiB at 100,000"
