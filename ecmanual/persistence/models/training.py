"""Courses, sessions, completions, certifications and onboarding plans."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, Timestamps, Versioned


class Course(Versioned, Timestamps, Base):
    """A training course and the rule that makes it due (recurrence + audience)."""

    __tablename__ = "course"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(50))  # 必須トレーニング, スキル向上計画 …
    mandatory: Mapped[bool] = mapped_column(default=False)
    audience_all: Mapped[bool] = mapped_column(default=False)
    # on_hire | on_update | every_n_months | fixed_months | yearly | continuous
    recurrence: Mapped[str] = mapped_column(String(20))
    interval_months: Mapped[int | None]
    fixed_months: Mapped[str | None] = mapped_column(String(40))  # "4,10"
    on_hire_days: Mapped[int | None]  # due this many days after hire
    validity_months: Mapped[int | None]
    frequency_label: Mapped[str | None] = mapped_column(String(50))  # the seed's wording: 年2回 …
    description: Mapped[str | None] = mapped_column(Text)
    topics: Mapped[str | None] = mapped_column(Text)
    materials: Mapped[str | None] = mapped_column(Text)  # links, one per line
    owner_role_id: Mapped[int | None] = mapped_column(ForeignKey("job_role.id", ondelete="SET NULL"))
    content_updated_on: Mapped[date | None]  # for on_update: completions before this are stale


class CourseAudience(Base):
    """Who must take a course: a department or a job role."""

    __tablename__ = "course_audience"
    __table_args__ = (UniqueConstraint("course_id", "party_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    job_role_id: Mapped[int | None] = mapped_column(ForeignKey("job_role.id", ondelete="CASCADE"))
    party_key: Mapped[str] = mapped_column(String(20))


class TrainingSession(Versioned, Timestamps, Base):
    """A scheduled delivery of a course."""

    __tablename__ = "training_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    place: Mapped[str | None] = mapped_column(String(200))
    online: Mapped[bool] = mapped_column(default=False)
    instructor: Mapped[str | None] = mapped_column(String(100))
    capacity: Mapped[int | None]
    notes: Mapped[str | None] = mapped_column(Text)


class SessionAttendee(Base):
    __tablename__ = "session_attendee"
    __table_args__ = (UniqueConstraint("session_id", "staff_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    attended: Mapped[bool | None]


class TrainingRecord(Versioned, Timestamps, Base):
    """Proof that a person completed a course on a date."""

    __tablename__ = "training_record"
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="RESTRICT"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_session.id", ondelete="SET NULL"))
    completed_on: Mapped[date]
    score: Mapped[float | None]
    passed: Mapped[bool] = mapped_column(default=True)
    evidence_note: Mapped[str | None] = mapped_column(Text)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id", ondelete="SET NULL"))
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))


class Certification(Versioned, Timestamps, Base):
    """An internal (認定制度) or external certification with its validity."""

    __tablename__ = "certification"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="internal")  # internal | external
    issuer: Mapped[str | None] = mapped_column(String(100))
    validity_months: Mapped[int | None]
    renewal_rule: Mapped[str | None] = mapped_column(Text)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id", ondelete="SET NULL"))
    required_for_role_id: Mapped[int | None] = mapped_column(ForeignKey("job_role.id", ondelete="SET NULL"))


class CertificationAward(Timestamps, Base):
    """A person's certification; a renewal is a new award that supersedes the old one."""

    __tablename__ = "certification_award"
    id: Mapped[int] = mapped_column(primary_key=True)
    certification_id: Mapped[int] = mapped_column(ForeignKey("certification.id", ondelete="RESTRICT"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"), index=True)
    issued_on: Mapped[date]
    expires_on: Mapped[date | None]
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certification_award.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)


class OnboardingTemplate(Versioned, Timestamps, Base):
    """The editable plan a new hire in a role (or department) gets."""

    __tablename__ = "onboarding_template"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    job_role_id: Mapped[int | None] = mapped_column(ForeignKey("job_role.id", ondelete="CASCADE"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    # [{kind: training|page|account|task, title, ref, offset_days}]
    items: Mapped[list] = mapped_column(JSON, default=list)


class OnboardingPlan(Versioned, Timestamps, Base):
    """A person's onboarding or offboarding plan, generated from templates."""

    __tablename__ = "onboarding_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12), default="onboarding")  # onboarding | offboarding
    start_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | done


class OnboardingItem(Versioned, Timestamps, Base):
    __tablename__ = "onboarding_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("onboarding_plan.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(12))  # training | page | account | task
    title: Mapped[str] = mapped_column(String(200))
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id", ondelete="SET NULL"))
    page_id: Mapped[int | None] = mapped_column(ForeignKey("manual_page.id", ondelete="SET NULL"))
    system_id: Mapped[int | None] = mapped_column(ForeignKey("saas_system.id", ondelete="SET NULL"))
    level: Mapped[str | None] = mapped_column(String(50))
    due_date: Mapped[date | None]
    done_at: Mapped[datetime | None]
    done_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
