"""Step 3: set up your account (S1-S3, F3, F4), later, on the visitor's own phone or computer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.theme import LATIN_SCRIPT
from kiosk.ui.widgets.icons import icon_pixmap
from kiosk.ui.widgets.labels import make_icon_label, make_label
from kiosk.ui.widgets.qr import QrCode
from kiosk.ui.widgets.step_cards import StepCards
from kiosk.ui.widgets.touch_button import TouchButton
from kiosk.ui.widgets.web_address import WebAddress, address_units

#: The address's size (at a 1080-pixel short side and 100% text): larger than body text.
URL_PX = 36
#: Stands for the address while the caption around it is cut out of the sentence.
_ADDRESS = "\x00"


def website_caption(ctx: ViewContext) -> str:
    """ "Website: {website}" without the address, which is shown on its own (see WebAddress):
    what comes before it, and after it if anything does."""
    c = ctx.pack.setup
    sentence = ctx.tr.text(c.website_label, **{**ctx.values(), "website": _ADDRESS})
    before, _, after = sentence.partition(_ADDRESS)
    return " ".join(part.strip() for part in (before, after) if part.strip())


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
        self.website_caption = make_label("subheading")
        self.website_caption.setObjectName("WebsiteCaption")
        self.website = WebAddress()
        self.website.setObjectName("Website")
        self.app = make_label("body")
        self.qr = QrCode()
        self.qr_caption = make_label("body")
        self.qr_caption.setObjectName("QrCaption")
        self.website_card = self._make_website_card()
        self.wait_warning = make_label("body")
        self.help = make_label("body")
        self.help_desk = make_label("body")
        # The website card sits beside the steps on a wide screen and right under "not on this
        # kiosk" on a tall one: either way the QR code is on the first screen, not below the fold.
        self.main = QVBoxLayout()
        self.main.setContentsMargins(0, 0, 0, 0)
        # The title moves into the main column, so that on a wide screen the card starts level
        # with it and the code stays above the bottom bar even at 1366x768.
        self.content.removeWidget(self.title)
        self.main.addWidget(self.title)
        self.main.addWidget(self.intro)
        self.main.addLayout(not_here_row)
        self.main.addWidget(self.have_account)
        self.main.addWidget(self.have_account_note)
        self.main.addWidget(self.steps)
        for widget in (self.wait_warning, self.help, self.help_desk):
            self.main.addWidget(widget)
        self.main.addStretch(1)
        self.columns = QHBoxLayout()
        self.columns.addLayout(self.main, 2)
        self.content.addLayout(self.columns, 1)
        self._side_by_side: bool | None = None
        self._place_website_card(False)
        self._has_account = False

    def _make_website_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("WebsiteCard")
        card.setProperty("role", "card")
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        for label in (self.website_caption, self.website, self.app, self.qr_caption):
            text.addWidget(label)
        text.addStretch(1)
        self.card_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, card)
        self.card_layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        self.card_layout.addLayout(text, 1)
        return card

    def _place_website_card(self, side_by_side: bool) -> None:
        if side_by_side == self._side_by_side:
            return
        self.main.removeWidget(self.website_card)
        self.columns.removeWidget(self.website_card)
        if side_by_side:  # the code on top, the text under it, in a column beside the steps
            self.card_layout.setDirection(QBoxLayout.Direction.TopToBottom)
            self.columns.addWidget(self.website_card, 1, Qt.AlignmentFlag.AlignTop)
        else:  # under "not on this kiosk"
            self.main.insertWidget(3, self.website_card)
        self._side_by_side = side_by_side

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
        self.apply_metrics(ctx, session)
        self.main.setSpacing(self.content.spacing())
        m, c = ctx.metrics, ctx.pack.setup
        self.title.setText(ctx.t(c.title))
        self.intro.setText(ctx.t(c.intro))
        self.not_here_icon.setPixmap(icon_pixmap("info.svg", ctx.palette.primary, m.icon_px(52)))
        self.not_here.setText(ctx.t(c.not_here))
        self.have_account.set_text(ctx.t(c.have_account))
        self.have_account.setChecked(session.has_account)
        self.have_account.apply_style(m, ctx.palette)
        self.have_account_note.setText(ctx.t(c.have_account_note))
        self.have_account_note.setVisible(session.has_account)
        self.steps.render_state(ctx, session)
        if session.has_account != self._has_account:
            self._has_account = session.has_account
            # What the tap changed: the note and the steps left, or the steps again.
            self.reveal(self.have_account_note if session.has_account else self.steps, ctx)
        url = ctx.settings["securus_url"]
        self.website_caption.setText(website_caption(ctx))
        rtl = ctx.tr.language.is_rtl
        # The address is Latin: its sizes are Latin's, not those of the page's script.
        latin = m._replace(script=LATIN_SCRIPT)
        self.website.set_address(url, latin.font_px(URL_PX), latin.body, rtl)
        self.app.setText(ctx.t(c.app_label))
        # Beside the steps only where there is room for both (not in a help-desk half), and
        # where the address's host fits the narrower column at its full size.
        latin_url = self.website.font_at(latin.font_px(URL_PX))
        host_width = QFontMetricsF(latin_url).horizontalAdvance(address_units(url)[0])
        page = self.width() - 2 * self.content.contentsMargins().left()
        column = (page - m.px(32)) / 3 - 2 * m.px(28) - 2 * m.px(2)
        wide = self.width() > self.height() and self.width() / m.scale >= 1500
        self._place_website_card(wide and m.text_size <= 150 and host_width < column)
        self.card_layout.setContentsMargins(m.px(28), m.px(24), m.px(28), m.px(28))
        self.card_layout.setSpacing(m.px(24))
        self.columns.setSpacing(m.px(32))
        self.qr.set_code(url, m.px(320))
        # Under the steps, the text goes beside the code (left, or right in RTL) where the
        # address's host fits beside it at its full size; otherwise under the code.
        beside = self.width() - 2 * self.content.contentsMargins().left() - m.px(56)
        beside -= self.qr.sizeHint().width() + m.px(24)
        fits = host_width < beside
        self.card_layout.setDirection(
            QBoxLayout.Direction.LeftToRight
            if fits and not self._side_by_side
            else QBoxLayout.Direction.TopToBottom
        )
        self.qr_caption.setText(ctx.t(c.qr_caption))
        self.qr.setAccessibleName(f"{self.qr_caption.text()} {ctx.settings['securus_url']}")
        self.wait_warning.setText(ctx.t(c.wait_warning))
        self.help.setText(ctx.t(c.help))
        desk = ctx.settings["help_desk_location"]
        self.help_desk.setText(ctx.t(c.help_desk_at) if desk else "")
        self.help_desk.setVisible(bool(desk))
