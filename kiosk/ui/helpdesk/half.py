"""One half of the help-desk view: a language picker, the handout buttons, and the pages.

The pages are the kiosk's own page classes, one copy per half, all showing the one shared
session. Direction and fonts are set on this half's pages only, so an Arabic half mirrors
while the English half beside it does not. The picker and buttons above are the volunteer's
controls and keep the window's direction.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.i18n import LANGUAGES
from kiosk.core.session import VisitorSession
from kiosk.core.settings import ALL_LANGUAGES
from kiosk.ui.context import ViewContext
from kiosk.ui.fonts import font_for
from kiosk.ui.helpdesk.questions import QuestionsPage
from kiosk.ui.pages.account import AccountPage
from kiosk.ui.pages.base import Page, ScrollingPage
from kiosk.ui.pages.changes import ChangesPage
from kiosk.ui.pages.done import DonePage
from kiosk.ui.pages.setup import SetupPage
from kiosk.ui.pages.unknowns import UnknownsPage
from kiosk.ui.theme import stylesheet
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.touch_button import TouchButton

PICKER_COLUMNS = 7  # thirteen languages in two rows


class LanguageHalf(QWidget):
    language_chosen = Signal(str)
    print_clicked = Signal()
    save_clicked = Signal()

    def __init__(self, role: str, caption: str, session: VisitorSession) -> None:
        super().__init__()
        self.role = role  # "volunteer" or "visitor": names the controls for tests and readers
        self.setObjectName(f"{role}-half")
        self.caption = make_label("subheading")
        self.caption.setText(caption)
        self.language_buttons: dict[str, TouchButton] = {}
        picker = QGridLayout()
        picker.setSpacing(6)
        for i, code in enumerate(ALL_LANGUAGES):
            button = TouchButton("secondary", checkable=True)
            button.setObjectName(f"{role}-lang-{code}")
            button.set_text(LANGUAGES[code].native_name)
            button.setAccessibleDescription(f"{caption}: {LANGUAGES[code].english_name}")
            button.setFont(font_for(code))  # each name in its own script
            button.clicked.connect(lambda _c=False, c=code: self.language_chosen.emit(c))
            picker.addWidget(button, i // PICKER_COLUMNS, i % PICKER_COLUMNS)
            self.language_buttons[code] = button
        self.print_button = TouchButton("secondary")
        self.print_button.setObjectName(f"{role}-print")
        self.print_button.clicked.connect(self.print_clicked)
        self.save_button = TouchButton("secondary")
        self.save_button.setObjectName(f"{role}-save")
        self.save_button.set_text("Save PDF")
        self.save_button.clicked.connect(self.save_clicked)
        header = QHBoxLayout()
        header.addWidget(self.caption, 1)
        header.addWidget(self.print_button)
        header.addWidget(self.save_button)

        self.pages: dict[str, Page] = {}
        self.stack = QStackedWidget()
        self.stack.setObjectName(f"{role}-pages")
        for page in (
            ChangesPage(),
            AccountPage(session),
            SetupPage(session),
            UnknownsPage(),
            DonePage(session),
            QuestionsPage(session),
        ):
            self.pages[page.page_id] = page
            self.stack.addWidget(page)
        done = self.pages["done"]
        assert isinstance(done, DonePage)
        done.allow_print = False  # this view prints from its own buttons, in either language

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(picker)
        layout.addWidget(self.stack, 1)
        self._style_key: tuple[object, ...] = ()
        self.code = ""

    def render_state(
        self, ctx: ViewContext, chrome: ViewContext, session: VisitorSession, view: str
    ) -> None:
        """Show ``view`` in ``ctx``'s language; the controls above use ``chrome``'s sizes."""
        self.code = ctx.tr.code
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.code)
            button.apply_style(chrome.metrics, chrome.palette, centered=True)
        native = LANGUAGES[self.code].native_name
        # "Print these steps" is translated; the half's language is named so it is clear
        # which language comes out.
        self.print_button.set_text(f"{ctx.t(ctx.pack.done.print)} ({native})")
        self.print_button.setFont(font_for(self.code))
        self.print_button.setVisible(bool(ctx.settings["printer"]))
        self.save_button.setAccessibleName(f"Save PDF ({LANGUAGES[self.code].english_name})")
        for button in (self.print_button, self.save_button):
            button.apply_style(chrome.metrics, chrome.palette)

        direction = (
            Qt.LayoutDirection.RightToLeft
            if ctx.tr.language.is_rtl
            else Qt.LayoutDirection.LeftToRight
        )
        self.stack.setLayoutDirection(direction)
        style_key = (ctx.metrics, ctx.palette.name, self.code)
        if style_key != self._style_key:
            font = font_for(self.code)
            font.setPixelSize(ctx.metrics.body)
            self.stack.setFont(font)
            self.stack.setStyleSheet(stylesheet(ctx.palette, ctx.metrics))
            self._style_key = style_key
        page = self.pages[view]
        previous = self.stack.currentWidget()
        page.render_state(ctx, session)
        if page is not previous and isinstance(page, ScrollingPage):
            page.reset_scroll()
        self.stack.setCurrentWidget(page)

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page
