"""Permission review rules over plain data: findings, decisions, remediation, comparison.

Finding kinds (stable codes; details are Japanese, as the records are):
  leaver                 the holder (or the owner of a shared/service account) has left
  unlinked               no person: not linked to staff, or a shared/service account without owner
  shared                 marked as shared by several people
  dormant                no sign-in for more than the system's N days (or none since first seen)
  mfa_off                the system requires MFA and the account has it off
  admin_outside_allowed  the top standard level (管理者) held by someone no policy allows
  level_not_allowed      a lower level held by someone no policy allows
  level_unmapped         the system's own level name maps to no standard level
  new_since_last         not in the previous review of the same system
  privilege_raised       a higher standard level than in the previous review

Level policies: a policy names who may hold a standard level (a department, a job role or
anyone), for one system or all. For a level, the system's own policies replace the global
ones. Holding a level is allowed to whoever may hold it or any higher level; a level with no
policy at or above it is unrestricted. Suspended accounts (they cannot sign in) and accounts
without a person to check get no policy, MFA or dormancy findings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from functools import partial
from operator import attrgetter
from typing import NamedTuple

LEAVER, UNLINKED, SHARED, DORMANT, MFA_OFF = "leaver", "unlinked", "shared", "dormant", "mfa_off"
ADMIN_OUTSIDE, LEVEL_NOT_ALLOWED, LEVEL_UNMAPPED = "admin_outside_allowed", "level_not_allowed", "level_unmapped"
NEW_SINCE_LAST, PRIVILEGE_RAISED = "new_since_last", "privilege_raised"
KINDS = (LEAVER, UNLINKED, SHARED, DORMANT, MFA_OFF, ADMIN_OUTSIDE, LEVEL_NOT_ALLOWED, LEVEL_UNMAPPED,
         NEW_SINCE_LAST, PRIVILEGE_RAISED)
KIND_LABELS_JA = {
    LEAVER: "退職者", UNLINKED: "所有者不明", SHARED: "共有アカウント", DORMANT: "長期未使用", MFA_OFF: "二段階認証なし",
    ADMIN_OUTSIDE: "管理者権限の対象外", LEVEL_NOT_ALLOWED: "権限の対象外", LEVEL_UNMAPPED: "権限の対応なし",
    NEW_SINCE_LAST: "前回以降の新規", PRIVILEGE_RAISED: "権限の引き上げ",
}
DECISIONS = ("keep", "change", "revoke")
DECISION_LABELS_JA = {"keep": "継続", "change": "変更", "revoke": "削除"}
INACTIVE_STATUSES = ("suspended", "removed")


@dataclass(slots=True)
class AccountSnapshot:
    """One account as frozen at review start (stored in the columns of the same names of ReviewAccount)."""

    account_id: int
    system_id: int
    system: str
    login: str
    email: str | None = None
    name: str | None = None
    native_level: str | None = None
    level: str | None = None  # standard level name
    rank: int | None = None  # standard level rank (higher = more privilege)
    mfa: bool | None = None
    last_login: str | None = None  # ISO datetime
    status: str = "active"  # active | suspended | invited
    first_seen: str | None = None  # ISO date
    staff_id: int | None = None  # the linked person
    link_status: str = "none"  # none | auto | uncertain | confirmed
    is_shared: bool = False
    is_service: bool = False
    owner_staff_id: int | None = None  # owner of a shared/service account
    # The person who answers for the account (the linked person, else the owner), as of the snapshot:
    person_id: int | None = None
    person: str | None = None
    person_status: str | None = None  # active | leave | left
    leave_date: str | None = None  # ISO date
    department_id: int | None = None
    department: str | None = None
    role_ids: list[int] = field(default_factory=list)

    def as_dict(self, compact: bool = False) -> dict:
        """Every field; `compact` leaves out the None values (`from_dict` restores them)."""
        if compact:
            d = {k: v for k, v in zip(_FIELD_NAMES, _ATTRS(self)) if v is not None}
        else:
            d = dict(zip(_FIELD_NAMES, _ATTRS(self)))
        d["role_ids"] = list(self.role_ids)
        return d

    @classmethod
    def from_dict(cls, data: Mapping) -> AccountSnapshot:
        try:
            return cls(**data)
        except TypeError:  # keys from another version of the snapshot
            return cls(**{k: data[k] for k in _FIELD_NAMES if k in data})


_FIELD_NAMES = tuple(f.name for f in fields(AccountSnapshot))
_ATTRS = attrgetter(*_FIELD_NAMES)
SNAPSHOT_FIELDS = _FIELD_NAMES  # also the columns of a stored snapshot (persistence: ReviewAccount)


class RuleFacts(NamedTuple):
    """The fields of a snapshot the rules read: what a recompute loads, one tuple per account
    straight from a database row. Flags may be 0/1 there; the rules only test their truth."""

    account_id: int
    system_id: int
    native_level: str | None
    level: str | None
    rank: int | None
    mfa: bool | None
    last_login: str | None
    status: str
    first_seen: str | None
    staff_id: int | None
    is_shared: bool
    is_service: bool
    person_id: int | None
    person: str | None
    person_status: str | None
    leave_date: str | None
    department_id: int | None
    department: str | None
    role_ids: tuple[int, ...] | list[int] | None  # None: none
    review_account_id: int | None = None  # the stored row it was read from (not read by the rules)


RULE_FIELDS = RuleFacts._fields[:-1]  # the snapshot's


@dataclass(frozen=True, slots=True)
class SystemRules:
    """What the rules need of a system."""

    system_id: int
    mfa_required: bool = True
    dormant_days: int = 90
    tracks_last_login: bool = True  # its exports carry a last sign-in column


@dataclass(frozen=True, slots=True)
class LevelPolicyRule:
    """Who may hold a standard level: a department, a job role or anyone; one system or all."""

    level: str
    rank: int
    system_id: int | None = None
    department_id: int | None = None
    role_id: int | None = None
    anyone: bool = False


class FindingOut(NamedTuple):
    """A finding on one account (`account_id` as in the snapshot); a tuple: 230,000 of them
    are made per recompute of a large review."""

    account_id: int
    kind: str
    detail: str


@dataclass(frozen=True, slots=True)
class _Allowed:
    restricted: bool
    anyone: bool
    departments: frozenset[int]
    roles: frozenset[int]

    def admits(self, department_id: int | None, role_ids: Iterable[int]) -> bool:
        if not self.restricted or self.anyone:
            return True
        return (department_id is not None and department_id in self.departments) or any(
            r in self.roles for r in role_ids)


class PolicyIndex:
    """Level policies resolved per system and rank, once per computation."""

    def __init__(self, policies: Iterable[LevelPolicyRule]):
        self._by_level: dict[tuple[int, int | None], list[LevelPolicyRule]] = defaultdict(list)
        self.ranks: set[int] = set()
        for p in policies:
            self._by_level[(p.rank, p.system_id)].append(p)
            self.ranks.add(p.rank)
        self._cache: dict[tuple[int, int], _Allowed] = {}

    def allowed(self, system_id: int, rank: int) -> _Allowed:
        cached = self._cache.get((system_id, rank))
        if cached is not None:
            return cached
        anyone, restricted = False, False
        departments: set[int] = set()
        roles: set[int] = set()
        for r in sorted(x for x in self.ranks if x >= rank):
            rules = self._by_level.get((r, system_id)) or self._by_level.get((r, None)) or []
            for p in rules:
                restricted = True
                anyone = anyone or p.anyone
                if p.department_id is not None:
                    departments.add(p.department_id)
                if p.role_id is not None:
                    roles.add(p.role_id)
        result = _Allowed(restricted, anyone, frozenset(departments), frozenset(roles))
        self._cache[(system_id, rank)] = result
        return result


def _days_since(iso: str, today: date) -> int:
    return (today - date.fromisoformat(iso[:10])).days


_UNSEEN = object()


def _before(today: date, days: int) -> str:
    """The ISO date `days` before today: an ISO date is more than `days` old iff it sorts before it."""
    try:
        return (today - timedelta(days=days)).isoformat()
    except OverflowError:
        return ""


def compute_findings(accounts: Iterable[AccountSnapshot | RuleFacts], systems: Mapping[int, SystemRules],
                     policies: Iterable[LevelPolicyRule], today: date, *, top_rank: int | None = None,
                     previous: Mapping[int, int | None] | None = None,
                     previous_systems: Iterable[int] = ()) -> list[FindingOut]:
    """Every finding on the accounts, in account order then kind order.

    `previous` maps account id -> standard rank in the previous review (None: unmapped level);
    `previous_systems` are the systems that review covered (only those yield new/raised);
    `top_rank` is the rank of 管理者 (default: the highest rank any policy names).
    """
    index = PolicyIndex(policies)
    top = top_rank if top_rank is not None else max(index.ranks, default=None)
    previous = previous or {}
    covered = set(previous_systems)
    today_iso = today.isoformat()
    per_system: dict[int, tuple[SystemRules, str]] = {}  # the rules and the dormancy cut-off date
    gates: dict[tuple[int, int], _Allowed | None] = {}  # (system, rank) -> who may hold it; None: anyone
    texts: dict[tuple, str] = {}  # repeated details made once (dormancy by date, unmapped levels)
    out: list[FindingOut] = []
    add = out.append
    make = partial(tuple.__new__, FindingOut)  # a FindingOut from a tuple, without a Python-level __new__
    inactive = INACTIVE_STATUSES
    for a in accounts:
        aid, sid = a.account_id, a.system_id
        known = per_system.get(sid)
        if known is None:
            rules = systems.get(sid) or SystemRules(sid)
            known = per_system[sid] = (rules, _before(today, rules.dormant_days))
        system, cutoff = known
        active = a.status not in inactive
        person, leave = a.person_id, a.leave_date
        if active and person is not None and (a.person_status == "left" or (leave and leave <= today_iso)):
            add(make((aid, LEAVER, f"{a.person} は {leave or '日付不明'} に退職"
                                   + ("" if a.staff_id is not None else "(所有者)"))))
        if person is None:
            kind = "共有アカウント" if a.is_shared else "サービスアカウント" if a.is_service else None
            add(make((aid, UNLINKED, f"{kind}の所有者が未設定" if kind else "スタッフに紐づいていません")))
        if a.is_shared:
            add(make((aid, SHARED, "共有アカウント" + (f"(権限: {a.native_level})" if a.native_level else ""))))
        if active:
            last = a.last_login
            if last:
                day = last[:10]
                if day < cutoff:
                    text = texts.get((sid, day))
                    if text is None:
                        text = texts[(sid, day)] = (f"最終ログイン {day}({_days_since(day, today)}日前、基準 "
                                                    f"{system.dormant_days}日)")
                    add(make((aid, DORMANT, text)))
            elif system.tracks_last_login:
                seen = a.first_seen
                if seen and seen[:10] < cutoff:
                    add(make((aid, DORMANT, (f"ログイン記録なし(初回取込 {seen[:10]}、基準 "
                                             f"{system.dormant_days}日)"))))
            if system.mfa_required and a.mfa is not None and not a.mfa:
                add(make((aid, MFA_OFF, "二段階認証が無効(必須のシステム)")))
            rank = a.rank
            if rank is not None and person is not None:
                gate = gates.get((sid, rank), _UNSEEN)
                if gate is _UNSEEN:
                    allowed = index.allowed(sid, rank)
                    gate = gates[(sid, rank)] = allowed if allowed.restricted and not allowed.anyone else None
            else:
                gate = None
            if gate is not None and not gate.admits(a.department_id, a.role_ids or ()):
                where = a.department or "所属なし"
                kind = ADMIN_OUTSIDE if top is not None and rank >= top else LEVEL_NOT_ALLOWED
                add(make((aid, kind, f"{a.level}({a.native_level})を {where} の保有者が保持")))
        native = a.native_level
        if a.rank is None and native:
            text = texts.get(native)
            if text is None:
                text = texts[native] = f"権限「{native}」が標準レベルに対応していません"
            add(make((aid, LEVEL_UNMAPPED, text)))
        if sid in covered:
            if aid not in previous:
                add(make((aid, NEW_SINCE_LAST, "前回の棚卸し以降に追加")))
            else:
                before = previous[aid]
                if a.rank is not None and before is not None and a.rank > before:
                    add(make((aid, PRIVILEGE_RAISED, f"前回より上位の権限({a.level})")))
    return out


# ---------------------------------------------------------------- decisions

def decision_problem(decision: str, reason: str | None, *, has_findings: bool, own_account: bool,
                     target_level: str | None = None, levels: Iterable[str] = ()) -> str | None:
    """Why a decision cannot be recorded as given, or None when it can."""
    if decision not in DECISIONS:
        return f"the decision must be one of {', '.join(DECISIONS)}"
    given = bool(reason and reason.strip())
    if own_account and not given:
        return "this is your own account: give a reason for the decision"
    if decision in ("change", "revoke") and not given:
        return f"a {decision} decision needs a reason"
    if decision == "keep" and has_findings and not given:
        return "keeping an account with findings needs a reason"
    if target_level is not None and decision != "change":
        return "a target level is only given with a change decision"
    known = list(levels)
    if target_level is not None and known and target_level not in known:
        return f"unknown level {target_level!r}; the system's levels are {', '.join(known)}"
    return None


def remediation_done(action: str, target_level: str | None, before_native: str | None,
                     now_status: str | None, now_native: str | None) -> bool:
    """Does the account's current state show the change or revocation was carried out?"""
    if action == "revoke":
        return now_status in INACTIVE_STATUSES or now_status is None
    if now_status in INACTIVE_STATUSES or now_status is None:
        return True  # changed by removing it altogether
    if target_level is not None:
        return now_native == target_level
    return now_native != before_native


# ---------------------------------------------------------------- comparison

@dataclass
class SystemComparison:
    """What changed in one system between two reviews."""

    system: str
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    level_changes: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def compare_snapshots(previous: Iterable[AccountSnapshot], current: Iterable[AccountSnapshot]) -> list[SystemComparison]:
    """Added, removed and level changes per system (by account), systems in name order."""
    prev = {a.account_id: a for a in previous}
    cur = {a.account_id: a for a in current}
    out: dict[str, SystemComparison] = {}

    def of(a: AccountSnapshot) -> SystemComparison:
        return out.setdefault(a.system, SystemComparison(a.system))

    def brief(a: AccountSnapshot) -> dict:
        return {"account": a.account_id, "login": a.login, "name": a.name, "level": a.native_level}

    for aid, a in cur.items():
        b = prev.get(aid)
        if b is None:
            of(a).added.append(brief(a))
        elif (b.native_level, b.rank) != (a.native_level, a.rank):
            direction = ("raised" if (a.rank or 0) > (b.rank or 0) else "lowered" if (a.rank or 0) < (b.rank or 0)
                         else "renamed")
            of(a).level_changes.append({**brief(a), "before": b.native_level, "after": a.native_level,
                                        "direction": direction})
    for aid, b in prev.items():
        if aid not in cur:
            of(b).removed.append(brief(b))
    return [out[k] for k in sorted(out)]
