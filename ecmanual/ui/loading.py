"""A view's data loads off the GUI thread (the `run_task` boilerplate of every list view).

    self.loader = Loader(self, self.table)          # the table shows "Loading…" meanwhile
    self.loader.start("rows", lambda: service.list_x(db, actor), self._apply_rows)
    self.loader.when_loaded(lambda: select_record(self.table, some_id))

`fetch()` runs on the pool and must only take plain data (ids, filter values) captured on the
GUI thread; `apply(result)` runs on the GUI thread. Each key has its own generation: starting a
load again makes the older one's result stale, and it is dropped. `loaded` is emitted after an
apply once nothing is in flight; `when_loaded` callbacks then run (at once when idle).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

from .tasks import Task, TaskFn, run_task, show_failure

logger = logging.getLogger(__name__)

# A reload after the first load shows its "Loading…" cover only when it takes longer than this.
COVER_DELAY_MS = 250


def loading_text() -> str:
    return QCoreApplication.translate("Loading", "Loading…")


class LoadingCover(QLabel):
    """A "Loading…" label laid over a widget (a table's viewport) while its data is on its way."""

    def __init__(self, target: QWidget):
        host = target.viewport() if isinstance(target, QAbstractScrollArea) else target
        super().__init__(host)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAutoFillBackground(True)
        self.setStyleSheet("background: palette(base); color: palette(placeholder-text);")
        self.setAccessibleName(loading_text())
        self.hide()
        host.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parent():
            self.setGeometry(watched.rect())
        return False

    def cover(self) -> None:
        self.setText(loading_text())
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()


class Loader(QObject):
    """Loads for one view: newest result per key wins, callbacks wait for the data."""

    loaded = Signal()

    def __init__(self, view: QWidget, *covered: QWidget):
        super().__init__(view)
        self.view = view
        self.covers = [LoadingCover(w) for w in covered]
        self.tasks: dict[str, Task] = {}
        self.ever_loaded = False
        self._generation: dict[str, int] = {}
        self._waiting: list[Callable[[], Any]] = []
        self._cover_timer = QTimer(self)
        self._cover_timer.setSingleShot(True)
        self._cover_timer.timeout.connect(self._cover)

    @property
    def loading(self) -> bool:
        return bool(self.tasks)

    def is_loading(self, key: str) -> bool:
        return key in self.tasks

    def start(self, key: str, fetch: Callable[[], Any], apply: Callable[[Any], None]) -> Task:
        return self.start_task(key, lambda _progress, _cancel: fetch(), apply)

    def start_task(self, key: str, fn: TaskFn, apply: Callable[[Any], None]) -> Task:
        """Like `start`, for a `fn(progress, cancel)` that polls the cancel flag: a newer load of
        the same key cancels it."""
        generation = self._generation[key] = self._generation.get(key, 0) + 1
        older = self.tasks.get(key)
        if older is not None:
            older.cancel()

        def done(result: Any) -> None:
            if self._generation.get(key) != generation:
                return  # an older load finishing after a newer one started
            self.tasks.pop(key, None)
            try:
                apply(result)
            finally:
                self._settle()

        def failed(exc: BaseException) -> None:
            if self._generation.get(key) != generation:
                return
            self.tasks.pop(key, None)
            self._settle()
            show_failure(self.view, exc)

        task = run_task(fn, on_success=done, on_failure=failed, parent=self.view)
        self.tasks[key] = task
        if not self.ever_loaded:
            self._cover()
        elif not self._cover_timer.isActive():
            self._cover_timer.start(COVER_DELAY_MS)
        return task

    def when_loaded(self, callback: Callable[[], Any]) -> bool:
        """Run `callback` now when nothing is loading (True), else once the data is applied (False)."""
        if not self.tasks:
            callback()
            return True
        self._waiting.append(callback)
        return False

    def show_record(self, select: Callable[[], bool], reload: Callable[[], Any]) -> bool:
        """A view's `show_record` over its list: `select()` now when the list holds the record,
        else once the load in flight (or, idle, a fresh `reload()`: a record added since the
        last load) has arrived. True: shown now or when the list arrives."""
        if not self.tasks and select():
            return True
        if not self.tasks:
            reload()
        self.when_loaded(select)
        return True

    def _cover(self) -> None:
        if self.tasks:
            for c in self.covers:
                c.cover()

    def _settle(self) -> None:
        if self.tasks:
            return
        self.ever_loaded = True
        self._cover_timer.stop()
        for c in self.covers:
            c.hide()
        self.loaded.emit()
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()
