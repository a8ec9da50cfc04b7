"""`demo`: the example team loads through the services into a new database, and only there."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ecmanual.cli import run
from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.persistence.models import AuditEntry, Staff
from ecmanual.services import (
    checklists, dashboard, demo, inventory_accounts, manual, org_settings, organisation, review_records, reviews,
    setup, training_certs, training_onboarding, training_sessions, training_status, users,
)

from ..conftest import ADMIN_PASSWORD

TODAY = date(2026, 11, 23)


def test_loads_a_team_with_something_in_every_area(seeded_db, admin):
    db = seeded_db
    demo.load_demo(db, admin, TODAY)
    report = setup.verify(db)
    assert report.ok, [c for c in report.checks if not c.ok]

    people = organisation.list_staff(db)
    assert len(people) == 14 and sum(p.status == "left" for p in people) == 1
    leaver = next(p for p in people if p.status == "left")
    assert leaver.name == "木村 亮" and leaver.leave_date == date(2026, 10, 27)  # last month
    assert all(p.kana and p.email.endswith("@demo.example.co.jp") for p in people)
    assert {p.department for p in people} == {"マーケティング部", "情報システム部", "法務部", "商品企画部", "広報"}
    assert org_settings.get(db, org_settings.ORG_NAME) == "デモ商事株式会社"
    assert {u.username: u.role for u in users.list_users(db, admin)} == {
        "admin": "admin", "nakamura": "editor", "yamamoto": "approver"}

    accounts = Counter(a.system for a in inventory_accounts.list_accounts(db, admin))
    assert accounts == {"KARTE": 10, "ECforce": 6, "LINE公式アカウント": 4, "Google広告": 4}
    ecforce = {a.login: a for a in inventory_accounts.list_accounts(db, admin, "ECforce")}
    assert ecforce["ec-admin@demo.example.co.jp"].display_name == "EC共用管理"  # the CP932 file read right
    assert ecforce["ec-admin@demo.example.co.jp"].is_shared

    summary = reviews.get_review(db, admin, "2026Q4")
    assert (summary.status, summary.accounts, summary.decided) == ("open", 24, 12)
    kinds = {f["kind"] for f in review_records.list_findings(db, admin, "2026Q4")}
    assert {"leaver", "shared", "dormant", "mfa_off", "unlinked", "admin_outside_allowed"} <= kinds

    statuses = Counter(c.status for row in training_status.compliance_matrix(db, admin, TODAY).rows for c in row.cells)
    assert statuses["valid"] >= 30 and statuses["due_soon"] >= 3 and statuses["overdue"] + statuses["expired"] >= 3
    assert len(training_certs.holders(db, admin, "KARTE運用認定")) == 2
    assert len(training_sessions.upcoming_sessions(db, admin, TODAY)) == 1

    plan = training_onboarding.plans_of(db, admin, "林 優花")[0]
    assert plan.status == "open" and 0 < plan.done_count < len(plan.items)
    runs = Counter(r.status for r in checklists.list_runs(db, admin))
    assert runs == {"approved": 3, "submitted": 1, "draft": 1}
    assert len(manual.reading_status(db, admin, "security-policy").acknowledged) >= 3

    with db.read() as s:  # made by the services, so audited under the acting users
        actors = Counter(s.scalars(select(AuditEntry.actor)))
    assert actors["admin"] > 100 and actors["nakamura"] > 10 and actors["yamamoto"] >= 3

    # The dashboard has items of several kinds.
    overview = dashboard.overview(db, admin, TODAY)
    groups = Counter(i.group for i in overview.items)
    assert {"training_overdue", "training_due_soon", "certifications", "approvals", "findings", "remediation",
            "reviews"} <= set(groups)
    assert groups["approvals"] == 1  # the administrator may approve the submitted run
    assert overview.review_period == "2026Q4" and overview.findings and overview.departments
    assert dashboard.attention(db, admin, TODAY) == overview.items

    # A second run is refused before it writes anything.
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(InputError, match="only into a new database"):
        demo.load_demo(db, admin, TODAY)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before


@pytest.mark.parametrize("today", [date(2026, 1, 5), date(2027, 10, 1)])
def test_any_day_gives_the_same_picture(seeded_db, admin, today):
    result = demo.load_demo(seeded_db, admin, today)
    assert result["review"]["period"] == f"{today.year}Q{(today.month - 1) // 3 + 1}"
    assert date.fromisoformat(result["left"]["leave_date"]) < today.replace(day=1)
    groups = {i.group for i in dashboard.attention(seeded_db, admin, today)}
    assert {"training_overdue", "training_due_soon", "certifications", "approvals", "findings"} <= groups


def test_refused_on_a_real_team(seeded_db, admin):
    organisation.create_staff(seeded_db, admin, "本物 一郎", email="ichiro@example.co.jp")
    with pytest.raises(InputError, match="already has staff"):
        demo.load_demo(seeded_db, admin, TODAY)
    with seeded_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Staff)) == 1


def test_needs_the_default_content(db, admin):
    with pytest.raises(InputError, match="init --defaults"):
        demo.load_demo(db, admin, TODAY)


def test_administrators_only(seeded_db, editor):
    with pytest.raises(PermissionDenied, match="load the demo data"):
        demo.load_demo(seeded_db, editor, TODAY)


def test_command_line(seeded_db, db_path, monkeypatch, capsys):
    monkeypatch.setenv("ECMANUAL_USER", "admin")
    monkeypatch.setenv("ECMANUAL_PASSWORD", ADMIN_PASSWORD)
    assert run(["--db", str(db_path), "demo", "--today", "2026-11-23", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["staff"] == 14 and result["review"]["period"] == "2026Q4"
    assert result["checklist_runs"] == {"approved": 3, "submitted": 1, "draft": 1}
    assert run(["--db", str(db_path), "demo"]) == 2
    assert "only into a new database" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        run(["--db", str(db_path), "demo", "--today", "23/11/2026"])
    assert exit_.value.code == 2 and "not a date" in capsys.readouterr().err
    assert run(["--db", str(db_path), "verify"]) == 0


def _png_header(path: Path) -> tuple[int, int, int, int]:
    """(width, height, bit depth, colour type) from the IHDR chunk; colour type 3 is a palette."""
    data = path.read_bytes()[:29]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, depth, colour


@pytest.mark.gui
def test_screenshots_of_the_demo_with_a_palette(seeded_db, admin, db_path, tmp_path):
    """The README's screenshots: the demo team rendered offscreen, saved as 8-bit palette PNGs."""
    demo.load_demo(seeded_db, admin, TODAY)
    out = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ECMANUAL_HOME=str(tmp_path / "home"))
    command = [sys.executable, "-m", "ecmanual", "--db", str(db_path), "screenshots", "--out", str(out), "--lang", "ja"]
    result = subprocess.run([*command, "--colors", "256"], capture_output=True, text=True, env=env, timeout=180,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr
    shots = sorted(out.glob("*.png"))
    assert len(shots) == 12 and [Path(p).name for p in result.stdout.split()] == [p.name for p in shots]
    for path in shots:
        _width, _height, depth, colour = _png_header(path)
        assert (depth, colour) == (8, 3), path.name
        assert path.stat().st_size > 2000
    assert _png_header(out / "01_dashboard.png")[:2] == (1280, 800)
    assert (out / "01_dashboard.png").stat().st_size < 200_000  # full colour it is about 270 KB
    refused = subprocess.run([*command, "--colors", "1"], capture_output=True, text=True, env=env, timeout=60)
    assert refused.returncode == 2 and "2 to 256" in refused.stderr
