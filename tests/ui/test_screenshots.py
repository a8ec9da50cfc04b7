"""`screenshots`: one non-empty PNG per area plus the login, without changing the database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from sqlalchemy import func, select

from ecmanual.cli import run
from ecmanual.persistence.models import AuditEntry
from ecmanual.ui.areas import AREAS

pytestmark = pytest.mark.gui

EXPECTED = ["00_login.png"] + [f"{i:02d}_{a.key}.png" for i, a in enumerate(AREAS, start=1)]


def _audit_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def test_screenshots_in_process(db, db_path, tmp_path, capsys):
    before = _audit_count(db)
    out = tmp_path / "shots"
    assert run(["--db", str(db_path), "screenshots", "--out", str(out), "--lang", "en"]) == 0
    assert sorted(p.name for p in out.iterdir()) == EXPECTED
    printed = capsys.readouterr().out.split()
    assert [Path(p).name for p in printed] == EXPECTED
    for name in EXPECTED:
        image = QImage(str(out / name))
        assert not image.isNull() and (out / name).stat().st_size > 2000
        if name != "00_login.png":
            assert (image.width(), image.height()) == (1280, 800)
    assert _audit_count(db) == before  # read-only: not even a sign-in is recorded
    # Different areas give different pictures (the page really changed between grabs).
    assert len({(out / n).read_bytes() for n in EXPECTED}) == len(EXPECTED)


def test_screenshots_command_in_a_fresh_process(db, db_path, tmp_path):
    out = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ECMANUAL_HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, "-m", "ecmanual", "--db", str(db_path), "screenshots", "--out", str(out)],
                            capture_output=True, text=True, env=env, timeout=120,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == EXPECTED
    assert all((out / n).stat().st_size > 2000 for n in EXPECTED)


def test_screenshots_need_an_existing_database(tmp_path, capsys):
    missing = tmp_path / "missing.sqlite3"
    assert run(["--db", str(missing), "screenshots", "--out", str(tmp_path / "shots")]) == 2
    assert "run `init` first" in capsys.readouterr().err
    assert not missing.exists()
