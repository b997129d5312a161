"""A card centred over a dimmed window, drawn inside the kiosk (never a new top-level window).

It takes every touch while it shows, so nothing under it is pressed. Used by "Still there?"
and the staff PIN pad.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.theme import DEFAULT


class ModalCard(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.card = QFrame(self)
        self.card.setProperty("role", "card")
        self.card_layout = QVBoxLayout(self.card)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._scrim = QColor(DEFAULT.scrim)
        self.hide()

    def set_scrim(self, color: str) -> None:
        self._scrim = QColor(color)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._scrim)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # nothing under the card is pressed

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
