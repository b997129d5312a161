"""Welcome, the attract screen: "Touch to start". A tap anywhere starts; it is not a step.

The greeting changes calmly through the offered languages, one every few seconds. The change is
plain, not a fade: a fade repaints the large text many times per change, and an empty lobby
would spend its CPU on that all day. Its timer runs only while Welcome is shown.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHideEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QShowEvent,
)
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.fonts import families_for, script_for
from kiosk.ui.later import AfterPaint
from kiosk.ui.pages.base import Page
from kiosk.ui.theme import TITLE_PX, Metrics, font_families
from kiosk.ui.widgets.icons import icon_pixmap
from kiosk.ui.widgets.labels import Label, make_icon_label, make_label
from kiosk.ui.widgets.scroll_area import ScrollArea, ScrollBody
from kiosk.ui.widgets.touch_button import TouchButton

CYCLE_MS = 5000


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
        self.scroll_area = ScrollArea(self, kinetic=False)
        body = ScrollBody()
        body.setObjectName("PageBody")
        self.scroll_area.setWidget(body)
        self.body = body
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
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
        self._pinned_width = -1
        self.greeting.installEventFilter(self)
        body.installEventFilter(self)  # it fills the viewport, which is slow to ask for
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
        self._session_language = ""
        # Once, after the first frame: each language's greeting drawn off screen, one per turn of
        # the event loop, so that its catalog, locale data and font are loaded before the lobby's
        # first change to it (the first change to a language is much slower than the next).
        self.warm_up = AfterPaint(self)
        self._pinned_key: tuple[object, ...] = ()

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
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
        self.button.setMinimumHeight(m.px(120))
        codes = ctx.settings.offered_languages
        if codes != self._codes or session.language != self._session_language:
            # New languages, a new visitor, or a visitor who came back: greet in the session's
            # language first, then go on cycling from there.
            self.show_language(session.language if session.language in codes else codes[0])
        else:
            self.show_language(self.attract_language)
        if codes != self._codes:
            self._codes = codes
            self.warm_up.clear()
            for code in codes:
                if code != self.attract_language:
                    self.warm_up.add(partial(self._warm, code))
            if self.isVisible():
                self.warm_up.start(self.headline)
        self._session_language = session.language
        pinned_key = (tuple(codes), m)
        if pinned_key != self._pinned_key:  # other languages or sizes: measure again
            self._pinned_key = pinned_key
            self._pinned_width = -1
        self._pin_heights()

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
        for label, text in self._texts(ctx):
            label.setText(text)
            label.set_own_style(self._label_style(label, code))
            label.setLayoutDirection(direction)
        self.button.set_text(ctx.t(c.touch))
        script = script_for(code)
        self.button.set_label_px(self._metrics(code).body, script, families_for(code))
        self.button.setLayoutDirection(direction)
        # Wide enough for its words on one line (some languages need more than the usual width
        # at large text), but never wider than the page.
        m = ctx.metrics
        room = max(m.px(560), self.width() - 2 * m.px(96))
        wanted = self.button.one_line_width() + m.px(32)  # and some air at its ends
        self.button.setMinimumWidth(min(room, max(m.px(560), wanted)))

    def next_language(self) -> None:
        if len(self._codes) < 2 or self._ctx is None:
            return
        index = (
            self._codes.index(self.attract_language) if self.attract_language in self._codes else -1
        )
        self.show_language(self._codes[(index + 1) % len(self._codes)])

    def _warm(self, code: str) -> None:
        if self._ctx is None:
            return
        ctx = self._ctx.for_language(code)
        image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        for label, text in self._texts(ctx):
            painter.setFont(self._font(label, ctx))
            painter.drawText(QRect(0, 0, 1600, 800), Qt.TextFlag.TextWordWrap, text)
        painter.end()
        if not self.warm_up.pending:
            self._pin_heights()

    def _texts(self, ctx: ViewContext) -> list[tuple[Label, str]]:
        c = ctx.pack.welcome
        return [(self.headline, ctx.t(c.headline)), (self.subline, ctx.t(c.subline))]

    def _metrics(self, code: str) -> Metrics:
        """This view's sizes for a greeting in ``code``'s script."""
        assert self._ctx is not None
        return self._ctx.metrics._replace(script=script_for(code))

    def _size(self, label: QLabel, code: str) -> int:
        m = self._metrics(code)
        return m.heading_px(TITLE_PX) if label is self.headline else m.body

    def _label_style(self, label: QLabel, code: str) -> str:
        """A greeting line in ``code``'s font, at its script's size (the page's stylesheet
        is the visitor's language's; the greeting shows every language in turn)."""
        px = self._size(label, code)
        above, below, side = script_for(code).room(px)
        return (
            f"font-family: {font_families(families_for(code))}; font-size: {px}px; "
            f"padding: {above}px {side}px {below}px {side}px;"
        )

    def _font(self, label: QLabel, ctx: ViewContext) -> QFont:
        """The label's font in ctx's language: its families, at its script's size."""
        code = ctx.tr.language.code
        font = QFont(label.font())
        font.setFamilies(families_for(code))
        font.setPixelSize(self._size(label, code))
        return font

    def _pin_heights(self) -> None:
        """Each line of the greeting as tall as its tallest language, so that nothing below it
        moves as the languages change: the Start button stays put, and each change repaints only
        the text. Done once the fonts are loaded."""
        width = self.greeting.contentsRect().width()
        if self.warm_up.pending or self._ctx is None or width <= 0 or width == self._pinned_width:
            return
        self._pinned_width = width
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        tallest = {self.headline: 0, self.subline: 0}
        for code in self._codes:
            ctx = self._ctx.for_language(code)
            for label, text in self._texts(ctx):
                px = self._size(label, code)
                above, below, side = script_for(code).room(px)
                inner = width - 2 * side
                box = QFontMetrics(self._font(label, ctx)).boundingRect(
                    QRect(0, 0, inner, 100_000), flags, text
                )
                tallest[label] = max(tallest[label], box.height() + above + below)
        for label, height in tallest.items():
            label.setMinimumHeight(height)

    def painted_part(self) -> QWidget:
        return self.body  # it fills the scroll area

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.cycle.start()
        self.warm_up.start(self.headline)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.cycle.stop()
        self.warm_up.pause()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.greeting and event.type() == QEvent.Type.Resize:
            self._pin_heights()  # a new width wraps differently
            return False
        # A tap anywhere on the attract screen starts, on release, so it presses nothing else.
        if event.type() == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.LeftButton:
                self.start.emit()
                return True
        return super().eventFilter(watched, event)
