"""Horizontal stacked bar charts drawn with QPainter (QtCharts is not part of PySide6-Essentials).

A chart holds plain data: a title, the series (name and colour) and one row per category
with a value per series. The dashboard draws training compliance by department, review
progress by system and findings by kind with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT = 16
ROW_GAP = 6
MAX_ROWS = 12  # more categories are summed into the last row "…"


@dataclass(frozen=True)
class Series:
    name: str
    colour: str


@dataclass(frozen=True)
class BarRow:
    label: str
    values: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.values)


class StackedBarChart(QWidget):
    """Categories as rows, each a bar split by series; `normalise` draws shares (100% bars) and
    writes the share of the first `share_of` series beside each bar (e.g. valid + due soon)."""

    def __init__(self, parent: QWidget | None = None, *, normalise: bool = False, share_of: int = 1):
        super().__init__(parent)
        self.normalise = normalise
        self.share_of = share_of
        self.title = ""
        self.empty_text = ""
        self.series: list[Series] = []
        self.rows: list[BarRow] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    # --- data ------------------------------------------------------------------------------
    def set_data(self, title: str, series: list[Series], rows: list[BarRow], empty_text: str = "") -> None:
        self.title, self.series, self.empty_text = title, list(series), empty_text
        rows = [r for r in rows if r.total]
        if len(rows) > MAX_ROWS:
            rest = rows[MAX_ROWS - 1:]
            rows = rows[:MAX_ROWS - 1] + [BarRow("…", tuple(sum(v) for v in zip(*(r.values for r in rest))))]
        self.rows = rows
        self.setAccessibleName(title)
        self.setToolTip("\n".join(self.describe()))
        self.updateGeometry()
        self.update()

    def describe(self) -> list[str]:
        """The data as text lines (tooltip, accessibility)."""
        return [f"{r.label}: " + ", ".join(f"{s.name} {v}" for s, v in zip(self.series, r.values)) for r in self.rows]

    # --- layout ----------------------------------------------------------------------------
    def _line(self) -> int:
        return QFontMetrics(self.font()).height()

    def sizeHint(self) -> QSize:
        line = self._line()
        rows = max(len(self.rows), 1)
        return QSize(360, line * 3 + 12 + rows * (max(BAR_HEIGHT, line) + ROW_GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self._line() * 4)

    # --- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        line = fm.height()
        w = self.width()
        text_colour = self.palette().windowText().color()
        title_font = self.font()
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(text_colour)
        p.drawText(QRectF(0, 0, w, line + 4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self.font())
        y = line + 8
        # Legend
        x = 0.0
        for s in self.series:
            p.fillRect(QRectF(x, y + (line - 10) / 2, 10, 10), QColor(s.colour))
            x += 14
            p.drawText(QRectF(x, y, fm.horizontalAdvance(s.name) + 2, line), Qt.AlignmentFlag.AlignVCenter, s.name)
            x += fm.horizontalAdvance(s.name) + 14
        y += line + 6
        if not self.rows:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(QRectF(0, y, w, line * 2), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                       self.empty_text)
            p.end()
            return
        label_w = min(max(fm.horizontalAdvance(r.label) for r in self.rows) + 8, w * 0.4)
        number_w = fm.horizontalAdvance("0000 / 0000") if not self.normalise else fm.horizontalAdvance("100%") + 6
        bar_w = max(w - label_w - number_w - 8, 20)
        biggest = max(r.total for r in self.rows) or 1
        # Every row in sight: rows (and bars) get thinner when the widget is short.
        pitch = min(max(BAR_HEIGHT, line) + ROW_GAP, (self.height() - y) / len(self.rows))
        row_h = max(pitch - 2, 4.0)
        bar_h = min(BAR_HEIGHT, row_h)
        for r in self.rows:
            p.setPen(text_colour)
            label = fm.elidedText(r.label, Qt.TextElideMode.ElideRight, int(label_w - 6))
            text_box = QRectF(0, y + row_h / 2 - line / 2, label_w - 6, line)
            p.drawText(text_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            scale = bar_w / (r.total if self.normalise else biggest)
            x = label_w
            top = y + (row_h - bar_h) / 2
            for s, v in zip(self.series, r.values):
                if v:
                    p.fillRect(QRectF(x, top, v * scale, bar_h), QColor(s.colour))
                    x += v * scale
            p.setPen(QPen(QColor("#888888"), 0.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(label_w, top, x - label_w, bar_h))
            p.setPen(text_colour)
            figure = f"{sum(r.values[:self.share_of]) * 100 // r.total}%" if self.normalise else str(r.total)
            p.drawText(QRectF(label_w + bar_w + 6, text_box.y(), number_w, line), Qt.AlignmentFlag.AlignVCenter, figure)
            y += pitch
        p.end()
