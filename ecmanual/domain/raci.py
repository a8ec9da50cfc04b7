"""RACI validation rules over plain data (no database, no Qt).

Rules (kind codes are stable; messages are Japanese):
  no_accountable         error    a step has no A
  multiple_accountable   error    a step has more than one A
  no_responsible         error    a step has no R
  four_eyes_same_party   error    a four-eyes step where one party is both A and R
  four_eyes_same_person  error    a four-eyes step where the A and R parties are held by
                                  one and the same single person (nobody else can check)
  invalid_code           error    a cell whose code is not R, A, C or I
  no_active_holder       error    a job role with cells but no current holder
  holder_left            error    a current holder or deputy of a job role has left
  holder_leaving         warning  a current holder or deputy has a leave date still ahead
  no_deputy              warning  a job role with cells but no current deputy (代行者)
  no_active_member       warning  a department with cells but no staff in it
  overloaded             warning  a party with more R cells than the threshold (default 8)
Holder and deputy rules look at job roles that have at least one cell.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date

CODES = ("R", "A", "C", "I")
DEFAULT_OVERLOAD = 8
ERROR, WARNING = "error", "warning"

NO_ACCOUNTABLE = "no_accountable"
MULTIPLE_ACCOUNTABLE = "multiple_accountable"
NO_RESPONSIBLE = "no_responsible"
FOUR_EYES_SAME_PARTY = "four_eyes_same_party"
FOUR_EYES_SAME_PERSON = "four_eyes_same_person"
INVALID_CODE = "invalid_code"
NO_ACTIVE_HOLDER = "no_active_holder"
HOLDER_LEFT = "holder_left"
HOLDER_LEAVING = "holder_leaving"
NO_DEPUTY = "no_deputy"
NO_ACTIVE_MEMBER = "no_active_member"
OVERLOADED = "overloaded"
KINDS = (NO_ACCOUNTABLE, MULTIPLE_ACCOUNTABLE, NO_RESPONSIBLE, FOUR_EYES_SAME_PARTY, FOUR_EYES_SAME_PERSON,
         INVALID_CODE, NO_ACTIVE_HOLDER, HOLDER_LEFT, HOLDER_LEAVING, NO_DEPUTY, NO_ACTIVE_MEMBER, OVERLOADED)


def party_key(kind: str, ident: int) -> str:
    """'d:<id>' for a department, 'r:<id>' for a job role."""
    return f"{'d' if kind == 'department' else 'r'}:{ident}"


def parse_party_key(key: str) -> tuple[str, int]:
    """('department' | 'role', id); ValueError on anything else."""
    prefix, _, ident = key.partition(":")
    if prefix not in ("d", "r") or not ident.isdigit():
        raise ValueError(f"not a party key: {key!r} (expected d:<id> or r:<id>)")
    return ("department" if prefix == "d" else "role"), int(ident)


@dataclass(frozen=True)
class Step:
    """A process step; `four_eyes` steps need the A and the R to be different people."""

    id: int
    process: str
    name: str
    four_eyes: bool = False


@dataclass(frozen=True)
class Party:
    """A column of the matrix: a department or a job role."""

    key: str
    name: str
    kind: str  # department | role


@dataclass(frozen=True)
class Cell:
    """One party's code on one step."""

    step_id: int
    party_key: str
    code: str


@dataclass(frozen=True)
class Holder:
    """A person currently assigned to a party: a role's holder or deputy, a department's member."""

    party_key: str
    staff_id: int
    name: str
    kind: str = "holder"  # holder | deputy | member
    left: bool = False  # has left (on or before the day checked)
    leave_date: date | None = None  # set and in the future: leaving


@dataclass(frozen=True)
class RaciIssue:
    """One finding of the validation: a stable kind code and a Japanese message."""

    kind: str
    severity: str
    message: str
    step_id: int | None = None
    party: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _step_label(step: Step) -> str:
    return f"「{step.process} / {step.name}」"


def _step_issues(step: Step, cells: list[Cell], names: dict[str, str],
                 people: dict[str, set[int]], person_names: dict[int, str]) -> list[RaciIssue]:
    out: list[RaciIssue] = []
    label = _step_label(step)
    for c in cells:
        if c.code not in CODES:
            out.append(RaciIssue(INVALID_CODE, ERROR, f"{label}の{names.get(c.party_key, c.party_key)}のコード"
                                 f"「{c.code}」は R/A/C/I のいずれでもありません。", step.id, c.party_key))
    a_parties = [c.party_key for c in cells if c.code == "A"]
    r_parties = [c.party_key for c in cells if c.code == "R"]
    if not a_parties:
        out.append(RaciIssue(NO_ACCOUNTABLE, ERROR, f"{label}に A（説明責任者）がいません。1つだけ設定してください。",
                             step.id))
    elif len(a_parties) > 1:
        who = "、".join(names.get(k, k) for k in a_parties)
        out.append(RaciIssue(MULTIPLE_ACCOUNTABLE, ERROR,
                             f"{label}に A が{len(a_parties)}つあります（{who}）。A は1つだけにしてください。", step.id))
    if not r_parties:
        out.append(RaciIssue(NO_RESPONSIBLE, ERROR, f"{label}に R（実行責任者）がいません。", step.id))
    if step.four_eyes and a_parties and r_parties:
        same = sorted(set(a_parties) & set(r_parties))
        for k in same:
            out.append(RaciIssue(FOUR_EYES_SAME_PARTY, ERROR,
                                 f"{label}はダブルチェック（四つの目）が必要なステップですが、"
                                 f"{names.get(k, k)}が A と R を兼ねています。", step.id, k))
        if not same:
            everyone = set().union(*(people.get(k, set()) for k in a_parties + r_parties))
            if len(everyone) == 1:
                pid = next(iter(everyone))
                out.append(RaciIssue(FOUR_EYES_SAME_PERSON, ERROR,
                                     f"{label}はダブルチェック（四つの目）が必要なステップですが、A と R を担えるのが"
                                     f" {person_names.get(pid, pid)} さん1人だけです。", step.id, a_parties[0]))
    return out


def _role_issues(party: Party, holders: list[Holder], n_cells: int) -> list[RaciIssue]:
    out: list[RaciIssue] = []
    current = [h for h in holders if h.kind == "holder" and not h.left]
    if not current:
        out.append(RaciIssue(NO_ACTIVE_HOLDER, ERROR, f"役割「{party.name}」に現在の担当者がいません"
                             f"（RACI に{n_cells}件）。", party=party.key))
    if not [h for h in holders if h.kind == "deputy" and not h.left]:
        out.append(RaciIssue(NO_DEPUTY, WARNING, f"役割「{party.name}」に代行者がいません。", party=party.key))
    for h in holders:
        what = "代行者" if h.kind == "deputy" else "担当者"
        if h.left:
            when = f"（退職日 {h.leave_date.isoformat()}）" if h.leave_date else ""
            out.append(RaciIssue(HOLDER_LEFT, ERROR, f"役割「{party.name}」の{what} {h.name} さんは退職済みです{when}。"
                                 "後任を割り当ててください。", party=party.key))
        elif h.leave_date:
            out.append(RaciIssue(HOLDER_LEAVING, WARNING, f"役割「{party.name}」の{what} {h.name} さんは"
                                 f" {h.leave_date.isoformat()} に退職予定です。後任を決めてください。", party=party.key))
    return out


def validate(steps: list[Step], parties: list[Party], cells: list[Cell], holders: list[Holder], *,
             overload_threshold: int = DEFAULT_OVERLOAD) -> list[RaciIssue]:
    """Every rule over the whole matrix: step issues in step order, then party issues."""
    names = {p.key: p.name for p in parties}
    by_step: dict[int, list[Cell]] = defaultdict(list)
    for c in cells:
        by_step[c.step_id].append(c)
    by_party: dict[str, list[Holder]] = defaultdict(list)
    people: dict[str, set[int]] = defaultdict(set)
    person_names: dict[int, str] = {}
    for h in holders:
        by_party[h.party_key].append(h)
        person_names[h.staff_id] = h.name
        if h.kind in ("holder", "member") and not h.left:
            people[h.party_key].add(h.staff_id)
    issues: list[RaciIssue] = []
    for step in steps:
        issues.extend(_step_issues(step, by_step.get(step.id, []), names, people, person_names))
    step_ids = {s.id for s in steps}
    n_cells: dict[str, int] = defaultdict(int)
    n_r: dict[str, int] = defaultdict(int)
    for c in cells:
        if c.step_id in step_ids:
            n_cells[c.party_key] += 1
            n_r[c.party_key] += c.code == "R"
    for party in parties:
        if not n_cells[party.key]:
            continue
        if party.kind == "role":
            issues.extend(_role_issues(party, by_party.get(party.key, []), n_cells[party.key]))
        elif not [h for h in by_party.get(party.key, []) if h.kind == "member" and not h.left]:
            issues.append(RaciIssue(NO_ACTIVE_MEMBER, WARNING, f"部署「{party.name}」に在籍中のスタッフがいません"
                                    f"（RACI に{n_cells[party.key]}件）。", party=party.key))
        if n_r[party.key] > overload_threshold:
            issues.append(RaciIssue(OVERLOADED, WARNING, f"{party.name}の R（実行責任者）が{n_r[party.key]}件あり、"
                                    f"上限の{overload_threshold}件を超えています。分担を見直してください。",
                                    party=party.key))
    return issues
