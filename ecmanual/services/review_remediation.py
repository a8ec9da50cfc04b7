"""Remediation of review decisions: every change or revoke is a task with a due date.

A task closes when a later account import shows the change was carried out (the account is
gone or suspended, or its level is the target level / differs from the frozen one), or when
someone records a manual verification with a note. Tasks follow the decision: deciding keep
drops the open task; a closed task stays as the record of work done.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..domain.review_rules import remediation_done
from ..persistence.base import utcnow
from ..persistence.models import Account, AppUser, RemediationTask, Review, ReviewAccount
from . import audit
from .context import Actor, Database

REMEDIATION_DAYS = 14  # days from the decision to carry out a change or revocation


@dataclass(frozen=True)
class RemediationInfo:
    """One remediation task with the account it is about."""

    id: int
    period: str
    account: int
    login: str
    name: str | None
    system: str
    action: str
    target_level: str | None
    level_before: str | None
    due_date: date
    status: str
    closed_by: str | None
    closed_at: datetime | None
    closed_by_user: str | None
    note: str | None
    reason: str | None
    overdue: bool

    def as_dict(self) -> dict:
        return asdict(self)


def _open_task(s: Session, ra_id: int) -> RemediationTask | None:
    return s.scalar(select(RemediationTask).where(RemediationTask.review_account_id == ra_id,
                                                  RemediationTask.status == "open"))


def sync_task(s: Session, actor: Actor, ra: ReviewAccount, on: date) -> dict | None:
    """Make the open task match the account's decision; returns it as a dict (None for keep)."""
    task = _open_task(s, ra.id)
    if ra.decision == "keep":
        if task is not None:
            before = audit.snapshot(task)
            s.delete(task)
            s.flush()
            audit.record(s, actor.username, "delete", "remediation_task", before["id"], before=before,
                         summary=f"{ra.login}: decision changed to keep")
        return None
    if task is None:
        task = RemediationTask(review_account_id=ra.id, action=ra.decision, target_level=ra.target_level,
                               due_date=on + timedelta(days=REMEDIATION_DAYS), status="open")
        s.add(task)
        s.flush()
        audit.record(s, actor.username, "create", "remediation_task", task.id, after=audit.snapshot(task),
                     summary=f"{ra.system} {ra.login}: {ra.decision} by {task.due_date}")
    elif (task.action, task.target_level) != (ra.decision, ra.target_level):
        before = audit.snapshot(task)
        task.action, task.target_level = ra.decision, ra.target_level
        s.flush()
        audit.record(s, actor.username, "update", "remediation_task", task.id, before=before,
                     after=audit.snapshot(task))
    return {"id": task.id, "action": task.action, "target_level": task.target_level, "due_date": task.due_date}


def carried_out(s: Session, system_id: int | None = None, review_id: int | None = None) -> list[RemediationTask]:
    """Open tasks (of a system or a review) whose account's current state shows them done."""
    q = (select(RemediationTask, ReviewAccount.native_level, Account.status, Account.native_level)
         .join(ReviewAccount, ReviewAccount.id == RemediationTask.review_account_id)
         .outerjoin(Account, Account.id == ReviewAccount.account_id)
         .where(RemediationTask.status == "open"))
    if system_id is not None:
        q = q.where(ReviewAccount.system_id == system_id)
    if review_id is not None:
        q = q.where(ReviewAccount.review_id == review_id)
    return [t for t, before, status, native in s.execute(q)
            if remediation_done(t.action, t.target_level, before, status, native)]


def close_tasks(s: Session, actor: Actor, tasks: list[RemediationTask], by: str, note: str) -> list[int]:
    now = utcnow()
    for t in tasks:
        before = audit.snapshot(t)
        t.status, t.closed_by, t.closed_at, t.closed_by_user_id = "closed", by, now, actor.user_id
        t.note = note
        s.flush()
        audit.record(s, actor.username, "update", "remediation_task", t.id, before=before, after=audit.snapshot(t),
                     summary=f"remediation #{t.id} closed ({by}): {note}"[:300])
    return [t.id for t in tasks]


def list_remediation(db: Database, actor: Actor, period: str | int | None = None, *, status: str | None = None,
                     today: date | None = None) -> list[RemediationInfo]:
    """Tasks (of one review, or all), open first, then by due date."""
    from .organisation import today_jst
    from .reviews import find_review

    actor.require(Permission.VIEW)
    today = today or today_jst()
    with db.read() as s:
        names = {u.id: u.display_name or u.username for u in s.scalars(select(AppUser))}
        q = (select(RemediationTask, ReviewAccount, Review.period)
             .join(ReviewAccount, ReviewAccount.id == RemediationTask.review_account_id)
             .join(Review, Review.id == ReviewAccount.review_id))
        if period is not None:
            q = q.where(Review.id == find_review(s, period).id)
        if status is not None:
            q = q.where(RemediationTask.status == status)
        out = []
        for t, ra, label in s.execute(q):
            out.append(RemediationInfo(t.id, label, ra.account_id, ra.login, ra.name, ra.system,
                                       t.action, t.target_level, ra.native_level, t.due_date, t.status,
                                       t.closed_by, t.closed_at, names.get(t.closed_by_user_id), t.note, ra.reason,
                                       t.status == "open" and t.due_date < today))
        return sorted(out, key=lambda x: (x.status != "open", x.due_date, x.system, x.login))


def verify(db: Database, actor: Actor, period: str | int, account: str | int | None = None,
           note: str | None = None, system: str | int | None = None) -> list[int]:
    """Close remediation: with an account, by manual verification (a note is required);
    without, every open task of the review that the imported accounts show done."""
    from .reviews import find_review, find_review_account

    with db.write(actor, Permission.EDIT, "verify remediation") as s:
        r = find_review(s, period)
        if account is None:
            return close_tasks(s, actor, carried_out(s, review_id=r.id), "import",
                               "取込済みのアカウント情報で確認")
        if not (note or "").strip():
            raise InputError("a manual verification needs a note saying how it was checked")
        ra = find_review_account(s, r, account, system)
        task = _open_task(s, ra.id)
        if task is None:
            raise NotFound(f"{ra.login} has no open remediation in {r.period}")
        return close_tasks(s, actor, [task], "manual", note.strip())
