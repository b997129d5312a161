"""The incoming folder: a settings file or a content pack dropped on a running kiosk is checked,
installed as the admin screen installs it, and shown from the next Welcome; a bad one is moved
aside with its reason, recorded, and changes nothing. The watcher is Qt's real one."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from helpers import button, tap, visible_texts
from kiosk.core.audit import AuditLog, read_entries
from kiosk.core.content import load_content
from kiosk.core.incoming import REFUSED_DIR_NAME, Incoming, refused_files, waiting_files
from kiosk.core.paths import resource
from kiosk.core.settings import load_settings, managed_settings_path
from kiosk.ui.incoming_watch import IncomingWatch

BUNDLED = resource("content/pack.toml").read_text(encoding="utf-8")
NOW = dt.datetime(2026, 12, 1, 10, 30).timestamp()


def newer_pack(version: str = "2026.12.5") -> str:
    return BUNDLED.replace('content_version = "2026.12.3"', f'content_version = "{version}"', 1)


def drop(folder: Path, name: str, text: str) -> Path:
    """As a deployment tool does it: written under a temporary name, then renamed into place.
    Dated ten seconds before the tests' clock (NOW), so it has settled."""
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".{name}.tmp"
    temp.write_text(text, encoding="utf-8")
    os.utime(temp, (NOW - 10, NOW - 10))
    os.replace(temp, folder / name)
    return folder / name


def events(folder: Path) -> list[dict]:
    return [e.data for e in read_entries(folder) if e.data]


@pytest.fixture
def local(tmp_path):
    """The staff's own settings file."""
    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir()
    path.write_text('# ours\nfacility_name = "Valley State Prison"\n', encoding="utf-8")
    return path


@pytest.fixture
def incoming(tmp_path, local):
    return Incoming(
        tmp_path / "incoming",
        settings_path=local,
        pack_target=tmp_path / "content" / "pack.toml",
        audit=AuditLog(tmp_path / "audit"),
        now=lambda: NOW,
        settle_s=0,
    )


# -- the core: what is taken, and how ------------------------------------------------------------
def test_settings_become_the_managed_file_and_the_local_file_is_untouched(
    incoming, local, tmp_path
):
    before = local.read_bytes()
    drop(incoming.folder, "settings.toml", '[service_status]\nvideo = "available"\n')
    [outcome] = incoming.take()
    assert outcome.installed and outcome.what == "settings"
    assert waiting_files(incoming.folder) == []
    assert local.read_bytes() == before
    managed = managed_settings_path(local)
    assert managed.read_text(encoding="utf-8") == '[service_status]\nvideo = "available"\n'
    settings = load_settings(local)
    assert settings.service_status("video") == "available"
    assert settings["facility_name"] == "Valley State Prison"  # the staff's key stays theirs
    assert settings.managed == {"service_status.video"}
    assert outcome.settings is not None and outcome.settings.values == settings.values
    recorded = events(tmp_path / "audit")
    assert [e["event"] for e in recorded] == ["setting_changed", "settings_installed"]
    assert recorded[0]["key"] == "service_status.video"
    assert (recorded[0]["old"], recorded[0]["new"]) == ("coming", "available")
    assert recorded[1]["keys"] == ["service_status.video"]


def test_a_second_settings_file_replaces_the_managed_keys_as_a_whole(incoming, local):
    drop(incoming.folder, "settings.toml", 'help_desk_location = "Desk A"\nlanguages = ["en"]\n')
    incoming.take()
    drop(incoming.folder, "settings.toml", 'help_desk_location = "Desk B"\n')
    incoming.take()
    settings = load_settings(local)
    assert settings["help_desk_location"] == "Desk B"
    assert settings.managed == {"help_desk_location"}
    assert len(settings.offered_languages) == 13  # no longer set centrally: back to the default
    assert managed_settings_path(local).with_suffix(".toml.bak").read_text(encoding="utf-8") == (
        'help_desk_location = "Desk A"\nlanguages = ["en"]\n'
    )


def test_a_pack_is_installed_as_from_a_usb_stick(incoming, tmp_path):
    drop(incoming.folder, "pack.toml", newer_pack())
    [outcome] = incoming.take()
    assert outcome.installed and outcome.pack is not None
    assert outcome.pack.content_version == "2026.12.5"
    assert outcome.pack_file == tmp_path / "content" / "pack.toml"
    assert outcome.pack_file.read_text(encoding="utf-8") == newer_pack()
    assert waiting_files(incoming.folder) == []
    [event] = events(tmp_path / "audit")
    assert event["event"] == "content_installed"
    assert event["version"] == "2026.12.5"
    assert event["source"] == str(incoming.folder / "pack.toml")


@pytest.mark.parametrize(
    ("name", "text", "event", "reason"),
    [
        ("pack.toml", BUNDLED.replace('id = "UI"', 'id = "Z9"', 1), "content_refused", "Z9"),
        ("settings.toml", 'idle_timeout_s = "soon"\n', "settings_refused", "idle_timeout_s"),
        ("settings.toml", 'facilty_name = "typo"\n', "settings_refused", "facilty_name"),
        ("settings.toml", "not = [toml\n", "settings_refused", "not a valid settings file"),
        ("readme.txt", "hello\n", "incoming_refused", "name it one of settings.toml"),
    ],
)
def test_a_bad_file_is_moved_aside_with_its_reason_and_changes_nothing(
    incoming, local, tmp_path, name, text, event, reason
):
    drop(incoming.folder, name, text)
    [outcome] = incoming.take()
    assert not outcome.installed
    assert reason in (outcome.reason or "")
    assert waiting_files(incoming.folder) == []
    [kept] = refused_files(incoming.folder)
    assert kept.file == incoming.folder / REFUSED_DIR_NAME / f"{name}.20261201-103000"
    assert kept.file.read_text(encoding="utf-8") == text
    assert reason in kept.reason
    assert not managed_settings_path(local).exists()
    assert not (tmp_path / "content" / "pack.toml").exists()
    [recorded] = events(tmp_path / "audit")
    assert recorded["event"] == event
    assert reason in recorded["reason"]


def test_files_being_written_are_left_alone_until_they_settle(tmp_path, local):
    clock = [NOW]
    incoming = Incoming(
        tmp_path / "incoming", settings_path=local, now=lambda: clock[0], settle_s=2.0
    )
    folder = incoming.folder
    folder.mkdir()
    for name in (".~settings.toml", "settings.toml.part", "pack.toml~", ".ansible_tmpXpack.toml"):
        (folder / name).write_text("half a fi", encoding="utf-8")
    assert incoming.take() == []
    assert incoming.next_look() is None  # nothing the kiosk will take
    path = drop(folder, "settings.toml", 'facility_name = "Folsom"\n')
    os.utime(path, (NOW - 1, NOW - 1))  # written a second ago
    assert incoming.take() == []
    assert incoming.next_look() == pytest.approx(1.0)
    clock[0] = NOW + 1
    [outcome] = incoming.take()
    assert outcome.installed
    assert sorted(p.name for p in folder.iterdir()) == [
        ".ansible_tmpXpack.toml", ".~settings.toml", "pack.toml~", "settings.toml.part",
    ]  # fmt: skip


def test_only_the_newest_refused_files_are_kept(incoming):
    for n in range(23):
        drop(incoming.folder, "settings.toml", f"bad = {n}\n")
        incoming.take()
    kept = refused_files(incoming.folder)
    assert len(kept) == 20
    assert kept[-1].file.read_text(encoding="utf-8") == "bad = 22\n"
    assert len(list((incoming.folder / REFUSED_DIR_NAME).iterdir())) == 40  # with the reasons


# -- on a running kiosk, with the real watcher -----------------------------------------------------
@pytest.fixture
def running(make_window, qtbot, local, incoming):
    """A kiosk with a visitor on Step 1, watching its incoming folder as the real one does."""
    window = make_window(load_settings(local), size=(1366, 768))
    watch = IncomingWatch(incoming, window.receive_incoming, window, quiet_ms=20)
    watch.start()
    window.session.go_to("changes")
    return window


def video_status(window) -> str:
    card = window.pages["changes"].findChild(type(window.pages["changes"].cards[0]), "status-video")
    return card.status.text()


def test_settings_dropped_on_a_running_kiosk_apply_at_the_next_welcome(
    running, incoming, qtbot, tmp_path
):
    window = running
    assert video_status(window).startswith("Coming.")
    drop(incoming.folder, "settings.toml", '[service_status]\nvideo = "available"\n')
    qtbot.waitUntil(lambda: window.has_pending, timeout=5000)
    assert waiting_files(incoming.folder) == []
    # The visitor goes on with what they saw: a re-render (a bigger text) changes nothing.
    tap(button(window, "TextSizeButton"))
    assert video_status(window).startswith("Coming.")
    assert window.settings.service_status("video") == "coming"
    tap(button(window, "StartOverButton"))
    assert window.session.page == "welcome"
    assert not window.has_pending
    assert window.session.text_size == 100  # the next visitor starts afresh
    window.session.go_to("changes")
    assert video_status(window) == "Available now."
    assert window.settings["facility_name"] == "Valley State Prison"


def test_a_pack_dropped_on_a_running_kiosk_shows_from_the_next_welcome(running, incoming, qtbot):
    window = running
    title = "What is changing"
    assert title in visible_texts(window.pages["changes"])
    drop(incoming.folder, "pack.toml", newer_pack().replace(f'"{title}"', '"What changes"', 1))
    qtbot.waitUntil(lambda: window.has_pending, timeout=5000)
    assert window.pack.content_version == "2026.12.3"
    tap(button(window, "ContinueButton"))
    tap(button(window, "BackButton"))
    assert title in visible_texts(window.pages["changes"])
    tap(button(window, "StartOverButton"))
    assert window.pack.content_version == "2026.12.5"
    window.session.go_to("changes")
    assert "What changes" in visible_texts(window.pages["changes"])


def test_a_bad_pack_dropped_on_a_running_kiosk_is_refused_and_the_content_stays(
    running, incoming, qtbot, tmp_path
):
    window = running
    drop(incoming.folder, "pack.toml", "content_version = 3\n")
    qtbot.waitUntil(lambda: refused_files(incoming.folder) != [], timeout=5000)
    assert waiting_files(incoming.folder) == []
    assert not window.has_pending
    tap(button(window, "StartOverButton"))
    assert window.pack is not None and window.pack.content_version == load_content().content_version
    assert not (tmp_path / "content" / "pack.toml").exists()
    notes = window.admin_services.content_notes
    assert any(n.startswith("incoming: pack.toml refused (") for n in notes)
    [event] = events(tmp_path / "audit")
    assert event["event"] == "content_refused"
    assert json.dumps(event)  # a whole record


def test_a_start_date_pushed_to_a_running_kiosk_shows_from_the_next_welcome(
    make_window, local, incoming, qtbot
):
    """What a fleet push of a facility's news looks like on the kiosk: Step 1 keeps what the
    visitor is reading, and the next visitor reads the day, written by Babel."""
    window = make_window(load_settings(local), size=(1366, 768), today=lambda: dt.date(2026, 12, 1))
    IncomingWatch(incoming, window.receive_incoming, window, quiet_ms=20).start()
    window.session.go_to("changes")
    drop(incoming.folder, "settings.toml", "[service_start]\nvideo = 2027-01-15\n")
    qtbot.waitUntil(lambda: window.has_pending, timeout=5000)
    assert video_status(window).startswith("Coming.")
    tap(button(window, "StartOverButton"))
    window.session.go_to("changes")
    assert video_status(window) == "Starts on January 15, 2027."
    assert window.settings.managed == {"service_start.video"}


def test_bad_settings_dropped_on_a_running_kiosk_are_refused_and_the_settings_stay(
    running, incoming, qtbot, tmp_path, local
):
    window = running
    before = local.read_bytes()
    drop(incoming.folder, "settings.toml", '[service_status]\nvideo = "soon"\n')
    qtbot.waitUntil(lambda: refused_files(incoming.folder) != [], timeout=5000)
    assert not window.has_pending
    [kept] = refused_files(incoming.folder)
    assert "service_status.video: 'soon' is not one of" in kept.reason
    tap(button(window, "StartOverButton"))
    window.session.go_to("changes")
    assert video_status(window).startswith("Coming.")
    assert window.settings["facility_name"] == "Valley State Prison"
    assert local.read_bytes() == before
    assert not managed_settings_path(local).exists()
    assert [e["event"] for e in events(tmp_path / "audit")] == ["settings_refused"]


def test_on_welcome_what_arrives_is_in_force_at_once(running, incoming, qtbot):
    window = running
    tap(button(window, "StartOverButton"))
    drop(incoming.folder, "settings.toml", 'facility_name = "Folsom State Prison"\n')
    qtbot.waitUntil(lambda: window.settings["facility_name"] == "Folsom State Prison", timeout=5000)
    assert not window.has_pending


def test_files_that_arrived_while_the_kiosk_was_off_are_taken_at_its_start(
    make_window, local, incoming, qtbot
):
    drop(incoming.folder, "settings.toml", 'help_desk_location = "the desk by the door"\n')
    window = make_window(load_settings(local))
    IncomingWatch(incoming, window.receive_incoming, window, quiet_ms=20).start()
    assert window.settings["help_desk_location"] == "the desk by the door"
