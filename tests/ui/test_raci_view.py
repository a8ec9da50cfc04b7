"""役割・RACI in the real view over a seeded database: the seed's matrix in the grid, cells set by
keyboard and menu (stored, audited, undoable), conflicts, validation, and the other four tabs."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from ecmanual.persistence.models import AuditEntry
from ecmanual.services import calendar, raci, records
from ecmanual.services import organisation as org
from ecmanual.ui.context import UiContext
from ecmanual.ui.models.calendar_duties import DutiesModel
from ecmanual.ui.models.calendar_occurrences import OccurrenceColumn, OccurrencesModel
from ecmanual.ui.models.raci_matrix import RaciMatrixModel, Role
from ecmanual.ui.models.raci_tables import ApprovalRulesModel, JobRolesModel, StaffModel
from ecmanual.ui.views.raci import RaciView

pytestmark = pytest.mark.gui

SEED = json.loads((Path(__file__).resolve().parents[2] / "db" / "defaults" / "processes.json").read_text("utf-8"))
PROCESSES = ["メール配信", "LINE配信", "広告配信", "サイト更新", "キャンペーン実施"]


def raci_audit(db) -> list[AuditEntry]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.entity == "raci_cell").order_by(AuditEntry.seq)))


def stored(db, step_id: int, party: str):
    cell = raci.find_step(db, step_id).cells.get(party)
    return (cell.code, cell.note) if cell else None


def make_view(qtbot, db, actor) -> RaciView:
    view = RaciView(UiContext(db, actor, "test.sqlite3"))
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitUntil(lambda: view.matrix.model.rowCount() > 0 and view.matrix.issues.count() > 0, timeout=10000)
    return view


@pytest.fixture
def view(qtbot, seeded_db, admin):
    v = make_view(qtbot, seeded_db, admin)
    yield v
    QThreadPool.globalInstance().waitForDone(10000)  # no worker still reading when the database closes


def step_id(model: RaciMatrixModel, process: str, step: str) -> int:
    for row in range(model.rowCount()):
        st = model.step_at(row)
        if st is not None and st.name == step and model.headerData(
                max(r for r in model.process_rows() if r < row), Qt.Orientation.Vertical) == process:
            return st.id
    raise LookupError((process, step))


def party(model: RaciMatrixModel, name: str) -> str:
    return next(p.key for p in model.parties if p.name == name)


def press(qtbot, view: RaciView, sid: int, key: str, code_key: Qt.Key) -> None:
    page = view.matrix
    page.select_cell(sid, key)
    page.grid.setFocus()
    with qtbot.waitSignal(page.issuesRefreshed, timeout=10000):
        qtbot.keyClick(page.grid, code_key)


# --- the seed's matrix ------------------------------------------------------------------------

def test_grid_shows_the_seeds_five_processes_six_steps_and_raci(view):
    model = view.matrix.model
    headers = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert [headers[r] for r in model.process_rows()] == PROCESSES
    assert model.rowCount() == 35 and model.step_count() == 30
    parties = {p.name: i for i, p in enumerate(model.parties)}
    assert list(parties) == ["マーケティング部", "情報システム部", "法務部", "商品企画部", "広報", "部門長"]
    for p in SEED["processes"]:
        start = headers.index(p["name"])
        for st in p["steps"]:
            row = start + st["seq"]
            assert headers[row].startswith(f"{st['seq']}. {st['name']}")
            assert ("（4眼）" in headers[row]) == st["four_eyes"]
            expected = {(c.get("department") or c.get("role")): c for c in st["raci"]}
            for name, col in parties.items():
                index = model.index(row, col)
                cell = expected.get(name)
                assert index.data() == (cell["code"] if cell else None), (p["name"], st["name"], name)
                if cell:
                    assert cell["note"] in index.data(Qt.ItemDataRole.ToolTipRole)
                    colour = index.data(Qt.ItemDataRole.BackgroundRole).color().name().upper()
                    assert colour == {"R": "#C6EFCE", "A": "#FFC7CE", "C": "#FFEB9C", "I": "#DDEBF7"}[cell["code"]]
    assert view.tabs.tabText(0) == "マトリクス" and view.matrix.issues_title.text() == "検証: エラー 1 件、警告 7 件"


def test_model_passes_the_model_tester(qtmodeltester, seeded_db):
    model = RaciMatrixModel()
    model.set_matrix(raci.load_matrix(seeded_db, all_roles=True))
    model.set_issues(raci.validate(seeded_db))
    qtmodeltester.check(model)
    assert model.columnCount() == 13  # five departments and all eight job roles
    for tables, rows in ((OccurrencesModel(), calendar.upcoming(seeded_db, date(2026, 11, 23), 14)),
                         (DutiesModel(), calendar.list_duties(seeded_db)), (StaffModel(), org.list_staff(seeded_db)),
                         (JobRolesModel(), org.list_job_roles(seeded_db)),
                         (ApprovalRulesModel(), raci.approval_rules(seeded_db))):
        tables.set_rows(rows)
        qtmodeltester.check(tables)


# --- editing ----------------------------------------------------------------------------------

def test_key_a_stores_audits_validates_and_undoes(qtbot, view, seeded_db):
    page, model = view.matrix, view.matrix.model
    sid, it = step_id(model, "メール配信", "企画立案"), party(model, "情報システム部")
    assert stored(seeded_db, sid, it) == ("C", "技術支援")
    before = len(raci_audit(seeded_db))
    press(qtbot, view, sid, it, Qt.Key.Key_A)
    assert stored(seeded_db, sid, it) == ("A", "技術支援")  # the note is kept
    entries = raci_audit(seeded_db)
    assert len(entries) == before + 1 and entries[-1].actor == "admin" and entries[-1].action == "update"
    assert json.loads(entries[-1].before)["code"] == "C" and json.loads(entries[-1].after)["code"] == "A"
    assert model.index_of(sid, it).data() == "A"
    # now two A on the step: flagged in the list and on the step's row header
    assert any("A が2つあります" in page.issues.item(i).text() for i in range(page.issues.count()))
    assert model.headerData(model.index_of(sid, it).row(), Qt.Orientation.Vertical, Role.SEVERITY) == "error"

    assert page.undo_button.isEnabled() and page.undo_action.text() == "元に戻す A に設定"
    with qtbot.waitSignal(page.issuesRefreshed, timeout=10000):
        page.undo_stack.undo()
    assert stored(seeded_db, sid, it) == ("C", "技術支援") and model.index_of(sid, it).data() == "C"
    assert len(raci_audit(seeded_db)) == before + 2
    assert not any("A が2つあります" in page.issues.item(i).text() for i in range(page.issues.count()))
    with qtbot.waitSignal(page.issuesRefreshed, timeout=10000):
        page.undo_stack.redo()
    assert stored(seeded_db, sid, it) == ("A", "技術支援")


def test_delete_clears_and_ctrl_z_restores_code_and_note(qtbot, view, seeded_db):
    page, model = view.matrix, view.matrix.model
    sid, legal = step_id(model, "メール配信", "承認"), party(model, "法務部")
    press(qtbot, view, sid, legal, Qt.Key.Key_Delete)
    assert stored(seeded_db, sid, legal) is None and model.index_of(sid, legal).data() is None
    assert raci_audit(seeded_db)[-1].action == "delete"
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    page.grid.setFocus()
    with qtbot.waitSignal(page.issuesRefreshed, timeout=10000):
        qtbot.keyClick(page.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(seeded_db, sid, legal) == ("C", "法的確認")
    assert raci_audit(seeded_db)[-1].action == "create"


def test_several_cells_at_once_are_one_undo_step(qtbot, view, seeded_db):
    page, model = view.matrix, view.matrix.model
    pr = party(model, "広報")
    steps = [step_id(model, "サイト更新", s) for s in ("更新計画", "コンテンツ作成", "コーディング")]
    selection = QItemSelection()
    for sid in steps:
        index = model.index_of(sid, pr)
        selection.select(index, index)
    page.grid.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    page.grid.setFocus()
    with qtbot.waitSignal(page.issuesRefreshed, timeout=10000):
        qtbot.keyClick(page.grid, Qt.Key.Key_I)
    assert [stored(seeded_db, s, pr) for s in steps] == [("I", None)] * 3
    assert page.undo_stack.count() == 1
    with qtbot.waitSignal(page.issuesRefreshed, timeout=10000):
        page.undo_stack.undo()
    assert [stored(seeded_db, s, pr) for s in steps] == [None] * 3


def test_context_menu_and_note(qtbot, view, seeded_db):
    page, model = view.matrix, view.matrix.model
    sid, pr = step_id(model, "LINE配信", "効果測定"), party(model, "広報")
    page.select_cell(sid, pr)
    menu = page.grid.build_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:6] == ["R  実行責任者（Responsible）: 作業を行う",
                         "A  説明責任者（Accountable）: 結果に責任を持ち承認する（1つだけ）",
                         "C  協議先（Consulted）: 事前に相談を受ける", "I  報告先（Informed）: 結果の報告を受ける",
                         "クリア", "備考を編集…"]
    with qtbot.waitSignal(page.issuesRefreshed, timeout=10000):
        menu.actions()[2].trigger()  # C
    assert stored(seeded_db, sid, pr) == ("C", None)
    with qtbot.waitSignal(page.issuesRefreshed, timeout=10000):
        assert page.set_note(sid, pr, "炎上リスク確認")
    assert stored(seeded_db, sid, pr) == ("C", "炎上リスク確認")
    assert "炎上リスク確認" in model.index_of(sid, pr).data(Qt.ItemDataRole.ToolTipRole)


def test_a_conflicting_save_shows_why_and_reloads(qtbot, view, seeded_db, editor):
    page, model = view.matrix, view.matrix.model
    sid, it = step_id(model, "広告配信", "配信・運用"), party(model, "情報システム部")
    seen = model.cell(sid, it)
    raci.set_cell(seeded_db, editor, sid, it, "I", "他の人の変更", expected_version=seen.version)  # behind the view's back
    page.select_cell(sid, it)
    page.grid.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(page.grid, Qt.Key.Key_R)
    assert "他の人がこのセルを変更しました" in page.last_message.text()
    assert stored(seeded_db, sid, it) == ("I", "他の人の変更") and model.index_of(sid, it).data() == "I"
    assert page.undo_stack.count() == 0


def test_undo_is_refused_when_the_cell_changed_since(qtbot, view, seeded_db, editor):
    page, model = view.matrix, view.matrix.model
    sid, pr = step_id(model, "キャンペーン実施", "準備"), party(model, "広報")
    press(qtbot, view, sid, pr, Qt.Key.Key_C)
    cell = raci.find_step(seeded_db, sid).cells[pr]
    raci.set_cell(seeded_db, editor, sid, pr, "I", expected_version=cell.version)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.reload()
    page.undo_stack.undo()
    assert "元に戻す・やり直すことはできません" in page.last_message.text()
    assert stored(seeded_db, sid, pr) == ("I", None) and page.undo_stack.count() == 0


def test_a_viewer_cannot_change_cells(qtbot, seeded_db, viewer):
    v = make_view(qtbot, seeded_db, viewer)
    page, model = v.matrix, v.matrix.model
    sid, it = step_id(model, "メール配信", "企画立案"), party(model, "情報システム部")
    before = len(raci_audit(seeded_db))
    page.select_cell(sid, it)
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_A)
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert stored(seeded_db, sid, it) == ("C", "技術支援") and len(raci_audit(seeded_db)) == before
    assert "閲覧のみ" in page.hint.text()
    QThreadPool.globalInstance().waitForDone(10000)


def test_threshold_changes_the_overload_check(qtbot, view):
    page = view.matrix
    assert sum("上限の8件を超えています" in page.issues.item(i).text() for i in range(page.issues.count())) == 2
    with qtbot.waitSignal(page.issuesRefreshed, timeout=10000):
        page.threshold.setValue(15)
    texts = [page.issues.item(i).text() for i in range(page.issues.count())]
    assert sum("上限の15件を超えています" in t for t in texts) == 1 and not any("上限の8件" in t for t in texts)


# --- the other tabs ---------------------------------------------------------------------------

@pytest.fixture
def staffed(seeded_db, admin):
    marketing = next(d.id for d in org.list_departments(seeded_db) if d.name == "マーケティング部")
    org.create_staff(seeded_db, admin, "田中 一郎", email="tanaka@example.jp", department_id=marketing)
    org.create_staff(seeded_db, admin, "佐藤 花子", email="sato@example.jp")
    org.assign_role(seeded_db, admin, "部門長", "田中 一郎", start_date=date(2026, 1, 1))
    org.assign_role(seeded_db, admin, "部門長", "佐藤 花子", kind="deputy", start_date=date(2026, 1, 1))
    return seeded_db


def test_who_does_what_and_leaver_impact(qtbot, staffed, admin):
    v = make_view(qtbot, staffed, admin)
    v.show_tab(v.people)
    people = v.people
    people.select_person(org.get_staff(staffed, "田中 一郎").id)
    groups = {people.duties_tree.topLevelItem(i).text(0): people.duties_tree.topLevelItem(i)
              for i in range(people.duties_tree.topLevelItemCount())}
    assert "業務ステップ（RACI） (50)" in groups  # 30 via the department, 20 as 部門長
    assert groups["承認 (1)"].child(0).text(0) == "キャンペーンページ"
    assert groups["この人の代行者 (1)"].child(0).text(1) == "佐藤 花子"
    impact = {people.impact_tree.topLevelItem(i).text(0): people.impact_tree.topLevelItem(i)
              for i in range(people.impact_tree.topLevelItemCount())}
    assert set(impact) == {"担当者がいなくなる役割 (1)", "その役割の RACI (20)", "承認 (1)"}
    role_item = impact["担当者がいなくなる役割 (1)"].child(0)
    assert role_item.text(0) == "部門長" and not people.successor_button.isEnabled()
    people.impact_tree.setCurrentItem(role_item)
    assert people.successor_button.isEnabled()
    people.assign_successor()
    dialog = people.dialog
    dialog.set_value("person", org.get_staff(staffed, "佐藤 花子").id)
    dialog.accept()
    assert "佐藤 花子" in [r.holders for r in org.list_job_roles(staffed) if r.name == "部門長"][0]
    qtbot.waitUntil(lambda: people.impact_tree.topLevelItemCount() > 0)
    assert "他の担当者が残る役割 (1)" in [people.impact_tree.topLevelItem(i).text(0)
                                        for i in range(people.impact_tree.topLevelItemCount())]
    QThreadPool.globalInstance().waitForDone(10000)


def test_organisation_tab_adds_and_records_a_leaver(qtbot, staffed, admin):
    v = make_view(qtbot, staffed, admin)
    v.show_tab(v.organisation)
    page = v.organisation
    page.buttons["dep_add"].click()
    page.dialog.set_value("name", "物流部")
    page.dialog.set_value("name_en", "Logistics")
    page.dialog.accept()
    assert "物流部" in [d.name for d in page.departments_model.rows()]
    page.staff.selectRow(page.staff_model.find(org.get_staff(staffed, "田中 一郎").id))
    page.buttons["leave"].click()
    dialog = page.dialog
    assert dialog.summary.text() == "22 件の担当者がいなくなります。後任を決めてください。"  # role, 20 cells, approval
    dialog.day.setText((records.today_jst() - timedelta(days=1)).isoformat())  # left yesterday
    dialog.accept()
    assert org.get_staff(staffed, "田中 一郎").status == "left"
    assert [r.holders for r in page.roles_model.rows() if r.name == "部門長"] == [()]
    # the matrix tab is stale and reloads with the new issue when shown again
    with qtbot.waitSignal(v.matrix.loaded, timeout=10000):
        v.show_tab(v.matrix)
    QThreadPool.globalInstance().waitForDone(10000)


def test_calendar_tab_marks_done_and_highlights_overdue(qtbot, seeded_db, admin):
    v = make_view(qtbot, seeded_db, admin)
    v.show_tab(v.calendar)
    page = v.calendar
    later = records.today_jst() + timedelta(days=7)
    page.today.setDate(later)  # a week after the duties were added: the weekdays in between are overdue
    model = page.occurrences_model
    overdue = [model.row_at(r) for r in range(model.rowCount()) if model.row_at(r).status == "overdue"]
    assert overdue and all(o.due_date < later for o in overdue)
    first = model.index(0, OccurrenceColumn.STATUS)
    assert first.data() == "期限超過" and first.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fbdada"
    assert page.summary.text().startswith(f"期限超過 {len(overdue)} 件")
    target = overdue[0]
    page.occurrences.selectRow(0)
    page.note.setText("朝会で確認")
    page.done_button.click()
    marked = [o for o in calendar.between(seeded_db, target.due_date, target.due_date, later)
              if o.duty_id == target.duty_id]
    assert [(o.status, o.by, o.note) for o in marked] == [("done", "admin", "朝会で確認")]
    assert len([o for o in page.occurrences_model.rows() if o.status == "overdue"]) == len(overdue) - 1
    v.calendar.tabs.setCurrentIndex(1)
    assert page.duties_model.rowCount() == 22
    QThreadPool.globalInstance().waitForDone(10000)


def test_approval_levels_tab_and_every_tab_renders(qtbot, view, tmp_path):
    view.show_tab(view.approvals)
    model = view.approvals.model
    assert [(model.row_at(r).update_type, model.row_at(r).level) for r in range(model.rowCount())] == [
        ("商品情報更新", "チームリーダー"), ("キャンペーンページ", "部門長"), ("お知らせ・ブログ", "チームリーダー"),
        ("サイト構造変更", "役員会"), ("システム機能更新", "役員会")]
    assert "チームリーダー < 部門長 < 役員会" in view.approvals.levels.text()
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert titles == ["マトリクス", "組織", "担当一覧", "業務カレンダー", "承認レベル"]
    for i, page in enumerate(view.pages):
        view.tabs.setCurrentIndex(i)
        image = view.grab().toImage()
        assert image.width() == 1280 and not image.isNull()
        assert image.save(str(tmp_path / f"raci_{i}.png"))
