"""Step 5: what the visitor chose, what to do next, and Start over.

With a `printer` set, "Print these steps" prints the handout in the visitor's language, with
no dialog; a short message says it is printing or that it could not be printed.
"""

from __future__ import annotations

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QWidget

from kiosk.core.session import VisitorSession
from kiosk.ui.context import ViewContext
from kiosk.ui.pages.base import ScrollingPage
from kiosk.ui.print_job import HandoutPrinter, PrintStatus
from kiosk.ui.widgets.answer_box import AnswerBox
from kiosk.ui.widgets.item_list import ItemList
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.step_cards import StepCards
from kiosk.ui.widgets.touch_button import TouchButton


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
        self.print_button = TouchButton("secondary")
        self.print_button.setObjectName("PrintButton")
        self.print_button.clicked.connect(self._print)
        self.print_status = make_label("subheading")
        self.print_status.setObjectName("PrintStatus")
        self.print_status.hide()
        self.ask = make_label("body")
        self.privacy = make_label("muted")
        self.thanks = make_label("muted")
        for widget in (
            self.chosen_title, self.chosen, self.answer_box, self.next_title, self.next_steps,
        ):  # fmt: skip
            self.content.addWidget(widget)
        self.content.addWidget(self.print_button)  # the page's width: its label wraps within
        for widget in (self.print_status, self.ask, self.privacy, self.thanks):
            self.content.addWidget(widget)
        self.content.addStretch(1)
        self.allow_print = True  # the help-desk view has print buttons of its own
        self.printer: HandoutPrinter | None = None  # made on first use; tests put a fake in
        self._ctx: ViewContext | None = None
        self._print_status = PrintStatus.IDLE
        self._listening_to: HandoutPrinter | None = None
        self._awaiting = False  # this visitor asked for a page; news of older jobs is not theirs

    def render_state(self, ctx: ViewContext, session: VisitorSession) -> None:
        self.apply_metrics(ctx, session)
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
        self.answer_box.render_state(ctx, session)
        self.next_title.setText(ctx.t(c.next_title))
        self.next_steps.render_state(ctx, session)
        self._ctx = ctx
        self.print_button.set_text(ctx.t(c.print))
        self.print_button.apply_style(ctx.metrics, ctx.palette)
        self.print_button.setVisible(self.allow_print and bool(ctx.settings["printer"]))
        self.print_button.setEnabled(not self._printer_busy())
        self._show_print_status()
        self.ask.setText(ctx.t(c.ask))
        self.privacy.setText(ctx.t(c.privacy))
        self.thanks.setText(ctx.t(c.thanks))

    # -- printing --------------------------------------------------------------------------------
    def _print(self) -> None:
        ctx = self._ctx
        if ctx is None:
            return
        if self.printer is None:
            self.printer = HandoutPrinter(parent=self)
        if self._listening_to is not self.printer:
            self.printer.status_changed.connect(self._print_status_changed)
            self._listening_to = self.printer
        self.print_button.setEnabled(False)  # one page per tap, not one per impatient tap
        self._awaiting = True
        self.printer.print_handout(ctx.pack, ctx.settings, ctx.tr, ctx.today)

    def _printer_busy(self) -> bool:
        return self.printer is not None and self.printer.busy

    def _print_status_changed(self, status: str) -> None:
        self.print_button.setEnabled(not self._printer_busy())
        if self._awaiting:
            self._print_status = PrintStatus(status)
            self._show_print_status()

    def _show_print_status(self) -> None:
        status, ctx = self._print_status, self._ctx
        if ctx is None or status is PrintStatus.IDLE:
            self.print_status.hide()
            return
        c = ctx.pack.done
        failed = status is PrintStatus.FAILED
        self.print_status.setText(ctx.t(c.print_failed if failed else c.printing))
        self.print_status.show()
        self.reveal(self.print_status, ctx)  # what the print button did

    def hideEvent(self, event: QHideEvent) -> None:
        # The next visitor must not see the last one's print message. A job still printing
        # carries on (or is cancelled) by itself.
        self._awaiting = False
        self._print_status = PrintStatus.IDLE
        self.print_status.hide()
        self.print_button.setEnabled(not self._printer_busy())
        super().hideEvent(event)
