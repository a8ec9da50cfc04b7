"""Onboarding plans: the plan a new hire gets (trainings with due offsets, manual pages to read
and acknowledge, accounts to request) from the matching templates (`onboarding_templates`),
and progress per person. Offboarding plans are made in `offboarding`.

`hire_person` creates the staff record, the role assignments and the plan in one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InputError
from ..domain.permissions import Permission
from ..domain.review_rules import LevelPolicyRule, PolicyIndex
from ..importers.values import clean
from ..persistence.base import utcnow
from ..persistence.models import (
    Course, LevelPolicy, ManualPage, OnboardingItem, OnboardingPlan, OnboardingTemplate, PageAcknowledgement,
    RoleAssignment, SaasSystem, StandardLevel, Staff, SystemLevel, TrainingRecord,
)
from . import audit, search
from .context import Actor, Database
from .organisation import check_staff, find_staff, is_current, staff_info
from .records import apply_edit, create_record, get_record, today_jst
from .training import _record, as_date, day_start, find_course, find_department, find_role, user_names
from .training_status import Facts

logger = logging.getLogger(__name__)

PLAN_KINDS = ("onboarding", "offboarding")


def offset_label(days: int | None) -> str:
    """初日 / 1週目 / 1か月目 / N日目: how the plan names an item's due offset."""
    if days is None:
        return ""
    if days <= 0:
        return "初日"
    if days <= 7:
        return "1週目"
    if days <= 31:
        return "1か月目"
    return f"{days}日目"


# ---------------------------------------------------------------- plans

@dataclass(frozen=True)
class PlanItemInfo:
    id: int
    seq: int
    kind: str
    title: str
    course_id: int | None
    page_id: int | None
    system_id: int | None
    level: str | None
    due_date: date | None
    offset: str
    done_at: datetime | None
    done_by: str | None
    note: str | None
    version: int

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True)
class PlanInfo:
    """A person's onboarding or offboarding plan and how far it has got."""

    id: int
    staff_id: int
    staff: str
    department: str | None
    kind: str
    start_date: date
    status: str
    items: tuple[PlanItemInfo, ...]
    version: int

    @property
    def done_count(self) -> int:
        return sum(1 for i in self.items if i.done)

    @property
    def progress(self) -> float:
        return self.done_count / len(self.items) if self.items else 1.0

    def as_dict(self) -> dict:
        out = asdict(self)
        out.update(done=self.done_count, total=len(self.items), progress=round(self.progress, 3))
        return out


def plan_info(s: Session, plan: OnboardingPlan, names: dict[int, str] | None = None) -> PlanInfo:
    names = names if names is not None else user_names(s)
    p = s.get(Staff, plan.staff_id)
    items = s.scalars(select(OnboardingItem).where(OnboardingItem.plan_id == plan.id)
                      .order_by(OnboardingItem.seq, OnboardingItem.id))
    return PlanInfo(plan.id, p.id, p.name, p.department.name if p.department else None, plan.kind, plan.start_date,
                    plan.status, tuple(PlanItemInfo(i.id, i.seq, i.kind, i.title, i.course_id, i.page_id, i.system_id,
                                                    i.level, i.due_date,
                                                    offset_label((i.due_date - plan.start_date).days
                                                                 if i.due_date else None),
                                                    i.done_at, names.get(i.done_by_user_id), i.note, i.version)
                                       for i in items), plan.version)


def _templates_for(s: Session, p: Staff, role_ids: list[int]) -> list[OnboardingTemplate]:
    found = []
    for t in s.scalars(select(OnboardingTemplate).order_by(OnboardingTemplate.id)):
        if (t.department_id and t.department_id == p.department_id) or (t.job_role_id and t.job_role_id in role_ids):
            found.append(t)
    return found


def _level_allowed(s: Session, p: Staff, role_ids: list[int], system_id: int, level: str | None) -> bool:
    """May this person hold `level` in the system under the inventory's level policies? (The
    review's own reading of the policies, so onboarding and the review never disagree.)"""
    rank = s.scalar(select(StandardLevel.rank).where(StandardLevel.name == level))
    if rank is None:
        return False
    index = PolicyIndex(LevelPolicyRule(lv.name, lv.rank, x.system_id, x.department_id, x.job_role_id,
                                        x.party_key == "*")
                        for x, lv in s.execute(select(LevelPolicy, StandardLevel).join(StandardLevel)))
    return index.allowed(system_id, rank).admits(p.department_id, role_ids)


def _account_item(s: Session, p: Staff, role_ids: list[int], item: dict) -> dict:
    system = s.scalar(select(SaasSystem).where(SaasSystem.name == item["ref"]))
    out = {"system_id": system.id if system else None, "level": item.get("level")}
    if system is None:
        out["note"] = "システムが権限台帳にありません"
        return out
    names = list(s.scalars(select(SystemLevel.name).join(StandardLevel, StandardLevel.id == SystemLevel.standard_level_id)
                           .where(SystemLevel.system_id == system.id, StandardLevel.name == item.get("level"))
                           .order_by(SystemLevel.id)))
    # The system's own name for the level: the same word if it has it, else the last (least) of those mapped.
    native = item.get("level") if item.get("level") in names else (names[-1] if names else None)
    notes = [f"{system.name}の権限: {native}"] if native else []
    if not _level_allowed(s, p, role_ids, system.id, item.get("level")):
        notes.append("レベルポリシー外の権限のため承認が必要")
    out["note"] = "。".join(notes) or None
    return out


def _build_plan(s: Session, actor: Actor, p: Staff, start: date, role_ids: list[int]) -> OnboardingPlan:
    """The onboarding plan from the matching templates plus any mandatory course the person's
    requirements name that no template lists (due after the course's on-hire days)."""
    merged: dict[tuple[str, str], dict] = {}
    for t in _templates_for(s, p, role_ids):
        for item in t.items or ():
            key = (item["kind"], item.get("ref") or item.get("title") or "")
            if key not in merged or item.get("offset_days", 0) < merged[key].get("offset_days", 0):
                merged[key] = dict(item)
    facts = Facts(s, start, staff_ids=[p.id])
    for c in facts.courses:
        if c.mandatory and ("training", c.name) not in merged and facts.via(c, facts.staff[0]):
            days = facts.rules[c.id].grace_days
            merged[("training", c.name)] = {"kind": "training", "ref": c.name, "title": f"研修: {c.name}",
                                            "offset_days": days}
    if not merged:
        raise InputError(f"no onboarding template or required training applies to {p.name}; "
                         "add a template for the department or role first")
    order = {"page": 0, "account": 1, "training": 2, "task": 3}
    plan = create_record(s, actor, OnboardingPlan(staff_id=p.id, kind="onboarding", start_date=start, status="open"),
                         "onboarding_plan", summary=f"{p.name}: onboarding from {start}")
    items = sorted(merged.values(), key=lambda i: (i.get("offset_days", 0), order[i["kind"]]))
    for seq, item in enumerate(items, start=1):
        cols: dict[str, Any] = {}
        if item["kind"] == "training":
            cols["course_id"] = find_course(s, item["ref"]).id
        elif item["kind"] == "page":
            cols["page_id"] = s.scalar(select(ManualPage.id).where(ManualPage.slug == item["ref"]))
        elif item["kind"] == "account":
            cols.update(_account_item(s, p, role_ids, item))
        s.add(OnboardingItem(plan_id=plan.id, seq=seq, kind=item["kind"], title=item["title"][:200],
                             due_date=start + timedelta(days=int(item.get("offset_days", 0))), **cols))
    s.flush()
    audit.record(s, actor.username, "create", "onboarding_item", plan.id, after=[dict(i) for i in items],
                 summary=f"{p.name}: {len(items)} onboarding items")
    # Trainings already completed since the start count at once.
    done = {c for c, in s.execute(select(TrainingRecord.course_id).where(
        TrainingRecord.staff_id == p.id, TrainingRecord.passed.is_(True), TrainingRecord.completed_on >= start))}
    for item in s.scalars(select(OnboardingItem).where(OnboardingItem.plan_id == plan.id,
                                                       OnboardingItem.course_id.in_(done))):
        apply_edit(s, actor, item, "onboarding_item", {"done_at": utcnow()}, ("done_at",))
    return plan


def _current_role_ids(s: Session, staff_id: int, on: date) -> list[int]:
    return [a.job_role_id for a in s.scalars(select(RoleAssignment).where(RoleAssignment.staff_id == staff_id))
            if is_current(a, on)]


def hire_person(db: Database, actor: Actor, name: str, *, department: str | int, hire_date: date | str,
                roles: list[str | int] | tuple = (), email: str | None = None, kana: str | None = None,
                employment_type: str | None = None, manager: str | int | None = None) -> dict:
    """A new hire: the staff record, their job roles from the hire date and their onboarding
    plan, in one transaction. Returns {"staff": StaffInfo, "plan": PlanInfo}."""
    hired = as_date(hire_date, "hire date")
    if hired is None:
        raise InputError("a hire needs a hire date")
    with db.write(actor, Permission.EDIT, "hire staff") as s:
        dep = find_department(s, department)
        values = {"name": name, "department_id": dep.id, "hire_date": hired, "status": "active"}
        if email:
            values["email"] = email
        if kana:
            values["kana"] = kana
        if employment_type:
            values["employment_type"] = clean(employment_type)
        if manager is not None:
            values["manager_id"] = find_staff(s, manager).id
        p = create_record(s, actor, Staff(**check_staff(s, values)), "staff", summary=f"hired {name}")
        role_ids = []
        for ref in dict.fromkeys(roles):
            r = find_role(s, ref)
            create_record(s, actor, RoleAssignment(job_role_id=r.id, staff_id=p.id, kind="holder", start_date=hired),
                          "role_assignment", summary=f"{p.name}: holder of {r.name}")
            role_ids.append(r.id)
        search.index_record(s, "staff", p.id)
        plan = _build_plan(s, actor, p, hired, role_ids)
        return {"staff": staff_info(p), "plan": plan_info(s, plan)}


def create_onboarding_plan(db: Database, actor: Actor, person: str | int, start_date: date | str | None = None) -> PlanInfo:
    """A plan for someone already on the staff (a transfer or a new role), from today's roles."""
    with db.write(actor, Permission.EDIT, "create onboarding plans") as s:
        p = find_staff(s, person)
        if p.status == "left":
            raise InputError(f"{p.name} has left")
        start = as_date(start_date, "start date") or today_jst()
        return plan_info(s, _build_plan(s, actor, p, start, _current_role_ids(s, p.id, start)))


def plans_of(db: Database, actor: Actor, person: str | int) -> list[PlanInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        p = find_staff(s, person)
        names = user_names(s)
        q = select(OnboardingPlan).where(OnboardingPlan.staff_id == p.id).order_by(OnboardingPlan.start_date.desc(),
                                                                                   OnboardingPlan.id.desc())
        return [plan_info(s, plan, names) for plan in s.scalars(q)]


def list_plans(db: Database, actor: Actor, *, status: str | None = "open", kind: str | None = None) -> list[PlanInfo]:
    """Plans (open ones by default), newest first."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        names = user_names(s)
        q = select(OnboardingPlan).order_by(OnboardingPlan.start_date.desc(), OnboardingPlan.id.desc())
        if status:
            q = q.where(OnboardingPlan.status == status)
        if kind:
            q = q.where(OnboardingPlan.kind == kind)
        return [plan_info(s, plan, names) for plan in s.scalars(q)]


def get_plan(db: Database, actor: Actor, plan_id: int) -> PlanInfo:
    actor.require(Permission.VIEW)
    with db.read() as s:
        return plan_info(s, get_record(s, OnboardingPlan, plan_id, "plan"))


def refresh_plan_status(s: Session, actor: Actor, plan: OnboardingPlan) -> None:
    """open <-> done as the items get ticked (a closed plan stays closed)."""
    if plan.status == "closed":
        return
    left = s.scalar(select(OnboardingItem.id).where(OnboardingItem.plan_id == plan.id,
                                                    OnboardingItem.done_at.is_(None)).limit(1))
    status = "open" if left else "done"
    if status != plan.status:
        apply_edit(s, actor, plan, "onboarding_plan", {"status": status}, ("status",))


def _acknowledge_page(s: Session, actor: Actor, page_id: int, staff_id: int) -> None:
    page = s.get(ManualPage, page_id)
    if page is None or not page.published_version_id:
        return
    if s.scalar(select(PageAcknowledgement.id).where(PageAcknowledgement.version_id == page.published_version_id,
                                                     PageAcknowledgement.staff_id == staff_id)):
        return
    ack = PageAcknowledgement(version_id=page.published_version_id, staff_id=staff_id, at=utcnow())
    s.add(ack)
    s.flush()
    audit.record(s, actor.username, "acknowledge", "manual_page", page.id, after=audit.snapshot(ack),
                 summary=f"{page.title} (onboarding)")


def set_item_done(db: Database, actor: Actor, item_id: int, done: bool = True, *, on: date | str | None = None,
                  note: str | None = None, expected_version: int | None = None) -> PlanInfo:
    """Tick (or untick) a plan item. Ticking a page records the read acknowledgement; ticking a
    training with no completion since the plan started records the completion on `on`."""
    with db.write(actor, Permission.EDIT, "update onboarding plans") as s:
        item = get_record(s, OnboardingItem, item_id, "plan item")
        plan = s.get(OnboardingPlan, item.plan_id)
        if plan.status == "closed":
            raise InputError("this plan was closed")
        day = as_date(on, "date") or today_jst()
        changes: dict[str, Any] = {"done_at": day_start(day) if done else None,
                                   "done_by_user_id": actor.user_id if done else None}
        if note is not None:
            changes["note"] = clean(note, multiline=True) or None
        if done and item.done_at is not None:
            changes.pop("done_at")
            changes.pop("done_by_user_id")
        apply_edit(s, actor, item, "onboarding_item", changes, ("done_at", "done_by_user_id", "note"), expected_version)
        if done and plan.kind == "onboarding":
            if item.kind == "page" and item.page_id:
                _acknowledge_page(s, actor, item.page_id, plan.staff_id)
            elif item.kind == "training" and item.course_id:
                exists = s.scalar(select(TrainingRecord.id).where(
                    TrainingRecord.staff_id == plan.staff_id, TrainingRecord.course_id == item.course_id,
                    TrainingRecord.passed.is_(True), TrainingRecord.completed_on >= plan.start_date).limit(1))
                if not exists:
                    _record(s, actor, s.get(Staff, plan.staff_id), s.get(Course, item.course_id), day,
                            evidence_note="オンボーディング計画で完了を記録")
        refresh_plan_status(s, actor, plan)
        return plan_info(s, plan)
