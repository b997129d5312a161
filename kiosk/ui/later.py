"""Work that can wait for the visitor's frame: it starts once a window has been painted, then
runs one job per turn of the event loop, so no touch waits for more than one job."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class AfterPaint(QObject):
    """Jobs run one per event-loop turn, starting just after the window holding `widget` is
    next painted.

    Started from a show event, a zero-interval timer fires before the first frame: the frame
    then waited for all of the work meant to follow it (measured: 75 ms of the kiosk's start).
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._jobs: deque[Callable[[], None]] = deque()
        self._watching = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_one)

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def is_busy(self) -> bool:
        """Jobs are waiting for the frame or running."""
        return bool(self._jobs) and (self._watching or self._timer.isActive())

    def add(self, job: Callable[[], None]) -> None:
        self._jobs.append(job)

    def clear(self) -> None:
        self._jobs.clear()
        self.pause()

    def start(self) -> None:
        """Run the queued jobs once the window's next frame has been painted."""
        if not self._jobs or self._watching or self._timer.isActive():
            return
        self._watching = True
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._widget.update()  # a frame will come, even if nothing else changes

    def pause(self) -> None:
        """Stop (jobs stay queued): the window was hidden."""
        self._timer.stop()
        self._stop_watching()

    def _stop_watching(self) -> None:
        if self._watching:
            self._watching = False
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._widget.window()
        ):
            self._stop_watching()
            self._timer.start()  # fires once this frame has been painted and flushed
        return False

    def _run_one(self) -> None:
        if not self._jobs:
            self._timer.stop()
            return
        self._jobs.popleft()()
        if not self._jobs:
            self._timer.stop()
