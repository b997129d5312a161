"""Starting the kiosk for real: logs, error recovery, usage counts, PIN, the operator's content,
the audit log (the run's start and stop, the operator files it fell back from), and the watch on
the incoming folder (kiosk/ui/incoming_watch.py), started after the first frame.

Kept apart from the window so tests build windows without touching the real folders.

An unexpected error before the first frame ends the kiosk with START_FAILED (70), after one plain
sentence on stderr (the journal, under systemd) and, in the log, the records held until then and
the traceback (:func:`could_not_start`). After the first frame an error is counted and the kiosk
goes back to Welcome (kiosk.core.logs.install_excepthook).
"""

from __future__ import annotations

import logging
import sys
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt, QTimer

from kiosk import __version__
from kiosk.core.audit import AuditLog
from kiosk.core.content import ContentError
from kiosk.core.content_audit import install_and_record
from kiosk.core.content_source import (
    choose_content,
    operator_pack_path,
    removable_media_packs,
)
from kiosk.core.exit_codes import PROBLEM, START_FAILED
from kiosk.core.fallback import Refusals
from kiosk.core.incoming import Incoming
from kiosk.core.kiosk_run import KioskRun
from kiosk.core.logs import (
    CrashCounter,
    ensure_logging,
    hold_logging,
    install_excepthook,
    log_file_in,
    where_it_failed,
)
from kiosk.core.pin import PinStore
from kiosk.core.settings import Settings
from kiosk.core.usage import UsageCounts
from kiosk.ui import stop_signals
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.app import create_app
from kiosk.ui.incoming_watch import IncomingWatch
from kiosk.ui.speech.controller import ReadAloud
from kiosk.ui.speech.engine import QtSpeechEngine
from kiosk.ui.stop_signals import stop_on_signals
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


# A NamedTuple, not a dataclass: it is made before the first frame (see kiosk/core/content.py).
class Kiosk(NamedTuple):
    """A kiosk built and ready to show."""

    app: QApplication
    window: KioskWindow
    usage: UsageCounts
    log_file: Path
    start: StartWatch
    run: KioskRun  # the audit log's record of this run


def start_kiosk(settings: Settings, windowed: bool) -> int:
    try:
        kiosk = build_kiosk(settings, windowed)
        if kiosk is None:
            return PROBLEM
        stop_on_signals(kiosk.app)  # systemd's SIGTERM ends the loop: the stop is recorded
        if windowed:
            kiosk.window.resize(1366, 768)
            kiosk.window.show()
        else:
            kiosk.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            kiosk.window.showFullScreen()
    except Exception as exc:
        code = could_not_start(exc)
        log.info("kiosk stopped with exit code %d", code)
        return code
    if kiosk.start.failed is not None:  # an error in a Qt handler while showing
        log.info("kiosk stopped with exit code %d", kiosk.start.failed)
        kiosk.run.stopped(kiosk.start.failed)
        return kiosk.start.failed
    log.info("log file: %s", kiosk.log_file)
    code = kiosk.app.exec()
    ensure_logging()  # if the kiosk closed before its log file was opened
    kiosk.usage.flush()
    stopped_by = stop_signals.last_signal
    log.info("kiosk stopped with exit code %d%s", code, f" ({stopped_by})" if stopped_by else "")
    kiosk.run.stopped(code, signal=stopped_by)
    return code


def could_not_start(exc: BaseException) -> int:
    """An unexpected error before the first frame: one sentence on stderr, the held records and
    the traceback in the log (its folder made if need be). Returns START_FAILED."""
    log.error("the kiosk could not start", exc_info=(type(exc), exc, exc.__traceback__))
    log_file = ensure_logging()
    details = f"the details are in {log_file}" if log_file else "the details are above"
    print(
        f"The kiosk could not start: an unexpected error ({where_it_failed(exc)}) came before "
        f"its first screen; {details}",
        file=sys.stderr,
        flush=True,
    )
    return START_FAILED


def open_log() -> None:
    ensure_logging()


class StartWatch:
    """What sys.excepthook does with an error (kiosk.core.logs.install_excepthook): after the
    first frame, back to Welcome; before it, the kiosk has not started: it ends (once)."""

    def __init__(self, app: QApplication, window: KioskWindow, crashes: CrashCounter) -> None:
        self.app, self.window, self.crashes = app, window, crashes
        self.failed: int | None = None  # the exit code, once the start has failed

    def on_error(self) -> None:
        if self.window.first_frame_done:
            self.window.recover()
        elif self.failed is None and self.crashes.last is not None:
            self.failed = could_not_start(self.crashes.last)
            self.app.exit(self.failed)  # when the event loop runs; start_kiosk checks before


def build_kiosk(settings: Settings, windowed: bool) -> Kiosk | None:
    """Everything before the window is shown (build/benchmark.py times this too, from a fresh
    process to the first frame). None when there is no content to show."""
    hold_logging()  # the log file is opened just after the first frame (window.builder)
    mode = "windowed" if windowed else "kiosk mode"
    log.info("kiosk starting (%s)", mode)
    audit = AuditLog()
    for problem in settings.problems:
        log.warning("settings: %s", problem)
        print(f"settings: {problem}", file=sys.stderr)
    refusals = Refusals()
    try:
        choice = choose_content(refusals=refusals)
    except ContentError as exc:  # the bundled pack itself is broken: nothing to show
        log.error("content pack: %s", exc)
        print(f"content pack: {exc}", file=sys.stderr)
        ensure_logging()
        run = KioskRun(audit, mode=mode, version=__version__, content_version=None)
        run.stopped(PROBLEM)
        return None
    content_notes = [*choice.problems, *choice.notes]
    for note in content_notes:
        log.warning("content: %s", note)
    app = create_app()
    usage = UsageCounts()
    pins = PinStore(audit=audit)
    crashes = CrashCounter()
    services = AdminServices(
        usage=usage,
        crashes_this_run=lambda: crashes.this_run,
        crashes_total=lambda: crashes.total,
        content_notes=content_notes,
        media_packs=removable_media_packs,
        install_content=partial(install_and_record, audit=audit),
        pin_is_set=pins.is_set,
        installed_pack_file=operator_pack_path(),
        audit=audit,
    )
    read_aloud = ReadAloud(None)  # its engine is attached once the first frame is on screen
    window = KioskWindow(
        choice.pack,
        settings,
        kiosk_mode=not windowed,
        usage=usage,
        pins=pins,
        admin_services=services,
        read_aloud=read_aloud,
        pack_file=choice.source,
        refusals=refusals,
        audit=audit,
    )
    start = StartWatch(app, window, crashes)
    install_excepthook(crashes, start.on_error)
    window.builder.add(open_log)
    fallbacks = [("settings", p) for p in settings.problems]
    fallbacks += [("content pack", n) for n in content_notes]
    run = KioskRun(
        audit,
        mode=mode,
        version=__version__,
        content_version=choice.pack.content_version,
        fallbacks=fallbacks,
    )
    # Recorded after the first frame (the audit log waits for its disk), with a lock that ran
    # out while the kiosk was off.
    window.builder.add(run.started)
    window.builder.add(pins.end_lapsed_lock)
    # Settings and packs a deployment tool drops in, from the next Welcome on.
    incoming = Incoming(settings_path=settings.source, audit=audit)
    window.builder.add(IncomingWatch(incoming, window.receive_incoming, window).start)
    # Starting QtTextToSpeech can wait seconds for speech-dispatcher: after the first frame.
    QTimer.singleShot(500, lambda: read_aloud.set_engine(QtSpeechEngine()))
    return Kiosk(app, window, usage, log_file_in(), start, run)
