"""The hidden way in: five taps in the top-left corner within three seconds.

Hard to hit by accident, easy for staff to remember. Watched application-wide so it works on
every page; the clock is injectable for tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

TAPS = 5
WITHIN_S = 3.0


class CornerTaps(QObject):
    triggered = Signal()

    def __init__(
        self,
        window: QWidget,
        corner_px: int = 140,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window, self.corner_px, self.clock = window, corner_px, clock
        self._taps: list[float] = []

    def corner(self) -> QRect:
        return QRect(0, 0, self.corner_px, self.corner_px)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and watched is self.window.windowHandle():
            assert isinstance(event, QMouseEvent)
            point = event.position().toPoint()
            if self.corner().contains(point):
                self.tap()
            else:
                self._taps.clear()
        return False

    def tap(self) -> None:
        now = self.clock()
        self._taps = [t for t in self._taps if now - t <= WITHIN_S] + [now]
        if len(self._taps) >= TAPS:
            self._taps.clear()
            self.triggered.emit()
