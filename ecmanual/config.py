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


def configured_database(cli_db: str | None = None) -> str:
    """The database to open: --db, then $ECMANUAL_DB, then this PC's choice, then the SQLite file."""
    return cli_db or os.environ.get("ECMANUAL_DB") or LocalSettings.load().database or default_db()


def needs_first_run(cli_db: str | None = None) -> bool:
    """Nothing chosen yet and no database file in the data folder: the first-run wizard is due."""
    if cli_db or os.environ.get("ECMANUAL_DB") or LocalSettings.load().database:
        return False
    return not Path(default_db()).exists()


def database_location(target: str) -> str:
    """What to show as the database: the file path, or the URL with its password masked.
    Plain string work (no database layer), so the sign-in window can show it at once."""
    text = str(target)
    if "://" not in text:
        return str(Path(text).expanduser().resolve())
    scheme, rest = text.split("://", 1)
    netloc, sep, tail = rest.partition("/")
    if scheme.split("+", 1)[0] == "sqlite":
        return tail.split("?", 1)[0]
    if "@" in netloc:
        credentials, host = netloc.rsplit("@", 1)
        if ":" in credentials:
            netloc = f"{credentials.split(':', 1)[0]}:***@{host}"
    return f"{scheme}://{netloc}{sep}{tail}"


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
