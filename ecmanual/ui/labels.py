"""Display names of stored codes (roles, audit actions, record kinds) in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_ROLES = {
    "admin": QT_TRANSLATE_NOOP("Labels", "Administrator"),
    "editor": QT_TRANSLATE_NOOP("Labels", "Editor"),
    "approver": QT_TRANSLATE_NOOP("Labels", "Approver"),
    "viewer": QT_TRANSLATE_NOOP("Labels", "Viewer"),
}

_ACTIONS = {
    "create": QT_TRANSLATE_NOOP("Labels", "Created"),
    "update": QT_TRANSLATE_NOOP("Labels", "Changed"),
    "delete": QT_TRANSLATE_NOOP("Labels", "Deleted"),
    "login": QT_TRANSLATE_NOOP("Labels", "Signed in"),
    "login_failed": QT_TRANSLATE_NOOP("Labels", "Sign-in failed"),
    "login_refused": QT_TRANSLATE_NOOP("Labels", "Sign-in refused"),
    "migrate": QT_TRANSLATE_NOOP("Labels", "Database upgraded"),
    "change_password": QT_TRANSLATE_NOOP("Labels", "Password changed"),
    "reset_password": QT_TRANSLATE_NOOP("Labels", "Password reset"),
    "import": QT_TRANSLATE_NOOP("Labels", "Imported"),
    "export": QT_TRANSLATE_NOOP("Labels", "Exported"),
    "approve": QT_TRANSLATE_NOOP("Labels", "Approved"),
    "reject": QT_TRANSLATE_NOOP("Labels", "Rejected"),
    "return": QT_TRANSLATE_NOOP("Labels", "Sent back"),
    "submit": QT_TRANSLATE_NOOP("Labels", "Submitted"),
    "propose": QT_TRANSLATE_NOOP("Labels", "Proposed"),
    "publish": QT_TRANSLATE_NOOP("Labels", "Published"),
    "new_version": QT_TRANSLATE_NOOP("Labels", "New version"),
    "acknowledge": QT_TRANSLATE_NOOP("Labels", "Read and acknowledged"),
    "check": QT_TRANSLATE_NOOP("Labels", "Checked"),
    "review": QT_TRANSLATE_NOOP("Labels", "Reviewed"),
    "step": QT_TRANSLATE_NOOP("Labels", "Step recorded"),
    "reorder": QT_TRANSLATE_NOOP("Labels", "Reordered"),
    "leave": QT_TRANSLATE_NOOP("Labels", "Leaver recorded"),
    "backup": QT_TRANSLATE_NOOP("Labels", "Backed up"),
    "restore": QT_TRANSLATE_NOOP("Labels", "Restored"),
}

# One entry per table of persistence/models (the `entity` audit entries carry).
_ENTITIES = {
    "app_user": QT_TRANSLATE_NOOP("Labels", "User"),
    "database": QT_TRANSLATE_NOOP("Labels", "Database"),
    "setting": QT_TRANSLATE_NOOP("Labels", "Setting"),
    "export_record": QT_TRANSLATE_NOOP("Labels", "Exported file"),
    "department": QT_TRANSLATE_NOOP("Labels", "Department"),
    "staff": QT_TRANSLATE_NOOP("Labels", "Staff"),
    "job_role": QT_TRANSLATE_NOOP("Labels", "Job role"),
    "role_assignment": QT_TRANSLATE_NOOP("Labels", "Role assignment"),
    "process": QT_TRANSLATE_NOOP("Labels", "Process"),
    "process_step": QT_TRANSLATE_NOOP("Labels", "Process step"),
    "raci_cell": QT_TRANSLATE_NOOP("Labels", "RACI"),
    "approval_level": QT_TRANSLATE_NOOP("Labels", "Approval level"),
    "update_type": QT_TRANSLATE_NOOP("Labels", "Update type"),
    "duty": QT_TRANSLATE_NOOP("Labels", "Duty"),
    "duty_occurrence": QT_TRANSLATE_NOOP("Labels", "Duty occurrence"),
    "course": QT_TRANSLATE_NOOP("Labels", "Course"),
    "course_audience": QT_TRANSLATE_NOOP("Labels", "Course audience"),
    "training_session": QT_TRANSLATE_NOOP("Labels", "Training session"),
    "session_attendee": QT_TRANSLATE_NOOP("Labels", "Attendee"),
    "training_record": QT_TRANSLATE_NOOP("Labels", "Training record"),
    "certification": QT_TRANSLATE_NOOP("Labels", "Certification"),
    "certification_award": QT_TRANSLATE_NOOP("Labels", "Certification award"),
    "onboarding_template": QT_TRANSLATE_NOOP("Labels", "Onboarding template"),
    "onboarding_plan": QT_TRANSLATE_NOOP("Labels", "Onboarding plan"),
    "onboarding_item": QT_TRANSLATE_NOOP("Labels", "Onboarding item"),
    "standard_level": QT_TRANSLATE_NOOP("Labels", "Standard permission level"),
    "level_policy": QT_TRANSLATE_NOOP("Labels", "Permission level policy"),
    "saas_system": QT_TRANSLATE_NOOP("Labels", "SaaS system"),
    "system_level": QT_TRANSLATE_NOOP("Labels", "System permission level"),
    "account_import": QT_TRANSLATE_NOOP("Labels", "Account import"),
    "account": QT_TRANSLATE_NOOP("Labels", "Account"),
    "review": QT_TRANSLATE_NOOP("Labels", "Permission review"),
    "review_system": QT_TRANSLATE_NOOP("Labels", "Reviewed system"),
    "review_account": QT_TRANSLATE_NOOP("Labels", "Reviewed account"),
    "finding": QT_TRANSLATE_NOOP("Labels", "Finding"),
    "remediation_task": QT_TRANSLATE_NOOP("Labels", "Remediation task"),
    "checklist_template": QT_TRANSLATE_NOOP("Labels", "Checklist template"),
    "checklist_template_version": QT_TRANSLATE_NOOP("Labels", "Checklist template version"),
    "checklist_item": QT_TRANSLATE_NOOP("Labels", "Checklist item"),
    "checklist_run": QT_TRANSLATE_NOOP("Labels", "Checklist run"),
    "checklist_run_item": QT_TRANSLATE_NOOP("Labels", "Checklist run item"),
    "attachment": QT_TRANSLATE_NOOP("Labels", "Attachment"),
    "document_template": QT_TRANSLATE_NOOP("Labels", "Template"),
    "document": QT_TRANSLATE_NOOP("Labels", "Document"),
    "glossary_term": QT_TRANSLATE_NOOP("Labels", "Glossary term"),
    "manual_page": QT_TRANSLATE_NOOP("Labels", "Manual page"),
    "manual_page_version": QT_TRANSLATE_NOOP("Labels", "Manual page version"),
    "page_acknowledgement": QT_TRANSLATE_NOOP("Labels", "Read acknowledgement"),
    "risk": QT_TRANSLATE_NOOP("Labels", "Risk"),
    "incident_flow_step": QT_TRANSLATE_NOOP("Labels", "Incident response step"),
    "incident": QT_TRANSLATE_NOOP("Labels", "Incident"),
    "incident_step": QT_TRANSLATE_NOOP("Labels", "Incident step record"),
}


def _label(table: dict[str, str], code: str) -> str:
    source = table.get(str(code))
    return QCoreApplication.translate("Labels", source) if source else str(code)


def role_label(role: str) -> str:
    return _label(_ROLES, role)


def action_label(action: str) -> str:
    return _label(_ACTIONS, action)


def entity_label(entity: str) -> str:
    return _label(_ENTITIES, entity)
