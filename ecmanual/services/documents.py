"""Document templates (配信企画書, 効果測定レポート, 緊急対応連絡 …) and the documents filled from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from ..domain.errors import InputError, NotFound
from ..domain.permissions import Permission
from ..persistence.models import AppUser, Document, DocumentTemplate
from . import audit
from .context import Actor, Database

FIELD_KINDS = ("text", "multiline", "date", "number", "list")


@dataclass
class TemplateInfo:
    id: int
    name: str
    category: str | None
    description: str | None
    sections: list[dict]

    def fields(self) -> list[dict]:
        return [f for sec in self.sections for f in sec.get("fields", [])]


@dataclass
class DocumentInfo:
    id: int
    template: str
    title: str
    values: dict
    created_by: str | None
    created_at: datetime
    updated_at: datetime
    version: int
    sections: list[dict] = field(default_factory=list)


def _template(s, ref: str | int) -> DocumentTemplate:
    tpl = s.get(DocumentTemplate, int(ref)) if str(ref).isdigit() else \
        s.scalar(select(DocumentTemplate).where(DocumentTemplate.name == ref))
    if tpl is None:
        raise NotFound(f"No document template {ref!r}.")
    return tpl


def list_templates(db: Database, actor: Actor) -> list[TemplateInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        return [TemplateInfo(t.id, t.name, t.category, t.description, t.sections)
                for t in s.scalars(select(DocumentTemplate).order_by(DocumentTemplate.id))]


def validate_values(sections: list[dict], values: dict) -> dict:
    """Check values against the template's fields; returns cleaned values (JSON-safe)."""
    problems, clean = [], {}
    known = {f["key"]: f for sec in sections for f in sec.get("fields", [])}
    for key in values:
        if key not in known:
            problems.append(f"unknown field {key!r}")
    for key, spec in known.items():
        value = values.get(key)
        if value in (None, "", []):
            if spec.get("required"):
                problems.append(f"「{spec['label']}」 is required")
            continue
        kind = spec.get("kind", "text")
        if kind == "date":
            if isinstance(value, date | datetime):
                value = value.isoformat()
            try:
                date.fromisoformat(str(value)[:10])
            except ValueError:
                problems.append(f"「{spec['label']}」: {value!r} is not a date (YYYY-MM-DD)")
                continue
        elif kind == "number":
            try:
                value = float(str(value).replace(",", ""))
            except ValueError:
                problems.append(f"「{spec['label']}」: {value!r} is not a number")
                continue
        elif kind == "list":
            value = [str(v) for v in value] if isinstance(value, list | tuple) else \
                [line.strip() for line in str(value).splitlines() if line.strip()]
        else:
            value = str(value)
        clean[key] = value
    if problems:
        raise InputError("The document has problems: " + "; ".join(problems))
    return clean


def save_document(db: Database, actor: Actor, template: str | int, title: str, values: dict,
                  document_id: int | None = None, expected_version: int | None = None) -> int:
    if not title.strip():
        raise InputError("A document needs a title.")
    with db.write(actor, Permission.EDIT, "write documents") as s:
        tpl = _template(s, template)
        clean = validate_values(tpl.sections, values)
        if document_id:
            doc = s.get(Document, document_id)
            if doc is None:
                raise NotFound(f"No document {document_id}.")
            if expected_version is not None and doc.version != expected_version:
                raise audit.conflict(s, doc, "document",
                                     f"「{doc.title}」 was changed by someone else since you opened it.")
            before = audit.snapshot(doc)
            doc.title, doc.values = title.strip(), clean
        else:
            before = None
            doc = Document(template_id=tpl.id, title=title.strip(), values=clean, created_by_user_id=actor.user_id)
            s.add(doc)
        s.flush()
        audit.record(s, actor.username, "create" if before is None else "update", "document", doc.id,
                     before=before, after=audit.snapshot(doc), summary=f"{tpl.name}: {doc.title}")
        return doc.id


def duplicate_document(db: Database, actor: Actor, document_id: int, title: str | None = None) -> int:
    actor.require(Permission.EDIT, "write documents")
    doc = get_document(db, actor, document_id)
    return save_document(db, actor, doc.template, title or f"{doc.title}(コピー)", doc.values)


def get_document(db: Database, actor: Actor, document_id: int) -> DocumentInfo:
    actor.require(Permission.VIEW)
    with db.read() as s:
        doc = s.get(Document, document_id)
        if doc is None:
            raise NotFound(f"No document {document_id}.")
        tpl = s.get(DocumentTemplate, doc.template_id)
        author = s.get(AppUser, doc.created_by_user_id) if doc.created_by_user_id else None
        return DocumentInfo(doc.id, tpl.name, doc.title, dict(doc.values), author.display_name if author else None,
                            doc.created_at, doc.updated_at, doc.version, tpl.sections)


def list_documents(db: Database, actor: Actor, template: str | None = None) -> list[DocumentInfo]:
    actor.require(Permission.VIEW)
    with db.read() as s:
        q = select(Document, DocumentTemplate).join(DocumentTemplate, Document.template_id == DocumentTemplate.id)
        if template:
            q = q.where(DocumentTemplate.name == template)
        names = dict(s.execute(select(AppUser.id, AppUser.display_name)).all())
        return [DocumentInfo(d.id, t.name, d.title, dict(d.values), names.get(d.created_by_user_id), d.created_at,
                             d.updated_at, d.version) for d, t in s.execute(q.order_by(Document.updated_at.desc()))]


# --- additions for the GUI ------------------------------------------------------------------

def get_template(db: Database, actor: Actor, ref: str | int) -> TemplateInfo:
    """One template (by id or name) with its sections and fields."""
    actor.require(Permission.VIEW)
    with db.read() as s:
        t = _template(s, ref)
        return TemplateInfo(t.id, t.name, t.category, t.description, t.sections)
