"""The organisation's edit dialogs (department, job role, staff, role assignment), each a FormDialog
saving through services.organisation."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ...domain.errors import InputError
from ...services import organisation as org, records
from ..context import UiContext
from .org_form import FormDialog, FormField


def _changed(before, values: dict) -> dict:
    """Only the fields that differ, so an unchanged save writes no audit entry."""
    return {k: v for k, v in values.items() if getattr(before, k) != v}


def department_dialog(ctx: UiContext, d: org.DepartmentInfo | None, parent: QWidget | None = None) -> FormDialog:
    fields = [FormField("name", QCoreApplication.translate("OrgDialogs", "Name *"), value=d.name if d else None),
              FormField("name_en", QCoreApplication.translate("OrgDialogs", "English name"),
                        value=d.name_en if d else None),
              FormField("description", QCoreApplication.translate("OrgDialogs", "Description"), "multiline",
                        value=d.description if d else None)]

    def save(values: dict):
        if d is None:
            return org.create_department(ctx.db, ctx.actor, **values)
        return org.update_department(ctx.db, ctx.actor, d.id, expected_version=d.version, **_changed(d, values))

    title = QCoreApplication.translate("OrgDialogs", "Edit department") if d else \
        QCoreApplication.translate("OrgDialogs", "New department")
    return FormDialog(title, fields, save, parent)


def job_role_dialog(ctx: UiContext, r: org.JobRoleInfo | None, departments: list[org.DepartmentInfo],
                    parent: QWidget | None = None) -> FormDialog:
    choices = [("—", None)] + [(x.name, x.id) for x in departments]
    fields = [FormField("name", QCoreApplication.translate("OrgDialogs", "Name *"), value=r.name if r else None),
              FormField("name_en", QCoreApplication.translate("OrgDialogs", "English name"),
                        value=r.name_en if r else None),
              FormField("department_id", QCoreApplication.translate("OrgDialogs", "Department"), "choice",
                        value=r.department_id if r else None, choices=choices),
              FormField("description", QCoreApplication.translate("OrgDialogs", "Responsibilities"), "multiline",
                        value=r.description if r else None)]

    def save(values: dict):
        if r is None:
            return org.create_job_role(ctx.db, ctx.actor, **values)
        return org.update_job_role(ctx.db, ctx.actor, r.id, expected_version=r.version, **_changed(r, values))

    title = QCoreApplication.translate("OrgDialogs", "Edit job role") if r else \
        QCoreApplication.translate("OrgDialogs", "New job role")
    return FormDialog(title, fields, save, parent)


def staff_dialog(ctx: UiContext, p: org.StaffInfo | None, departments: list[org.DepartmentInfo],
                 parent: QWidget | None = None) -> FormDialog:
    choices = [("—", None)] + [(x.name, x.id) for x in departments]
    statuses = [(QCoreApplication.translate("OrgDialogs", "Active"), "active"),
                (QCoreApplication.translate("OrgDialogs", "On leave"), "leave"),
                (QCoreApplication.translate("OrgDialogs", "Left"), "left")]
    fields = [FormField("name", QCoreApplication.translate("OrgDialogs", "Name *"), value=p.name if p else None),
              FormField("kana", QCoreApplication.translate("OrgDialogs", "Reading (kana)"),
                        value=p.kana if p else None),
              FormField("email", QCoreApplication.translate("OrgDialogs", "Email"), value=p.email if p else None),
              FormField("department_id", QCoreApplication.translate("OrgDialogs", "Department"), "choice",
                        value=p.department_id if p else None, choices=choices),
              FormField("employment_type", QCoreApplication.translate("OrgDialogs", "Employment"),
                        value=p.employment_type if p else None, placeholder="正社員 / 契約社員 / 業務委託"),
              FormField("status", QCoreApplication.translate("OrgDialogs", "Status"), "choice",
                        value=p.status if p else "active", choices=statuses),
              FormField("hire_date", QCoreApplication.translate("OrgDialogs", "Hired"), "date",
                        value=p.hire_date if p else None)]

    def save(values: dict):
        if p is None:
            return org.create_staff(ctx.db, ctx.actor, values.pop("name"), **values)
        return org.update_staff(ctx.db, ctx.actor, p.id, expected_version=p.version, **_changed(p, values))

    title = QCoreApplication.translate("OrgDialogs", "Edit staff member") if p else \
        QCoreApplication.translate("OrgDialogs", "New staff member")
    return FormDialog(title, fields, save, parent)


def assign_dialog(ctx: UiContext, roles: list[org.JobRoleInfo], staff: list[org.StaffInfo],
                  parent: QWidget | None = None, role_id: int | None = None) -> FormDialog:
    kinds = [(QCoreApplication.translate("OrgDialogs", "Holder"), "holder"),
             (QCoreApplication.translate("OrgDialogs", "Deputy"), "deputy")]
    fields = [FormField("role", QCoreApplication.translate("OrgDialogs", "Job role"), "choice", value=role_id,
                        choices=[(r.name, r.id) for r in roles]),
              FormField("person", QCoreApplication.translate("OrgDialogs", "Person"), "choice",
                        choices=[(p.name + (f"（{p.department}）" if p.department else ""), p.id)
                                 for p in staff if p.status != "left"]),
              FormField("kind", QCoreApplication.translate("OrgDialogs", "As"), "choice", value="holder",
                        choices=kinds),
              FormField("start_date", QCoreApplication.translate("OrgDialogs", "From"), "date", value=None,
                        placeholder=QCoreApplication.translate("OrgDialogs", "YYYY-MM-DD (empty: from now)"))]

    def save(values: dict):
        return org.assign_role(ctx.db, ctx.actor, values["role"], values["person"], kind=values["kind"],
                               start_date=values["start_date"])

    return FormDialog(QCoreApplication.translate("OrgDialogs", "Assign a job role"), fields, save, parent)


def end_assignment_dialog(ctx: UiContext, assignments: list[org.AssignmentInfo], parent: QWidget | None = None,
                          today: date | None = None) -> FormDialog:
    holder = QCoreApplication.translate("OrgDialogs", "holder")
    deputy = QCoreApplication.translate("OrgDialogs", "deputy")
    choices = [(f"{a.staff}（{holder if a.kind == 'holder' else deputy}）", a.id) for a in assignments]
    fields = [FormField("assignment", QCoreApplication.translate("OrgDialogs", "Assignment"), "choice",
                        choices=choices),
              FormField("end_date", QCoreApplication.translate("OrgDialogs", "Last day *"), "date",
                        value=today or records.today_jst())]

    def save(values: dict):
        if values["end_date"] is None:
            raise InputError(QCoreApplication.translate("OrgDialogs", "Give the last day of the assignment."))
        return org.end_assignment(ctx.db, ctx.actor, values["assignment"], values["end_date"])

    return FormDialog(QCoreApplication.translate("OrgDialogs", "End an assignment"), fields, save, parent)
