"""Onboarding plan templates, editable per department or job role.

Template items are `{kind, title, ref, level?, offset_days}`: ref is a course name (training),
a manual page slug (page) or a system name (account, with a standard permission level).
Plans made from a template earlier are not changed when it is edited (`training_onboarding`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import InputError
from ..domain.permissions import Permission
from ..importers.values import clean
from ..persistence.models import Department, JobRole, ManualPage, OnboardingTemplate, SaasSystem, StandardLevel
from .context import Actor, Database
from .records import apply_edit, create_record, delete_record, get_record
from .training import find_course, find_department, find_role

logger = logging.getLogger(__name__)

ITEM_KINDS = ("training", "page", "account", "task")


@dataclass(frozen=True)
class TemplateInfo:
    """A plan template for new people in a department or a job role."""

    id: int
    name: str
    department: str | None
    job_role: str | None
    items: tuple[dict, ...]
    version: int


def template_info(s: Session, t: OnboardingTemplate) -> TemplateInfo:
    dep = s.get(Department, t.department_id).name if t.department_id else None
    role = s.get(JobRole, t.job_role_id).name if t.job_role_id else None
    return TemplateInfo(t.id, t.name, dep, role, tuple(dict(i) for i in t.items or ()), t.version)


def list_templates(db: Database, actor: Actor) -> list[TemplateInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        return [template_info(s, t) for t in s.scalars(select(OnboardingTemplate).order_by(OnboardingTemplate.id))]


def normalise_item(s: Session, item: dict, where: str = "item") -> dict:
    """Check a template item and fill its title; raises InputError naming what is wrong."""
    kind, ref, title = item.get("kind"), clean(item.get("ref")), clean(item.get("title"))
    if kind not in ITEM_KINDS:
        raise InputError(f"{where}: kind must be one of {', '.join(ITEM_KINDS)}")
    try:
        offset = int(item.get("offset_days") or 0)
    except (TypeError, ValueError):
        raise InputError(f"{where}: offset_days must be a whole number of days") from None
    if offset < 0:
        raise InputError(f"{where}: offset_days cannot be negative")
    out: dict[str, Any] = {"kind": kind, "title": title, "ref": ref, "offset_days": offset}
    if kind == "training":
        out["ref"] = find_course(s, ref or "").name
        out["title"] = title or f"研修: {out['ref']}"
    elif kind == "page":
        page = s.scalar(select(ManualPage).where(ManualPage.slug == ref))
        if page is None:
            raise InputError(f"{where}: no manual page with the slug {ref!r}")
        out["title"] = title or f"マニュアルを読む: {page.title}"
    elif kind == "account":
        system = s.scalar(select(SaasSystem).where(SaasSystem.name == ref))
        if system is None:
            raise InputError(f"{where}: no system named {ref!r} in the permission inventory")
        level = s.scalar(select(StandardLevel).where(StandardLevel.name == clean(item.get("level"))))
        if level is None:
            raise InputError(f"{where}: an account item needs a standard permission level (管理者, 承認, 配信作成, 閲覧)")
        out["level"] = level.name
        out["title"] = title or f"アカウント申請: {system.name}({level.name})"
    elif not title:
        raise InputError(f"{where}: a task item needs a title")
    return out


def save_template(db: Database, actor: Actor, name: str, items: list[dict], *, department: str | int | None = None,
                  job_role: str | int | None = None, template_id: int | None = None,
                  expected_version: int | None = None) -> TemplateInfo:
    """Create a template, or replace a template's name, scope and items (plans made from it
    earlier are not changed)."""
    with db.write(actor, Permission.EDIT, "edit onboarding templates") as s:
        name = clean(name)
        if not name:
            raise InputError("template: the name is empty")
        if (department is None) == (job_role is None):
            raise InputError("a template is for one department or one job role")
        values = {"name": name, "department_id": find_department(s, department).id if department is not None else None,
                  "job_role_id": find_role(s, job_role).id if job_role is not None else None,
                  "items": [normalise_item(s, dict(i), f"item {n}") for n, i in enumerate(items, start=1)]}
        clash = select(OnboardingTemplate.id).where(OnboardingTemplate.name == name)
        if template_id is not None:
            clash = clash.where(OnboardingTemplate.id != template_id)
        if s.scalar(clash):
            raise InputError(f"a template named {name!r} already exists")
        if template_id is None:
            t = create_record(s, actor, OnboardingTemplate(**values), "onboarding_template", summary=name)
        else:
            t = get_record(s, OnboardingTemplate, template_id, "onboarding template")
            apply_edit(s, actor, t, "onboarding_template", values, tuple(values), expected_version)
        return template_info(s, t)


def delete_template(db: Database, actor: Actor, template_id: int) -> None:
    with db.write(actor, Permission.EDIT, "delete onboarding templates") as s:
        delete_record(s, actor, get_record(s, OnboardingTemplate, template_id, "onboarding template"),
                      "onboarding_template")
