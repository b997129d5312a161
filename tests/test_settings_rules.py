"""The settings shown to visitors as facts, and the website: what is refused, and what the kiosk
does instead (the default, with the problem named), wherever the value is read: the settings
file, `kiosk check`, the admin screen's editor."""

from __future__ import annotations

import codecs
import re

import pytest
from PySide6.QtWidgets import QLineEdit

from helpers import button, tap
from helpers.pins import GOOD_PIN as PIN
from kiosk.cli import main
from kiosk.core.pin import PinStore
from kiosk.core.settings import BY_KEY, load_settings, website_problem
from kiosk.core.settings_store import save_settings
from kiosk.ui.admin.services import AdminServices

DEFAULT_URL = "https://securustech.net"


def settings_file(tmp_path, text: str, *, bom: bool = False):
    path = tmp_path / "settings.toml"
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    return path


def check(capsys, path) -> tuple[int, str]:
    code = main(["check", "--settings", str(path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out


@pytest.fixture(autouse=True)
def _qt(kiosk_app):
    """`kiosk check` measures fonts with Qt."""


# -- the website ----------------------------------------------------------------------------------
SCAMS = {
    "http": ("http://securustech.net", "starts with https://"),
    "user name": (
        "https://securustech.net@evil.example/",
        "the part before '@' is a user name, and a phone would open evil.example",
    ),
    "look-alike letters": ("https://s\u0435curustech.net", "only plain ASCII letters"),
    "punycode": ("https://xn--scurustech-8kb.net", "internationalised (xn--) name"),
    "newline": ("https://securustech.net/\\nevil", "character 25 is a line break"),
    "tab": ("https://securustech.net/\\tevil", "character 25 is U+0009, a control character"),
    "space": ("https://securustech.net/ evil", "a space or an invisible character"),
    "backslash": ("https://securustech.net\\\\evil.example", "is not a host name"),
    "port trick": ("https://securustech.net:evil.example/", "is not a host name"),
    "another host": ("https://evil.example/", "is not securustech.net or one of its subdomains"),
    "longer than 100": ("https://securustech.net/" + "a" * 77, "101 characters, more than 100"),
}


@pytest.mark.parametrize("scam", SCAMS, ids=list(SCAMS))
def test_a_website_that_could_send_families_elsewhere_is_refused(scam, tmp_path, capsys):
    """Why: securus_url took all of these, the QR code encoded them, and `kiosk check` said 0."""
    url, problem = SCAMS[scam]
    path = settings_file(tmp_path, f'securus_url = "{url}"\n')
    settings = load_settings(path)
    assert settings["securus_url"] == DEFAULT_URL  # on screen and in the QR code
    (said,) = settings.problems
    assert said.startswith(f"{path}: securus_url: ")
    assert problem in said and said.endswith(f"using the default {DEFAULT_URL!r}")
    code, out = check(capsys, path)
    assert code == 1
    assert f"✗ settings: {path}: securus_url: " in out and problem in out


@pytest.mark.parametrize(
    "url",
    [
        "https://securustech.net",
        "https://securustech.net/",
        "https://www.securustech.net/getting-started?facility=centinela#steps",
        "https://Securustech.NET/a%20b",
        "https://securustech.net:443/x",
    ],
)
def test_securus_addresses_pass(url):
    assert website_problem(url) is None


def test_another_host_needs_allow_other_website_and_is_named_by_the_check(tmp_path, capsys):
    path = settings_file(tmp_path, 'securus_url = "https://example.org/securus"\n')
    assert load_settings(path)["securus_url"] == DEFAULT_URL
    path.write_text(
        'securus_url = "https://example.org/securus"\nallow_other_website = true\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings["securus_url"] == "https://example.org/securus"
    assert settings.problems == []
    code, out = check(capsys, path)
    assert code == 0, out
    assert "• WEBSITE: families are sent to example.org, which is not securustech.net" in out


def test_the_settings_writer_keeps_the_same_rules(tmp_path):
    path = tmp_path / "settings.toml"
    with pytest.raises(ValueError, match=re.escape("securus_url: 'https://example.org': the host")):
        save_settings(path, {"securus_url": "https://example.org"})
    assert not path.exists()
    save_settings(path, {"securus_url": "https://example.org", "allow_other_website": True})
    assert load_settings(path)["securus_url"] == "https://example.org"
    with pytest.raises(ValueError, match=re.escape("the host example.org is not securustech.net")):
        save_settings(path, {"allow_other_website": None})  # would leave the host unallowed
    assert load_settings(path)["securus_url"] == "https://example.org"


# -- texts shown as facts -------------------------------------------------------------------------
FACT_FAULTS = {
    "bidi override": ("facility_name", "Valley \u202eState", "U+202E, an invisible direction"),
    "isolate": ("help_desk_location", "the desk \u2066here", "U+2066, an invisible direction"),
    "newline": ("securus_app_name", "Securus\nApp", "a line break"),
    "control": ("facility_name", "Valley\u0007", "U+0007, a control character"),
    "web address": ("facility_name", "Go to evil.example", "looks like a web address"),
    "www": ("help_desk_location", "www dot", None),  # words, not an address: fine
    "e-mail": ("help_desk_location", "ask desk@prison", "looks like a web address"),
    "phone": ("help_desk_location", "call (916) 555-0100", "looks like a phone number"),
    "app phone": ("securus_app_name", "Securus +1 800 555 0100", "looks like a phone number"),
    "facility 81": ("facility_name", "V" * 81, "81 characters, more than 80"),
    "help desk 81": ("help_desk_location", "d" * 81, "81 characters, more than 80"),
    "app 41": ("securus_app_name", "a" * 41, "41 characters, more than 40"),
}


@pytest.mark.parametrize("fault", FACT_FAULTS, ids=list(FACT_FAULTS))
def test_texts_shown_as_facts_hold_no_tricks(fault, tmp_path):
    key, value, problem = FACT_FAULTS[fault]
    escaped = value.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    path = settings_file(tmp_path, f'{key} = "{escaped}"\n')
    settings = load_settings(path)
    if problem is None:
        assert settings[key] == value and settings.problems == []
        return
    assert settings[key] == BY_KEY[key].default
    (said,) = settings.problems
    assert said.startswith(f"{path}: {key}: ") and problem in said


def test_the_longest_allowed_values_and_joiners_pass(tmp_path):
    path = settings_file(
        tmp_path,
        f'facility_name = "{"V" * 80}"\nhelp_desk_location = "St. Mary\'s desk, Building 12"\n'
        f'securus_app_name = "{"a" * 40}"\nsecurus_url = "https://securustech.net/{"a" * 76}"\n'
        'facility_name_note = 1\nprinter = "Office\\u200dJet"\n',
    )
    settings = load_settings(path)
    assert settings.problems == []
    assert len(settings["securus_url"]) == 100


# -- encoding -------------------------------------------------------------------------------------
def test_a_settings_file_with_a_byte_order_mark_is_read(tmp_path):
    """Why: saved with a BOM (Notepad), the whole file fell back to the defaults."""
    path = settings_file(tmp_path, 'facility_name = "Valley State Prison"\n', bom=True)
    settings = load_settings(path)
    assert settings.problems == []
    assert settings["facility_name"] == "Valley State Prison"
    save_settings(path, {"idle_timeout_s": 120})  # the admin screen's save keeps the mark
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    assert load_settings(path)["idle_timeout_s"] == 120
    assert load_settings(path)["facility_name"] == "Valley State Prison"


# -- the admin screen -----------------------------------------------------------------------------


@pytest.fixture
def admin(make_window, tmp_path):
    path = settings_file(tmp_path, '# staff notes\nfacility_name = "Valley State Prison"\n')
    pins = PinStore(tmp_path / "pin.json")
    pins.set_pin(PIN)
    window = make_window(load_settings(path), pins=pins, admin_services=AdminServices())
    window.admin.open(window.context(), window.settings)
    return window, path


def type_into(window, key: str, text: str) -> None:
    field = window.admin.findChild(QLineEdit, f"text-{key}")
    field.setText(text)
    field.textEdited.emit(text)


def test_the_admin_screen_refuses_another_host_without_the_setting(admin):
    window, path = admin
    before = path.read_bytes()
    type_into(window, "securus_url", "https://evil.example/")
    reason = window.admin.editors["securus_url"].problem  # beside the field, at once
    assert reason.isVisible()
    assert reason.text() == (
        "Not accepted: the host evil.example is not securustech.net or one of its subdomains. "
        "If families really must use it, also set 'Allow a website not on securustech.net' "
        "to Yes."
    )
    tap(button(window.admin, "AdminSave"))
    assert window.admin.message.text() == (
        "Not saved: nothing is saved until the field marked below is fixed: Securus website."
    )
    assert reason.isVisible()
    assert window.admin.text_editor("securus_url").field.text() == "https://evil.example/"
    assert path.read_bytes() == before
    assert window.settings["securus_url"] == DEFAULT_URL


def test_the_admin_screen_shows_another_host_large_and_asks_first(admin, qtbot):
    window, path = admin
    before = path.read_bytes()
    type_into(window, "securus_url", "https://example.org/securus")
    tap(button(window.admin, "allow_other_website=True"))
    tap(button(window.admin, "AdminSave"))
    assert path.read_bytes() == before  # not yet
    host = window.admin.website_host
    assert host.isVisible() and host.text() == "example.org"
    assert host.font().pixelSize() > window.admin.message.font().pixelSize()
    assert "not securustech.net" in window.admin.website_warning.text()
    confirm = button(window.admin, "AdminWebsiteConfirm")
    assert confirm.accessibleName() == "Yes, this is the right website: save"
    tap(confirm)
    assert window.admin.message.text() == "Saved. Visitors see this from the next welcome screen."
    assert load_settings(path)["securus_url"] == "https://example.org/securus"
    assert window.settings["securus_url"] == "https://example.org/securus"
    assert "# staff notes" in path.read_text(encoding="utf-8")


def test_a_securus_subdomain_needs_no_confirmation(admin):
    window, path = admin
    type_into(window, "securus_url", "https://www.securustech.net/start")
    tap(button(window.admin, "AdminSave"))
    assert not window.admin.website_host.isVisible()
    assert load_settings(path)["securus_url"] == "https://www.securustech.net/start"


def test_a_fact_with_a_phone_number_is_not_saved(admin):
    window, path = admin
    before = path.read_bytes()
    type_into(window, "help_desk_location", "call 916 555 0100")
    tap(button(window.admin, "AdminSave"))
    assert window.admin.message.text().startswith("Not saved: ")
    assert "Where the help desk is" in window.admin.message.text()
    reason = window.admin.editors["help_desk_location"].problem
    assert reason.isVisible() and "looks like a phone number" in reason.text()
    assert path.read_bytes() == before
