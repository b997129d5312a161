"""The step indicator: numbered markers, the current one most prominent, "Step N of 5" in words."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import Metrics, Palette


class StepMarkers(QWidget):
    """Painted markers; pending steps are outlined, never greyed out as if disabled."""

    def __init__(self, total: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = total
        self.current = 1
        self.metrics = Metrics(1.0)
        self.palette_: Palette | None = None
        self.setAccessibleName("")

    def set_step(self, current: int) -> None:
        self.current = current
        self.update()

    def apply_style(self, metrics: Metrics, palette: Palette) -> None:
        self.metrics, self.palette_ = metrics, palette
        self.updateGeometry()
        self.update()

    def _diameter(self) -> int:
        return self.metrics.px(44)

    def sizeHint(self) -> QSize:
        d = self._diameter()
        return QSize(
            self.total * d + (self.total - 1) * self.metrics.px(28), d + self.metrics.px(8)
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: object) -> None:
        if self.palette_ is None:
            return
        p, d = self.palette_, self._diameter()
        gap = self.metrics.px(28)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        y = self.height() / 2
        centers = []
        for i in range(self.total):
            x = d / 2 + i * (d + gap)
            centers.append(self.width() - x if rtl else x)
        painter.setPen(QPen(QColor(p.border), self.metrics.px(3)))
        painter.drawLine(QPointF(centers[0], y), QPointF(centers[-1], y))
        font = QFont(self.font())
        font.setPixelSize(self.metrics.px(22))
        font.setBold(True)
        painter.setFont(font)
        for i, cx in enumerate(centers, start=1):
            r = d / 2 if i == self.current else d / 2 - self.metrics.px(5)
            rect = QRectF(cx - r, y - r, 2 * r, 2 * r)
            if i <= self.current:
                painter.setPen(QPen(QColor(p.primary), self.metrics.px(3)))
                painter.setBrush(QColor(p.primary))
                text_color = p.on_primary
            else:
                painter.setPen(QPen(QColor(p.border), self.metrics.px(3)))
                painter.setBrush(QColor(p.surface))
                text_color = p.text
            painter.drawEllipse(rect)
            painter.setPen(QColor(text_color))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(i))
        painter.end()
