"""The monkey test: thousands of random touches, clicks, swipes and keys over the whole UI.

Seeded: the events are drawn from MONKEY_SEED, and a failure names the seed, the event number
and the last twelve events (`MONKEY_SEED=<seed> uv run pytest tests/test_monkey.py -m monkey`).
The kiosk's own timers do not run by the wall clock here: the idle timeout and Welcome's
changing greeting are events the monkey draws like any other, and the glide after a swipe is
stopped when the finger lifts. Qt's touch handling still does (touch times, touch scrolling), so
two runs of one seed can part ways after some hundreds of events (two runs of 1,300 parted at
event 1,200 on this machine): a replay shows the same kind of run, not always the same run, and
the report is written to be understood without one.

After every event the kiosk must still make sense to a visitor: exactly one page shown, the
session on a real page, Back never before Welcome, every visible text in the session's
language, and no exception. Qt warnings fail the test through pytest-qt (qt_log_level_fail in
pyproject.toml).

The default run is short so the suite stays fast; the full run (>= 10,000 events) is marked
`monkey` and CI runs it as a step of its own: `uv run pytest -m monkey tests/test_monkey.py`.
"""

from __future__ import annotations

import os
import random
import sys
from collections import deque

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QScroller,
    QWidget,
)

from helpers import click, tap, touch_device
from kiosk.core.exit_codes import ADMIN_EXIT_CODE
from kiosk.core.pin import PinStore
from kiosk.core.session import PAGES
from kiosk.core.settings import ALL_LANGUAGES, load_settings
from kiosk.ui.helpdesk.window import VIEWS, HelpDeskWindow
from kiosk.ui.idle import IdleTiming
from kiosk.ui.pages import welcome as welcome_page

SEED = int(os.environ.get("MONKEY_SEED", "20261126"))
FULL_EVENTS = 10_000
SHORT_EVENTS = 1_000
PIN = "350842"
#: Qt's gesture manager says this when a touch swipe lands on a page whose content fits (nothing
#: to scroll); the visitor sees nothing. Reported to the lead; ignored here only.
GESTURE_NOISE = "QGestureManager::deliverEvents: could not find the target for gesture"
ignore_gesture_noise = pytest.mark.qt_log_ignore(GESTURE_NOISE)
#: Idle and Welcome's greeting never change by themselves during the run (that would make the
#: run depend on the wall clock); the monkey resets idle and turns the greeting now and then.
NEVER_MS = 1_000_000_000
NEVER_IDLE = IdleTiming(timeout_ms=NEVER_MS, warning_s=30)

KEYS = [
    Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space,
    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Escape,
    Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Backspace,
    Qt.Key.Key_A, Qt.Key.Key_Z, Qt.Key.Key_1, Qt.Key.Key_F1, Qt.Key.Key_F4,
]  # fmt: skip
MODIFIERS = [Qt.KeyboardModifier.NoModifier] * 6 + [
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
]


def english_texts_not_allowed(translators) -> dict[str, set[str]]:
    """Per language: the English texts its catalog translates differently (must not be shown)."""
    found: dict[str, set[str]] = {}
    for code in ALL_LANGUAGES:
        if code == "en":
            continue
        catalog = getattr(translators[code]._catalog, "_catalog", {})
        found[code] = {
            key for key, text in catalog.items() if isinstance(key, str) and key and text != key
        }
    return found


class ExceptionCollector:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, kind, value, tb) -> None:
        self.seen.append(f"{kind.__name__}: {value}")


class Monkey:
    """Random input to one top-level window, remembered so a failure can be told."""

    def __init__(self, window: QWidget, rng: random.Random) -> None:
        self.window, self.rng = window, rng
        self.history: deque[str] = deque(maxlen=12)

    def point(self) -> QPoint:
        return QPoint(
            self.rng.randrange(self.window.width()), self.rng.randrange(self.window.height())
        )

    def inside(self, point: QPoint) -> QPoint:
        """A finger may leave the screen's edge; Qt's test events may not leave the window."""
        x = min(max(point.x(), 0), self.window.width() - 1)
        return QPoint(x, min(max(point.y(), 0), self.window.height() - 1))

    def buttons(self, skip: tuple[str, ...] = ()) -> list[QAbstractButton]:
        return [
            b
            for b in self.window.findChildren(QAbstractButton)
            if b.isVisible() and b.isEnabled() and not b.objectName().startswith(skip)
        ]

    def settled_buttons(self, skip: tuple[str, ...] = ()) -> list[QAbstractButton]:
        """The buttons a finger can aim at once the screen has settled: pending events are
        handled until no visible button moves (at most ten passes)."""
        last: list[tuple[QAbstractButton, QPoint, object]] | None = None
        buttons: list[QAbstractButton] = []
        for _ in range(10):
            QApplication.processEvents()
            buttons = self.buttons(skip)
            now = [(b, b.mapTo(self.window, QPoint()), b.size()) for b in buttons]
            if now == last:
                break
            last = now
        return buttons

    def press(self, button: QAbstractButton, how) -> None:
        """Tap or click a button. If it went away just before (something still pending when it
        was chosen hid it: seen once in CI, with Qt's touch scrolling, which runs by the wall
        clock), the finger lands where it was, as a visitor's would."""
        where = button.mapTo(self.window, button.rect().center())
        try:
            how(button)
        except AssertionError as exc:
            if button.isVisible() or not self.window.isVisible():
                raise AssertionError(f"{exc}; {self.describe(button)}") from None
            self.history.append(f"  it went away ({self.describe(button)}): touch at {where}")
            self.touch_at(self.inside(where))

    def describe(self, button: QAbstractButton) -> str:
        """Where a button that could not be pressed is, to tell why."""
        hidden = []
        widget: QWidget | None = button
        while widget is not None:
            if widget.isHidden():
                hidden.append(widget.objectName() or type(widget).__name__)
            widget = widget.parentWidget()
        window = self.window
        page = getattr(getattr(window, "session", None), "page", "?")
        return (
            f"hidden: {hidden or 'none'}, parent: {button.parentWidget()}, "
            f"window visible: {window.isVisible()}, page now: {page}"
        )

    def touch_at(self, point: QPoint) -> None:
        handle = self.window.windowHandle()
        QTest.touchEvent(handle, touch_device()).press(0, point).commit()
        QTest.touchEvent(handle, touch_device()).release(0, point).commit()

    def swipe(self, touch: bool) -> None:
        areas = [a for a in self.window.findChildren(QScrollArea) if a.isVisible()]
        if not areas:
            return
        area = self.rng.choice(areas).viewport()
        start = area.mapTo(self.window, QPoint(area.width() // 2, area.height() // 2))
        dx, dy = self.rng.randint(-300, 300), self.rng.randint(-400, 400)
        handle = self.window.windowHandle()
        self.history.append(f"{'swipe' if touch else 'drag'} at {start.toTuple()} by {dx},{dy}")
        steps = [self.inside(start + QPoint(dx * i // 5, dy * i // 5)) for i in range(1, 6)]
        if touch:
            QTest.touchEvent(handle, touch_device()).press(0, start).commit()
            for point in steps:
                QTest.touchEvent(handle, touch_device()).move(0, point).commit()
            QTest.touchEvent(handle, touch_device()).release(0, steps[-1]).commit()
        else:
            QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
            for point in steps:
                QTest.mouseMove(handle, point)
            QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=steps[-1])
        if QScroller.hasScroller(area):  # no glide on by the wall clock (see the docstring)
            QScroller.scroller(area).stop()

    def key(self) -> None:
        key, modifier = self.rng.choice(KEYS), self.rng.choice(MODIFIERS)
        self.history.append(f"key {key.name} {modifier.name}")
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifier)

    def random_event(self, skip: tuple[str, ...] = ()) -> None:
        roll = self.rng.random()
        if roll < 0.25:
            point = self.point()
            self.history.append(f"touch at {point.toTuple()}")
            self.touch_at(point)
        elif roll < 0.35:
            point = self.point()
            self.history.append(f"click at {point.toTuple()}")
            QTest.mouseClick(self.window.windowHandle(), Qt.MouseButton.LeftButton, pos=point)
        elif roll < 0.70:
            buttons = self.settled_buttons(skip)
            if buttons:
                button = self.rng.choice(buttons)
                how = self.rng.choice([tap, tap, click])
                self.history.append(
                    f"{how.__name__} {button.objectName() or type(button).__name__}"
                )
                self.press(button, how)
        elif roll < 0.85:
            self.swipe(touch=self.rng.random() < 0.6)
        else:
            self.key()
        QApplication.processEvents()


# -- the visitor's window ------------------------------------------------------------
@pytest.fixture
def monkey_window(make_window, tmp_path, monkeypatch):
    monkeypatch.setattr(IdleTiming, "from_settings", classmethod(lambda cls, settings: NEVER_IDLE))
    monkeypatch.setattr(welcome_page, "CYCLE_MS", NEVER_MS)  # the monkey turns the greeting
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('facility_name = "Valley State Prison"\n', encoding="utf-8")
    pins = PinStore(tmp_path / "pin.json")
    pins.set_pin(PIN)
    window = make_window(load_settings(settings_file), pins=pins, timing=NEVER_IDLE)
    window.exits_asked = exits  # the admin screen's Exit, caught before it ends the test
    return window


def staff_way_in(window, monkey: Monkey) -> None:
    """Five taps in the corner and the PIN: the admin screen, now and then."""
    monkey.history.append("corner taps + PIN")
    for _ in range(5):
        monkey.touch_at(QPoint(20, 20))
        QApplication.processEvents()
    if window.pin_pad.isVisible():
        for key in (*PIN, "ok"):
            tap(window.pin_pad.findChild(QAbstractButton, f"pin-{key}"))


def check_visitor_window(window, forbidden: dict[str, set[str]]) -> None:
    session = window.session
    shown = [page for page in window.pages.values() if page.isVisible()]
    assert len(shown) == 1, f"{len(shown)} pages shown"
    assert session.page in PAGES, session.page
    assert shown[0] is window.stack.currentWidget()
    assert shown[0].page_id == session.page, (shown[0].page_id, session.page)
    if session.page == "welcome":
        back = window.findChild(QAbstractButton, "BackButton")
        assert not back.isVisible(), "Back is offered on Welcome"
    staff_only = [w for w in (window._admin, window.pin_pad) if w is not None]
    welcome = window.pages["welcome"]
    for label in window.findChildren(QLabel):
        if not label.isVisible() or any(w.isAncestorOf(label) for w in staff_only):
            continue
        # Welcome's greeting cycles through the offered languages on purpose.
        code = welcome.attract_language if welcome.isAncestorOf(label) else session.language
        text = label.text()
        assert code == "en" or text not in forbidden[code], (
            f"English {text!r} shown in {code} (session {session.language}) on {session.page}"
        )


def run_visitor_monkey(
    window, translators, events: int, seed: int, qtlog=None, every_page: bool = True
) -> None:
    rng = random.Random(seed)
    monkey = Monkey(window, rng)
    forbidden = english_texts_not_allowed(translators)
    errors = ExceptionCollector()
    old_hook, sys.excepthook = sys.excepthook, errors
    languages_seen, pages_seen, admin_opened = set(), set(), 0
    try:
        for number in range(events):
            roll = rng.random()
            if roll < 0.004:
                staff_way_in(window, monkey)
                admin_opened += window._admin is not None and window.admin.isVisible()
            elif roll < 0.007:
                monkey.history.append("idle: time runs out")
                window.chrome.idle.expired.emit()
            elif roll < 0.012:
                welcome = window.pages["welcome"]
                if welcome.isVisible():
                    monkey.history.append("the greeting turns to its next language")
                    welcome.next_language()
            elif roll < 0.02:
                monkey.history.append("open the language overlay")
                language = window.findChild(QAbstractButton, "LanguageButton")
                if language.isVisible():
                    tap(language)
            else:
                try:
                    monkey.random_event()
                except AssertionError as exc:
                    where = f"seed {seed}, event {number}; last events: {list(monkey.history)}"
                    raise AssertionError(f"{exc} ({where})") from None
            QApplication.processEvents()
            where = f"seed {seed}, event {number}; last events: {list(monkey.history)}"
            assert not errors.seen, f"exception: {errors.seen} ({where})"
            if qtlog is not None:
                warned = [r.message for r in qtlog.records if not r.ignored]
                assert not warned, f"Qt warned: {warned[:3]} ({where})"
            if window.exits_asked:  # staff left through the admin screen: start again
                assert window.exits_asked == [ADMIN_EXIT_CODE], where
                assert not window.isVisible(), f"Exit left the window open ({where})"
                window.exits_asked.clear()
                window.allow_close = False
                window.show()
                QApplication.processEvents()
            try:
                check_visitor_window(window, forbidden)
            except AssertionError as exc:
                raise AssertionError(f"{exc} ({where})") from None
            languages_seen.add(window.session.language)
            pages_seen.add(window.session.page)
    finally:
        sys.excepthook = old_hook
    # The monkey must have gone everywhere, or the invariants proved little. A short run's reach
    # depends on where the buttons happen to sit (a layout change moved it off "done" once), so
    # it must reach most pages, and the 10,000-event run every page.
    missed = set(PAGES) - pages_seen
    assert not missed if every_page else len(missed) <= 2, f"seed {seed}: never reached {missed}"
    assert len(languages_seen) >= 5, f"seed {seed}: only {languages_seen}"
    assert admin_opened, f"seed {seed}: the admin screen was never opened"


@ignore_gesture_noise
def test_monkey_short(monkey_window, translators, qtlog):
    run_visitor_monkey(monkey_window, translators, SHORT_EVENTS, SEED, qtlog, every_page=False)


@pytest.mark.monkey
@ignore_gesture_noise
def test_monkey_ten_thousand_events(monkey_window, translators, qtlog):
    run_visitor_monkey(monkey_window, translators, FULL_EVENTS, SEED, qtlog)


# -- the help-desk view ------------------------------------------------------------
def run_helpdesk_monkey(window, events: int, seed: int) -> None:
    rng = random.Random(seed)
    monkey = Monkey(window, rng)
    errors = ExceptionCollector()
    old_hook, sys.excepthook = sys.excepthook, errors
    try:
        for number in range(events):
            # Printing and saving PDFs are tested in test_helpdesk.py; here they only slow it.
            monkey.random_event(skip=("volunteer-print", "visitor-print", "volunteer-save",
                                      "visitor-save"))  # fmt: skip
            where = f"seed {seed}, event {number}; last events: {list(monkey.history)}"
            assert not errors.seen, f"exception: {errors.seen} ({where})"
            assert window.view in VIEWS, where
            checked = [v for v, b in window.page_buttons.items() if b.isChecked()]
            assert checked == [window.view], f"view buttons {checked} for {window.view} ({where})"
            for half in window.halves.values():
                assert half.stack.currentWidget().isVisible(), where
    finally:
        sys.excepthook = old_hook


@pytest.fixture
def monkey_helpdesk(kiosk_app, qtbot, pack, translators, tmp_path):
    from helpers.fakes import FakePrintService
    from kiosk.ui.print_job import HandoutPrinter

    printer = HandoutPrinter(service=FakePrintService())
    window = HelpDeskWindow(
        pack, load_settings(), translators, out_dir=tmp_path / "handouts", printer=printer
    )
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


@ignore_gesture_noise
def test_monkey_on_the_help_desk_view(monkey_helpdesk):
    run_helpdesk_monkey(monkey_helpdesk, SHORT_EVENTS // 3, SEED)


@pytest.mark.monkey
@ignore_gesture_noise
def test_monkey_on_the_help_desk_view_long(monkey_helpdesk):
    run_helpdesk_monkey(monkey_helpdesk, FULL_EVENTS // 5, SEED)
