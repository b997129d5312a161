"""Nothing a visitor should read is cut off, at the edges real visitors reach: 200% text, a
portrait screen, a small screen, every script, and the longest settings an operator may enter.

The checks are in helpers/clipping.py (and why the old one missed the cut "Back" is told
there): the geometry check on every page and state, in every language, at three screen sizes,
three text sizes and both themes; the pixel check at 200% in six scripts. The default run
takes 200% text (where text is cut first) on the portrait and the small screen in the default
theme, and the pixel check on the portrait screen, one state of each page; the rest is the
`sweep` marker, which CI runs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from helpers.clipping import geometry_problems, pixel_problems
from helpers.longest import LONGEST_SETTINGS
from kiosk.core.settings import ALL_LANGUAGES, load_settings
from kiosk.ui.screens import states
from kiosk.ui.theme import THEMES

SIZES = [(1920, 1080), (1366, 768), (1080, 1920)]
TEXT_SIZES = (100, 150, 200)
#: Latin, Han, Arabic, Khmer, Gurmukhi, Armenian.
SIX_SCRIPTS = ("en", "zh_Hant", "ar", "km", "pa", "hy")


def longest_window(make_window, tmp_path, size, theme="default"):
    """A kiosk with the longest facility name, help desk, app name and address, and a printer
    (so Done shows its print button)."""
    path = tmp_path / "settings.toml"
    path.write_text(LONGEST_SETTINGS + f'theme = "{theme}"\nprinter = "office"\n', "utf-8")
    return make_window(load_settings(path), size=size)


def walk(window, text_size: int, languages) -> Iterator[str]:
    """Every page and state in each language at one text size, each laid out in place (one
    render per state: the session is set, then told once). Yields where it is."""
    session = window.session
    session.default_text_size = text_size
    for lang in languages:
        for page, state, setup in states():
            session.page, session.language, session.text_size = page, lang, text_size
            session.chosen, session.not_sure, session.has_account = frozenset(), False, False
            session.changed.emit()
            if setup is not None:
                setup(window)
            settle_layout(window)
            yield f"{window.width()}x{window.height()} {text_size}% {lang} {page}-{state}"
            window.chrome.overlay.hide()
            window.chrome.idle_overlay.hide()


#: Passes in a row in which nothing moved before the layout counts as settled (a label that
#: wraps in a scroll area can sit still for a pass before the area's next resize).
STILL_PASSES = 3


def settle_layout(window) -> None:
    """Handle events until no label moves or changes size (wrapping text in a scroll area
    settles in a few passes)."""
    last, still = None, 0
    for _ in range(30):
        QApplication.processEvents()
        now = [label.geometry() for label in window.findChildren(QLabel) if label.isVisible()]
        still = still + 1 if now == last else 0
        if still == STILL_PASSES:
            return
        last = now


def report(problems: list[str]) -> str:
    return f"{len(problems)} problems:\n" + "\n".join(problems[:60])


def geometry_sweep(make_window, tmp_path, size, theme, text_sizes) -> None:
    window = longest_window(make_window, tmp_path, size, theme)
    problems: list[str] = []
    checked = 0
    for text_size in text_sizes:
        for where in walk(window, text_size, ALL_LANGUAGES):
            problems += geometry_problems(window, where)
            checked += 1
    assert checked == len(text_sizes) * len(ALL_LANGUAGES) * len(list(states()))
    assert problems == [], report(problems)


def pixel_sweep(make_window, tmp_path, size, only=None) -> None:
    window = longest_window(make_window, tmp_path, size)
    problems: list[str] = []
    for where in walk(window, 200, SIX_SCRIPTS):
        if only is not None and where.rsplit(" ", 1)[1] not in only:
            continue
        shot = window.grab().toImage()
        problems += pixel_problems(window, shot, where)
    assert problems == [], report(problems)


#: One state of each page and overlay (the pixel check's default run; the rest are alike).
ONE_OF_EACH = (
    "welcome-", "language-", "changes-", "changes-language-menu", "account-phone",
    "setup-", "setup-still-there", "unknowns-", "done-phone",
)  # fmt: skip

SWEEP_ONLY = pytest.mark.sweep


# -- the default run: 200% text, where text is cut first ---------------------------------------
@pytest.mark.parametrize(
    "size",
    [(1080, 1920), (1366, 768), pytest.param((1920, 1080), marks=SWEEP_ONLY)],
    ids=lambda s: f"{s[0]}x{s[1]}",
)
def test_every_text_fits_where_it_is_drawn_at_200_percent(make_window, tmp_path, size):
    """The geometry check: every page and state in all 13 languages at 200% text."""
    geometry_sweep(make_window, tmp_path, size, "default", (200,))


def test_no_ink_is_missing_from_the_render_in_portrait(make_window, tmp_path):
    """The pixel check at 200% in six scripts on a portrait screen, one state of each page:
    each text drawn again without a clip, against the real render."""
    pixel_sweep(make_window, tmp_path, (1080, 1920), only=ONE_OF_EACH)


# -- the full sweep (CI: `pytest -m sweep`) ------------------------------------------------------
@pytest.mark.sweep
@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_text_fits_at_every_text_size_in_both_themes(make_window, tmp_path, size, theme):
    """The geometry check everywhere: 3 screens x 3 text sizes x 2 themes x 13 languages x
    every page and state."""
    geometry_sweep(make_window, tmp_path, size, theme, TEXT_SIZES)


@pytest.mark.sweep
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_ink_is_missing_from_the_render(make_window, tmp_path, size):
    """The pixel check at 200% in six scripts, every page and state, on each screen."""
    pixel_sweep(make_window, tmp_path, size)
