"""The fixed bar at the bottom of every step: Back, Language, Start over, Continue.

It never covers content: pages sit above it in the window's layout and scroll on their own.
Later controls (text size, read aloud) are added to ``tools``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.touch_button import TouchButton


class BottomBar(QFrame):
    back_clicked = Signal()
    next_clicked = Signal()
    start_over_clicked = Signal()
    language_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BottomBar")
        self.back = TouchButton("secondary", icon="arrow-back.svg")
        self.language = TouchButton("secondary", icon="language.svg")
        self.start_over = TouchButton("secondary", icon="restart.svg")
        self.next = TouchButton("primary", icon="arrow-next.svg")
        self.back.setObjectName("BackButton")
        self.next.setObjectName("ContinueButton")
        self.start_over.setObjectName("StartOverButton")
        self.language.setObjectName("LanguageButton")
        self.tools = QHBoxLayout()
        layout = QHBoxLayout(self)
        layout.addWidget(self.back)
        layout.addWidget(self.language)
        layout.addLayout(self.tools)
        layout.addStretch(1)
        layout.addWidget(self.start_over)
        layout.addWidget(self.next)
        self._layout = layout
        self.back.clicked.connect(self.back_clicked)
        self.next.clicked.connect(self.next_clicked)
        self.start_over.clicked.connect(self.start_over_clicked)
        self.language.clicked.connect(self.language_clicked)

    def render(self, ctx: ViewContext, can_back: bool, can_next: bool, show_language: bool) -> None:
        ui = ctx.pack.ui
        m = ctx.metrics
        rtl = ctx.tr.language.is_rtl
        self._layout.setContentsMargins(m.px(32), m.px(16), m.px(32), m.px(16))
        self._layout.setSpacing(m.px(20))
        for button, text in (
            (self.back, ui.back),
            (self.next, ui.continue_),
            (self.start_over, ui.start_over),
            (self.language, ui.language),
        ):
            button.mirror_icon = rtl and button in (self.back, self.next)
            button.set_text(ctx.t(text))
            button.apply_style(m, ctx.palette)
        self.back.setVisible(can_back)
        self.next.setVisible(can_next)
        self.language.setVisible(show_language)
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
