"""The fixed bar at the bottom of every step, within a seated visitor's reach.

Navigation (Back, Start over, Continue) and the visitor's tools (Language, Text size, High
contrast, Read aloud with Pause, Repeat and Volume). When they all fit they share one row;
otherwise the tools get a row of their own above the navigation, and long labels wrap. The bar
never covers content: pages sit above it in the window's layout and scroll on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.speech.controller import SpeechState
from kiosk.ui.theme import Metrics
from kiosk.ui.widgets.flow_layout import FlowLayout
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.touch_button import TouchButton

BAR_MAX_TEXT_SIZE = 125  # the bar's labels grow with the text size, but not past 125%,
# so that at 200% on a small screen the page above keeps most of the height


@dataclass(frozen=True)
class BarState:
    can_back: bool
    can_next: bool
    show_tools: bool  # not on the language picker, which is itself the language tool
    speech_state: SpeechState = SpeechState.IDLE
    speech_unavailable: bool = False  # no engine or no voice for this language
    high_contrast: bool = False
    text_size: int = 100


class BottomBar(QFrame):
    back_clicked = Signal()
    next_clicked = Signal()
    start_over_clicked = Signal()
    language_clicked = Signal()
    text_size_clicked = Signal()
    contrast_clicked = Signal()
    read_clicked = Signal()
    repeat_clicked = Signal()
    volume_down_clicked = Signal()
    volume_up_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BottomBar")

        def button(name: str, icon: str, role: str = "secondary", checkable: bool = False):
            b = TouchButton(role, icon=icon, checkable=checkable)
            b.setObjectName(name)
            return b

        self.back = button("BackButton", "arrow-back.svg")
        self.next = button("ContinueButton", "arrow-next.svg", "primary")
        # Continue never shrinks below its label; Back and Start over wrap theirs instead.
        self.next.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.start_over = button("StartOverButton", "restart.svg")
        self.language = button("LanguageButton", "language.svg")
        self.text_size = button("TextSizeButton", "text-size.svg")
        self.contrast = button("ContrastButton", "contrast.svg", checkable=True)
        self.read = button("ReadAloudButton", "speaker.svg", checkable=True)
        self.repeat = button("RepeatButton", "repeat.svg")
        self.volume_down = button("VolumeDownButton", "volume-down.svg")
        self.volume_up = button("VolumeUpButton", "volume-up.svg")
        self.no_voice = make_label("small")
        self.no_voice.setObjectName("NoVoiceReason")
        for b, signal in (
            (self.back, self.back_clicked),
            (self.next, self.next_clicked),
            (self.start_over, self.start_over_clicked),
            (self.language, self.language_clicked),
            (self.text_size, self.text_size_clicked),
            (self.contrast, self.contrast_clicked),
            (self.read, self.read_clicked),
            (self.repeat, self.repeat_clicked),
            (self.volume_down, self.volume_down_clicked),
            (self.volume_up, self.volume_up_clicked),
        ):
            b.clicked.connect(signal)
        self.tools = [
            self.language, self.text_size, self.contrast, self.read, self.repeat,
            self.volume_down, self.volume_up,
        ]  # fmt: skip
        # The tools live in one box for good: in the navigation row when everything fits on one
        # line, in rows of their own above it when not. Moving the tools themselves between
        # layouts reparented them, and re-showing a reparented widget restyles it, which made a
        # language switch that flipped the arrangement slower.
        self.tools_box = QWidget(self)
        self.tools_row = FlowLayout(self.tools_box)
        self.tools_row.setContentsMargins(0, 0, 0, 0)
        for tool in self.tools:
            self.tools_row.addWidget(tool)
        self.nav_row = QHBoxLayout()
        self.nav_row.addWidget(self.back)
        self.nav_row.addStretch(1)
        self.nav_row.addWidget(self.start_over)
        self.nav_row.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tools_box)
        layout.addWidget(self.no_voice)
        layout.addLayout(self.nav_row)
        self._layout = layout
        self.two_rows: bool | None = None

    def render_state(self, ctx: ViewContext, state: BarState) -> None:
        ui = ctx.pack.ui
        m = Metrics(ctx.metrics.scale, min(ctx.metrics.text_size, BAR_MAX_TEXT_SIZE))
        rtl = ctx.tr.language.is_rtl
        self._layout.setContentsMargins(m.px(28), m.px(14), m.px(28), m.px(14))
        for row in (self._layout, self.nav_row):
            row.setSpacing(m.px(16))
        self.tools_row.set_gap(m.px(16))
        speaking = state.speech_state is SpeechState.SPEAKING
        labels = {
            self.back: ctx.t(ui.back),
            self.next: ctx.t(ui.continue_),
            self.start_over: ctx.t(ui.start_over),
            self.language: ctx.t(ui.language),
            self.text_size: f"{ctx.t(ui.text_size)} {state.text_size}%",
            self.contrast: ctx.t(ui.contrast),
            self.read: ctx.t(ui.pause) if speaking else ctx.t(ui.read_aloud),
            self.repeat: ctx.t(ui.repeat),
            self.volume_down: f"{ctx.t(ui.volume)} \u2212",
            self.volume_up: f"{ctx.t(ui.volume)} +",
        }
        self.read.icon_name = "pause.svg" if speaking else "speaker.svg"
        for b, text in labels.items():
            b.mirror_icon = rtl and b in (self.back, self.next)
            b.set_text(text)
            b.apply_style(m, ctx.palette)
        self.text_size.setAccessibleDescription(f"{state.text_size}%")
        self.contrast.setChecked(state.high_contrast)
        self.read.setChecked(state.speech_state is not SpeechState.IDLE)
        self.read.setEnabled(not state.speech_unavailable)
        self.no_voice.setText(ctx.t(ui.no_voice))
        self.read.setAccessibleDescription(ctx.t(ui.no_voice) if state.speech_unavailable else "")
        active = state.speech_state is not SpeechState.IDLE and not state.speech_unavailable
        visible = {
            self.back: state.can_back,
            self.next: state.can_next,
            self.start_over: True,
            **{t: state.show_tools for t in (self.language, self.text_size, self.contrast)},
            self.read: state.show_tools,
            **{t: state.show_tools and active for t in (self.repeat, self.volume_down)},
            self.volume_up: state.show_tools and active,
        }
        self._arrange(visible, ctx.metrics)
        for widget, shown in visible.items():
            widget.setVisible(shown)
        # The reason read aloud is off, on a line of its own so it never squeezes a button.
        self.no_voice.setVisible(state.show_tools and state.speech_unavailable)
        self.tools_box.setVisible(state.show_tools)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)

    def _arrange(self, visible: dict[QWidget, bool], m: Metrics) -> None:
        """One row when everything fits in the window's width, else tools above navigation."""
        width = (self.window().width() or 1920) - 2 * m.px(28)
        shown = [w for w, v in visible.items() if v]
        needed = sum(w.sizeHint().width() for w in shown) + m.px(16) * (len(shown) + 1)
        two_rows = needed > width
        if two_rows == self.two_rows:
            return
        self.two_rows = two_rows
        self._layout.removeWidget(self.tools_box)
        self.nav_row.removeWidget(self.tools_box)
        self.tools_row.one_line = not two_rows
        if two_rows:
            self._layout.insertWidget(0, self.tools_box)  # above the reason and navigation
        else:
            self.nav_row.insertWidget(1, self.tools_box)  # right after Back
