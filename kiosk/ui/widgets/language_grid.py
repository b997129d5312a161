"""Large buttons with each language's own name (never a flag), in the operator's order."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.core.i18n import LANGUAGES
from kiosk.ui.context import ViewContext
from kiosk.ui.fonts import font_for
from kiosk.ui.widgets.touch_button import TouchButton


class LanguageGrid(QWidget):
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, TouchButton] = {}
        self._shown: tuple[tuple[str, ...], int] = ((), 0)

    def render_state(self, ctx: ViewContext, current: str, columns: int) -> None:
        codes = tuple(ctx.settings.offered_languages)
        if self._shown != (codes, columns):
            self._rebuild(codes, columns)
        self._grid.setSpacing(ctx.metrics.px(20))
        for code, button in self.buttons.items():
            button.set_text(LANGUAGES[code].native_name)
            button.setAccessibleDescription(LANGUAGES[code].english_name)
            # Each name in its own script's font, whatever the view's language.
            font = QFont(font_for(code))
            button.setFont(font)
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
