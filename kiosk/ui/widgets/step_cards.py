"""The numbered setup steps (S1-S3) as cards; those the visitor has done already are hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSpacerItem, QVBoxLayout, QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.item_list import FirstBaselines, top_column
from kiosk.ui.widgets.labels import make_label


class StepCard(QFrame):
    """One numbered setup step: a large number, a title and a sentence; the number on the
    baseline of the title's first line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.number = make_label("title")
        self.number.setWordWrap(False)
        self.number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.title = make_label("subheading")
        self.title.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.text = make_label("body")
        number_drop, title_drop = QSpacerItem(0, 0), QSpacerItem(0, 0)
        self.layout_ = QHBoxLayout(self)
        self.layout_.addLayout(top_column(number_drop, self.number))
        self.layout_.addLayout(top_column(title_drop, self.title, self.text), 1)
        self.baselines = FirstBaselines(
            self.number, number_drop, self.title, title_drop, self.layout_
        )


class StepCards(QWidget):
    def __init__(self, session: VisitorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[str, StepCard] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        for step in session.pack.setup.steps:
            card = StepCard()
            card.setObjectName(f"step-{step.key}")
            self.cards[step.key] = card
            self._layout.addWidget(card)

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
        m = ctx.metrics
        self._layout.setSpacing(m.px(18))
        remaining = session.remaining_steps()
        for number, step in enumerate(ctx.pack.setup.steps, start=1):
            card = self.cards[step.key]
            card.setVisible(step.key in remaining)
            card.layout_.setContentsMargins(m.px(24), m.px(20), m.px(28), m.px(22))
            card.layout_.setSpacing(m.px(24))
            card.number.setText(str(number))
            card.number.setMinimumWidth(m.font_px(56))
            card.title.setText(ctx.t(step.title))
            card.text.setText(ctx.t(step.text))
            card.baselines.align()

    def visible_titles(self) -> list[str]:
        return [c.title.text() for c in self.cards.values() if not c.isHidden()]
