"""Stand-ins for the world the kiosk talks to, kept out of the kiosk's own modules: a clock the
test turns by hand, a printer, a speech engine and usage counts that record what they were told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal

from kiosk.print_queue import JobState, PrintError

Callback = Callable[[], None]


class FakeClock:
    """A clock the test turns by hand: ``clock()`` gives ``clock.now``. Seconds (from 1000.0
    unless told otherwise; move on with ``clock.now += 61``) or a date (``FakeClock(day)``)."""

    def __init__(self, now: Any = 1000.0) -> None:
        self.now = now

    def __call__(self) -> Any:
        return self.now


@dataclass
class FakePrintService:
    """A printer for tests (kiosk.print_queue.PrintService): jobs stay pending until ``finish`` or
    ``fail``; calls are recorded."""

    refuse: str | None = None  # submit raises PrintError with this message
    jobs: dict[str, JobState] = field(default_factory=dict)
    submitted: list[tuple[str, bytes, str]] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)

    def submit(self, printer: str, pdf: bytes, paper_size: str) -> str:
        if self.refuse:
            raise PrintError(self.refuse)
        job_id = f"{printer}-{len(self.submitted) + 1}"
        self.submitted.append((printer, pdf, paper_size))
        self.jobs[job_id] = JobState.PENDING
        return job_id

    def state(self, printer: str, job_id: str) -> JobState:
        return self.jobs[job_id]

    def cancel(self, job_id: str) -> None:
        self.cancelled.append(job_id)
        self.jobs.pop(job_id, None)

    def finish(self, job_id: str) -> None:
        self.jobs[job_id] = JobState.DONE

    def fail(self, job_id: str) -> None:
        self.jobs[job_id] = JobState.FAILED


class FakeCounts:
    """Usage counts (kiosk.core.usage.UsageCounts) that record each event in order."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def session_started(self) -> None:
        self.events.append("started")

    def language_chosen(self, code: str) -> None:
        self.events.append(f"language:{code}")

    def page_reached(self, page_id: str) -> None:
        self.events.append(f"page:{page_id}")

    def finished(self) -> None:
        self.events.append("finished")

    def ended_by_idle(self) -> None:
        self.events.append("idle")

    def flush(self) -> None:
        self.events.append("flush")


@dataclass
class FakeSpeechEngine:
    """A speech engine (kiosk.ui.speech.engine.SpeechEngine) for tests: records what was said,
    in which language, and finishes when told to (``finish()``), so no test waits for real
    time."""

    voices: set[str] | None = None  # the codes it has a voice for; None: every code
    available: bool = True
    said: list[tuple[str, str]] = field(default_factory=list)  # (text, code), since last stop
    spoken: list[tuple[str, str]] = field(default_factory=list)  # everything, ever
    volume: float = 1.0
    paused: bool = False
    stops: int = 0
    _finished: Callback | None = field(default=None, repr=False)

    def is_available(self) -> bool:
        return self.available

    def has_voice(self, code: str) -> bool:
        return self.available and (self.voices is None or code in self.voices)

    def say(self, text: str, code: str) -> None:
        self.said.append((text, code))
        self.spoken.append((text, code))

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def stop(self) -> None:
        self.said.clear()
        self.paused = False
        self.stops += 1

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def on_finished(self, callback: Callback) -> None:
        self._finished = callback

    def finish(self) -> None:
        """The engine has spoken the last queued text."""
        self.said.clear()
        if self._finished is not None:
            self._finished()

    def texts(self) -> list[str]:
        return [text for text, _code in self.said]


class SlowStopSpeech(QObject):
    """Acts like QTextToSpeech over speechd, as measured: each text ends with Ready, and a
    stop is confirmed (Ready) only later, by the test calling ``confirm()``."""

    stateChanged = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

        self.State = QTextToSpeech.State
        self._state = self.State.Ready
        self._voice = QVoice()
        self.said: list[str] = []

    def state(self):
        return self._state

    def availableLocales(self):
        return [QLocale("en_US")]

    def availableVoices(self):
        return []

    def voice(self):
        return self._voice

    def setLocale(self, locale) -> None:
        pass

    def setVoice(self, voice) -> None:
        pass

    def setVolume(self, volume) -> None:
        pass

    def say(self, text: str) -> None:
        self.said.append(text)
        self._set(self.State.Speaking)

    def stop(self, hint=None) -> None:
        pass  # still Speaking until confirm()

    def confirm(self) -> None:
        """The engine ends what it was saying (a text done, or a stop confirmed)."""
        self._set(self.State.Ready)

    def _set(self, state) -> None:
        self._state = state
        self.stateChanged.emit(state)
