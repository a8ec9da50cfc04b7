"""What every view receives: the database, the signed-in user, where the data lives."""

from __future__ import annotations

from dataclasses import dataclass

from ..services.context import Actor, Database


@dataclass(frozen=True)
class UiContext:
    """Passed to each view's constructor; views never reach for globals."""

    db: Database
    actor: Actor
    db_location: str  # file path or URL without password, for display
