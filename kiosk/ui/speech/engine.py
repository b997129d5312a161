"""The seam between read aloud and a speech engine: QtTextToSpeech on a kiosk, a fake in tests.

An engine speaks texts one after another, in a language given by the kiosk's language code.
A kiosk without speech (no QtTextToSpeech, no engine, no voices) must still run: every failure
here ends as "not available", never as an exception.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QLocale, QObject, QTimer

from kiosk.ui.speech.voices import best_locale, pick_voice

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

Callback = Callable[[], None]

STOP_GUARD_MS = 1000  # speechd confirms a stop well within this
# A text not finished after this long is taken as lost: speech-dispatcher without a working
# audio output (no PulseAudio) reports Speaking for ever. Generous: a Chinese character
# takes espeak-ng about a quarter of a second.
OVERDUE_BASE_MS, OVERDUE_MS_PER_CHAR = 10_000, 400


class SpeechEngine(Protocol):
    """What read aloud needs from a speech engine."""

    def is_available(self) -> bool:
        """The engine loaded and can speak at all (in some language)."""
        ...

    def has_voice(self, code: str) -> bool:
        """It has a voice for this kiosk language code (``en``, ``zh_Hant``, ``hmn``...)."""
        ...

    def say(self, text: str, code: str) -> None:
        """Queue a text: it is spoken after what is already queued."""
        ...

    def pause(self) -> None:
        """Silence at once, keeping what is left to say."""
        ...

    def resume(self) -> None:
        """Go on after ``pause`` (``on_finished`` at once if nothing was left)."""
        ...

    def stop(self) -> None:
        """Silence at once and forget the queue; ``on_finished`` is not called for it."""
        ...

    def set_volume(self, volume: float) -> None:
        """0.0 (silent) to 1.0 (loudest the system allows)."""
        ...

    def on_finished(self, callback: Callback) -> None:
        """Call back when everything queued has been spoken (not after ``stop``)."""
        ...


class QtSpeechEngine(QObject):
    """A :class:`SpeechEngine` over QtTextToSpeech.

    ``engine_name`` picks a Qt speech plug-in ("speechd", "sapi", "winrt", "mock"); None takes
    Qt's default. QtTextToSpeech is imported here, not at module level, so that a kiosk without
    it (or without libpulse, which it links to on Linux) still starts, just without speech.

    Texts are handed to the engine one at a time, each after the last has finished, and Pause
    is a stop that remembers the interrupted text. Measured with speechd (Qt 6.11, espeak-ng):
    QTextToSpeech's own queue (``enqueue``) reports Ready between some texts and not others,
    ``pause()`` never reports Paused and, after ``resume()``, never finishes; ``stop()`` reports
    Ready only some milliseconds later, after anything said meanwhile has started.
    """

    def __init__(
        self,
        engine_name: str | None = None,
        parent: QObject | None = None,
        tts: QTextToSpeech | None = None,  # tests: an object that acts like one
        stop_guard_ms: int = STOP_GUARD_MS,
        overdue_ms: tuple[int, int] = (OVERDUE_BASE_MS, OVERDUE_MS_PER_CHAR),
    ) -> None:
        super().__init__(parent)
        self.engine_name = engine_name
        self.problem: str | None = None  # why it cannot speak at all, for logs and checks
        self._tts: QTextToSpeech | None = None
        self._locales: list[QLocale] = []
        self._chosen: dict[str, QLocale | None] = {}
        self._current_code: str | None = None
        self._finished: Callback | None = None
        self._queue: list[tuple[str, str]] = []  # (text, code) still to say
        self._speaking: tuple[str, str] | None = None  # handed to the engine, not finished
        self._held: list[tuple[str, str]] = []  # what Resume says again
        self._stopping = False  # a stop's Ready is still to come; say nothing until then
        # If an engine never confirms a stop, do not stay silent for ever.
        self._stop_guard = QTimer(self)
        self._stop_guard.setSingleShot(True)
        self._stop_guard.setInterval(stop_guard_ms)
        self._stop_guard.timeout.connect(self._stop_confirmed)
        self._overdue_ms = overdue_ms
        self._overdue = QTimer(self)
        self._overdue.setSingleShot(True)
        self._overdue.timeout.connect(self._text_overdue)
        self._told_overdue = False
        if tts is not None:
            self.attach(tts)
            return
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as error:  # PySide6-Addons missing, or libpulse0 on Linux
            self.problem = f"QtTextToSpeech cannot be loaded: {error}"
            log.warning("Read aloud is off: %s", self.problem)
            return
        engines = QTextToSpeech.availableEngines()
        # Qt's "mock" engine speaks into the void: a kiosk must never take it by default.
        real = [name for name in engines if name != "mock"]
        if (engine_name is None and not real) or (engine_name and engine_name not in engines):
            wanted = engine_name or "any"
            self.problem = f"no speech engine ({wanted}); Qt has: {', '.join(engines) or 'none'}"
            log.warning("Read aloud is off: %s", self.problem)
            return
        # Without a name Qt takes the engine it ranks first (speechd; winrt or sapi on Windows).
        tts = QTextToSpeech(engine_name, self) if engine_name else QTextToSpeech(self)
        if engine_name is None and tts.engine() == "mock":
            tts = QTextToSpeech(real[0], self)
        self.attach(tts)

    def attach(self, tts: QTextToSpeech) -> None:
        if tts.state() == _state("Error"):
            self.problem = f"speech engine {tts.engine()!r} failed: {tts.errorString()}"
            log.warning("Read aloud is off: %s", self.problem)
            return
        self._tts = tts
        self._locales = list(tts.availableLocales())
        self._chosen.clear()
        self._current_code = None
        tts.stateChanged.connect(self._state_changed)

    @property
    def qt(self) -> QTextToSpeech | None:
        """The QTextToSpeech it speaks through, if any (its word-by-word signals, for tests)."""
        return self._tts

    # -- SpeechEngine --------------------------------------------------------------------------
    def is_available(self) -> bool:
        return self._tts is not None and bool(self._locales)

    def has_voice(self, code: str) -> bool:
        return self._locale_for(code) is not None

    def say(self, text: str, code: str) -> None:
        if self._tts is None or self._locale_for(code) is None:
            return
        self._queue.append((text, code))
        self._held = []
        self._say_next()

    def pause(self) -> None:
        held = ([self._speaking] if self._speaking else []) + self._queue
        self.stop()
        self._held = held

    def resume(self) -> None:
        held, self._held = self._held, []
        if not held:  # it had finished meanwhile: say so, or the UI would wait for ever
            if self._finished is not None and self._speaking is None and not self._queue:
                self._finished()
            return
        for text, code in held:
            self.say(text, code)

    def stop(self) -> None:
        self._queue.clear()
        self._held = []
        if self._tts is None or self._speaking is None:
            return
        self._speaking = None
        self._overdue.stop()
        self._tts.stop(_boundary("Immediate"))
        if self._tts.state() != _state("Ready"):
            self._stopping = True
            self._stop_guard.start()

    def set_volume(self, volume: float) -> None:
        if self._tts is not None:
            self._tts.setVolume(max(0.0, min(1.0, volume)))

    def on_finished(self, callback: Callback) -> None:
        self._finished = callback

    # -- voices --------------------------------------------------------------------------------
    def _locale_for(self, code: str) -> QLocale | None:
        if code not in self._chosen:
            self._chosen[code] = best_locale(code, self._locales) if self._tts else None
        return self._chosen[code]

    def _use_language(self, code: str) -> bool:
        """Switch the engine to ``code``'s locale and voice; False if it has none."""
        tts, locale = self._tts, self._locale_for(code)
        if tts is None or locale is None:
            return False
        if code == self._current_code:
            return True
        tts.setLocale(locale)
        voice = pick_voice(code, locale, list(tts.availableVoices()), tts.voice())
        if voice is not None and voice.name() != tts.voice().name():
            tts.setVoice(voice)
        self._current_code = code
        return True

    # -- one text at a time --------------------------------------------------------------------
    def _say_next(self) -> None:
        if self._speaking is not None or self._stopping or not self._queue or self._tts is None:
            return
        text, code = self._queue.pop(0)
        self._use_language(code)
        self._speaking = (text, code)
        base, per_char = self._overdue_ms
        self._overdue.start(base + per_char * len(text))
        self._tts.say(text)

    def _state_changed(self, state: object) -> None:
        if state == _state("Error") and self._tts is not None:
            # Not the visitor's text or language: logs never hold what a visitor chose.
            log.warning("Speech engine error: %s", self._tts.errorReason().name)
        if state not in (_state("Ready"), _state("Error")):
            return
        if self._stopping:
            self._stop_confirmed()
            return
        if self._speaking is None:
            return
        self._speaking = None
        self._overdue.stop()
        if self._queue:
            self._say_next()
        elif self._finished is not None:
            self._finished()

    def _text_overdue(self) -> None:
        if not self._told_overdue:
            self._told_overdue = True
            log.warning("Speech did not finish in time: is the audio output working?")
        # The engine is stuck; waiting out every other text would keep "speaking" for minutes.
        self.stop()
        if self._finished is not None:
            self._finished()

    def _stop_confirmed(self) -> None:
        self._stop_guard.stop()
        self._stopping = False
        self._say_next()


def _state(name: str) -> QTextToSpeech.State:
    from PySide6.QtTextToSpeech import QTextToSpeech

    return getattr(QTextToSpeech.State, name)


def _boundary(name: str) -> QTextToSpeech.BoundaryHint:
    from PySide6.QtTextToSpeech import QTextToSpeech

    return getattr(QTextToSpeech.BoundaryHint, name)
