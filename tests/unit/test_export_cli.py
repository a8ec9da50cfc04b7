"""`export` and `check-export` through the real command line (subprocess) and exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pypdf
import pytest

from ecmanual import cli
from ecmanual.services import exports

from ..conftest import ADMIN_PASSWORD, USER_PASSWORD, password_chosen


def run(db_path, *args, user="admin", password=ADMIN_PASSWORD):
    env = dict(os.environ, ECMANUAL_USER=user, ECMANUAL_PASSWORD=password)
    return subprocess.run([sys.executable, "-m", "ecmanual", "--db", str(db_path), *args],
                          capture_output=True, text=True, env=env, timeout=180)


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_export_audit_log_and_check_it(db, db_path, out):
    pdf, xlsx = out / "監査ログ.pdf", out / "audit.xlsx"
    r = run(db_path, "export", "audit-log", "--format", "pdf", "--out", str(pdf), "--from", "2020-01-01",
            "--to", "2099-12-31")
    assert r.returncode == 0, r.stderr
    assert "ECM-" in r.stdout and pdf.exists()
    r = run(db_path, "export", "audit-log", "--out", str(xlsx), "--json")  # format from the file name
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["format"] == "xlsx" and info["rows"] >= 3 and len(info["sha256"]) == 64

    r = run(db_path, "check-export", str(pdf))
    assert r.returncode == 0 and "unchanged" in r.stdout
    r = run(db_path, "check-export", str(xlsx), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["document_id"] == info["document_id"]

    tampered = out / "tampered.pdf"
    tampered.write_bytes(pdf.read_bytes().replace(b"/Creator (ecmanual)", b"/Creator (ecmanuaX)"))
    r = run(db_path, "check-export", str(tampered))
    assert r.returncode == 2 and "changed after export" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["audit.xlsx", "tampered.pdf", "監査ログ.pdf"]


def test_export_binder_for_a_period(db, db_path, out):
    binder = out / "binder.pdf"
    r = run(db_path, "export", "binder", "--period", "2026Q4", "--out", str(binder))
    assert r.returncode == 0, r.stderr
    reader = pypdf.PdfReader(binder)
    cover = reader.pages[0].extract_text()
    assert "内部統制記録バインダー 2026Q4" in cover and f"1 / {len(reader.pages)}" in cover
    assert any("監査ログ要約" in p.extract_text() for p in reader.pages[1:])
    r = run(db_path, "check-export", str(binder))
    assert r.returncode == 0, r.stderr


def test_bad_input_exits_2_and_writes_nothing(db, db_path, out):
    r = run(db_path, "export", "no-such-kind", "--out", str(out / "x.pdf"))
    assert r.returncode == 2 and "known exports" in r.stderr and "audit-log" in r.stderr
    r = run(db_path, "export", "binder", "--out", str(out / "b.pdf"))
    assert r.returncode == 2 and "period" in r.stderr
    r = run(db_path, "export", "audit-log", "--out", str(out / "x.txt"))
    assert r.returncode == 2 and "--format" in r.stderr
    r = run(db_path, "export", "audit-log", "--out", str(out / "x.pdf"), "--from", "2026-13-01")
    assert r.returncode == 2
    r = run(db_path, "check-export", str(out / "missing.pdf"))
    assert r.returncode == 2
    assert list(out.iterdir()) == []


def test_viewer_is_refused_with_exit_3(db, db_path, viewer, out):
    password_chosen(db, "viewer")
    r = run(db_path, "export", "audit-log", "--out", str(out / "a.pdf"), user="viewer", password=USER_PASSWORD)
    assert r.returncode == 3 and "permission denied" in r.stderr
    assert list(out.iterdir()) == []


def test_kind_not_built_yet_exits_2(db_path, db, out, monkeypatch, capsys):
    exports.load_providers()
    monkeypatch.delitem(exports.EXPORT_KINDS, "manual", raising=False)
    status = cli.run(["--db", str(db_path), "export", "manual", "--out", str(out / "m.pdf")])
    assert status == 2 and "not available yet" in capsys.readouterr().err
