"""Step 5: what the visitor chose, what to do next, and Start over."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.widgets.answer_box import AnswerBox
from kiosk.ui.widgets.item_list import ItemList
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.step_cards import StepCards


class DonePage(ScrollingPage):
    page_id = "done"

    def __init__(self, session: VisitorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen_title = make_label("subheading")
        self.chosen = ItemList("body")
        self.chosen.setObjectName("ChosenList")
        self.answer_box = AnswerBox()
        self.next_title = make_label("subheading")
        self.next_steps = StepCards(session)
        self.next_steps.setObjectName("NextSteps")
        self.ask = make_label("body")
        self.privacy = make_label("muted")
        self.thanks = make_label("muted")
        for widget in (
            self.chosen_title, self.chosen, self.answer_box, self.next_title, self.next_steps,
            self.ask, self.privacy, self.thanks,
        ):  # fmt: skip
            self.content.addWidget(widget)
        self.content.addStretch(1)

    def render(self, ctx: ViewContext, session: VisitorSession) -> None:
        self.apply_metrics(ctx)
        c, pack = ctx.pack.done, ctx.pack
        self.title.setText(ctx.t(c.title))
        self.chosen_title.setText(ctx.t(c.chosen_title))
        if session.not_sure:
            chosen = [ctx.t(c.not_sure_chosen)]
        elif session.chosen:
            chosen = [ctx.t(s.name) for s in pack.services if s.key in session.chosen]
        else:
            chosen = [ctx.t(c.nothing_chosen)]
        self.chosen.set_items(chosen, ctx)
        # With nothing chosen there is no answer to repeat; the steps below still apply.
        self.answer_box.setVisible(session.outcome.value != "none")
        self.answer_box.render(ctx, session)
        self.next_title.setText(ctx.t(c.next_title))
        self.next_steps.render(ctx, session)
        self.ask.setText(ctx.t(c.ask))
        self.privacy.setText(ctx.t(c.privacy))
        self.thanks.setText(ctx.t(c.thanks))
