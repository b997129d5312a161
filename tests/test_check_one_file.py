"""`kiosk check --pack / --settings-file / --pin-file FILE`: one file judged alone, exit 0 when it
is fit to place, 1 otherwise, with the problem named: a deployment tool's gate. Nothing of the
kiosk's own state enters the verdict."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.pins import GOOD_PIN, write_legacy_pin
from kiosk.cli import main
from kiosk.core.content_source import install_content, operator_pack_path
from kiosk.core.paths import resource
from kiosk.core.pin import hash_record

BUNDLED = resource("content/pack.toml").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _qt(kiosk_app):
    """The whole-kiosk check measures fonts with Qt."""


def pack(tmp_path, *replacements, name="candidate.toml"):
    text = BUNDLED
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def newer(tmp_path, day="2026-11-28", version="2026.12.5", name="candidate.toml"):
    return pack(
        tmp_path,
        ('content_version = "2026.12.3"', f'content_version = "{version}"'),
        ("checked_on = 2026-11-26", f"checked_on = {day}"),
        name=name,
    )


def run(capsys, *args):
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_good_pack_passes(tmp_path, capsys):
    code, out = run(capsys, "--pack", str(newer(tmp_path)))
    assert code == 0, out
    assert out.startswith("Content pack check\n")
    assert "version 2026.12.5, checked on 2026-11-28" in out
    assert out.rstrip().endswith("Result: valid")


def test_a_broken_pack_fails_naming_the_field(tmp_path, capsys):
    path = pack(tmp_path, ('id = "UI"', 'id = "Z9"'))
    code, out = run(capsys, "--pack", str(path))
    assert code == 1
    assert f"✗ {path}" in out and "Z9" in out
    assert out.rstrip().endswith("Result: NOT valid: fix the problems above")


def test_a_stale_kiosk_never_blocks_the_pack_that_fixes_it(tmp_path, capsys):
    old = newer(tmp_path, day="2026-11-27", version="2026.12.3", name="old.toml")
    install_content(old, today=dt.date(2026, 11, 28))
    code, out = run(capsys, "--today", "2027-03-15")
    assert code == 1 and "days ago (more than 90)" in out  # the whole kiosk is not ready
    fix = newer(tmp_path, day="2027-03-14", version="2027.3.1", name="fix.toml")
    code, out = run(capsys, "--pack", str(fix), "--today", "2027-03-15")
    assert code == 0, out
    assert operator_pack_path().read_bytes() == old.read_bytes()  # a check installs nothing


def test_a_pack_older_than_the_bundled_one_passes_with_a_note(tmp_path, capsys):
    path = pack(tmp_path, ("checked_on = 2026-11-26", "checked_on = 2026-10-01"))
    code, out = run(capsys, "--pack", str(path))
    assert code == 0, out
    assert "older than the content built into this kiosk" in out


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('facilty_name = "Folsom"\n', "facilty_name: not a setting this kiosk knows"),
        ("idle_timeout_s = 5\n", "idle_timeout_s: 5 is below the minimum 30"),
        ('[service_status]\nvideo = "soon"\n', "service_status.video: 'soon' is not one of"),
        ('securus_url = "https://example.org/"\n', "also set allow_other_website = true"),
        ("languages = [\n", "not a valid settings file"),
        (b"\xff\xfe".decode("latin-1"), "not UTF-8 text"),
    ],
)
def test_a_bad_settings_file_fails_naming_the_key(tmp_path, capsys, text, problem):
    path = tmp_path / "settings.toml"
    path.write_bytes(text.encode("latin-1"))
    code, out = run(capsys, "--settings-file", str(path))
    assert code == 1
    assert problem in out


def test_a_good_settings_file_passes_and_lists_its_values(tmp_path, capsys):
    path = tmp_path / "managed.toml"
    path.write_text(
        'facility_name = "Folsom State Prison"\nlanguages = ["en", "es"]\n'
        'default_language = "es"\n[service_status]\nvideo = "available"\n',
        encoding="utf-8",
    )
    code, out = run(capsys, "--settings-file", str(path))
    assert code == 0, out
    assert out.startswith("Settings file check\n")
    assert "  service_status.video = 'available'" in out
    assert out.rstrip().endswith("Result: valid")


@pytest.mark.parametrize(
    ("text", "code", "said"),
    [
        # Ahead, as Ansible's template writes it (a TOML date) or as text: fit to place.
        ("[service_start]\nvideo = 2027-01-15\n", 0, "  service_start.video = '2027-01-15'"),
        ('[service_start]\nvideo = "2027-01-15"\n', 0, "  service_start.video = '2027-01-15'"),
        # Passed, and the file says the service is available: visitors read "available now".
        (
            '[service_status]\nvideo = "available"\n[service_start]\nvideo = 2026-12-01\n',
            0,
            "Result: valid",
        ),
        # Passed while the file says "coming": visitors would be told to ask, not the date.
        (
            '[service_status]\nvideo = "coming"\n[service_start]\nvideo = 2026-12-01\n',
            1,
            "service_start.video is 2026-12-01, which has passed, but service_status.video is "
            "'coming'",
        ),
        # Passed, the status left to the kiosk's own settings: a note, not a refusal.
        (
            "[service_start]\nvideo = 2026-12-01\n",
            0,
            "unless the kiosk's own service_status.video is 'available'",
        ),
        # More than a year away: a wrong year, most likely.
        ("[service_start]\nvideo = 2028-01-15\n", 1, "2028-01-15, more than a year away"),
        ("[service_start]\nvideo = 2027-01-15T09:00:00\n", 1, "has a time of day"),
    ],
)
def test_a_settings_files_start_dates_are_judged_as_kiosk_check_judges_them(
    tmp_path, capsys, text, code, said
):
    path = tmp_path / "managed.toml"
    path.write_text(text, encoding="utf-8")
    got, out = run(capsys, "--settings-file", str(path), "--today", "2026-12-15")
    assert got == code, out
    assert said in out


def test_a_missing_settings_file_fails(tmp_path, capsys):
    code, out = run(capsys, "--settings-file", str(tmp_path / "nowhere.toml"))
    assert code == 1
    assert "cannot read it" in out


def test_a_pin_file_from_pin_hash_passes_and_others_fail(tmp_path, capsys):
    good = tmp_path / "good.json"
    good.write_bytes(hash_record(GOOD_PIN))
    code, out = run(capsys, "--pin-file", str(good))
    assert code == 0, out
    legacy = tmp_path / "legacy.json"
    write_legacy_pin(legacy, "1234")
    code, out = run(capsys, "--pin-file", str(legacy))
    assert code == 1 and "make a new one with `kiosk pin-hash`" in out
    damaged = tmp_path / "damaged.json"
    damaged.write_text("350842\n", encoding="ascii")  # a PIN in clear text is no PIN file
    code, out = run(capsys, "--pin-file", str(damaged))
    assert code == 1 and "the PIN file is damaged" in out


def test_one_file_and_the_whole_kiosk_reports_do_not_mix(tmp_path, capsys):
    code, out = run(capsys, "--pack", str(newer(tmp_path)), "--json")
    assert code == 2
    assert "check one file" in out
    with pytest.raises(SystemExit) as stop:
        main(["check", "--pack", "a.toml", "--settings-file", "b.toml"])
    assert stop.value.code == 2
