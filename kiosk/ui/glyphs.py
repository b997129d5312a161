"""Does every text render with the bundled fonts? Lays text out and inspects the glyph runs.

A glyph index of 0 is a missing glyph (an empty box on screen); a run drawn with a font that is
not bundled means the text depends on what the PC happens to have.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtGui import QFont, QTextLayout

from kiosk.core.content import ContentPack
from kiosk.core.i18n import LANGUAGES, Translators
from kiosk.core.rollout import Rollout, YearMonth, month_values
from kiosk.ui.fonts import font_for, register_bundled_fonts


@dataclass(frozen=True)
class GlyphProblem:
    language: str
    text: str
    problem: str

    def __str__(self) -> str:
        return f"{self.language}: {self.problem}: {self.text[:60]!r}"


def text_problems(text: str, font: QFont, bundled: set[str]) -> list[str]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    while layout.createLine().isValid():
        pass
    layout.endLayout()
    problems = []
    for run in layout.glyphRuns():
        raw = run.rawFont()
        if not raw.fontTable("head"):
            # No font at all for these characters (Qt's box engine, only when no system font
            # stands in): Qt 6.11 crashes in familyName() on it.
            problems.append("missing glyph: no font has these characters")
            continue
        family = raw.familyName()
        if 0 in run.glyphIndexes():
            problems.append(f"missing glyph in {family}")
        if family not in bundled:
            problems.append(f"drawn with {family!r}, which is not bundled")
    return problems


def language_texts(pack: ContentPack, translators: Translators, code: str) -> list[str]:
    """Every text of the pack as this language shows it, placeholders filled with defaults (the
    rollout's month with a year, so that the dated wordings are filled in too)."""
    tr = translators[code]
    month = pack.rollout_month
    rollout = Rollout(month, YearMonth(2026, month), dt.date(2026, month, 1))
    values = {
        "facility": "",
        "help_desk": "",
        "website": "https://securustech.net",
        "app": tr.text(pack.ui.default_app),
        **month_values(code, rollout),
        "number": 3,
        "total": 5,
        "seconds": 20,
        "date": "",
    }
    texts = [tr.text(text, **values) for _, text in pack.texts()]
    texts += [lang.native_name for lang in LANGUAGES.values()]
    return texts


def check_glyphs(pack: ContentPack, codes: list[str]) -> list[GlyphProblem]:
    bundled = set(register_bundled_fonts())
    translators = Translators()
    problems: list[GlyphProblem] = []
    for code in codes:
        font = font_for(code)
        font.setPixelSize(30)
        for text in language_texts(pack, translators, code):
            for bold in (False, True):
                font.setBold(bold)
                problems += [
                    GlyphProblem(code, text, p) for p in text_problems(text, font, bundled)
                ]
    return problems
