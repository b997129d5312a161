""" "Still there?": a countdown and one big button, over the whole window.

The overlay takes every touch while it shows, so the tap that answers it never also presses
the button underneath. A tap anywhere on it counts as "I'm still here".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.theme import DEFAULT
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.touch_button import TouchButton


class IdleOverlay(QWidget):
    stay = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("IdleOverlay")
        self.card = QFrame(self)
        self.card.setProperty("role", "card")
        self.title = make_label("title")
        self.countdown = make_label("heading")
        self.countdown.setObjectName("IdleCountdown")
        self.privacy = make_label("body")
        self.button = TouchButton("primary")
        self.button.setObjectName("StayButton")
        self.button.clicked.connect(self.stay)
        layout = QVBoxLayout(self.card)
        for widget in (self.title, self.countdown, self.privacy):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addWidget(self.button)
        self._layout = layout
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

    def open(self, ctx: ViewContext, seconds: int) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.render(ctx, seconds)
        self.show()
        self.raise_()

    def render(self, ctx: ViewContext, seconds: int) -> None:
        m, c = ctx.metrics, ctx.pack.idle
        self._scrim = QColor(ctx.palette.scrim)
        self._layout.setContentsMargins(m.px(56), m.px(48), m.px(56), m.px(48))
        self._layout.setSpacing(m.px(28))
        self.title.setText(ctx.t(c.title))
        self.set_seconds(ctx, seconds)
        self.privacy.setText(ctx.t(c.privacy))
        self.button.set_text(ctx.t(c.stay))
        self.button.apply_style(m, ctx.palette, centered=True)
        self.button.setMinimumHeight(m.px(120))
        width = min(self.parentWidget().width() - 2 * m.px(48), m.px(1100))
        self.card.setFixedWidth(width)

    def set_seconds(self, ctx: ViewContext, seconds: int) -> None:
        self.countdown.setText(ctx.t(ctx.pack.idle.countdown, seconds=seconds))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._scrim)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # nothing under the overlay is pressed

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.stay.emit()
