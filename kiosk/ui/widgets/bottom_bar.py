"""The fixed bar at the bottom of every step, within a seated visitor's reach.

Navigation (Back, Start over, Continue) on the bottom row, and the visitor's tools (Language,
Text size, High contrast, Read aloud with Pause, Repeat and Volume) beside it when everything
fits in one row, or in one row of their own above it. The tools never take more than that one
row: when their labels do not fit beside their icons they become tiles, icon above a shorter
line. Labels wrap between words, never inside one.

The bar leaves the page most of the screen: its text grows with the visitor's text size only
up to ``BAR_MAX_TEXT_SIZE``, and steps down further where the bar would otherwise take more
than its share of the window's height (``BarState.max_height``) or a word would not fit.

When read aloud has no voice for the language, its button stays (dashed, as if unavailable);
a tap on it says why, on a line above the tools, until the page or language changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.context import ViewContext
from kiosk.ui.speech.controller import SpeechState
from kiosk.ui.theme import BODY_PX, SMALL_PX, Metrics, text_stylesheet
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.touch_button import TouchButton

BAR_MAX_TEXT_SIZE = 125  # the bar's labels grow with the text size, but not past 125%,
# so that at 200% on a small screen the page above keeps most of the height
#: Smaller text sizes the bar steps down to, in turn, when a word or the bar would not fit.
FALLBACK_TEXT_SIZES = (110, 100, 90, 80, 70)
#: Pixels kept spare per button and per row when planning (rounding in Qt's layouts).
SAFETY = 4


@dataclass(frozen=True)
class BarState:
    can_back: bool
    can_next: bool
    show_tools: bool  # not on the language picker, which is itself the language tool
    speech_state: SpeechState = SpeechState.IDLE
    speech_unavailable: bool = False  # no engine or no voice for this language
    high_contrast: bool = False
    text_size: int = 100
    page: str = ""  # the note about read aloud goes when the page or the language changes
    max_height: int = 0  # the most of the window's height the bar may take (0: no limit)


@dataclass(frozen=True)
class BarPlan:
    """How the bar is arranged for one render."""

    one_row: bool  # tools between Back and Start over
    tiles: bool  # tools as icon-over-label tiles
    text_size: int  # the bar's own text size (%)


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
        #: The bar sets its text's sizes and families itself (bar_stylesheet): the window's
        #: dressing leaves its stylesheet alone.
        self.styles_own_text = True

        def button(name: str, icon: str, role: str = "secondary", checkable: bool = False):
            b = TouchButton(role, icon=icon, checkable=checkable)
            b.setObjectName(name)
            return b

        self.back = button("BackButton", "arrow-back.svg")
        self.next = button("ContinueButton", "arrow-next.svg", "primary")
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
        self.no_voice.hide()
        for b, signal in (
            (self.back, self.back_clicked),
            (self.next, self.next_clicked),
            (self.start_over, self.start_over_clicked),
            (self.language, self.language_clicked),
            (self.text_size, self.text_size_clicked),
            (self.contrast, self.contrast_clicked),
            (self.repeat, self.repeat_clicked),
            (self.volume_down, self.volume_down_clicked),
            (self.volume_up, self.volume_up_clicked),
        ):
            b.clicked.connect(signal)
        self.read.clicked.connect(self._read_tapped)
        self.navigation = [self.back, self.start_over, self.next]
        self.tools = [
            self.language, self.text_size, self.contrast, self.read, self.repeat,
            self.volume_down, self.volume_up,
        ]  # fmt: skip
        # The tools live in one box for good: in the navigation row when everything fits on one
        # line, in a row of their own above it when not. Moving the tools themselves between
        # layouts reparented them, and re-showing a reparented widget restyles it, which made a
        # language switch that flipped the arrangement slower.
        self.tools_box = QWidget(self)
        self.tools_row = QHBoxLayout(self.tools_box)
        self.tools_row.setContentsMargins(0, 0, 0, 0)
        for tool in self.tools:
            self.tools_row.addWidget(tool)
        self.nav_row = QHBoxLayout()
        self.nav_row.addWidget(self.back)
        self.nav_row.addStretch(1)
        self.nav_row.addWidget(self.start_over)
        self.nav_row.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_voice)
        layout.addWidget(self.tools_box)
        layout.addLayout(self.nav_row)
        self._layout = layout
        self.plan: BarPlan | None = None
        self._sheet_key: tuple[object, ...] = ()
        self._unavailable = False
        self._note_for: tuple[str, str] = ("", "")  # (page, language) the note was asked on
        self._shown_for: tuple[str, str] = ("", "")
        self._arranged: tuple[ViewContext, BarState, dict[QWidget, bool]] | None = None

    # -- what the visitor did ------------------------------------------------------------------
    def _read_tapped(self) -> None:
        if self._unavailable:
            # Nothing to read with: say why, right here (and keep the button unchecked).
            self.read.setChecked(False)
            self.no_voice.setVisible(not self.no_voice.isVisible())
            self._note_for = self._shown_for
            if self._arranged is not None:
                self._arrange(*self._arranged)  # the note's line counts in the bar's share
            return
        self.read_clicked.emit()

    # -- rendering -----------------------------------------------------------------------------
    def render_state(self, ctx: ViewContext, state: BarState) -> None:
        ui = ctx.pack.ui
        rtl = ctx.tr.language.is_rtl
        self._shown_for = (state.page, ctx.tr.code)
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
        self.text_size.setAccessibleDescription(f"{state.text_size}%")
        self.contrast.setChecked(state.high_contrast)
        self._unavailable = state.speech_unavailable
        self.read.setChecked(state.speech_state is not SpeechState.IDLE)
        unavailable = "true" if self._unavailable else "false"
        if self.read.property("unavailable") != unavailable:
            self.read.setProperty("unavailable", unavailable)  # drawn dashed: see bar_stylesheet
            self.read.style().unpolish(self.read)
            self.read.style().polish(self.read)
        self.no_voice.setText(ctx.t(ui.no_voice))
        self.read.setAccessibleDescription(ctx.t(ui.no_voice) if self._unavailable else "")
        if not (self._unavailable and state.show_tools) or self._note_for != self._shown_for:
            self.no_voice.hide()  # asked for on another page or in another language
        active = state.speech_state is not SpeechState.IDLE and not self._unavailable
        visible = {
            self.back: state.can_back,
            self.next: state.can_next,
            self.start_over: True,
            **{t: state.show_tools for t in (self.language, self.text_size, self.contrast)},
            self.read: state.show_tools,
            **{t: state.show_tools and active for t in (self.repeat, self.volume_down)},
            self.volume_up: state.show_tools and active,
        }
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)
        self._arranged = (ctx, state, visible)
        self._arrange(ctx, state, visible)

    def _arrange(self, ctx: ViewContext, state: BarState, visible: dict[QWidget, bool]) -> None:
        """The first plan, from the largest text down, whose words fit and whose height is
        within the bar's share of the window. Each is in place before anything is shown: a
        part shown in the wrong row would widen the window."""
        width = self.window().width() or 1920
        shown = [w for w, v in visible.items() if v]
        first = min(ctx.metrics.text_size, BAR_MAX_TEXT_SIZE)
        sizes = [first, *(s for s in FALLBACK_TEXT_SIZES if s < first)]
        fallback: tuple[Metrics, BarPlan] | None = None
        for text_size in sizes:
            m = ctx.metrics._replace(text_size=text_size)
            plan = self._plan(ctx, m, shown, width)
            if plan is None:
                continue
            fallback = (m, plan)
            self._apply(ctx, m, plan, visible, state.show_tools)
            if not state.max_height or self._height(width) <= state.max_height:
                return
        # Nothing keeps to the height: the smallest plan that cuts no word.
        m = ctx.metrics._replace(text_size=sizes[-1])
        m, plan = fallback or (m, BarPlan(False, True, sizes[-1]))
        self._apply(ctx, m, plan, visible, state.show_tools)

    def _fonts(self, m: Metrics) -> tuple[QFont, QFont, QFont]:
        """The bar's fonts at these metrics: plain, bold (Continue) and a tile's."""
        base = self.back.label_font()
        plain, bold, tile = QFont(base), QFont(base), QFont(base)
        plain.setPixelSize(m.font_px(BODY_PX))
        plain.setBold(False)
        bold.setPixelSize(m.font_px(BODY_PX))
        bold.setBold(True)
        tile.setPixelSize(m.font_px(SMALL_PX))
        tile.setBold(False)
        return plain, bold, tile

    def _plan(
        self, ctx: ViewContext, m: Metrics, shown: list[QWidget], width: int
    ) -> BarPlan | None:
        """An arrangement at these metrics in which no word is cut, or None."""
        plain, bold, tile_font = self._fonts(m)
        room = width - 2 * m.px(28) - SAFETY
        gap = m.px(16)
        buttons = [b for b in (*self.navigation, *self.tools) if b in shown]
        for b in buttons:
            assert isinstance(b, TouchButton)
            b.apply_style(m, ctx.palette)  # margins and icon at these metrics

        def widths(b: QWidget, stacked: bool = False) -> tuple[int, int]:
            """(one line, least without cutting a word), icon and margins included."""
            assert isinstance(b, TouchButton)
            font = bold if b is self.next else (tile_font if stacked else plain)
            one_line, least = b.widths(font, stacked)
            return one_line + SAFETY, least + SAFETY

        nav = [b for b in self.navigation if b in shown]
        tools = [b for b in self.tools if b in shown]
        gaps = lambda n: gap * max(0, n - 1)  # noqa: E731
        every = [widths(b)[0] for b in nav + tools]
        if sum(every) + gaps(len(every)) + gap <= room:
            return BarPlan(True, False, m.text_size)
        # Navigation on a row of its own: Continue on one line, the others may wrap.
        nav_least = [widths(b)[0] if b is self.next else widths(b)[1] for b in nav]
        if sum(nav_least) + gaps(len(nav)) + gap > room:
            return None
        if not tools:
            return BarPlan(False, False, m.text_size)
        wide = [widths(b)[0] for b in tools]
        if sum(wide) + gaps(len(tools)) <= room:
            return BarPlan(False, False, m.text_size)
        share = (room - gaps(len(tools))) // len(tools)
        if all(widths(b, stacked=True)[1] <= share for b in tools):
            return BarPlan(False, True, m.text_size)
        return None

    def _apply(
        self,
        ctx: ViewContext,
        m: Metrics,
        plan: BarPlan,
        visible: dict[QWidget, bool],
        show_tools: bool,
    ) -> None:
        """Lay the bar out as planned, at these metrics, then show what is visible."""
        sheet_key = (m, plan.tiles)
        if sheet_key != self._sheet_key:
            self._sheet_key = sheet_key
            sheet = bar_stylesheet(m)
            if sheet != self.styleSheet():  # scripts sized as Latin share it: no re-polish
                self.setStyleSheet(sheet)
        self._layout.setContentsMargins(m.px(28), m.px(10), m.px(28), m.px(10))
        self._layout.setSpacing(m.px(10))
        self.nav_row.setSpacing(m.px(16))
        self.tools_row.setSpacing(m.px(16))
        for b in (*self.navigation, *self.tools):
            assert isinstance(b, TouchButton)
            tile = plan.tiles and b in self.tools
            b.set_stacked(tile)
            b.set_label_px(m.font_px(SMALL_PX) if tile else None, m.script)
            b.apply_style(m, ctx.palette)
            # Continue keeps its label on one line; the others wrap between words if need be.
            policy = QSizePolicy.Policy.Minimum if b is self.next else QSizePolicy.Policy.Preferred
            b.setSizePolicy(policy, QSizePolicy.Policy.Minimum)
        for tool in self.tools:
            self.tools_row.setStretch(self.tools_row.indexOf(tool), 1 if plan.tiles else 0)
        if plan != self.plan:
            self._place_tools(plan.one_row)
            self.plan = plan
        for widget, shown in visible.items():
            widget.setVisible(shown)
        self.tools_box.setVisible(show_tools)
        for b in (*self.navigation, *self.tools):
            b.updateGeometry()  # their size hints follow the new text (layouts cache them)
        self.tools_box.updateGeometry()
        self.tools_row.invalidate()
        self._layout.invalidate()

    def _place_tools(self, one_row: bool) -> None:
        self._layout.removeWidget(self.tools_box)
        self.nav_row.removeWidget(self.tools_box)
        if one_row:
            self.nav_row.insertWidget(1, self.tools_box)  # right after Back
        else:
            self._layout.insertWidget(1, self.tools_box)  # under the note, above navigation

    def _height(self, width: int) -> int:
        """The bar's height at the window's width, as laid out now."""
        self.ensurePolished()
        return self._layout.totalHeightForWidth(width)


def bar_stylesheet(m: Metrics) -> str:
    """The bar's own text sizes (its labels grow less than the page's)."""
    return (
        text_stylesheet(m)
        + """
    QPushButton[unavailable="true"] { border-style: dashed; }
    """
    )
