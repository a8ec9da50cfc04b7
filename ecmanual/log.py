"""A rotating log file in the user log folder, plus stderr for warnings."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from .config import log_dir

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file() -> Path:
    return log_dir() / "ecmanual.log"


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_ecmanual", False) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(log_file(), maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._ecmanual = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
