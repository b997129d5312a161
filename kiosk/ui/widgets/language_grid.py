"""Large buttons with each language's own name (never a flag), in the operator's order.

Each name is set in its own script's font at its script's size (kiosk/ui/script_metrics.py),
so that العربية looks as large as English. A name whose ink is still clearly taller or shorter
than the middle one (a name with no descender, a stacked Khmer name) is brought to within
``INK_SPREAD`` of it: every name looks the same size.
"""

from __future__ import annotations

import statistics

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.core.i18n import LANGUAGES
from kiosk.ui.context import ViewContext
from kiosk.ui.fonts import families_for, font_for, script_for
from kiosk.ui.theme import LATIN_SCRIPT
from kiosk.ui.widgets.touch_button import TouchButton

#: How far a name's ink height may be from the middle name's (a share of it).
INK_SPREAD = 0.05


def ink_height(text: str, font: QFont) -> float:
    """The height of the ink of ``text`` on one line in ``font``, from its glyphs' outlines."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e7)
    layout.endLayout()
    top, bottom = float("inf"), float("-inf")
    for run in line.glyphRuns():
        raw = run.rawFont()
        for glyph, pos in zip(run.glyphIndexes(), run.positions(), strict=True):
            box = raw.boundingRect(glyph)
            if not box.isEmpty():
                top = min(top, pos.y() + box.top())
                bottom = max(bottom, pos.y() + box.bottom())
    return max(0.0, bottom - top)


def name_sizes(codes: list[str], base_px: int, bold: bool = False) -> dict[str, int]:
    """Each language's name size: its script's size for ``base_px``, then within INK_SPREAD
    of the middle name's ink height."""
    sizes = {code: round(base_px * script_for(code).scale) for code in codes}
    heights = {}
    for code, px in sizes.items():
        font = font_for(code)
        font.setPixelSize(px)
        font.setBold(bold)
        heights[code] = ink_height(LANGUAGES[code].native_name, font)
    middle = statistics.median(heights.values()) if heights else 0
    for code, height in heights.items():
        if height <= 0:
            continue
        aim = min(max(height, middle * (1 - INK_SPREAD)), middle * (1 + INK_SPREAD))
        sizes[code] = max(1, round(sizes[code] * aim / height))
    return sizes


class LanguageGrid(QWidget):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, TouchButton] = {}
        self._shown: tuple[tuple[str, ...], int] = ((), 0)
        self._sizes: tuple[tuple[str, ...], int, dict[str, int]] = ((), 0, {})

    def render_state(self, ctx: ViewContext, current: str, columns: int) -> None:
        codes = tuple(ctx.settings.offered_languages)
        if self._shown != (codes, columns):
            self._rebuild(codes, columns)
        self._grid.setSpacing(ctx.metrics.px(20))
        # The names' size follows the text size, not the script of the page around them.
        base = ctx.metrics._replace(script=LATIN_SCRIPT).body
        if self._sizes[:2] != (codes, base):
            self._sizes = (codes, base, name_sizes(list(codes), base))
        sizes = self._sizes[2]
        for code, button in self.buttons.items():
            button.set_text(LANGUAGES[code].native_name)
            button.setAccessibleDescription(LANGUAGES[code].english_name)
            # Each name in its own script's font, whatever the view's language.
            button.set_label_px(sizes[code], script_for(code), families_for(code))
            button.apply_style(ctx.metrics, ctx.palette, centered=True)
            button.setChecked(code == current)

    def _rebuild(self, codes: tuple[str, ...], columns: int) -> None:
        for button in self.buttons.values():
            self._grid.removeWidget(button)
            button.hide()  # deleteLater waits for the event loop: never show a stale button
            button.deleteLater()
        self.buttons = {}
        for i, code in enumerate(codes):
            button = TouchButton("secondary", checkable=True)
            button.setObjectName(f"lang-{code}")
            button.clicked.connect(lambda _checked=False, c=code: self.chosen.emit(c))
            self._grid.addWidget(button, i // columns, i % columns)
            self.buttons[code] = button
        self._shown = (codes, columns)
