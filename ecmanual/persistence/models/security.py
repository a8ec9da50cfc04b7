"""App users, the hash-chained audit trail, exported files, settings and the search index."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, Timestamps, Versioned

# SQLite only autoincrements INTEGER PRIMARY KEY; BigInteger elsewhere.
BigIntId = BigInteger().with_variant(Integer(), "sqlite")


class AppUser(Versioned, Timestamps, Base):
    """Someone who signs in to the app; the app role decides what they may do."""

    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10))  # admin | editor | approver | viewer
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    approval_level_id: Mapped[int | None] = mapped_column(ForeignKey("approval_level.id", ondelete="SET NULL"))
    password_hash: Mapped[str] = mapped_column(String(300))
    password_changed_at: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]


class AuditEntry(Base):
    """One change: who, when, what, before/after. `hash` chains it to the previous entry."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_entity", "entity", "entity_id"),
        Index("ix_audit_entry_at", "at"),
    )
    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[str | None] = mapped_column(String(300))
    before: Mapped[str | None] = mapped_column(Text)  # canonical JSON
    after: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """Single row holding the chain's tip; locking it serialises writers on PostgreSQL."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class ExportRecord(Base):
    """A file the app wrote, by hash, so `check-export FILE` can vouch for it."""

    __tablename__ = "export_record"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    fmt: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime]
    by_user: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict | None] = mapped_column(JSON)
    personal_data: Mapped[bool] = mapped_column(default=False)


class Setting(Versioned, Base):
    """Organisation-wide settings kept in the database (shared by every PC)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class SearchDoc(Base):
    """Plain search index rows (one per searchable record); FTS5 mirrors it on SQLite."""

    __tablename__ = "search_doc"
    __table_args__ = (UniqueConstraint("entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    area: Mapped[str] = mapped_column(String(30))
