"""Step 4: what we do not know yet (U1-U3) and who to ask (A1), naming the facility."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.widgets.item_list import ItemList
from kiosk.ui.widgets.labels import make_label


class UnknownsPage(ScrollingPage):
    page_id = "unknowns"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = make_label("subheading")
        self.items = ItemList("body")
        self.items.setObjectName("UnknownItems")
        self.ask_box = QFrame()
        self.ask_box.setProperty("role", "answer")
        self.ask_title = make_label("subheading")
        self.ask = ItemList("body")
        self.ask.setObjectName("AskList")
        self.this_facility = make_label("body")
        box = QVBoxLayout(self.ask_box)
        box.addWidget(self.ask_title)
        box.addWidget(self.ask)
        box.addWidget(self.this_facility)
        self._box = box
        self.content.addWidget(self.intro)
        self.content.addWidget(self.items)
        self.content.addWidget(self.ask_box)
        self.content.addStretch(1)

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
        self.apply_metrics(ctx, session)
        m, c = ctx.metrics, ctx.pack.unknowns
        self._box.setContentsMargins(m.px(28), m.px(22), m.px(28), m.px(26))
        self._box.setSpacing(m.px(14))
        self.title.setText(ctx.t(c.title))
        self.intro.setText(ctx.t(c.intro))
        self.items.set_items([ctx.t(t) for t in c.items], ctx)
        self.ask_title.setText(ctx.t(c.ask_title))
        self.ask.set_items([ctx.t(t) for t in c.ask], ctx)
        facility = ctx.settings["facility_name"]
        self.this_facility.setText(ctx.t(c.this_facility) if facility else "")
        self.this_facility.setVisible(bool(facility))
