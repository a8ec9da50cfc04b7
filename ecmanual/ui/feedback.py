"""Refusals, confirmations, exports and imports as the content views show them.

Message boxes open window-modal without blocking (`open()`), so a refused action never
stops the event loop and tests can read the last message from `last_message`. Exports and
imports run through `tasks.run_task` with a progress dialog; after an export the user may
open the file or its folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..domain.errors import ConflictError, EcmanualError, PermissionDenied
from ..services import exports
from .context import UiContext
from .geometry import ui_state
from .messages import service_message
from .tasks import Task, run_task

logger = logging.getLogger(__name__)

last_message: QMessageBox | None = None  # the newest box shown here (tests read it)

FILTERS = {"pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)"}
FOLDER_KEY = "exports/folder"


def _show(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
          detail: str | None = None, informative: str | None = None) -> QMessageBox:
    global last_message
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if informative:
        box.setInformativeText(informative)
    if detail:
        box.setDetailedText(detail)
    box.open()
    last_message = box
    return box


# Columns of a record that say nothing to the person who sees a conflict.
_HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at", "password_hash"}
_MAX_FIELDS, _MAX_VALUE = 12, 120


def conflict_text(exc: ConflictError) -> str:
    """Who saved the record in the meantime, when, and what it holds now (one field a line)."""
    lines = []
    if exc.changed_by:
        when = exc.changed_at.astimezone().strftime("%Y-%m-%d %H:%M") if exc.changed_at else "?"
        lines.append(QCoreApplication.translate("Feedback", "%1 saved it at %2.")
                     .replace("%1", exc.changed_by).replace("%2", when))
    shown = [(k, v) for k, v in exc.current.items() if k not in _HIDDEN_FIELDS and v not in (None, "")]
    if shown:
        lines.append(QCoreApplication.translate("Feedback", "It now holds:"))
        for key, value in shown[:_MAX_FIELDS]:
            value = str(value).replace("\n", " ")
            lines.append(f"  {key}: {value[:_MAX_VALUE]}{'…' if len(value) > _MAX_VALUE else ''}")
    return "\n".join(lines)


def error_text(exc: BaseException) -> str:
    """A refusal for a dialog's own error label: the service's reason and, for a conflict,
    who saved the record meanwhile and what it holds now."""
    text = service_message(exc)
    if isinstance(exc, ConflictError):
        details = conflict_text(exc)
        if details:
            text = f"{text}\n{details}"
    return text


def refused(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """A service said no: its reason, in the UI language, row errors in the details.

    A conflict (someone else saved first) also shows who saved it, when, and the values the
    record holds now, so the user can redo their change on top of the other person's.
    """
    text = service_message(exc)
    first, _, rest = text.partition("\n")
    if isinstance(exc, ConflictError):
        return _show(parent, QMessageBox.Icon.Warning,
                     QCoreApplication.translate("Feedback", "Changed by someone else"),
                     QCoreApplication.translate("Feedback", "Your change was not saved: someone else saved this "
                                                "record after you opened it. Reload it and make your change again."),
                     first, conflict_text(exc))
    if isinstance(exc, PermissionDenied):
        title = QCoreApplication.translate("Feedback", "Not allowed")
    else:
        title = QCoreApplication.translate("Feedback", "Could not save")
    return _show(parent, QMessageBox.Icon.Warning, title, first, rest.strip() or None)


def inform(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    return _show(parent, QMessageBox.Icon.Information, title, text)


def attempt(parent: QWidget | None, action: Callable[[], object]) -> bool:
    """Run a quick service call; show its refusal and return False when it refuses."""
    try:
        action()
    except EcmanualError as exc:
        logger.info("refused: %s", exc)
        refused(parent, exc)
        return False
    return True


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask yes/no (blocking: the answer decides what happens next)."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


# --- exports ---------------------------------------------------------------------------------

def _export_folder() -> Path:
    """The folder of the last export or import on this PC, else the home folder."""
    folder = str(ui_state().value(FOLDER_KEY, "") or "")
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def _remember_folder(path: str) -> None:
    state = ui_state()
    state.setValue(FOLDER_KEY, str(Path(path).parent))
    state.sync()


def ask_export_path(parent: QWidget | None, suggested: str, formats: tuple[str, ...]) -> tuple[str, str] | None:
    """The file to write and its format, or None when the user cancels."""
    filters = ";;".join(FILTERS[f] for f in formats)
    path, chosen = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("Feedback", "Export"),
                                               str(_export_folder() / suggested), filters)
    if not path:
        return None
    _remember_folder(path)
    fmt = next((f for f in formats if FILTERS[f] == chosen), formats[0])
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in formats:
        fmt = suffix
    else:
        path += f".{fmt}"
    return path, fmt


def export_file(parent: QWidget | None, ctx: UiContext, kind: str, fmt: str, path: str,
                params: exports.ExportParams | None = None, *, offer_open: bool = True,
                on_done: Callable[[object], None] | None = None) -> Task:
    """Write an export off the GUI thread; afterwards offer to open the file or its folder."""
    params = params or exports.ExportParams(external=False)
    db, actor = ctx.db, ctx.actor

    def work(progress, cancel):
        return exports.run_export(db, actor, kind, fmt, path, params=params, progress=progress, cancel=cancel)

    def done(result) -> None:
        if offer_open:
            offer_to_open(parent, result.path)
        if on_done:
            on_done(result)

    return run_task(work, on_success=done, parent=parent,
                    progress_label=QCoreApplication.translate("Feedback", "Exporting…"))


def export_with_dialog(parent: QWidget | None, ctx: UiContext, kind: str, suggested: str,
                       params: exports.ExportParams | None = None,
                       formats: tuple[str, ...] = ("pdf", "xlsx")) -> Task | None:
    chosen = ask_export_path(parent, suggested, formats)
    if chosen is None:
        return None
    path, fmt = chosen
    return export_file(parent, ctx, kind, fmt, path, params)


def offer_to_open(parent: QWidget | None, path: Path) -> QMessageBox:
    """'Exported to …' with buttons that open the file or the folder holding it."""
    global last_message
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("Feedback", "Export finished"),
                      QCoreApplication.translate("Feedback", "The file was written:\n%1").replace("%1", str(path)),
                      QMessageBox.StandardButton.Close, parent)
    open_file = box.addButton(QCoreApplication.translate("Feedback", "Open file"), QMessageBox.ButtonRole.ActionRole)
    open_folder = box.addButton(QCoreApplication.translate("Feedback", "Open folder"),
                                QMessageBox.ButtonRole.ActionRole)

    def clicked(button) -> None:
        if button is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif button is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

    box.buttonClicked.connect(clicked)
    box.open()
    last_message = box
    return box


# --- imports ---------------------------------------------------------------------------------

def ask_import_path(parent: QWidget | None, title: str) -> str | None:
    filters = QCoreApplication.translate("Feedback", "Spreadsheets (*.xlsx *.csv *.tsv *.txt);;All files (*)")
    path, _ = QFileDialog.getOpenFileName(parent, title, str(_export_folder()), filters)
    if path:
        _remember_folder(path)
    return path or None


def import_file(parent: QWidget | None, fn: Callable, on_done: Callable[[dict], None]) -> Task:
    """Run an importer `fn(progress, cancel) -> summary` off the GUI thread; refusals in a box."""
    return run_task(fn, on_success=on_done, on_failure=lambda exc: _import_failed(parent, exc), parent=parent,
                    progress_label=QCoreApplication.translate("Feedback", "Importing…"))


def _import_failed(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, EcmanualError):
        refused(parent, exc)
    else:
        import sys

        sys.excepthook(type(exc), exc, exc.__traceback__)
