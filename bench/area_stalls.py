"""The GUI thread's longest stall when each area is opened on the large database.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/area_stalls.py DB [AREA ...]

The main window is shown (signed in as the benchmark's admin); then each area is opened in
turn while a 10 ms QTimer runs, and the event loop is kept turning until the area's workers
are done. Reported per area as JSON on the last line: `build_ms` (the call that switches to
the area: building the page on the GUI thread), `stall_ms` (the longest gap between two ticks
of the timer, which a blocked GUI thread makes long) and `ready_s` (until its workers are done).
A page that loads its data on a worker keeps the stall near the build; one that queries on the
GUI thread stalls for the whole query.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def measure(db_path: str, keys: list[str]) -> dict:
    from PySide6.QtCore import QThreadPool, QTimer

    from ecmanual.app import build_main_window, create_application, prepare_database
    from ecmanual.services import users
    from ecmanual.ui.areas import AREAS

    app = create_application("ja")
    db, _ = prepare_database(db_path)
    actor = users.actor_for(db, os.environ.get("BENCH_USER", "admin"))
    window = build_main_window(db, actor, db_path, remember_geometry=False, reminders=False)
    window.resize(1280, 800)
    window.show()
    pool = QThreadPool.globalInstance()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()

    def settle(at_least: float) -> None:
        end = time.perf_counter() + at_least
        while time.perf_counter() < end or pool.activeThreadCount():
            app.processEvents()
            time.sleep(0.001)

    settle(1.0)  # the first area (dashboard) and its load
    out = {}
    for key in keys or [a.key for a in AREAS]:
        gaps.clear()
        last[0] = t0 = time.perf_counter()
        window.show_area(key)
        build = time.perf_counter() - t0
        settle(0.5)
        out[key] = {"build_ms": build * 1000, "stall_ms": max(gaps + [build]) * 1000,
                    "ready_s": time.perf_counter() - t0}
    window.close()
    db.engine.dispose()
    return out


def main() -> None:
    print(json.dumps(measure(sys.argv[1], sys.argv[2:])))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
