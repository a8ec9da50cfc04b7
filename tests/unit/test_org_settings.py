"""Organisation settings: typed, bounded, admin only, audited."""

import json

import pytest

from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.persistence.models import AuditEntry
from ecmanual.services import org_settings
from sqlalchemy import select


def test_defaults_until_set(db):
    assert org_settings.get(db, org_settings.IDLE_LOCK_MINUTES) == 15
    assert org_settings.get(db, org_settings.ORG_NAME) == ""


def test_admin_sets_and_audit_records_before_after(db, admin):
    org_settings.set_value(db, admin, org_settings.IDLE_LOCK_MINUTES, "5")
    org_settings.set_value(db, admin, org_settings.IDLE_LOCK_MINUTES, 30)
    assert org_settings.get(db, org_settings.IDLE_LOCK_MINUTES) == 30
    with db.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).all()
    assert [(e.action, e.before and json.loads(e.before), json.loads(e.after)) for e in entries] == [
        ("create", None, {"value": "5"}), ("update", {"value": "5"}, {"value": "30"})]


@pytest.mark.parametrize("value", ["-1", "481", "abc"])
def test_out_of_bounds_refused(db, admin, value):
    with pytest.raises(InputError, match="idle_lock_minutes"):
        org_settings.set_value(db, admin, org_settings.IDLE_LOCK_MINUTES, value)
    assert org_settings.get(db, org_settings.IDLE_LOCK_MINUTES) == 15


def test_only_admin(db, editor):
    with pytest.raises(PermissionDenied):
        org_settings.set_value(db, editor, org_settings.ORG_NAME, "株式会社テスト")


def test_unknown_key(db, admin):
    with pytest.raises(InputError, match="Unknown setting"):
        org_settings.set_value(db, admin, "colour", "red")
