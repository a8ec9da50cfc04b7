"""Offboarding: on leaving, open onboarding plans are closed, later training sessions left, and
an offboarding plan lists the person's active accounts for the permission inventory to see
removed (`accounts_to_remove`). `responsibilities.record_leave` offboards in its own transaction.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InputError
from ..domain.permissions import Permission
from ..persistence.base import utcnow
from ..persistence.models import (
    Account, OnboardingItem, OnboardingPlan, SaasSystem, SessionAttendee, Staff, TrainingSession,
)
from . import audit
from .context import Actor, Database
from .organisation import find_staff
from .records import apply_edit, create_record, delete_record
from .training import as_date, day_start
from .training_onboarding import PlanInfo, plan_info

logger = logging.getLogger(__name__)


def start_offboarding(db: Database, actor: Actor, person: str | int, leave_date: date | str) -> PlanInfo:
    """On leaving: open onboarding plans are closed, the person is taken off sessions that have
    not happened yet, and an offboarding plan lists their active accounts to remove (the
    permission inventory reads them with `accounts_to_remove`). Requirements end by themselves
    once the staff record says `left`. `responsibilities.record_leave` does this itself; this call
    is for people whose leave was recorded before it did."""
    day = as_date(leave_date, "leave date")
    if day is None:
        raise InputError("offboarding needs a leave date")
    with db.write(actor, Permission.EDIT, "offboard staff") as s:
        p = find_staff(s, person)
        if offboarding_plan_of(s, p.id) is not None:
            raise InputError(f"{p.name} already has an offboarding plan")
        return plan_info(s, offboard(s, actor, p, day))


def offboarding_plan_of(s: Session, staff_id: int) -> OnboardingPlan | None:
    return s.scalar(select(OnboardingPlan).where(OnboardingPlan.staff_id == staff_id,
                                                 OnboardingPlan.kind == "offboarding")
                    .order_by(OnboardingPlan.id.desc()).limit(1))


def offboarding_in(s: Session, actor: Actor, p: Staff, day: date) -> PlanInfo:
    """Inside the caller's transaction (a leave being recorded): the person's offboarding plan,
    made now unless they already have one."""
    plan = offboarding_plan_of(s, p.id)
    return plan_info(s, plan if plan is not None else offboard(s, actor, p, day))


def offboard(s: Session, actor: Actor, p: Staff, day: date) -> OnboardingPlan:
    """Close the trainings of a leaver and list their accounts to remove (caller's transaction)."""
    for plan in s.scalars(select(OnboardingPlan).where(OnboardingPlan.staff_id == p.id,
                                                       OnboardingPlan.kind == "onboarding",
                                                       OnboardingPlan.status == "open")):
        apply_edit(s, actor, plan, "onboarding_plan", {"status": "closed"}, ("status",))
    later = s.scalars(select(SessionAttendee).join(TrainingSession, TrainingSession.id == SessionAttendee.session_id)
                      .where(SessionAttendee.staff_id == p.id,
                             TrainingSession.starts_at >= day_start(day + timedelta(days=1)))).all()
    for a in later:
        delete_record(s, actor, a, "session_attendee")
    plan = create_record(s, actor, OnboardingPlan(staff_id=p.id, kind="offboarding", start_date=day, status="open"),
                         "onboarding_plan", summary=f"{p.name}: offboarding on {day}")
    accounts = s.execute(select(Account, SaasSystem.name).join(SaasSystem, SaasSystem.id == Account.system_id)
                         .where(Account.staff_id == p.id, Account.status == "active")
                         .order_by(SaasSystem.name, Account.login)).all()
    seq = 0
    for seq, (acc, system) in enumerate(accounts, start=1):
        s.add(OnboardingItem(plan_id=plan.id, seq=seq, kind="account", system_id=acc.system_id,
                             level=acc.native_level, due_date=day,
                             title=f"アカウント削除: {system}({acc.login})"[:200],
                             note=f"account #{acc.id}"))
    if later:
        seq += 1
        s.add(OnboardingItem(plan_id=plan.id, seq=seq, kind="task", due_date=day,
                             title=f"研修の受講予定を取り消した({len(later)}件)",
                             done_at=utcnow(), done_by_user_id=actor.user_id))
    seq += 1
    s.add(OnboardingItem(plan_id=plan.id, seq=seq, kind="task", due_date=day,
                         title="権限台帳で削除を確認する(次回のアカウント取込みで反映)"))
    s.flush()
    audit.record(s, actor.username, "create", "onboarding_item", plan.id,
                 after={"accounts": [a.id for a, _ in accounts], "sessions_left": len(later)},
                 summary=f"{p.name}: {len(accounts)} accounts to remove")
    return plan


def accounts_to_remove(db: Database, actor: Actor) -> list[dict]:
    """Open offboarding account items: what the permission inventory must see removed."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        rows = s.execute(select(OnboardingItem, OnboardingPlan, Staff.name, SaasSystem.name)
                         .join(OnboardingPlan, OnboardingPlan.id == OnboardingItem.plan_id)
                         .join(Staff, Staff.id == OnboardingPlan.staff_id)
                         .join(SaasSystem, SaasSystem.id == OnboardingItem.system_id)
                         .where(OnboardingPlan.kind == "offboarding", OnboardingItem.kind == "account",
                                OnboardingItem.done_at.is_(None))
                         .order_by(OnboardingItem.due_date, OnboardingItem.id)).all()
        return [{"item_id": i.id, "plan_id": plan.id, "staff_id": plan.staff_id, "staff": name, "system_id": i.system_id,
                 "system": system, "level": i.level, "title": i.title, "due_date": i.due_date,
                 "account_id": int(i.note.split("#")[1]) if i.note and i.note.startswith("account #") else None}
                for i, plan, name, system in rows]
