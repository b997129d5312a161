"""Starting the kiosk for real: logs, error recovery, usage counts, PIN, the operator's content,
the audit log (the run's start and stop, the operator files it fell back from).

Kept apart from the window so tests build windows without touching the real folders.
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
from kiosk.core.content_source import active_content, removable_media_packs
from kiosk.core.kiosk_run import KioskRun
from kiosk.core.logs import (
    CrashCounter,
    ensure_logging,
    hold_logging,
    install_excepthook,
    log_file_in,
)
from kiosk.core.pin import PinStore
from kiosk.core.settings import Settings
from kiosk.core.usage import UsageCounts
from kiosk.ui import stop_signals
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.app import create_app
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
    run: KioskRun  # the audit log's record of this run


def start_kiosk(settings: Settings, windowed: bool) -> int:
    kiosk = build_kiosk(settings, windowed)
    if kiosk is None:
        return 1
    stop_on_signals(kiosk.app)  # systemd's SIGTERM ends the loop: the stop is recorded
    if windowed:
        kiosk.window.resize(1366, 768)
        kiosk.window.show()
    else:
        kiosk.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        kiosk.window.showFullScreen()
    log.info("log file: %s", kiosk.log_file)
    code = kiosk.app.exec()
    ensure_logging()  # if the kiosk closed before its log file was opened
    kiosk.usage.flush()
    stopped_by = stop_signals.last_signal
    log.info("kiosk stopped with exit code %d%s", code, f" ({stopped_by})" if stopped_by else "")
    kiosk.run.stopped(code, signal=stopped_by)
    return code


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
    try:
        pack, content_notes = active_content()
    except ContentError as exc:  # the bundled pack itself is broken: nothing to show
        log.error("content pack: %s", exc)
        print(f"content pack: {exc}", file=sys.stderr)
        ensure_logging()
        run = KioskRun(audit, mode=mode, version=__version__, content_version=None)
        run.stopped(1)
        return None
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
        audit=audit,
    )
    read_aloud = ReadAloud(None)  # its engine is attached once the first frame is on screen
    window = KioskWindow(
        pack,
        settings,
        kiosk_mode=not windowed,
        usage=usage,
        pins=pins,
        admin_services=services,
        read_aloud=read_aloud,
        audit=audit,
    )
    install_excepthook(crashes, window.recover)
    window.builder.add(ensure_logging)
    fallbacks = [("settings", p) for p in settings.problems]
    fallbacks += [("content pack", n) for n in content_notes]
    run = KioskRun(
        audit,
        mode=mode,
        version=__version__,
        content_version=pack.content_version,
        fallbacks=fallbacks,
    )
    # Recorded after the first frame (the audit log waits for its disk), with a lock that ran
    # out while the kiosk was off.
    window.builder.add(run.started)
    window.builder.add(pins.end_lapsed_lock)
    # Starting QtTextToSpeech can wait seconds for speech-dispatcher: after the first frame.
    QTimer.singleShot(500, lambda: read_aloud.set_engine(QtSpeechEngine()))
    return Kiosk(app, window, usage, log_file_in(), run)
