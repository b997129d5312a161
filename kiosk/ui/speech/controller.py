"""Read aloud: speak the page in the visitor's language, with Pause, Repeat and a volume.

Section 508 402.2 asks for speech of everything shown, coordinated with the screen, that can be
repeated and paused; 402.3 a volume control reset to its default after each use. The window
calls :meth:`ReadAloud.on_view` after each render (speech stops when the page or language
changes) and :meth:`ReadAloud.reset` at Start over and the idle reset, so the next visitor
neither hears the last page nor inherits a volume.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from kiosk.ui.speech.engine import SpeechEngine


class SpeechState(StrEnum):
    IDLE = "idle"  # silent: nothing said yet, finished, or stopped
    SPEAKING = "speaking"
    PAUSED = "paused"  # Resume goes on where it stopped


#: Why read aloud cannot speak a language (see ReadAloud.availability).
NO_ENGINE, NO_VOICE = "no-engine", "no-voice"

VOLUME_STEP = 0.1
MIN_VOLUME, MAX_VOLUME = 0.1, 1.0  # never all the way to silent: it would look broken

# Bidirectional controls (isolates around names and web addresses) say nothing; some engines
# spell them out. Zero-width spaces stay: they mark Khmer word breaks.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WHITESPACE = re.compile(r"\s+")


def spoken_form(text: str) -> str:
    """The text as an engine should get it: one line, without invisible direction marks."""
    return _WHITESPACE.sub(" ", _BIDI_CONTROLS.sub("", text)).strip()


def _is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


class ReadAloud(QObject):
    """Speaks a list of texts through a :class:`SpeechEngine` and keeps the state for the UI."""

    state_changed = Signal(str)  # a SpeechState value
    volume_changed = Signal(float)

    def __init__(
        self,
        engine: SpeechEngine | None,
        default_volume: float = 0.8,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.default_volume = self._clamp(default_volume)
        self._volume = self.default_volume
        self._state = SpeechState.IDLE
        self._last: tuple[list[str], str] | None = None
        self._view: tuple[str, str] | None = None
        if engine is not None:
            self.set_engine(engine)

    def set_engine(self, engine: SpeechEngine) -> None:
        """Attach the engine later: starting one can block for seconds (speech-dispatcher), so
        the kiosk paints its first frame before it asks for one."""
        self.engine = engine
        engine.on_finished(self._engine_finished)
        engine.set_volume(self._volume)
        self.state_changed.emit(self._state.value)

    # -- what the UI shows ---------------------------------------------------------------------
    @property
    def state(self) -> SpeechState:
        return self._state

    def availability(self, code: str) -> str | None:
        """None if it can speak language ``code``; otherwise why not: "no-engine" or
        "no-voice" (the UI then shows the control disabled, with ``ui.no_voice``)."""
        if self.engine is None or not self.engine.is_available():
            return NO_ENGINE
        if not self.engine.has_voice(code):
            return NO_VOICE
        return None

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        value = self._clamp(value)
        if value == self._volume:
            return
        self._volume = value
        if self.engine is not None:
            self.engine.set_volume(value)
        self.volume_changed.emit(value)

    @property
    def can_volume_up(self) -> bool:
        return self._volume < MAX_VOLUME

    @property
    def can_volume_down(self) -> bool:
        return self._volume > MIN_VOLUME

    # -- what the visitor does -----------------------------------------------------------------
    def read(self, texts: list[str], code: str) -> None:
        """Speak ``texts`` from the top, in language ``code``, instead of anything before."""
        self._last = (list(texts), code)
        engine = self.engine
        if engine is not None:
            engine.stop()
        if engine is None or self.availability(code) is not None:
            self._set_state(SpeechState.IDLE)
            return
        queue = [
            (spoken_form(text), language)
            for text in texts
            if spoken_form(text) and (language := self._language_for(text, code)) is not None
        ]
        # The state first: an engine may report the end before say() returns.
        self._set_state(SpeechState.SPEAKING if queue else SpeechState.IDLE)
        for text, language in queue:
            engine.say(text, language)

    def pause(self) -> None:
        if self._state is SpeechState.SPEAKING and self.engine is not None:
            self.engine.pause()
            self._set_state(SpeechState.PAUSED)

    def resume(self) -> None:
        if self._state is SpeechState.PAUSED and self.engine is not None:
            self._set_state(SpeechState.SPEAKING)
            self.engine.resume()  # may report the end at once, if nothing was left

    def toggle(self, texts: list[str], code: str) -> None:
        """One button: read when idle, pause when speaking, go on when paused."""
        if self._state is SpeechState.SPEAKING:
            self.pause()
        elif self._state is SpeechState.PAUSED:
            self.resume()
        else:
            self.read(texts, code)

    def repeat(self) -> None:
        """The last texts again, from the top."""
        if self._last is not None:
            self.read(*self._last)

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.stop()
        self._set_state(SpeechState.IDLE)

    def on_view(self, page: str, code: str) -> None:
        """The window calls this after every render: speech stops when the page or the
        language changes, not when the visitor taps a choice on the page being read."""
        view = (page, code)
        if view != self._view:
            self._view = view
            self.stop()

    def volume_up(self) -> None:
        self.volume = self._volume + VOLUME_STEP

    def volume_down(self) -> None:
        self.volume = self._volume - VOLUME_STEP

    def reset(self) -> None:
        """For the next visitor: silence, nothing to repeat, the default volume (508 402.3)."""
        self.stop()
        self._last = None
        self.volume = self.default_volume

    # -- internals -----------------------------------------------------------------------------
    def _language_for(self, text: str, code: str) -> str | None:
        """The language to speak ``text`` in: its own (a language's name on the picker) where
        there is a voice for it, else the page's; None to leave out a text in another script
        that the page's voice would only spell out."""
        own = getattr(text, "language", None)
        if own is None or own == code:
            return code
        assert self.engine is not None
        if self.engine.has_voice(own):
            return own
        return code if _is_latin(text) else None

    def _engine_finished(self) -> None:
        if self._state is SpeechState.SPEAKING:
            self._set_state(SpeechState.IDLE)

    def _set_state(self, state: SpeechState) -> None:
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state.value)

    @staticmethod
    def _clamp(value: float) -> float:
        return round(min(MAX_VOLUME, max(MIN_VOLUME, value)), 1)
