"""The content pack: every text carries a docs/facts.md id; a broken pack names the file and
field."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.content import TEXT_IDS, ContentError, load_content
from kiosk.core.paths import resource

PACK = resource("content/pack.toml")


def test_bundled_pack_loads_with_version_and_date(pack):
    assert pack.content_version
    assert pack.checked_on.year >= 2026
    assert [s.key for s in pack.services] == ["phone", "video", "messaging"]
    assert [s.key for s in pack.setup.steps] == ["create", "login", "watch"]


def test_every_text_carries_a_known_id(pack):
    texts = pack.texts()
    assert len(texts) > 80
    for path, text in texts:
        assert text.id in TEXT_IDS, path


def test_setup_steps_rest_on_s1_s2_s3(pack):
    assert [s.title.id for s in pack.setup.steps] == ["S1", "S2", "S3"]
    assert [t.id for t in pack.unknowns.items] == ["U1", "U2", "U3"]


def test_no_invented_numbers_or_years(pack):
    """No fees, prices, years or phone numbers: the only numbers shown are step numbers."""
    for path, text in pack.texts():
        assert not any(ch.isdigit() for ch in text.text), path
        assert "$" not in text.text, path


def test_never_says_phone_calls_are_free_in_general(pack):
    for path, text in pack.texts():
        lowered = text.text.lower()
        assert "calls are free" not in lowered, path
        if "phone calls" in lowered and "account" in lowered and "not" in lowered:
            assert "free phone calls" in lowered, path


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    source = PACK.read_text(encoding="utf-8")
    assert old in source
    path = tmp_path / "pack.toml"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        ('touch = { id = "UI", text = "Touch to start" }\n', "", "welcome.touch", "missing"),
        ('touch = { id = "UI"', 'touch = { id = "F99"', "welcome.touch.id", "unknown id 'F99'"),
        ('text = "Touch to start"', 'text = "Touch {now}"', "welcome.touch.text", "{now}"),
        ("needs_account = false", 'needs_account = "no"', "services[0].needs_account", "true or"),
        ("rollout_month = 9", "rollout_month = 13", "rollout_month", "not a month"),
        ("[welcome]", "[welcome]\ncolour = 3", "welcome.colour", "unknown field"),
        ('icon = "phone.svg"', 'icon = "nope.svg"', "services[0].icon", "no icon file"),
        ('text = "Touch to start"', 'text = "' + "x" * 500 + '"', "welcome.touch.text", "500"),
        ("checked_on = 2026-11-26", 'checked_on = "soon"', "checked_on", "a date"),
    ],
)
def test_broken_pack_names_file_field_and_problem(tmp_path, old, new, field, problem):
    path = _broken(tmp_path, old, new)
    with pytest.raises(ContentError) as caught:
        load_content(path)
    message = str(caught.value)
    assert str(path) in message
    assert caught.value.field == field
    assert problem in message


def test_pack_that_is_not_toml_names_the_file(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text("this is [not toml", encoding="utf-8")
    with pytest.raises(ContentError, match="not valid TOML") as caught:
        load_content(path)
    assert str(path) in str(caught.value)


def test_missing_pack_names_the_file(tmp_path):
    with pytest.raises(ContentError, match="cannot read it"):
        load_content(tmp_path / "absent.toml")


def test_binary_pack_is_refused_clearly(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ContentError, match="not UTF-8"):
        load_content(path)
