"""Business processes, their steps, the RACI matrix, approval levels and the calendar."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, Timestamps, Versioned


class Process(Versioned, Timestamps, Base):
    """A business process such as メール配信 or サイト更新."""

    __tablename__ = "process"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)  # e.g. LINE配信特有の注意点
    sort_order: Mapped[int] = mapped_column(default=0)
    steps: Mapped[list[ProcessStep]] = relationship(
        back_populates="process", order_by="ProcessStep.seq", cascade="all, delete-orphan"
    )


class ProcessStep(Versioned, Timestamps, Base):
    """One step of a process; `four_eyes` marks approval steps where A and R must differ."""

    __tablename__ = "process_step"
    __table_args__ = (UniqueConstraint("process_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)  # the step's tasks, one per line
    four_eyes: Mapped[bool] = mapped_column(default=False)
    process: Mapped[Process] = relationship(back_populates="steps")


class RaciCell(Versioned, Timestamps, Base):
    """R/A/C/I of one party (department or job role) on one step, with the seed's wording."""

    __tablename__ = "raci_cell"
    __table_args__ = (
        CheckConstraint("code IN ('R','A','C','I')", name="code"),
        CheckConstraint(
            "(department_id IS NULL) <> (job_role_id IS NULL)", name="one_party"
        ),
        UniqueConstraint("step_id", "party_key"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("process_step.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    job_role_id: Mapped[int | None] = mapped_column(ForeignKey("job_role.id", ondelete="CASCADE"))
    party_key: Mapped[str] = mapped_column(String(20))  # "d:<id>" or "r:<id>": unique per step
    code: Mapped[str] = mapped_column(String(1))
    note: Mapped[str | None] = mapped_column(String(200))  # 主担当, 技術支援, 表現確認 …


class ApprovalLevel(Timestamps, Base):
    """An approval authority, ranked: チームリーダー < 部門長 < 役員会."""

    __tablename__ = "approval_level"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(50))
    rank: Mapped[int]


class UpdateType(Versioned, Timestamps, Base):
    """The seed's update-type table: what to check, who approves, how often."""

    __tablename__ = "update_type"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    check_points: Mapped[str | None] = mapped_column(Text)
    approval_level_id: Mapped[int | None] = mapped_column(ForeignKey("approval_level.id", ondelete="SET NULL"))
    frequency: Mapped[str | None] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(default=0)


class Duty(Versioned, Timestamps, Base):
    """A recurring duty or meeting on the operations calendar (RFC 5545 RRULE)."""

    __tablename__ = "duty"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="duty")  # meeting | duty | audit | delivery | update
    description: Mapped[str | None] = mapped_column(Text)
    rrule: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date]
    start_time: Mapped[str | None] = mapped_column(String(5))  # HH:MM local
    duration_minutes: Mapped[int | None]
    owner_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    deputy_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    owner_role_id: Mapped[int | None] = mapped_column(ForeignKey("job_role.id", ondelete="SET NULL"))
    owner_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(default=True)


class DutyOccurrence(Timestamps, Base):
    """An occurrence of a duty marked done or skipped, by whom and when."""

    __tablename__ = "duty_occurrence"
    __table_args__ = (UniqueConstraint("duty_id", "due_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    duty_id: Mapped[int] = mapped_column(ForeignKey("duty.id", ondelete="CASCADE"), index=True)
    due_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(10))  # done | skipped
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)
