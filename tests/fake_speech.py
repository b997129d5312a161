"""A speech engine for tests (kiosk.ui.speech.engine.SpeechEngine), kept out of the kiosk's
own modules: nothing in the kiosk uses it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Callback = Callable[[], None]


@dataclass
class FakeSpeechEngine:
    """A speech engine for tests: records what was said, in which language, and finishes when
    told to (``finish()``), so no test waits for real time."""

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
