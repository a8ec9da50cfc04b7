"""The organisation's tables (departments, job roles, staff) and the approval rules, as row models."""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from ...services.organisation import DepartmentInfo, JobRoleInfo, StaffInfo
from ...services.raci import ApprovalRule
from .rows import Role, RowsModel

CONTEXT = "RaciTables"
STAFF_STATUS = {
    "active": QT_TRANSLATE_NOOP("RaciTables", "Active"),
    "leave": QT_TRANSLATE_NOOP("RaciTables", "On leave"),
    "left": QT_TRANSLATE_NOOP("RaciTables", "Left"),
}
NOBODY = QT_TRANSLATE_NOOP("RaciTables", "(nobody)")
MISSING_BRUSH_COLOUR = "#FBE3E3"


def staff_status_label(status: str) -> str:
    source = STAFF_STATUS.get(status)
    return QCoreApplication.translate(CONTEXT, source) if source else status


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


class DepartmentColumn(IntEnum):
    NAME = 0
    NAME_EN = 1
    DESCRIPTION = 2


class DepartmentsModel(RowsModel):
    """Departments: name, English name, what they do."""

    context = CONTEXT
    headers = {
        DepartmentColumn.NAME: QT_TRANSLATE_NOOP("RaciTables", "Department"),
        DepartmentColumn.NAME_EN: QT_TRANSLATE_NOOP("RaciTables", "English"),
        DepartmentColumn.DESCRIPTION: QT_TRANSLATE_NOOP("RaciTables", "Description"),
    }

    def cell(self, d: DepartmentInfo, column: int, role: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = (d.name, d.name_en or "", d.description or "")[column]
            return text.replace("\n", " ") if role == Qt.ItemDataRole.DisplayRole else (text or None)
        return None


class RoleColumn(IntEnum):
    NAME = 0
    DEPARTMENT = 1
    HOLDERS = 2
    DEPUTIES = 3


class JobRolesModel(RowsModel):
    """Job roles with their current holders and deputies; a role with nobody is tinted."""

    context = CONTEXT
    headers = {
        RoleColumn.NAME: QT_TRANSLATE_NOOP("RaciTables", "Job role"),
        RoleColumn.DEPARTMENT: QT_TRANSLATE_NOOP("RaciTables", "Department"),
        RoleColumn.HOLDERS: QT_TRANSLATE_NOOP("RaciTables", "Holders"),
        RoleColumn.DEPUTIES: QT_TRANSLATE_NOOP("RaciTables", "Deputies"),
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self.departments: dict[int, str] = {}
        self._missing = QBrush(QColor(MISSING_BRUSH_COLOUR))

    def cell(self, r: JobRoleInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            nobody = QCoreApplication.translate(CONTEXT, NOBODY)
            if column == RoleColumn.NAME:
                return r.name
            if column == RoleColumn.DEPARTMENT:
                return self.departments.get(r.department_id, "") if r.department_id else ""
            people = r.holders if column == RoleColumn.HOLDERS else r.deputies
            return "、".join(people) or nobody
        if role == Qt.ItemDataRole.BackgroundRole and column in (RoleColumn.HOLDERS, RoleColumn.DEPUTIES):
            return self._missing if not (r.holders if column == RoleColumn.HOLDERS else r.deputies) else None
        if role == Qt.ItemDataRole.ToolTipRole and column == RoleColumn.NAME:
            return r.description or None
        return None


class StaffColumn(IntEnum):
    NAME = 0
    KANA = 1
    DEPARTMENT = 2
    EMAIL = 3
    EMPLOYMENT = 4
    STATUS = 5
    HIRED = 6
    LEAVES = 7


class StaffModel(RowsModel):
    """Staff with department, status and dates; leavers are greyed."""

    context = CONTEXT
    headers = {
        StaffColumn.NAME: QT_TRANSLATE_NOOP("RaciTables", "Name"),
        StaffColumn.KANA: QT_TRANSLATE_NOOP("RaciTables", "Reading"),
        StaffColumn.DEPARTMENT: QT_TRANSLATE_NOOP("RaciTables", "Department"),
        StaffColumn.EMAIL: QT_TRANSLATE_NOOP("RaciTables", "Email"),
        StaffColumn.EMPLOYMENT: QT_TRANSLATE_NOOP("RaciTables", "Employment"),
        StaffColumn.STATUS: QT_TRANSLATE_NOOP("RaciTables", "Status"),
        StaffColumn.HIRED: QT_TRANSLATE_NOOP("RaciTables", "Hired"),
        StaffColumn.LEAVES: QT_TRANSLATE_NOOP("RaciTables", "Leave date"),
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self._left = QBrush(QColor("#8A8A8A"))

    def cell(self, p: StaffInfo, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (p.name, p.kana or "", p.department or "", p.email or "", p.employment_type or "",
                    staff_status_label(p.status), _day(p.hire_date), _day(p.leave_date))[column]
        if role == Qt.ItemDataRole.ForegroundRole and p.status == "left":
            return self._left
        return None


class ApprovalColumn(IntEnum):
    UPDATE_TYPE = 0
    CHECK_POINTS = 1
    LEVEL = 2
    FREQUENCY = 3
    APPROVERS = 4
    DEPUTIES = 5


class ApprovalRulesModel(RowsModel):
    """Update types → approval level, and who holds that level's role now."""

    context = CONTEXT
    headers = {
        ApprovalColumn.UPDATE_TYPE: QT_TRANSLATE_NOOP("RaciTables", "Update type"),
        ApprovalColumn.CHECK_POINTS: QT_TRANSLATE_NOOP("RaciTables", "Check points"),
        ApprovalColumn.LEVEL: QT_TRANSLATE_NOOP("RaciTables", "Approval level"),
        ApprovalColumn.FREQUENCY: QT_TRANSLATE_NOOP("RaciTables", "How often"),
        ApprovalColumn.APPROVERS: QT_TRANSLATE_NOOP("RaciTables", "Approvers"),
        ApprovalColumn.DEPUTIES: QT_TRANSLATE_NOOP("RaciTables", "Deputies"),
    }

    def record_id(self, row: ApprovalRule):
        return row.update_type_id

    def cell(self, r: ApprovalRule, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ApprovalColumn.APPROVERS and r.role_id is None:
                return QCoreApplication.translate("RaciTables", "(decided by the %1)").replace("%1", r.level or "—")
            return (r.update_type, r.check_points or "", r.level or "", r.frequency or "",
                    "、".join(r.holders) or QCoreApplication.translate(CONTEXT, NOBODY),
                    "、".join(r.deputies))[column]
        if role == Role.SORT and column == ApprovalColumn.LEVEL:  # the level sorts by rank
            return r.rank or 0
        return None

