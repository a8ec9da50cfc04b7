"""Reading the audit trail: filters, paging, permission; and the `audit` command over it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from ecmanual.cli import run
from ecmanual.domain.errors import InputError
from ecmanual.persistence.models import AuditEntry
from ecmanual.services import audit

from ..conftest import ADMIN_PASSWORD, USER_PASSWORD, password_chosen


@pytest.fixture
def trail(db, admin, editor):
    """The fixture entries plus 30 staff changes by the editor and 5 setting changes by the admin.
    Staff entries 0-9 are moved to 2026-01-10 (noon UTC), 10-19 to 2026-02-10."""
    with db.write(admin) as s:
        for i in range(30):
            audit.record(s, editor.username, "update", "staff", i % 3, before={"n": i}, after={"n": i + 1},
                         summary=f"staff change {i}")
        for i in range(5):
            audit.record(s, admin.username, "update", "setting", "org_name", summary=f"setting change {i}")
    with db.write(admin) as s:
        for day, pattern in ((datetime(2026, 1, 10, 12, tzinfo=UTC), "staff change _"),
                             (datetime(2026, 2, 10, 12, tzinfo=UTC), "staff change 1_")):
            s.execute(update(AuditEntry).where(AuditEntry.summary.like(pattern)).values(at=day))
    return db


def test_filters_combine(trail, admin):
    rows = audit.query(trail, admin, user="editor", entity="staff")
    assert len(rows) == 30 and [r.seq for r in rows] == sorted((r.seq for r in rows), reverse=True)
    assert {r.actor for r in audit.query(trail, admin, entity="setting")} == {"admin"}
    one = audit.query(trail, admin, entity="staff", entity_id=2)
    assert len(one) == 10 and {r.entity_id for r in one} == {"2"}
    assert audit.count(trail, admin, user="editor", action="update", entity="staff", entity_id="2") == 10
    assert audit.query(trail, admin, user="nobody") == []
    logins = audit.query(trail, admin, action="create", entity="app_user")
    assert [r.after and json.loads(r.after)["username"] for r in logins] == ["editor", "admin"]


def test_date_filters_are_local_days_inclusive(trail, admin):
    january = audit.query(trail, admin, start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert sorted(r.summary for r in january) == sorted(f"staff change {i}" for i in range(10))
    assert audit.count(trail, admin, start=date(2026, 2, 10), end=date(2026, 2, 10)) == 10
    assert audit.count(trail, admin, end=date(2026, 2, 28)) == 20
    assert audit.count(trail, admin, start=date(2026, 3, 1)) == audit.count(trail, admin) - 20
    exact = audit.query(trail, admin, start=datetime(2026, 1, 10, 11, tzinfo=UTC),
                        end=datetime(2026, 1, 10, 12, tzinfo=UTC))
    assert exact == []  # an exact end is exclusive
    with pytest.raises(InputError, match="start of the period"):
        audit.query(trail, admin, start=date(2026, 2, 1), end=date(2026, 1, 1))


def test_paging_by_seq_walks_everything_once(trail, admin):
    total = audit.count(trail, admin, entity="staff")
    seen, before = [], None
    while True:
        page = audit.query(trail, admin, entity="staff", before_seq=before, limit=7)
        if not page:
            break
        seen += [r.seq for r in page]
        before = page[-1].seq
    assert len(seen) == total == 30 and len(set(seen)) == 30 and seen == sorted(seen, reverse=True)
    with pytest.raises(InputError, match="limit"):
        audit.query(trail, admin, limit=0)


def test_a_viewer_may_read_the_trail(trail, viewer):
    assert audit.count(trail, viewer) > 35
    choices = audit.filter_choices(trail, viewer)
    assert choices.users == ["admin", "editor", "system"]  # the viewer was created but never acted
    assert {"create", "update", "migrate"} <= set(choices.actions) and "staff" in choices.entities


def test_row_as_dict_decodes_before_after(trail, admin):
    row = audit.query(trail, admin, entity="staff", limit=1)[0]
    data = row.as_dict()
    assert data["before"] == {"n": 29} and data["after"] == {"n": 30} and data["at"].endswith("+00:00")


# --- the command -------------------------------------------------------------------------------

def _cli(monkeypatch, capsys, db_path, *args, user="admin", password=ADMIN_PASSWORD):
    monkeypatch.setenv("ECMANUAL_USER", user)
    monkeypatch.setenv("ECMANUAL_PASSWORD", password)
    status = run(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_audit_command_filters_and_json(trail, db_path, monkeypatch, capsys):
    status, out, err = _cli(monkeypatch, capsys, db_path, "audit", "--who", "editor", "--entity", "staff",
                            "--id", "1", "--from", "2026-01-01", "--to", "2026-01-31", "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["total"] == len(data["entries"]) == 3  # staff 1 in January: changes 1, 4, 7
    assert [e["summary"] for e in data["entries"]] == ["staff change 7", "staff change 4", "staff change 1"]
    assert data["entries"][0]["before"] == {"n": 7}


def test_audit_command_text_pages(trail, db_path, monkeypatch, capsys):
    status, out, _ = _cli(monkeypatch, capsys, db_path, "audit", "--entity", "staff", "--limit", "4")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 5
    assert lines[0].split("\t")[2:5] == ["editor", "update", "staff#2"]
    last_seq = int(lines[3].split("\t")[0])
    assert lines[-1] == f"4 of 30 matching entries; older ones with --before {last_seq}"
    status, out, _ = _cli(monkeypatch, capsys, db_path, "audit", "--entity", "staff", "--limit", "4",
                          "--before", str(last_seq))
    assert int(out.splitlines()[0].split("\t")[0]) < last_seq


def test_audit_command_sees_its_own_sign_in_and_refuses_bad_input(trail, db_path, monkeypatch, capsys):
    password_chosen(trail, "editor")
    status, out, _ = _cli(monkeypatch, capsys, db_path, "audit", "--action", "login", "--json",
                          user="editor", password=USER_PASSWORD)
    assert status == 0 and json.loads(out)["entries"][0]["actor"] == "editor"
    status, _, err = _cli(monkeypatch, capsys, db_path, "audit", "--from", "2026-02-01", "--to", "2026-01-01")
    assert status == 2 and "start of the period" in err
    status, _, err = _cli(monkeypatch, capsys, db_path, "audit", "--limit", "0")
    assert status == 2 and "limit" in err
    status, _, err = _cli(monkeypatch, capsys, db_path, "audit", password="Wrong-pass-999")
    assert status == 3 and "sign-in failed" in err


def test_since_yesterday_includes_today(trail, admin):
    today = datetime.now().date()
    assert audit.count(trail, admin, start=today - timedelta(days=1), end=today) >= 5
