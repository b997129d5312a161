"""Left alone, the kiosk warns, counts down, and starts over clean for the next visitor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from helpers import button, tap
from helpers.fakes import FakeCounts
from kiosk.ui.idle import IdleState, IdleTiming

FAST = IdleTiming(timeout_ms=30, warning_s=3, tick_ms=20)
SLOW = IdleTiming(timeout_ms=60_000, warning_s=30)


def make(make_window, timing, **kwargs):
    window = make_window(**kwargs)
    window.chrome.idle.set_timing(timing)
    return window


def test_left_alone_it_warns_then_starts_over_clean(make_window, qtbot):
    window = make(make_window, SLOW)  # no warning while the test is still tapping
    tap(button(window, "StartButton"))
    tap(window.pages["language"].grid.buttons["es"])
    window.session.go_to("account")
    tap(button(window, "choice-video"))
    window.pages["account"].scroll_area.verticalScrollBar().setValue(100)
    assert window.chrome.idle.state is IdleState.WATCHING
    window.chrome.idle.set_timing(FAST)
    with qtbot.waitSignal(window.chrome.idle.warning_started, timeout=2000):
        pass
    assert window.chrome.idle_overlay.isVisible()
    countdown = window.chrome.idle_overlay.countdown.text()
    assert "3" in countdown  # in Spanish: the visitor's language
    assert window.chrome.idle_overlay.title.text() != "Still there?"
    with qtbot.waitSignal(window.chrome.idle.expired, timeout=2000):
        pass
    assert not window.chrome.idle_overlay.isVisible()
    assert window.session.page == "welcome"
    assert window.session.language == "en"
    assert window.session.chosen == frozenset()
    assert window.chrome.idle.state is IdleState.OFF
    window.session.go_to("account")
    assert window.pages["account"].scroll_area.verticalScrollBar().value() == 0
    assert not button(window, "choice-video").isChecked()


def test_countdown_says_the_seconds_left_in_words(make_window, qtbot):
    window = make(make_window, IdleTiming(timeout_ms=10, warning_s=30, tick_ms=5))
    window.session.go_to("changes")
    with qtbot.waitSignal(window.chrome.idle.warning_started, timeout=2000):
        pass
    assert (
        window.chrome.idle_overlay.countdown.text() == "This screen will start over in 30 seconds."
    )
    with qtbot.waitSignal(window.chrome.idle.tick, timeout=2000, check_params_cb=lambda s: s == 1):
        pass
    assert window.chrome.idle_overlay.countdown.text() == "This screen will start over in 1 second."


def test_the_tap_that_answers_never_presses_the_button_under_it(make_window, qtbot):
    window = make(make_window, IdleTiming(timeout_ms=10, warning_s=30))
    window.session.go_to("account")
    phone = button(window, "choice-phone")
    with qtbot.waitSignal(window.chrome.idle.warning_started, timeout=2000):
        pass
    window.chrome.idle.set_timing(SLOW)  # so the warning does not come straight back
    point = phone.mapTo(window, phone.rect().center())
    tap(window.chrome.idle_overlay, window.chrome.idle_overlay.mapFrom(window, point))
    assert not window.chrome.idle_overlay.isVisible()
    assert not phone.isChecked()
    assert window.session.chosen == frozenset()
    assert window.session.page == "account"
    assert window.chrome.idle.state is IdleState.WATCHING


def test_the_big_button_keeps_the_visitor_where_they_were(make_window, qtbot):
    window = make(make_window, IdleTiming(timeout_ms=10, warning_s=30))
    window.session.go_to("setup")
    with qtbot.waitSignal(window.chrome.idle.warning_started, timeout=2000):
        pass
    window.chrome.idle.set_timing(SLOW)  # so the warning does not come straight back
    tap(button(window, "StayButton"))
    assert not window.chrome.idle_overlay.isVisible()
    assert window.session.page == "setup"


def test_any_touch_key_or_scroll_restarts_the_quiet_time(make_window):
    window = make(make_window, SLOW)
    window.session.go_to("changes")
    quiet = window.chrome.idle._quiet
    for act in (
        lambda: QTest.keyClick(window, Qt.Key.Key_Tab),
        lambda: QTest.mouseClick(window.pages["changes"].title, Qt.MouseButton.LeftButton),
        lambda: tap(window.pages["changes"].title),
    ):
        quiet.start(5)  # about to fire
        act()
        assert quiet.remainingTime() > 50_000


def test_welcome_is_not_watched_and_its_wake_tap_presses_nothing_else(make_window):
    window = make(make_window, SLOW)
    assert window.chrome.idle.state is IdleState.OFF
    welcome = window.pages["welcome"]
    tap(welcome, QPoint(welcome.width() // 2, welcome.height() - 10))
    assert window.session.page == "language"
    assert window.session.language == "en"  # no language button was pressed by that tap
    assert window.chrome.idle.state is IdleState.WATCHING


def test_usage_is_counted_per_session_without_choices(make_window, qtbot):
    counts = FakeCounts()
    window = make(make_window, SLOW, usage=counts)
    tap(button(window, "StartButton"))
    tap(window.pages["language"].grid.buttons["vi"])
    for _ in range(4):
        tap(button(window, "ContinueButton"))
    tap(button(window, "StartOverButton"))
    assert counts.events == [
        "started", "page:language", "page:changes", "language:vi", "page:account",
        "page:setup", "page:unknowns", "page:done", "finished", "flush",
    ]  # fmt: skip
    counts.events.clear()
    tap(button(window, "StartButton"))
    window.chrome.idle.set_timing(FAST)
    with qtbot.waitSignal(window.chrome.idle.expired, timeout=2000):
        pass
    assert counts.events == ["started", "page:language", "idle", "flush"]


def test_attract_screen_cycles_languages_and_sleeps_elsewhere(make_window, tmp_path):
    from kiosk.core.settings import load_settings

    path = tmp_path / "s.toml"
    path.write_text('languages = ["en", "ar", "km"]\n', encoding="utf-8")
    window = make_window(load_settings(path))
    welcome = window.pages["welcome"]
    assert welcome.cycle.isActive()
    english = welcome.headline.text()
    welcome.next_language()  # what the timer does
    assert welcome.attract_language == "ar"
    assert welcome.headline.text() != english
    assert welcome.headline.layoutDirection() == Qt.LayoutDirection.RightToLeft
    welcome.next_language()
    assert welcome.attract_language == "km"
    welcome.next_language()
    assert welcome.headline.text() == english
    window.session.go_to("changes")
    assert not welcome.cycle.isActive()  # no timers while nobody is on Welcome


def test_welcome_loads_every_offered_font_once_after_its_first_frame(make_window, qtbot):
    window = make_window()
    welcome = window.pages["welcome"]
    qtbot.waitUntil(lambda: not welcome.warm_up.is_busy(), timeout=5000)
    assert welcome.warm_up.pending == 0  # each greeting was drawn off screen once ...
    window.session.go_to("changes")
    window.start_over()
    assert not welcome.warm_up.is_busy()  # ... and never again


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_start_button_stays_put_while_the_greeting_changes_language(make_window, qtbot, size):
    window = make_window()
    window.resize(*size)
    welcome = window.pages["welcome"]
    qtbot.waitUntil(lambda: not welcome.warm_up.is_busy(), timeout=5000)
    positions = set()
    for _ in welcome._codes:
        welcome.next_language()
        window.layout().activate()
        welcome.greeting.layout().activate()
        positions.add(welcome.button.mapTo(window, welcome.button.rect().topLeft()).y())
    assert len(positions) == 1, positions


def test_welcome_greets_in_the_sessions_language_when_it_changes(make_window):
    window = make_window()
    welcome = window.pages["welcome"]
    welcome.next_language()
    welcome.next_language()  # the greeting has cycled on to a third language
    window.session.set_language("ar")  # a visitor who chose Arabic comes back to Welcome
    assert welcome.attract_language == "ar"
    assert welcome.headline.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window.session.start_over()  # the next visitor: the default language first
    assert welcome.attract_language == "en"
