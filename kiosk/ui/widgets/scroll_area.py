"""A page's scrolling body: kinetic scrolling, an overlay scroll bar, and "bring into view".

- The scroll bar is drawn over the page's side margin, only while there is something to
  scroll: it never takes width from the page, so nothing jumps narrower when it appears.
  It is an ordinary scroll bar (draggable, in the theme's border colour: 3:1 against the page).
- ``reveal(widget)`` scrolls what a tap produced into view: gently, or at once with
  ``reduce_motion``.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEasingCurve,
    QEvent,
    QPropertyAnimation,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QScrollBar, QScroller, QWidget

#: How long a gentle scroll into view takes.
REVEAL_MS = 350


class ScrollBody(QWidget):
    """What a scroll area scrolls. Its least height is the one its width gives it: a layout
    of wrapping text reports, as its minimum, its height at its narrowest, and the scroll area
    took that for the page's height, so a page that fitted still scrolled (and showed a bar)."""

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return super().minimumSizeHint()
        return QSize(layout.totalMinimumSize().width(), 0)


class ScrollArea(QScrollArea):
    def __init__(self, parent: QWidget | None = None, kinetic: bool = True) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The real bar never shows (it would take the page's width); the indicator below
        # stands for it, over the margin.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if kinetic:  # a finger drags the page (not on Welcome, where a touch starts)
            QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.indicator = QScrollBar(Qt.Orientation.Vertical, self)
        self.indicator.setObjectName("ScrollIndicator")
        self.indicator.hide()
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._follow_range)
        bar.valueChanged.connect(self.indicator.setValue)
        self.indicator.valueChanged.connect(bar.setValue)
        self.indicator_width = 20
        self._animation = QPropertyAnimation(bar, b"value", self)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._pending: tuple[QWidget, bool] | None = None

    # -- the indicator --------------------------------------------------------------------------
    def set_indicator_width(self, width: int) -> None:
        self.indicator_width = width
        self._place_indicator()

    def _follow_range(self, low: int, high: int) -> None:
        bar = self.verticalScrollBar()
        self.indicator.setRange(low, high)
        self.indicator.setPageStep(bar.pageStep())
        self.indicator.setSingleStep(bar.singleStep())
        self.indicator.setValue(bar.value())
        self.indicator.setVisible(high > low)  # only when there is something to scroll
        self._place_indicator()

    def _place_indicator(self) -> None:
        viewport = self.viewport().geometry()
        width = self.indicator_width
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        x = viewport.left() if rtl else viewport.right() + 1 - width
        self.indicator.setGeometry(x, viewport.top(), width, viewport.height())
        self.indicator.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_indicator()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._place_indicator()

    # -- bring into view --------------------------------------------------------------------------
    def reveal(self, widget: QWidget, reduce_motion: bool) -> None:
        """Scroll so that ``widget`` is in view (its top first, if it is taller than the view),
        once the layout has placed it."""
        self._pending = (widget, reduce_motion)
        QTimer.singleShot(0, self._reveal_now)

    def _reveal_now(self) -> None:
        if self._pending is None:
            return
        widget, reduce_motion = self._pending
        body = self.widget()
        if body is None or not widget.isVisibleTo(body):
            self._pending = None
            return
        for _ in range(3):  # nested layouts (wrapping text) settle in a few passes
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._pending = None
        top = widget.mapTo(body, widget.rect().topLeft()).y()
        bottom = top + widget.height()
        bar = self.verticalScrollBar()
        view = self.viewport().height()
        margin = min(view // 10, 40)
        now = bar.value()
        if top - margin >= now and bottom + margin <= now + view:
            return  # already in view
        if bottom - top + 2 * margin > view or top - margin < now:
            target = top - margin  # its top at the top
        else:
            target = bottom + margin - view  # just enough to show its end
        target = max(bar.minimum(), min(bar.maximum(), target))
        self._animation.stop()
        if reduce_motion:
            bar.setValue(target)
            return
        self._animation.setDuration(REVEAL_MS)
        self._animation.setStartValue(now)
        self._animation.setEndValue(target)
        self._animation.start()

    @property
    def revealing(self) -> bool:
        """A scroll into view is on its way (tests wait for it to end)."""
        return self._pending is not None or (
            self._animation.state() == QPropertyAnimation.State.Running
        )

    def stop(self) -> None:
        """No scroll into view goes on (a new page, or the top of this one)."""
        self._pending = None
        self._animation.stop()
