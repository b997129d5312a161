"""The kiosk window's chrome: everything around the page.

The step header, the bottom bar, the language and "Still there?" overlays, the idle watch, the
staff's corner gesture and the one input filter. Welcome shows none of them, so the window makes
its chrome just after its first frame, or sooner if something asks for it
(:attr:`kiosk.ui.window.KioskWindow.chrome`). The window wires the chrome's signals to the
visitor's session; this module builds the parts and renders them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.session import TOTAL_STEPS, VisitorSession
from kiosk.core.settings import Settings
from kiosk.ui.admin.gesture import CornerTaps
from kiosk.ui.context import ViewContext
from kiosk.ui.idle import IdleTiming, IdleWatch
from kiosk.ui.input_watch import InputWatch
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.speech.controller import SpeechState
from kiosk.ui.widgets.bottom_bar import BarState, BottomBar
from kiosk.ui.widgets.idle_overlay import IdleOverlay
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.language_overlay import LanguageOverlay
from kiosk.ui.widgets.step_indicator import StepMarkers

if TYPE_CHECKING:
    from kiosk.ui.window import ReadAloudLike

#: The share of the window's height the page keeps at every screen and text size: the step
#: header and the bottom bar share the rest.
PAGE_SHARE = 0.6

#: Sets a part's font and direction for a view (KioskWindow._dress).
Dress = Callable[[QWidget, ViewContext], None]


class Chrome:
    """The window's parts around the page. ``window`` parents the overlays and the watchers;
    the header and the bar are laid out by the window."""

    def __init__(
        self, window: QWidget, timing: IdleTiming | None, settings: Settings, kiosk_mode: bool
    ) -> None:
        self.markers = StepMarkers(TOTAL_STEPS)
        self.step_label = make_label("small")
        self.step_label.setObjectName("StepLabel")
        self.step_label.setWordWrap(False)
        self.header = QWidget()
        self.header.hide()  # shown by the render of a page with a step
        self.header_layout = QHBoxLayout(self.header)
        self.header_layout.addWidget(self.markers)
        self.header_layout.addWidget(self.step_label)
        self.header_layout.addStretch(1)

        self.bar = BottomBar()
        self.bar.hide()
        self.overlay = LanguageOverlay(window)
        self.overlay.hide()
        self.idle = IdleWatch(timing or IdleTiming.from_settings(settings), window)
        self.idle_overlay = IdleOverlay(window)
        self.corner_taps = CornerTaps(window)
        # The window installs it while shown only: a closed window must not keep filtering the
        # application's events.
        self.input_watch = InputWatch(
            self.idle, self.corner_taps, Lockdown(window) if kiosk_mode else None, window
        )
        for overlay in self.overlays():
            overlay.setGeometry(window.rect())

    def overlays(self) -> list[QWidget]:
        return [self.overlay, self.idle_overlay]

    def apply_settings(self, settings: Settings) -> None:
        self.idle.set_timing(IdleTiming.from_settings(settings))

    def render_state(
        self,
        ctx: ViewContext,
        session: VisitorSession,
        speech: ReadAloudLike | None,
        dress: Dress,
        *,
        staff_open: bool = False,
    ) -> None:
        """The idle watch, step header, bottom bar and an open language overlay for the page
        shown. The idle watch runs while a visitor is past Welcome, or the admin screen is open
        (``staff_open``)."""
        self.idle.watch_visitor(session.page != "welcome" or staff_open)
        step = session.step_number
        self.header.setVisible(step is not None)  # Welcome and the language picker: none
        if step is not None:
            dress(self.header, ctx)
            m = ctx.metrics
            self.header_layout.setContentsMargins(m.px(72), m.px(24), m.px(72), m.px(4))
            self.header_layout.setSpacing(m.px(28))
            self.markers.set_step(step)
            self.markers.apply_style(m, ctx.palette)
            label = ctx.t(ctx.pack.ui.step_of, number=step, total=TOTAL_STEPS)
            self.step_label.setText(label)
            self.markers.setAccessibleName(label)
        self.render_bar(ctx, session, speech, dress)
        if self.overlay.isVisible():
            dress(self.overlay, ctx)
            self.overlay.open(ctx)

    def _bar_room(self) -> int:
        """The most of the window's height the bar may take: the page keeps PAGE_SHARE of it,
        under the step header."""
        window = self.bar.window()
        header = 0
        if not self.header.isHidden():
            self.header.ensurePolished()
            header = self.header.sizeHint().height()
        return int(window.height() * (1 - PAGE_SHARE)) - header

    def render_bar(
        self,
        ctx: ViewContext,
        session: VisitorSession,
        speech: ReadAloudLike | None,
        dress: Dress,
    ) -> None:
        self.bar.setVisible(session.page != "welcome")
        if session.page == "welcome":
            return  # hidden: rendered when a visitor starts
        dress(self.bar, ctx)
        self.bar.render_state(
            ctx,
            BarState(
                page=session.page,
                max_height=self._bar_room(),
                can_back=session.can_go_back,
                can_next=session.can_go_next,
                show_tools=session.page not in ("welcome", "language"),
                speech_state=speech.state if speech is not None else SpeechState.IDLE,
                speech_unavailable=speech is None or speech.availability(ctx.tr.code) is not None,
                high_contrast=session.high_contrast,
                text_size=session.text_size,
            ),
        )
