"""Organisation: departments, staff, job roles and who holds or deputises them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, Timestamps, Versioned


class Department(Versioned, Timestamps, Base):
    """A department (部門) such as マーケティング部 or 情報システム部."""

    __tablename__ = "department"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="SET NULL"))
    sort_order: Mapped[int] = mapped_column(default=0)


class Staff(Versioned, Timestamps, Base):
    """A person on the team; leavers are kept (status 'left') so history stays intact."""

    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    kana: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="SET NULL"), index=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    employment_type: Mapped[str | None] = mapped_column(String(40))  # 正社員, 契約社員, 業務委託 …
    status: Mapped[str] = mapped_column(String(20), default="active")  # active | leave | left
    hire_date: Mapped[date | None]
    leave_date: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(Text)

    department: Mapped[Department | None] = relationship(foreign_keys=[department_id])


class JobRole(Versioned, Timestamps, Base):
    """A responsibility such as KARTE管理責任者 or チームリーダー, held by staff."""

    __tablename__ = "job_role"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="SET NULL"))
    sort_order: Mapped[int] = mapped_column(default=0)


class RoleAssignment(Timestamps, Base):
    """A person holding a job role, as holder or as deputy (代行者), over a period."""

    __tablename__ = "role_assignment"
    __table_args__ = (UniqueConstraint("job_role_id", "staff_id", "kind", "start_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    job_role_id: Mapped[int] = mapped_column(ForeignKey("job_role.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="holder")  # holder | deputy
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
