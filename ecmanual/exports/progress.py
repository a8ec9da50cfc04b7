"""Progress and cancellation as the writers see them (the services' callback and cancel flag)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

ProgressFn = Callable[[int, int, str], None]


class CancelLike(Protocol):
    def check(self) -> None: ...


class Tracker:
    """Counts rows written against the rows announced, reports them, and polls the cancel flag.

    `cancel.check()` raises the services' `Cancelled`; the writer then removes its temp file.
    """

    def __init__(self, progress: ProgressFn | None = None, cancel: CancelLike | None = None, total: int = 0):
        self.progress = progress
        self.cancel = cancel
        self.total = total
        self.done = 0

    def check(self) -> None:
        if self.cancel is not None:
            self.cancel.check()

    def advance(self, rows: int, message: str = "") -> None:
        self.done += rows
        if self.total and self.done > self.total:
            self.total = self.done  # a generator gave more rows than announced
        if self.progress is not None:
            self.progress(self.done, self.total, message)
        self.check()

    def message(self, message: str) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total, message)
        self.check()
