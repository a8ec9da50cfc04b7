"""Atomic writes: a cancelled or failed export leaves neither the file nor a temp file behind."""

from __future__ import annotations

import hashlib
import os

import openpyxl
import pytest
from openpyxl.worksheet import _writer as openpyxl_writer

from ecmanual.domain.errors import InputError
from ecmanual.exports import export
from ecmanual.exports.writer import write_pending
from ecmanual.services.context import CancelFlag, Cancelled

from .test_export_samples import sample_doc, sample_rows


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def outdir(tmp_path):
    """An empty folder of its own (the shared fixture keeps a home folder in tmp_path)."""
    out = tmp_path / "out"
    out.mkdir()
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_cancel_from_progress_callback_leaves_nothing(outdir, fmt):
    cancel = CancelFlag()
    seen = []

    def progress(done, total, message):
        seen.append((done, total))
        if done >= 600:
            cancel.cancel()

    target = outdir / f"cancelled.{fmt}"
    with pytest.raises(Cancelled):
        export(sample_doc(3000), fmt, target, progress, cancel)
    assert leftovers(outdir) == []
    assert seen and seen[0][1] == 3000 and 600 <= seen[-1][0] < 3000  # stopped part-way
    if fmt == "xlsx":  # openpyxl's per-sheet temp files are gone too
        assert not [p for p in openpyxl_writer.ALL_TEMP_FILES if os.path.exists(p)]


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_failing_row_source_leaves_nothing_and_keeps_old_file(outdir, fmt):
    target = outdir / f"record.{fmt}"
    target.write_bytes(b"previous export")

    def broken():
        yield from sample_rows(700)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="went away"):
        export(sample_doc(1000, rows=broken()), fmt, target)
    assert leftovers(outdir) == [target.name]
    assert target.read_bytes() == b"previous export"


def test_result_hash_matches_the_file_and_replaces_atomically(outdir):
    target = outdir / "r.xlsx"
    target.write_bytes(b"old")
    result = export(sample_doc(50), "xlsx", target)
    assert result.path == target and leftovers(outdir) == ["r.xlsx"]
    data = target.read_bytes()
    assert result.sha256 == hashlib.sha256(data).hexdigest() and result.size == len(data)
    assert openpyxl.load_workbook(target)["作業記録一覧"].max_row == 51


def test_pending_file_discard_and_bad_targets(outdir):
    pending = write_pending(sample_doc(5), "pdf", outdir / "p.pdf")
    assert pending.tmp.exists() and pending.tmp.name.startswith(".p.pdf.") and not pending.target.exists()
    pending.discard()
    assert leftovers(outdir) == []
    with pytest.raises(InputError, match="does not exist"):
        export(sample_doc(5), "pdf", outdir / "missing" / "x.pdf")
    with pytest.raises(InputError, match="format"):
        export(sample_doc(5), "csv", outdir / "x.csv")
    with pytest.raises(InputError, match="folder"):
        export(sample_doc(5), "pdf", outdir)


def test_cancel_before_start(outdir):
    cancel = CancelFlag()
    cancel.cancel()
    with pytest.raises(Cancelled):
        export(sample_doc(10), "pdf", outdir / "x.pdf", cancel=cancel)
    assert leftovers(outdir) == []
