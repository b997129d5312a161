"""The language chooser over any page: pick another language and stay where you are.

It is drawn inside the kiosk's window (never a new top-level window).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.language_grid import LanguageGrid
from kiosk.ui.widgets.scroll_area import ScrollArea, ScrollBody
from kiosk.ui.widgets.touch_button import TouchButton


class LanguageOverlay(QFrame):
    chosen = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("LanguageOverlay")
        self.covered = parent  # the window it covers when open
        self.setAutoFillBackground(True)
        self.title = make_label("heading")
        self.grid = LanguageGrid()
        self.grid.chosen.connect(self.chosen)
        self.close_button = TouchButton("secondary", icon="arrow-back.svg")
        self.close_button.setObjectName("OverlayBack")
        self.close_button.clicked.connect(self.hide)
        # The names scroll where they do not all fit (large text on a small screen); Back
        # stays at the bottom, where the bar's Back was.
        self.scroll_area = ScrollArea(self)
        body = ScrollBody()
        names = QVBoxLayout(body)
        names.addWidget(self.title)
        names.addWidget(self.grid)
        names.addStretch(1)
        self._names = names
        self.scroll_area.setWidget(body)
        self._close_row = QHBoxLayout()
        self._close_row.addWidget(self.close_button)
        self._close_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(self._close_row)
        self._layout = layout

    def open(self, ctx: ViewContext) -> None:
        m = ctx.metrics
        self._layout.setContentsMargins(0, m.px(48), 0, m.px(32))
        self._layout.setSpacing(m.px(20))
        self._names.setContentsMargins(m.px(72), 0, m.px(72), 0)
        self._names.setSpacing(m.px(28))
        self._close_row.setContentsMargins(m.px(72), 0, m.px(72), 0)
        self.scroll_area.set_indicator_width(m.px(20))
        self.title.setText(ctx.t(ctx.pack.language.title))
        parent = self.covered
        portrait = parent.width() < parent.height() or m.text_size > 100
        self.grid.render_state(ctx, ctx.tr.code, columns=2 if portrait else 3)
        self.close_button.set_text(ctx.t(ctx.pack.ui.back))
        self.close_button.mirror_icon = ctx.tr.language.is_rtl
        self.close_button.apply_style(m, ctx.palette)
        self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        current = self.grid.buttons.get(ctx.tr.code)
        if current is not None:  # the visitor's language in view, where the names scroll
            self.scroll_area.reveal(current, reduce_motion=True)
