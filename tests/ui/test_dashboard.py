"""The dashboard: what needs attention (service), the counts and charts, and a click-through from
each kind of item to its record in its area."""

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QColor

from ecmanual.services import checklists, dashboard, raci, review_records, reviews, training_certs, users
from ecmanual.services import manual, organisation, training
from ecmanual.ui.areas import AREAS
from ecmanual.ui.context import UiContext
from ecmanual.ui.tables import selected_info
from ecmanual.ui.views.dashboard import ITEM_ROLE, RED
from tests.unit.test_reviews import DAY, quarter  # noqa: F401 - the scripted quarter fixture

pytestmark = pytest.mark.gui

TODAY = date(2027, 6, 1)  # duties added today are overdue by then; pages reviewed 2026-06-01 are due


def _submitted_run(db, editor):
    run_id = checklists.start_run(db, editor, "メール配信前チェックリスト",
                                  "11/27 ブラックフライデー メール配信")
    for item in checklists.get_run(db, editor, run_id).items:
        if item.required:
            checklists.check_item(db, editor, run_id, item.seq)
    checklists.submit_run(db, editor, run_id)
    return run_id


@pytest.fixture
def busy(quarter, admin, editor):  # noqa: F811
    """Something of every kind: trainings late and due soon, an expiring certification, a run
    waiting for the admin (役員会), an open review with findings and remediation, overdue
    duties, pages due for review and a step without an A."""
    db = quarter
    deps = {d.name: d.id for d in organisation.list_departments(db)}
    person = organisation.create_staff(db, admin, "山田 検証", kana="やまだ けんしょう",
                                       department_id=deps["情報システム部"], hire_date=date(2026, 1, 5))
    training.record_completion(db, admin, person.id, "コンプライアンス研修", date(2026, 6, 15))
    training_certs.award_certification(db, admin, person.id, "KARTE運用認定", date(2026, 6, 20))
    users.set_approval_level(db, admin, "admin", "役員会")
    run_id = _submitted_run(db, editor)
    reviews.start_review(db, admin, "2026Q4", DAY)
    leaver = next(r for r in review_records.review_rows(db, admin, "2026Q4") if r.login == "ken.tanaka@example.co.jp")
    reviews.decide(db, admin, "2026Q4", leaver.account_id, "revoke", "退職者のため", due=DAY)
    matrix = raci.load_matrix(db)
    step, party = next((st.id, key) for p in matrix.processes for st in p.steps
                       for key, cell in st.cells.items() if cell.code == "A")
    raci.set_cell(db, admin, step, party, None)
    # Due for review at TODAY whatever the real date: last reviewed a year before it (a cycle
    # counted from the publication, which is the real today, would make this test date-bound).
    for page in manual.list_pages(db, admin):
        manual.mark_reviewed(db, admin, page.id, on=date(2026, 6, 1))
    return {"db": db, "person": person.id, "run": run_id, "step": step}


def test_overview_gathers_every_kind_with_counts_and_chart_data(busy, admin, editor):
    db = busy["db"]
    o = dashboard.overview(db, admin, TODAY)
    groups = {i.group for i in o.items}
    assert set(dashboard.GROUPS) <= groups
    run = next(i for i in o.items if i.group == "approvals")
    assert (run.area, run.entity, run.entity_id) == ("checklists", "checklist_run", busy["run"])
    mine = [i for i in o.items if i.entity == "staff" and i.entity_id == busy["person"]]
    assert {(i.group, i.status) for i in mine} >= {("training_due_soon", "due_soon"),
                                                    ("certifications", "due_soon")}
    step = next(i for i in o.items if i.group == "raci")
    assert (step.entity_id, step.status) == (busy["step"], "no_accountable") and " / " in step.title
    finding = next(i for i in o.items if i.group == "findings")
    assert finding.hint_dict()["review_id"] and finding.status in {"shared", "mfa_off", "admin_outside_allowed",
                                                                    "dormant"}
    assert o.counts["approvals"] == 1 and o.counts["open_findings"] == 4  # the leaver is decided
    assert o.counts["due_soon"] >= 1 and o.counts["certifications_expiring"] == 1 and o.counts["overdue"] > 0
    # Charts: people of 情報システム部 counted, the review's three systems, its findings by kind.
    it = next(d for d in o.departments if d.department == "情報システム部")
    assert it.due_soon >= 1 and it.total > 0
    assert o.review_period == "2026Q4"
    assert {s.system: (s.decided, s.accounts) for s in o.systems}["Google広告"][0] == 1
    assert sum(f.open for f in o.findings) == 4 and sum(f.decided for f in o.findings) == 1
    # Nobody approves their own run, and without an approval level not a run that needs one.
    assert not [i for i in dashboard.attention(db, editor, TODAY) if i.group == "approvals"]


def _window(qtbot, db, actor, path):
    from ecmanual.ui.main_window import MainWindow

    window = MainWindow(UiContext(db, actor, str(path)), remember_geometry=False, reminders=False)
    qtbot.addWidget(window)
    window.show()
    view = window.page("dashboard")
    view.fixed_today = TODAY
    view.reload()
    qtbot.waitUntil(lambda: view.overview is not None and view.overview.today == TODAY, timeout=15_000)
    return window, view


def _children(view, group):
    top = view.group_item(group)
    assert top is not None, group
    return [top.child(i) for i in range(top.childCount())]


def test_counts_and_charts_show_the_data(qtbot, busy, admin, db_path):
    window, view = _window(qtbot, busy["db"], admin, db_path)
    assert view.tiles["approvals"].number.text() == "1"
    assert view.tiles["open_findings"].number.text() == "4"
    assert "30" in view.tiles["due_soon"].caption.text()
    training_chart = view.charts["training"]
    rows = {r.label: r.values for r in training_chart.rows}
    assert rows["情報システム部"][1] >= 1  # the due-soon slice of 山田
    assert [s.name for s in training_chart.series][0] == "有効"
    reviews_chart = view.charts["reviews"]
    assert "2026Q4" in reviews_chart.title
    assert {r.label for r in reviews_chart.rows} == {"ECforce", "KARTE", "Google広告"}
    findings_chart = view.charts["findings"]
    assert sum(r.values[0] for r in findings_chart.rows) == 4
    assert all(r.label.isascii() is False for r in findings_chart.rows)  # kinds translated, not codes
    image = findings_chart.grab().toImage()
    assert not image.isNull() and image.width() > 200
    red = QColor(RED).rgb()
    assert any(image.pixel(x, y) == red for x in range(image.width()) for y in range(0, image.height(), 2))
    # Details read as words, not status codes.
    for i in range(view.tree.topLevelItemCount()):
        top = view.tree.topLevelItem(i)
        for j in range(top.childCount()):
            detail = top.child(j).text(1)
            assert not {"overdue", "due_soon", "open", "submitted", "no_accountable"} & set(detail.split())


def test_click_through_lands_on_each_record(qtbot, busy, admin, db_path):
    from ecmanual.ui.models.training_matrix import FIRST_REQUIREMENT, Role
    from ecmanual.ui.views.reviews import FINDINGS_TAB, REMEDIATION_TAB

    db = busy["db"]
    window, view = _window(qtbot, db, admin, db_path)
    window.page("raci").calendar.today.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))  # the same day

    def activate(row):
        view.tree.itemActivated.emit(row, 0)
        return row.data(0, ITEM_ROLE)

    # Overdue duty: the occurrence in the operations calendar.
    item = activate(_children(view, "overdue_duties")[0])
    assert window.current_area().key == "raci"
    raci_view = window.page("raci")
    assert raci_view.tabs.currentWidget() is raci_view.calendar
    chosen = raci_view.calendar.selected_occurrences()
    assert [(o.duty_id, o.due_date) for o in chosen] == [(item.entity_id, item.due_on)]

    # Trainings and certifications: the person's row and the requirement's cell in the matrix.
    training_view = window.page("training")
    for group in ("training_overdue", "training_due_soon", "certifications"):
        window.show_area("dashboard")
        item = activate(_children(view, group)[0])
        assert window.current_area().key == "training"
        key = item.hint_dict()["requirement"]

        def on_cell(item=item, key=key):
            index = training_view.matrix.currentIndex()
            columns = training_view.matrix_model.matrix.columns if training_view.matrix_model.matrix else []
            return (index.isValid() and index.data(Role.ID) == item.entity_id
                    and index.column() >= FIRST_REQUIREMENT
                    and columns[index.column() - FIRST_REQUIREMENT].key == key)
        qtbot.waitUntil(on_cell, timeout=15_000)
        assert training_view.person.staff_id == item.entity_id

    # A run waiting for my approval: selected and its page opened.
    window.show_area("dashboard")
    item = activate(_children(view, "approvals")[0])
    assert window.current_area().key == "checklists"
    checks = window.page("checklists")
    qtbot.waitUntil(lambda: not checks.loader.loading, timeout=15_000)  # the runs load on the pool
    assert selected_info(checks.runs_table).id == busy["run"] == item.entity_id
    assert checks.open_runs[busy["run"]].isVisible()
    checks.open_runs[busy["run"]].close()

    # A finding: the review's findings tab, the account's row of that kind.
    reviews_view = window.page("reviews")
    window.show_area("dashboard")
    item = activate(_children(view, "findings")[-1])
    qtbot.waitUntil(lambda: not reviews_view.loader.loading, timeout=15_000)  # the reviews load on the pool
    assert window.current_area().key == "reviews" and reviews_view.tabs.currentIndex() == FINDINGS_TAB
    row = reviews_view.findings_model.row_at(reviews_view.findings_view.currentIndex().row())
    assert (row["account"], row["kind"]) == (item.entity_id, item.status) and row["decision"] is None

    # Remediation: the task's row in the remediation tab.
    window.show_area("dashboard")
    item = activate(_children(view, "remediation")[0])
    assert reviews_view.tabs.currentIndex() == REMEDIATION_TAB
    task = reviews_view.remediation_model.row_at(reviews_view.remediation_view.currentIndex().row())
    assert task.id == item.entity_id and task.login == "ken.tanaka@example.co.jp"

    # A review in progress: that review is the current one.
    window.show_area("dashboard")
    item = activate(_children(view, "reviews")[0])
    assert window.current_area().key == "reviews" and reviews_view.current.id == item.entity_id

    # A manual page due for review: selected and shown.
    window.show_area("dashboard")
    item = activate(_children(view, "manual")[3])
    assert window.current_area().key == "manual"
    manual_view = window.page("manual")
    qtbot.waitUntil(lambda: not manual_view.loader.loading, timeout=15_000)
    assert selected_info(manual_view.table).id == item.entity_id
    assert item.title in manual_view.title.text()

    # A step without an A: its row in the RACI matrix.
    window.show_area("dashboard")
    item = activate(_children(view, "raci")[0])
    assert window.current_area().key == "raci" and raci_view.tabs.currentWidget() is raci_view.matrix
    qtbot.waitUntil(lambda: raci_view.matrix.grid.currentIndex().isValid()
                    and raci_view.matrix.grid.currentIndex().row()
                    == raci_view.matrix.model.index_of(busy["step"]).row(), timeout=15_000)
    assert AREAS[window.stack.currentIndex()].key == "raci"


def test_count_tile_shows_its_group(qtbot, busy, admin, db_path):
    window, view = _window(qtbot, busy["db"], admin, db_path)
    view.tiles["open_findings"].clicked.emit()
    current = view.tree.currentItem()
    assert current is view.group_item("findings") and current.isExpanded()


def test_findings_are_listed_up_to_a_limit_and_counted_in_full(qtbot, busy, admin, db_path, monkeypatch):
    """A quarter of 100,000 accounts must not become 100,000 dashboard rows: the first ones are
    listed, the count and the reminders cover all of them, and a last row opens the review."""
    monkeypatch.setattr(dashboard, "FINDINGS_LISTED", 2)
    o = dashboard.overview(busy["db"], admin, TODAY)
    assert len([i for i in o.items if i.group == "findings"]) == 2 and o.counts["open_findings"] == 4
    assert dashboard.reminder_counts(o)["findings"] == 4
    window, view = _window(qtbot, busy["db"], admin, db_path)
    top = view.group_item("findings")
    assert top.text(0).endswith("(4)") and top.childCount() == 3
    more = top.child(2)
    assert "2" in more.text(0) and "残り" in more.text(0)
    item = more.data(0, ITEM_ROLE)
    assert (item.area, item.entity) == ("reviews", "review") and item.entity_id


def test_a_long_group_lists_its_first_items_and_a_row_that_opens_its_area(qtbot, busy, admin, db_path, monkeypatch):
    """A large team's list (hundreds of late trainings) is not built item by item on the GUI
    thread: the group lists GROUP_LIMIT of them, counts all, and its last row opens the area."""
    from ecmanual.ui.views import dashboard as dashboard_view

    monkeypatch.setattr(dashboard_view, "GROUP_LIMIT", 2)
    window, view = _window(qtbot, busy["db"], admin, db_path)
    manual_items = [i for i in view.items if i.group == "manual"]
    assert len(manual_items) > 2
    top = view.group_item("manual")
    assert f"({len(manual_items):,})" in top.text(0)
    rows = _children(view, "manual")
    assert len(rows) == 3 and [r.text(0) for r in rows[:2]] == [i.title for i in manual_items[:2]]
    assert rows[2].text(0) == f"… 残り {len(manual_items) - 2:,} 件：マニュアルを開くとすべて表示されます"
    view.tree.itemActivated.emit(rows[2], 0)
    assert window.current_area().key == "manual"
