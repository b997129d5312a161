"""Printing the handout from a view: make the PDF, queue it, follow the job, report in one word.

A job that the print system refuses, that hits a stopped printer, or that has not finished
within ``timeout_s`` is cancelled (and purged), and the view shows its short "could not be
printed" message. The PDF is made in memory and handed to the print system; the kiosk keeps
no copy. Time comes from an injectable clock, so tests drive it without waiting.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.content import ContentPack
from kiosk.core.i18n import Translator
from kiosk.core.settings import Settings
from kiosk.handout.content import build_handout
from kiosk.handout.render import HandoutDoesNotFit, handout_pdf
from kiosk.print_queue import JobState, PrintError, PrintService, default_print_service

log = logging.getLogger(__name__)

POLL_MS = 1000
TIMEOUT_S = 120.0  # a warm printer takes seconds; two minutes means it is stuck


class PrintStatus(StrEnum):
    IDLE = "idle"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


class HandoutPrinter(QObject):
    """Prints one handout at a time on the ``printer`` setting and reports its status."""

    status_changed = Signal(str)  # a PrintStatus value

    def __init__(
        self,
        service: PrintService | None = None,
        clock: Callable[[], float] = time.monotonic,
        poll_ms: int = POLL_MS,
        timeout_s: float = TIMEOUT_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service if service is not None else default_print_service()
        self.clock = clock
        self.timeout_s = timeout_s
        self.status = PrintStatus.IDLE
        self._printer = ""
        self._job: str | None = None
        self._deadline = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.poll)

    @property
    def busy(self) -> bool:
        return self.status is PrintStatus.PRINTING

    def print_handout(
        self, pack: ContentPack, settings: Settings, tr: Translator, today: dt.date | None = None
    ) -> None:
        """Print the handout in ``tr``'s language, worded for ``today`` (ignored while a job is
        still printing)."""
        if self.busy:
            return
        printer = settings["printer"]
        try:
            handout = build_handout(pack, settings, tr, today)
            pdf = handout_pdf(handout)
            job = self.service.submit(printer, pdf, handout.paper_size)
        except HandoutDoesNotFit:
            # Not HandoutDoesNotFit's message: it names the language, which the visitor chose.
            paper = settings["paper_size"]
            log.warning("handout not printed on %r: it does not fit on one %s page", printer, paper)
            self._set(PrintStatus.FAILED)
            return
        except PrintError as exc:
            log.warning("handout not printed on %r: %s", printer, exc)
            self._set(PrintStatus.FAILED)
            return
        self._printer, self._job = printer, job
        self._deadline = self.clock() + self.timeout_s
        self._set(PrintStatus.PRINTING)
        self._timer.start()

    def poll(self) -> None:
        """Check the job once (the timer calls this; tests may too)."""
        if self._job is None:
            return
        try:
            state = self.service.state(self._printer, self._job)
        except PrintError as exc:
            log.warning("cannot follow print job %s: %s", self._job, exc)
            state = JobState.FAILED
        if state is JobState.DONE:
            self._end(PrintStatus.DONE)
        elif state is JobState.FAILED or self.clock() >= self._deadline:
            why = "the printer stopped" if state is JobState.FAILED else "it did not finish"
            log.warning("print job %s cancelled: %s", self._job, why)
            with contextlib.suppress(PrintError):  # best effort: the queue may be gone
                self.service.cancel(self._job)
            self._end(PrintStatus.FAILED)

    def _end(self, status: PrintStatus) -> None:
        self._timer.stop()
        self._job = None
        self._set(status)

    def _set(self, status: PrintStatus) -> None:
        self.status = status
        self.status_changed.emit(status.value)
