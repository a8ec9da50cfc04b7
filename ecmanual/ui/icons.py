"""Icons from resources/icons (SVG), cached."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from ..resources import resource

logger = logging.getLogger(__name__)


@cache
def icon(name: str) -> QIcon:
    path = resource("icons", name)
    if not path.exists():
        logger.warning("missing icon %s", path)
        return QIcon()
    result = QIcon(str(path))
    # The same drawing when selected: the style's generated "selected" tint makes the
    # blue strokes vanish on a blue highlight.
    result.addFile(str(path), QSize(), QIcon.Mode.Selected)
    return result
