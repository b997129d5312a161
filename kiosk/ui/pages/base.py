"""What every page shares: a scrolling body with a title above the bottom bar."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QScroller, QScrollerProperties, QVBoxLayout, QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.scroll_area import ScrollArea, ScrollBody


class Page(QWidget):
    """A page renders the session in one language; it keeps no state of its own."""

    page_id = ""

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
        raise NotImplementedError

    def painted_part(self) -> QWidget:
        """What is painted whenever the page shows (the window starts its later work once it
        has been)."""
        return self


class ScrollingPage(Page):
    """A step page: title and content in a kinetic scroll area above the bottom bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scroll_area = ScrollArea(self)
        self.body = ScrollBody()
        self.body.setObjectName("PageBody")
        self.content = QVBoxLayout(self.body)
        self.title = make_label("title")
        self.title.setObjectName("PageTitle")
        self.content.addWidget(self.title)
        self.scroll_area.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self._still: bool | None = None
        self._last_render: tuple[ViewContext, VisitorSession] | None = None

    def apply_motion(self, reduce_motion: bool) -> None:
        """With `reduce_motion`, a swiped page stops when the finger lifts: no glide, no bounce."""
        if reduce_motion == self._still:
            return
        self._still = reduce_motion
        scroller = QScroller.scroller(self.scroll_area.viewport())
        props = QScrollerProperties()  # Qt's defaults: glide on after a flick, bounce at the ends
        if reduce_motion:
            metric = QScrollerProperties.ScrollMetric
            off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
            props.setScrollMetric(metric.MinimumVelocity, 1000.0)  # m/s: no flick is that fast
            props.setScrollMetric(metric.VerticalOvershootPolicy, off)
            props.setScrollMetric(metric.HorizontalOvershootPolicy, off)
        scroller.setScrollerProperties(props)

    def apply_metrics(self, ctx: ViewContext, session: VisitorSession | None = None) -> None:
        """The page's margins and motion; with the session, the page also renders itself
        again when its width changes (its arrangement depends on the room it has)."""
        if session is not None:
            self._last_render = (ctx, session)
        m = ctx.metrics
        side = m.px(72) if ctx.metrics.scale >= 0.9 else m.px(48)
        self.content.setContentsMargins(side, m.px(28), side, m.px(40))
        self.content.setSpacing(m.px(26))
        self.scroll_area.set_indicator_width(m.px(20))  # over the side margin, not the text
        self.apply_motion(bool(ctx.settings["reduce_motion"]))

    def reveal(self, widget: QWidget, ctx: ViewContext) -> None:
        """Bring what a tap produced into view, if the page is on screen (a page just
        navigated to starts at its top)."""
        if self.isVisible():
            self.scroll_area.reveal(widget, bool(ctx.settings["reduce_motion"]))

    def painted_part(self) -> QWidget:
        return self.body  # it fills the scroll area

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._last_render is not None and event.size().width() != event.oldSize().width():
            self.render_state(*self._last_render)  # columns and cards follow the width

    def reset_scroll(self) -> None:
        self.scroll_area.stop()
        self.scroll_area.verticalScrollBar().setValue(0)
