"""Bundled Noto fonts: registered once, then chosen per view by its language.

Visitor-facing text uses only these files, so every kiosk looks the same whatever the PC has.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QFont, QFontDatabase

from kiosk.core.i18n import SOURCE_LANGUAGE
from kiosk.core.paths import resource
from kiosk.ui.script_metrics import SCRIPTS
from kiosk.ui.theme import LATIN_SCRIPT, Metrics, Script, text_stylesheet

LATIN = "Noto Sans"
#: The family that carries each language's script; Latin is the second choice for all.
SCRIPT_FAMILY = {
    "hy": "Noto Sans Armenian",
    "pa": "Noto Sans Gurmukhi",
    "km": "Noto Sans Khmer",
    "ar": "Noto Naskh Arabic",
    "fa": "Noto Naskh Arabic",
    "ko": "Noto Sans CJK KR",
    "zh_Hant": "Noto Sans CJK TC",
}

_registered: list[str] = []


def hide_system_fonts() -> None:
    """On Linux, point fontconfig at resources/fonts/fonts.conf, which lists no system fonts.

    Call before Qt's font database starts. Without it, a PC with Debian's Noto packages serves
    "Noto Sans", "Noto Sans CJK TC" and the bold faces from its own (large) files instead of the
    bundled subsets: the text differs from PC to PC, and the memory-mapped 20 MB CJK collections
    come and go with Qt's font cache, moving RSS by up to 40 MiB (build/bench_session.py soak).
    An explicit FONTCONFIG_FILE is left alone.
    """
    if sys.platform.startswith("linux") and "FONTCONFIG_FILE" not in os.environ:
        os.environ["FONTCONFIG_FILE"] = str(resource("fonts") / "fonts.conf")


def register_bundled_fonts() -> list[str]:
    """Add every font in resources/fonts to Qt; returns the families added (once per process)."""
    if not _registered:
        for path in sorted(resource("fonts").glob("*.[ot]tf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(_registered)


def families_for(code: str) -> list[str]:
    first = SCRIPT_FAMILY.get(code)
    others = [f for f in dict.fromkeys(SCRIPT_FAMILY.values()) if f != first]
    return [f for f in (first, LATIN, *others) if f]


def script_for(code: str) -> Script:
    """How the font of a language's script is sized beside Latin (measured: see
    kiosk/ui/script_metrics.py)."""
    return SCRIPTS.get(SCRIPT_FAMILY.get(code, LATIN), LATIN_SCRIPT)


def script_stylesheet(code: str, metrics: Metrics) -> str:
    """The text rules a part of a view needs for a language whose script is sized or spaced
    unlike Latin's (Arabic drawn larger, Khmer's room under its lines): every role's size and
    room at its script's metrics. Empty where the window's stylesheet already fits."""
    if script_for(code) == script_for(SOURCE_LANGUAGE):
        return ""
    return text_stylesheet(metrics)


def font_for(code: str) -> QFont:
    font = QFont()
    font.setFamilies(families_for(code))
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font
