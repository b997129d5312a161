"""Staff: the hidden gesture, the PIN pad, the admin screen, recovery and the exit code."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from helpers import button, tap
from helpers.fakes import FakeClock
from helpers.pins import GOOD_PIN as PIN
from helpers.pins import write_legacy_pin
from kiosk.core.exit_codes import ADMIN_EXIT_CODE
from kiosk.core.pin import PinStore
from kiosk.core.settings import load_settings
from kiosk.ui.admin.services import AdminServices


def corner_taps(window, count=5):
    for _ in range(count):
        tap(window, QPoint(20, 20))


@pytest.fixture
def pins(tmp_path):
    clock = FakeClock(1_800_000_000.0)
    store = PinStore(tmp_path / "pin.json", clock=clock)
    store.clock_for_test = clock
    return store


@pytest.fixture
def staff_window(make_window, pins, tmp_path):
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(
        '# Written by the visitor-center staff\nfacility_name = "Valley State Prison"\n'
        'my_note = "keep me"\n',
        encoding="utf-8",
    )
    pins.set_pin(PIN)
    services = AdminServices(pin_is_set=pins.is_set, today=lambda: dt.date(2026, 11, 26))
    window = make_window(load_settings(settings_file), pins=pins, admin_services=services)
    window.session.go_to("changes")
    return window


def enter_pin(window, pin):
    for digit in pin:
        tap(button(window, f"pin-{digit}"))
    tap(button(window, "pin-ok"))


def test_without_a_pin_the_gesture_does_nothing(make_window, tmp_path):
    window = make_window(pins=PinStore(tmp_path / "none.json"))
    window.session.go_to("changes")
    corner_taps(window)
    assert not window.pin_pad.isVisible()
    assert not window.admin.isVisible()


def test_four_taps_or_taps_elsewhere_do_not_open_it(staff_window):
    corner_taps(staff_window, 4)
    assert not staff_window.pin_pad.isVisible()
    tap(staff_window, QPoint(staff_window.width() // 2, 300))
    corner_taps(staff_window, 1)
    assert not staff_window.pin_pad.isVisible()


def test_taps_too_slow_do_not_open_it(staff_window):
    clock = FakeClock()
    staff_window.chrome.corner_taps.clock = clock
    for _ in range(5):
        corner_taps(staff_window, 1)
        clock.now += 1.0  # five taps over four seconds
    assert not staff_window.pin_pad.isVisible()


def test_five_corner_taps_then_the_pin_open_the_admin_screen(staff_window):
    corner_taps(staff_window)
    assert staff_window.pin_pad.isVisible()
    enter_pin(staff_window, PIN)
    assert not staff_window.pin_pad.isVisible()
    assert staff_window.admin.isVisible()
    status = staff_window.admin.status.text()
    assert "Content version 2026.12.3, checked on 2026-11-26" in status
    assert "Staff PIN: set" in status


def test_wrong_pins_are_rate_limited(staff_window, pins):
    corner_taps(staff_window)
    for attempt in range(4):
        enter_pin(staff_window, "111111")
        assert f"{4 - attempt} tries left" in staff_window.pin_pad.message.text() or (
            attempt == 3 and "1 try left" in staff_window.pin_pad.message.text()
        )
    enter_pin(staff_window, "1111")
    assert staff_window.pin_pad.message.text() == "Locked. Try again in 1 minute."
    enter_pin(staff_window, PIN)  # even the right PIN waits out the lock
    assert not staff_window.admin.isVisible()
    pins.clock_for_test.now += 61
    enter_pin(staff_window, PIN)
    assert staff_window.admin.isVisible()


def open_admin(window):
    corner_taps(window)
    enter_pin(window, PIN)
    assert window.admin.isVisible()
    return window.admin


def test_admin_edits_settings_and_keeps_the_operators_comments(staff_window):
    admin = open_admin(staff_window)
    tap(button(staff_window, "service_status.video=available"))
    tap(button(staff_window, "text_size=150"))
    tap(button(staff_window, "offer-km"))  # stop offering Khmer
    assert admin.save.isEnabled()
    assert admin.message.text() == "3 changes not saved yet."
    tap(button(staff_window, "AdminSave"))
    assert admin.message.text() == "Saved. Visitors see this from the next welcome screen."
    path = staff_window.settings.source
    text = path.read_text(encoding="utf-8")
    assert "# Written by the visitor-center staff" in text
    assert 'my_note = "keep me"' in text
    data = tomllib.loads(text)
    assert data["service_status"]["video"] == "available"
    assert data["text_size"] == 150
    assert "km" not in data["languages"]
    # Not in the middle of a visit: the page under the admin screen stays as it was ...
    tap(button(staff_window, "AdminClose"))
    cards = {c.objectName(): c for c in staff_window.pages["changes"].cards}
    assert staff_window.session.page == "changes"
    assert cards["status-video"].status.text() != "Available now."
    assert staff_window.settings["text_size"] == 100
    # ... and from the next Welcome on, without a restart.
    tap(button(staff_window, "StartOverButton"))
    assert staff_window.session.page == "welcome"
    assert staff_window.settings["text_size"] == 150
    assert staff_window.session.text_size == 150  # the next visitor starts at 150 %
    assert "km" not in staff_window.settings.offered_languages
    staff_window.session.go_to("changes")
    assert cards["status-video"].status.text() == "Available now."


def test_saved_over_welcome_the_settings_apply_at_once(staff_window):
    staff_window.session.go_to("welcome")  # (the corner taps on Welcome would start a visit)
    staff_window.admin.open(staff_window.context(), staff_window.settings)
    tap(button(staff_window, "text_size=200"))
    tap(button(staff_window, "AdminSave"))
    assert staff_window.settings["text_size"] == 200
    assert staff_window.session.text_size == 200


def test_a_failed_save_says_why_and_loses_nothing(staff_window, monkeypatch):
    import kiosk.core.storage as storage

    path = staff_window.settings.source
    before = path.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", full_disk)
    admin = open_admin(staff_window)
    tap(button(staff_window, "theme=high_contrast"))
    tap(button(staff_window, "AdminSave"))
    assert admin.message.text().startswith("Not saved")
    assert path.read_bytes() == before
    assert staff_window.settings["theme"] == "default"


def test_idle_times_step_within_their_range(staff_window):
    open_admin(staff_window)
    editor = staff_window.admin.editors["idle_warning_s"]
    for _ in range(5):
        tap(editor.minus)
    assert staff_window.admin.value("idle_warning_s") == 20  # never under 20 s


def test_exit_asks_first_and_ends_with_the_do_not_restart_code(staff_window, monkeypatch):
    codes = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: codes.append(code)))
    open_admin(staff_window)
    tap(button(staff_window, "AdminExit"))
    assert codes == []
    tap(button(staff_window, "AdminExitConfirm"))
    assert codes == [ADMIN_EXIT_CODE]


def test_an_unexpected_error_returns_to_welcome(staff_window):
    import sys

    from kiosk.core.logs import CrashCounter, install_excepthook

    counter = CrashCounter(staff_window.settings.source.parent / "crashes.json")
    previous = install_excepthook(counter, staff_window.recover)
    try:
        staff_window.session.toggle_service("video")
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert staff_window.session.page == "welcome"
    assert staff_window.session.chosen == frozenset()
    assert counter.this_run == 1


def test_a_locked_pad_says_so_in_minutes_when_it_opens(staff_window, pins):
    corner_taps(staff_window)
    for _ in range(5):
        enter_pin(staff_window, "111111")
    tap(button(staff_window, "pin-cancel"))
    pins.clock_for_test.now += 61  # the first lock ends; the next round locks for 2 minutes
    corner_taps(staff_window)
    assert staff_window.pin_pad.message.text() == ""
    for _ in range(5):
        enter_pin(staff_window, "111111")
    tap(button(staff_window, "pin-cancel"))
    pins.clock_for_test.now += 10
    corner_taps(staff_window)
    assert staff_window.pin_pad.isVisible()
    assert staff_window.pin_pad.message.text() == "Locked. Try again in 2 minutes."


def test_an_old_four_digit_pin_opens_the_admin_screen_with_a_warning(staff_window, pins):
    write_legacy_pin(pins.path, "2468")
    corner_taps(staff_window)
    enter_pin(staff_window, "2468")
    admin = staff_window.admin
    assert admin.isVisible()
    assert (
        "Staff PIN: set, but replace it: it has only 4 digits; a new PIN has 6 to 12"
        in admin.status.text()
    )
    assert (
        "• Replace the staff PIN (it has only 4 digits; a new PIN has 6 to 12): "
        "tap Change PIN." in admin.problems.text()
    )


def change_pin(window, first, second=None):
    tap(button(window, "AdminChangePin"))
    assert window.pin_pad.isVisible()
    enter_pin(window, first)
    if second is not None:
        enter_pin(window, second)


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("1234", "a new PIN is 6 to 12 digits (0-9), nothing else"),
        ("555555", "it is one digit repeated, which is guessed first"),
        ("234567", "its digits run up in order, which is guessed first"),
        ("987654", "its digits run down in order, which is guessed first"),
        ("696969", "it is a group of digits repeated, which is guessed first"),
        ("159357", "it is one of the most common PINs in leaked password lists"),
    ],
)
def test_the_admin_screen_refuses_a_weak_new_pin_with_the_reason(staff_window, pins, pin, reason):
    open_admin(staff_window)
    before = pins.path.read_bytes()
    change_pin(staff_window, pin)
    pad = staff_window.pin_pad
    assert pad.isVisible()
    assert pad.message.text() == f"Not this PIN: {reason}."
    assert pins.path.read_bytes() == before


def test_the_admin_screen_changes_the_pin_asked_twice(staff_window, pins):
    admin = open_admin(staff_window)
    change_pin(staff_window, "618093", "618094")
    assert staff_window.pin_pad.message.text() == "The two PINs differ. Enter the new PIN again."
    enter_pin(staff_window, "618093")
    enter_pin(staff_window, "618093")
    assert not staff_window.pin_pad.isVisible()
    assert admin.isVisible()
    assert admin.message.text() == "The staff PIN was changed."
    assert pins.check("618093").ok
    assert not pins.check(PIN).ok
