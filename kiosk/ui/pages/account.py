"""Step 2: which services need an account (F5, F6, F7). The visitor taps what they want.

The answers come from the session (derived from the content's rules); this view only shows them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.widgets.answer_box import AnswerBox
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.touch_button import TouchButton


class AccountPage(ScrollingPage):
    page_id = "account"

    def __init__(self, session: VisitorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = make_label("body")
        self.choices: dict[str, TouchButton] = {}
        grid = QGridLayout()
        for service in session.pack.services:
            button = TouchButton("choice", icon=service.icon, checkable=True)
            button.setObjectName(f"choice-{service.key}")
            button.clicked.connect(lambda _c=False, k=service.key: session.toggle_service(k))
            self.choices[service.key] = button
        self.not_sure = TouchButton("choice", icon="question.svg", checkable=True)
        self.not_sure.setObjectName("choice-not-sure")
        self.not_sure.clicked.connect(lambda _c=False: session.toggle_not_sure())
        self.choice_grid = grid
        self._columns = 0
        self._answered: tuple[frozenset[str], bool] = (frozenset(), False)
        self.answer_box = AnswerBox()
        self.content.addWidget(self.prompt)
        self.content.addLayout(grid)
        self.content.addWidget(self.answer_box)
        self.content.addStretch(1)

    def _place_choices(self, columns: int) -> None:
        buttons = [*self.choices.values(), self.not_sure]
        for i, button in enumerate(buttons):
            self.choice_grid.addWidget(button, i // columns, i % columns)
        for column in range(2):
            self.choice_grid.setColumnStretch(column, 1 if column < columns else 0)
        self._columns = columns

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
        self.apply_metrics(ctx, session)
        m, c = ctx.metrics, ctx.pack.account
        self.choice_grid.setSpacing(m.px(20))
        self.title.setText(ctx.t(c.title))
        self.prompt.setText(ctx.t(c.prompt))
        for key, button in self.choices.items():
            button.set_text(ctx.t(ctx.pack.service(key).name))
            button.setChecked(key in session.chosen)
            button.apply_style(m, ctx.palette)
        self.not_sure.set_text(ctx.t(c.not_sure))
        self.not_sure.setChecked(session.not_sure)
        self.not_sure.apply_style(m, ctx.palette)
        # Two columns where every button's longest word fits half the page (a choice never
        # shrinks below its longest word: a long Spanish or Armenian word takes a row).
        margins = self.content.contentsMargins()
        half = (self.width() - margins.left() - margins.right() - m.px(20)) // 2
        buttons = [*self.choices.values(), self.not_sure]
        columns = 2 if m.text_size <= 150 and all(b.widths()[1] <= half for b in buttons) else 1
        if columns != self._columns:
            self._place_choices(columns)

        self.answer_box.render_state(ctx, session)
        answered = (session.chosen, session.not_sure)
        if answered != self._answered:
            self._answered = answered
            self.reveal(self.answer_box, ctx)  # the answer to what was tapped, in view
