"""One cold start, run as a subprocess by bench/run.py; prints JSON on its last line.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_start.py start DB
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_start.py app DB [--accounts]
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_start.py floor

start: the real launch through `ecmanual.__main__` (see `start`): the sign-in window painted,
its database opened meanwhile, the password entered once it is open, the main window painted.

app: what `python -m ecmanual` does on start (`ecmanual.app`: the QApplication configured with
its fonts and translations, the database opened and its schema checked, the password checked
with `users.authenticate` as the sign-in dialog does), then the main window built, shown and
painted once; the dialogs themselves are left out (they wait for a person). With --accounts the
review screen is opened and the open review's 100,000-row account table loaded and painted
(the peak-memory measure).
floor: import PySide6, a bare QWidget shown, painted once and closed.

Reported: `painted` (time.time() at the first paint, for the parent to subtract its launch
time), and `maxrss_mib`, the peak resident memory (VmHWM; see `peak_rss_mib`).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _paint_watch(widget, done) -> None:
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint and not done:
                done.append(time.time())
            return False

    widget._bench_watch = Watch(widget)
    widget.installEventFilter(widget._bench_watch)


def floor() -> dict:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([sys.argv[0]])
    w = QWidget()
    w.resize(1280, 800)
    painted: list[float] = []
    _paint_watch(w, painted)
    w.show()
    while not painted:
        app.processEvents()
    w.close()
    return {"painted": painted[0]}


def start(db_path: str) -> dict:
    """The real launch: `ecmanual.__main__.main(["--db", DB, "--user", USER])`, as `python -m
    ecmanual` runs it. A watcher on the QApplication notes the sign-in window's first paint and
    when its database is open, then enters the password and signs in; the main window's first
    paint ends the run. Times are time.time() values, for the parent to subtract its launch time."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    qapp = QApplication([sys.argv[0]])  # what run_gui would create; made here to watch it
    marks: dict[str, float] = {}

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint:
                name = type(obj).__name__
                if name == "LoginDialog":
                    marks.setdefault("first_window", time.time())
                elif name == "MainWindow" and "painted" not in marks:
                    marks["painted"] = time.time()
                    QTimer.singleShot(0, obj.close)
            return False

    watch = Watch()
    qapp.installEventFilter(watch)

    def sign_in_when_ready() -> None:
        login = next((w for w in qapp.topLevelWidgets() if type(w).__name__ == "LoginDialog" and w.isVisible()), None)
        if login is not None and login.ready and "first_window" in marks:
            marks["ready"] = time.time()
            login.password.setText(os.environ.get("BENCH_PASSWORD", "Bench-pass-123"))
            marks["sign_in"] = time.time()
            login.sign_in()
            return
        timer.start()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(2)
    timer.timeout.connect(sign_in_when_ready)
    timer.start()
    from ecmanual.__main__ import main as ecmanual_main

    status = ecmanual_main(["--db", db_path, "--user", os.environ.get("BENCH_USER", "admin")])
    if status != 0 or "painted" not in marks:
        raise SystemExit(f"the app exited with {status} before its main window painted: {marks}")
    return marks


def app(db_path: str, accounts: bool) -> dict:
    from ecmanual.app import build_main_window, create_application, open_database
    from ecmanual.services import users

    qapp = create_application("ja")
    db = open_database(db_path)
    actor = users.authenticate(db, os.environ.get("BENCH_USER", "admin"),
                               os.environ.get("BENCH_PASSWORD", "Bench-pass-123"))
    window = build_main_window(db, actor, db_path, remember_geometry=False)
    window.resize(1280, 800)
    painted: list[float] = []
    _paint_watch(window, painted)
    window.show()
    while not painted:
        qapp.processEvents()
    out = {"painted": painted[0]}
    if accounts:
        out.update(_accounts(qapp, window))
    window.close()
    db.engine.dispose()
    return out


def _accounts(qapp, window) -> dict:
    """Open the reviews area and wait until its account table holds the review's rows."""
    from PySide6.QtCore import QThreadPool

    from ecmanual.ui.views.review_accounts import AccountsPanel

    t0 = time.perf_counter()
    window.show_area("reviews")
    panel = None
    deadline = time.time() + 300
    while time.time() < deadline:
        qapp.processEvents()
        QThreadPool.globalInstance().waitForDone(50)
        panels = window.findChildren(AccountsPanel)
        panel = panels[0] if panels else None
        if panel is not None and panel.model.rowCount() > 0:
            break
    rows = panel.model.rowCount() if panel else 0
    if panel is not None:
        panel.table.viewport().repaint()
    qapp.processEvents()
    return {"rows": rows, "open_s": time.perf_counter() - t0}


def peak_rss_mib() -> float:
    """Peak resident memory of this process: VmHWM on Linux. getrusage's ru_maxrss is the fallback
    only: Linux carries the parent's maximum over fork into the child, so a child started by a
    large benchmark process would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    mode = sys.argv[1]
    out = floor() if mode == "floor" else start(sys.argv[2]) if mode == "start" else \
        app(sys.argv[2], "--accounts" in sys.argv)
    out["maxrss_mib"] = peak_rss_mib()
    print(json.dumps(out))
    sys.stdout.flush()
    os._exit(0)  # no teardown on the clock or in the way


if __name__ == "__main__":
    main()
