"""The training catalogue in the GUI over a real database: the course editor, certifications
and awards (with a re-issue), and sessions with attendees and attendance. Each dialog is
filled in, accepted, and what it saved is read back through the services."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime

from ecmanual.importers.values import JST
from ecmanual.services import training, training_certs, training_onboarding as onb, training_sessions
from ecmanual.services import training_status as ts
from ecmanual.ui import feedback
from ecmanual.ui.context import UiContext
from ecmanual.ui.dialogs.training_course import check_items
from ecmanual.ui.models.training_catalog import (
    AttendeesModel, CertificationsModel, CourseColumn, CoursesModel, HoldersModel,
)
from ecmanual.ui.tables import select_record
from ecmanual.ui.views.training import TrainingView

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 5)


@pytest.fixture
def people(seeded_db, admin):
    onb.hire_person(seeded_db, admin, "佐藤 美咲", department="情報システム部", roles=["KARTE管理責任者"],
                    hire_date="2025-04-01", kana="サトウ ミサキ")
    onb.hire_person(seeded_db, admin, "鈴木 健", department="法務部", hire_date="2024-06-01")
    return seeded_db


def view_of(qtbot, db, actor) -> TrainingView:
    view = TrainingView(UiContext(db, actor, "test.sqlite3"), today=TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitUntil(lambda: view.task is not None and view.task.done and not view.loading, timeout=10000)
    return view


def matrix_headers(view) -> list[str]:
    m = view.matrix_model
    return [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]


def test_catalog_models_pass_the_model_tester(qtmodeltester, people, admin):
    courses = CoursesModel()
    courses.set_rows(training.list_courses(people, admin))
    qtmodeltester.check(courses)
    assert courses.index(1, CourseColumn.RULE).data() == "4月・10月"  # 個人情報保護研修, 年2回
    assert courses.index(1, CourseColumn.AUDIENCE).data() == "全従業員"
    certs = CertificationsModel()
    certs.set_rows(training_certs.list_certifications(people, admin))
    qtmodeltester.check(certs)
    training_certs.award_certification(people, admin, "佐藤 美咲", "KARTE運用認定", "2026-01-10")
    holders = HoldersModel()
    holders.set_rows(training_certs.holders(people, admin, "KARTE運用認定"))
    qtmodeltester.check(holders)
    assert [holders.index(0, c).data() for c in range(3)] == ["佐藤 美咲", "2026/01/10", "2027/01/10"]
    t = training_sessions.schedule_session(people, admin, "リスク管理研修", "2026-11-20 14:00",
                                           attendees=["佐藤 美咲", "鈴木 健"])
    training_sessions.record_attendance(people, admin, t.id, "鈴木 健", True, passed=False, score=40)
    attendees = AttendeesModel()
    attendees.set_rows(training_sessions.list_sessions(people, admin)[0].attendees)
    qtmodeltester.check(attendees)
    assert [attendees.index(1, c).data() for c in range(4)] == ["鈴木 健", "はい", "不合格", "40"]


def test_course_editor_creates_a_course_the_matrix_requires(qtbot, people, admin):
    view = view_of(qtbot, people, admin)
    view.tabs.setCurrentWidget(view.courses)
    dialog = view.courses.new_course()
    assert dialog.owner.currentText() == "教育担当"  # the training coordinator by default
    dialog.name.setText("情報セキュリティ研修")
    dialog.category.setCurrentText("必須トレーニング")
    dialog.mandatory.setChecked(True)
    dialog.set_recurrence("fixed_months")
    assert dialog.months[3].isEnabled() and not dialog.interval.isEnabled()
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "月" in dialog.error.text()
    dialog.set_months({4, 10})
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "受講対象" in dialog.error.text()
    check_items(dialog.departments, ["情報システム部"])
    check_items(dialog.roles, ["配信運用担当"])
    dialog.hire_days.setValue(14)
    dialog.validity.setValue(6)
    dialog.frequency.setText("年2回")
    dialog.materials.setPlainText("https://example.jp/security\n\\\\fileserver\\研修\\security.pdf")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()

    c = training.get_course(people, admin, "情報セキュリティ研修")
    assert (c.category, c.mandatory, c.audience_all, c.recurrence, c.fixed_months, c.on_hire_days,
            c.validity_months, c.frequency_label, c.owner_role) == \
        ("必須トレーニング", True, False, "fixed_months", "4,10", 14, 6, "年2回", "教育担当")
    assert (c.departments, c.roles) == (("情報システム部",), ("配信運用担当",))
    assert c.materials.splitlines()[0] == "https://example.jp/security"
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert view.courses.current().id == c.id
    qtbot.waitUntil(lambda: view.task.done and "情報セキュリティ研修" in matrix_headers(view), timeout=10000)
    req = next(r for r in ts.person_requirements(people, admin, "佐藤 美咲", TODAY) if r.name == "情報セキュリティ研修")
    assert req.status != "not_applicable"


def test_course_edit_is_refused_after_someone_elses_save_then_saved(qtbot, people, admin, editor):
    view = view_of(qtbot, people, admin)
    assert select_record(view.courses.table, training.get_course(people, admin, "リスク管理研修").id)
    dialog = view.courses.edit_course()
    assert dialog.name.text() == "リスク管理研修" and dialog.all_staff.isChecked()
    training.update_course(people, editor, "リスク管理研修", description="別の画面から")  # version moves on
    dialog.set_recurrence("every_n_months")
    dialog.interval.setValue(6)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert feedback.last_message is not None and feedback.last_message.text() == dialog.error.text() != ""
    feedback.last_message.close()
    assert training.get_course(people, admin, "リスク管理研修").recurrence == "yearly"

    view.courses.reload()
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    dialog = view.courses.edit_course()
    assert dialog.description.toPlainText() == "別の画面から"
    dialog.set_recurrence("every_n_months")
    dialog.interval.setValue(6)
    dialog.chosen.setChecked(True)
    check_items(dialog.departments, ["法務部"])
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    c = training.get_course(people, admin, "リスク管理研修")
    assert (c.recurrence, c.interval_months, c.audience_all, c.departments) == ("every_n_months", 6, False, ("法務部",))
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert view.courses.model.index(view.courses.model.find(c.id), CourseColumn.RULE).data() == "6か月ごと"


def test_mark_content_updated_and_delete(qtbot, people, admin, tmp_path):
    view = view_of(qtbot, people, admin)
    karte = training.get_course(people, admin, "KARTE操作研修")
    training.record_completion(people, admin, "佐藤 美咲", karte.id, "2025-04-05")
    select_record(view.courses.table, karte.id)
    view.courses.updated_on.setDate(QDate(2026, 10, 1))
    assert view.courses.mark_updated()
    assert training.get_course(people, admin, karte.id).content_updated_on == date(2026, 10, 1)
    qtbot.waitUntil(lambda: view.task.done, timeout=10000)
    req = next(r for r in ts.person_requirements(people, admin, "佐藤 美咲", TODAY) if r.name == "KARTE操作研修")
    assert req.reason == "update"  # the 2025 completion predates the new material

    assert not view.courses.delete_course(confirmed=True)  # it has completions: kept as history
    assert "履歴" in feedback.last_message.text() or "history" in feedback.last_message.text()
    feedback.last_message.close()
    new = training.create_course(people, admin, "試験研修", recurrence="on_hire", audience_all=True)
    view.courses.reload(new.id)
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert view.courses.delete_course(confirmed=True)
    assert "試験研修" not in [c.name for c in training.list_courses(people, admin)]
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert view.courses.model.find(new.id) == -1


def test_certifications_create_edit_award_and_reissue(qtbot, people, admin):
    view = view_of(qtbot, people, admin)
    view.tabs.setCurrentWidget(view.certs)
    dialog = view.certs.new_certification()
    dialog.name.setText("ウェブ解析士")
    dialog.kind.setCurrentIndex(dialog.kind.findData("external"))
    dialog.issuer.setText("ウェブ解析士協会")
    dialog.validity.setValue(12)
    dialog.renewal.setText("年1回の更新講座")
    dialog.course.setCurrentIndex(dialog.course.findText("外部セミナー参加"))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    cert = next(c for c in training_certs.list_certifications(people, admin) if c.name == "ウェブ解析士")
    assert (cert.kind, cert.issuer, cert.validity_months, cert.course) == ("external", "ウェブ解析士協会", 12, "外部セミナー参加")

    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    dialog = view.certs.edit_certification()
    assert dialog.name.text() == "ウェブ解析士"
    dialog.validity.setValue(24)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    assert next(c for c in training_certs.list_certifications(people, admin) if c.id == cert.id).validity_months == 24

    misaki = next(r.staff_id for r in view.matrix_model.matrix.rows if r.name == "佐藤 美咲")
    view.certs.staff_id = misaki
    award = view.certs.award()
    assert award.person.currentData() == misaki and award.cert.currentData() == cert.id
    award.issued.setDate(QDate(2026, 4, 1))
    assert award.expiry.text() == "2028/04/01" and award.current.text() == "未保有"
    award.accept()
    assert award.result() == award.DialogCode.Accepted, award.error.text()
    assert "2026/04/01" in view.certs.message.text()

    again = view.certs.award()
    assert "2026/04/01" in again.current.text()  # the award it would renew
    again.issued.setDate(QDate(2026, 3, 1))
    again.accept()
    assert again.result() != again.DialogCode.Accepted and again.error.text()  # not after the current one
    again.issued.setDate(QDate(2026, 11, 5))
    assert again.expiry.text() == "2028/11/05"
    again.accept()
    assert again.result() == again.DialogCode.Accepted, again.error.text()
    history = [a for a in training_certs.awards_of(people, admin, misaki) if a.certification_id == cert.id]
    assert [(a.issued_on, a.expires_on, a.current) for a in history] == [
        (date(2026, 11, 5), date(2028, 11, 5), True), (date(2026, 4, 1), date(2028, 4, 1), False)]
    assert "2026/11/05" in view.certs.message.text() and "2028/11/05" in view.certs.message.text()
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    assert [view.certs.holders.index(0, c).data() for c in range(3)] == ["佐藤 美咲", "2026/11/05", "2028/11/05"]


def test_sessions_schedule_edit_attendance_and_cancel(qtbot, people, admin, tmp_path):
    view = view_of(qtbot, people, admin)
    view.tabs.setCurrentIndex(2)
    dialog = view.schedule_session()
    dialog.course.setCurrentIndex(dialog.course.findText("リスク管理研修"))
    dialog.starts.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(14, 0)))
    dialog.ends.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(16, 0)))
    dialog.place.setText("本社 3F 会議室A")
    dialog.instructor.setText("教育担当 山本")
    dialog.capacity.setValue(2)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    [t] = training_sessions.list_sessions(people, admin)
    assert (t.starts_at.astimezone(JST).replace(tzinfo=None), t.place, t.instructor, t.capacity) == \
        (datetime(2026, 11, 20, 14, 0), "本社 3F 会議室A", "教育担当 山本", 2)

    edit = view.schedule.edit_session()
    assert edit.place.text() == "本社 3F 会議室A" and not edit.course.isEnabled()
    edit.place.clear()
    edit.online.setChecked(True)
    edit.capacity.setValue(3)
    edit.accept()
    assert edit.result() == edit.DialogCode.Accepted, edit.error.text()
    t = training_sessions.list_sessions(people, admin)[0]
    assert (t.place, t.online, t.capacity, t.version) == (None, True, 3, 2)
    assert view.schedule.model.index(0, 2).data() == "オンライン"

    att = view.schedule.manage_attendees()
    ids = {att.person.itemText(i).split("（")[0]: att.person.itemData(i) for i in range(att.person.count())}
    assert att.add_attendee(ids["佐藤 美咲"]) and att.add_attendee(ids["鈴木 健"])
    assert [a.name for a in training_sessions.list_sessions(people, admin)[0].attendees] == ["佐藤 美咲", "鈴木 健"]
    select_record(att.table, ids["鈴木 健"])
    assert att.remove_attendee()
    assert [a.name for a in training_sessions.list_sessions(people, admin)[0].attendees] == ["佐藤 美咲"]
    evidence = tmp_path / "確認テスト.pdf"
    evidence.write_bytes(b"%PDF-1.4 test sheet")
    select_record(att.table, ids["佐藤 美咲"])
    att.attended.setChecked(True)
    att.passed.setChecked(True)
    att.has_score.setChecked(True)
    att.score.setValue(92)
    att.note.setText("確認テスト 92点")
    att.file.setText(str(evidence))
    assert att.record(), att.error.text()
    [done] = [c for c in training.completions_of(people, admin, "佐藤 美咲") if c.course == "リスク管理研修"]
    assert (done.completed_on, done.score, done.passed, done.evidence_note, done.attachment_name, done.session_id) == \
        (date(2026, 11, 20), 92, True, "確認テスト 92点", "確認テスト.pdf", t.id)
    assert training.attachment_file(people, admin, done.attachment_id)[1] == b"%PDF-1.4 test sheet"
    assert done.recorded_by == "管理 太郎"
    assert [att.model.index(0, c).data() for c in range(4)] == ["佐藤 美咲", "はい", "合格", "92"]
    att.reject()
    qtbot.waitUntil(lambda: view.task.done, timeout=10000)

    assert view.schedule.cancel_session(confirmed=True)
    assert training_sessions.list_sessions(people, admin) == [] and view.schedule.model.rowCount() == 0
    assert training.completions_of(people, admin, "佐藤 美咲")[0].session_id is None


def test_viewer_cannot_edit_the_catalog(qtbot, people, viewer):
    view = view_of(qtbot, people, viewer)
    for b in (view.courses.new_button, view.courses.edit_button, view.courses.delete_button,
              view.courses.updated_button, view.certs.new_button, view.certs.award_button,
              view.schedule.schedule_button):
        assert not b.isEnabled()
    assert view.courses.model.rowCount() == len(training.list_courses(people, viewer)) >= 6
