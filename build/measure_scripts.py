"""Write kiosk/ui/script_metrics.py: how each bundled script font is sized and spaced beside Latin.

Measured from the glyphs Qt renders with the bundled fonts, over every translated text of the
languages that use each font (the catalogs), never from a table of guesses:

- **scale**: how much larger a script's text is drawn so that it looks as large as Latin's at
  the same text size. A text's apparent size is taken as the geometric mean of two heights
  above the baseline: its *body* (the band where most letters' ink is: Latin's x-height,
  Arabic's tooth and bowl height) and its *tall* letters (the 95th percentile of the glyph
  tops: Latin's ascenders and capitals, Arabic's alef and lam). Naskh Arabic has a small body
  under tall letters, so at the same pixel size it reads smaller than Latin; CJK, Khmer and
  Gurmukhi read as large or larger, and are never drawn smaller than the visitor's size
  (a scale below 1 would shrink dense scripts for the sake of a number).
- **above** and **below**: how far the ink of any text reaches past the font's ascent and
  descent, in em (Khmer's subscript consonants with a vowel under them). **side**: how far a
  letter's ink reaches past its own advance, to the left or right (a bold Armenian letter at
  the start of a line). Labels get that much room around their lines, or Qt cuts the ink.

Run after the fonts or the catalogs change (tests/test_scripts.py fails when they differ):

    uv run python build/measure_scripts.py
"""

from __future__ import annotations

import math
import re
import statistics
import string
import sys
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repo, for `kiosk`

from babel.messages.pofile import read_po
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetricsF, QGlyphRun, QImage, QPainter, QTextLayout

from kiosk.core.i18n import SOURCE_LANGUAGE, catalog_path
from kiosk.core.paths import translations_dir
from kiosk.ui.app import create_app
from kiosk.ui.fonts import LATIN, SCRIPT_FAMILY

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "kiosk" / "ui" / "script_metrics.py"
PX = 100  # glyph boxes are measured at this pixel size, reported per em
#: Text is drawn at this size to find the body band: the largest size Qt keeps in its glyph
#: cache (larger glyphs are drawn as paths, ten times slower).
DRAWN_PX = 64
BODY_SHARE = 0.25  # a row is in the body band when it holds this share of the fullest row's ink
#: Added to each room: at small sizes glyphs are rounded to whole pixels, and ink that comes
#: within this of the line's edge can lose its last row (Gurmukhi's headline marks, bold).
ROUNDING = 0.03
TALL_PERCENTILE = 95


def catalog_texts(code: str) -> list[str]:
    """Every translated text of a language (the English source for English)."""
    path = translations_dir() / "kiosk.pot" if code == SOURCE_LANGUAGE else catalog_path(code)
    with path.open("rb") as file:
        catalog = read_po(file)
    texts = []
    for message in catalog:
        if not message.id:
            continue
        value = message.id if code == SOURCE_LANGUAGE else message.string
        for text in value if isinstance(value, tuple) else (value,):
            if isinstance(text, str) and text:
                texts.append(text)
    return texts


def families() -> dict[str, list[str]]:
    """Each bundled family and the languages whose text it carries (Latin: the source)."""
    out: dict[str, list[str]] = {LATIN: [SOURCE_LANGUAGE]}
    for code, family in SCRIPT_FAMILY.items():
        out.setdefault(family, []).append(code)
    return out


def glyph_boxes(family: str, texts: Iterable[str], bold: bool) -> tuple[list, float, float]:
    """The ink boxes (top, bottom, width; y down from the baseline) of the glyphs this family
    draws in the texts, and the family's ascent and descent, at PX."""
    font = family_font(family, bold)
    metrics = QFontMetricsF(font)
    boxes = []
    for text in texts:
        baseline, _width, runs = one_line(text, font)
        for run in runs:
            raw = run.rawFont()
            if raw.familyName() != family:
                continue  # a Latin word in another script's text
            for glyph, pos in zip(run.glyphIndexes(), run.positions(), strict=True):
                box = raw.boundingRect(glyph)
                if box.height() <= 0 or box.width() <= 0:
                    continue
                top = pos.y() - baseline + box.top()
                boxes.append((top, top + box.height(), box.width()))
    return boxes, metrics.ascent(), metrics.descent()


def overhang(family: str, texts: Iterable[str], bold: bool) -> float:
    """How far a word's ink reaches past its own advance, to the left or right, at PX: a line
    starts and ends with a word."""
    font = family_font(family, bold)
    words = {w for text in texts for w in re.split(r"[\s\u200b]+", text) if w}
    # Any label may hold an operator's Latin text (a facility's name): each letter too.
    words |= set(string.ascii_letters + string.digits)
    most = -math.inf
    for word in sorted(words):
        _baseline, width, runs = one_line(word, font)
        for run in runs:
            raw = run.rawFont()
            for glyph, pos in zip(run.glyphIndexes(), run.positions(), strict=True):
                box = raw.boundingRect(glyph).translated(pos)
                if box.width() > 0:
                    most = max(most, -box.left(), box.right() - width)
    return most


def family_font(family: str, bold: bool) -> QFont:
    font = QFont()
    font.setFamilies([family, LATIN])
    font.setPixelSize(PX)
    font.setBold(bold)
    return font


def one_line(text: str, font: QFont) -> tuple[float, float, list[QGlyphRun]]:
    """The text laid out on one line: (its baseline, its width, its glyph runs)."""
    layout = QTextLayout(text.replace("\n", " "), font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e7)
    layout.endLayout()
    return line.y() + line.ascent(), line.naturalTextWidth(), line.glyphRuns()


def body_height(family: str, texts: Iterable[str]) -> float:
    """The height above the baseline of the band where most letters' ink is: the rows that
    hold at least BODY_SHARE of the fullest row's inked pixels, over every text, drawn."""
    font = QFont()
    font.setFamilies([family])
    font.setPixelSize(DRAWN_PX)
    baseline = 2 * DRAWN_PX
    rows = [0] * (3 * DRAWN_PX)
    for text in texts:
        layout = QTextLayout(text, font)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(1e7)
        layout.endLayout()
        width = math.ceil(line.naturalTextWidth()) + DRAWN_PX
        image = QImage(width, len(rows), QImage.Format.Format_Alpha8)
        image.fill(0)
        painter = QPainter(image)
        layout.draw(painter, QPointF(DRAWN_PX / 2, baseline - line.ascent()))
        painter.end()
        data = bytes(image.constBits())
        stride = image.bytesPerLine()
        for y in range(len(rows)):
            row = data[y * stride : y * stride + width]
            rows[y] += width - row.count(0)
    fullest = max(rows)
    top = min(y for y, ink in enumerate(rows) if ink >= BODY_SHARE * fullest)
    return (baseline - top) * PX / DRAWN_PX


def tall_height(boxes: list) -> float:
    """The 95th percentile of the glyphs' tops above the baseline."""
    tops = sorted(-top for top, _bottom, _width in boxes)
    return statistics.quantiles(tops, n=100)[TALL_PERCENTILE - 1]


def own_letters(texts: Iterable[str], family: str) -> list[str]:
    """The texts without placeholders, and, for a script other than Latin, without the Latin
    words in them (names like Securus), so that only this family's letters are measured."""
    out = []
    for text in texts:
        text = re.sub(r"\{[^}]*\}", "", text).replace("\n", " ")
        if family != LATIN:
            text = re.sub(r"[A-Za-z0-9]+", "", text)
        if text.strip():
            out.append(text)
    return out


def measure() -> dict[str, tuple[float, float, float, float]]:
    """family -> (scale, above, below, side)."""
    latin = None
    results = {}
    for family, codes in families().items():
        texts = own_letters([t for code in codes for t in catalog_texts(code)], family)
        size = 0.0
        above = below = side = -math.inf  # how far past the edge; less than 0: short of it
        for bold in (False, True):
            boxes, ascent, descent = glyph_boxes(family, texts, bold)
            if not bold:
                size = math.sqrt(body_height(family, texts) * tall_height(boxes))
            above = max(above, -min(top for top, _b, _w in boxes) - ascent)
            below = max(below, max(bottom for _t, bottom, _w in boxes) - descent)
            side = max(side, overhang(family, texts, bold))
        if family == LATIN:
            latin = size
        rooms = (above / PX, below / PX, side / PX)
        results[family] = (size, *(room + ROUNDING if room > -ROUNDING else 0.0 for room in rooms))
    assert latin is not None
    return {
        family: (max(1.0, round(latin / size, 2)), *(max(0.0, up(x)) for x in rooms))
        for family, (size, *rooms) in results.items()
    }


def up(em: float) -> float:
    """Rounded up to a hundredth of an em."""
    return math.ceil(round(em * 100, 6)) / 100


def render(measured: dict[str, tuple[float, float, float, float]]) -> str:
    lines = [
        '"""How each bundled script font is sized and spaced beside Latin: MADE by',
        "build/measure_scripts.py from the rendered glyphs (do not edit; run it again after the",
        'fonts or catalogs change)."""',
        "",
        "from kiosk.ui.theme import Script",
        "",
        "SCRIPTS = {",
    ]
    for family, (scale, above, below, side) in sorted(measured.items()):
        lines.append(
            f'    "{family}": Script(scale={scale}, above={above}, below={below}, side={side}),'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    create_app(offscreen=True)
    text = render(measure())
    TARGET.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
