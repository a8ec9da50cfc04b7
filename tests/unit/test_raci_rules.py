"""RACI rules (pure and on the database), cell editing with audit and locking, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ecmanual.domain import raci as rules
from ecmanual.domain.errors import ConflictError, InputError, PermissionDenied
from ecmanual.persistence.models import AuditEntry, RaciCell
from ecmanual.services import organisation as org, responsibilities
from ecmanual.services import raci
from tests.conftest import ADMIN_PASSWORD

DATA = Path(__file__).resolve().parent.parent / "data"
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class M:
    """A small matrix that passes every rule; each test breaks and then repairs one thing."""

    steps: list = field(default_factory=lambda: [rules.Step(1, "メール配信", "企画"),
                                                 rules.Step(2, "メール配信", "承認", four_eyes=True)])
    parties: list = field(default_factory=lambda: [rules.Party("d:1", "マーケティング部", "department"),
                                                   rules.Party("r:1", "チームリーダー", "role"),
                                                   rules.Party("r:2", "KARTE管理責任者", "role")])
    cells: list = field(default_factory=lambda: [rules.Cell(1, "d:1", "R"), rules.Cell(1, "r:1", "A"),
                                                 rules.Cell(2, "r:2", "R"), rules.Cell(2, "r:1", "A"),
                                                 rules.Cell(2, "d:1", "I")])
    holders: list = field(default_factory=lambda: [
        rules.Holder("r:1", 1, "佐藤 花子"), rules.Holder("r:1", 2, "山田 太郎", "deputy"),
        rules.Holder("r:2", 3, "鈴木 一郎"), rules.Holder("r:2", 1, "佐藤 花子", "deputy"),
        rules.Holder("d:1", 2, "山田 太郎", "member"), rules.Holder("d:1", 4, "高橋 美咲", "member")])
    threshold: int = 8

    def kinds(self) -> list[str]:
        return [i.kind for i in self.issues()]

    def issues(self):
        return rules.validate(self.steps, self.parties, self.cells, self.holders, overload_threshold=self.threshold)

    def drop_cell(self, step, party):
        self.cells = [c for c in self.cells if (c.step_id, c.party_key) != (step, party)]

    def set_code(self, step, party, code):
        self.drop_cell(step, party)
        self.cells.append(rules.Cell(step, party, code))

    def drop_holders(self, party, kind):
        self.holders = [h for h in self.holders if not (h.party_key == party and h.kind == kind)]


def test_the_baseline_matrix_is_clean():
    assert M().issues() == []


def _many_r(m):
    for i in range(3, 12):
        m.steps.append(rules.Step(i, "サイト更新", f"作業{i}"))
        m.cells += [rules.Cell(i, "d:1", "R"), rules.Cell(i, "r:1", "A")]


def _fewer_r(m):
    m.cells = [c for c in m.cells if not (c.step_id >= 8 and c.party_key == "d:1")]
    m.steps = [s for s in m.steps if s.id < 8]


def _left(m, party, kind):
    m.holders = [replace(h, left=True, leave_date=date(2026, 3, 31)) if (h.party_key, h.kind) == (party, kind) else h
                 for h in m.holders]


def _leaving(m, party, kind):
    m.holders = [replace(h, leave_date=date(2026, 9, 30)) if (h.party_key, h.kind) == (party, kind) else h
                 for h in m.holders]


# kind -> (break the baseline so the rule fires, repair it so the rule clears)
CASES = {
    rules.NO_ACCOUNTABLE: (lambda m: m.drop_cell(1, "r:1"), lambda m: m.set_code(1, "r:2", "A")),
    rules.MULTIPLE_ACCOUNTABLE: (lambda m: m.set_code(1, "r:2", "A"), lambda m: m.set_code(1, "r:2", "C")),
    rules.NO_RESPONSIBLE: (lambda m: m.set_code(1, "d:1", "C"), lambda m: m.set_code(1, "r:2", "R")),
    rules.FOUR_EYES_SAME_PARTY: (lambda m: m.cells.append(rules.Cell(2, "r:1", "R")),
                                lambda m: m.cells.remove(rules.Cell(2, "r:1", "R"))),
    rules.FOUR_EYES_SAME_PERSON: (lambda m: m.drop_holders("r:2", "holder") or
                                  m.holders.append(rules.Holder("r:2", 1, "佐藤 花子")),
                                  lambda m: m.holders.append(rules.Holder("r:2", 3, "鈴木 一郎"))),
    rules.INVALID_CODE: (lambda m: m.set_code(2, "d:1", "X"), lambda m: m.set_code(2, "d:1", "C")),
    rules.NO_ACTIVE_HOLDER: (lambda m: m.drop_holders("r:2", "holder"),
                             lambda m: m.holders.append(rules.Holder("r:2", 5, "田中 健"))),
    rules.HOLDER_LEFT: (lambda m: _left(m, "r:2", "holder"),
                        lambda m: m.drop_holders("r:2", "holder") or m.holders.append(rules.Holder("r:2", 5, "田中 健"))),
    rules.HOLDER_LEAVING: (lambda m: _leaving(m, "r:1", "deputy"),
                           lambda m: m.drop_holders("r:1", "deputy") or
                           m.holders.append(rules.Holder("r:1", 4, "高橋 美咲", "deputy"))),
    rules.NO_DEPUTY: (lambda m: m.drop_holders("r:2", "deputy"),
                      lambda m: m.holders.append(rules.Holder("r:2", 4, "高橋 美咲", "deputy"))),
    rules.NO_ACTIVE_MEMBER: (lambda m: _left(m, "d:1", "member"),
                             lambda m: m.holders.append(rules.Holder("d:1", 6, "伊藤 翔", "member"))),
    rules.OVERLOADED: (_many_r, _fewer_r),
}


def test_every_rule_has_a_case():
    assert set(rules.KINDS) == set(CASES) and len(rules.KINDS) == 12


@pytest.mark.parametrize("kind", sorted(CASES))
def test_rule_fires(kind):
    m = M()
    CASES[kind][0](m)
    found = [i for i in m.issues() if i.kind == kind]
    assert found, m.kinds()
    issue = found[0]
    assert issue.severity in (rules.ERROR, rules.WARNING)
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in issue.message)  # Japanese
    assert issue.step_id is not None or issue.party is not None


@pytest.mark.parametrize("kind", sorted(CASES))
def test_rule_clears(kind):
    m = M()
    CASES[kind][0](m)
    CASES[kind][1](m)
    assert kind not in m.kinds()


def test_overload_threshold_is_configurable():
    m = M()
    _many_r(m)  # d:1 has 10 R cells
    assert rules.OVERLOADED in m.kinds()
    m.threshold = 10
    assert rules.OVERLOADED not in m.kinds()


def test_issue_messages_and_party_keys():
    m = M()
    m.drop_cell(1, "r:1")
    issue = next(i for i in m.issues() if i.kind == rules.NO_ACCOUNTABLE)
    assert issue.step_id == 1 and "メール配信 / 企画" in issue.message and issue.as_dict()["kind"] == "no_accountable"
    assert rules.parse_party_key("r:12") == ("role", 12) and rules.party_key("department", 3) == "d:3"
    with pytest.raises(ValueError):
        rules.parse_party_key("x:1")


# ---------------------------------------------------------------- service level

@pytest.fixture
def matrix(db, admin):
    mkt = org.create_department(db, admin, "マーケティング部")
    org.create_staff(db, admin, "山田 太郎", email="taro@example.jp", department_id=mkt.id)
    org.create_staff(db, admin, "佐藤 花子", email="hanako@example.jp")
    karte = org.create_job_role(db, admin, "KARTE管理責任者")
    org.assign_role(db, admin, karte.id, "佐藤 花子")
    proc = raci.add_process(db, admin, "メール配信")
    plan = raci.add_step(db, admin, proc.id, "企画")
    check = raci.add_step(db, admin, proc.id, "承認", four_eyes=True)
    return {"d": f"d:{mkt.id}", "r": f"r:{karte.id}", "plan": plan.id, "check": check.id, "karte": karte.id,
            "process": proc.id}


def test_service_validate_fires_and_clears(db, admin, matrix):
    kinds = {(i.kind, i.step_id) for i in raci.validate(db)}
    assert {(rules.NO_ACCOUNTABLE, matrix["plan"]), (rules.NO_RESPONSIBLE, matrix["check"])} <= kinds
    raci.set_cell(db, admin, matrix["plan"], matrix["d"], "R")
    raci.set_cell(db, admin, matrix["plan"], matrix["r"], "A")
    raci.set_cell(db, admin, matrix["check"], matrix["d"], "R")
    raci.set_cell(db, admin, matrix["check"], matrix["r"], "A")
    assert [i.kind for i in raci.validate(db)] == [rules.NO_DEPUTY]
    org.assign_role(db, admin, matrix["karte"], "山田 太郎", kind="deputy")
    assert raci.validate(db) == []
    responsibilities.record_leave(db, admin, "佐藤 花子", date(2026, 3, 31))
    kinds = [i.kind for i in raci.validate(db, on=date(2026, 4, 1))]
    assert rules.NO_ACTIVE_HOLDER in kinds
    kinds = [i.kind for i in raci.validate(db, on=date(2026, 3, 1))]
    assert rules.HOLDER_LEAVING in kinds and rules.NO_ACTIVE_HOLDER not in kinds


def test_holder_left_without_leave_flow(db, admin, matrix):
    """Status set to left by an edit or import (assignments not ended) is caught."""
    raci.set_cell(db, admin, matrix["plan"], matrix["r"], "A")
    hanako = org.get_staff(db, "佐藤 花子")
    org.update_staff(db, admin, hanako.id, status="left", leave_date=date(2026, 3, 31))
    issues = raci.validate(db, on=date(2026, 4, 1))
    assert any(i.kind == rules.HOLDER_LEFT and "佐藤 花子" in i.message for i in issues)


def test_set_cell_audit_before_after_and_conflict(db, admin, editor, matrix):
    cell = raci.set_cell(db, editor, matrix["plan"], matrix["d"], "r", note="主担当")
    assert (cell.code, cell.note, cell.version) == ("R", "主担当", 1)
    changed = raci.set_cell(db, editor, matrix["plan"], matrix["d"], "C", expected_version=1)
    assert changed.version == 2
    with db.read() as s:
        e = s.scalars(select(AuditEntry).where(AuditEntry.entity == "raci_cell").order_by(AuditEntry.seq)).all()
        assert [x.action for x in e] == ["create", "update"] and e[1].actor == "editor"
        assert json.loads(e[1].before)["code"] == "R" and json.loads(e[1].after)["code"] == "C"
    with pytest.raises(ConflictError) as c:
        raci.set_cell(db, editor, matrix["plan"], matrix["d"], "A", expected_version=1)  # stale screen
    assert c.value.current["code"] == "C"
    with pytest.raises(ConflictError):
        raci.set_cell(db, editor, matrix["plan"], matrix["r"], "A", expected_version=3)  # saw a cell that is gone
    assert raci.set_cell(db, editor, matrix["plan"], matrix["d"], None, expected_version=2) is None
    with db.read() as s:
        assert s.scalar(select(RaciCell).where(RaciCell.step_id == matrix["plan"])) is None
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last.action == "delete" and json.loads(last.before)["code"] == "C"


def test_set_cell_refuses_bad_input(db, admin, viewer, matrix):
    with pytest.raises(InputError, match="not a RACI code"):
        raci.set_cell(db, admin, matrix["plan"], matrix["d"], "X")
    with pytest.raises(InputError, match="party key"):
        raci.set_cell(db, admin, matrix["plan"], "dept-1", "R")
    with pytest.raises(InputError, match="no role"):
        raci.set_cell(db, admin, matrix["plan"], "r:999", "R")
    with pytest.raises(PermissionDenied):
        raci.set_cell(db, viewer, matrix["plan"], matrix["d"], "R")


def test_processes_and_steps(db, admin, matrix):
    extra = raci.add_step(db, admin, matrix["process"], "配信")
    steps = raci.reorder_steps(db, admin, matrix["process"], [extra.id, matrix["plan"], matrix["check"]])
    assert [(s.name, s.seq) for s in steps] == [("配信", 1), ("企画", 2), ("承認", 3)]
    with pytest.raises(InputError, match="exactly once"):
        raci.reorder_steps(db, admin, matrix["process"], [extra.id])
    raci.update_step(db, admin, extra.id, name="配信・効果測定")
    raci.update_process(db, admin, matrix["process"], name="メール・LINE配信")
    raci.set_cell(db, admin, matrix["plan"], matrix["d"], "R")
    m = raci.load_matrix(db)
    assert m.processes[0].name == "メール・LINE配信"
    assert [s.name for s in m.processes[0].steps] == ["配信・効果測定", "企画", "承認"]
    assert m.processes[0].steps[1].cells[matrix["d"]].code == "R"
    assert [p.key for p in m.parties] == [matrix["d"], matrix["r"]]
    raci.delete_step(db, admin, matrix["plan"])
    assert [(s.name, s.seq) for s in raci.list_processes(db)[0].steps] == [("配信・効果測定", 1), ("承認", 2)]
    assert raci.list_approval_levels(db) == [] and raci.list_update_types(db) == []


# ---------------------------------------------------------------- CLI

def _cli(db_path, *args):
    env = dict(os.environ, ECMANUAL_PASSWORD=ADMIN_PASSWORD)
    return subprocess.run([sys.executable, "-m", "ecmanual", "--db", str(db_path), "--user", "admin", *args],
                          env=env, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_cli_staff_import_and_leave(db, db_path, admin, tmp_path):
    for name in ("マーケティング部", "情報システム部", "カスタマーサポート部", "物流部"):
        org.create_department(db, admin, name)
    ok = _cli(db_path, "staff", "import", str(DATA / "staff_cp932_crlf.csv"), "--json")
    assert ok.returncode == 0, ok.stderr
    summary = json.loads(ok.stdout)
    assert (summary["added"], summary["updated"], summary["unchanged"], summary["errors"]) == (5, 0, 0, [])
    again = _cli(db_path, "staff", "import", str(DATA / "staff.xlsx"))
    assert again.returncode == 0 and "0 added, 0 updated, 5 unchanged" in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_bytes("氏名,メールアドレス,入社日\r\n新人,new@example.jp,2026/13/01\r\n".encode("cp932"))
    refused = _cli(db_path, "staff", "import", str(bad))
    assert refused.returncode == 2
    assert str(bad) in refused.stderr and "row 2" in refused.stderr and "column 入社日" in refused.stderr
    as_json = _cli(db_path, "staff", "import", str(bad), "--json")
    assert as_json.returncode == 2
    assert json.loads(as_json.stdout)["errors"] == [{"row": 2, "column": "入社日",
                                                     "message": "not a valid date: 2026/13/01"}]
    leave = _cli(db_path, "staff", "leave", "山田 太郎", "--date", "2026-04-30")
    assert leave.returncode == 0 and "loses its owner" in leave.stdout
    listed = json.loads(_cli(db_path, "staff", "list", "--json").stdout)
    assert next(p for p in listed if p["name"] == "山田 太郎")["status"] == "left"
    assert _cli(db_path, "staff", "leave", "誰でもない", "--date", "2026-04-30").returncode == 2


def test_cli_raci_validate_and_show(db, db_path, admin, matrix):
    out = _cli(db_path, "raci", "validate", "--json")
    assert out.returncode == 0
    kinds = {i["kind"] for i in json.loads(out.stdout)["issues"]}
    assert {rules.NO_ACCOUNTABLE, rules.NO_RESPONSIBLE} <= kinds
    assert _cli(db_path, "raci", "validate", "--strict").returncode == 2
    raci.set_cell(db, admin, matrix["plan"], matrix["d"], "R", note="主担当")
    shown = _cli(db_path, "raci", "show")
    assert shown.returncode == 0 and "R:マーケティング部(主担当)" in shown.stdout
