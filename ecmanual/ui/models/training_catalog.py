"""The training catalogue as tables: courses with their rule and audience, certifications,
the current holders of a certification, and the attendees of a session with their result."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from ...services.training import CourseInfo
from ...services.training_certs import AwardInfo, CertificationInfo
from ...services.training_sessions import AttendeeInfo
from .rows import RIGHT, Role, RowsModel
from .training_matrix import short_date

__all__ = ["CourseColumn", "CoursesModel", "CertificationColumn", "CertificationsModel", "HolderColumn",
           "HoldersModel", "AttendeeColumn", "AttendeesModel", "recurrence_label", "rule_text", "cert_kind_label",
           "RECURRENCE_LABELS", "Role"]

CONTEXT = "TrainingCatalog"
RECURRENCE_LABELS = {
    "on_hire": QT_TRANSLATE_NOOP("TrainingCatalog", "On hire"),
    "on_update": QT_TRANSLATE_NOOP("TrainingCatalog", "On hire and on content update"),
    "every_n_months": QT_TRANSLATE_NOOP("TrainingCatalog", "Every N months"),
    "fixed_months": QT_TRANSLATE_NOOP("TrainingCatalog", "In fixed calendar months"),
    "yearly": QT_TRANSLATE_NOOP("TrainingCatalog", "Yearly"),
    "continuous": QT_TRANSLATE_NOOP("TrainingCatalog", "Ongoing (no deadline)"),
}
CERT_KINDS = {
    "internal": QT_TRANSLATE_NOOP("TrainingCatalog", "Internal (認定制度)"),
    "external": QT_TRANSLATE_NOOP("TrainingCatalog", "External"),
}


TEXTS = {  # words used in cells, translated when shown
    "Every %1 months": QT_TRANSLATE_NOOP("TrainingCatalog", "Every %1 months"),
    "In %1": QT_TRANSLATE_NOOP("TrainingCatalog", "In %1"),
    "month %1": QT_TRANSLATE_NOOP("TrainingCatalog", "month %1"),
    "Yes": QT_TRANSLATE_NOOP("TrainingCatalog", "Yes"),
    "No": QT_TRANSLATE_NOOP("TrainingCatalog", "No"),
    "All staff": QT_TRANSLATE_NOOP("TrainingCatalog", "All staff"),
    "%1 months": QT_TRANSLATE_NOOP("TrainingCatalog", "%1 months"),
    "No expiry": QT_TRANSLATE_NOOP("TrainingCatalog", "No expiry"),
    "Passed": QT_TRANSLATE_NOOP("TrainingCatalog", "Passed"),
    "Not passed": QT_TRANSLATE_NOOP("TrainingCatalog", "Not passed"),
    "(file)": QT_TRANSLATE_NOOP("TrainingCatalog", "(file)"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, TEXTS.get(text, text))


def recurrence_label(code: str) -> str:
    return _t(RECURRENCE_LABELS[code]) if code in RECURRENCE_LABELS else code


def cert_kind_label(code: str) -> str:
    return _t(CERT_KINDS[code]) if code in CERT_KINDS else code


def rule_text(c: CourseInfo) -> str:
    """The course's rule in words: 12か月ごと, 4月・10月, 入社時 …"""
    if c.recurrence == "every_n_months" and c.interval_months:
        return _t("Every %1 months").replace("%1", str(c.interval_months))
    if c.recurrence == "fixed_months" and c.fixed_months:
        months = [m.strip() for m in c.fixed_months.replace("、", ",").split(",") if m.strip()]
        return _t("In %1").replace("%1", "・".join(_t("month %1").replace("%1", m) for m in months))
    return recurrence_label(c.recurrence)


def yes_no(value: bool) -> str:
    return _t("Yes") if value else _t("No")


class CourseColumn(IntEnum):
    NAME = 0
    CATEGORY = 1
    MANDATORY = 2
    AUDIENCE = 3
    RULE = 4
    VALIDITY = 5
    OWNER = 6
    UPDATED = 7


class CoursesModel(RowsModel):
    """Mandatory courses first: name, category, mandatory, who takes it, rule, validity, owner."""

    context = CONTEXT
    headers = {
        CourseColumn.NAME: QT_TRANSLATE_NOOP("TrainingCatalog", "Course"),
        CourseColumn.CATEGORY: QT_TRANSLATE_NOOP("TrainingCatalog", "Category"),
        CourseColumn.MANDATORY: QT_TRANSLATE_NOOP("TrainingCatalog", "Mandatory"),
        CourseColumn.AUDIENCE: QT_TRANSLATE_NOOP("TrainingCatalog", "Who takes it"),
        CourseColumn.RULE: QT_TRANSLATE_NOOP("TrainingCatalog", "When"),
        CourseColumn.VALIDITY: QT_TRANSLATE_NOOP("TrainingCatalog", "Valid for"),
        CourseColumn.OWNER: QT_TRANSLATE_NOOP("TrainingCatalog", "Owner"),
        CourseColumn.UPDATED: QT_TRANSLATE_NOOP("TrainingCatalog", "Content updated"),
    }

    def cell(self, c: CourseInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            audience = _t("All staff") if c.audience_all else "、".join([*c.departments, *c.roles]) or "—"
            validity = _t("%1 months").replace("%1", str(c.validity_months)) if c.validity_months else "—"
            return (c.name, c.category or "", yes_no(c.mandatory), audience, rule_text(c), validity,
                    c.owner_role or "", short_date(c.content_updated_on))[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == CourseColumn.RULE and c.frequency_label:
            return c.frequency_label
        if role == Qt.ItemDataRole.ToolTipRole and column == CourseColumn.NAME and c.materials:
            return c.materials
        if role == Role.SORT:
            if column == CourseColumn.VALIDITY:
                return c.validity_months or 0
            if column == CourseColumn.UPDATED:
                return c.content_updated_on.isoformat() if c.content_updated_on else ""
        return None


class CertificationColumn(IntEnum):
    NAME = 0
    KIND = 1
    ISSUER = 2
    VALIDITY = 3
    COURSE = 4
    ROLE = 5
    RENEWAL = 6


class CertificationsModel(RowsModel):
    context = CONTEXT
    headers = {
        CertificationColumn.NAME: QT_TRANSLATE_NOOP("TrainingCatalog", "Certification"),
        CertificationColumn.KIND: QT_TRANSLATE_NOOP("TrainingCatalog", "Kind"),
        CertificationColumn.ISSUER: QT_TRANSLATE_NOOP("TrainingCatalog", "Issuer"),
        CertificationColumn.VALIDITY: QT_TRANSLATE_NOOP("TrainingCatalog", "Valid for"),
        CertificationColumn.COURSE: QT_TRANSLATE_NOOP("TrainingCatalog", "Renewed by course"),
        CertificationColumn.ROLE: QT_TRANSLATE_NOOP("TrainingCatalog", "Required for role"),
        CertificationColumn.RENEWAL: QT_TRANSLATE_NOOP("TrainingCatalog", "Renewal rule"),
    }

    def cell(self, c: CertificationInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            validity = _t("%1 months").replace("%1", str(c.validity_months)) if c.validity_months else \
                _t("No expiry")
            return (c.name, cert_kind_label(c.kind), c.issuer or "", validity, c.course or "",
                    c.required_for_role or "", c.renewal_rule or "")[column]
        if role == Role.SORT and column == CertificationColumn.VALIDITY:
            return c.validity_months or 0
        return None


class HolderColumn(IntEnum):
    PERSON = 0
    ISSUED = 1
    EXPIRES = 2
    NOTE = 3


class HoldersModel(RowsModel):
    """The current awards of one certification."""

    context = CONTEXT
    headers = {
        HolderColumn.PERSON: QT_TRANSLATE_NOOP("TrainingCatalog", "Holder"),
        HolderColumn.ISSUED: QT_TRANSLATE_NOOP("TrainingCatalog", "Issued"),
        HolderColumn.EXPIRES: QT_TRANSLATE_NOOP("TrainingCatalog", "Expires"),
        HolderColumn.NOTE: QT_TRANSLATE_NOOP("TrainingCatalog", "Note"),
    }

    def cell(self, a: AwardInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (a.staff, short_date(a.issued_on),
                    short_date(a.expires_on) if a.expires_on else _t("No expiry"), a.note or "")[column]
        if role == Role.SORT and column in (HolderColumn.ISSUED, HolderColumn.EXPIRES):
            day = a.issued_on if column == HolderColumn.ISSUED else a.expires_on
            return day.isoformat() if day else "9999"
        return None


class AttendeeColumn(IntEnum):
    PERSON = 0
    ATTENDED = 1
    RESULT = 2
    SCORE = 3
    EVIDENCE = 4


class AttendeesModel(RowsModel):
    """A session's attendees: attended or not, pass/fail, score and evidence."""

    context = CONTEXT
    headers = {
        AttendeeColumn.PERSON: QT_TRANSLATE_NOOP("TrainingCatalog", "Attendee"),
        AttendeeColumn.ATTENDED: QT_TRANSLATE_NOOP("TrainingCatalog", "Attended"),
        AttendeeColumn.RESULT: QT_TRANSLATE_NOOP("TrainingCatalog", "Result"),
        AttendeeColumn.SCORE: QT_TRANSLATE_NOOP("TrainingCatalog", "Score"),
        AttendeeColumn.EVIDENCE: QT_TRANSLATE_NOOP("TrainingCatalog", "Evidence"),
    }

    def record_id(self, row: AttendeeInfo):
        return row.staff_id

    def cell(self, a: AttendeeInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            attended = "—" if a.attended is None else yes_no(a.attended)
            result = "" if a.passed is None else _t("Passed") if a.passed else _t("Not passed")
            score = "" if a.score is None else f"{a.score:g}"
            evidence = " ".join(x for x in (a.evidence_note or "", _t("(file)") if a.attachment_id else "") if x)
            return (a.name, attended, result, score, evidence)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AttendeeColumn.SCORE:
            return RIGHT
        if role == Role.SORT and column == AttendeeColumn.SCORE:
            return -1 if a.score is None else a.score
        return None
