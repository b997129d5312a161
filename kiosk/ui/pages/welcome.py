"""Welcome, the attract screen: "Touch to start". A tap anywhere starts; it is not a step.

The headline cycles calmly through the offered languages (a fade; with `reduce_motion`, a plain
change). Its timer runs only while Welcome is shown, so an empty lobby costs almost no CPU.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QEvent, QObject, Qt, QTimeLine, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.fonts import font_for
from kiosk.ui.pages.base import Page
from kiosk.ui.widgets.icons import icon_pixmap
from kiosk.ui.widgets.labels import make_icon_label, make_label
from kiosk.ui.widgets.touch_button import TouchButton

CYCLE_MS = 5000
FADE_MS = 400
FADE_STEP_MS = 100


class WelcomePage(Page):
    page_id = "welcome"
    start = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facility = make_label("subheading")
        self.headline = make_label("title")
        self.headline.setObjectName("WelcomeHeadline")
        self.subline = make_label("body")
        self.icon = make_icon_label()
        self.button = TouchButton("primary")
        self.button.setObjectName("StartButton")
        self.button.clicked.connect(self.start)
        # In a scroll area so that large text or a small screen never clips it or grows the window.
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.viewport().installEventFilter(self)
        body = QWidget()
        body.setObjectName("PageBody")
        self.scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.greeting = QWidget()  # what cycles through the languages
        greeting = QVBoxLayout(self.greeting)
        greeting.setContentsMargins(0, 0, 0, 0)
        for widget in (self.headline, self.subline):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            greeting.addWidget(widget)
        greeting.addSpacing(24)
        greeting.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        greeting.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._greeting_layout = greeting
        self.fade = QGraphicsOpacityEffect(self.greeting)
        self.fade.setOpacity(1.0)
        self.greeting.setGraphicsEffect(self.fade)
        # A stepped fade, ten frames a second: calm, and a fraction of the CPU of a 60 fps one.
        self.animation = QTimeLine(2 * FADE_MS, self)
        self.animation.setUpdateInterval(FADE_STEP_MS)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self.animation.valueChanged.connect(self._fade_step)
        self.animation.finished.connect(lambda: self.fade.setOpacity(1.0))
        self._next_code = ""
        self.facility.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(body)
        layout.addStretch(2)
        layout.addWidget(self.facility)
        layout.addWidget(self.greeting)
        layout.addStretch(2)
        self._layout = layout
        self.cycle = QTimer(self)
        self.cycle.setInterval(CYCLE_MS)
        self.cycle.timeout.connect(self.next_language)
        self._ctx: ViewContext | None = None
        self._codes: list[str] = []
        self.attract_language = ""

    def render(self, ctx: ViewContext, session: VisitorSession) -> None:
        m = ctx.metrics
        self._ctx = ctx
        self._layout.setContentsMargins(m.px(96), m.px(48), m.px(96), m.px(48))
        self._layout.setSpacing(m.px(32))
        self._greeting_layout.setSpacing(m.px(32))
        facility = ctx.settings["facility_name"]
        self.facility.setText(facility)
        self.facility.setVisible(bool(facility))
        self.icon.setPixmap(icon_pixmap("touch.svg", ctx.palette.primary, m.px(140)))
        self.button.apply_style(m, ctx.palette, centered=True)
        self.button.setMinimumWidth(m.px(560))
        self.button.setMinimumHeight(m.px(120))
        codes = ctx.settings.offered_languages
        if codes != self._codes or not self.attract_language:
            self._codes = codes
            self.show_language(session.language if session.language in codes else codes[0])
        else:
            self.show_language(self.attract_language)

    def show_language(self, code: str) -> None:
        """The greeting in one language, in that language's font and direction."""
        assert self._ctx is not None
        ctx = self._ctx.for_language(code)
        c = ctx.pack.welcome
        self.attract_language = code
        direction = (
            Qt.LayoutDirection.RightToLeft
            if ctx.tr.language.is_rtl
            else (Qt.LayoutDirection.LeftToRight)
        )
        font = font_for(code)
        for label, text in ((self.headline, c.headline), (self.subline, c.subline)):
            label.setText(ctx.t(text))
            label.setFont(font)
            label.setLayoutDirection(direction)
        self.button.set_text(ctx.t(c.touch))
        self.button.setFont(font)
        self.button.setLayoutDirection(direction)

    def next_language(self) -> None:
        if len(self._codes) < 2 or self._ctx is None:
            return
        index = (
            self._codes.index(self.attract_language) if self.attract_language in self._codes else -1
        )
        code = self._codes[(index + 1) % len(self._codes)]
        if self._ctx.settings["reduce_motion"]:
            self.show_language(code)
            return
        self.animation.stop()
        self._next_code = code
        self.animation.start()

    def _fade_step(self, value: float) -> None:
        """Out over the first half, change language at the middle, in over the second half."""
        if value >= 0.5 and self._next_code:
            self.show_language(self._next_code)
            self._next_code = ""
        self.fade.setOpacity(abs(1.0 - 2.0 * value))

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self.cycle.start()

    def hideEvent(self, event: QEvent) -> None:
        super().hideEvent(event)
        self.cycle.stop()
        self.animation.stop()
        self.fade.setOpacity(1.0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A tap anywhere on the attract screen starts, on release, so it presses nothing else.
        if event.type() == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.LeftButton:
                self.start.emit()
                return True
        return super().eventFilter(watched, event)
