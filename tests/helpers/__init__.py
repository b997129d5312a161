"""The tests' shared toolkit (tests/ is on sys.path under pytest, so this is ``helpers``).

- :mod:`helpers.ui`: UI actions as a visitor takes them (button lookup, tap, click, settle,
  scroll into view, the texts on screen).
- :mod:`helpers.fakes`: stand-ins for the world (a clock, a printer, a speech engine, usage
  counts).
- :mod:`helpers.processes`: child processes that cannot outlive their test or be changed by
  the desktop they run on (session bus, leftovers).

The UI actions are re-exported here: ``from helpers import tap, button``.
"""

from helpers.ui import (
    button,
    button_with_text,
    click,
    scroll_into_view,
    settle,
    tap,
    touch_device,
    visible_texts,
)

__all__ = [
    "button",
    "button_with_text",
    "click",
    "scroll_into_view",
    "settle",
    "tap",
    "touch_device",
    "visible_texts",
]
