"""The visitor's screen at the edges: the bar leaves the page room, what a tap produces comes
into view, scroll bars only where something scrolls, the address reads as one unit, bullets sit
on their line, every script looks the same size, and the picker offers the language Welcome
showed.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import statistics
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFontDatabase, QImage, QTextLayout
from PySide6.QtWidgets import QApplication
from test_accessibility import contrast
from test_clipping import settle_layout

from helpers import tap, visible_texts
from helpers.longest import LONGEST_SETTINGS, SECURUS_URL
from kiosk.core.settings import ALL_LANGUAGES, load_settings
from kiosk.ui.chrome import PAGE_SHARE
from kiosk.ui.fonts import SCRIPT_FAMILY, script_for
from kiosk.ui.script_metrics import SCRIPTS
from kiosk.ui.theme import BODY_PX, LATIN_SCRIPT, THEMES, Metrics, Script
from kiosk.ui.widgets.web_address import address_units

SIZES = [(1920, 1080), (1366, 768), (1080, 1920)]


def settings_file(tmp_path: Path, text: str = ""):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def show(window, page: str, lang: str = "en", text_size: int = 100) -> None:
    """A page as a visitor reaches it, laid out."""
    session = window.session
    session.default_text_size = text_size
    session.page, session.language, session.text_size = page, lang, text_size
    session.chosen, session.not_sure, session.has_account = frozenset(), False, False
    session.changed.emit()
    settle_layout(window)


def in_window(widget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


# -- the bottom bar ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "size",
    # The wide screen has the most room: the full sweep (`pytest -m sweep`) takes it.
    [(1366, 768), (1080, 1920), pytest.param((1920, 1080), marks=pytest.mark.sweep)],
    ids=lambda s: f"{s[0]}x{s[1]}",
)
def test_the_bar_leaves_the_page_most_of_the_screen(make_window, size):
    """At every text size and in every language: the page keeps 60% of the height (also with
    the read-aloud note open), the tools share one row above the navigation, every target is
    at least 48 px, and navigation is at the bottom."""
    window = make_window(size=size)
    bar = window.chrome.bar
    problems = []
    for text_size in (100, 150, 200):
        for lang in ALL_LANGUAGES:
            for page in ("language", "changes"):  # without the tools, and with them all
                show(window, page, lang, text_size)
                where = f"{size} {text_size}% {lang} {page}"
                notes = [False, True] if page == "changes" else [False]
                for note in notes:
                    if note:
                        tap(bar.read)  # no voice here: the reason shows
                        assert bar.no_voice.isVisible(), where
                    share = window.stack.height() / window.height()
                    if share < PAGE_SHARE:
                        problems.append(f"{where} note={note}: the page has {share:.0%}")
                shown = [b for b in (*bar.navigation, *bar.tools) if b.isVisible()]
                for b in shown:
                    if b.width() < 48 or b.height() < 48:
                        problems.append(f"{where}: {b.objectName()} {b.size().toTuple()}")
                tops = {in_window(t, window).top() for t in bar.tools if t.isVisible()}
                if len(tops) > 1:
                    problems.append(f"{where}: the tools take {len(tops)} rows")
                for b in bar.navigation:
                    if b.isVisible() and in_window(b, window).bottom() < window.height() * 0.85:
                        problems.append(f"{where}: {b.objectName()} is not at the bottom")
    assert problems == [], "\n".join(problems[:40])


def test_read_aloud_says_why_it_cannot_read_only_when_asked(make_window):
    window = make_window(size=(1366, 768))
    show(window, "changes", "km", 200)
    bar = window.chrome.bar
    assert not bar.no_voice.isVisible()
    height = bar.height()
    tap(bar.read)
    assert bar.no_voice.isVisible()
    assert bar.height() > height  # one line more, while it is asked for
    assert window.stack.height() >= PAGE_SHARE * window.height()


# -- scroll bars -------------------------------------------------------------------------------
def test_a_scroll_bar_only_where_something_scrolls(make_window):
    window = make_window(size=(1920, 1080))
    for page in ("changes", "account", "setup", "unknowns", "done"):
        show(window, page)
        area = window.pages[page].scroll_area
        scrolls = area.verticalScrollBar().maximum() > 0
        assert area.indicator.isVisible() == scrolls, page
        assert not area.verticalScrollBar().isVisible()  # never one that takes width
    # Step 1 and step 4 fit a 1920x1080 screen: nothing to scroll, so no bar.
    for page in ("changes", "unknowns"):
        show(window, page)
        assert not window.pages[page].scroll_area.indicator.isVisible(), page


def test_a_scroll_bar_appearing_does_not_narrow_the_page(make_window):
    window = make_window(size=(1366, 768))
    show(window, "account", "en", 200)
    page = window.pages["account"]
    before = {key: b.width() for key, b in page.choices.items()}
    viewport = page.scroll_area.viewport().width()
    tap(page.choices["phone"])
    assert page.scroll_area.indicator.isVisible()
    assert {key: b.width() for key, b in page.choices.items()} == before
    assert page.scroll_area.viewport().width() == viewport


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda p: p.name)
def test_the_scroll_bar_stands_out_from_the_page(make_window, tmp_path, theme, qtbot):
    window = make_window(settings_file(tmp_path, f'theme = "{theme.name}"\n'), size=(1366, 768))
    show(window, "setup", "en", 200)
    indicator = window.pages["setup"].scroll_area.indicator
    assert indicator.isVisible()
    shot = window.grab().toImage()
    box = in_window(indicator, window)
    middle = QColor(shot.pixel(box.center().x(), box.top() + 8))  # the handle, at the top
    assert contrast(middle, QColor(theme.window)) >= 3, middle.name()


# -- what a tap produces comes into view --------------------------------------------------------
def visible_in(widget, area) -> bool:
    viewport = area.viewport()
    box = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().contains(box.topLeft()) and box.top() >= 0


@pytest.mark.parametrize("reduce_motion", [False, True])
def test_the_answer_to_a_tap_scrolls_into_view(make_window, tmp_path, qtbot, reduce_motion):
    """At 200% on 1366x768 the answer appears below the fold: it scrolls up into view, gently,
    or at once with reduce_motion."""
    settings = settings_file(tmp_path, f"reduce_motion = {str(reduce_motion).lower()}\n")
    window = make_window(settings, size=(1366, 768))
    show(window, "account", "en", 200)
    page = window.pages["account"]
    area = page.scroll_area
    moves = []
    area._animation.stateChanged.connect(lambda new, _old: moves.append(new))
    assert not visible_in(page.answer_box.headline, area)
    tap(page.choices["phone"])
    qtbot.waitUntil(lambda: not area.revealing, timeout=3000)
    assert visible_in(page.answer_box.headline, area)
    assert page.answer_box.headline.text() == "Not for free phone calls."
    glided = area._animation.State.Running in moves
    assert glided != reduce_motion


def test_i_have_an_account_shows_what_it_changed(make_window, qtbot):
    window = make_window(size=(1366, 768))
    show(window, "setup", "en", 200)
    page = window.pages["setup"]
    tap(page.have_account)
    qtbot.waitUntil(lambda: not page.scroll_area.revealing, timeout=3000)
    assert visible_in(page.have_account_note, page.scroll_area)


# -- the web address ---------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_longest_address_reads_as_one_unit(make_window, tmp_path, size):
    window = make_window(settings_file(tmp_path, LONGEST_SETTINGS), size=size)
    host = address_units(SECURUS_URL)[0]
    assert host == "https://securustech.net/"
    for text_size in (100, 150, 200):
        for lang in ("en", "ar", "zh_Hant", "km", "hy"):
            show(window, "setup", lang, text_size)
            address = window.pages["setup"].website
            where = f"{size} {text_size}% {lang}"
            lines = address.text().split("\n")
            assert "".join(lines) == SECURUS_URL, where
            assert lines[0].startswith(host), f"{where}: the host is broken: {lines}"
            assert all(line.endswith("/") for line in lines[:-1]), f"{where}: {lines}"
            latin = Metrics.for_screen(*size, text_size, LATIN_SCRIPT)
            assert address.font().pixelSize() >= latin.font_px(BODY_PX), where
            assert address.layoutDirection() == Qt.LayoutDirection.LeftToRight
            rtl = window.session.language in ("ar", "fa")
            edge = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
            assert address.alignment() & edge, where


# -- bullets -----------------------------------------------------------------------------------
def ink_rows(image: QImage, box: QRect, background: QColor) -> list[int]:
    """The rows of ``box`` holding a pixel clearly unlike the background."""
    rows = []
    for y in range(box.top(), box.bottom() + 1):
        for x in range(box.left(), box.right() + 1, 2):
            c = QColor(image.pixel(x, y))
            if abs(c.red() - background.red()) + abs(c.green() - background.green()) > 150:
                rows.append(y)
                break
    return rows


@pytest.mark.parametrize("lang", ["en", "km", "ar", "zh_Hant", "pa", "hy"])
def test_bullets_sit_on_the_first_line_of_their_item(make_window, lang):
    window = make_window(size=(1080, 1920))
    show(window, "done", lang, 200)
    window.session.toggle_service("phone")
    for _ in range(6):
        QApplication.processEvents()
    page = window.pages["done"]
    rows = [r for r in page.findChildren(type(page.chosen._rows[0])) if r.isVisible()]
    assert rows
    checked = 0
    for row in rows:
        page.scroll_area.ensureWidgetVisible(row, 0, 0)
        QApplication.processEvents()
        shot = window.grab().toImage()
        background = QColor(
            shot.pixel(in_window(row, window).left() + 1, in_window(row, window).top() + 1)
        )
        bullet = ink_rows(shot, in_window(row.marker, window), background)
        label = row.label
        top = in_window(label, window).top() + label.contentsMargins().top()
        line = label.fontMetrics().lineSpacing()
        first = ink_rows(
            shot, QRect(in_window(label, window).left(), top, label.width(), line), background
        )
        if not bullet or not first:
            continue  # scrolled out of view
        middle = (bullet[0] + bullet[-1]) / 2
        baseline = top + label.fontMetrics().ascent()
        assert first[0] < middle < baseline, (
            f"{lang}: bullet at {middle:.0f}, first line from {first[0]} to baseline {baseline}"
        )
        checked += 1
    assert checked >= 2


# -- every script the same size ------------------------------------------------------------------
def test_every_script_has_a_bold_face(kiosk_app):
    for family in {*SCRIPT_FAMILY.values(), "Noto Sans"}:
        assert "Bold" in QFontDatabase.styles(family), family


@pytest.mark.parametrize("lang", ["km", "ar", "zh_Hant", "pa", "hy", "ko"])
def test_headings_are_drawn_in_the_bold_face(make_window, lang):
    window = make_window()
    show(window, "changes", lang)
    title = window.pages["changes"].title
    layout = QTextLayout(title.text(), title.font())
    layout.beginLayout()
    layout.createLine().setLineWidth(10_000)
    layout.endLayout()
    styles = {run.rawFont().styleName() for run in layout.lineAt(0).glyphRuns()}
    assert styles == {"Bold"}, styles


def test_arabic_script_is_set_larger_than_latin_by_its_measured_size(make_window):
    window = make_window()
    show(window, "changes", "en")
    latin = window.pages["changes"].paragraphs[0].font().pixelSize()
    show(window, "changes", "ar")
    arabic = window.pages["changes"].paragraphs[0].font().pixelSize()
    assert arabic == round(latin * script_for("ar").scale)
    assert script_for("ar").scale > 1.2 and script_for("en").scale == 1.0


def name_ink_heights(window) -> dict[str, int]:
    heights = {}
    page = window.pages["language"]
    for code, button in page.grid.buttons.items():
        page.scroll_area.ensureWidgetVisible(button, 0, 0)
        QApplication.processEvents()
        shot = window.grab().toImage()
        box = in_window(button._label, window)
        background = QColor(shot.pixel(box.left() + 2, box.top() + 2))
        rows = ink_rows(shot, box, background)
        heights[code] = rows[-1] - rows[0] + 1
    return heights


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", [100, 200])
def test_every_language_name_in_the_picker_looks_the_same_size(make_window, size, text_size):
    """Each name's ink height is within 10% of the middle name's (العربية and فارسی were
    clearly smaller than the rest)."""
    window = make_window(size=size)
    show(window, "language", "en", text_size)
    heights = name_ink_heights(window)
    middle = statistics.median(heights.values())
    off = {code: round(h / middle, 2) for code, h in heights.items() if abs(h / middle - 1) > 0.1}
    assert off == {}, heights


# -- the picker after Welcome --------------------------------------------------------------------
def test_the_picker_offers_the_language_welcome_was_showing(make_window):
    window = make_window()
    welcome = window.pages["welcome"]
    welcome.show_language("es")  # the greeting's turn in Spanish
    tap(welcome.button)
    assert window.session.page == "language"
    assert window.session.language == "es"
    assert window.pages["language"].grid.buttons["es"].isChecked()
    assert not window.pages["language"].grid.buttons["en"].isChecked()


def test_the_script_sizes_are_measured_from_these_fonts_and_catalogs(kiosk_app):
    """kiosk/ui/script_metrics.py is what build/measure_scripts.py measures now: after the
    fonts or the catalogs change, run it again."""
    spec = importlib.util.spec_from_file_location(
        "measure_scripts", Path(__file__).resolve().parents[1] / "build" / "measure_scripts.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    measured = {family: Script(*values) for family, values in module.measure().items()}
    assert measured == SCRIPTS, "run: uv run python build/measure_scripts.py"


# -- running text ------------------------------------------------------------------------------
def test_vietnamese_names_the_month_in_running_text_in_lower_case(make_window, tmp_path):
    """ "tháng 9" in a sentence, never "Tháng 9" (issue 21 gave translators {month_in_text})."""
    before = dt.date(2026, 6, 1)  # the rollout month ahead: its name is in the sentence
    window = make_window(today=lambda: before)
    show(window, "changes", "vi")
    texts = " ".join(visible_texts(window.pages["changes"]))
    assert "tháng 9" in texts
    assert "Tháng 9" not in texts


@pytest.mark.parametrize("lang", ["en", "km", "ar"])
def test_step_numbers_sit_on_their_titles_first_line(make_window, lang):
    window = make_window(size=(1080, 1920))
    show(window, "done", lang, 200)
    page = window.pages["done"]
    checked = 0
    for card in page.next_steps.cards.values():
        if not card.isVisible():
            continue
        page.scroll_area.ensureWidgetVisible(card.number, 0, 0)
        QApplication.processEvents()
        shot = window.grab().toImage()
        box = in_window(card, window)
        background = QColor(shot.pixel(box.left() + 8, box.top() + 8))
        view = in_window(page.scroll_area.viewport(), window)
        digits = ink_rows(shot, in_window(card.number, window) & view, background)
        title = card.title
        baseline = in_window(title, window).top() + title.contentsMargins().top()
        baseline += title.fontMetrics().ascent()
        assert digits and abs(digits[-1] - baseline) <= 3, (lang, digits[-1:], baseline)
        checked += 1
    assert checked == 3
