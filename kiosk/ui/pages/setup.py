"""Step 3: set up your account (S1-S3, F3, F4), later, on the visitor's own phone or computer."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.widgets.icons import icon_pixmap
from kiosk.ui.widgets.labels import make_icon_label, make_label
from kiosk.ui.widgets.step_cards import StepCards
from kiosk.ui.widgets.touch_button import TouchButton


class SetupPage(ScrollingPage):
    page_id = "setup"

    def __init__(self, session: VisitorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = make_label("body")
        self.not_here_icon = make_icon_label()
        self.not_here = make_label("subheading")
        self.not_here.setObjectName("NotOnKiosk")
        not_here_row = QHBoxLayout()
        not_here_row.addWidget(self.not_here_icon)
        not_here_row.addWidget(self.not_here, 1)
        self.have_account = TouchButton("choice", icon="check.svg", checkable=True)
        self.have_account.setObjectName("HaveAccountButton")
        self.have_account.clicked.connect(
            lambda _c=False: session.set_has_account(not session.has_account)
        )
        self.have_account_note = make_label("body")
        self.steps = StepCards(session)
        self.website = make_label("url")
        self.website.setObjectName("Website")
        self.app = make_label("body")
        self.wait_warning = make_label("body")
        self.help = make_label("body")
        self.help_desk = make_label("body")
        self.content.addWidget(self.intro)
        self.content.addLayout(not_here_row)
        self.content.addWidget(self.have_account)
        self.content.addWidget(self.have_account_note)
        self.content.addWidget(self.steps)
        for widget in (self.website, self.app, self.wait_warning, self.help, self.help_desk):
            self.content.addWidget(widget)
        self.content.addStretch(1)

    def render(self, ctx: ViewContext, session: VisitorSession) -> None:
        self.apply_metrics(ctx)
        m, c = ctx.metrics, ctx.pack.setup
        self.title.setText(ctx.t(c.title))
        self.intro.setText(ctx.t(c.intro))
        self.not_here_icon.setPixmap(icon_pixmap("info.svg", ctx.palette.primary, m.font_px(52)))
        self.not_here.setText(ctx.t(c.not_here))
        self.have_account.set_text(ctx.t(c.have_account))
        self.have_account.setChecked(session.has_account)
        self.have_account.apply_style(m, ctx.palette)
        self.have_account_note.setText(ctx.t(c.have_account_note))
        self.have_account_note.setVisible(session.has_account)
        self.steps.render(ctx, session)
        self.website.setText(ctx.t(c.website_label))
        self.app.setText(ctx.t(c.app_label))
        self.wait_warning.setText(ctx.t(c.wait_warning))
        self.help.setText(ctx.t(c.help))
        desk = ctx.settings["help_desk_location"]
        self.help_desk.setText(ctx.t(c.help_desk_at) if desk else "")
        self.help_desk.setVisible(bool(desk))
