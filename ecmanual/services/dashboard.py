"""What needs attention today, gathered from every area for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.permissions import Permission
from . import calendar, checklists, manual, raci, reviews, training_status
from .context import Actor, Database


@dataclass(frozen=True)
class AttentionItem:
    """One thing to look at; `area` is the sidebar area that handles it."""

    group: str      # overdue_duties | training | approvals | reviews | manual | raci
    area: str
    title: str
    detail: str
    severity: str   # error | warning | info


def attention(db: Database, actor: Actor, today: date) -> list[AttentionItem]:
    """Overdue duties, training behind, runs waiting for approval, open reviews and remediation,
    manual pages due for review, and RACI steps without exactly one A or without an R."""
    actor.require(Permission.VIEW)
    items: list[AttentionItem] = []
    for occ in calendar.overdue(db, today):
        if occ.status == "overdue":
            items.append(AttentionItem("overdue_duties", "raci", occ.duty,
                                       f"{occ.due_date:%Y-%m-%d} {occ.owner}", "error"))
    for due in training_status.due_items(db, actor, today):
        sev = "warning" if due.status == "due_soon" else "error"
        when = f" {due.due_on:%Y-%m-%d}" if due.due_on else ""
        items.append(AttentionItem("training", "training", f"{due.staff}: {due.name}", f"{due.status}{when}", sev))
    for run in checklists.list_runs(db, actor, status="submitted"):
        items.append(AttentionItem("approvals", "checklists", f"{run.template}: {run.subject}",
                                   run.started_by or "", "warning"))
    for rv in reviews.list_reviews(db, actor):
        if rv.status != "approved" or rv.open_remediation:
            items.append(AttentionItem("reviews", "reviews", rv.period,
                                       f"{rv.status} {rv.decided}/{rv.accounts} · findings {rv.findings}"
                                       f" · open remediation {rv.open_remediation}", "warning"))
    for page in manual.due_for_review(db, actor, today):
        items.append(AttentionItem("manual", "manual", page.title, f"{page.next_review_on:%Y-%m-%d}", "warning"))
    for issue in raci.validate(db, on=today):
        if issue.kind in ("no_accountable", "multiple_accountable", "no_responsible"):
            items.append(AttentionItem("raci", "raci", issue.message, issue.kind, "error"))
    return items
