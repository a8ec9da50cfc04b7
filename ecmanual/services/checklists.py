"""Checklist templates (versioned) and runs with four-eyes approval (4眼原則).

A run points at the template version it was started from, so editing a template never
changes past runs. The runner ticks items and submits; an approver who is not the runner
and holds the template's approval level approves (the run is then locked) or sends it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import InputError, NotFound, PermissionDenied
from ..domain.permissions import Permission
from ..persistence.base import utcnow
from ..persistence.models import (
    AppUser, ApprovalLevel, ChecklistItem, ChecklistRun, ChecklistRunItem, ChecklistTemplate,
    ChecklistTemplateVersion,
)
from . import audit
from .context import Actor, Database

EDITABLE = ("draft", "returned")


@dataclass(frozen=True)
class ItemSpec:
    text: str
    required: bool = True
    guidance: str | None = None


@dataclass
class TemplateInfo:
    id: int
    name: str
    category: str | None
    approval_level: str | None
    version_no: int
    items: list[dict] = field(default_factory=list)


@dataclass
class RunItemInfo:
    item_id: int
    seq: int
    text: str
    required: bool
    guidance: str | None
    checked: bool
    checked_by: str | None
    checked_at: datetime | None
    note: str | None


@dataclass
class RunInfo:
    id: int
    template: str
    version_no: int
    subject: str
    status: str
    approval_level: str | None
    started_by: str | None
    started_at: datetime
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    comment: str | None
    version: int
    items: list[RunItemInfo] = field(default_factory=list)
    notes: str | None = None
    started_by_id: int | None = None
    template_id: int | None = None

    @property
    def missing_required(self) -> list[RunItemInfo]:
        return [i for i in self.items if i.required and not i.checked]


def _template(s: Session, ref: str | int) -> ChecklistTemplate:
    if isinstance(ref, int) or str(ref).isdigit():
        tpl = s.get(ChecklistTemplate, int(ref))
    else:
        tpl = s.scalar(select(ChecklistTemplate).where(ChecklistTemplate.name == ref))
    if tpl is None:
        raise NotFound(f"No checklist template {ref!r}.")
    return tpl


def _items(s: Session, version_id: int) -> list[ChecklistItem]:
    return list(s.scalars(select(ChecklistItem).where(ChecklistItem.version_id == version_id)
                          .order_by(ChecklistItem.seq)))


def _user_names(s: Session) -> dict[int, str]:
    return dict(s.execute(select(AppUser.id, AppUser.display_name)).all())


def list_templates(db: Database, actor: Actor) -> list[TemplateInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        out = []
        levels = dict(s.execute(select(ApprovalLevel.id, ApprovalLevel.name)).all())
        for tpl in s.scalars(select(ChecklistTemplate).where(ChecklistTemplate.active).order_by(ChecklistTemplate.id)):
            version = s.get(ChecklistTemplateVersion, tpl.current_version_id) if tpl.current_version_id else None
            items = [{"id": i.id, "seq": i.seq, "text": i.text, "required": i.required, "guidance": i.guidance}
                     for i in (_items(s, version.id) if version else [])]
            out.append(TemplateInfo(tpl.id, tpl.name, tpl.category, levels.get(tpl.approval_level_id),
                                    version.version_no if version else 0, items))
        return out


def create_version(s: Session, actor: Actor, tpl: ChecklistTemplate, items: list[ItemSpec],
                   change_note: str | None) -> ChecklistTemplateVersion:
    """Append a new frozen version of a template's items (inside the caller's transaction)."""
    if not items:
        raise InputError("A checklist needs at least one item.")
    last = s.scalar(select(func.max(ChecklistTemplateVersion.version_no))
                    .where(ChecklistTemplateVersion.template_id == tpl.id)) or 0
    version = ChecklistTemplateVersion(template_id=tpl.id, version_no=last + 1, created_at=utcnow(),
                                       created_by_user_id=actor.user_id, change_note=change_note)
    s.add(version)
    s.flush()
    for seq, spec in enumerate(items, start=1):
        if not spec.text.strip():
            raise InputError(f"Item {seq} has no text.")
        s.add(ChecklistItem(version_id=version.id, seq=seq, text=spec.text.strip(), required=spec.required,
                            guidance=spec.guidance))
    before = {"current_version_id": tpl.current_version_id}
    tpl.current_version_id = version.id
    s.flush()
    audit.record(s, actor.username, "new_version", "checklist_template", tpl.id, before=before,
                 after={"current_version_id": version.id, "version_no": version.version_no,
                        "items": [spec.__dict__ for spec in items]},
                 summary=f"{tpl.name} v{version.version_no}: {change_note or ''}".strip())
    return version


def edit_template(db: Database, actor: Actor, template: str | int, items: list[ItemSpec],
                  change_note: str | None = None) -> int:
    """Save a template's items as a new version; runs already started keep theirs."""
    with db.write(actor, Permission.EDIT, "edit checklist templates") as s:
        tpl = _template(s, template)
        return create_version(s, actor, tpl, items, change_note).version_no


def start_run(db: Database, actor: Actor, template: str | int, subject: str) -> int:
    subject = subject.strip()
    if not subject:
        raise InputError("A run needs a subject, e.g. 「4/22 GW先行セール LINE配信」.")
    with db.write(actor, Permission.EDIT, "run checklists") as s:
        tpl = _template(s, template)
        if not tpl.current_version_id:
            raise InputError(f"Checklist {tpl.name!r} has no items yet.")
        run = ChecklistRun(template_version_id=tpl.current_version_id, subject=subject, status="draft",
                           started_by_user_id=actor.user_id, started_at=utcnow())
        s.add(run)
        s.flush()
        for item in _items(s, tpl.current_version_id):
            s.add(ChecklistRunItem(run_id=run.id, item_id=item.id))
        audit.record(s, actor.username, "create", "checklist_run", run.id, after=audit.snapshot(run),
                     summary=f"{tpl.name}: {subject}")
        return run.id


def _run(s: Session, run_id: int) -> ChecklistRun:
    run = s.get(ChecklistRun, run_id)
    if run is None:
        raise NotFound(f"No checklist run {run_id}.")
    return run


def _require_editable(run: ChecklistRun) -> None:
    if run.status == "approved":
        raise InputError(f"Run {run.id} is approved and locked; it cannot change.")
    if run.status not in EDITABLE:
        raise InputError(f"Run {run.id} is {run.status}; it can only change after it is sent back.")


def _run_item(s: Session, run: ChecklistRun, item: int | str) -> tuple[ChecklistRunItem, ChecklistItem]:
    """An item by its number in the checklist (1, 2, …) or its exact text."""
    rows = s.execute(select(ChecklistRunItem, ChecklistItem).join(ChecklistItem, ChecklistRunItem.item_id == ChecklistItem.id)
                     .where(ChecklistRunItem.run_id == run.id).order_by(ChecklistItem.seq)).all()
    for ri, ci in rows:
        if (isinstance(item, int) or str(item).isdigit()) and ci.seq == int(item) or ci.text == item:
            return ri, ci
    raise NotFound(f"Run {run.id} has no item {item!r} (items are numbered 1–{len(rows)}).")


def check_item(db: Database, actor: Actor, run_id: int, item: int | str, checked: bool = True,
               note: str | None = None) -> None:
    with db.write(actor, Permission.EDIT, "tick checklist items") as s:
        run = _run(s, run_id)
        _require_editable(run)
        ri, ci = _run_item(s, run, item)
        before = audit.snapshot(ri)
        ri.checked = checked
        ri.checked_by_user_id = actor.user_id if checked else None
        ri.checked_at = utcnow() if checked else None
        if note is not None:
            ri.note = note
        s.flush()
        audit.record(s, actor.username, "check" if checked else "uncheck", "checklist_run", run.id,
                     before=before, after=audit.snapshot(ri), summary=f"{ci.seq}. {ci.text}")


def submit_run(db: Database, actor: Actor, run_id: int, notes: str | None = None) -> None:
    with db.write(actor, Permission.EDIT, "submit checklist runs") as s:
        run = _run(s, run_id)
        _require_editable(run)
        missing = _missing_required(s, run)
        if missing:
            raise InputError("Required items are not ticked: " + "; ".join(missing))
        before = audit.snapshot(run)
        run.status, run.submitted_at = "submitted", utcnow()
        if notes is not None:
            run.notes = notes
        s.flush()
        audit.record(s, actor.username, "submit", "checklist_run", run.id, before=before, after=audit.snapshot(run))


def _missing_required(s: Session, run: ChecklistRun) -> list[str]:
    rows = s.execute(select(ChecklistItem.seq, ChecklistItem.text)
                     .join(ChecklistRunItem, ChecklistRunItem.item_id == ChecklistItem.id)
                     .where(ChecklistRunItem.run_id == run.id, ChecklistItem.required, ~ChecklistRunItem.checked)
                     .order_by(ChecklistItem.seq)).all()
    return [f"{seq}. {text}" for seq, text in rows]


def _check_approver(s: Session, actor: Actor, run: ChecklistRun) -> None:
    actor.require(Permission.APPROVE, "approve checklist runs")
    if run.started_by_user_id == actor.user_id:
        raise PermissionDenied("The person who ran a checklist cannot approve it (4眼原則).")
    ticked = s.scalar(select(func.count()).where(ChecklistRunItem.run_id == run.id,
                                                 ChecklistRunItem.checked_by_user_id == actor.user_id))
    if actor.user_id is not None and ticked:
        raise PermissionDenied(f"{actor.username} ticked {ticked} item(s) of this run and cannot approve it (4眼原則).")
    tpl = s.get(ChecklistTemplate, s.get(ChecklistTemplateVersion, run.template_version_id).template_id)
    if tpl.approval_level_id:
        needed = s.get(ApprovalLevel, tpl.approval_level_id)
        user = s.get(AppUser, actor.user_id)
        held = s.get(ApprovalLevel, user.approval_level_id) if user and user.approval_level_id else None
        if held is None or held.rank < needed.rank:
            raise PermissionDenied(
                f"Approving {tpl.name} needs the approval level {needed.name}; "
                f"{actor.username} has {held.name if held else 'none'}."
            )


def approve_run(db: Database, actor: Actor, run_id: int, comment: str | None = None) -> None:
    with db.write(actor, Permission.APPROVE, "approve checklist runs") as s:
        run = _run(s, run_id)
        if run.status == "approved":
            raise InputError(f"Run {run.id} is already approved.")
        if run.status != "submitted":
            raise InputError(f"Run {run.id} is {run.status}; only a submitted run can be approved.")
        _check_approver(s, actor, run)
        missing = _missing_required(s, run)
        if missing:
            raise InputError("Required items are not ticked: " + "; ".join(missing))
        before = audit.snapshot(run)
        run.status, run.approved_by_user_id, run.approved_at = "approved", actor.user_id, utcnow()
        run.comment = comment
        s.flush()
        audit.record(s, actor.username, "approve", "checklist_run", run.id, before=before, after=audit.snapshot(run))


def return_run(db: Database, actor: Actor, run_id: int, comment: str) -> None:
    """Send a submitted run back to its runner with a comment."""
    if not comment or not comment.strip():
        raise InputError("Say why the run is sent back.")
    with db.write(actor, Permission.APPROVE, "send back checklist runs") as s:
        run = _run(s, run_id)
        if run.status != "submitted":
            raise InputError(f"Run {run.id} is {run.status}; only a submitted run can be sent back.")
        _check_approver(s, actor, run)
        before = audit.snapshot(run)
        run.status, run.comment = "returned", comment.strip()
        s.flush()
        audit.record(s, actor.username, "return", "checklist_run", run.id, before=before, after=audit.snapshot(run))


def get_run(db: Database, actor: Actor, run_id: int) -> RunInfo:
    actor.require(Permission.VIEW)
    with db.read() as s:
        run = _run(s, run_id)
        names = _user_names(s)
        version = s.get(ChecklistTemplateVersion, run.template_version_id)
        tpl = s.get(ChecklistTemplate, version.template_id)
        level = s.get(ApprovalLevel, tpl.approval_level_id) if tpl.approval_level_id else None
        info = RunInfo(run.id, tpl.name, version.version_no, run.subject, run.status,
                       level.name if level else None, names.get(run.started_by_user_id), run.started_at,
                       run.submitted_at, names.get(run.approved_by_user_id), run.approved_at, run.comment,
                       run.version, notes=run.notes, started_by_id=run.started_by_user_id, template_id=tpl.id)
        rows = s.execute(select(ChecklistRunItem, ChecklistItem).join(ChecklistItem, ChecklistRunItem.item_id == ChecklistItem.id)
                         .where(ChecklistRunItem.run_id == run.id).order_by(ChecklistItem.seq)).all()
        info.items = [RunItemInfo(ci.id, ci.seq, ci.text, ci.required, ci.guidance, ri.checked,
                                  names.get(ri.checked_by_user_id), ri.checked_at, ri.note) for ri, ci in rows]
        return info


def list_runs(db: Database, actor: Actor, *, template: str | None = None, status: str | None = None,
              user_id: int | None = None, since: datetime | None = None, until: datetime | None = None,
              limit: int = 500) -> list[RunInfo]:
    """Runs newest first, filtered by template name, status, person (runner or approver) and date."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        r, t = ChecklistRun, ChecklistTemplate  # plain columns: no ORM object per run
        q = (select(r.id, t.name, ChecklistTemplateVersion.version_no, r.subject, r.status, t.approval_level_id,
                    r.started_by_user_id, r.started_at, r.submitted_at, r.approved_by_user_id, r.approved_at,
                    r.comment, r.version, r.notes, t.id)
             .join(ChecklistTemplateVersion, r.template_version_id == ChecklistTemplateVersion.id)
             .join(t, ChecklistTemplateVersion.template_id == t.id))
        if template:
            q = q.where(t.name == template)
        if status:
            q = q.where(r.status == status)
        if user_id:
            q = q.where((r.started_by_user_id == user_id) | (r.approved_by_user_id == user_id))
        if since:
            q = q.where(r.started_at >= since)
        if until:
            q = q.where(r.started_at < until)
        names = _user_names(s)
        levels = dict(s.execute(select(ApprovalLevel.id, ApprovalLevel.name)).all())
        return [RunInfo(rid, name, version_no, subject, run_status, levels.get(level_id), names.get(started_by),
                        started_at, submitted_at, names.get(approved_by), approved_at, comment, version,
                        notes=notes, started_by_id=started_by, template_id=template_id)
                for (rid, name, version_no, subject, run_status, level_id, started_by, started_at, submitted_at,
                     approved_by, approved_at, comment, version, notes, template_id)
                in s.execute(q.order_by(r.started_at.desc(), r.id.desc()).limit(limit))]


# --- additions for the GUI ------------------------------------------------------------------

@dataclass
class TemplateVersionInfo:
    """One saved version of a checklist template (the template editor's history)."""

    version_no: int
    created_at: datetime
    created_by: str | None
    change_note: str | None
    items: int


def get_template(db: Database, actor: Actor, template: str | int) -> TemplateInfo:
    """One template with its current items (by id or name)."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        tpl_id = _template(s, template).id
    found = next((t for t in list_templates(db, actor) if t.id == tpl_id), None)
    if found is None:
        raise NotFound(f"Checklist template {template!r} is not active.")
    return found


def template_history(db: Database, actor: Actor, template: str | int) -> list[TemplateVersionInfo]:
    """Every version of a template, newest first."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        tpl = _template(s, template)
        names = _user_names(s)
        counts = dict(s.execute(select(ChecklistItem.version_id, func.count()).group_by(ChecklistItem.version_id)).all())
        return [TemplateVersionInfo(v.version_no, v.created_at, names.get(v.created_by_user_id), v.change_note,
                                    counts.get(v.id, 0))
                for v in s.scalars(select(ChecklistTemplateVersion).where(ChecklistTemplateVersion.template_id == tpl.id)
                                   .order_by(ChecklistTemplateVersion.version_no.desc()))]


def set_item_note(db: Database, actor: Actor, run_id: int, item: int | str, note: str | None) -> None:
    """Change an item's note without touching who ticked it and when."""
    with db.write(actor, Permission.EDIT, "write checklist notes") as s:
        run = _run(s, run_id)
        _require_editable(run)
        ri, ci = _run_item(s, run, item)
        note = (note or "").strip() or None
        if ri.note == note:
            return
        before = audit.snapshot(ri)
        ri.note = note
        s.flush()
        audit.record(s, actor.username, "update", "checklist_run", run.id, before=before, after=audit.snapshot(ri),
                     summary=f"{ci.seq}. {ci.text}: note")
