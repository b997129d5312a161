"""Every kind of audit event, each produced by its own test the way staff or the system cause
it, and found in the audit log with its fields. Nothing a visitor chose is ever written there."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from helpers import button, tap
from helpers.fakes import FakeClock
from helpers.pins import GOOD_PIN, write_legacy_pin
from helpers.processes import child_env
from kiosk.cli import main
from kiosk.core import pin as pin_module
from kiosk.core.audit import AuditEvent, AuditLog, default_audit_dir, read_entries, verify
from kiosk.core.content_audit import install_and_record
from kiosk.core.content_source import operator_pack_path
from kiosk.core.exit_codes import ADMIN_EXIT_CODE
from kiosk.core.kiosk_run import KioskRun
from kiosk.core.paths import resource
from kiosk.core.pin import PinStore
from kiosk.core.settings import ALL_LANGUAGES, load_settings
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.idle import IdleTiming

ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
BUNDLED = resource("content/pack.toml").read_text(encoding="utf-8")


def events(event: AuditEvent | None = None) -> list[dict]:
    """The records in the audit log (of one kind), oldest first; the chain must be intact."""
    assert verify().ok, verify().broken
    found = [e.data for e in read_entries() if e.data is not None]
    if event is None:
        return found
    return [d for d in found if d["event"] == event.value]


def fields(record: dict) -> dict:
    """A record without its seq, time and prev."""
    assert ISO_TIME.fullmatch(record["time"]), record["time"]
    return {k: v for k, v in record.items() if k not in ("seq", "time", "prev")}


@pytest.fixture(autouse=True)
def cheap_hash(monkeypatch):
    monkeypatch.setattr(pin_module, "SCRYPT_N", 2**8)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_800_000_000.0)


@pytest.fixture
def audit() -> AuditLog:
    return AuditLog()  # in the test's own state folder (conftest)


@pytest.fixture
def staff_window(make_window, audit, clock, tmp_path):
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('facility_name = "Valley State Prison"\n', encoding="utf-8")
    pins = PinStore(clock=clock, audit=audit)
    pins.set_pin(GOOD_PIN)
    stick = tmp_path / "stick"
    stick.mkdir()
    services = AdminServices(
        pin_is_set=pins.is_set,
        audit=audit,
        install_content=partial(install_and_record, audit=audit),
        media_packs=lambda: sorted(stick.glob("*.toml")),
        today=lambda: dt.date(2026, 11, 26),
    )
    window = make_window(load_settings(settings_file), pins=pins, admin_services=services)
    window.pins_for_test, window.stick_for_test = pins, stick
    window.session.go_to("changes")
    return window


def enter_pin(window, pin):
    for digit in pin:
        tap(button(window, f"pin-{digit}"))
    tap(button(window, "pin-ok"))


def open_admin(window, pin=GOOD_PIN):
    for _ in range(5):
        tap(window, QPoint(20, 20))
    enter_pin(window, pin)
    assert window.admin.isVisible()
    return window.admin


# -- the PIN -------------------------------------------------------------------------------------
def test_the_pin_set_at_the_console_is_recorded_without_the_pin(monkeypatch):
    for _ in range(2):
        monkeypatch.setattr(sys, "stdin", io.StringIO(f"{GOOD_PIN}\n{GOOD_PIN}\n"))
        assert main(["set-pin"]) == 0
    first, second = events(AuditEvent.PIN_SET)
    assert fields(first) == {"event": "pin_set", "by": "kiosk set-pin", "replaced": False}
    assert fields(second) == {"event": "pin_set", "by": "kiosk set-pin", "replaced": True}
    assert GOOD_PIN not in "".join(e.raw.decode() for e in read_entries())


def test_the_pin_changed_on_the_admin_screen_is_recorded(staff_window):
    open_admin(staff_window)
    tap(button(staff_window, "AdminChangePin"))
    enter_pin(staff_window, "618093")
    enter_pin(staff_window, "618093")
    assert fields(events(AuditEvent.PIN_SET)[-1]) == {
        "event": "pin_set",
        "by": "admin screen",
        "replaced": True,
    }
    # and the screen shows it among the last events, newest first
    assert (
        staff_window.admin.events.text()
        .splitlines()[0]
        .endswith("admin PIN set (by: admin screen; replaced: true)")
    )


def test_a_wrong_pin_is_recorded_without_the_digits(staff_window):
    for _ in range(5):
        tap(staff_window, QPoint(20, 20))
    enter_pin(staff_window, "97053")
    enter_pin(staff_window, "970531")
    first, second = events(AuditEvent.PIN_WRONG)
    assert fields(first) == {"event": "pin_wrong", "failures": 1, "tries_left": 4}
    assert fields(second) == {"event": "pin_wrong", "failures": 2, "tries_left": 3}
    text = "".join(e.raw.decode() for e in read_entries())
    assert "97053" not in text


def test_a_lockout_beginning_is_recorded_with_its_length_and_end(staff_window, clock):
    for _ in range(5):
        tap(staff_window, QPoint(20, 20))
    for _ in range(5):
        enter_pin(staff_window, "970531")
    [began] = events(AuditEvent.LOCKOUT_BEGAN)
    until = dt.datetime.fromtimestamp(clock.now + 60).astimezone().isoformat(timespec="seconds")
    assert fields(began) == {"event": "lockout_began", "seconds": 60, "until": until}
    assert [e["event"] for e in events()][-2:] == ["pin_wrong", "lockout_began"]


def test_a_lockout_ending_is_recorded_with_how(staff_window, clock):
    for _ in range(5):
        tap(staff_window, QPoint(20, 20))
    for _ in range(5):
        enter_pin(staff_window, "970531")
    enter_pin(staff_window, GOOD_PIN)  # refused: locked
    end = dt.datetime.fromtimestamp(clock.now + 60).astimezone().isoformat(timespec="seconds")
    clock.now += 61
    enter_pin(staff_window, GOOD_PIN)
    [ended] = events(AuditEvent.LOCKOUT_ENDED)
    assert fields(ended) == {
        "event": "lockout_ended",
        "how": "time ran out",
        "ended": end,
        "refused": 1,
    }
    for _ in range(5):
        staff_window.pins_for_test.check("970531")
    PinStore(clock=clock, audit=AuditLog()).set_pin("618093")  # `kiosk set-pin`
    later = events(AuditEvent.LOCKOUT_ENDED)[-1]
    assert (later["how"], later["refused"]) == ("the PIN was set", 0)


# -- the admin screen ----------------------------------------------------------------------------
def test_opening_the_admin_screen_is_recorded(staff_window):
    open_admin(staff_window)
    assert [fields(e) for e in events(AuditEvent.ADMIN_OPENED)] == [{"event": "admin_opened"}]


def test_opening_it_with_an_old_pin_records_the_warning(staff_window):
    write_legacy_pin(staff_window.pins_for_test.path, "2468")
    open_admin(staff_window, "2468")
    assert fields(events(AuditEvent.ADMIN_OPENED)[-1]) == {
        "event": "admin_opened",
        "pin_should_be_replaced": True,
    }


def test_closing_it_with_its_button_is_recorded(staff_window):
    open_admin(staff_window)
    tap(button(staff_window, "text_size=150"))  # changed, not saved
    tap(button(staff_window, "AdminClose"))
    assert fields(events(AuditEvent.ADMIN_CLOSED)[-1]) == {
        "event": "admin_closed",
        "how": "Close button",
        "unsaved": 1,
    }


def test_closing_it_by_idle_is_recorded(staff_window, qtbot):
    staff_window.session.go_to("welcome")  # staff came in over Welcome, and walked away
    open_admin(staff_window)
    staff_window.chrome.idle.set_timing(IdleTiming(timeout_ms=20, warning_s=1, tick_ms=10))
    with qtbot.waitSignal(staff_window.chrome.idle.expired, timeout=3000):
        pass
    assert not staff_window.admin.isVisible()
    assert fields(events(AuditEvent.ADMIN_CLOSED)[-1]) == {"event": "admin_closed", "how": "idle"}


def test_each_setting_saved_is_recorded_with_its_old_and_new_values(staff_window):
    open_admin(staff_window)
    tap(button(staff_window, "text_size=150"))
    tap(button(staff_window, "offer-km"))
    tap(button(staff_window, "AdminSave"))
    path = str(staff_window.settings.source)
    changes = sorted(
        (fields(e) for e in events(AuditEvent.SETTING_CHANGED)), key=lambda f: f["key"]
    )
    assert changes == [
        {
            "event": "setting_changed",
            "key": "languages",
            "old": list(ALL_LANGUAGES),
            "new": [c for c in ALL_LANGUAGES if c != "km"],
            "file": path,
        },
        {"event": "setting_changed", "key": "text_size", "old": 100, "new": 150, "file": path},
    ]


def test_a_pack_installed_from_the_admin_screen_is_recorded(staff_window):
    pack = staff_window.stick_for_test / "visitor-kiosk-content.toml"
    pack.write_text(
        BUNDLED.replace('content_version = "2026.12.3"', 'content_version = "2026.12.5"'),
        encoding="utf-8",
    )
    open_admin(staff_window)
    tap(button(staff_window, "load-content"))
    assert staff_window.admin.message.text().startswith("Loaded content 2026.12.5")
    [installed] = events(AuditEvent.CONTENT_INSTALLED)
    assert fields(installed) == {
        "event": "content_installed",
        "version": "2026.12.5",
        "checked_on": "2026-11-26",
        "source": str(pack),
        "sha256": _sha256(operator_pack_path()),
    }
    assert _sha256(pack) == _sha256(operator_pack_path())


def test_a_pack_refused_on_the_admin_screen_is_recorded_with_the_reason(staff_window):
    pack = staff_window.stick_for_test / "visitor-kiosk-content.toml"
    pack.write_text(
        BUNDLED.replace('content_version = "2026.12.3"', 'content_version = "2027.1.1"').replace(
            'id = "UI"', 'id = "X1"', 1
        ),
        encoding="utf-8",
    )
    open_admin(staff_window)
    tap(button(staff_window, "load-content"))
    assert staff_window.admin.message.text().startswith("Not loaded")
    [refused] = events(AuditEvent.CONTENT_REFUSED)
    record = fields(refused)
    reason = record.pop("reason")
    assert record == {
        "event": "content_refused",
        "source": str(pack),
        "sha256": _sha256(pack),
        "version": "2027.1.1",
    }
    assert str(pack) in reason and "unknown id 'X1'" in reason
    assert not operator_pack_path().exists()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_staff_exit_is_recorded_with_its_code(staff_window, monkeypatch):
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: None))
    open_admin(staff_window)
    tap(button(staff_window, "AdminExit"))
    tap(button(staff_window, "AdminExitConfirm"))
    assert [e["event"] for e in events()][-2:] == ["admin_closed", "staff_exit"]
    assert fields(events(AuditEvent.ADMIN_CLOSED)[-1])["how"] == "Exit kiosk"
    assert fields(events(AuditEvent.STAFF_EXIT)[-1]) == {
        "event": "staff_exit",
        "code": ADMIN_EXIT_CODE,
    }


def test_the_stop_after_a_staff_exit_carries_its_code(audit):
    run = KioskRun(audit, mode="kiosk mode", version="0.1.0", content_version="2026.12.3")
    run.started()
    run.stopped(ADMIN_EXIT_CODE)
    assert fields(events(AuditEvent.KIOSK_STOPPED)[-1]) == {
        "event": "kiosk_stopped",
        "code": ADMIN_EXIT_CODE,
    }


# -- starts and stops, as the kiosk runs ---------------------------------------------------------
def start_kiosk(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--windowed", *args],
        env=child_env(QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for_starts(qtbot, count: int) -> None:
    qtbot.waitUntil(
        lambda: (
            len([e for e in read_entries() if e.data and e.data["event"] == "kiosk_started"])
            >= count
        ),
        timeout=30_000,
    )


def stop(proc: subprocess.Popen, how: signal.Signals) -> int:
    os.kill(proc.pid, how)
    return proc.wait(timeout=30)


def test_a_start_and_a_stop_are_recorded_with_the_exit_code(qtbot):
    kiosk = start_kiosk()
    wait_for_starts(qtbot, 1)
    assert stop(kiosk, signal.SIGTERM) == 0  # as systemd stops or restarts the service
    started, stopped = events()[-2:]
    assert fields(started) == {
        "event": "kiosk_started",
        "mode": "windowed",
        "version": "0.1.0",
        "content_version": "2026.12.3",
    }
    assert fields(stopped) == {"event": "kiosk_stopped", "code": 0, "signal": "SIGTERM"}
    log = (default_audit_dir().parent / "log" / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk stopped with exit code 0 (SIGTERM)" in log


def test_a_run_that_ended_without_a_stop_is_recorded_at_the_next_start(qtbot):
    kiosk = start_kiosk()
    wait_for_starts(qtbot, 1)
    [first] = events(AuditEvent.KIOSK_STARTED)
    stop(kiosk, signal.SIGKILL)  # a crash or a power cut: nothing more is written
    kiosk = start_kiosk()
    wait_for_starts(qtbot, 2)
    assert stop(kiosk, signal.SIGTERM) == 0
    assert [e["event"] for e in events()] == [
        "kiosk_started",
        "run_ended_without_stop",
        "kiosk_started",
        "kiosk_stopped",
    ]
    assert fields(events(AuditEvent.RUN_ENDED_WITHOUT_STOP)[0]) == {
        "event": "run_ended_without_stop",
        "started": first["time"],
    }


def test_bad_operator_files_that_made_the_kiosk_fall_back_are_recorded(qtbot, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('idle_timeout_s = "soon"\n', encoding="utf-8")
    installed = operator_pack_path()
    installed.parent.mkdir(parents=True)
    installed.write_text(BUNDLED.replace('id = "UI"', 'id = "X1"', 1), encoding="utf-8")
    kiosk = start_kiosk("--settings", str(settings))
    wait_for_starts(qtbot, 1)
    qtbot.waitUntil(lambda: len(events(AuditEvent.FALLBACK)) == 2, timeout=10_000)
    stop(kiosk, signal.SIGTERM)
    by_what = {e["what"]: e["problem"] for e in events(AuditEvent.FALLBACK)}
    assert set(by_what) == {"settings", "content pack"}
    assert by_what["settings"].startswith(f"{settings}: idle_timeout_s: expected a whole number")
    assert by_what["content pack"].startswith(
        "installed content pack not used, showing the bundled one: "
    )
    assert "unknown id 'X1'" in by_what["content pack"]


# -- privacy -------------------------------------------------------------------------------------
def visitor(window, code: str, services: tuple[str, ...]) -> None:
    """A visitor's session by touch: a language, some services, to the last step."""
    window.start_over()
    tap(button(window, "StartButton"))
    tap(button(window, f"lang-{code}"))
    window.session.go_to("account")
    for service in services:
        tap(button(window, f"choice-{service}"))
    window.session.go_to("done")


def scripted_day(window, code: str, services: tuple[str, ...]) -> list[dict]:
    """The same staff actions between two visitors' sessions; the audit log, times masked."""
    visitor(window, code, services)
    window.session.go_to("changes")
    for _ in range(5):
        tap(window, QPoint(20, 20))
    enter_pin(window, "970531")
    enter_pin(window, GOOD_PIN)
    tap(button(window, "text_size=150"))
    tap(button(window, "AdminSave"))
    tap(button(window, "AdminClose"))
    visitor(window, code, services)
    return [fields(e) for e in events()]


@pytest.mark.parametrize(
    ("first", "second"),
    [(("vi", ("video",)), ("hmn", ("phone", "messaging")))],
)
def test_no_visitor_language_or_choice_reaches_the_audit_log(
    make_window, tmp_path, monkeypatch, first, second
):
    logs = []
    for n, (code, services) in enumerate((first, second)):
        home = tmp_path / f"run{n}"
        monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
        monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
        settings_file = tmp_path / "settings.toml"  # the same file each run
        settings_file.write_text("", encoding="utf-8")
        audit = AuditLog()
        pins = PinStore(clock=FakeClock(1_800_000_000.0), audit=audit)
        pins.set_pin(GOOD_PIN)
        window = make_window(
            load_settings(settings_file),
            pins=pins,
            admin_services=AdminServices(pin_is_set=pins.is_set, audit=audit),
        )
        logs.append(scripted_day(window, code, services))
        raw = json.dumps(logs[-1])
        for word in (code, *services):
            assert not re.search(rf"\b{re.escape(word)}\b", raw), (word, raw)
        window.close()
    assert logs[0] == logs[1]
    assert [e["event"] for e in logs[0]] == [
        "pin_set",
        "pin_wrong",
        "admin_opened",
        "setting_changed",
        "admin_closed",
    ]
