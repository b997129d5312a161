"""Operator content: a pack replaces the bundled one only after it validates; a bad one changes
nothing and says why; packs on USB sticks are found without a file dialog."""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest

from kiosk.core import storage
from kiosk.core.content import ContentError
from kiosk.core.content_source import (
    active_content,
    choose_content,
    install_content,
    is_stale,
    operator_pack_path,
    removable_media_packs,
)
from kiosk.core.paths import resource

BUNDLED = resource("content/pack.toml").read_text(encoding="utf-8")
BUNDLED_DATE = "checked_on = 2026-11-26"


def pack_file(folder: Path, *replacements: tuple[str, str], name: str = "pack.toml") -> Path:
    text = BUNDLED
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def newer(folder: Path, version: str = "2026.12.5", name: str = "pack.toml") -> Path:
    return pack_file(
        folder,
        ('content_version = "2026.12.3"', f'content_version = "{version}"'),
        (BUNDLED_DATE, "checked_on = 2026-11-28"),
        name=name,
    )


def test_without_an_operator_pack_the_bundled_one_runs():
    pack, problems = active_content()
    assert pack.content_version == "2026.12.3"
    assert problems == []
    assert choose_content().source is None


def test_installing_a_valid_pack_replaces_the_bundled_one(tmp_path):
    source = newer(tmp_path / "stick")
    installed = install_content(source)
    assert installed.content_version == "2026.12.5"
    assert operator_pack_path().read_bytes() == source.read_bytes()
    pack, problems = active_content()
    assert (pack.content_version, problems) == ("2026.12.5", [])
    assert choose_content().source == operator_pack_path()


def test_a_second_install_keeps_the_first_as_backup(tmp_path):
    first = newer(tmp_path / "a", "2026.12.5")
    second = newer(tmp_path / "b", "2026.12.6")
    install_content(first)
    install_content(second)
    assert active_content()[0].content_version == "2026.12.6"
    assert storage.backup_path(operator_pack_path()).read_bytes() == first.read_bytes()


@pytest.mark.parametrize(
    ("replacement", "field", "problem"),
    [
        (('touch = { id = "UI", text = "Touch to start" }\n', ""), "welcome.touch", "missing"),
        (("needs_account = false", 'needs_account = "no"'), "services[0].needs_account", "true"),
        (('touch = { id = "UI"', 'touch = { id = "F42"'), "welcome.touch.id", "unknown id"),
        (
            ('text = "Touch to start"', 'text = "' + "Touch to start. " * 40 + '"'),
            "welcome.touch.text",
            "more than 400",
        ),
        (("[welcome]", "[welcome]\nfont = 3"), "welcome.font", "unknown field"),
        (('content_version = "2026.12.3"', "content_version = 3"), "content_version", "text"),
    ],
    ids=["missing-field", "wrong-type", "unknown-id", "very-long", "unknown-field", "version"],
)
def test_a_bad_pack_is_refused_and_the_installed_one_stays(tmp_path, replacement, field, problem):
    good = install_content(newer(tmp_path / "good"))
    installed_bytes = operator_pack_path().read_bytes()
    bad = pack_file(tmp_path / "stick", replacement, (BUNDLED_DATE, "checked_on = 2026-11-29"))
    with pytest.raises(ContentError) as caught:
        install_content(bad)
    assert caught.value.field == field
    assert str(bad) in str(caught.value)
    assert problem in str(caught.value)
    assert operator_pack_path().read_bytes() == installed_bytes
    assert active_content()[0] == good


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x00\xff\x89PNG", "not UTF-8"),
        (b"content_version = [", "not valid TOML"),
        (b"", "missing"),
        (b"# filler\n" * 200_000, "far more than a content pack"),
        (b"checked_on = " + b"[" * 5000, "nested too deeply"),
    ],
    ids=["binary", "not-toml", "empty", "huge", "nested-too-deep"],
)
def test_a_file_that_is_not_a_pack_is_refused(tmp_path, content, problem):
    source = tmp_path / "visitor-kiosk-content.toml"
    source.write_bytes(content)
    with pytest.raises(ContentError, match=problem):
        install_content(source)
    assert not operator_pack_path().exists()
    assert active_content()[0].content_version == "2026.12.3"


def test_a_missing_source_is_refused(tmp_path):
    with pytest.raises(ContentError, match="cannot read it"):
        install_content(tmp_path / "gone.toml")


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the folder is read-only")],
)
def test_a_failed_copy_leaves_the_installed_pack(tmp_path, monkeypatch, code, reason):
    install_content(newer(tmp_path / "good"))
    before = operator_pack_path().read_bytes()

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage, "_write_all", fail)
    with pytest.raises(ContentError, match=reason) as caught:
        install_content(newer(tmp_path / "stick", "2026.12.9"))
    assert caught.value.field == "(install)"
    assert operator_pack_path().read_bytes() == before


def test_a_broken_pack_in_the_data_folder_falls_back_to_the_bundled_one():
    target = operator_pack_path()
    target.parent.mkdir(parents=True)
    target.write_text(BUNDLED.replace('id = "UI"', 'id = "X1"', 1), encoding="utf-8")
    pack, problems = active_content()
    assert pack.content_version == "2026.12.3"
    [problem] = problems
    assert problem.startswith("installed content pack not used, showing the bundled one: ")
    assert str(target) in problem
    assert "unknown id 'X1'" in problem
    assert target.read_text(encoding="utf-8").count('"X1"') == 1  # left for the operator
    target.write_bytes(b"a = " + b"[" * 5000)
    pack, [problem] = active_content()
    assert (pack.content_version, "nested too deeply" in problem) == ("2026.12.3", True)


def test_an_installed_pack_older_than_the_bundled_one_is_not_shown(tmp_path):
    target = operator_pack_path()
    pack_file(
        target.parent,
        ('content_version = "2026.12.3"', 'content_version = "2026.6.1"'),
        (BUNDLED_DATE, "checked_on = 2026-06-01"),
    )
    choice = choose_content()
    assert choice.pack.content_version == "2026.12.3"
    assert choice.problems == ()
    assert "older than the bundled content" in choice.notes[0]
    assert active_content()[1] == list(choice.notes)


def test_packs_on_removable_media_are_listed(tmp_path):
    media = tmp_path / "media" / "staff"
    newer(media / "KIOSK_USB", name="visitor-kiosk-content.toml")
    newer(media / "OTHER" / "visitor-kiosk")
    (media / "PHOTOS").mkdir()
    (media / "PHOTOS" / "pack.toml").write_text("not ours", encoding="utf-8")
    run_media = tmp_path / "run" / "media" / "staff" / "E_DRIVE"
    newer(run_media, name="visitor-kiosk-content.toml")
    folders = [*media.iterdir(), run_media, tmp_path / "unplugged"]
    found = removable_media_packs(folders)
    assert found == sorted(
        [
            media / "KIOSK_USB" / "visitor-kiosk-content.toml",
            media / "OTHER" / "visitor-kiosk" / "pack.toml",
            run_media / "visitor-kiosk-content.toml",
        ]
    )
    assert removable_media_packs(folders + folders) == found
    assert removable_media_packs([]) == []


def test_a_listed_pack_installs(tmp_path):
    newer(tmp_path / "STICK", "2026.12.5", name="visitor-kiosk-content.toml")
    [found] = removable_media_packs([tmp_path / "STICK"])
    assert install_content(found).content_version == "2026.12.5"


def test_the_default_search_never_fails():
    assert isinstance(removable_media_packs(), list)


def test_content_is_stale_after_ninety_days(pack):
    checked = pack.checked_on
    assert not is_stale(pack, checked + dt.timedelta(days=90))
    assert is_stale(pack, checked + dt.timedelta(days=91))
    assert not is_stale(pack, checked)
