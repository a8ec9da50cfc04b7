"""User folders (data, logs, backups) and the typed per-PC settings file (INI)."""

from __future__ import annotations

import configparser
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

APP = "ecmanual"


def data_dir() -> Path:
    """User data folder; `$ECMANUAL_HOME` overrides it (tests, portable installs)."""
    override = os.environ.get("ECMANUAL_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db() -> str:
    return os.environ.get("ECMANUAL_DB") or str(data_dir() / "ecmanual.sqlite3")


def backup_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"


@dataclass
class LocalSettings:
    """Per-PC settings (the shared ones live in the database's `setting` table)."""

    language: str = "ja"
    database: str = ""          # empty: the default SQLite file
    last_user: str = ""
    theme: str = "system"       # system | light | dark

    @classmethod
    def path(cls) -> Path:
        return data_dir() / "settings.ini"

    @classmethod
    def load(cls) -> LocalSettings:
        parser = configparser.ConfigParser()
        parser.read(cls.path(), encoding="utf-8")
        section = parser["ecmanual"] if parser.has_section("ecmanual") else {}
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in section.items() if k in known})

    def save(self) -> None:
        parser = configparser.ConfigParser()
        parser["ecmanual"] = {k: str(v) for k, v in asdict(self).items()}
        tmp = self.path().with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            parser.write(fh)
        tmp.replace(self.path())
