"""A person's training record as tables: requirements with status, completions, certifications."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from ...domain import training_rules as rules
from ...services.training import CompletionInfo
from ...services.training_certs import AwardInfo
from ...services.training_status import Requirement
from .rows import Role, RowsModel, local_time
from .training_matrix import short_date, status_brush, status_label

__all__ = ["RequirementColumn", "RequirementsModel", "CompletionColumn", "CompletionsModel", "AwardColumn",
           "AwardsModel", "Role"]


class RequirementColumn(IntEnum):
    NAME = 0
    STATUS = 1
    DUE = 2
    LAST = 3
    WHY = 4


class RequirementsModel(RowsModel):
    """Each course and certification for the person; status cells coloured."""

    context = "TrainingRequirementsModel"
    headers = {
        RequirementColumn.NAME: QT_TRANSLATE_NOOP("TrainingRequirementsModel", "Course or certification"),
        RequirementColumn.STATUS: QT_TRANSLATE_NOOP("TrainingRequirementsModel", "Status"),
        RequirementColumn.DUE: QT_TRANSLATE_NOOP("TrainingRequirementsModel", "Due"),
        RequirementColumn.LAST: QT_TRANSLATE_NOOP("TrainingRequirementsModel", "Last done"),
        RequirementColumn.WHY: QT_TRANSLATE_NOOP("TrainingRequirementsModel", "Required because"),
    }

    def record_id(self, row: Requirement):
        return row.key

    def cell(self, r: Requirement, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            name = r.name
            if r.kind == "certification":
                name = QCoreApplication.translate("TrainingRequirementsModel", "%1 (certification)").replace("%1", r.name)
            elif not r.mandatory:
                name = QCoreApplication.translate("TrainingRequirementsModel", "%1 (optional)").replace("%1", r.name)
            return (name, status_label(r.status), short_date(r.due_on), short_date(r.last_completed),
                    "、".join(r.via))[column]
        if role == Qt.ItemDataRole.BackgroundRole and column == RequirementColumn.STATUS:
            return status_brush(r.status)
        if role == Role.SORT:
            if column == RequirementColumn.STATUS:
                return rules.SEVERITY[r.status]
            if column in (RequirementColumn.DUE, RequirementColumn.LAST):
                day = r.due_on if column == RequirementColumn.DUE else r.last_completed
                return day.isoformat() if day else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == RequirementColumn.NAME and r.frequency:
            return r.frequency
        return None


class CompletionColumn(IntEnum):
    DATE = 0
    COURSE = 1
    SCORE = 2
    RESULT = 3
    EVIDENCE = 4
    RECORDED_BY = 5


class CompletionsModel(RowsModel):
    """The person's completions, newest first, kept whatever their role or department."""

    context = "TrainingCompletionsModel"
    headers = {
        CompletionColumn.DATE: QT_TRANSLATE_NOOP("TrainingCompletionsModel", "Date"),
        CompletionColumn.COURSE: QT_TRANSLATE_NOOP("TrainingCompletionsModel", "Course"),
        CompletionColumn.SCORE: QT_TRANSLATE_NOOP("TrainingCompletionsModel", "Score"),
        CompletionColumn.RESULT: QT_TRANSLATE_NOOP("TrainingCompletionsModel", "Result"),
        CompletionColumn.EVIDENCE: QT_TRANSLATE_NOOP("TrainingCompletionsModel", "Evidence"),
        CompletionColumn.RECORDED_BY: QT_TRANSLATE_NOOP("TrainingCompletionsModel", "Recorded by"),
    }

    def cell(self, c: CompletionInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            evidence = " · ".join(x for x in (c.evidence_note, c.attachment_name and f"📎 {c.attachment_name}") if x)
            score = "" if c.score is None else f"{c.score:g}"
            result = (QCoreApplication.translate("TrainingCompletionsModel", "Passed") if c.passed
                      else QCoreApplication.translate("TrainingCompletionsModel", "Failed"))
            return (short_date(c.completed_on), c.course, score, result, evidence, c.recorded_by or "")[column]
        if role == Role.SORT:
            if column == CompletionColumn.DATE:
                return c.completed_on.isoformat()
            if column == CompletionColumn.SCORE:
                return c.score if c.score is not None else -1.0
        if role == Qt.ItemDataRole.BackgroundRole and column == CompletionColumn.RESULT and not c.passed:
            return status_brush(rules.OVERDUE)
        if role == Qt.ItemDataRole.ToolTipRole and column == CompletionColumn.RECORDED_BY:
            return local_time(c.recorded_at)
        return None


class AwardColumn(IntEnum):
    NAME = 0
    ISSUED = 1
    EXPIRES = 2
    STATE = 3


class AwardsModel(RowsModel):
    """Certification awards, current and superseded (renewals keep the old ones)."""

    context = "TrainingAwardsModel"
    headers = {
        AwardColumn.NAME: QT_TRANSLATE_NOOP("TrainingAwardsModel", "Certification"),
        AwardColumn.ISSUED: QT_TRANSLATE_NOOP("TrainingAwardsModel", "Issued"),
        AwardColumn.EXPIRES: QT_TRANSLATE_NOOP("TrainingAwardsModel", "Expires"),
        AwardColumn.STATE: QT_TRANSLATE_NOOP("TrainingAwardsModel", "State"),
    }

    def cell(self, a: AwardInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            state = (QCoreApplication.translate("TrainingAwardsModel", "Current") if a.current
                     else QCoreApplication.translate("TrainingAwardsModel", "Renewed"))
            return (a.certification, short_date(a.issued_on), short_date(a.expires_on), state)[column]
        if role == Role.SORT and column in (AwardColumn.ISSUED, AwardColumn.EXPIRES):
            day = a.issued_on if column == AwardColumn.ISSUED else a.expires_on
            return day.isoformat() if day else ""
        return None
