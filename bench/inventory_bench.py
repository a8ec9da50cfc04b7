"""Account import and review findings at 100,000 rows, against the plain floor, in one process.

    .venv/bin/python bench/inventory_bench.py [--rows 100000] [--runs 5]

import: a CP932 CSV with CRLF of `--rows` rows (the header and rows-1 accounts; the importer
layer reads at most 100,000 rows) through `inventory_import.import_accounts` into a fresh
database, vs the floor: the same bytes decoded, `csv.reader`, and `sqlite3.executemany` of the
same rows in one transaction into a copy of the same `account` table (same columns, indexes and
pragmas), converting nothing. Runs are interleaved; the median is reported.

findings: over `--rows` accounts (the import plus one account in a second system):
`domain.review_rules.compute_findings` on the snapshots in memory (the pure rules), and
`reviews.refresh_findings` (load every snapshot from the database, compute, replace the stored
findings; what the GUI's recompute does). Starting the review (snapshot of every account and
its findings) is timed once for information.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("ECMANUAL_SCRYPT_N", str(2**14))
os.environ.setdefault("ECMANUAL_HOME", tempfile.mkdtemp(prefix="ecm-bench-home-"))

from ecmanual.domain.review_rules import compute_findings  # noqa: E402
from ecmanual.persistence.engine import make_engine  # noqa: E402
from ecmanual.services import defaults, inventory_import, organisation, reviews, setup, users  # noqa: E402
from ecmanual.services.context import Database  # noqa: E402
from ecmanual.services.review_snapshot import rules_context, take_snapshots  # noqa: E402

LEVELS = ["管理者", "承認者", "運用者", "閲覧者"]
REVIEW_DAY = date(2026, 10, 1)


def write_csv(path: Path, rows: int) -> None:
    rnd = random.Random(20261001)
    t0 = datetime(2026, 9, 30, 18, 0)
    lines = ["メールアドレス,氏名,権限,最終ログイン日時,二段階認証,ステータス"]
    for i in range(rows - 1):
        name = f"利用者{i:06d}　太郎" if i % 3 else f"ﾘﾖｳｼｬ{i:06d}"
        last = t0 - timedelta(minutes=rnd.randint(0, 250_000))
        lines.append(f"user{i:06d}@example.co.jp,{name},{rnd.choice(LEVELS)},{last:%Y/%m/%d %H:%M},"
                     f"{rnd.choice(['有効', '有効', '無効'])},有効")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))


def template_db(folder: Path) -> Path:
    """A database with the default content and a few staff, copied fresh for every run."""
    path = folder / "template.sqlite3"
    db = Database(make_engine(path))
    setup.init_schema(db)
    users.create_first_admin(db, "admin", "Bench-pass-123", "管理 太郎")
    admin = users.actor_for(db, "admin")
    defaults.load_defaults(db, admin)
    deps = {d.name: d.id for d in organisation.list_departments(db)}
    for i in range(40):
        organisation.create_staff(db, admin, f"社員{i:02d} 花子", email=f"user{i * 997:06d}@example.co.jp",
                                  department_id=deps["マーケティング部" if i % 4 else "情報システム部"])
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.engine.dispose()
    return path


def fresh(template: Path, folder: Path, name: str) -> Path:
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy(template, target)
    return target


def ecmanual_import(template: Path, folder: Path, csv_path: Path) -> dict:
    path = fresh(template, folder, "run.sqlite3")
    db = Database(make_engine(path))
    try:
        admin = users.actor_for(db, "admin")
        gc.collect()
        t0 = time.perf_counter()
        summary = inventory_import.import_accounts(db, admin, "ECforce", csv_path)
        summary["seconds"] = time.perf_counter() - t0
        return summary
    finally:
        db.engine.dispose()


def floor_import(template: Path, folder: Path, csv_path: Path) -> float:
    """Decode, csv.reader, executemany into the same table shape; nothing converted or checked."""
    path = fresh(template, folder, "floor.sqlite3")
    con = sqlite3.connect(path)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL"):
        con.execute(f"PRAGMA {pragma}")
    ddl = [re.sub(r"^(CREATE TABLE) account \(|ON account \(|INDEX ix_account_",
                  lambda m: m[0].replace("account", "floor_account"), sql)
           for (sql,) in con.execute("SELECT sql FROM sqlite_master WHERE tbl_name='account' AND sql IS NOT NULL")]
    for sql in ddl:
        con.execute(sql)
    con.commit()
    now = datetime.now().isoformat(sep=" ")
    gc.collect()
    t0 = time.perf_counter()
    text = csv_path.read_bytes().decode("cp932")
    rows = csv.reader(io.StringIO(text, newline=""))
    next(rows)
    with con:
        con.executemany(
            "INSERT INTO floor_account (system_id, login, email, display_name, native_level, last_login_at, "
            "mfa_enabled, status, link_status, is_shared, is_service, version, created_at, updated_at) "
            "VALUES (1, ?, ?, ?, ?, ?, ?, ?, 'none', 0, 0, 1, ?, ?)",
            ((r[0], r[0], r[1], r[2], r[3], r[4] == "有効", "active", now, now) for r in rows))
    seconds = time.perf_counter() - t0
    con.close()
    return seconds


def median_pair(runs: int, a, b) -> tuple[float, float]:
    xs, ys = [], []
    for i in range(runs):
        if i % 2:
            ys.append(b())
            xs.append(a())
        else:
            xs.append(a())
            ys.append(b())
    return statistics.median(xs), statistics.median(ys)


def findings_bench(template: Path, folder: Path, csv_path: Path, runs: int) -> list[tuple[str, float]]:
    path = fresh(template, folder, "findings.sqlite3")
    db = Database(make_engine(path))
    admin = users.actor_for(db, "admin")
    inventory_import.import_accounts(db, admin, "ECforce", csv_path)
    extra = folder / "one.csv"
    extra.write_text("Email,Role\nsolo@example.co.jp,管理者\n", encoding="utf-8")
    inventory_import.import_accounts(db, admin, "KARTE", extra)
    t0 = time.perf_counter()
    summary = reviews.start_review(db, admin, "2026Q4", REVIEW_DAY)
    start = time.perf_counter() - t0
    with db.read() as s:
        snaps = take_snapshots(s, REVIEW_DAY)
        from ecmanual.persistence.models import Review

        review = s.get(Review, summary.id)
        ctx = rules_context(s, review)
    pure, service = [], []
    found = 0
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        found = len(compute_findings(snaps, today=REVIEW_DAY, **ctx))
        pure.append(time.perf_counter() - t0)
        gc.collect()
        t0 = time.perf_counter()
        reviews.refresh_findings(db, admin, "2026Q4")
        service.append(time.perf_counter() - t0)
    db.engine.dispose()
    n = len(snaps)
    return [(f"findings, rules only ({n:,} accounts, {found:,} findings), s", statistics.median(pure)),
            (f"findings, recompute from the stored snapshot ({n:,} accounts), s", statistics.median(service)),
            (f"start review: snapshot + findings ({summary.accounts:,} accounts, once), s", start)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ecm-inv-bench-") as tmp:
        folder = Path(tmp)
        csv_path = folder / "accounts_cp932.csv"
        write_csv(csv_path, args.rows)
        template = template_db(folder)
        ecmanual_import(template, folder, csv_path)  # warm imports and caches off the clock
        floor_import(template, folder, csv_path)
        summaries = []

        def ours() -> float:
            s = ecmanual_import(template, folder, csv_path)
            summaries.append(s)
            return s["seconds"]

        mine, floor = median_pair(args.runs, ours, lambda: floor_import(template, folder, csv_path))
        added = summaries[-1]["added"]
        print(f"inventory bench: {args.rows:,}-row CP932 CSV ({csv_path.stat().st_size / 2**20:.1f} MiB), "
              f"median of {args.runs} runs, Python {sys.version.split()[0]}")
        print("measure | ecmanual | floor | ratio")
        print(f"import {added:,} accounts (read, check, link, store, audit), s | {mine:.2f} | {floor:.2f} | "
              f"{mine / floor:.2f}x")
        for label, seconds in findings_bench(template, folder, csv_path, args.runs):
            print(f"{label} | {seconds:.2f} | - | -")


if __name__ == "__main__":
    main()
