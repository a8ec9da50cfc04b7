"""App roles and what each may do. Services check these; the UI only mirrors them."""

from __future__ import annotations

from enum import StrEnum


class AppRole(StrEnum):
    ADMIN = "admin"        # 管理者
    EDITOR = "editor"      # 編集者
    APPROVER = "approver"  # 承認者
    VIEWER = "viewer"      # 閲覧者


ROLE_LABELS_JA = {
    AppRole.ADMIN: "管理者",
    AppRole.EDITOR: "編集者",
    AppRole.APPROVER: "承認者",
    AppRole.VIEWER: "閲覧者",
}


class Permission(StrEnum):
    VIEW = "view"
    EDIT = "edit"                # create/change records
    APPROVE = "approve"          # approve runs, publish pages, sign reviews as approver
    EXPORT = "export"            # write audit records to files
    EXPORT_PERSONAL = "export_personal"  # exports that carry staff names/emails externally
    MANAGE_USERS = "manage_users"
    ADMINISTER = "administer"    # settings, backup/restore, connection


_GRANTS: dict[AppRole, frozenset[Permission]] = {
    AppRole.VIEWER: frozenset({Permission.VIEW}),
    AppRole.EDITOR: frozenset({Permission.VIEW, Permission.EDIT, Permission.EXPORT}),
    AppRole.APPROVER: frozenset({Permission.VIEW, Permission.EDIT, Permission.EXPORT, Permission.APPROVE}),
    AppRole.ADMIN: frozenset(Permission),
}


def grants(role: AppRole | str, permission: Permission) -> bool:
    return permission in _GRANTS[AppRole(role)]


def permissions_of(role: AppRole | str) -> frozenset[Permission]:
    return _GRANTS[AppRole(role)]
