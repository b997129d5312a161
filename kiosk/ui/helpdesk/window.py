"""The help-desk window: the same page in the volunteer's and the visitor's language, side by side.

It is a normal desktop window (not locked down, it closes like any other). Above the two halves
a row of buttons jumps to any step or to the common questions; each half has its own language,
picked with one tap, and prints or saves the handout in that language. Both halves show one
shared session, so a service tapped on either side is chosen on both.

The controls that are only the volunteer's ("Volunteer", "Visitor", "Questions", "Save PDF")
and the status line are in English, like the rest of the staff tools; everything a visitor
reads comes from the content pack, translated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QVBoxLayout, QWidget

from kiosk.core.content import ContentPack
from kiosk.core.i18n import LANGUAGES, Translators
from kiosk.core.session import STEP_PAGES, VisitorSession
from kiosk.core.settings import Settings
from kiosk.core.storage import StorageError
from kiosk.handout.content import build_handout
from kiosk.handout.render import HandoutDoesNotFit, handout_pdf
from kiosk.handout.save import default_handout_dir, handout_file_name, save_pdf
from kiosk.ui.app import use_window_colour
from kiosk.ui.context import ViewContext
from kiosk.ui.fonts import font_for, script_for
from kiosk.ui.helpdesk.half import LanguageHalf
from kiosk.ui.helpdesk.questions import PAGE_ID as QUESTIONS
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.print_job import HandoutPrinter, PrintStatus
from kiosk.ui.theme import THEMES, Metrics, stylesheet
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.touch_button import TouchButton

#: What the page bar can show: the five steps and the common questions.
VIEWS = (*STEP_PAGES, QUESTIONS)
WINDOW_TITLE = "Visitor kiosk - help desk"
CHROME = Metrics(scale=0.55)  # the volunteer's controls: desktop-sized, targets still 48 px


class HelpDeskWindow(QWidget):
    rendered = Signal(str)  # the view shown, after every render

    def __init__(
        self,
        pack: ContentPack,
        settings: Settings,
        translators: Translators | None = None,
        out_dir: Path | None = None,
        printer: HandoutPrinter | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__()
        self.setObjectName("HelpDeskRoot")
        self.setWindowTitle(WINDOW_TITLE)
        # The volunteer's half stays on the left whatever the desktop's (or Qt's translations')
        # application-wide direction; each half's pages set their own.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.pack, self.settings = pack, settings
        self.translators = translators or Translators()
        self.today = today  # the clock the texts are worded by (the rollout's phase)
        self.out_dir = out_dir or default_handout_dir()
        self.printer = printer or HandoutPrinter(parent=self)
        self.printer.status_changed.connect(self._print_status_changed)
        self._printing_language = ""
        self.session = VisitorSession(pack, settings.default_language)
        self.session.go_to(STEP_PAGES[0])
        self.view = STEP_PAGES[0]
        visitor = next((c for c in settings.offered_languages if c != "en"), "es")
        self.languages = {"volunteer": "en", "visitor": visitor}

        self.page_buttons: dict[str, TouchButton] = {}
        bar = QHBoxLayout()
        self.start_over = TouchButton("secondary", icon="restart.svg")
        self.start_over.setObjectName("HelperStartOver")
        self.start_over.clicked.connect(self._start_over)
        bar.addWidget(self.start_over)
        for view in VIEWS:
            icon = "question.svg" if view == QUESTIONS else None
            button = TouchButton("secondary", icon=icon, checkable=True)
            button.setObjectName(f"view-{view}")
            button.clicked.connect(lambda _c=False, v=view: self.show_view(v))
            bar.addWidget(button)
            self.page_buttons[view] = button
        bar.addStretch(1)

        self.halves = {
            "volunteer": LanguageHalf("volunteer", "Volunteer", self.session),
            "visitor": LanguageHalf("visitor", "Visitor", self.session),
        }
        halves = QHBoxLayout()
        halves.setSpacing(24)
        for role, half in self.halves.items():
            half.language_chosen.connect(lambda code, r=role: self.set_language(r, code))
            half.print_clicked.connect(lambda r=role: self.print_handout(self.languages[r]))
            half.save_clicked.connect(lambda r=role: self.save_handout(self.languages[r]))
            halves.addWidget(half, 1)
        self._link_scrolling()

        self.status = make_label("body")
        self.status.setObjectName("HelperStatus")
        # A volunteer may want to copy the saved file's path.
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(bar)
        layout.addLayout(halves, 1)
        layout.addWidget(self.status)
        use_window_colour(THEMES[self.settings["theme"]])
        self.setStyleSheet(self._chrome_stylesheet())
        self.session.changed.connect(self.render_state)
        self.render_state()

    # -- what the volunteer did -----------------------------------------------------------------
    def show_view(self, view: str) -> None:
        if view not in VIEWS:
            raise ValueError(f"no help-desk view {view!r}")
        self.view = view
        if view in STEP_PAGES:
            self.session.go_to(view)  # re-renders if the page changed
        self.render_state()

    def set_language(self, role: str, code: str) -> None:
        self.languages[role] = code
        self.render_state()

    def _start_over(self) -> None:
        """Clear the last visitor's choices, back to step 1 (languages stay: same volunteer)."""
        self.session.start_over()
        self.show_view(STEP_PAGES[0])
        self.status.clear()

    def print_handout(self, code: str) -> None:
        if self.printer.busy:
            self.status.setText("Still printing the last handout. Please wait.")
            return
        self._printing_language = code
        self.printer.print_handout(self.pack, self.settings, self.translators[code], self.today())

    def save_handout(self, code: str) -> Path | None:
        """Save the handout in ``code`` as a PDF in the handout folder; returns where."""
        handout = build_handout(self.pack, self.settings, self.translators[code], self.today())
        path = self.out_dir / handout_file_name(code, handout.paper_size)
        try:
            save_pdf(path, handout_pdf(handout))
        except (StorageError, HandoutDoesNotFit) as exc:
            self.status.setText(f"Not saved: {exc}")
            return None
        self.status.setText(f"Saved: {path}")
        return path

    def _print_status_changed(self, status: str) -> None:
        name = LANGUAGES[self._printing_language].english_name if self._printing_language else ""
        printer = self.settings["printer"]
        messages = {
            PrintStatus.PRINTING: f"Printing the {name} handout on {printer}...",
            PrintStatus.DONE: f"Printed the {name} handout on {printer}.",
            PrintStatus.FAILED: (
                f"Could not print on {printer}; the job was cancelled. Check the printer, "
                "or save the PDF instead."
            ),
        }
        self.status.setText(messages.get(PrintStatus(status), ""))

    # -- rendering --------------------------------------------------------------------------------
    def context(self, code: str, metrics: Metrics) -> ViewContext:
        return ViewContext(
            pack=self.pack,
            settings=self.settings,
            tr=self.translators[code],
            metrics=metrics,
            palette=THEMES[self.settings["theme"]],
            today=self.today(),
        )

    def half_metrics(self) -> Metrics:
        """Sizes for one half: a kiosk page scaled to half the window's width."""
        half_width = max(1, (self.width() - 56) // 2)
        scale = min(half_width / 1150, self.height() / 1080)
        return Metrics(scale=max(0.5, min(1.0, scale)), text_size=100)

    def render_state(self) -> None:
        metrics = self.half_metrics()
        chrome = self.context(self.languages["volunteer"], CHROME)
        for role, half in self.halves.items():
            code = self.languages[role]
            script = metrics._replace(script=script_for(code))  # each half in its own script
            half.render_state(self.context(code, script), chrome, self.session, self.view)
        volunteer = chrome.tr.code
        self.start_over.set_text(chrome.t(self.pack.ui.start_over))
        self.start_over.apply_style(CHROME, chrome.palette)
        titles = {
            "changes": self.pack.changes.title,
            "account": self.pack.account.title,
            "setup": self.pack.setup.title,
            "unknowns": self.pack.unknowns.title,
            "done": self.pack.done.title,
        }
        for number, (view, button) in enumerate(self.page_buttons.items(), start=1):
            if view == QUESTIONS:
                button.set_text("Questions")
            else:
                button.set_text(f"{number}. {chrome.t(titles[view])}")
                button.setFont(font_for(volunteer))
            button.setChecked(view == self.view)
            button.apply_style(CHROME, chrome.palette)
        self.rendered.emit(self.view)

    def _chrome_stylesheet(self) -> str:
        palette = THEMES[self.settings["theme"]]
        own = f"QWidget#HelpDeskRoot {{ background: {palette.window}; }}"
        return stylesheet(palette, CHROME) + own

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.render_state()

    # -- the two halves scroll together ----------------------------------------------------------
    def _link_scrolling(self) -> None:
        left, right = self.halves["volunteer"], self.halves["visitor"]
        for view in VIEWS:
            a, b = left.pages[view], right.pages[view]
            if isinstance(a, ScrollingPage) and isinstance(b, ScrollingPage):
                bar_a, bar_b = a.scroll_area.verticalScrollBar(), b.scroll_area.verticalScrollBar()
                bar_a.valueChanged.connect(lambda _v, s=bar_a, t=bar_b: _follow(s, t))
                bar_b.valueChanged.connect(lambda _v, s=bar_b, t=bar_a: _follow(s, t))


def _follow(source: QScrollBar, target: QScrollBar) -> None:
    """Scroll ``target`` to the same place, in proportion (the texts differ in length)."""
    if source.maximum() <= 0:
        return
    value = round(source.value() / source.maximum() * target.maximum())
    if abs(target.value() - value) > 1:  # stops the two from echoing each other
        target.setValue(value)
