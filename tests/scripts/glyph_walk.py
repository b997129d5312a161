"""Run in a subprocess whose fontconfig sees no system fonts (see tests/test_languages.py).

Walks every page and state in every language and lays out each visible text with the font its
widget really uses; prints one line per problem and "checked N texts" at the end.
"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.core.content import load_content
from kiosk.core.i18n import Translators
from kiosk.core.settings import ALL_LANGUAGES, load_settings
from kiosk.ui.app import create_app
from kiosk.ui.fonts import register_bundled_fonts
from kiosk.ui.glyphs import text_problems
from kiosk.ui.screens import states
from kiosk.ui.window import KioskWindow


def main() -> int:
    create_app()
    bundled = set(register_bundled_fonts())
    system = set(QFontDatabase.families()) - bundled - {"Sans Serif", "Serif", "Monospace"}
    if system:
        print(f"system fonts are visible: {sorted(system)[:5]}")
        return 2
    window = KioskWindow(load_content(), load_settings(), Translators(), kiosk_mode=False)
    window.resize(1366, 768)
    window.show()
    checked = 0
    for lang in sys.argv[1:] or ALL_LANGUAGES:
        for page, _state, setup in states():
            window.session.start_over()
            window.session.set_language(lang)
            window.session.go_to(page)
            if setup:
                setup(window)
            QApplication.processEvents()
            for label in window.findChildren(QLabel):
                if label.isVisibleTo(window) and label.text():
                    for problem in text_problems(label.text(), label.font(), bundled):
                        print(f"{lang} {page}: {problem}: {label.text()[:50]!r}")
                    checked += 1
            window.chrome.overlay.hide()
            window.chrome.idle_overlay.hide()
    print(f"checked {checked} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
