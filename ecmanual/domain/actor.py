"""Who is acting: the signed-in user and their application role."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import PermissionDenied
from .permissions import AppRole, Permission, grants


@dataclass(frozen=True)
class Actor:
    """Who is acting. `system` is used only by init and migrations."""

    user_id: int | None
    username: str
    role: AppRole
    display_name: str = ""

    def may(self, permission: Permission) -> bool:
        return grants(self.role, permission)

    def require(self, permission: Permission, what: str = "") -> None:
        if not self.may(permission):
            raise PermissionDenied(
                f"{self.username} ({self.role}) may not {permission.value}" + (f": {what}" if what else "")
            )


SYSTEM = Actor(None, "system", AppRole.ADMIN, "system")
