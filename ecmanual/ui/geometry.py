"""Window geometry remembered between runs, in one INI file in the user data folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow

from ..config import data_dir


def ui_state() -> QSettings:
    """The INI file for window state (kept apart from settings.ini, which config.py owns)."""
    return QSettings(str(data_dir() / "window-state.ini"), QSettings.Format.IniFormat)


class PreserveGeometry:
    """Mixin for top-level widgets: `restore_geometry()` after building, `save_geometry()` on close.

    A QMainWindow also keeps its toolbar/dock state. The key is the class name unless
    `geometry_key` is set.
    """

    geometry_key = ""

    def _geometry_group(self) -> str:
        return self.geometry_key or type(self).__name__

    def restore_geometry(self) -> bool:
        settings = ui_state()
        settings.beginGroup(self._geometry_group())
        geometry = settings.value("geometry")
        state = settings.value("state")
        settings.endGroup()
        restored = bool(geometry) and self.restoreGeometry(geometry)  # type: ignore[attr-defined]
        if state and isinstance(self, QMainWindow):
            self.restoreState(state)
        return restored

    def save_geometry(self) -> None:
        settings = ui_state()
        settings.beginGroup(self._geometry_group())
        settings.setValue("geometry", self.saveGeometry())  # type: ignore[attr-defined]
        if isinstance(self, QMainWindow):
            settings.setValue("state", self.saveState())
        settings.endGroup()
        settings.sync()
