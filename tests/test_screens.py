"""`kiosk screens`: the review renders, named so nothing collides, each the right size and drawn."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from helpers.processes import child_env
from kiosk.cli import main
from kiosk.ui.screens import file_name, states

SIZES = [(1920, 1080), (1366, 768), (1080, 1920)]
EXPECTED_EN = [
    "00-welcome-en",
    "01-language-en",
    "02-changes-en",
    "02-changes-language-menu-en",
    "03-account-en",
    "03-account-phone-en",
    "03-account-all-en",
    "03-account-not-sure-en",
    "04-setup-en",
    "04-setup-have-account-en",
    "04-setup-still-there-en",
    "05-unknowns-en",
    "06-done-en",
    "06-done-phone-en",
]


def distinct_colours(image: QImage, step: int = 7) -> int:
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


def test_file_names_follow_the_pattern():
    names = [file_name(page, state, "en", (1920, 1080)) for page, state, _ in states()]
    assert names == [f"{stem}-1920x1080.png" for stem in EXPECTED_EN]
    assert len(set(names)) == len(names)


def test_screens_writes_every_page_at_every_size(kiosk_app, tmp_path, capsys):
    args = ["screens", str(tmp_path)]
    for w, h in SIZES:
        args += ["--size", f"{w}x{h}"]
    assert main([*args, "--lang", "en"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    expected = sorted(f"{stem}-{w}x{h}.png" for stem in EXPECTED_EN for w, h in SIZES)
    assert written == expected
    for path in tmp_path.iterdir():
        image = QImage(str(path))
        size = tuple(int(v) for v in path.stem.rsplit("-", 1)[1].split("x"))
        assert (image.width(), image.height()) == size, path.name
        assert distinct_colours(image) > 8, f"{path.name} looks blank"
    assert f"wrote {len(expected)} screens" in capsys.readouterr().out


def test_default_size_is_1080p(kiosk_app, tmp_path):
    assert main(["screens", str(tmp_path), "--lang", "en"]) == 0
    assert {p.name.rsplit("-", 1)[1] for p in tmp_path.iterdir()} == {"1920x1080.png"}


def test_screens_prints_only_its_own_report(tmp_path):
    """Nothing from Qt on the way ("This plugin does not support propagateSizeHints()" came
    once for every page): at 200% in portrait, where the window's content is largest."""
    options = ["--lang", "en", "--size", "1080x1920", "--text-size", "200"]
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "screens", str(tmp_path), *options],
        capture_output=True,
        text=True,
        check=False,
        env=child_env(QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {len(EXPECTED_EN)} screens to {tmp_path}\n"
    assert result.stderr == ""


@pytest.mark.parametrize("bad", ["--size=big", "--size=10x10", "--lang=xx"])
def test_bad_options_are_refused_clearly(tmp_path, bad):
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "screens", str(tmp_path), bad],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "kiosk screens: error:" in result.stderr


def test_settings_given_before_the_subcommand_are_used(kiosk_app, tmp_path):
    settings = tmp_path / "s.toml"
    settings.write_text('languages = ["es"]\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--settings", str(settings), "screens", str(out)]) == 0
    assert {p.name.split("-")[-2] for p in out.iterdir()} == {"es"}


def test_commands_show_the_operators_installed_content(capsys):
    """screens, handout and the help-desk view load the same pack as the kiosk itself."""
    from kiosk.commands.common import report_and_load_content
    from kiosk.core.content_source import operator_pack_path
    from kiosk.core.paths import resource
    from kiosk.core.settings import load_settings

    installed = operator_pack_path()
    installed.parent.mkdir(parents=True)
    bundled = resource("content/pack.toml").read_text(encoding="utf-8")
    installed.write_text(
        bundled.replace('content_version = "2026.12.3"', 'content_version = "operator-1"'),
        encoding="utf-8",
    )
    pack = report_and_load_content(load_settings())
    assert pack is not None and pack.content_version == "operator-1"


def test_staff_renders_every_group_and_the_keyboard_at_every_size(kiosk_app, tmp_path, capsys):
    from kiosk.core.settings import GROUPS

    args = ["screens", str(tmp_path), "--staff"]
    for w, h in SIZES:
        args += ["--size", f"{w}x{h}"]
    assert main(args) == 0
    stems = [f"staff-{n:02d}-{g.key}" for n, g in enumerate(GROUPS, 1)]
    stems += ["staff-keyboard-text", "staff-keyboard-address"]
    expected = sorted(f"{stem}-{w}x{h}.png" for stem in stems for w, h in SIZES)
    assert sorted(p.name for p in tmp_path.iterdir()) == expected
    for path in tmp_path.iterdir():
        image = QImage(str(path))
        size = tuple(int(v) for v in path.stem.rsplit("-", 1)[1].split("x"))
        assert (image.width(), image.height()) == size, path.name
        assert distinct_colours(image) > 8, f"{path.name} looks blank"
    assert f"wrote {len(expected)} screens" in capsys.readouterr().out
