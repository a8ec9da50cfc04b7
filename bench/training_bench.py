"""The compliance matrix at 500 people x 30 courses vs the plain floor of the same stack, in one process.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/training_bench.py [--people 500] [--courses 30] [--runs 5]

A temporary SQLite file gets 5 departments, N courses (every recurrence; audiences of all staff,
departments or roles), two certifications, P people and about three completions per person and
course. Timed, median of the runs:

  service   `compliance_matrix` (database -> plain Matrix; runs on the pool in the app)
  floor     the same rows read by one plain SELECT per table, no rules
  model     TrainingMatrixModel.set_matrix + every cell's display text and colour
  floor     a QStandardItemModel filled with the same texts and colours
  filter    department, status and name filters through TrainingMatrixFilter
  floor     QSortFilterProxyModel.setFilterFixedString on the department column
  paint     the first paint of a QTableView over the model (what the GUI thread waits for)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from ecmanual.persistence.engine import make_engine  # noqa: E402
from ecmanual.persistence.models import (  # noqa: E402
    Certification, CertificationAward, Course, CourseAudience, Department, JobRole, RoleAssignment, Staff,
    TrainingRecord,
)
from ecmanual.services import setup, users  # noqa: E402
from ecmanual.services.context import Database  # noqa: E402

TODAY = date(2026, 11, 5)
RECURRENCES = [("yearly", {}), ("fixed_months", {"fixed_months": "4,10", "validity_months": 6}),
               ("every_n_months", {"interval_months": 3}), ("on_update", {"content_updated_on": date(2026, 10, 1)}),
               ("on_hire", {}), ("every_n_months", {"interval_months": 6, "validity_months": 6})]


def build_db(path: Path, people: int, courses: int) -> Database:
    db = Database(make_engine(path))
    setup.init_schema(db)
    users.create_first_admin(db, "admin", "Bench-pass-123", "bench")
    rnd = random.Random(20261105)
    now = datetime.now(UTC)
    with db.write(users.actor_for(db, "admin")) as s:
        deps = [Department(name=f"部門{i}", sort_order=i) for i in range(5)]
        roles = [JobRole(name=f"役割{i}") for i in range(6)]
        s.add_all(deps + roles)
        s.flush()
        for i in range(courses):
            recurrence, extra = RECURRENCES[i % len(RECURRENCES)]
            c = Course(name=f"研修{i:02d}", mandatory=i % 10 != 9, recurrence=recurrence, on_hire_days=30,
                       audience_all=i % 3 == 0, validity_months=extra.pop("validity_months", 12), **extra)
            s.add(c)
            s.flush()
            if i % 3 == 1:
                d = deps[i % 5]
                s.add(CourseAudience(course_id=c.id, department_id=d.id, party_key=f"d:{d.id}"))
            elif i % 3 == 2:
                r = roles[i % 6]
                s.add(CourseAudience(course_id=c.id, job_role_id=r.id, party_key=f"r:{r.id}"))
        s.add_all([Certification(name="認定A", validity_months=12, course_id=1, required_for_role_id=roles[0].id),
                   Certification(name="認定B", validity_months=24, required_for_role_id=roles[1].id)])
        s.flush()
        staff_rows = [{"name": f"社員{i:04d}", "kana": f"シャイン{i:04d}", "department_id": deps[i % 5].id,
                       "hire_date": date(2018, 1, 1) + timedelta(days=rnd.randint(0, 3200)), "status": "active",
                       "version": 1, "created_at": now, "updated_at": now} for i in range(people)]
        s.execute(insert(Staff), staff_rows)
        ids = list(s.scalars(select(Staff.id)))
        s.execute(insert(RoleAssignment), [{"job_role_id": roles[i % 6].id, "staff_id": sid, "kind": "holder",
                                            "start_date": date(2024, 1, 1), "created_at": now, "updated_at": now}
                                           for i, sid in enumerate(ids) if i % 2 == 0])
        course_ids = list(s.scalars(select(Course.id)))
        records = []
        for sid in ids:
            for cid in course_ids:
                for _ in range(rnd.randint(0, 5)):
                    records.append({"course_id": cid, "staff_id": sid, "passed": rnd.random() > 0.05, "version": 1,
                                    "completed_on": TODAY - timedelta(days=rnd.randint(0, 900)),
                                    "created_at": now, "updated_at": now})
        s.execute(insert(TrainingRecord), records)
        s.execute(insert(CertificationAward), [{"certification_id": 1, "staff_id": sid, "issued_on": date(2025, 12, 1),
                                                "expires_on": date(2026, 12, 1), "created_at": now, "updated_at": now}
                                               for sid in ids[::4]])
    return db


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--courses", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from ecmanual.services import training_status
    from ecmanual.ui.models.training_matrix import TrainingMatrixFilter, TrainingMatrixModel

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        db = build_db(Path(tmp) / "bench.sqlite3", args.people, args.courses)
        actor = users.actor_for(db, "admin")
        with db.read() as s:
            n_records = s.query(TrainingRecord).count()
        print(f"database: {args.people} people, {args.courses} courses, {n_records:,} completions "
              f"(built in {time.perf_counter() - t0:.1f}s)")

        def service():
            return training_status.compliance_matrix(db, actor, TODAY, include_optional=True)

        def service_floor():
            with db.read() as s:
                return [s.execute(select(t)).all() for t in (Staff.__table__, Course.__table__,
                                                           CourseAudience.__table__, RoleAssignment.__table__,
                                                           TrainingRecord.__table__, CertificationAward.__table__)]

        t_service, matrix = timed(service, args.runs)
        t_sfloor, _ = timed(service_floor, args.runs)
        rows, cols = len(matrix.rows), len(matrix.columns) + 2
        print(f"matrix: {rows} rows x {cols} columns = {rows * cols:,} cells")

        model = TrainingMatrixModel()

        def model_build():
            model.set_matrix(matrix)
            bg = Qt.ItemDataRole.BackgroundRole
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    index = model.index(r, c)
                    model.data(index)
                    model.data(index, bg)
            return model

        texts = [[model.data(model.index(r, c)) for c in range(cols)] for r in range(rows)]
        brushes = [[model.data(model.index(r, c), Qt.ItemDataRole.BackgroundRole) for c in range(cols)]
                   for r in range(rows)]

        def model_floor():
            std = QStandardItemModel(rows, cols)
            for r in range(rows):
                for c in range(cols):
                    item = QStandardItem(texts[r][c])
                    if brushes[r][c] is not None:
                        item.setBackground(brushes[r][c])
                    std.setItem(r, c, item)
            return std

        def model_set_only():
            model.set_matrix(matrix)

        t_model, _ = timed(model_build, args.runs)
        t_set, _ = timed(model_set_only, args.runs)
        t_mfloor, std = timed(model_floor, max(1, args.runs // 2))

        proxy = TrainingMatrixFilter()
        proxy.setSourceModel(model)
        department = matrix.rows[0].department_id

        def filters():
            proxy.set_filter(department=department)
            a = proxy.rowCount()
            proxy.set_filter(status="overdue")
            b = proxy.rowCount()
            proxy.set_filter(text="社員01")
            c = proxy.rowCount()
            proxy.set_filter()
            return a, b, c

        std_proxy = QSortFilterProxyModel()
        std_proxy.setSourceModel(std)
        std_proxy.setFilterKeyColumn(1)
        dep_name = matrix.rows[0].department

        def filters_floor():
            std_proxy.setFilterFixedString(dep_name)
            a = std_proxy.rowCount()
            std_proxy.setFilterFixedString("")
            return a

        t_filter, counts = timed(filters, args.runs)
        t_ffloor, _ = timed(filters_floor, args.runs)

        def sort_column():
            proxy.sort(5, Qt.SortOrder.AscendingOrder)
            proxy.sort(-1)

        t_sort, _ = timed(sort_column, args.runs)

        view = QTableView()
        view.resize(1200, 800)
        view.setModel(proxy)

        def paint():
            model.set_matrix(matrix)
            view.viewport().grab()

        t_paint, _ = timed(paint, args.runs)
        std_view = QTableView()
        std_view.resize(1200, 800)
        std_view.setModel(std)
        def paint_floor():
            std_view.setModel(None)
            std_view.setModel(std)
            std_view.viewport().grab()

        t_pfloor, _ = timed(paint_floor, args.runs)

    def line(name, t, floor=None):
        ratio = f"  ({t / floor:.1f}x floor {floor * 1000:.1f} ms)" if floor else ""
        print(f"{name:<44}{t * 1000:9.1f} ms{ratio}")

    print(f"median of {args.runs} runs:")
    line("compliance_matrix (service, off the GUI)", t_service, t_sfloor)
    line("model set_matrix (GUI thread)", t_set)
    line("model + every cell's text and colour", t_model, t_mfloor)
    line("filters: department, status, name, clear", t_filter, t_ffloor)
    line("sort by a course column and back", t_sort)
    line("new matrix + first paint (GUI thread)", t_paint, t_pfloor)
    print(f"filter rows: department {counts[0]}, overdue {counts[1]}, name {counts[2]}")
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
