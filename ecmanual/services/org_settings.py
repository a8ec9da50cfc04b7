"""Organisation-wide settings kept in the database, so every PC of a shared server agrees.

Each setting is declared once in SETTINGS with its type, default and bounds; `get` returns the
typed value (the default when unset), `set_value` checks it, needs the admin permission and
leaves an audit entry with before and after.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..domain.errors import InputError
from ..domain.permissions import Permission
from ..persistence.models import Setting
from . import audit
from .context import Actor, Database


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: type  # str or int
    default: str | int
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 200

    def parse(self, value: object) -> str | int:
        if self.kind is int:
            try:
                number = int(str(value).strip())
            except ValueError:
                raise InputError(f"Setting {self.key}: {value!r} is not a whole number.") from None
            if self.minimum is not None and number < self.minimum:
                raise InputError(f"Setting {self.key}: {number} is below the minimum {self.minimum}.")
            if self.maximum is not None and number > self.maximum:
                raise InputError(f"Setting {self.key}: {number} is above the maximum {self.maximum}.")
            return number
        text = str(value).strip()
        if len(text) > self.max_length:
            raise InputError(f"Setting {self.key}: longer than {self.max_length} characters.")
        return text


ORG_NAME = "org_name"                    # shown on every export's cover and footer
IDLE_LOCK_MINUTES = "idle_lock_minutes"  # セッションタイムアウト: 0 = never lock
EXTERNAL_EXPORTS = "external_exports"    # export kinds that always leave the team, e.g. "review training-records"

SETTINGS: dict[str, SettingSpec] = {spec.key: spec for spec in (
    SettingSpec(ORG_NAME, str, ""),
    SettingSpec(IDLE_LOCK_MINUTES, int, 15, minimum=0, maximum=480),
    SettingSpec(EXTERNAL_EXPORTS, str, "", max_length=500),
)}


def _spec(key: str) -> SettingSpec:
    try:
        return SETTINGS[key]
    except KeyError:
        raise InputError(f"Unknown setting {key!r}; known settings: {', '.join(sorted(SETTINGS))}.") from None


def get(db: Database, key: str) -> str | int:
    """The typed value of one setting (its default when unset or unreadable)."""
    spec = _spec(key)
    with db.read() as s:
        raw = s.scalar(select(Setting.value).where(Setting.key == key))
    if raw is None or raw == "":
        return spec.default
    try:
        return spec.parse(raw)
    except InputError:
        return spec.default


def all_values(db: Database) -> dict[str, str | int]:
    return {key: get(db, key) for key in SETTINGS}


def set_value(db: Database, actor: Actor, key: str, value: object) -> str | int:
    """Change one setting (administrators only); returns the stored typed value."""
    actor.require(Permission.ADMINISTER, f"change the setting {key}")
    spec = _spec(key)
    parsed = spec.parse(value)
    with db.write(actor, Permission.ADMINISTER, f"change the setting {key}") as s:
        row = s.get(Setting, key)
        before = None if row is None else row.value
        if row is None:
            row = Setting(key=key, value=str(parsed))
            s.add(row)
        else:
            row.value = str(parsed)
        if before != str(parsed):
            audit.record(s, actor.username, "update" if before is not None else "create", "setting", key,
                         before={"value": before} if before is not None else None, after={"value": str(parsed)},
                         summary=f"setting {key}")
    return parsed
