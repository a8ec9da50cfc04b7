"""リスク・インシデント: the register, and an incident walked through the seven-step flow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ecmanual.services import checklists, documents, incidents
from ecmanual.ui.context import UiContext
from ecmanual.ui.dialogs.checklist_run import ChecklistRunDialog
from ecmanual.ui.models.risks import IncidentColumn, IncidentsModel, RiskColumn, RisksModel
from ecmanual.ui.views.risks import RisksView

pytestmark = pytest.mark.gui


def _ctx(db, actor):
    return UiContext(db, actor, "test.sqlite3")


def test_models_pass_the_model_tester_and_colour_levels(qtmodeltester, seeded_db, editor):
    risks = RisksModel()
    risks.set_rows(incidents.list_risks(seeded_db, editor))
    qtmodeltester.check(risks)
    assert risks.data(risks.index(0, RiskColumn.LEVEL)) == "高"
    high = risks.data(risks.index(0, RiskColumn.LEVEL), Qt.ItemDataRole.BackgroundRole).color().name()
    last = risks.rowCount() - 1
    other = risks.data(risks.index(last, RiskColumn.LEVEL), Qt.ItemDataRole.BackgroundRole).color().name()
    assert high == "#f6c9c9" and other != high
    incidents.open_incident(seeded_db, editor, "スパム判定", severity="medium")
    model = IncidentsModel()
    model.set_rows(incidents.list_incidents(seeded_db, editor))
    qtmodeltester.check(model)
    assert model.data(model.index(0, IncidentColumn.NEXT)) == "2. 情報システム部へ報告"
    assert model.data(model.index(0, IncidentColumn.STATUS)) == "対応中"


def test_walk_an_incident_through_the_emergency_flow(qtbot, seeded_db, editor):
    view = RisksView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    assert view.risks_model.rowCount() >= 10 and view.incidents_model.rowCount() == 0
    view.risks_table.selectRow(next(r for r in range(view.risks_model.rowCount())
                                    if view.risks_model.row_at(r).title == "誤配信"))
    new = view.open_new_incident("誤配信")
    assert new.risk.currentData() == "誤配信"
    new.title.setText("テスト文面を全顧客へ配信")
    new.description.setPlainText("本番セグメントでテスト配信が送られた")
    new.severity.setCurrentIndex(new.severity.findData("high"))
    new.buttons.button(new.buttons.StandardButton.Ok).click()
    incident_id = new.incident_id
    page = view.open_incidents[incident_id]
    assert "テスト文面を全顧客へ配信" in page.heading.text() and "誤配信" in page.heading.text()
    assert page.complete_button.text() == "手順 2「情報システム部へ報告」を完了"

    for seq in range(2, 8):
        page.note.setText(f"手順{seq}を実施")
        page.complete_button.click()
    info = incidents.get_incident(seeded_db, editor, incident_id)
    assert info.status == "closed" and [s.note for s in info.steps][1:] == [f"手順{n}を実施" for n in range(2, 8)]
    assert all(s.done_by == "編集 花子" for s in info.steps)
    assert not page.complete_button.isEnabled() and page.complete_button.text() == "全手順完了"
    assert view.incidents_model.data(view.incidents_model.index(0, IncidentColumn.STATUS)) == "完了"

    # 緊急対応連絡: the template opens pre-filled from the incident
    form = page.create_contact()
    assert "テスト文面を全顧客へ配信" in form.fields["problem"].value()
    assert form.fields["occurred_on"].value() == info.occurred_at.astimezone().date().isoformat()
    assert "7. 再発防止策検討" in form.fields["status"].value()
    form.fields["impact"].widget.setPlainText("メール会員 約12,000人")
    form.fields["contacts"].widget.setPlainText("情報システム部門長\n広報")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    saved = documents.get_document(seeded_db, editor, form.document_id)
    assert saved.template == "緊急対応連絡" and saved.values["contacts"] == ["情報システム部門長", "広報"]


def test_the_emergency_checklist_is_one_click_away(qtbot, seeded_db, editor):
    incident_id = incidents.open_incident(seeded_db, editor, "LINE配信が止まった", severity="medium")
    view = RisksView(_ctx(seeded_db, editor))
    qtbot.addWidget(view)
    view.incidents_table.selectRow(0)
    run_page = view.emergency_checklist()
    assert isinstance(run_page, ChecklistRunDialog)
    run = checklists.get_run(seeded_db, editor, run_page.run_id)
    assert run.template == "緊急対応チェックリスト" and f"{incident_id}" in run.subject
    assert [i.text for i in run.items][:2] == ["問題の切り分け", "影響範囲の特定"]
    again = view.open_incidents[incident_id].open_checklist()
    assert again.run_id == run_page.run_id  # the same run reopens, no duplicate
    assert len(checklists.list_runs(seeded_db, editor, template="緊急対応チェックリスト")) == 1


def test_a_viewer_sees_the_register_but_cannot_record(qtbot, seeded_db, editor, viewer):
    incident_id = incidents.open_incident(seeded_db, editor, "スパム判定", severity="low")
    view = RisksView(_ctx(seeded_db, viewer))
    qtbot.addWidget(view)
    assert not view.new_button.isEnabled() and not view.checklist_button.isEnabled()
    page = view.open_incident(incident_id)
    assert not page.complete_button.isEnabled() and not page.contact_button.isEnabled()
