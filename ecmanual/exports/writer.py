"""The one entry point that writes a Document to a file: temp name, fsync, atomic rename.

A cancelled or failed export leaves nothing behind: the writers work on a hidden temp file in
the destination folder, which is renamed over the target only when it is complete.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import InputError
from .model import Document
from .progress import CancelLike, ProgressFn, Tracker

logger = logging.getLogger(__name__)

FORMATS = ("xlsx", "pdf")


@dataclass(frozen=True)
class ExportResult:
    """A finished export: where it is and the hash that identifies it."""

    path: Path
    sha256: str
    size: int
    doc_id: str
    fmt: str
    rows: int = 0
    pages: int | None = None

    def as_dict(self) -> dict:
        return {"path": str(self.path), "sha256": self.sha256, "size": self.size, "document_id": self.doc_id,
                "format": self.fmt, "rows": self.rows, "pages": self.pages}


def file_sha256(path: str | os.PathLike) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class PendingFile:
    """A complete export under its temp name; `commit` puts it in place, `discard` removes it."""

    tmp: Path
    target: Path
    sha256: str
    size: int
    doc_id: str
    fmt: str
    stats: dict = field(default_factory=dict)
    committed: bool = False

    def commit(self) -> ExportResult:
        os.replace(self.tmp, self.target)
        self.committed = True
        _fsync_dir(self.target.parent)
        return ExportResult(self.target, self.sha256, self.size, self.doc_id, self.fmt,
                            self.stats.get("rows", 0), self.stats.get("pages"))

    def discard(self) -> None:
        """Remove the file, whether still under its temp name or already renamed."""
        path = self.target if self.committed else self.tmp
        try:
            path.unlink(missing_ok=True)
        except OSError:
            logger.exception("could not remove %s", path)


def check_target(fmt: str, out_path: str | os.PathLike) -> Path:
    if fmt not in FORMATS:
        raise InputError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    target = Path(out_path).expanduser().absolute()
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name.", file=str(target))
    if not target.parent.is_dir():
        raise InputError(f"The folder {target.parent} does not exist.", file=str(target))
    return target


def write_pending(document: Document, fmt: str, out_path: str | os.PathLike,
                  progress: ProgressFn | None = None, cancel: CancelLike | None = None) -> PendingFile:
    """Write the whole file under a temp name next to the target; nothing remains on error."""
    target = check_target(fmt, out_path)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    tracker = Tracker(progress, cancel, document.expected_rows())
    try:
        tracker.check()
        if fmt == "xlsx":
            from .xlsx import write_xlsx
            stats = write_xlsx(document, tmp, tracker)
        else:
            from .pdf import write_pdf
            stats = write_pdf(document, tmp, tracker)
        tracker.check()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        sha, size = file_sha256(tmp)
        tracker.message("done")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        _close_rows(document)
    return PendingFile(tmp, target, sha, size, document.doc_id, fmt, stats)


def _close_rows(document: Document) -> None:
    """Close generator rows left unread (cancel, error) so their database sessions end now."""
    for table in document.tables():
        close = getattr(table.rows, "close", None)
        if callable(close):
            close()


def export(document: Document, fmt: str, out_path: str | os.PathLike,
           progress: ProgressFn | None = None, cancel: CancelLike | None = None) -> ExportResult:
    """Write `document` as `fmt` to `out_path` atomically; see the module doc."""
    return write_pending(document, fmt, out_path, progress, cancel).commit()
