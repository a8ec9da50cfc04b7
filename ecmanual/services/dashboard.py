"""What needs attention today, gathered from every area for the dashboard and the reminders,
plus the figures behind the dashboard's counts and charts.

Every item names the record it is about (`entity`, `entity_id`, and `hints` such as the due
date of a duty occurrence or the review of a finding), so the GUI can open that record in
its area. Texts stay plain data: codes (`status`) are translated by the GUI.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from ..domain import training_rules as rules
from ..domain.permissions import Permission
from ..domain.review_rules import KINDS as FINDING_KINDS
from ..persistence.models import (
    Account, AppUser, ApprovalLevel, ChecklistRun, ChecklistTemplate, ChecklistTemplateVersion, Finding, Process,
    ProcessStep, Review, ReviewAccount, SaasSystem,
)
from . import calendar, manual, raci, review_remediation, reviews, training_status
from .context import Actor, Database

RACI_KINDS = ("no_accountable", "multiple_accountable", "no_responsible")
LATE = (rules.OVERDUE, rules.EXPIRED)
# Undecided findings listed one by one (the count covers them all; the review screen has the rest).
FINDINGS_LISTED = 200
# Group keys in the order the dashboard lists them.
GROUPS = ("overdue_duties", "training_overdue", "training_due_soon", "certifications", "approvals", "findings",
          "remediation", "reviews", "manual", "raci")


@dataclass(frozen=True)
class AttentionItem:
    """One thing to look at. `area` is the sidebar area that handles it; `entity`/`entity_id`
    (and `hints`) name the record to open there. `status` is a code the GUI translates
    (training status, finding kind, remediation action, RACI issue kind, review status)."""

    group: str
    area: str
    title: str
    detail: str     # plain facts shown as they are (names, dates, counts); no codes
    severity: str   # error | warning | info
    entity: str = ""
    entity_id: int | None = None
    status: str = ""
    due_on: date | None = None
    hints: tuple[tuple[str, object], ...] = ()

    def hint_dict(self) -> dict:
        return dict(self.hints)


@dataclass(frozen=True)
class DepartmentCompliance:
    """Mandatory requirement cells of one department's people, by status."""

    department: str
    valid: int
    due_soon: int
    late: int       # overdue or expired
    pending: int    # not yet due (new hires, role starts)

    @property
    def total(self) -> int:
        return self.valid + self.due_soon + self.late + self.pending


@dataclass(frozen=True)
class SystemProgress:
    """Decisions taken for one system of a review."""

    system: str
    decided: int
    accounts: int


@dataclass(frozen=True)
class FindingCount:
    kind: str
    open: int       # the account has no decision yet
    decided: int


@dataclass
class Overview:
    """Everything the dashboard shows, read once."""

    today: date
    window_days: int
    items: list[AttentionItem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    departments: list[DepartmentCompliance] = field(default_factory=list)
    review_period: str | None = None
    systems: list[SystemProgress] = field(default_factory=list)
    findings: list[FindingCount] = field(default_factory=list)


# ---- pieces ----------------------------------------------------------------------------------

def approvable_runs(db: Database, actor: Actor) -> list[tuple[int, str, str, str | None]]:
    """Submitted checklist runs this user may approve: not their own, and their approval level is
    high enough for the template. Returns (run id, template, subject, runner name)."""
    if not actor.may(Permission.APPROVE):
        return []
    with db.read() as s:
        user = s.get(AppUser, actor.user_id) if actor.user_id else None
        held = s.get(ApprovalLevel, user.approval_level_id) if user and user.approval_level_id else None
        ranks = dict(s.execute(select(ApprovalLevel.id, ApprovalLevel.rank)).all())
        names = dict(s.execute(select(AppUser.id, AppUser.display_name)).all())
        q = (select(ChecklistRun, ChecklistTemplate)
             .join(ChecklistTemplateVersion, ChecklistRun.template_version_id == ChecklistTemplateVersion.id)
             .join(ChecklistTemplate, ChecklistTemplateVersion.template_id == ChecklistTemplate.id)
             .where(ChecklistRun.status == "submitted").order_by(ChecklistRun.submitted_at, ChecklistRun.id))
        out = []
        for run, tpl in s.execute(q):
            if run.started_by_user_id == actor.user_id:
                continue  # 4眼原則: nobody approves their own run
            if tpl.approval_level_id and (held is None or held.rank < ranks[tpl.approval_level_id]):
                continue
            out.append((run.id, tpl.name, run.subject, names.get(run.started_by_user_id)))
        return out


def _open_findings(db: Database, review_ids: list[int], limit: int) -> list[tuple]:
    """(review id, period, account id, system, login, kind) of up to `limit` undecided findings of
    these reviews. Plain columns, no snapshot decoding: a quarter may hold 100,000 accounts."""
    if not review_ids:
        return []
    with db.read() as s:
        q = (select(Finding.review_id, Review.period, ReviewAccount.account_id, SaasSystem.name, Account.login,
                    Finding.kind)
             .join(ReviewAccount, ReviewAccount.id == Finding.review_account_id)
             .join(Review, Review.id == Finding.review_id)
             .join(SaasSystem, SaasSystem.id == ReviewAccount.system_id)
             .join(Account, Account.id == ReviewAccount.account_id)
             .where(Finding.review_id.in_(review_ids), ReviewAccount.decision.is_(None))
             .order_by(Finding.review_id, ReviewAccount.system_id, Finding.id).limit(limit))
        return [tuple(row) for row in s.execute(q)]


def _finding_tally(db: Database, review_ids: list[int]) -> dict[int, dict[str, list[int]]]:
    """review id -> finding kind -> [undecided, decided], counted by the database."""
    if not review_ids:
        return {}
    decided = ReviewAccount.decision.is_not(None)
    with db.read() as s:
        q = (select(Finding.review_id, Finding.kind, decided, func.count())
             .join(ReviewAccount, ReviewAccount.id == Finding.review_account_id)
             .where(Finding.review_id.in_(review_ids)).group_by(Finding.review_id, Finding.kind, decided))
        out: dict[int, dict[str, list[int]]] = {}
        for rid, kind, is_decided, n in s.execute(q):
            out.setdefault(rid, {}).setdefault(kind, [0, 0])[1 if is_decided else 0] += n
        return out


def _step_names(db: Database, step_ids: set[int]) -> dict[int, str]:
    if not step_ids:
        return {}
    with db.read() as s:
        return {st_id: f"{p_name} / {st_name}" for st_id, st_name, p_name in s.execute(
            select(ProcessStep.id, ProcessStep.name, Process.name).join(Process, ProcessStep.process_id == Process.id)
            .where(ProcessStep.id.in_(step_ids)))}


def department_compliance(matrix: training_status.Matrix) -> list[DepartmentCompliance]:
    """Stacked-bar data: each department's mandatory requirement cells by status (departments in
    the organisation's order; people without a department last)."""
    tally: dict[str | None, Counter] = {}
    for row in matrix.rows:
        counter = tally.setdefault(row.department, Counter())
        for cell in row.cells:
            counter[cell.status] += 1
    order = [name for _id, name in matrix.departments] + [None]
    return [DepartmentCompliance(name or "—", c[rules.VALID], c[rules.DUE_SOON], c[rules.OVERDUE] + c[rules.EXPIRED],
                                 c[rules.PENDING])
            for name in order if (c := tally.get(name)) and sum(v for k, v in c.items() if k != rules.NOT_APPLICABLE)]


# ---- the overview ----------------------------------------------------------------------------

def _training_items(due: list[training_status.DueItem]) -> list[AttentionItem]:
    out = []
    for d in due:
        if d.kind == "certification":
            group = "certifications"
        else:
            group = "training_overdue" if d.status in LATE else "training_due_soon"
        out.append(AttentionItem(group, "training", f"{d.staff}: {d.name}", d.department or "",
                                 "warning" if d.status == rules.DUE_SOON else "error", "staff", d.staff_id,
                                 d.status, d.due_on, (("requirement", d.key),)))
    return out


def overview(db: Database, actor: Actor, today: date, *, window_days: int = rules.DEFAULT_WINDOW_DAYS) -> Overview:
    """The attention list, the counts and the chart data for `today`, in one pass."""
    actor.require(Permission.VIEW)
    out = Overview(today, window_days)
    items = out.items
    for occ in calendar.overdue(db, today):
        items.append(AttentionItem("overdue_duties", "raci", occ.duty, occ.owner, "error", "duty", occ.duty_id,
                                   occ.status, occ.due_date))

    matrix = training_status.compliance_matrix(db, actor, today, window_days=window_days)
    due = training_status.due_from(matrix)
    items += _training_items(due)
    summary = training_status.summarize(matrix)
    out.departments = department_compliance(matrix)

    for run_id, template, subject, runner in approvable_runs(db, actor):
        items.append(AttentionItem("approvals", "checklists", f"{template}: {subject}", runner or "", "warning",
                                   "checklist_run", run_id, "submitted"))

    summaries = reviews.list_reviews(db, actor)
    active = [r for r in summaries if r.status != "approved"]
    tallies = _finding_tally(db, [r.id for r in active])
    for rid, period, account_id, system, login, kind in _open_findings(db, [r.id for r in active], FINDINGS_LISTED):
        items.append(AttentionItem("findings", "reviews", f"{system}: {login}", period, "warning",
                                   "review_account", account_id, kind, None, (("review_id", rid), ("kind", kind))))
    for t in review_remediation.list_remediation(db, actor, status="open", today=today):
        items.append(AttentionItem("remediation", "reviews", f"{t.system}: {t.login}", t.period,
                                   "error" if t.overdue else "warning", "remediation_task", t.id, t.action,
                                   t.due_date))
    for r in active:
        items.append(AttentionItem("reviews", "reviews", r.period, f"{r.decided:,} / {r.accounts:,}", "warning",
                                   "review", r.id, r.status))

    for page in manual.due_for_review(db, actor, today):
        items.append(AttentionItem("manual", "manual", page.title, page.category or "", "warning", "manual_page",
                                   page.id, "review_due", page.next_review_on))

    issues = [i for i in raci.validate(db, on=today) if i.kind in RACI_KINDS]
    steps = _step_names(db, {i.step_id for i in issues if i.step_id})
    for issue in issues:
        items.append(AttentionItem("raci", "raci", steps.get(issue.step_id, issue.message), "", "error",
                                   "process_step", issue.step_id, issue.kind))

    # Charts: the review in progress (else the latest one).
    shown = active[0] if active else (summaries[0] if summaries else None)
    if shown is not None:
        out.review_period = shown.period
        out.systems = [SystemProgress(x["system"], x["decided"], x["accounts"]) for x in shown.systems]
        tally = tallies.get(shown.id) or _finding_tally(db, [shown.id]).get(shown.id, {})
        order = {k: i for i, k in enumerate(FINDING_KINDS)}
        out.findings = [FindingCount(k, v[0], v[1])
                        for k, v in sorted(tally.items(), key=lambda kv: order.get(kv[0], 99))]

    out.counts = {
        "overdue": summary["overdue"] + summary["expired"],
        "due_soon": summary["due_soon"],
        "certifications_expiring": summary["certifications_expiring"] + summary["certifications_expired"],
        "open_findings": sum(v[0] for t in tallies.values() for v in t.values()),
        "approvals": sum(1 for i in items if i.group == "approvals"),
        "overdue_duties": sum(1 for i in items if i.group == "overdue_duties"),
        "window_days": window_days,
    }
    return out


def attention(db: Database, actor: Actor, today: date) -> list[AttentionItem]:
    """Overdue duties, trainings behind, expiring certifications, runs waiting for this user's
    approval, open review findings and remediation, reviews in progress, manual pages due for
    review, and RACI steps without exactly one A or without an R."""
    return overview(db, actor, today).items


def reminder_counts(items: list[AttentionItem] | Overview) -> dict[str, int]:
    """How many items of each group (the reminders show these); from an Overview, open findings
    count all of them, not only the ones listed."""
    counts = Counter(i.group for i in (items.items if isinstance(items, Overview) else items))
    if isinstance(items, Overview):
        counts["findings"] = max(counts["findings"], items.counts.get("open_findings", 0))
    return {g: counts[g] for g in GROUPS if counts[g]}
