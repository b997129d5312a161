"""The language chooser over any page: pick another language and stay where you are.

It is drawn inside the kiosk's window (never a new top-level window).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.language_grid import LanguageGrid
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.grid)
        layout.addStretch(1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignLeading)
        self._layout = layout

    def open(self, ctx: ViewContext) -> None:
        m = ctx.metrics
        self._layout.setContentsMargins(m.px(72), m.px(48), m.px(72), m.px(32))
        self._layout.setSpacing(m.px(28))
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
