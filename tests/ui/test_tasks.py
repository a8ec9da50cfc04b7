"""The task helper: work on the pool, results/progress/errors back on the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from ecmanual.domain.errors import InputError
from ecmanual.ui.tasks import run_task

pytestmark = pytest.mark.gui


def test_progress_and_result_arrive_on_the_gui_thread(qtbot):
    worker_threads, progress, results = [], [], []
    gui_thread = QApplication.instance().thread()

    def work(report, cancel):
        worker_threads.append(QThread.currentThread())
        for i in range(1, 6):
            report(i, 5, f"step {i}")
            time.sleep(0.06)  # longer than the throttle, so every step is reported
        return "done"

    def on_progress(done, total, message):
        progress.append((done, total, message, QThread.currentThread() is gui_thread))

    task = run_task(work, on_success=results.append, on_progress=on_progress)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert results == ["done"] and task.state == "ok" and task.result == "done"
    assert worker_threads[0] is not gui_thread
    assert [p[:3] for p in progress] == [(i, 5, f"step {i}") for i in range(1, 6)]
    assert all(p[3] for p in progress)


def test_a_failing_task_reports_its_exception(qtbot):
    failures, successes = [], []

    def work(report, cancel):
        raise InputError("row 3: no such system")

    task = run_task(work, on_success=successes.append, on_failure=failures.append)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], InputError)
    qtbot.waitUntil(lambda: task.done)
    assert task.state == "error" and successes == []
    assert [str(f) for f in failures] == ["row 3: no such system"]


def test_a_cancelled_task_ends_quietly(qtbot):
    started = threading.Event()
    outcomes = []

    def work(report, cancel):
        started.set()
        for i in range(500):
            cancel.check()
            report(i, 500, "")
            time.sleep(0.01)
        return "finished anyway"

    task = run_task(work, on_success=outcomes.append, on_failure=outcomes.append)
    task.failed.connect(lambda e: outcomes.append(("failed", e)))
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    qtbot.waitUntil(lambda: task.done)
    assert task.state == "cancelled"
    assert outcomes == []


def test_the_progress_dialog_cancel_button_cancels(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    first_report = threading.Event()

    def work(report, cancel):
        for i in range(1000):
            cancel.check()
            report(i, 1000, f"item {i}")
            first_report.set()
            time.sleep(0.01)

    task = run_task(work, parent=parent, progress_label="Importing")
    dialog = task.dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=3000)
    assert dialog.maximum() == 1000 and dialog.labelText().startswith("item ")
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button.text() == "キャンセル"
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert task.state == "cancelled" and not (_valid(dialog) and dialog.isVisible())


def test_the_event_loop_keeps_turning_while_a_task_runs(qtbot):
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    release = threading.Event()

    def work(report, cancel):
        release.wait(5)  # blocks the worker, never the GUI
        return len(ticks)

    task = run_task(work)
    qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=3000)  # timer fires while the task is busy
    assert not task.done
    release.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    timer.stop()
    assert task.result >= 20


def test_callbacks_are_skipped_once_the_parent_is_gone(qtbot):
    parent = QWidget()
    release = threading.Event()
    called = []

    def work(report, cancel):
        release.wait(5)
        return 1

    task = run_task(work, on_success=called.append, parent=parent)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _valid(parent))
    release.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert task.state == "ok" and called == []


def _valid(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_an_unexpected_error_goes_to_the_exception_hook_by_default(qtbot, monkeypatch):
    hooked = []
    monkeypatch.setattr("sys.excepthook", lambda *info: hooked.append(info))

    def work(report, cancel):
        raise RuntimeError("disk on fire")

    task = run_task(work)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert [(t, str(e)) for t, e, _tb in hooked] == [(RuntimeError, "disk on fire")]
    assert hooked[0][2] is not None  # the traceback reaches the dialog


def test_a_task_that_cannot_be_cancelled_shows_no_cancel_button(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()

    def work(report, cancel):
        report(0, 2, "step")
        release.wait(5)
        return "done"

    results = []
    task = run_task(work, parent=parent, progress_label="Setting up", cancellable=False, on_success=results.append)
    dialog = task.dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=3000)
    assert [b for b in dialog.findChildren(QPushButton) if b.isVisible()] == []
    release.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
