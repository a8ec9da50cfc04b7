"""Guards against Qt binding releases known to break a long-running app."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

pytestmark = pytest.mark.gui


class _Emitter(QObject):
    value = Signal(object)
    flag = Signal(bool)


def test_emitting_signals_does_not_leak_references_to_true():
    """PySide6 6.12.0 released one reference to True per emit until Python aborted
    ("Fatal Python error: bool_dealloc"); a long session emits millions of signals."""
    emitter = _Emitter()
    received = []
    emitter.value.connect(received.append)
    emitter.flag.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.value.emit(1)
        emitter.flag.emit(True)
    assert len(received) == 400
    assert sys.getrefcount(True) - before >= -5  # other threads may move it a little, never by hundreds
