"""A stop asked by the system ends the kiosk's event loop, so that the stop is logged and recorded.

systemd stops and restarts the service (`systemctl --user restart`, the nightly restart timer,
a shutdown) with SIGTERM; a closed terminal sends SIGHUP. Left to Python, either ends the process
at once: no "stopped" in the log, and the audit log would say at the next start that the run
ended without a stop. Here they end the event loop with exit code 0, and :data:`last_signal`
names the signal.

Python runs a signal handler only between Python bytecodes, and Qt's event loop is C++: the
signal's byte written to a pipe (``signal.set_wakeup_fd``) wakes the loop through a
QSocketNotifier, and Python then runs the handler. Not on Windows, where services are not
stopped by these signals.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType

from PySide6.QtCore import QCoreApplication, QSocketNotifier

#: The signals that stop the kiosk politely.
STOP_SIGNALS = ("SIGTERM", "SIGHUP")
#: The name of the signal that stopped the kiosk, or None.
last_signal: str | None = None
_keep: list[object] = []


def stop_on_signals(app: QCoreApplication) -> None:
    """Make SIGTERM and SIGHUP end ``app``'s event loop with exit code 0."""
    if sys.platform == "win32":
        return
    # A pipe, not a socket pair: nothing imports the socket module before the first frame.
    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    os.set_blocking(writer, False)
    signal.set_wakeup_fd(writer, warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(BlockingIOError):
            os.read(reader, 64)  # the byte that woke the loop; the handler has run by now

    notifier.activated.connect(drain)

    def stop(number: int, _frame: FrameType | None) -> None:
        global last_signal
        last_signal = signal.Signals(number).name
        app.exit(0)

    for name in STOP_SIGNALS:
        signal.signal(getattr(signal, name), stop)
    _keep.append(notifier)  # it must live as long as the kiosk (the pipe stays open)
