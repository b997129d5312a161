"""Saving settings from the admin screen keeps what the operator wrote; a bad file is never lost.

Also the reading side's faults (issue 8): an empty, corrupt, binary, huge, wrongly typed or out
of range file runs the kiosk on defaults, names the file, and is left byte-identical.
"""

from __future__ import annotations

import errno
import os

import pytest

from kiosk.core import storage
from kiosk.core.settings import MAX_SETTINGS_BYTES, default_settings_path, load_settings
from kiosk.core.settings_store import SettingsFileError, save_settings
from kiosk.core.storage import StorageError

OPERATOR_FILE = """\
# Settings for the lobby kiosk. Ask Maria before changing anything.
facility_name = "Valley State Prison"  # as on the sign outside

# The kiosk version after ours knows this one:
future_option = "keep me"

[service_status]
# Phone calls started here on the first of the month.
phone = "available"
"""


@pytest.fixture
def operator_file(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(OPERATOR_FILE, encoding="utf-8")
    return path


def test_saving_keeps_comments_order_and_unknown_keys(operator_file):
    save_settings(
        operator_file,
        {"service_status.video": "available", "idle_timeout_s": 120, "languages": ["es", "en"]},
    )
    text = operator_file.read_text(encoding="utf-8")
    assert text.startswith(
        "# Settings for the lobby kiosk. Ask Maria before changing anything.\n"
        'facility_name = "Valley State Prison"  # as on the sign outside\n'
    )
    assert 'future_option = "keep me"' in text
    assert "# Phone calls started here on the first of the month." in text
    settings = load_settings(operator_file)
    assert settings.problems == []
    assert settings.service_status("video") == "available"
    assert settings.service_status("phone") == "available"
    assert settings["idle_timeout_s"] == 120
    assert settings.offered_languages == ["es", "en"]
    assert settings.notes == [f"{operator_file}: future_option: unknown setting, ignored"]


def test_the_previous_version_is_kept_as_backup(operator_file):
    save_settings(operator_file, {"facility_name": "Centinela State Prison"})
    backup = operator_file.with_name("settings.toml.bak")
    assert backup.read_text(encoding="utf-8") == OPERATOR_FILE
    assert load_settings(operator_file)["facility_name"] == "Centinela State Prison"


def test_creates_the_default_file_when_there_is_none():
    path = default_settings_path()
    assert not path.exists()
    save_settings(path, {"service_status.messaging": "available", "text_size": 150})
    settings = load_settings()
    assert settings.problems == []
    assert settings.service_status("messaging") == "available"
    assert settings["text_size"] == 150


def test_none_puts_a_setting_back_to_its_default(operator_file):
    save_settings(operator_file, {"facility_name": None, "service_status.phone": None})
    settings = load_settings(operator_file)
    assert settings["facility_name"] == ""
    assert settings.service_status("phone") == "coming"
    assert "[service_status]" not in operator_file.read_text(encoding="utf-8")


def test_dotted_keys_and_inline_tables_are_edited_in_place(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(
        'service_status.phone = "available"\ntheme = "high_contrast"\n', encoding="utf-8"
    )
    save_settings(path, {"service_status.video": "available"})
    assert load_settings(path).service_status("video") == "available"
    assert load_settings(path).service_status("phone") == "available"
    path.write_text('service_status = { phone = "available" }\n', encoding="utf-8")
    save_settings(path, {"service_status.video": "available"})
    assert load_settings(path).service_status("video") == "available"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"idle_timeout_s": 5}, "idle_timeout_s: 5 is below the minimum 30"),
        ({"idle_warning_s": "30"}, "idle_warning_s: expected a whole number"),
        ({"theme": "neon"}, "theme: 'neon' is not one of"),
        ({"securus_url": "securustech"}, "securus_url: 'securustech' is not a web address"),
        ({"languages": ["en", "xx"]}, "languages: unknown language codes ['xx']"),
        ({"facilty_name": "typo"}, "facilty_name: unknown setting"),
        ({"facility_name": "ok", "text_size": 125}, "text_size: 125 is not one of"),
    ],
)
def test_a_bad_value_is_refused_by_name_and_nothing_is_written(operator_file, changes, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        save_settings(operator_file, changes)
    assert operator_file.read_text(encoding="utf-8") == OPERATOR_FILE
    assert not operator_file.with_name("settings.toml.bak").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'facility_name = "unterminated\n', "not a valid settings file"),
        (b"\x00\xff\xfe binary \x89PNG", "not UTF-8 text"),
        (b"a = 1\n" + b"# filler\n" * (MAX_SETTINGS_BYTES // 9 + 1), "more than a settings file"),
        (b"[service_status]\n[service_status]\n", "not a valid settings file"),
        (b"a = " + b"[" * 5000, "not a valid settings file"),
    ],
    ids=["corrupt", "binary", "huge", "duplicate-table", "nested-too-deep"],
)
def test_a_broken_file_is_never_overwritten(tmp_path, content, reason):
    path = tmp_path / "settings.toml"
    path.write_bytes(content)
    with pytest.raises(SettingsFileError) as caught:
        save_settings(path, {"facility_name": "Valley State Prison"})
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert message.endswith("the file was not changed")
    assert isinstance(caught.value, StorageError)
    assert path.read_bytes() == content
    assert not path.with_name("settings.toml.bak").exists()


@pytest.mark.parametrize(
    ("hook", "code", "reason"),
    [
        ("_create_temp", errno.EROFS, "the folder is read-only"),
        ("_write_all", errno.ENOSPC, "the disk is full"),
    ],
)
def test_read_only_folder_or_full_disk_while_saving(operator_file, monkeypatch, hook, code, reason):
    save_settings(operator_file, {"theme": "high_contrast"})  # makes a backup
    saved = operator_file.read_bytes()
    backup = operator_file.with_name("settings.toml.bak")
    backup_bytes = backup.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage, hook, fail)
    with pytest.raises(StorageError) as caught:
        save_settings(operator_file, {"facility_name": "Centinela State Prison"})
    assert str(caught.value) == f"cannot save {operator_file}: {reason}"
    assert operator_file.read_bytes() == saved
    assert backup.read_bytes() == backup_bytes
    assert sorted(p.name for p in operator_file.parent.iterdir()) == [
        "settings.toml",
        "settings.toml.bak",
    ]


# -- reading faults: the kiosk runs on defaults and the file is left alone ----------------------
@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x00\x01\x02\xff\xfe\x89PNG\r\n", "not UTF-8 text"),
        (b'facility_name = "x"\n' * (MAX_SETTINGS_BYTES // 20 + 1), "more than a settings file"),
        (b"facility_name = [1, 2\n", "not a valid settings file"),
        (b"\xef\xbb\xbf= = =\n", "not a valid settings file"),
        (b"languages = " + b"[" * 5000, "not a valid settings file"),
    ],
    ids=["binary", "huge", "corrupt", "bom-and-garbage", "nested-too-deep"],
)
def test_unreadable_settings_run_on_defaults_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "settings.toml"
    path.write_bytes(content)
    settings = load_settings(path)
    assert settings.values == load_settings(tmp_path / "absent.toml").values  # all defaults
    assert len(settings.problems) == 1
    assert settings.problems[0].startswith(f"{path}: ")
    assert problem in settings.problems[0]
    assert path.read_bytes() == content


def test_empty_settings_file_is_all_defaults_without_a_problem(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_bytes(b"")
    settings = load_settings(path)
    assert settings.problems == []
    assert settings["idle_timeout_s"] == 90


def test_wrong_types_and_out_of_range_values_fall_back_one_by_one(tmp_path):
    path = tmp_path / "settings.toml"
    content = (
        b'facility_name = 42\nreduce_motion = "yes"\nlanguages = "en"\n'
        b"idle_timeout_s = 99999999999\nidle_warning_s = 12.5\ntext_size = -100\n"
        b'help_desk_location = "the desk by the entrance"\n'
        b"[idle_timeout_s_table]\n"
    )
    path.write_bytes(content)
    settings = load_settings(path)
    assert settings["facility_name"] == ""
    assert settings["reduce_motion"] is False
    assert len(settings.offered_languages) == 13
    assert settings["idle_timeout_s"] == 90
    assert settings["idle_warning_s"] == 30
    assert settings["text_size"] == 100
    assert settings["help_desk_location"] == "the desk by the entrance"
    keys = [p.removeprefix(f"{path}: ").split(":")[0] for p in settings.problems]
    assert keys == [
        "facility_name",
        "reduce_motion",
        "languages",
        "idle_timeout_s",
        "idle_warning_s",
        "text_size",
    ]
    assert path.read_bytes() == content


def test_saving_over_a_file_with_bad_values_fixes_only_what_was_changed(tmp_path):
    """Valid TOML with a wrong value is editable: admin can correct the value in place."""
    path = tmp_path / "settings.toml"
    path.write_text("# mine\nidle_timeout_s = 5\ntheme = 3\n", encoding="utf-8")
    save_settings(path, {"idle_timeout_s": 60})
    settings = load_settings(path)
    assert settings["idle_timeout_s"] == 60
    assert [p.split(": ")[1] for p in settings.problems] == ["theme"]
    assert path.read_text(encoding="utf-8").startswith("# mine\n")
