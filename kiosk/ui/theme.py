"""Every colour and size the kiosk draws with. No colour is written anywhere else.

Sizes are given for a 1080-pixel short side and scaled to the screen, then multiplied by the
visitor's text size for text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple


# A NamedTuple, not a dataclass: they are made before the first frame (see kiosk/core/content.py).
class Palette(NamedTuple):
    name: str
    window: str  # page background
    text: str  # body text
    muted: str  # secondary text
    surface: str  # cards
    border: str  # card and secondary-button outlines (non-text: 3:1)
    primary: str  # Continue, selected choices
    on_primary: str  # text on primary
    answer: str  # the account answer box
    on_answer: str
    focus: str  # focus ring
    bar: str  # bottom bar background
    scrim: str  # behind overlays ("Still there?", admin), with alpha


DEFAULT = Palette(
    name="default",
    window="#f6f4ef",
    text="#1b1b1b",
    muted="#3d3d3d",
    surface="#ffffff",
    border="#6b6b6b",
    primary="#0b4a85",
    on_primary="#ffffff",
    answer="#e3eefa",
    on_answer="#0d2238",
    focus="#b35c00",
    bar="#e8e4da",
    scrim="#b3000000",
)

HIGH_CONTRAST = Palette(
    name="high_contrast",
    window="#000000",
    text="#ffffff",
    muted="#e6e6e6",
    surface="#000000",
    border="#ffffff",
    primary="#ffe14d",
    on_primary="#000000",
    answer="#14213d",
    on_answer="#ffffff",
    focus="#4dd0ff",
    bar="#1a1a1a",
    scrim="#d9000000",
)

THEMES = {p.name: p for p in (DEFAULT, HIGH_CONTRAST)}

# QR codes are dark on light in every theme: many phone scanners cannot read inverted codes.
QR_DARK = "#000000"
QR_LIGHT = "#ffffff"

# Sizes in pixels at a 1080-pixel short side and 100% text.
BODY_PX = 30
SMALL_PX = 26
HEADING_PX = 50
# 64, not larger: Qt keeps glyphs up to 64 px in its glyph cache and draws bigger ones as paths,
# which made each page change slower (build/benchmark.py; raising Qt's limit with
# QT_MAX_CACHED_GLYPH_SIZE left big text blank). At 150 % and 200 % text, titles grow past it.
TITLE_PX = 64
TARGET_PX = 88  # comfortable touch target; never under 48


class Script(NamedTuple):
    """How one script's font is sized and spaced beside Latin's, measured from its rendered
    glyphs by build/measure_scripts.py (kiosk/ui/script_metrics.py holds the figures)."""

    scale: float = 1.0  # drawn this much larger, to look as large as Latin at the same size
    above: float = 0.0  # how far its ink reaches above the font's ascent, in em
    below: float = 0.0  # and below its descent: room each label keeps, or Qt cuts the ink
    side: float = 0.0  # and past a letter's advance, at the start or end of a line

    def room(self, font_px: int) -> tuple[int, int, int]:
        """Pixels to keep above, below and at each side of a text at this size."""
        return (
            math.ceil(self.above * font_px),
            math.ceil(self.below * font_px),
            math.ceil(self.side * font_px),
        )


LATIN_SCRIPT = Script()


class Metrics(NamedTuple):
    """Pixel sizes for one screen size, text size and script."""

    scale: float
    text_size: int = 100
    script: Script = LATIN_SCRIPT

    @classmethod
    def for_screen(
        cls, width: int, height: int, text_size: int = 100, script: Script = LATIN_SCRIPT
    ) -> Metrics:
        return cls(scale=max(0.6, min(width, height) / 1080), text_size=text_size, script=script)

    def px(self, size: float) -> int:
        return max(1, round(size * self.scale))

    def font_px(self, size: float) -> int:
        """Text: grows with the visitor's text size, and with the script's scale."""
        return max(12, round(size * self.scale * self.text_size / 100 * self.script.scale))

    def heading_px(self, size: float) -> int:
        """Headings are already large: they grow half as fast as body text (200% -> 150%)."""
        growth = 1 + (self.text_size / 100 - 1) / 2
        return max(12, round(size * self.scale * growth * self.script.scale))

    def icon_px(self, size: float) -> int:
        """Icons beside text grow with the text size, not with the script's scale."""
        return max(12, round(size * self.scale * self.text_size / 100))

    @property
    def body(self) -> int:
        return self.font_px(BODY_PX)

    @property
    def target(self) -> int:
        return max(48, self.px(TARGET_PX))


def font_families(families: Sequence[str]) -> str:
    """A stylesheet's font-family value: the families in order, quoted."""
    return ", ".join(f'"{family}"' for family in families)


def _room(m: Metrics, font_px: int) -> str:
    """Padding for a label whose script's ink reaches past its font's line (Khmer's stacked
    subscripts): without it Qt cuts the ink at the label's edge."""
    above, below, side = m.script.room(font_px)
    return f"padding: {above}px {side}px {below}px {side}px;" if above or below or side else ""


def stylesheet(palette: Palette, m: Metrics) -> str:
    """The one stylesheet; widgets pick their look with objectName and dynamic properties.

    The page background is not here: it is the application palette's Window colour (see
    kiosk.ui.app.use_window_colour): a stylesheet background on the full-screen containers made
    every paint of a page much slower than a palette fill (build/benchmark.py).
    """
    p, radius = palette, m.px(14)
    return (
        text_stylesheet(m)
        + f"""
    QLabel {{ color: {p.text}; background: transparent; }}
    QLabel[role="muted"] {{ color: {p.muted}; }}
    QLabel[role="small"] {{ color: {p.muted}; }}
    QFrame[role="card"] {{
        background: {p.surface}; border: {m.px(2)}px solid {p.border}; border-radius: {radius}px;
    }}
    QFrame[role="answer"] {{
        background: {p.answer}; border: {m.px(3)}px solid {p.primary}; border-radius: {radius}px;
    }}
    QFrame[role="answer"] QLabel {{ color: {p.on_answer}; }}
    QFrame#LanguageOverlay, QFrame#AdminScreen {{ background: {p.window}; }}
    QLineEdit {{
        font-size: {m.body}px; color: {p.text}; background: {p.surface};
        border: {m.px(2)}px solid {p.border}; border-radius: {m.px(8)}px; padding: {m.px(8)}px;
    }}
    QLineEdit:focus {{ border: {m.px(4)}px solid {p.focus}; }}
    QFrame#BottomBar {{ background: {p.bar}; border-top: {m.px(2)}px solid {p.border}; }}
    /* No min-width or min-height here: an explicit minimum would override a button's own
       (its longest word; at least the target size: kiosk/ui/widgets/touch_button.py). */
    QPushButton {{
        background: {p.surface}; color: {p.text}; border: {m.px(3)}px solid {p.border};
        border-radius: {radius}px; padding: 0px {m.px(20)}px;
    }}
    QPushButton[role="primary"] {{ background: {p.primary}; border-color: {p.primary}; }}
    QPushButton:checked {{ background: {p.primary}; border-color: {p.primary}; }}
    QLabel[tone="normal"] {{ color: {p.text}; }}
    QLabel[tone="inverse"] {{ color: {p.on_primary}; font-weight: 700; }}
    QPushButton:focus {{ border: {m.px(5)}px solid {p.focus}; }}
    QPushButton:disabled {{ border-style: dashed; }}
    QScrollBar:vertical {{ width: {m.px(20)}px; background: {p.window}; }}
    QScrollBar::handle:vertical {{ background: {p.border}; border-radius: {m.px(8)}px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
    """
    )


def text_stylesheet(m: Metrics) -> str:
    """The labels' sizes by role, with the room their script's ink needs, at these metrics:
    part of the window's stylesheet, and on its own for a part whose text differs from the
    window's (a script drawn larger, or needing more room; the bar; "Still there?" on a small
    screen)."""
    title, heading, sub = m.heading_px(TITLE_PX), m.heading_px(HEADING_PX), m.font_px(36)
    small = m.font_px(SMALL_PX)
    return f"""
    QLabel {{ font-size: {m.body}px; {_room(m, m.body)} }}
    QLabel[role="title"] {{ font-size: {title}px; font-weight: 700; {_room(m, title)} }}
    QLabel[role="heading"] {{ font-size: {heading}px; font-weight: 700; {_room(m, heading)} }}
    QLabel[role="subheading"] {{ font-size: {sub}px; font-weight: 700; {_room(m, sub)} }}
    QLabel[role="small"] {{ font-size: {small}px; {_room(m, small)} }}
    QLabel[role="url"] {{ font-size: {sub}px; font-weight: 700; {_room(m, sub)} }}
    QLabel[role="icon"] {{ padding: 0px; }}
    """


# The review packet (kiosk/review_packet) is printed: dark on white whatever the theme. The
# outline around a text in a picture is an orange that prints as a dark grey in black and white.
PAPER_OUTLINE = "#c2410c"
PAPER_SHADE = "#e4e4e4"  # words the kiosk fills in, and the table's heading
PAPER_ALERT = "#b00020"  # a text without a translation


#: The staff screen's smallest touch target and keyboard key, whatever the screen.
STAFF_MIN_TARGET_PX = 48
KEY_PX = 64  # an on-screen keyboard key's height


def key_height(m: Metrics) -> int:
    """An on-screen keyboard key's height, border included: at least a touch target."""
    return max(STAFF_MIN_TARGET_PX, m.px(KEY_PX))


def staff_stylesheet(palette: Palette, m: Metrics) -> str:
    """The staff screen's own stylesheet: the kiosk's, at the sizes it is given (staff see
    100 % text, whatever a visitor chose), and the staff screen's parts: a refused value's
    reason, its field, a scroll bar wide enough for a finger, the on-screen keyboard."""
    p, low, key_border = palette, STAFF_MIN_TARGET_PX, m.px(2)
    key_inside = key_height(m) - 2 * key_border  # a stylesheet's height is inside the border
    return (
        stylesheet(palette, m)
        + f"""
    QFrame#AdminScreen {{ background: {p.window}; }}
    QLabel[role="section"] {{
        font-size: {m.heading_px(HEADING_PX)}px; font-weight: 700;
        border-top: {m.px(3)}px solid {p.border}; padding-top: {m.px(16)}px;
        margin-top: {m.px(12)}px;
    }}
    QLabel[role="problem"] {{
        color: {p.text}; font-size: {m.body}px; font-weight: 700;
        border-left: {m.px(8)}px solid {p.focus}; padding-left: {m.px(12)}px;
    }}
    QLabel[role="locked"] {{ color: {p.muted}; font-size: {m.font_px(SMALL_PX)}px; }}
    QLineEdit[problem="true"] {{ border: {m.px(4)}px solid {p.focus}; }}
    QLineEdit:read-only {{ background: {p.window}; border-style: dashed; }}
    QScrollBar:vertical {{ width: {max(low, m.px(28))}px; }}
    QScrollBar::handle:vertical {{ min-height: {low}px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
    QFrame#Keyboard {{ background: {p.bar}; border-top: {m.px(2)}px solid {p.border}; }}
    QFrame#Keyboard QPushButton {{
        min-width: {low - 2 * key_border}px; padding: 0px; font-size: {m.body}px;
        min-height: {key_inside}px; max-height: {key_inside}px;
        border-width: {key_border}px; border-radius: {m.px(8)}px;
    }}
    QFrame#Keyboard QPushButton[role="primary"], QFrame#Keyboard QPushButton:checked {{
        color: {p.on_primary}; font-weight: 700;
    }}
    """
    )
