"""`setting get` / `setting set`: organisation settings from the command line."""

from __future__ import annotations

import json

from sqlalchemy import select

from ecmanual.cli import run
from ecmanual.persistence.models import AuditEntry
from ecmanual.services import org_settings

from ..conftest import ADMIN_PASSWORD, USER_PASSWORD, password_chosen


def _cli(monkeypatch, capsys, db_path, *args, user="admin", password=ADMIN_PASSWORD):
    monkeypatch.setenv("ECMANUAL_USER", user)
    monkeypatch.setenv("ECMANUAL_PASSWORD", password)
    status = run(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_get_shows_defaults_then_set_values(db, db_path, monkeypatch, capsys):
    status, out, _ = _cli(monkeypatch, capsys, db_path, "setting", "get", "--json")
    defaults = {key: spec.default for key, spec in org_settings.SETTINGS.items()}
    assert status == 0 and json.loads(out) == defaults and defaults["idle_lock_minutes"] == 15
    status, out, _ = _cli(monkeypatch, capsys, db_path, "setting", "set", "idle_lock_minutes", "5")
    assert status == 0 and out.strip() == "idle_lock_minutes = 5"
    status, out, _ = _cli(monkeypatch, capsys, db_path, "setting", "set", "org_name", "株式会社サンプル", "--json")
    assert status == 0 and json.loads(out) == {"org_name": "株式会社サンプル"}
    status, out, _ = _cli(monkeypatch, capsys, db_path, "setting", "get", "idle_lock_minutes")
    assert status == 0 and out == "5\n"
    status, out, _ = _cli(monkeypatch, capsys, db_path, "setting", "get")
    lines = out.splitlines()
    assert "org_name\t株式会社サンプル" in lines and "idle_lock_minutes\t5" in lines
    assert len(lines) == len(org_settings.SETTINGS)
    assert org_settings.get(db, org_settings.IDLE_LOCK_MINUTES) == 5
    with db.read() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.entity_id == "idle_lock_minutes"))
    assert (entry.actor, entry.action, json.loads(entry.after)) == ("admin", "create", {"value": "5"})


def test_set_is_for_administrators_only(db, db_path, editor, monkeypatch, capsys):
    password_chosen(db, "editor")
    status, _, err = _cli(monkeypatch, capsys, db_path, "setting", "set", "idle_lock_minutes", "0",
                          user="editor", password=USER_PASSWORD)
    assert status == 3 and "permission denied" in err
    status, out, _ = _cli(monkeypatch, capsys, db_path, "setting", "get", "idle_lock_minutes",
                          user="editor", password=USER_PASSWORD)
    assert status == 0 and out == "15\n"  # reading is for everyone signed in
    assert org_settings.get(db, org_settings.IDLE_LOCK_MINUTES) == 15


def test_bad_values_and_keys_exit_2(db, db_path, monkeypatch, capsys):
    status, _, err = _cli(monkeypatch, capsys, db_path, "setting", "set", "idle_lock_minutes", "481")
    assert status == 2 and "above the maximum 480" in err
    status, _, err = _cli(monkeypatch, capsys, db_path, "setting", "get", "colour")
    assert status == 2 and "Unknown setting 'colour'" in err
    status, _, err = _cli(monkeypatch, capsys, db_path, "setting", "get", password="Wrong-pass-999")
    assert status == 3 and "sign-in failed" in err
    assert org_settings.get(db, org_settings.IDLE_LOCK_MINUTES) == 15
