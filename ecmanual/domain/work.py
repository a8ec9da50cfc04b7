"""Progress and cancellation of long work: what services accept and the GUI's task helper passes.

Free of the database layer, so the sign-in window can use the task helper before it is loaded.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[int, int, str], None]


def no_progress(done: int, total: int, message: str = "") -> None:
    return None


class CancelFlag:
    """Set from any thread; long services poll it and raise `Cancelled`."""

    def __init__(self) -> None:
        self._set = False

    def cancel(self) -> None:
        self._set = True

    @property
    def cancelled(self) -> bool:
        return self._set

    def check(self) -> None:
        if self._set:
            raise Cancelled()


class Cancelled(Exception):
    """The user cancelled a long operation; nothing it started is kept."""
