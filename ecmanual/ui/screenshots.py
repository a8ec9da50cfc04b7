"""Offscreen PNGs of the login dialog and of every area (docs, review, the `screenshots` command)."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QThreadPool, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from .areas import AREAS
from .main_window import DEFAULT_SIZE

logger = logging.getLogger(__name__)


def _settle(app: QApplication) -> None:
    # Views load off the GUI thread: wait for their workers, then deliver their results.
    for _ in range(3):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(10_000)
        app.processEvents()


def _grab(app: QApplication, widget: QWidget, path: Path) -> Path:
    _settle(app)
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    logger.info("wrote %s", path)
    return path


def render_all(app: QApplication, window, login: QWidget, out_dir: Path) -> list[Path]:
    """`00_login.png`, then `NN_<area>.png` per area in sidebar order; returns the files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for widget in (login, window):
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # laid out, never flashes on a desktop
    login.show()
    files.append(_grab(app, login, out_dir / "00_login.png"))
    login.close()
    window.resize(DEFAULT_SIZE)
    window.show()
    try:
        for i, area in enumerate(AREAS, start=1):
            window.show_area(area.key)
            files.append(_grab(app, window, out_dir / f"{i:02d}_{area.key}.png"))
    finally:
        window.close()
    return files


def reduce_colours(path: Path, colours: int = 256) -> Path:
    """Rewrite a PNG with an 8-bit palette of its `colours` most frequent colours (2–256), at the
    highest compression; other pixels (text antialiasing) take the nearest palette colour. A
    screen is mostly flat colour, so it looks the same at about a third of the size (for PNGs
    committed to the docs)."""
    if not 2 <= colours <= 256:
        raise ValueError(f"colours must be 2–256, not {colours}")
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    if image.isNull():
        raise OSError(f"could not read {path}")
    counts = Counter(memoryview(image.constBits()).cast("I"))
    table = [c | 0xFF000000 for c, _n in counts.most_common(colours)]
    indexed = image.convertToFormat(QImage.Format.Format_Indexed8, table, Qt.ImageConversionFlag.ThresholdDither)
    if not indexed.save(str(path), "PNG", 0):  # quality 0: the strongest zlib compression
        raise OSError(f"could not write {path}")
    return path

