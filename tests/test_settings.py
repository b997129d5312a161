"""Settings: declared once, read from TOML; a bad file or value never stops the kiosk."""

from __future__ import annotations

from kiosk.core.settings import (
    BY_KEY,
    GROUPS,
    SETTINGS,
    default_settings_path,
    load_settings,
)

EXPECTED_KEYS = {
    "facility_name", "help_desk_location", "securus_url", "allow_other_website", "securus_app_name",
    "service_status.phone", "service_status.video", "service_status.messaging", "rollout_start",
    "service_start.phone", "service_start.video", "service_start.messaging",
    "languages", "default_language", "idle_timeout_s", "idle_warning_s", "text_size",
    "theme", "reduce_motion", "printer", "paper_size", "kiosk_id",
}  # fmt: skip


def test_every_setting_is_declared_once_with_a_description():
    assert {s.key for s in SETTINGS} == EXPECTED_KEYS
    assert len(SETTINGS) == len(EXPECTED_KEYS)
    for setting in SETTINGS:
        assert setting.description
        assert setting.validate(setting.default) is None, setting.key


def test_every_setting_has_words_for_staff_in_a_group_in_the_groups_order():
    """The staff screen shows labels and help, not keys; its groups keep the declared order."""
    groups = [g.key for g in GROUPS]
    assert groups[0] == "facility" and groups[-1] == "status"
    order = [groups.index(s.group) for s in SETTINGS]  # ValueError: a group not declared
    assert order == sorted(order), "SETTINGS are declared in the order of their groups"
    services = [f"service_status.{k}" for k in ("phone", "video", "messaging")]
    assert [s.key for s in SETTINGS[:3]] == services  # the task staff do most, first
    labels = [s.label for s in SETTINGS]
    assert len(set(labels)) == len(labels)
    for setting in SETTINGS:
        assert setting.label and setting.help, setting.key
        assert "_" not in setting.label + setting.help, f"{setting.key}: a key in staff's words"
        assert len(setting.help) <= 100, f"{setting.key}: help is one line"
        if setting.choices or setting.kind is bool:
            shown = setting.choices_shown()  # one label per choice, or zip(strict) fails
            assert all(label for _, label in shown), setting.key


def test_defaults_without_a_file(settings):
    assert settings["securus_url"] == "https://securustech.net"
    assert settings["idle_timeout_s"] == 90
    assert settings["idle_warning_s"] == 30
    assert settings.offered_languages[0] == "en"
    assert len(settings.offered_languages) == 13
    assert settings.problems == []


def test_reads_the_user_config_file(isolated_dirs):
    path = default_settings_path()
    assert str(path).startswith(str(isolated_dirs))
    path.parent.mkdir(parents=True)
    path.write_text(
        'facility_name = "Centinela State Prison"\n'
        'languages = ["es", "en"]\n'
        '[service_status]\nvideo = "available"\n',
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings["facility_name"] == "Centinela State Prison"
    assert settings.offered_languages == ["es", "en"]
    assert settings.default_language == "en"
    assert settings.service_status("video") == "available"
    assert settings.service_status("phone") == "coming"


def test_bad_values_fall_back_to_defaults_and_name_file_and_key(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(
        'idle_timeout_s = 5\nidle_warning_s = 10\ntheme = "neon"\n'
        'securus_url = "not a url"\ntext_size = "big"\nlanguages = ["en", "xx"]\n'
        'facility_name = "Valley State Prison"\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings["idle_timeout_s"] == 90
    assert settings["idle_warning_s"] == 30
    assert settings["theme"] == "default"
    assert settings["securus_url"] == "https://securustech.net"
    assert settings["facility_name"] == "Valley State Prison"  # the good values are kept
    assert len(settings.problems) == 6
    for problem, key in zip(
        settings.problems,
        ["idle_timeout_s", "idle_warning_s", "theme", "securus_url", "text_size", "languages"],
        strict=True,
    ):
        assert problem.startswith(f"{path}: {key}: ")
    assert "below the minimum 20" in settings.problems[1]


def test_corrupt_file_runs_on_defaults_and_is_left_untouched(tmp_path):
    path = tmp_path / "kiosk.toml"
    original = b'facility_name = "unterminated\n\x00\xff'
    path.write_bytes(original)
    settings = load_settings(path)
    assert settings["facility_name"] == ""
    assert len(settings.problems) == 1
    assert str(path) in settings.problems[0]
    assert path.read_bytes() == original


def test_unknown_key_is_reported_not_fatal(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('facilty_name = "typo"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.problems == []
    assert settings.notes == [f"{path}: facilty_name: unknown setting, ignored"]


def test_missing_named_file_is_a_problem(tmp_path):
    settings = load_settings(tmp_path / "absent.toml")
    assert "does not exist" in settings.problems[0]


def test_default_language_must_be_offered(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('languages = ["es", "vi"]\ndefault_language = "en"\n', encoding="utf-8")
    assert load_settings(path).default_language == "es"


def test_declared_choices_are_enforced():
    assert BY_KEY["text_size"].validate(125) is not None
    assert BY_KEY["paper_size"].validate("a4") is None
    assert BY_KEY["reduce_motion"].validate("yes") is not None
