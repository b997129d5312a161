"""Work that can wait for the visitor's frame: it starts once a part of the window has been
painted, then runs one job per turn of the event loop, so no touch waits for more than one job."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """Jobs run one per event-loop turn, starting just after a given widget is next painted.

    Started from a show event, a zero-interval timer fires before the first frame: the frame
    would wait for all of the work meant to follow it.
    The paint is watched on one widget, not on the application: an application-wide Python
    filter has PySide make a Python type (and its enums) for every new kind of event and object
    it is handed, and before the first frame those are many.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._jobs: deque[Callable[[], None]] = deque()
        self._watched: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_one)

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def is_busy(self) -> bool:
        """Jobs are waiting for the paint or running."""
        return bool(self._jobs) and (self._watched is not None or self._timer.isActive())

    def add(self, job: Callable[[], None]) -> None:
        self._jobs.append(job)

    def clear(self) -> None:
        self._jobs.clear()
        self.pause()

    def start(self, watched: QWidget) -> None:
        """Run the queued jobs once `watched` has next been painted: a part of the window that
        is on screen now. Called again with another part (the page changed before the frame),
        that one is watched instead."""
        if not self._jobs or self._timer.isActive() or watched is self._watched:
            return
        self._stop_watching()
        self._watched = watched
        watched.installEventFilter(self)
        watched.update()  # a frame will come, even if nothing else changes

    def pause(self) -> None:
        """Stop (jobs stay queued): the window was hidden."""
        self._timer.stop()
        self._stop_watching()

    def _stop_watching(self) -> None:
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
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
