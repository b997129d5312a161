"""`kiosk check` on unattended operation: PIN, installed content, usage store, log folder.

Exit 0 when nothing is wrong (notes do not fail it), 1 on any problem, naming the file.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.cli import main
from kiosk.core.check import run_checks
from kiosk.core.content_source import operator_pack_path
from kiosk.core.logs import CrashCounter, default_log_dir
from kiosk.core.paths import resource
from kiosk.core.pin import PinStore, default_pin_path
from kiosk.core.usage import UsageCounts, default_usage_path


def check(capsys) -> tuple[int, str]:
    code = main(["check"])
    return code, capsys.readouterr().out


@pytest.fixture(autouse=True)
def _qt(kiosk_app):
    """`kiosk check` measures fonts with Qt."""


def test_a_fresh_kiosk_is_ready_and_says_no_pin_is_set(capsys):
    code, out = check(capsys)
    assert code == 0, out
    assert "  admin PIN: not set" in out
    assert "no admin PIN is set, so the admin screen cannot be opened: run `kiosk set-pin`" in out
    assert "  content source: the bundled pack" in out
    assert f"  usage counts: {default_usage_path()} (0 days, 0 sessions)" in out
    assert f"  log folder: {default_log_dir()}" in out
    assert "  unexpected errors so far: 0" in out
    assert out.rstrip().endswith("Result: ready")


def test_a_set_pin_and_counted_days_are_reported(capsys):
    PinStore().set_pin("350842")
    counts = UsageCounts(clock=lambda: dt.date(2026, 11, 26))
    counts.session_started()
    counts.flush()
    code, out = check(capsys)
    assert code == 0, out
    assert "  admin PIN: set" in out
    assert "(1 day, 1 session)" in out
    assert "no admin PIN" not in out


def test_a_damaged_pin_file_fails_the_check(capsys):
    path = default_pin_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{}")
    code, out = check(capsys)
    assert code == 1
    assert f"✗ admin PIN: {path}: the PIN file is damaged" in out


def test_a_damaged_usage_store_fails_the_check_and_is_left_alone(capsys):
    path = default_usage_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage")
    code, out = check(capsys)
    assert code == 1
    assert f"✗ usage counts: {path}: the usage counts are damaged" in out
    assert path.read_bytes() == b"\x00garbage"


def test_damaged_counts_set_aside_by_the_kiosk_are_noted(capsys):
    path = default_usage_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage")
    UsageCounts(clock=lambda: dt.date(2026, 11, 26))  # the kiosk starts and sets it aside
    code, out = check(capsys)
    assert code == 0, out
    assert "damaged usage counts were set aside" in out
    assert "usage.json.corrupt-20261126" in out


def test_a_broken_installed_pack_fails_the_check_naming_it(capsys):
    target = operator_pack_path()
    target.parent.mkdir(parents=True)
    text = resource("content/pack.toml").read_text(encoding="utf-8")
    target.write_text(text.replace('id = "UI"', 'id = "Z9"', 1), encoding="utf-8")
    code, out = check(capsys)
    assert code == 1
    assert (
        f"✗ content pack: installed content pack not used, showing the bundled one: {target}" in out
    )
    assert "  content: version 2026.12.3" in out  # the bundled pack runs


def test_an_installed_pack_is_named_as_the_source(capsys, tmp_path):
    from kiosk.core.content_source import install_content

    source = tmp_path / "visitor-kiosk-content.toml"
    text = resource("content/pack.toml").read_text(encoding="utf-8")
    source.write_text(
        text.replace("checked_on = 2026-11-26", "checked_on = 2026-12-01").replace(
            'content_version = "2026.12.3"', 'content_version = "2026.12.9"'
        ),
        encoding="utf-8",
    )
    install_content(source)
    code, out = check(capsys)
    assert code == 0, out
    assert f"  content source: {operator_pack_path()}" in out
    assert "  content: version 2026.12.9, checked on 2026-12-01" in out


def test_an_unwritable_log_folder_fails_the_check(capsys):
    folder = default_log_dir()
    folder.parent.mkdir(parents=True)
    folder.write_bytes(b"a file where the log folder should be")
    code, out = check(capsys)
    assert code == 1
    assert f"✗ log: cannot write in {folder}" in out


def test_a_broken_settings_file_fails_the_check_naming_it(capsys, tmp_path):
    path = tmp_path / "settings.toml"
    path.write_bytes(b"idle_timeout_s = [")
    code = main(["check", "--settings", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"✗ settings: {path}: not a valid settings file" in out


def test_stale_content_fails_the_check(settings, pack, translators):
    report = run_checks(
        settings,
        pack,
        translators,
        today=pack.checked_on + dt.timedelta(days=91),
        pin=PinStore(),
        usage=UsageCounts(read_only=True),
        crashes=CrashCounter(),
    )
    assert not report.ok
    assert any("checked 91 days ago (more than 90)" in p for p in report.problems)
    fresh = run_checks(settings, pack, translators, today=pack.checked_on)
    assert fresh.ok
