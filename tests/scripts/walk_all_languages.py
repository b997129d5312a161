"""A full visitor walk-through in every language, run as a script (tests/test_no_network.py).

Builds the kiosk window as startup does, walks Welcome -> language -> all five steps by touch
in each of the thirteen languages, opens the help-desk view in each language and saves a
handout PDF. Run under strace it shows which sockets the kiosk opens (none but local ones).
Usage: python tests/scripts/walk_all_languages.py OUT_DIR   (QT_QPA_PLATFORM chooses the platform)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the helpers

from PySide6.QtWidgets import QApplication

from helpers import button, tap
from kiosk.core.content import load_content
from kiosk.core.i18n import Translators
from kiosk.core.session import STEP_PAGES
from kiosk.core.settings import ALL_LANGUAGES, load_settings
from kiosk.ui.app import create_app
from kiosk.ui.helpdesk.window import VIEWS, HelpDeskWindow
from kiosk.ui.window import KioskWindow


def walk(window: KioskWindow, code: str) -> None:
    tap(button(window, "StartButton"))
    tap(button(window, f"lang-{code}"))
    for page in STEP_PAGES:
        if window.session.page != page:
            raise SystemExit(f"walk: {code}: expected {page}, shown {window.session.page}")
        if page != "done":
            tap(button(window, "ContinueButton"))
    tap(button(window, "StartOverButton"))
    QApplication.processEvents()


def main(out_dir: Path) -> int:
    app = create_app()
    pack, settings, translators = load_content(), load_settings(), Translators()
    window = KioskWindow(pack, settings, translators, kiosk_mode=False)
    window.resize(1366, 768)
    window.show()
    helpdesk = HelpDeskWindow(pack, settings, translators, out_dir=out_dir)
    helpdesk.resize(1600, 900)
    helpdesk.show()
    app.processEvents()
    for code in ALL_LANGUAGES:
        walk(window, code)
        helpdesk.set_language("visitor", code)
        for view in VIEWS:
            helpdesk.show_view(view)
            app.processEvents()
        if helpdesk.save_handout(code) is None:
            raise SystemExit(f"walk: {code}: handout not saved: {helpdesk.status.text()}")
        print(f"walked {code}", flush=True)
    helpdesk.close()
    window.allow_close = True
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
