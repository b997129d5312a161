"""The questions visitors ask at the desk, each answered from the facts (pack.helper.questions).

It is a page like the kiosk's own, so each half of the help-desk view shows it in its language.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.widgets.labels import make_label

PAGE_ID = "questions"


class QuestionCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.question = make_label("subheading")
        self.answer = make_label("body")
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.question)
        self.layout_.addWidget(self.answer)


class QuestionsPage(ScrollingPage):
    page_id = PAGE_ID

    def __init__(self, session: VisitorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # No title of its own (none is translated yet): the questions speak for themselves.
        self.title.hide()
        self.cards: dict[str, QuestionCard] = {}
        for question in session.pack.helper.questions:
            card = QuestionCard()
            card.setObjectName(f"question-{question.key}")
            self.cards[question.key] = card
            self.content.addWidget(card)
        self.content.addStretch(1)

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
        self.apply_metrics(ctx, session)
        m = ctx.metrics
        for question in ctx.pack.helper.questions:
            card = self.cards[question.key]
            card.layout_.setContentsMargins(m.px(24), m.px(18), m.px(24), m.px(20))
            card.layout_.setSpacing(m.px(10))
            card.question.setText(ctx.t(question.question))
            card.answer.setText(ctx.t(question.answer))
