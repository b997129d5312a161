"""Run by tests/test_operator_fallback.py: start the kiosk as `kiosk --windowed` does (offscreen),
with one fault injected; once the first frame is painted and what follows it is done, print what a
visitor and staff see as JSON, and quit.

    python start_kiosk.py FAULT [KIOSK ARGS...]

FAULT: ``none``; ``welcome-fails`` (Welcome's render always raises: the kiosk cannot start);
``installed-pack-fails`` (Welcome's render raises for the installed pack's content version
``2026.12.9``, as a pack that validates but cannot be shown would).
"""

from __future__ import annotations

import json
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QTimer

from kiosk.cli import main
from kiosk.ui import startup
from kiosk.ui.fonts import hide_system_fonts
from kiosk.ui.pages.welcome import WelcomePage

BROKEN_VERSION = "2026.12.9"
fault = sys.argv[1]
render_welcome = WelcomePage.render_state


def broken_welcome(self, ctx, session):
    if fault == "welcome-fails" or ctx.pack.content_version == BROKEN_VERSION:
        raise RuntimeError("a render error that names nothing a visitor chose")
    render_welcome(self, ctx, session)


if fault != "none":
    WelcomePage.render_state = broken_welcome
build_kiosk = startup.build_kiosk


def build_and_watch(settings, windowed):
    kiosk = build_kiosk(settings, windowed)
    if kiosk is None:
        return None
    window = kiosk.window

    def report() -> None:
        if not window.first_frame_done or window.builder.is_busy():
            return
        seen = {
            "content_version": window.pack.content_version,
            "headline": window.pages["welcome"].headline.text(),
            "staff_notes": window.admin_services.content_notes,
        }
        print(json.dumps(seen), flush=True)
        kiosk.app.exit(0)

    timer = QTimer(window)
    timer.timeout.connect(report)
    timer.start(20)
    return kiosk


startup.build_kiosk = build_and_watch
hide_system_fonts()
sys.exit(main(["--windowed", *sys.argv[2:]]))
