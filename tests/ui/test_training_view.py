"""The training screen over a real database: models (qtmodeltester), the matrix filter, hiring
in the GUI, ticking plan items, and the onboarding PDF exported, read back and rendered."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pypdf
import pytest
from PIL import Image, ImageStat
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from ecmanual.domain import training_rules as rules
from ecmanual.persistence.models import OnboardingItem, OnboardingPlan, Staff
from ecmanual.services import onboarding_templates, training, training_onboarding as onb, training_sessions
from ecmanual.services import training_status as ts
from ecmanual.ui.context import UiContext
from ecmanual.ui.models.training_matrix import FIRST_REQUIREMENT, Role, TrainingMatrixFilter, TrainingMatrixModel
from ecmanual.ui.models.training_plan import ItemColumn, PlanItemsModel
from ecmanual.ui.models.training_record import CompletionsModel, RequirementsModel
from ecmanual.ui.models.training_sessions import SessionsModel
from ecmanual.ui.views.training import TrainingView

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 5)


@pytest.fixture
def people(seeded_db, admin):
    onb.hire_person(seeded_db, admin, "佐藤 美咲", department="情報システム部", roles=["KARTE管理責任者"],
                    hire_date="2025-04-01", kana="サトウ ミサキ")
    onb.hire_person(seeded_db, admin, "鈴木 健", department="法務部", hire_date="2024-06-01")
    training.record_completion(seeded_db, admin, "佐藤 美咲", "KARTE操作研修", "2025-04-05")
    training.record_completion(seeded_db, admin, "佐藤 美咲", "コンプライアンス研修", "2025-11-20")
    training.record_completion(seeded_db, admin, "鈴木 健", "個人情報保護研修", "2026-10-20")
    return seeded_db


def view_of(qtbot, db, actor) -> TrainingView:
    view = TrainingView(UiContext(db, actor, "test.sqlite3"), today=TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitUntil(lambda: view.task is not None and view.task.done and not view.loading, timeout=10000)
    return view


def test_matrix_models_pass_the_model_tester(qtmodeltester, people, admin):
    model = TrainingMatrixModel()
    model.set_matrix(ts.compliance_matrix(people, admin, TODAY))
    qtmodeltester.check(model)
    proxy = TrainingMatrixFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(status=rules.OVERDUE)
    qtmodeltester.check(proxy)
    assert model.rowCount() == 2 and model.columnCount() == FIRST_REQUIREMENT + 6


def test_record_and_plan_models_pass_the_model_tester(qtmodeltester, people, admin):
    reqs = RequirementsModel()
    reqs.set_rows(ts.person_requirements(people, admin, "佐藤 美咲", TODAY))
    qtmodeltester.check(reqs)
    done = CompletionsModel()
    done.set_rows(training.completions_of(people, admin, "佐藤 美咲"))
    qtmodeltester.check(done)
    items = PlanItemsModel(lambda item, d: None)
    items.set_plan(onb.plans_of(people, admin, "佐藤 美咲")[0])
    qtmodeltester.check(items)
    sessions = SessionsModel()
    training_sessions.schedule_session(people, admin, "リスク管理研修", "2026-11-20 14:00", online=True)
    sessions.set_rows(training_sessions.upcoming_sessions(people, admin, TODAY))
    qtmodeltester.check(sessions)
    assert sessions.index(0, 2).data() == "オンライン" and sessions.index(0, 0).data().startswith("2026/11/20 14:00")


def test_matrix_cells_are_coloured_and_worded(people, admin):
    model = TrainingMatrixModel()
    model.set_matrix(ts.compliance_matrix(people, admin, TODAY))
    row = model.find(next(r.staff_id for r in model.matrix.rows if r.name == "佐藤 美咲"))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["氏名", "部署", "KARTE操作研修"] and "KARTE運用認定(認定)" in headers
    compliance = model.index(row, headers.index("コンプライアンス研修"))
    assert compliance.data() == "期限間近 11/20" and compliance.data(Role.STATUS) == "due_soon"
    assert compliance.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#ffeb9c"
    assert "期限: 2026/11/20" in compliance.data(Qt.ItemDataRole.ToolTipRole)
    risk = model.index(row, headers.index("リスク管理研修"))
    assert risk.data() == "期限超過 05/01"


def test_filter_by_department_status_and_name(qtbot, people, admin):
    view = view_of(qtbot, people, admin)
    assert view.matrix_proxy.rowCount() == 2 and "2人中 2人" in view.count.text()
    view.department.setCurrentIndex(view.department.findText("法務部"))
    assert [view.matrix_proxy.index(r, 0).data() for r in range(view.matrix_proxy.rowCount())] == ["鈴木 健"]
    view.department.setCurrentIndex(0)
    view.status.setCurrentIndex(view.status.findData(rules.EXPIRED))
    assert view.matrix_proxy.rowCount() == 0
    view.status.setCurrentIndex(view.status.findData(rules.OVERDUE))
    assert view.matrix_proxy.rowCount() == 2
    view.search.setText("佐藤")
    assert view.matrix_proxy.rowCount() == 1
    view.matrix.selectRow(0)
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)  # the person's record loads on the pool
    assert view.person.title.text() == "佐藤 美咲"
    assert view.person.requirements.rowCount() == 9
    assert "期限超過" in view.reminder.text() and "2026/11/05 時点" in view.reminder.text()


def test_hiring_in_the_gui_creates_the_plan_and_ticking_updates_progress(qtbot, people, admin, tmp_path):
    view = view_of(qtbot, people, admin)
    dialog = view.hire()
    dialog.name.setText("新井 翔")
    dialog.kana.setText("あらい しょう")
    dialog.department.setCurrentIndex(dialog.department.findText("情報システム部"))
    dialog.check_role("配信運用担当")
    dialog.hire_date.setDate(QDate(2026, 11, 2))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    with people.read() as s:
        person = s.scalar(select(Staff).where(Staff.name == "新井 翔"))
        assert person.kana == "アライ ショウ" and person.hire_date == date(2026, 11, 2)
        plan_id = s.scalar(select(OnboardingPlan.id).where(OnboardingPlan.staff_id == person.id))
    assert view.tabs.currentIndex() == 1
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    panel = view.plan
    assert panel.items.plan.id == plan_id and panel.items.rowCount() == len(panel.items.plan.items) >= 10
    assert panel.progress.value() == 0
    qtbot.waitUntil(lambda: view.matrix_model.find(person.id) >= 0, timeout=10000)

    karte = next(r for r in range(panel.items.rowCount()) if panel.items.row_at(r).title == "研修: KARTE操作研修")
    index = panel.items.index(karte, ItemColumn.DONE)
    assert panel.items.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert panel.items.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    total = len(panel.items.plan.items)
    assert panel.items.plan.done_count == 1 and panel.progress.value() == round(100 / total)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert view.plans_model.index(view.plans_model.find(plan_id), 3).data().startswith(f"1 / {total}")
    # The ticked training is a completion: the matrix shows it valid once reloaded.
    with people.read() as s:
        assert s.scalar(select(OnboardingItem.done_at).where(OnboardingItem.id == panel.items.row_at(karte).id))
    qtbot.waitUntil(lambda: view.task.done, timeout=10000)
    row = view.matrix_model.find(person.id)
    assert view.matrix_model.index(row, FIRST_REQUIREMENT).data(Role.STATUS) == "valid"
    page = next(r for r in range(panel.items.rowCount()) if panel.items.row_at(r).kind == "page")
    panel.items.setData(panel.items.index(page, ItemColumn.DONE), Qt.CheckState.Checked.value,
                        Qt.ItemDataRole.CheckStateRole)
    assert panel.items.plan.done_count == 2

    # The plan as the PDF the new hire and the manager sign, read back and looked at.
    out = tmp_path / "onboarding.pdf"
    task = panel.export_pdf(str(out))
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    assert task.state == "ok", task.error
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    for expected in ("オンボーディング計画・研修記録 新井 翔", "本人", "上長", "教育担当", "研修: KARTE操作研修",
                     f"2 / {total} 完了"):
        assert expected in text, expected
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to look at the PDF")
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    assert image.height > image.width and ImageStat.Stat(image).var[0] > 500


def test_refused_tick_leaves_the_box_unchanged(qtbot, people, admin, viewer):
    view = view_of(qtbot, people, viewer)
    assert not view.hire_button.isEnabled() and not view.record_button.isEnabled()
    view.tabs.setCurrentIndex(1)
    items = view.plan.items
    assert items.rowCount() > 0
    index = items.index(0, ItemColumn.DONE)
    assert not items.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not items.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_record_completion_dialog_updates_the_record(qtbot, people, admin):
    view = view_of(qtbot, people, admin)
    view.search.setText("鈴木")
    view.matrix.selectRow(0)
    dialog = view.record_completion()
    assert dialog.person.currentText().startswith("鈴木 健")
    dialog.course.setCurrentIndex(dialog.course.findText("リスク管理研修"))
    dialog.date.setDate(QDate(2026, 11, 4))
    dialog.has_score.setChecked(True)
    dialog.score.setValue(85)
    dialog.accept()
    assert dialog.completion is not None and dialog.completion.score == 85
    qtbot.waitUntil(lambda: view.task.done and view.person.completions.rowCount() == 2, timeout=10000)
    view.person.show_person(view.person.staff_id, TODAY)
    assert view.person.completions.index(0, 1).data() == "リスク管理研修"


def test_template_editor_saves_items(qtbot, people, admin):
    view = view_of(qtbot, people, admin)
    editor = view.templates
    editor.chooser.setCurrentIndex(editor.chooser.findText("法務部 新任者"))
    before = editor.table.rowCount()
    editor.add_row({"kind": "task", "offset_days": 3, "title": "契約書レビューの手順を確認する"})
    assert editor.save(), editor.status.text()
    saved = next(t for t in onboarding_templates.list_templates(people, admin) if t.name == "法務部 新任者")
    assert len(saved.items) == before + 1 and saved.items[-1]["title"] == "契約書レビューの手順を確認する"
    editor.add_row({"kind": "page", "ref": "no-such-page", "offset_days": 0})
    assert not editor.save() and "no-such-page" in editor.status.text()


def test_language_switch_retranslates(qtbot, people, admin):
    from ecmanual.ui import i18n

    view = view_of(qtbot, people, admin)
    i18n.install_language("en")
    qtbot.waitUntil(lambda: view.tabs.tabText(0) == "Compliance")
    assert view.matrix_model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert "overdue or expired" in view.reminder.text() and view.plan.export_button.text() == "PDF for signing…"
    assert view.matrix_model.index(0, FIRST_REQUIREMENT + 3).data().split(" ")[0] in ("Overdue", "Valid", "Due")
    i18n.install_language("ja")
    qtbot.waitUntil(lambda: view.tabs.tabText(0) == "受講状況")
    assert view.status.itemText(1) == "期限超過"
