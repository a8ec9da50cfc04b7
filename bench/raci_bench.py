"""The RACI grid with 200 people and 40 processes × 6 steps vs a bare QStandardItemModel floor.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/raci_bench.py [--runs 5] [--people 200] [--processes 40]

Builds a SQLite database (departments, job roles with holders and deputies among the people,
random R/A/C/I cells), then measures in one process, median of the runs:

  load     services: load_matrix + validate (runs on a worker thread in the view)
  model    RaciMatrixModel.set_matrix + set_issues        | floor: QStandardItemModel filled with the same texts
  paint    first paint of the grid (RaciGrid, offscreen)  | floor: a plain QTableView on the floor model
  scroll   repaint at every page while scrolling through all rows; total and the worst frame
  open     the whole 役割・RACI view: GUI-thread time to construct, and the longest the event loop
           stood still until the matrix was shown (a 2 ms timer measures the gaps)
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ECMANUAL_SCRYPT_N", str(2**14))
os.environ.setdefault("ECMANUAL_HOME", tempfile.mkdtemp(prefix="ecmanual-bench-home-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from ecmanual.persistence.engine import make_engine  # noqa: E402
from ecmanual.persistence.models import (  # noqa: E402
    Department, JobRole, Process, ProcessStep, RaciCell, RoleAssignment, Staff,
)
from ecmanual.services import raci, setup, users  # noqa: E402
from ecmanual.services.context import Database  # noqa: E402

WIDTH, HEIGHT = 1280, 760


def build_database(path: Path, people: int, processes: int, departments: int = 12, roles: int = 40) -> Database:
    """A database of the given size; rows are inserted directly (this is set-up, not what is measured)."""
    rnd = random.Random(20261123)
    db = Database(make_engine(path))
    setup.init_schema(db)
    users.create_first_admin(db, "admin", "Bench-pass-123", "ベンチ 太郎")
    with db.sessions() as s:
        deps = [Department(name=f"部署{i:02d}", sort_order=i) for i in range(departments)]
        s.add_all(deps)
        s.flush()
        job_roles = [JobRole(name=f"役割{i:02d}", department_id=deps[i % departments].id, sort_order=i)
                     for i in range(roles)]
        staff = [Staff(name=f"社員{i:03d}", email=f"p{i}@example.jp", department_id=deps[i % departments].id)
                 for i in range(people)]
        s.add_all(job_roles + staff)
        s.flush()
        for i, r in enumerate(job_roles):
            s.add(RoleAssignment(job_role_id=r.id, staff_id=staff[(2 * i) % people].id, kind="holder",
                                 start_date=date(2026, 1, 1)))
            s.add(RoleAssignment(job_role_id=r.id, staff_id=staff[(2 * i + 1) % people].id, kind="deputy",
                                 start_date=date(2026, 1, 1)))
        parties = [("department", d.id) for d in deps] + [("role", r.id) for r in job_roles]
        for p in range(processes):
            proc = Process(name=f"業務プロセス{p:02d}", sort_order=p)
            s.add(proc)
            s.flush()
            for seq in range(1, 7):
                st = ProcessStep(process_id=proc.id, seq=seq, name=f"ステップ{seq}", four_eyes=seq == 4)
                s.add(st)
                s.flush()
                chosen = rnd.sample(parties, rnd.randint(3, 8))
                codes = ["A"] + ["R"] * rnd.randint(1, 3)
                codes += [rnd.choice("CI") for _ in range(len(chosen) - len(codes))]
                for (kind, ident), code in zip(chosen, codes):
                    s.add(RaciCell(step_id=st.id, party_key=f"{'d' if kind == 'department' else 'r'}:{ident}",
                                   code=code, note=rnd.choice([None, "主担当", "確認", "技術支援"]),
                                   department_id=ident if kind == "department" else None,
                                   job_role_id=ident if kind == "role" else None))
        s.commit()
    return db


def floor_model(matrix: raci.Matrix) -> QStandardItemModel:
    """The same texts in Qt's own generic model: the cost of any grid at all."""
    model = QStandardItemModel(0, len(matrix.parties))
    model.setHorizontalHeaderLabels([p.name for p in matrix.parties])
    labels = []
    for proc in matrix.processes:
        model.appendRow([QStandardItem() for _ in matrix.parties])
        labels.append(proc.name)
        for st in proc.steps:
            cells = [st.cells.get(p.key) for p in matrix.parties]
            model.appendRow([QStandardItem(c.code if c else "") for c in cells])
            labels.append(f"{st.seq}. {st.name}")
    model.setVerticalHeaderLabels(labels)
    return model


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _show(app: QApplication, view: QTableView) -> None:
    """Shown (offscreen, never on a desktop) so that repaint() really paints."""
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.show()
    for _ in range(3):
        app.processEvents()


def scroll_through(app: QApplication, view: QTableView) -> tuple[float, float]:
    """Repaint at every page from top to bottom; (total, worst frame) in seconds."""
    bar = view.verticalScrollBar()
    bar.setValue(0)
    frames = []
    value = 0
    while True:
        t = time.perf_counter()
        bar.setValue(value)
        view.viewport().repaint()
        app.processEvents()
        frames.append(time.perf_counter() - t)
        if value >= bar.maximum():
            break
        value = min(bar.maximum(), value + bar.pageStep())
    return sum(frames), max(frames)


def measure_grid(app: QApplication, matrix, issues) -> dict[str, float]:
    from ecmanual.ui.models.raci_matrix import RaciMatrixModel
    from ecmanual.ui.views.raci_grid import RaciGrid

    model = RaciMatrixModel()
    out = {"model": timed(lambda: (model.set_matrix(matrix), model.set_issues(issues)))}
    grid = RaciGrid(model)
    grid.resize(WIDTH, HEIGHT)
    model.set_matrix(matrix)  # the spans and widths follow the reset, as in the view
    model.set_issues(issues)
    out["paint"] = timed(grid.grab)
    _show(app, grid)
    out["scroll"], out["frame"] = scroll_through(app, grid)
    grid.close()
    grid.deleteLater()
    return out


def measure_floor(app: QApplication, matrix) -> dict[str, float]:
    holder: list[QStandardItemModel] = []
    out = {"model": timed(lambda: holder.append(floor_model(matrix)))}
    view = QTableView()
    view.setModel(holder[0])
    view.resize(WIDTH, HEIGHT)
    out["paint"] = timed(view.grab)
    _show(app, view)
    out["scroll"], out["frame"] = scroll_through(app, view)
    view.close()
    view.deleteLater()
    return out


def measure_open(app: QApplication, db: Database) -> dict[str, float]:
    """Construct the whole area view; watch the event loop until the matrix is shown."""
    from ecmanual.ui.context import UiContext
    from ecmanual.ui.views.raci import RaciView

    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(2)
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append((now - last[0]) / 1000)
        last[0] = now

    ticker.timeout.connect(tick)
    clock.start()
    ticker.start()
    t = time.perf_counter()
    view = RaciView(UiContext(db, users.actor_for(db, "admin"), "bench"))
    view.resize(WIDTH, HEIGHT)
    view.show()
    construct = time.perf_counter() - t
    last[0] = clock.elapsed()
    while view.matrix.model.rowCount() == 0 or view.matrix.issues.count() == 0:
        app.processEvents()
        time.sleep(0.0005)
    shown = time.perf_counter() - t
    view.grab()
    ticker.stop()
    view.close()
    view.deleteLater()
    app.processEvents()
    return {"construct": construct, "until_shown": shown, "longest_stall": max(gaps, default=0.0)}


def median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--processes", type=int, default=40)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(["raci-bench"])
    from ecmanual.app import configure_application

    configure_application(app, "ja")
    folder = Path(tempfile.mkdtemp(prefix="raci-bench-"))
    db = build_database(folder / "bench.sqlite3", args.people, args.processes)
    loads, grids, floors, opens = [], [], [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        matrix, issues = raci.load_matrix(db), raci.validate(db)
        loads.append({"load": time.perf_counter() - t})
        grids.append(measure_grid(app, matrix, issues))
        floors.append(measure_floor(app, matrix))
        opens.append(measure_open(app, db))
        app.processEvents()
    rows = sum(len(p.steps) + 1 for p in matrix.processes)
    cells = sum(len(st.cells) for p in matrix.processes for st in p.steps)
    print(f"RACI grid: {args.people} people, {len(matrix.processes)} processes × 6 steps = {rows} rows, "
          f"{len(matrix.parties)} parties, {cells} cells, {len(issues)} issues; median of {args.runs} runs")
    print(f"{'':30}{'grid':>10}{'floor':>10}{'ratio':>8}")
    for key, label in (("model", "model construction"), ("paint", "first paint"), ("scroll", "scroll all rows"),
                       ("frame", "worst scroll frame")):
        g, f = median(grids, key), median(floors, key)
        print(f"{label:30}{g * 1000:>8.1f}ms{f * 1000:>8.1f}ms{g / f if f else 0:>8.2f}")
    print(f"{'services load + validate':30}{median(loads, 'load') * 1000:>8.1f}ms   (worker thread)")
    print(f"{'view: construct (GUI thread)':30}{median(opens, 'construct') * 1000:>8.1f}ms")
    print(f"{'view: until matrix shown':30}{median(opens, 'until_shown') * 1000:>8.1f}ms")
    print(f"{'view: longest event-loop stall':30}{median(opens, 'longest_stall') * 1000:>8.1f}ms")
    db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
