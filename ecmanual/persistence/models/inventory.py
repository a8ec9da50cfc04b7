"""Permission inventory: SaaS systems, their accounts, imports, reviews and remediation."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, Timestamps, Versioned


class StandardLevel(Base):
    """The standard permission levels of the seeds: 管理者 > 承認 > 配信作成 > 閲覧."""

    __tablename__ = "standard_level"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(50))
    rank: Mapped[int]  # higher = more privilege
    description: Mapped[str | None] = mapped_column(Text)


class LevelPolicy(Base):
    """Who may hold a standard level (all systems when system_id is NULL)."""

    __tablename__ = "level_policy"
    __table_args__ = (UniqueConstraint("standard_level_id", "system_id", "party_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    standard_level_id: Mapped[int] = mapped_column(ForeignKey("standard_level.id", ondelete="CASCADE"))
    system_id: Mapped[int | None] = mapped_column(ForeignKey("saas_system.id", ondelete="CASCADE"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    job_role_id: Mapped[int | None] = mapped_column(ForeignKey("job_role.id", ondelete="CASCADE"))
    party_key: Mapped[str] = mapped_column(String(20))  # "d:<id>", "r:<id>" or "*" (anyone)


class SaasSystem(Versioned, Timestamps, Base):
    """A SaaS tool whose accounts are reviewed (ECforce, KARTE, LINE公式アカウント …)."""

    __tablename__ = "saas_system"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    vendor: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    owner_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    owner_role_id: Mapped[int | None] = mapped_column(ForeignKey("job_role.id", ondelete="SET NULL"))
    mfa_required: Mapped[bool] = mapped_column(default=True)
    dormant_days: Mapped[int] = mapped_column(default=90)
    column_mapping: Mapped[dict | None] = mapped_column(JSON)  # remembered import mapping
    active: Mapped[bool] = mapped_column(default=True)


class SystemLevel(Base):
    """A system's own permission name mapped to a standard level."""

    __tablename__ = "system_level"
    __table_args__ = (UniqueConstraint("system_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("saas_system.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    standard_level_id: Mapped[int] = mapped_column(ForeignKey("standard_level.id", ondelete="RESTRICT"))


class AccountImport(Base):
    """One import of a system's member list (the file's hash proves what was read)."""

    __tablename__ = "account_import"
    id: Mapped[int] = mapped_column(primary_key=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("saas_system.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime]
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    summary: Mapped[dict | None] = mapped_column(JSON)


class Account(Versioned, Timestamps, Base):
    """An account in a SaaS system as last imported, linked to a person where known."""

    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("system_id", "login"), Index("ix_account_email", "email"))
    id: Mapped[int] = mapped_column(primary_key=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("saas_system.id", ondelete="CASCADE"), index=True)
    login: Mapped[str] = mapped_column(String(254))  # normalised login / email, unique per system
    email: Mapped[str | None] = mapped_column(String(254))
    display_name: Mapped[str | None] = mapped_column(String(200))
    native_level: Mapped[str | None] = mapped_column(String(100))
    standard_level_id: Mapped[int | None] = mapped_column(ForeignKey("standard_level.id", ondelete="SET NULL"))
    mfa_enabled: Mapped[bool | None]
    last_login_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(10), default="active")  # active | removed
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), index=True)
    link_status: Mapped[str] = mapped_column(String(12), default="none")  # none | auto | confirmed | uncertain
    is_shared: Mapped[bool] = mapped_column(default=False)
    is_service: Mapped[bool] = mapped_column(default=False)
    owner_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    first_seen_at: Mapped[datetime | None]
    last_import_id: Mapped[int | None] = mapped_column(ForeignKey("account_import.id", ondelete="SET NULL"))
    removed_at: Mapped[datetime | None]
    extra: Mapped[dict | None] = mapped_column(JSON)


class Review(Versioned, Timestamps, Base):
    """A quarterly permission review (権限棚卸し) and its four-eyes sign-off."""

    __tablename__ = "review"
    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10), unique=True)  # 2026Q4
    started_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | submitted | approved
    reviewer_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None]
    approver_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None]
    notes: Mapped[str | None] = mapped_column(Text)


class ReviewSystem(Base):
    __tablename__ = "review_system"
    __table_args__ = (UniqueConstraint("review_id", "system_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("saas_system.id", ondelete="RESTRICT"))
    reviewer_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    # The digest of the system's stored findings in the review (services.review_snapshot); NULL: unknown.
    findings_digest: Mapped[int | None] = mapped_column(BigInteger)


class ReviewAccount(Versioned, Base):
    """An account frozen at review start, with the reviewer's decision.

    The snapshot (`domain.review_rules.AccountSnapshot`) is stored in plain columns named as its
    fields (account_id and system_id included); ids of people and departments are copies, not
    foreign keys: the evidence stays as it was when staff change later.
    """

    __tablename__ = "review_account"
    __table_args__ = (UniqueConstraint("review_id", "account_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="RESTRICT"))
    system_id: Mapped[int] = mapped_column(ForeignKey("saas_system.id", ondelete="RESTRICT"), index=True)
    # --- the snapshot
    system: Mapped[str] = mapped_column(Text)
    login: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    native_level: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str | None] = mapped_column(Text)  # standard level name
    rank: Mapped[int | None]
    mfa: Mapped[bool | None]
    last_login: Mapped[str | None] = mapped_column(Text)  # ISO datetime as frozen
    status: Mapped[str] = mapped_column(Text, default="active", server_default=text("'active'"))  # the account's
    first_seen: Mapped[str | None] = mapped_column(Text)  # ISO date
    staff_id: Mapped[int | None]
    link_status: Mapped[str] = mapped_column(Text, default="none", server_default=text("'none'"))
    is_shared: Mapped[bool] = mapped_column(default=False, server_default=false())
    is_service: Mapped[bool] = mapped_column(default=False, server_default=false())
    owner_staff_id: Mapped[int | None]
    person_id: Mapped[int | None]
    person: Mapped[str | None] = mapped_column(Text)
    person_status: Mapped[str | None] = mapped_column(Text)
    leave_date: Mapped[str | None] = mapped_column(Text)  # ISO date
    department_id: Mapped[int | None]
    department: Mapped[str | None] = mapped_column(Text)
    role_ids: Mapped[list] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    # Keys of a pre-0003 snapshot document that have no column (kept by the upgrade; none expected).
    snapshot_extra: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    # --- the decision
    decision: Mapped[str | None] = mapped_column(String(10))  # keep | change | revoke
    reason: Mapped[str | None] = mapped_column(Text)
    target_level: Mapped[str | None] = mapped_column(String(100))
    decided_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]


class Finding(Base):
    """A problem computed from a review's snapshot (leaver, shared, dormant, mfa_off …)."""

    __tablename__ = "finding"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    review_account_id: Mapped[int] = mapped_column(ForeignKey("review_account.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(Text)


class RemediationTask(Versioned, Timestamps, Base):
    """A change or revocation to carry out, closed by a later import or a manual check."""

    __tablename__ = "remediation_task"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_account_id: Mapped[int] = mapped_column(ForeignKey("review_account.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(10))  # change | revoke
    target_level: Mapped[str | None] = mapped_column(String(100))
    due_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | closed
    closed_by: Mapped[str | None] = mapped_column(String(10))  # import | manual
    closed_at: Mapped[datetime | None]
    closed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
