"""The language picker, right after Welcome. Not a step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.language_grid import LanguageGrid


class LanguagePage(ScrollingPage):
    page_id = "language"
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = make_label("muted")
        self.grid = LanguageGrid()
        self.grid.chosen.connect(self.chosen)
        self.content.addWidget(self.prompt)
        self.content.addWidget(self.grid)
        self.content.addStretch(1)

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
        self.apply_metrics(ctx, session)
        c = ctx.pack.language
        self.title.setText(ctx.t(c.title))
        self.prompt.setText(ctx.t(c.prompt))
        portrait = self.width() < self.height() or ctx.metrics.text_size > 100
        self.grid.render_state(ctx, session.language, columns=2 if portrait else 3)
