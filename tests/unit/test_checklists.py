"""Checklist runs: four-eyes approval, approval levels, locking, template versions."""

import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from ecmanual.domain.errors import InputError, PermissionDenied
from ecmanual.persistence.models import ApprovalLevel, AuditEntry, ChecklistTemplate
from ecmanual.services import checklists, users
from ecmanual.services.checklists import ItemSpec

from ..conftest import USER_PASSWORD, password_chosen

ITEMS = [ItemSpec("件名・本文の誤字脱字確認"), ItemSpec("リンク先の正常動作"), ItemSpec("テスト配信結果の確認"),
         ItemSpec("補足メモ", required=False)]


@pytest.fixture
def template(db, admin):
    with db.write(admin) as s:
        s.add_all([ApprovalLevel(name="チームリーダー", rank=1), ApprovalLevel(name="部門長", rank=2),
                   ApprovalLevel(name="役員会", rank=3)])
        s.flush()
        level = s.scalar(select(ApprovalLevel).where(ApprovalLevel.name == "部門長"))
        tpl = ChecklistTemplate(name="メール配信前チェックリスト", category="配信", approval_level_id=level.id)
        s.add(tpl)
        s.flush()
        checklists.create_version(s, admin, tpl, ITEMS, "初版")
    return "メール配信前チェックリスト"


def _tick_required(db, actor, run_id):
    for n in (1, 2, 3):
        checklists.check_item(db, actor, run_id, n)


def test_run_and_approve_by_another_person(db, admin, editor, approver, template):
    users.set_approval_level(db, admin, "approver", "部門長")
    run_id = checklists.start_run(db, editor, template, "4/22 GW先行セール メール配信")
    _tick_required(db, editor, run_id)
    checklists.submit_run(db, editor, run_id)
    checklists.approve_run(db, approver, run_id, "OK")
    run = checklists.get_run(db, editor, run_id)
    assert run.status == "approved" and run.approved_by == "承認 次郎"
    assert all(i.checked_by == "編集 花子" for i in run.items if i.required)
    assert not run.items[3].checked
    with db.read() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "checklist_run")).all()
    assert actions.count("check") == 3 and "submit" in actions and "approve" in actions


def test_runner_cannot_approve_own_run(db, admin, template):
    users.set_approval_level(db, admin, "admin", "役員会")
    run_id = checklists.start_run(db, admin, template, "自分で実行")
    _tick_required(db, admin, run_id)
    checklists.submit_run(db, admin, run_id)
    with pytest.raises(PermissionDenied, match="4眼原則"):
        checklists.approve_run(db, admin, run_id)


def test_approver_without_required_level_refused(db, admin, editor, approver, template):
    users.set_approval_level(db, admin, "approver", "チームリーダー")
    run_id = checklists.start_run(db, editor, template, "件名")
    _tick_required(db, editor, run_id)
    checklists.submit_run(db, editor, run_id)
    with pytest.raises(PermissionDenied, match="部門長"):
        checklists.approve_run(db, approver, run_id)
    users.set_approval_level(db, admin, "approver", None)
    with pytest.raises(PermissionDenied, match="none"):
        checklists.approve_run(db, approver, run_id)


def test_editor_role_cannot_approve_at_all(db, admin, editor, template):
    run_id = checklists.start_run(db, admin, template, "件名")
    _tick_required(db, admin, run_id)
    checklists.submit_run(db, admin, run_id)
    with pytest.raises(PermissionDenied):
        checklists.approve_run(db, editor, run_id)


def test_required_item_unticked_blocks_submit(db, editor, template):
    run_id = checklists.start_run(db, editor, template, "件名")
    checklists.check_item(db, editor, run_id, 1)
    checklists.check_item(db, editor, run_id, 2)
    with pytest.raises(InputError, match="3. テスト配信結果の確認"):
        checklists.submit_run(db, editor, run_id)


def test_approved_run_is_locked(db, admin, editor, approver, template):
    users.set_approval_level(db, admin, "approver", "部門長")
    run_id = checklists.start_run(db, editor, template, "件名")
    _tick_required(db, editor, run_id)
    checklists.submit_run(db, editor, run_id)
    checklists.approve_run(db, approver, run_id)
    with pytest.raises(InputError, match="locked"):
        checklists.check_item(db, editor, run_id, 4)
    with pytest.raises(InputError, match="locked"):
        checklists.check_item(db, editor, run_id, 1, checked=False)
    with pytest.raises(InputError):
        checklists.return_run(db, approver, run_id, "やり直し")


def test_returned_run_can_be_fixed_and_resubmitted(db, admin, editor, approver, template):
    users.set_approval_level(db, admin, "approver", "部門長")
    run_id = checklists.start_run(db, editor, template, "件名")
    _tick_required(db, editor, run_id)
    checklists.submit_run(db, editor, run_id)
    checklists.return_run(db, approver, run_id, "リンク先を再確認してください")
    assert checklists.get_run(db, editor, run_id).status == "returned"
    checklists.check_item(db, editor, run_id, 2, note="再確認済み")
    checklists.submit_run(db, editor, run_id)
    checklists.approve_run(db, approver, run_id)
    assert checklists.get_run(db, editor, run_id).status == "approved"


def test_template_edit_leaves_old_runs_as_they_were(db, editor, template):
    old_run = checklists.start_run(db, editor, template, "旧版での実行")
    new_no = checklists.edit_template(db, editor, template, [ItemSpec("新しい項目A"), ItemSpec("新しい項目B")], "改訂")
    assert new_no == 2
    old = checklists.get_run(db, editor, old_run)
    assert old.version_no == 1 and [i.text for i in old.items] == [i.text for i in ITEMS]
    new = checklists.get_run(db, editor, checklists.start_run(db, editor, template, "新版"))
    assert new.version_no == 2 and [i.text for i in new.items] == ["新しい項目A", "新しい項目B"]


def test_viewer_refused(db, viewer, editor, template):
    with pytest.raises(PermissionDenied):
        checklists.start_run(db, viewer, template, "x")
    run_id = checklists.start_run(db, editor, template, "件名")
    with pytest.raises(PermissionDenied):
        checklists.check_item(db, viewer, run_id, 1)


def test_cli_round_trip(db, db_path, admin, editor, approver, template):
    password_chosen(db, "editor", "approver")
    users.set_approval_level(db, admin, "approver", "部門長")
    env = dict(os.environ, ECMANUAL_PASSWORD=USER_PASSWORD)

    def cli(user, *args):
        return subprocess.run([sys.executable, "-m", "ecmanual", "--db", str(db_path), "--user", user, *args],
                              env=env, capture_output=True, text=True)

    out = cli("editor", "checklist", "run", template, "--subject", "CLIからの実行")
    assert out.returncode == 0, out.stderr
    run_id = out.stdout.strip()
    for n in ("1", "2", "3"):
        assert cli("editor", "checklist", "check", run_id, n).returncode == 0
    assert cli("editor", "checklist", "submit", run_id).returncode == 0
    refused = cli("editor", "checklist", "approve", run_id)
    assert refused.returncode == 3 and "permission denied" in refused.stderr
    assert cli("approver", "checklist", "approve", run_id).returncode == 0
    locked = cli("editor", "checklist", "check", run_id, "4")
    assert locked.returncode == 2 and "locked" in locked.stderr
    assert checklists.get_run(db, admin, int(run_id)).status == "approved"
