"""Quarterly permission reviews (権限棚卸し): start, progress, decisions and four-eyes sign-off.

A review freezes every account when it starts (`review_snapshot`). Each system has a
reviewer (default: the app user of the system's owner); that reviewer or an administrator
records a decision per account (keep / change / revoke, with the reasons the rules ask for).
Change and revoke decisions become remediation tasks (`review_remediation`). The reviewer
signs and submits once every account is decided; a different user with the approve
permission, who decided none of the accounts, approves; the review is then locked.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, NotFound, PermissionDenied
from ..domain.permissions import Permission
from ..domain.review_rules import AccountSnapshot, decision_problem
from ..exports.period import parse_period
from ..persistence.base import utcnow
from ..persistence.models import (
    Account, AppUser, Finding, RemediationTask, Review, ReviewAccount, ReviewSystem, RoleAssignment, SaasSystem,
    SystemLevel,
)
from . import audit
from .context import Actor, CancelFlag, Database, ProgressFn, no_progress
from .inventory import find_system
from .organisation import is_current, today_jst
from .review_snapshot import SNAPSHOT_COLUMNS, gc_paused, load_rule_facts, snapshot_review, store_findings, take_snapshots

logger = logging.getLogger(__name__)


@dataclass
class ReviewSummary:
    """A review with its progress, for the list and the CLI."""

    id: int
    period: str
    started_on: date
    status: str  # open | submitted | approved
    accounts: int
    decided: int
    findings: int
    flagged_accounts: int
    open_remediation: int
    reviewer: str | None
    submitted_at: datetime | None
    approver: str | None
    approved_at: datetime | None
    notes: str | None
    version: int
    reviewer_user_id: int | None = None
    approver_user_id: int | None = None
    systems: list[dict] = field(default_factory=list)  # {system_id, system, reviewer, accounts, decided}

    @property
    def progress(self) -> float:
        return self.decided / self.accounts if self.accounts else 1.0

    def as_dict(self) -> dict:
        return {**asdict(self), "progress": round(self.progress, 4)}


def find_review(s: Session, period: str | int) -> Review:
    text = str(period).strip()
    if text.lstrip("#").isdigit() and (text.startswith("#") or len(text) < 4):
        r = s.get(Review, int(text.lstrip("#")))
    else:
        try:
            label = parse_period(text).label
        except ValueError as exc:
            raise InputError(str(exc)) from None
        r = s.scalar(select(Review).where(Review.period == label))
    if r is None:
        raise NotFound(f"no permission review for {text}")
    return r


def _names(s: Session) -> dict[int, str]:
    return {u.id: u.display_name or u.username for u in s.scalars(select(AppUser))}


def _summary(s: Session, r: Review, names: dict[int, str]) -> ReviewSummary:
    ra = ReviewAccount
    per_system = s.execute(
        select(ra.system_id, func.count(), func.count(ra.decision)).where(ra.review_id == r.id).group_by(ra.system_id)
    ).all()
    counts = {sid: (n, d) for sid, n, d in per_system}
    systems = []
    for rs, name in s.execute(select(ReviewSystem, SaasSystem.name).join(SaasSystem)
                              .where(ReviewSystem.review_id == r.id).order_by(SaasSystem.id)):
        n, d = counts.get(rs.system_id, (0, 0))
        systems.append({"system_id": rs.system_id, "system": name, "reviewer_user_id": rs.reviewer_user_id,
                        "reviewer": names.get(rs.reviewer_user_id), "accounts": n, "decided": d})
    findings, flagged = s.execute(select(func.count(), func.count(func.distinct(Finding.review_account_id)))
                                  .where(Finding.review_id == r.id)).one()
    open_tasks = s.scalar(select(func.count()).select_from(RemediationTask).join(ra).where(
        ra.review_id == r.id, RemediationTask.status == "open"))
    return ReviewSummary(r.id, r.period, r.started_on, r.status, sum(n for n, _ in counts.values()),
                         sum(d for _, d in counts.values()), findings, flagged, open_tasks,
                         names.get(r.reviewer_user_id), r.submitted_at, names.get(r.approver_user_id), r.approved_at,
                         r.notes, r.version, r.reviewer_user_id, r.approver_user_id, systems)


def list_reviews(db: Database, actor: Actor) -> list[ReviewSummary]:
    """Every review, newest first, with progress."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        names = _names(s)
        return [_summary(s, r, names) for r in s.scalars(select(Review).order_by(Review.started_on.desc(),
                                                                                   Review.id.desc()))]


def get_review(db: Database, actor: Actor, period: str | int) -> ReviewSummary:
    actor.require(Permission.VIEW)
    with db.read() as s:
        return _summary(s, find_review(s, period), _names(s))


def default_reviewer(s: Session, system: SaasSystem, on: date) -> int | None:
    """The active app user of the system's owner: the owner person, else a current holder of the owner role."""
    people = []
    if system.owner_staff_id:
        people.append(system.owner_staff_id)
    if system.owner_role_id:
        people += [a.staff_id for a in s.scalars(select(RoleAssignment).where(
            RoleAssignment.job_role_id == system.owner_role_id).order_by(
            case((RoleAssignment.kind == "holder", 0), else_=1), RoleAssignment.id)) if is_current(a, on)]
    for pid in people:
        uid = s.scalar(select(AppUser.id).where(AppUser.staff_id == pid, AppUser.active.is_(True)).order_by(AppUser.id))
        if uid is not None:
            return uid
    return None


def start_review(db: Database, actor: Actor, period: str, on: date | None = None,
                 progress: ProgressFn | None = None, cancel: CancelFlag | None = None) -> ReviewSummary:
    """Open the review of a period, freezing every account and computing the findings."""
    try:
        label = parse_period(period).label
    except ValueError as exc:
        raise InputError(str(exc)) from None
    on = on or today_jst()
    progress = progress or no_progress
    with db.write(actor, Permission.EDIT, "start permission reviews") as s:
        if s.scalar(select(Review.id).where(Review.period == label)) is not None:
            raise InputError(f"a permission review for {label} already exists")
        r = Review(period=label, started_on=on, status="open")
        s.add(r)
        s.flush()
        for x in s.scalars(select(SaasSystem).where(SaasSystem.active.is_(True)).order_by(SaasSystem.id)):
            s.add(ReviewSystem(review_id=r.id, system_id=x.id, reviewer_user_id=default_reviewer(s, x, on)))
        s.flush()
        with gc_paused():
            accounts, findings = snapshot_review(s, r, progress, cancel)
        audit.record(s, actor.username, "create", "review", r.id, after=audit.snapshot(r),
                     summary=f"permission review {label} started on {on}: {accounts} accounts, {findings} findings")
        return _summary(s, r, _names(s))


def refresh_findings(db: Database, actor: Actor, period: str | int) -> int:
    """Recompute an open review's findings from its snapshot (after policy or system changes)."""
    with db.write(actor, Permission.EDIT, "recompute review findings") as s:
        r = find_review(s, period)
        require_open(r)
        with gc_paused():
            snaps, ra_ids = load_rule_facts(s, r.id)
            n = store_findings(s, r, snaps, ra_ids)
            del snaps, ra_ids  # freed here, not at the next collection
        audit.record(s, actor.username, "update", "review", r.id, summary=f"findings of {r.period} recomputed: {n}")
        return n


def require_open(r: Review) -> None:
    if r.status == "approved":
        raise InputError(f"the review {r.period} is approved and locked")
    if r.status == "submitted":
        raise InputError(f"the review {r.period} is submitted for approval; it must be sent back to change it")


def assign_reviewer(db: Database, actor: Actor, period: str | int, system: str | int, username: str | None) -> None:
    """Make a user the reviewer of one system in a review (None: nobody assigned)."""
    with db.write(actor, Permission.EDIT, "assign reviewers") as s:
        r = find_review(s, period)
        require_open(r)
        x = find_system(s, system)
        rs = s.scalar(select(ReviewSystem).where(ReviewSystem.review_id == r.id, ReviewSystem.system_id == x.id))
        if rs is None:
            raise NotFound(f"{x.name} is not part of the review {r.period}")
        uid = None
        if username:
            u = s.scalar(select(AppUser).where(AppUser.username == username, AppUser.active.is_(True)))
            if u is None:
                raise NotFound(f"no active user named {username!r}")
            if u.role == "viewer":
                raise InputError(f"{username} is a viewer and cannot record decisions")
            uid = u.id
        before = audit.snapshot(rs, exclude=("findings_digest",))
        rs.reviewer_user_id = uid
        s.flush()
        audit.record(s, actor.username, "update", "review_system", rs.id, before=before,
                     after=audit.snapshot(rs, exclude=("findings_digest",)),
                     summary=f"{r.period} {x.name}: reviewer {username or '-'}")


def find_review_account(s: Session, r: Review, account: str | int, system: str | int | None = None) -> ReviewAccount:
    """A reviewed account by account id, or by login (with the system when the login is in several)."""
    text = str(account).strip()
    q = select(ReviewAccount).where(ReviewAccount.review_id == r.id)
    if text.lstrip("#").isdigit():
        found = list(s.scalars(q.where(ReviewAccount.account_id == int(text.lstrip("#")))))
    else:
        q = q.join(Account, Account.id == ReviewAccount.account_id).where(Account.login == text.lower())
        if system is not None:
            q = q.where(ReviewAccount.system_id == find_system(s, system).id)
        found = list(s.scalars(q))
    if not found:
        raise NotFound(f"no account {text} in the review {r.period}")
    if len(found) > 1:
        raise InputError(f"{text} is an account in several systems; give the system or the account id")
    return found[0]


def decide(db: Database, actor: Actor, period: str | int, account: str | int, decision: str,
           reason: str | None = None, *, target_level: str | None = None, system: str | int | None = None,
           due: date | None = None) -> dict:
    """Record the decision on one account (keep / change / revoke). Returns the account's decision row."""
    from .review_remediation import sync_task

    with db.write(actor, Permission.EDIT, "record review decisions") as s:
        r = find_review(s, period)
        require_open(r)
        ra = find_review_account(s, r, account, system)
        rs = s.scalar(select(ReviewSystem).where(ReviewSystem.review_id == r.id, ReviewSystem.system_id == ra.system_id))
        if rs and rs.reviewer_user_id not in (None, actor.user_id) and not actor.may(Permission.ADMINISTER):
            who = s.get(AppUser, rs.reviewer_user_id)
            raise PermissionDenied(f"{who.username if who else '?'} reviews {ra.system} in {r.period}; "
                                   "only they or an administrator may decide its accounts")
        my_staff = s.scalar(select(AppUser.staff_id).where(AppUser.id == actor.user_id)) if actor.user_id else None
        own = my_staff is not None and my_staff in (ra.staff_id, ra.owner_staff_id)
        has_findings = s.scalar(select(func.count()).where(Finding.review_account_id == ra.id)) > 0
        levels = list(s.scalars(select(SystemLevel.name).where(SystemLevel.system_id == ra.system_id)))
        reason = (reason or "").strip() or None
        problem = decision_problem(decision, reason, has_findings=has_findings, own_account=own,
                                   target_level=target_level, levels=levels)
        if problem:
            raise InputError(f"{ra.login} ({ra.system}): {problem}")
        before = audit.snapshot(ra, exclude=SNAPSHOT_COLUMNS)
        ra.decision, ra.reason, ra.target_level = decision, reason, target_level
        ra.decided_by_user_id, ra.decided_at = actor.user_id, utcnow()
        s.flush()
        audit.record(s, actor.username, "review", "review_account", ra.id, before=before,
                     after=audit.snapshot(ra, exclude=SNAPSHOT_COLUMNS),
                     summary=f"{r.period} {ra.system} {ra.login}: {decision}"
                             + (" (own account)" if own else ""))
        task = sync_task(s, actor, ra, due or today_jst())
        return {"account": ra.account_id, "login": ra.login, "system": ra.system,
                "decision": decision, "reason": reason, "target_level": target_level, "own_account": own,
                "remediation": task}


def sign(db: Database, actor: Actor, period: str | int, as_role: str, note: str | None = None) -> ReviewSummary:
    """Sign as reviewer (submit) or approver (approve and lock)."""
    if as_role == "reviewer":
        return submit(db, actor, period, note)
    if as_role == "approver":
        return approve(db, actor, period, note)
    raise InputError("sign as reviewer or approver")


def submit(db: Database, actor: Actor, period: str | int, note: str | None = None) -> ReviewSummary:
    with db.write(actor, Permission.EDIT, "submit permission reviews") as s:
        r = find_review(s, period)
        require_open(r)
        undecided = s.scalar(select(func.count()).where(ReviewAccount.review_id == r.id,
                                                        ReviewAccount.decision.is_(None)))
        if undecided:
            raise InputError(f"{undecided} account(s) of {r.period} have no decision yet")
        before = audit.snapshot(r)
        r.status, r.reviewer_user_id, r.submitted_at = "submitted", actor.user_id, utcnow()
        if note:
            r.notes = note
        s.flush()
        audit.record(s, actor.username, "submit", "review", r.id, before=before, after=audit.snapshot(r),
                     summary=f"permission review {r.period} signed by the reviewer {actor.username}")
        return _summary(s, r, _names(s))


def _check_approver(s: Session, actor: Actor, r: Review) -> None:
    if r.status != "submitted":
        raise InputError(f"the review {r.period} is {r.status}; only a submitted review can be approved or sent back")
    if actor.user_id is not None and actor.user_id == r.reviewer_user_id:
        raise InputError("four eyes: the approver must be a different person from the reviewer")
    decided = s.scalar(select(func.count()).where(ReviewAccount.review_id == r.id,
                                                  ReviewAccount.decided_by_user_id == actor.user_id))
    if decided:
        raise InputError(f"four eyes: {actor.username} decided {decided} account(s) of this review and cannot approve it")


def approve(db: Database, actor: Actor, period: str | int, note: str | None = None) -> ReviewSummary:
    with db.write(actor, Permission.APPROVE, "approve permission reviews") as s:
        r = find_review(s, period)
        _check_approver(s, actor, r)
        before = audit.snapshot(r)
        r.status, r.approver_user_id, r.approved_at = "approved", actor.user_id, utcnow()
        if note:
            r.notes = "\n".join(x for x in (r.notes, note) if x)
        s.flush()
        audit.record(s, actor.username, "approve", "review", r.id, before=before, after=audit.snapshot(r),
                     summary=f"permission review {r.period} approved by {actor.username}; locked")
        return _summary(s, r, _names(s))


def send_back(db: Database, actor: Actor, period: str | int, comment: str) -> ReviewSummary:
    """The approver returns a submitted review to the reviewer, with a comment."""
    if not (comment or "").strip():
        raise InputError("say why the review is sent back")
    with db.write(actor, Permission.APPROVE, "send back permission reviews") as s:
        r = find_review(s, period)
        _check_approver(s, actor, r)
        before = audit.snapshot(r)
        r.status, r.reviewer_user_id, r.submitted_at = "open", None, None
        s.flush()
        audit.record(s, actor.username, "return", "review", r.id, before=before, after=audit.snapshot(r),
                     summary=f"permission review {r.period} sent back: {comment.strip()}"[:300])
        return _summary(s, r, _names(s))


def current_snapshots(db: Database, on: date | None = None) -> list[AccountSnapshot]:
    """What a review started now would freeze (for previews and the benchmark)."""
    with db.read() as s:
        return take_snapshots(s, on or today_jst())


def staff_id_of(db: Database, actor: Actor) -> int | None:
    """The staff member the signed-in user is (own accounts need a reason for every decision)."""
    if actor.user_id is None:
        return None
    with db.read() as s:
        return s.scalar(select(AppUser.staff_id).where(AppUser.id == actor.user_id))
