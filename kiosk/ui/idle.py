"""The idle watch: no touch, click, key or scroll for a while -> "Still there?" -> start over.

Activity is watched application-wide (an event filter), not only on buttons. Times come from
settings (`idle_timeout_s`, `idle_warning_s`; the 20 s floor is enforced there); tests pass a
shorter `IdleTiming` instead of sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.core.settings import Settings

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


@dataclass(frozen=True)
class IdleTiming:
    timeout_ms: int  # quiet time before the warning
    warning_s: int  # how many ticks the warning counts down
    tick_ms: int = 1000  # one countdown step

    @classmethod
    def from_settings(cls, settings: Settings) -> IdleTiming:
        return cls(settings["idle_timeout_s"] * 1000, settings["idle_warning_s"])


class IdleState(Enum):
    OFF = "off"  # on Welcome: nothing to protect
    WATCHING = "watching"
    WARNING = "warning"


class IdleWatch(QObject):
    warning_started = Signal(int)  # seconds left
    tick = Signal(int)  # seconds left
    expired = Signal()

    def __init__(self, timing: IdleTiming, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timing = timing
        self.state = IdleState.OFF
        self.seconds_left = 0
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._start_warning)
        self._countdown = QTimer(self)
        self._countdown.timeout.connect(self._on_tick)

    def set_timing(self, timing: IdleTiming) -> None:
        self.timing = timing
        if self.state is IdleState.WATCHING:
            self._quiet.start(timing.timeout_ms)

    def start(self) -> None:
        """Watch from now (a visitor has started)."""
        self._countdown.stop()
        self.state = IdleState.WATCHING
        self._quiet.start(self.timing.timeout_ms)

    def stop(self) -> None:
        self._quiet.stop()
        self._countdown.stop()
        self.state = IdleState.OFF

    def watch_visitor(self, present: bool) -> None:
        """Watch while a visitor is in the guide (not on Welcome); a running watch goes on."""
        if not present:
            self.stop()
        elif self.state is IdleState.OFF:
            self.start()

    def activity(self) -> None:
        """Any touch, click, key or scroll while watching restarts the quiet time."""
        if self.state is IdleState.WATCHING:
            self._quiet.start(self.timing.timeout_ms)

    def keep_going(self) -> None:
        """The visitor answered "I'm still here"."""
        if self.state is IdleState.WARNING:
            self.start()

    def _start_warning(self) -> None:
        self.state = IdleState.WARNING
        self.seconds_left = self.timing.warning_s
        self.warning_started.emit(self.seconds_left)
        self._countdown.start(self.timing.tick_ms)

    def _on_tick(self) -> None:
        self.seconds_left -= 1
        if self.seconds_left > 0:
            self.tick.emit(self.seconds_left)
            return
        self.stop()
        self.expired.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self.activity()
        return False
