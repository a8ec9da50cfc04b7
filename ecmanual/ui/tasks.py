"""The one way to run work off the GUI thread (STYLE habit 3).

`run_task(fn, ...)` submits a plain function `fn(progress, cancel)` to a QThreadPool.
`progress(done, total, message)` may be called from the worker; `cancel` is a
`services.context.CancelFlag` the function polls. Progress, the result and any error come
back on the GUI thread as signals of the returned `Task`. `Cancelled` ends a task quietly.
Pass ids between threads, not ORM objects: the function opens its own session.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..domain.errors import EcmanualError
from ..domain.work import CancelFlag, Cancelled, ProgressFn

logger = logging.getLogger(__name__)

TaskFn = Callable[[ProgressFn, CancelFlag], Any]

# Progress reports closer together than this are dropped (the last one always arrives).
PROGRESS_INTERVAL_S = 0.05

_OK, _ERROR, _CANCELLED = "ok", "error", "cancelled"

# Tasks stay referenced here until they finish, so nobody has to keep them alive.
_active: set[Task] = set()


class _Runnable(QRunnable):
    """Runs the task's function on a pool thread."""

    def __init__(self, task: Task):
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task._run_in_worker()


class Task(QObject):
    """One piece of work on the pool. Lives on the GUI thread; its public signals fire there."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()  # after any of the three outcomes

    # Emitted from the worker thread; queued into the GUI thread where the Task lives.
    _worker_progress = Signal(int, int, str)
    _worker_done = Signal(str, object)

    def __init__(self, fn: TaskFn):
        super().__init__()
        self.fn = fn
        self.cancel_flag = CancelFlag()
        self.state = "pending"  # pending | running | ok | error | cancelled
        self.result: Any = None
        self.error: BaseException | None = None
        self.dialog: QProgressDialog | None = None  # set when run_task shows one
        self._last_report = 0.0
        self._worker_progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._worker_done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    @property
    def done(self) -> bool:
        return self.state in (_OK, _ERROR, _CANCELLED)

    def cancel(self) -> None:
        """Ask the function to stop; it raises `Cancelled` at its next check."""
        self.cancel_flag.cancel()

    # --- worker thread -------------------------------------------------------------------

    def _report(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if done < total and now - self._last_report < PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        self._worker_progress.emit(int(done), int(total), str(message))

    def _run_in_worker(self) -> None:
        try:
            result = self.fn(self._report, self.cancel_flag)
        except Cancelled:
            outcome: tuple[str, object] = (_CANCELLED, None)
        except Exception as exc:  # handed to the GUI thread, which decides how to show it
            outcome = (_ERROR, exc)
        else:
            outcome = (_OK, result)
        try:
            self._worker_done.emit(*outcome)
        except RuntimeError:  # the application is shutting down and the Task is gone
            logger.warning("task finished after the application closed: %s", outcome[0])

    # --- GUI thread ----------------------------------------------------------------------

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if not self.done:
            self.progressed.emit(done, total, message)

    @Slot(str, object)
    def _on_done(self, state: str, payload: object) -> None:
        self.state = state
        try:
            if state == _OK:
                self.result = payload
                self.succeeded.emit(payload)
            elif state == _ERROR:
                self.error = payload  # type: ignore[assignment]
                self.failed.emit(payload)
            else:
                logger.info("task %s cancelled", getattr(self.fn, "__name__", self.fn))
                self.cancelled.emit()
        finally:
            self.finished.emit()
            _active.discard(self)


def show_failure(parent: QWidget | None, exc: BaseException) -> None:
    """Default failure handler: expected errors in a message box, the rest to the exception hook."""
    if isinstance(exc, EcmanualError):
        from .messages import service_message

        QMessageBox.warning(parent, QCoreApplication.translate("Tasks", "Could not finish"), service_message(exc))
    else:
        sys.excepthook(type(exc), exc, exc.__traceback__)


def _alive(widget: QWidget | None) -> bool:
    return widget is None or shiboken6.isValid(widget)


def run_task(fn: TaskFn, *, on_success: Callable[[Any], None] | None = None,
             on_failure: Callable[[BaseException], None] | None = None,
             on_progress: Callable[[int, int, str], None] | None = None,
             parent: QWidget | None = None, progress_label: str | None = None,
             cancellable: bool = True, pool: QThreadPool | None = None) -> Task:
    """Start `fn(progress, cancel)` on the pool and return its Task.

    With `progress_label`, a window-modal progress dialog over `parent` shows the progress
    (after a short delay, so quick work does not flash) and its Cancel button sets the flag.
    Callbacks run on the GUI thread and are skipped once `parent` has been destroyed.
    Without `on_failure`, expected errors show a message box and others the exception dialog.
    """
    task = Task(fn)
    _active.add(task)
    if on_progress:
        task.progressed.connect(lambda d, t, m: on_progress(d, t, m) if _alive(parent) else None)
    if on_success:
        task.succeeded.connect(lambda r: on_success(r) if _alive(parent) else None)

    def failed(exc: BaseException) -> None:
        if not _alive(parent):
            logger.warning("task failed after its window closed: %r", exc)
        elif on_failure:
            on_failure(exc)
        else:
            show_failure(parent, exc)

    task.failed.connect(failed)
    if progress_label is not None:
        _attach_progress_dialog(task, parent, progress_label, cancellable)
    task.state = "running"
    (pool or QThreadPool.globalInstance()).start(_Runnable(task))
    return task


def _attach_progress_dialog(task: Task, parent: QWidget | None, label: str, cancellable: bool) -> None:
    dialog = QProgressDialog(label, QCoreApplication.translate("Tasks", "Cancel") if cancellable else "", 0, 0, parent)
    if not cancellable:
        dialog.setCancelButton(None)  # an empty text still leaves a blank button in PySide6
    dialog.setWindowTitle(label)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    task.dialog = dialog

    def on_progress(done: int, total: int, message: str) -> None:
        if not shiboken6.isValid(dialog) or dialog.wasCanceled():
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)
        dialog.setLabelText(message or label)

    def on_cancel() -> None:
        task.cancel()
        if shiboken6.isValid(dialog):
            dialog.setLabelText(QCoreApplication.translate("Tasks", "Cancelling…"))
            dialog.show()

    def on_finished() -> None:
        if shiboken6.isValid(dialog):
            if cancellable:
                dialog.canceled.disconnect(on_cancel)
            dialog.close()
            dialog.deleteLater()

    task.progressed.connect(on_progress)
    if cancellable:
        dialog.canceled.connect(on_cancel)
    task.finished.connect(on_finished)
