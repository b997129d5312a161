"""The account answer: the overall outcome, the answer for each chosen service, and why.

Shown on the account page and again on Done. The outcome comes from the session. A service
whose own start date at this facility is ahead has its "starts at this facility on" line after
its answer (with "I'm not sure", every such service's line, after the answer's details).
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
        dates = ctx.starts_on_lines()
        per_service: list[str] = []
        for service in ctx.pack.services:
            if service.key in session.chosen:
                per_service.append(ctx.t(service.answer))
                if service.key in dates:
                    per_service.append(dates[service.key])
        self.answers.set_items(per_service, ctx)
        self.answers.setVisible(bool(per_service))
        details = [ctx.t(t) for t in outcome.detail]
        if session.not_sure:  # the answer covers every service: so do the dates
            details += dates.values()
        self.details.set_items(details, ctx)
        self.details.setVisible(bool(details))
