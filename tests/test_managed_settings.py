"""Who owns a setting: keys in the managed file (set centrally) win over the staff's settings
file, the admin screen shows them as "set centrally" and does not edit them, and every other
key stays the staff's."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import button, tap
from helpers.pins import GOOD_PIN
from kiosk.core.pin import PinStore
from kiosk.core.settings import load_settings, managed_settings_path
from kiosk.core.settings_store import save_settings
from kiosk.ui.admin.services import AdminServices


@pytest.fixture
def files(tmp_path):
    local = tmp_path / "settings.toml"
    local.write_text(
        '# the staff\'s\nfacility_name = "Valley State Prison"\nidle_timeout_s = 120\n'
        '[service_status]\nphone = "available"\n',
        encoding="utf-8",
    )
    managed_settings_path(local).write_text(
        'facility_name = "Valley State Prison (VSP)"\n[service_status]\nvideo = "available"\n',
        encoding="utf-8",
    )
    return local


def test_managed_keys_win_and_the_others_stay_local(files):
    settings = load_settings(files)
    assert settings.managed == {"facility_name", "service_status.video"}
    assert settings.managed_source == managed_settings_path(files)
    assert settings["facility_name"] == "Valley State Prison (VSP)"
    assert settings.service_status("video") == "available"
    assert settings.service_status("phone") == "available"  # local
    assert settings["idle_timeout_s"] == 120  # local
    assert settings.problems == []


def test_a_bad_managed_value_is_named_and_the_local_value_stays(files):
    managed_settings_path(files).write_text("idle_timeout_s = 5\n", encoding="utf-8")
    settings = load_settings(files)
    assert settings["idle_timeout_s"] == 120
    assert any(
        str(managed_settings_path(files)) in p and "idle_timeout_s" in p for p in settings.problems
    )


def test_a_broken_managed_file_leaves_the_local_settings_in_force(files):
    managed_settings_path(files).write_bytes(b"facility_name = [\n")
    settings = load_settings(files)
    assert settings["facility_name"] == "Valley State Prison"
    assert settings.managed == frozenset()
    assert any("not a valid settings file" in p for p in settings.problems)


def test_saving_refuses_a_managed_key_and_writes_nothing(files):
    before = files.read_bytes()
    with pytest.raises(ValueError, match="facility_name: set centrally"):
        save_settings(files, {"facility_name": "Somewhere else"})
    assert files.read_bytes() == before


def test_saving_a_local_key_keeps_the_file_and_the_managed_file(files):
    managed = managed_settings_path(files).read_bytes()
    save_settings(files, {"idle_timeout_s": 180})
    assert files.read_text(encoding="utf-8").startswith("# the staff's\n")
    assert managed_settings_path(files).read_bytes() == managed
    settings = load_settings(files)
    assert settings["idle_timeout_s"] == 180
    assert settings["facility_name"] == "Valley State Prison (VSP)"


def test_the_website_rule_sees_both_files(tmp_path):
    local = tmp_path / "settings.toml"
    local.write_text('securus_url = "https://example.org/"\n', encoding="utf-8")
    managed_settings_path(local).write_text("allow_other_website = true\n", encoding="utf-8")
    assert load_settings(local)["securus_url"] == "https://example.org/"


def test_the_admin_screen_shows_managed_keys_as_set_centrally_and_does_not_edit_them(
    make_window, files, tmp_path
):
    pins = PinStore(tmp_path / "pin.json")
    pins.set_pin(GOOD_PIN)
    services = AdminServices(pin_is_set=pins.is_set, today=lambda: dt.date(2026, 11, 26))
    window = make_window(load_settings(files), pins=pins, admin_services=services)
    window.open_pin_pad()
    for digit in GOOD_PIN:
        tap(button(window, f"pin-{digit}"))
    tap(button(window, "pin-ok"))
    admin = window.admin
    assert admin.isVisible()
    video = admin.editors["service_status.video"]
    assert video.locked.isVisible()
    assert video.locked.text().startswith("Not changed here: set centrally (managed-settings.toml)")
    coming = button(window, "service_status.video=coming")
    assert not coming.isEnabled()
    tap(coming)
    assert admin.pending == {} and not admin.save.isEnabled()
    assert admin.text_editor("facility_name").field.isReadOnly()
    phone = admin.editors["service_status.phone"]
    assert phone.locked.isHidden()
    tap(button(window, "service_status.phone=coming"))  # local: the staff's to change
    assert admin.pending == {"service_status.phone": "coming"}
    assert "Set centrally: facility_name, service_status.video" in admin.status.text()
