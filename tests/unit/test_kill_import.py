"""SIGKILL during a large import: the database stays intact and holds none or all of the rows.

The command line imports 20,000 accounts into a real SQLite file as a subprocess; it is killed
at random moments: inside its write transaction (found by watching the file's write lock: the
sign-in writes first, then the import holds the lock until it commits; a first run to the end
tells which write is the import's and how long it lasts) and once before it. After each kill
`verify` must pass (integrity, foreign keys, the audit chain) and the system must hold either
no accounts or all 20,000, with the import's audit entry exactly when the rows are there; a
kill while the transaction was open must leave none. Set ECMANUAL_KILL_SEED to repeat a run.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ecmanual.cli import run
from ecmanual.services import inventory
from tests.conftest import ADMIN_PASSWORD

ROWS = 20_000
KILLS = 4  # three inside the import's write transaction, one before it
LEVELS = ("管理者", "編集者", "閲覧者")


def write_accounts(path: Path, rows: int = ROWS) -> None:
    lines = ["表示名,メールアドレス,権限,最終ログイン,2段階認証"]
    for i in range(rows):
        lines.append(f"利用者 {i:05d},user{i:05d}@example.co.jp,{LEVELS[i % 3]},2026年9月{1 + i % 28}日,"
                     f"{'ON' if i % 4 else 'OFF'}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def start_import(db_file: Path, csv: Path) -> subprocess.Popen:
    env = {**os.environ, "ECMANUAL_USER": "admin", "ECMANUAL_PASSWORD": ADMIN_PASSWORD}
    return subprocess.Popen([sys.executable, "-m", "ecmanual", "--db", str(db_file), "accounts", "import",
                             "--system", "KARTE", str(csv), "--json"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parents[2])


def writer_active(db_file: Path) -> bool:
    """True while another connection holds the write lock (the import's transaction)."""
    conn = sqlite3.connect(db_file, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def state_of(db_file: Path) -> tuple[int, int]:
    """(accounts, import audit entries), read with plain sqlite3 after the kill."""
    conn = sqlite3.connect(db_file)
    try:
        accounts = conn.execute("SELECT count(*) FROM account").fetchone()[0]
        imports = conn.execute("SELECT count(*) FROM audit_entry WHERE action = 'import' "
                               "AND entity = 'account_import'").fetchone()[0]
        return accounts, imports
    finally:
        conn.close()


@pytest.fixture
def empty_with_system(db, admin, db_path):
    inventory.create_system(db, admin, "KARTE")
    db.engine.dispose()
    return db_path


def follow_locks(proc: subprocess.Popen, db_file: Path, until: int | None = None) -> tuple[list, bool]:
    """Watch the write lock of a running command: its episodes [(start, end, accounts after)].

    With `until`, return as soon as episode number `until` (from 0) begins: (episodes, True).
    The command first signs in (one short write), then imports (one long write transaction).
    """
    episodes, began = [], None
    while proc.poll() is None:
        active, now = writer_active(db_file), time.monotonic()
        if active and began is None:
            began = now
            if until is not None and len(episodes) == until:
                return episodes, True
        elif not active and began is not None:
            episodes.append((began, now, state_of(db_file)[0]))
            began = None
        time.sleep(0.01)
    return episodes, False


def test_kill_at_random_moments_leaves_none_or_all(empty_with_system, tmp_path, capsys):
    csv = tmp_path / "karte_20000.csv"
    write_accounts(csv)
    rng = random.Random(int(os.environ.get("ECMANUAL_KILL_SEED", "0")) or None)

    # A run to the end: which write is the import's transaction, and how long does it last?
    timed = tmp_path / "timed.sqlite3"
    shutil.copy(empty_with_system, timed)
    proc = start_import(timed, csv)
    episodes, _ = follow_locks(proc, timed)
    assert proc.wait(60) == 0, proc.stderr.read().decode()
    assert state_of(timed) == (ROWS, 1)
    import_no = next(i for i, (_b, _e, accounts) in enumerate(episodes) if accounts == ROWS)
    assert all(accounts == 0 for _b, _e, accounts in episodes[:import_no])  # nothing before it
    span = episodes[import_no][1] - episodes[import_no][0]

    # Kills inside the transaction (at random points of it) and one before it starts.
    plans = [("inside", rng.uniform(0.05, 0.85) * span) for _ in range(KILLS - 1)]
    plans.append(("before", rng.uniform(0.1, 1.0)))
    killed_inside = 0
    for i, (where, delay) in enumerate(plans):
        target = tmp_path / f"kill-{i}.sqlite3"
        shutil.copy(empty_with_system, target)
        proc = start_import(target, csv)
        if where == "inside":
            assert follow_locks(proc, target, until=import_no)[1], "the import ended before its transaction began"
        time.sleep(delay)
        inside = writer_active(target)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        accounts, imports = state_of(target)
        # killed while its transaction was open: nothing of it may be there
        killed_inside += inside and proc.returncode == -signal.SIGKILL and accounts == 0
        assert (accounts, imports) in ((0, 0), (ROWS, 1)), f"kill {i} ({where}, +{delay:.2f}s) left {accounts} rows"
        assert run(["--db", str(target), "verify", "--json"]) == 0, capsys.readouterr().out
        assert '"ok": true' in capsys.readouterr().out
    assert killed_inside >= KILLS - 2, f"only {killed_inside} kills landed inside the transaction and left nothing"

    # The interrupted import simply runs again, to the end.
    proc = start_import(target, csv)
    assert proc.wait(60) == 0, proc.stderr.read().decode()
    assert state_of(target) == (ROWS, 1)
    assert run(["--db", str(target), "verify"]) == 0
