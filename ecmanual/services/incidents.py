"""The risk register and incidents that follow the seven-step emergency flow (緊急対応フロー)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..persistence.base import utcnow
from ..persistence.models import AppUser, Incident, IncidentFlowStep, IncidentStep, Risk
from . import audit
from .context import Actor, Database

LEVELS = ("high", "medium", "low")


@dataclass
class RiskInfo:
    id: int
    title: str
    category: str | None
    level: str
    description: str | None
    countermeasure: str | None
    responsible: str | None


@dataclass
class StepInfo:
    seq: int
    name: str
    done_at: datetime | None
    done_by: str | None
    note: str | None
    guidance: str | None = None


@dataclass
class IncidentInfo:
    id: int
    title: str
    occurred_at: datetime
    severity: str
    status: str
    description: str | None
    risk: str | None
    steps: list[StepInfo] = field(default_factory=list)
    reported_by: str | None = None

    @property
    def next_step(self) -> StepInfo | None:
        return next((st for st in self.steps if st.done_at is None), None)


def list_risks(db: Database, actor: Actor) -> list[RiskInfo]:
    actor.require(Permission.VIEW)
    order = {lvl: i for i, lvl in enumerate(LEVELS)}
    with db.read() as s:
        rows = [RiskInfo(r.id, r.title, r.category, r.level, r.description, r.countermeasure, r.responsible)
                for r in s.scalars(select(Risk).order_by(Risk.sort_order, Risk.id))]
    return sorted(rows, key=lambda r: order.get(r.level, 9))


def open_incident(db: Database, actor: Actor, title: str, description: str | None = None,
                  severity: str = "medium", risk: str | None = None, occurred_at: datetime | None = None) -> int:
    """Open an incident; its steps are the emergency flow's, the first (問題発覚) done now."""
    if severity not in LEVELS:
        raise InputError(f"Severity must be one of {', '.join(LEVELS)}.")
    if not title.strip():
        raise InputError("An incident needs a title.")
    with db.write(actor, Permission.EDIT, "record incidents") as s:
        risk_id = None
        if risk:
            risk_id = s.scalar(select(Risk.id).where(Risk.title == risk))
            if risk_id is None:
                raise NotFound(f"No risk {risk!r} in the register.")
        flow = s.scalars(select(IncidentFlowStep).order_by(IncidentFlowStep.seq)).all()
        if not flow:
            raise InputError("The emergency flow has no steps; load the default content first.")
        now = utcnow()
        inc = Incident(title=title.strip(), description=description, severity=severity, risk_id=risk_id,
                       occurred_at=occurred_at or now, reported_by_user_id=actor.user_id)
        s.add(inc)
        s.flush()
        for i, step in enumerate(flow):
            s.add(IncidentStep(incident_id=inc.id, seq=step.seq, name=step.name,
                               done_at=now if i == 0 else None, done_by_user_id=actor.user_id if i == 0 else None))
        s.flush()
        audit.record(s, actor.username, "create", "incident", inc.id, after=audit.snapshot(inc), summary=inc.title)
        return inc.id


def complete_step(db: Database, actor: Actor, incident_id: int, seq: int, note: str | None = None) -> None:
    """Mark a flow step done with who and when; steps are done in order."""
    with db.write(actor, Permission.EDIT, "record incidents") as s:
        inc = s.get(Incident, incident_id)
        if inc is None:
            raise NotFound(f"No incident {incident_id}.")
        if inc.status == "closed":
            raise InputError(f"Incident {incident_id} is closed.")
        steps = s.scalars(select(IncidentStep).where(IncidentStep.incident_id == inc.id).order_by(IncidentStep.seq)).all()
        step = next((st for st in steps if st.seq == seq), None)
        if step is None:
            raise NotFound(f"Incident {incident_id} has no step {seq}.")
        pending = [st for st in steps if st.seq < seq and st.done_at is None]
        if pending:
            raise InputError(f"Step {pending[0].seq} ({pending[0].name}) comes first.")
        if step.done_at:
            raise InputError(f"Step {seq} ({step.name}) is already done.")
        step.done_at, step.done_by_user_id, step.note = utcnow(), actor.user_id, note
        if all(st.done_at for st in steps):
            inc.status = "closed"
        s.flush()
        audit.record(s, actor.username, "step", "incident", inc.id, after={"seq": seq, "name": step.name, "note": note,
                                                                             "status": inc.status},
                     summary=f"{inc.title}: {step.name}")


def get_incident(db: Database, actor: Actor, incident_id: int) -> IncidentInfo:
    actor.require(Permission.VIEW)
    with db.read() as s:
        inc = s.get(Incident, incident_id)
        if inc is None:
            raise NotFound(f"No incident {incident_id}.")
        names = dict(s.execute(select(AppUser.id, AppUser.display_name)).all())
        risk = s.get(Risk, inc.risk_id) if inc.risk_id else None
        info = IncidentInfo(inc.id, inc.title, inc.occurred_at, inc.severity, inc.status, inc.description,
                            risk.title if risk else None, reported_by=names.get(inc.reported_by_user_id))
        guidance = dict(s.execute(select(IncidentFlowStep.seq, IncidentFlowStep.guidance)).all())
        info.steps = [StepInfo(st.seq, st.name, st.done_at, names.get(st.done_by_user_id), st.note,
                               guidance.get(st.seq))
                      for st in s.scalars(select(IncidentStep).where(IncidentStep.incident_id == inc.id)
                                          .order_by(IncidentStep.seq))]
        return info


def emergency_contact_values(info: IncidentInfo) -> dict:
    """Field values that pre-fill the 緊急対応連絡 template from an incident.

    影響範囲 and 連絡先リスト are left for the person to fill in: the app cannot know them.
    """
    done = [f"{st.seq}. {st.name}({st.done_at.astimezone():%m/%d %H:%M} {st.done_by or ''})" for st in info.steps if st.done_at]
    nxt = info.next_step
    return {
        "problem": f"{info.title}(発生 {info.occurred_at.astimezone():%Y-%m-%d %H:%M})"
                   + (f"\n{info.description}" if info.description else ""),
        "occurred_on": info.occurred_at.astimezone().date().isoformat(),
        "status": "\n".join(done),
        "next_steps": f"次の手順: {nxt.seq}. {nxt.name}" if nxt else "全手順完了",
    }


# --- additions for the GUI ------------------------------------------------------------------

def list_incidents(db: Database, actor: Actor, status: str | None = None) -> list[IncidentInfo]:
    """Incidents newest first, each with its steps (open ones first when no status is given)."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        q = select(Incident.id).order_by(Incident.occurred_at.desc(), Incident.id.desc())
        if status:
            q = q.where(Incident.status == status)
        ids = list(s.scalars(q))
    found = [get_incident(db, actor, i) for i in ids]
    return sorted(found, key=lambda i: i.status != "open") if status is None else found
