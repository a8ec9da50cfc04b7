"""Checklists, document templates, glossary, manual pages, risks and incidents."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, Timestamps, Versioned


class ChecklistTemplate(Versioned, Timestamps, Base):
    """A checklist (メール配信前 …); its items live in immutable versions."""

    __tablename__ = "checklist_template"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)
    approval_level_id: Mapped[int | None] = mapped_column(ForeignKey("approval_level.id", ondelete="SET NULL"))
    process_id: Mapped[int | None] = mapped_column(ForeignKey("process.id", ondelete="SET NULL"))
    update_type_id: Mapped[int | None] = mapped_column(ForeignKey("update_type.id", ondelete="SET NULL"))
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("checklist_template_version.id", ondelete="SET NULL", use_alter=True)
    )
    active: Mapped[bool] = mapped_column(default=True)


class ChecklistTemplateVersion(Base):
    """A frozen version of a checklist's items; runs point here, so edits never touch them."""

    __tablename__ = "checklist_template_version"
    __table_args__ = (UniqueConstraint("template_id", "version_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("checklist_template.id", ondelete="CASCADE"), index=True)
    version_no: Mapped[int]
    created_at: Mapped[datetime]
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    change_note: Mapped[str | None] = mapped_column(Text)


class ChecklistItem(Base):
    __tablename__ = "checklist_item"
    __table_args__ = (UniqueConstraint("version_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("checklist_template_version.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    text: Mapped[str] = mapped_column(String(300))
    required: Mapped[bool] = mapped_column(default=True)
    guidance: Mapped[str | None] = mapped_column(Text)
    glossary_term_id: Mapped[int | None] = mapped_column(ForeignKey("glossary_term.id", ondelete="SET NULL"))


class ChecklistRun(Versioned, Timestamps, Base):
    """A checklist run for a subject, ticked by one person and approved by another."""

    __tablename__ = "checklist_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    template_version_id: Mapped[int] = mapped_column(ForeignKey("checklist_template_version.id", ondelete="RESTRICT"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="draft")  # draft | submitted | returned | approved
    started_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    started_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    approved_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None]
    comment: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class ChecklistRunItem(Versioned, Base):
    __tablename__ = "checklist_run_item"
    __table_args__ = (UniqueConstraint("run_id", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("checklist_run.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("checklist_item.id", ondelete="RESTRICT"))
    checked: Mapped[bool] = mapped_column(default=False)
    checked_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    checked_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)


class Attachment(Base):
    """An evidence file kept in the database (hash-identified), linked to any record."""

    __tablename__ = "attachment"
    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int]
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str | None] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))


class DocumentTemplate(Versioned, Timestamps, Base):
    """A structured document template (配信企画書 …): sections with fields."""

    __tablename__ = "document_template"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(Text)
    # [{title, fields: [{key, label, kind: text|multiline|date|number|list, required, hint}]}]
    sections: Mapped[list] = mapped_column(JSON, default=list)


class Document(Versioned, Timestamps, Base):
    """A filled-in template."""

    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("document_template.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    values: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))


class GlossaryTerm(Versioned, Timestamps, Base):
    """A glossary (用語集) entry."""

    __tablename__ = "glossary_term"
    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(100), unique=True)
    reading: Mapped[str | None] = mapped_column(String(200), index=True)
    category: Mapped[str | None] = mapped_column(String(50))
    definition: Mapped[str] = mapped_column(Text)
    english: Mapped[str | None] = mapped_column(String(200))
    related: Mapped[str | None] = mapped_column(String(300))  # comma-separated terms


class ManualPage(Versioned, Timestamps, Base):
    """A policy or rule page; its text lives in versions that an approver publishes."""

    __tablename__ = "manual_page"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(50))
    sort_order: Mapped[int] = mapped_column(default=0)
    owner_role_id: Mapped[int | None] = mapped_column(ForeignKey("job_role.id", ondelete="SET NULL"))
    owner_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    review_cycle_months: Mapped[int] = mapped_column(default=6)
    last_reviewed_on: Mapped[date | None]
    published_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("manual_page_version.id", ondelete="SET NULL", use_alter=True)
    )
    required_reading: Mapped[bool] = mapped_column(default=False)


class ManualPageVersion(Base):
    __tablename__ = "manual_page_version"
    __table_args__ = (UniqueConstraint("page_id", "version_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("manual_page.id", ondelete="CASCADE"), index=True)
    version_no: Mapped[int]
    body_md: Mapped[str] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | published | rejected
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    approved_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None]


class PageAcknowledgement(Base):
    __tablename__ = "page_acknowledgement"
    __table_args__ = (UniqueConstraint("version_id", "staff_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("manual_page_version.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    at: Mapped[datetime]


class Risk(Versioned, Timestamps, Base):
    """The risk register: risk, level, countermeasure, responsible department."""

    __tablename__ = "risk"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    category: Mapped[str | None] = mapped_column(String(50))
    level: Mapped[str] = mapped_column(String(10))  # high | medium | low
    description: Mapped[str | None] = mapped_column(Text)
    countermeasure: Mapped[str | None] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(200))  # department names as in the seed
    sort_order: Mapped[int] = mapped_column(default=0)


class IncidentFlowStep(Base):
    """The emergency flow (緊急対応フロー): the ordered steps every incident follows."""

    __tablename__ = "incident_flow_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str | None] = mapped_column(String(100))
    guidance: Mapped[str | None] = mapped_column(Text)


class Incident(Versioned, Timestamps, Base):
    __tablename__ = "incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    occurred_at: Mapped[datetime]
    severity: Mapped[str] = mapped_column(String(10), default="medium")
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | closed
    description: Mapped[str | None] = mapped_column(Text)
    risk_id: Mapped[int | None] = mapped_column(ForeignKey("risk.id", ondelete="SET NULL"))
    reported_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))


class IncidentStep(Base):
    __tablename__ = "incident_step"
    __table_args__ = (UniqueConstraint("incident_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incident.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))
    done_at: Mapped[datetime | None]
    done_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
