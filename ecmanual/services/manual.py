"""Manual pages (更新ルール, セキュリティポリシー …): versions, approval to publish, reading.

Editing never changes the published text: it adds a draft version with a change summary.
An approver other than its author publishes it. Pages are due for review every
`review_cycle_months` (半期 by default); staff acknowledge the published version they read.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, NotFound, PermissionDenied
from ..domain.permissions import Permission
from ..persistence.base import utcnow
from ..persistence.models import AppUser, ManualPage, ManualPageVersion, PageAcknowledgement, Staff
from . import audit
from .context import Actor, Database


@dataclass
class PageInfo:
    id: int
    slug: str
    title: str
    category: str | None
    published_version: int | None
    published_at: datetime | None
    body_md: str
    last_reviewed_on: date | None
    next_review_on: date | None
    pending_drafts: int
    version: int


@dataclass
class VersionInfo:
    id: int
    version_no: int
    status: str
    summary: str | None
    author: str | None
    created_at: datetime
    approved_by: str | None
    published_at: datetime | None
    body_md: str | None = None  # filled by get_version only


def _page(s: Session, ref: str | int) -> ManualPage:
    page = s.get(ManualPage, int(ref)) if str(ref).isdigit() else \
        s.scalar(select(ManualPage).where(ManualPage.slug == ref))
    if page is None:
        raise NotFound(f"No manual page {ref!r}.")
    return page


def next_review(page: ManualPage, published_at: datetime | None) -> date | None:
    base = page.last_reviewed_on or (published_at.date() if published_at else None)
    return base + relativedelta(months=page.review_cycle_months) if base else None


def _info(s: Session, page: ManualPage) -> PageInfo:
    pub = s.get(ManualPageVersion, page.published_version_id) if page.published_version_id else None
    drafts = s.scalar(select(func.count()).select_from(ManualPageVersion)
                      .where(ManualPageVersion.page_id == page.id, ManualPageVersion.status == "draft")) or 0
    return PageInfo(page.id, page.slug, page.title, page.category, pub.version_no if pub else None,
                    pub.published_at if pub else None, pub.body_md if pub else "", page.last_reviewed_on,
                    next_review(page, pub.published_at if pub else None), drafts, page.version)


def list_pages(db: Database, actor: Actor) -> list[PageInfo]:
    """Every page as `get_page` gives it, in manual order (three queries, not three per page)."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        drafts = dict(s.execute(select(ManualPageVersion.page_id, func.count())
                                .where(ManualPageVersion.status == "draft").group_by(ManualPageVersion.page_id)).all())
        pub = ManualPageVersion
        rows = s.execute(select(ManualPage, pub.version_no, pub.published_at, pub.body_md)
                         .outerjoin(pub, pub.id == ManualPage.published_version_id)
                         .order_by(ManualPage.sort_order, ManualPage.id)).all()
        return [PageInfo(p.id, p.slug, p.title, p.category, version_no, published_at,
                         body if version_no is not None else "", p.last_reviewed_on,
                         next_review(p, published_at if version_no is not None else None),
                         drafts.get(p.id, 0), p.version)
                for p, version_no, published_at, body in rows]


def get_page(db: Database, actor: Actor, ref: str | int) -> PageInfo:
    actor.require(Permission.VIEW)
    with db.read() as s:
        return _info(s, _page(s, ref))


def propose_edit(db: Database, actor: Actor, ref: str | int, body_md: str, summary: str) -> int:
    """Save a new draft version; the published text stays until an approver publishes it."""
    if not summary or not summary.strip():
        raise InputError("Describe the change (変更概要) so the approver knows what to check.")
    with db.write(actor, Permission.EDIT, "edit manual pages") as s:
        page = _page(s, ref)
        last = s.scalar(select(func.max(ManualPageVersion.version_no)).where(ManualPageVersion.page_id == page.id)) or 0
        v = ManualPageVersion(page_id=page.id, version_no=last + 1, body_md=body_md, summary=summary.strip(),
                              status="draft", author_user_id=actor.user_id, created_at=utcnow())
        s.add(v)
        s.flush()
        audit.record(s, actor.username, "propose", "manual_page", page.id, after=audit.snapshot(v),
                     summary=f"{page.title} v{v.version_no}: {v.summary}")
        return v.version_no


def publish(db: Database, actor: Actor, ref: str | int, version_no: int) -> None:
    """Publish a draft; the approver must not be its author (4眼原則)."""
    with db.write(actor, Permission.APPROVE, "publish manual pages") as s:
        page = _page(s, ref)
        v = s.scalar(select(ManualPageVersion).where(ManualPageVersion.page_id == page.id,
                                                     ManualPageVersion.version_no == version_no))
        if v is None:
            raise NotFound(f"{page.title} has no version {version_no}.")
        if v.status != "draft":
            raise InputError(f"Version {version_no} of {page.title} is {v.status}, not a draft.")
        if v.author_user_id == actor.user_id:
            raise PermissionDenied("The author of a change cannot publish it (4眼原則).")
        before = {"published_version_id": page.published_version_id}
        now = utcnow()
        v.status, v.approved_by_user_id, v.published_at = "published", actor.user_id, now
        page.published_version_id = v.id
        page.last_reviewed_on = now.date()
        s.flush()
        audit.record(s, actor.username, "publish", "manual_page", page.id, before=before,
                     after={"published_version_id": v.id, "version_no": v.version_no},
                     summary=f"{page.title} v{v.version_no}")


def reject(db: Database, actor: Actor, ref: str | int, version_no: int, reason: str) -> None:
    with db.write(actor, Permission.APPROVE, "reject manual page changes") as s:
        page = _page(s, ref)
        v = s.scalar(select(ManualPageVersion).where(ManualPageVersion.page_id == page.id,
                                                     ManualPageVersion.version_no == version_no,
                                                     ManualPageVersion.status == "draft"))
        if v is None:
            raise NotFound(f"{page.title} has no draft version {version_no}.")
        v.status = "rejected"
        audit.record(s, actor.username, "reject", "manual_page", page.id,
                     after={"version_no": version_no, "reason": reason}, summary=f"{page.title} v{version_no}")


def mark_reviewed(db: Database, actor: Actor, ref: str | int, on: date | None = None) -> None:
    """Record that a page was reviewed and still holds (resets its review due date)."""
    with db.write(actor, Permission.APPROVE, "review manual pages") as s:
        page = _page(s, ref)
        before = {"last_reviewed_on": page.last_reviewed_on}
        page.last_reviewed_on = on or utcnow().date()
        s.flush()
        audit.record(s, actor.username, "review", "manual_page", page.id, before=before,
                     after={"last_reviewed_on": page.last_reviewed_on}, summary=page.title)


def history(db: Database, actor: Actor, ref: str | int) -> list[VersionInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        page = _page(s, ref)
        names = dict(s.execute(select(AppUser.id, AppUser.display_name)).all())
        rows = s.scalars(select(ManualPageVersion).where(ManualPageVersion.page_id == page.id)
                         .order_by(ManualPageVersion.version_no.desc()))
        return [VersionInfo(v.id, v.version_no, v.status, v.summary, names.get(v.author_user_id), v.created_at,
                            names.get(v.approved_by_user_id), v.published_at) for v in rows]


def diff(db: Database, actor: Actor, ref: str | int, old_no: int, new_no: int) -> str:
    """Unified diff between two versions of a page."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        page = _page(s, ref)
        texts = {}
        for no in (old_no, new_no):
            v = s.scalar(select(ManualPageVersion).where(ManualPageVersion.page_id == page.id,
                                                         ManualPageVersion.version_no == no))
            if v is None:
                raise NotFound(f"{page.title} has no version {no}.")
            texts[no] = v.body_md.splitlines()
        return "\n".join(difflib.unified_diff(texts[old_no], texts[new_no], f"v{old_no}", f"v{new_no}", lineterm=""))


def acknowledge(db: Database, actor: Actor, ref: str | int, staff_id: int) -> None:
    """A person confirms reading the published version (required reading for new hires)."""
    with db.write(actor, Permission.VIEW) as s:
        user = s.get(AppUser, actor.user_id) if actor.user_id else None
        if not actor.may(Permission.EDIT) and (user is None or user.staff_id != staff_id):
            raise PermissionDenied("You can only acknowledge reading for yourself.")
        page = _page(s, ref)
        if not page.published_version_id:
            raise InputError(f"{page.title} has no published version to acknowledge.")
        exists = s.scalar(select(PageAcknowledgement.id).where(PageAcknowledgement.version_id == page.published_version_id,
                                                               PageAcknowledgement.staff_id == staff_id))
        if exists:
            return
        ack = PageAcknowledgement(version_id=page.published_version_id, staff_id=staff_id, at=utcnow())
        s.add(ack)
        s.flush()
        audit.record(s, actor.username, "acknowledge", "manual_page", page.id, after=audit.snapshot(ack),
                     summary=page.title)


def due_for_review(db: Database, actor: Actor, today: date) -> list[PageInfo]:
    """Pages whose review date has passed (shown on the dashboard)."""
    return [p for p in list_pages(db, actor) if p.next_review_on and p.next_review_on <= today]


# --- additions for the GUI ------------------------------------------------------------------

@dataclass
class ReadingStatus:
    """Who acknowledged the published version, and whether the acting user did."""

    version_no: int | None
    acknowledged: list[tuple[str, datetime]]  # (staff name, when), oldest first
    linked: bool                              # the acting user is linked to a staff record
    mine: datetime | None                     # when the acting user acknowledged it


def get_version(db: Database, actor: Actor, ref: str | int, version_no: int) -> VersionInfo:
    """One version with its text (drafts included: approvers read them before publishing)."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        page = _page(s, ref)
        v = s.scalar(select(ManualPageVersion).where(ManualPageVersion.page_id == page.id,
                                                     ManualPageVersion.version_no == version_no))
        if v is None:
            raise NotFound(f"{page.title} has no version {version_no}.")
        names = dict(s.execute(select(AppUser.id, AppUser.display_name)).all())
        return VersionInfo(v.id, v.version_no, v.status, v.summary, names.get(v.author_user_id), v.created_at,
                           names.get(v.approved_by_user_id), v.published_at, v.body_md)


def _own_staff_id(s: Session, actor: Actor) -> int | None:
    user = s.get(AppUser, actor.user_id) if actor.user_id else None
    return user.staff_id if user else None


def reading_status(db: Database, actor: Actor, ref: str | int) -> ReadingStatus:
    actor.require(Permission.VIEW)
    with db.read() as s:
        page = _page(s, ref)
        mine_id = _own_staff_id(s, actor)
        if not page.published_version_id:
            return ReadingStatus(None, [], mine_id is not None, None)
        rows = s.execute(select(PageAcknowledgement.staff_id, Staff.name, PageAcknowledgement.at)
                         .join(Staff, Staff.id == PageAcknowledgement.staff_id)
                         .where(PageAcknowledgement.version_id == page.published_version_id)
                         .order_by(PageAcknowledgement.at)).all()
        version_no = s.scalar(select(ManualPageVersion.version_no).where(ManualPageVersion.id == page.published_version_id))
        mine = next((at for sid, _, at in rows if sid == mine_id), None)
        return ReadingStatus(version_no, [(name, at) for _, name, at in rows], mine_id is not None, mine)


def acknowledge_self(db: Database, actor: Actor, ref: str | int) -> None:
    """The acting user confirms reading the published version, as the staff member they are linked to."""
    with db.read() as s:
        staff_id = _own_staff_id(s, actor)
    if staff_id is None:
        raise InputError("Your user is not linked to a staff member; ask an administrator to link it.")
    acknowledge(db, actor, ref, staff_id)
