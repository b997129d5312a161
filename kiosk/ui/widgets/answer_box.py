"""The account answer: the overall outcome, the answer for each chosen service, and why.

Shown on the account page and again on Done. The outcome comes from the session.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.item_list import ItemList
from kiosk.ui.widgets.labels import make_label


class AnswerBox(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AnswerBox")
        self.setProperty("role", "answer")
        self.caption = make_label("small")
        self.headline = make_label("heading")
        self.headline.setObjectName("AnswerHeadline")
        self.answers = ItemList("body")
        self.answers.setObjectName("ServiceAnswers")
        self.details = ItemList("body")
        self.details.setObjectName("AnswerDetails")
        self._layout = QVBoxLayout(self)
        for widget in (self.caption, self.headline, self.answers, self.details):
            self._layout.addWidget(widget)

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
        m, c = ctx.metrics, ctx.pack.account
        outcome = getattr(c.outcomes, session.outcome.value)
        self._layout.setContentsMargins(m.px(28), m.px(22), m.px(28), m.px(26))
        self._layout.setSpacing(m.px(14))
        self.caption.setText(ctx.t(c.your_answer))
        self.headline.setText(ctx.t(outcome.headline))
        per_service = [ctx.t(s.answer) for s in ctx.pack.services if s.key in session.chosen]
        self.answers.set_items(per_service, ctx)
        self.answers.setVisible(bool(per_service))
        self.details.set_items([ctx.t(t) for t in outcome.detail], ctx)
        self.details.setVisible(bool(outcome.detail))
