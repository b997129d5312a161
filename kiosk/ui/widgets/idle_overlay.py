""" "Still there?": a countdown and one big button, over the whole window.

The overlay takes every touch while it shows, so the tap that answers it never also presses
the button underneath. A tap anywhere on it counts as "I'm still here".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.theme import Metrics, text_stylesheet
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.modal_card import ModalCard
from kiosk.ui.widgets.touch_button import TouchButton


class IdleOverlay(ModalCard):
    stay = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("IdleOverlay")
        self.covered = parent  # the window it covers when open
        self.title = make_label("title")
        self.countdown = make_label("heading")
        self.countdown.setObjectName("IdleCountdown")
        self.privacy = make_label("body")
        self.button = TouchButton("primary")
        self.button.setObjectName("StayButton")
        self.button.clicked.connect(self.stay)
        layout = self.card_layout
        for widget in (self.title, self.countdown, self.privacy):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addWidget(self.button)
        self._layout = layout
        self._metrics: Metrics | None = None

    def open(self, ctx: ViewContext, seconds: int) -> None:
        self.setGeometry(self.covered.rect())
        self.show()  # shown first: a hidden card's labels take a new stylesheet only later
        self.raise_()
        self.render_state(ctx, seconds)

    def render_state(self, ctx: ViewContext, seconds: int) -> None:
        c = ctx.pack.idle
        self.set_scrim(ctx.palette.scrim)
        self.title.setText(ctx.t(c.title))
        self.set_seconds(ctx, seconds)
        self.privacy.setText(ctx.t(c.privacy))
        self.button.set_text(ctx.t(c.stay))
        # The whole card on the screen: at the visitor's text size if it fits, else smaller
        # (large text in Arabic on a small screen), never cut and never scrolled.
        room = self.covered.height() - 2 * ctx.metrics.px(24)
        sizes = [
            ctx.metrics.text_size,
            *(s for s in (150, 125, 100, 90, 80) if s < ctx.metrics.text_size),
        ]
        for text_size in sizes:
            m = ctx.metrics._replace(text_size=text_size)
            self._apply(ctx, m)
            if self.card_layout.totalHeightForWidth(self.card.width()) <= room:
                break

    def _apply(self, ctx: ViewContext, m: Metrics) -> None:
        if m != self._metrics:
            self._metrics = m
            self.card.setStyleSheet(text_stylesheet(m))
        self._layout.setContentsMargins(m.px(56), m.px(48), m.px(56), m.px(48))
        self._layout.setSpacing(m.px(28))
        self.button.apply_style(m, ctx.palette, centered=True)
        self.button.setMinimumHeight(m.px(120))
        width = min(self.covered.width() - 2 * m.px(48), m.px(1100))
        self.card.setFixedWidth(width)

    def set_seconds(self, ctx: ViewContext, seconds: int) -> None:
        self.countdown.setText(ctx.t(ctx.pack.idle.countdown, seconds=seconds))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.stay.emit()  # a tap anywhere on it means "I'm still here"
