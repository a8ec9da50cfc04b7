"""Every mapped model, imported here so the metadata is complete."""

from ..base import Base
from .content import (
    Attachment, ChecklistItem, ChecklistRun, ChecklistRunItem, ChecklistTemplate,
    ChecklistTemplateVersion, Document, DocumentTemplate, GlossaryTerm, Incident,
    IncidentFlowStep, IncidentStep, ManualPage, ManualPageVersion, PageAcknowledgement, Risk,
)
from .inventory import (
    Account, AccountImport, Finding, LevelPolicy, RemediationTask, Review, ReviewAccount,
    ReviewSystem, SaasSystem, StandardLevel, SystemLevel,
)
from .org import Department, JobRole, RoleAssignment, Staff
from .raci import ApprovalLevel, Duty, DutyOccurrence, Process, ProcessStep, RaciCell, UpdateType
from .security import AppUser, AuditEntry, AuditHead, ExportRecord, SearchDoc, Setting
from .training import (
    Certification, CertificationAward, Course, CourseAudience, OnboardingItem, OnboardingPlan,
    OnboardingTemplate, SessionAttendee, TrainingRecord, TrainingSession,
)

__all__ = [name for name in dir() if name[0].isupper()]
