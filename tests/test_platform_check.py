"""A first run that explains itself: where Qt could not open a window, the operator reads which
packages to install and the kiosk ends with its documented code, instead of Qt's abort."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.processes import child_env
from kiosk import cli
from kiosk.core.exit_codes import MISSING_LIBRARIES
from kiosk.ui import platform_check
from kiosk.ui.platform_check import PACKAGES, problem, requested_platforms

PYSIDE_QT = Path(platform_check.plugin_dirs({})[-1]).parents[1]  # .../PySide6/Qt
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux plugins")


def not_found(library: str) -> str:
    """glibc's dlopen error for a library it cannot find."""
    return f"{library}: cannot open shared object file: No such file or directory"


class FakeLinux:
    """Plugin files in a folder of their own (QT_QPA_PLATFORM_PLUGIN_PATH) that load or fail
    as told; ldd's answer for each. PySide6's own plugins are in the search too, and fail."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.dir = tmp_path / "platforms"
        self.dir.mkdir()
        for name in ("libqxcb.so", "libqwayland.so"):
            (self.dir / name).write_bytes(b"")
        self.loads: dict[str, bool] = {}  # file name -> loads (only from our folder)
        self.missing: dict[str, list[str]] = {}  # file name -> what ldd finds missing
        self.tried: list[Path] = []
        monkeypatch.setattr(platform_check, "load_lazily", self.load)
        monkeypatch.setattr(platform_check, "unresolved_dependencies", self.ldd)
        monkeypatch.setenv("QT_QPA_PLATFORM_PLUGIN_PATH", str(self.dir))
        monkeypatch.delenv("QT_PLUGIN_PATH", raising=False)

    def load(self, path: Path) -> str | None:
        self.tried.append(path)
        if path.parent == self.dir and self.loads.get(path.name):
            return None
        missing = self.missing.get(path.name, ["libxcb-cursor.so.0"])
        return not_found(missing[0]) if missing else "undefined symbol: qt_version_tag"

    def ldd(self, path: Path) -> list[str]:
        return self.missing.get(path.name, ["libxcb-cursor.so.0"])


@pytest.fixture
def fake_linux(tmp_path, monkeypatch) -> FakeLinux:
    return FakeLinux(tmp_path, monkeypatch)


@pytest.mark.parametrize(
    "view", [["--windowed"], ["--helper"], []], ids=["kiosk", "helpdesk", "lobby"]
)
def test_without_the_xcb_libraries_the_operator_reads_what_to_install(
    fake_linux, monkeypatch, capsys, view
):
    fake_linux.missing["libqxcb.so"] = ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    for start in ("run_kiosk", "run_helpdesk"):  # Qt is never reached
        monkeypatch.setattr(cli, start, lambda args: pytest.fail("Qt started"))
    assert cli.main(view) == MISSING_LIBRARIES == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "The kiosk cannot open a window: this PC lacks libraries Qt needs "
        "(libxcb-cursor.so.0, libxkbcommon-x11.so.0).\n"
        "Install them with: sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0\n"
    )


def test_the_units_wayland_then_xcb_names_what_both_need(fake_linux, monkeypatch):
    """deploy/linux's unit sets QT_QPA_PLATFORM=wayland;xcb: either one would do."""
    fake_linux.missing["libqwayland.so"] = ["libwayland-client.so.0", "libwayland-cursor.so.0"]
    fake_linux.missing["libqxcb.so"] = ["libxcb-cursor.so.0"]
    message = problem({**os.environ, "QT_QPA_PLATFORM": "wayland;xcb"}, "linux")
    assert message is not None
    assert message.splitlines()[-1] == (
        "Install them with: sudo apt-get install libwayland-client0 libwayland-cursor0 "
        "libxcb-cursor0"
    )


def test_one_plugin_that_loads_is_enough(fake_linux):
    fake_linux.loads["libqxcb.so"] = True
    assert problem({**os.environ, "QT_QPA_PLATFORM": "wayland;xcb"}, "linux") is None
    assert [p.name for p in fake_linux.tried][-1] == "libqxcb.so"


def test_qt_falls_back_to_its_own_plugin_folder_and_so_does_the_check(fake_linux, monkeypatch):
    """A broken plugin in QT_QPA_PLATFORM_PLUGIN_PATH does not stop Qt when PySide6's own
    loads: the check tries each folder in Qt's order before it says no."""
    tried = []

    def load(path):
        tried.append(path)
        return None if path.parent != fake_linux.dir else not_found("libxcb-cursor.so.0")

    monkeypatch.setattr(platform_check, "load_lazily", load)
    assert problem({**os.environ, "QT_QPA_PLATFORM": "xcb"}, "linux") is None
    assert tried == [fake_linux.dir / "libqxcb.so", PYSIDE_QT / "plugins/platforms/libqxcb.so"]


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "offscreen;xcb"])
def test_platforms_that_draw_into_memory_need_no_check(fake_linux, platform):
    assert problem({"QT_QPA_PLATFORM": platform}, "linux") is None
    assert fake_linux.tried == []


@pytest.mark.parametrize("system", ["win32", "darwin"])
def test_other_systems_are_not_checked(fake_linux, system):
    assert problem({"QT_QPA_PLATFORM": "xcb"}, system) is None
    assert fake_linux.tried == []


def test_a_plugin_the_check_cannot_find_is_left_to_qt(fake_linux):
    """Qt lists the plugins it has for a name it does not know; the check does not guess."""
    assert problem({**os.environ, "QT_QPA_PLATFORM": "no-such-platform"}, "linux") is None


def test_qts_default_platforms():
    assert requested_platforms({}) == ["xcb"]
    assert requested_platforms({"XDG_SESSION_TYPE": "x11"}) == ["xcb"]
    assert requested_platforms({"XDG_SESSION_TYPE": "wayland"}) == ["wayland", "xcb"]
    assert requested_platforms({"WAYLAND_DISPLAY": "wayland-0"}) == ["wayland", "xcb"]
    assert requested_platforms({"QT_QPA_PLATFORM": "wayland;xcb"}) == ["wayland", "xcb"]
    assert requested_platforms({"QT_QPA_PLATFORM": "xcb:dpi=96"}) == ["xcb"]


def test_a_library_with_no_known_package_is_named_with_a_way_to_find_it(fake_linux):
    fake_linux.missing["libqxcb.so"] = ["libxcb-cursor.so.0", "libfancy.so.3"]
    message = problem({**os.environ, "QT_QPA_PLATFORM": "xcb"}, "linux")
    assert message == (
        "The kiosk cannot open a window: this PC lacks libraries Qt needs "
        "(libxcb-cursor.so.0, libfancy.so.3).\n"
        "Install them with: sudo apt-get install libxcb-cursor0\n"
        "No package is known here for libfancy.so.3: `apt-file search libfancy.so.3` names the "
        "package that has it."
    )


def test_a_plugin_that_fails_for_another_reason_shows_the_loaders_words(fake_linux):
    fake_linux.missing["libqxcb.so"] = []
    message = problem({**os.environ, "QT_QPA_PLATFORM": "xcb"}, "linux")
    assert message == (
        "The kiosk cannot open a window: Qt's platform plugin would not load "
        "(xcb: undefined symbol: qt_version_tag)."
    )


# -- on this machine, for real ---------------------------------------------------------------


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=child_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@linux_only
def test_here_the_xcb_and_wayland_plugins_load():
    """The libraries are installed here (and in CI): no message, and the plugin stays loaded
    for Qt. In a process of its own, so this test process never loads a window plugin."""
    code = (
        "from kiosk.ui.platform_check import problem; import pathlib\n"
        "print(problem(), any('libqxcb.so' in l for l in open('/proc/self/maps')))\n"
    )
    assert run_python(code, QT_QPA_PLATFORM="xcb").stdout == "None True\n"
    assert run_python(code, QT_QPA_PLATFORM="wayland").stdout == "None False\n"


def patched_plugin(tmp_path: Path, name: str, needed: bytes, instead: bytes) -> Path:
    """A copy of Qt's xcb plugin under another platform name, in a plugin folder of its own
    beside Qt's libraries (as its RUNPATH wants), with one needed library renamed."""
    platforms = tmp_path / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (tmp_path / "lib").symlink_to(PYSIDE_QT / "lib")
    elf = (PYSIDE_QT / "plugins" / "platforms" / "libqxcb.so").read_bytes()
    assert elf.count(needed + b"\0") == 1 and len(needed) == len(instead)
    (platforms / f"libq{name}.so").write_bytes(elf.replace(needed + b"\0", instead + b"\0"))
    return platforms


@linux_only
def test_a_real_plugin_whose_library_is_missing_stops_the_kiosk_with_the_message(tmp_path):
    """The whole way, in a kiosk process: the loader's real error, ldd's walk, the message and
    the exit code. The library is missing because the plugin asks for a version nobody has."""
    platforms = patched_plugin(tmp_path, "kioskprobe", b"libxcb-cursor.so.0", b"libxcb-cursor.so.9")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed"],
        env=child_env(QT_QPA_PLATFORM="kioskprobe", QT_QPA_PLATFORM_PLUGIN_PATH=str(platforms)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == MISSING_LIBRARIES, done.stderr
    assert done.stderr == (
        "The kiosk cannot open a window: this PC lacks libraries Qt needs (libxcb-cursor.so.9).\n"
        "No package is known here for libxcb-cursor.so.9: `apt-file search libxcb-cursor.so.9` "
        "names the package that has it.\n"
    )


@linux_only
def test_a_kiosk_whose_own_qt_is_incomplete_says_reinstall(tmp_path):
    """The plugin without Qt's libraries beside it: that is the kiosk's install, not the PC."""
    platforms = tmp_path / "platforms"
    platforms.mkdir()
    (platforms / "libqkioskprobe.so").write_bytes(
        (PYSIDE_QT / "plugins" / "platforms" / "libqxcb.so").read_bytes()
    )
    done = subprocess.run(
        [sys.executable, "-m", "kiosk"],
        env=child_env(QT_QPA_PLATFORM="kioskprobe", QT_QPA_PLATFORM_PLUGIN_PATH=str(platforms)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == MISSING_LIBRARIES
    assert done.stderr == (
        "The kiosk cannot open a window: its own copy of Qt is incomplete (libQt6XcbQpa.so.6, "
        "libQt6Gui.so.6, libQt6Core.so.6 missing). Reinstall the kiosk.\n"
    )


@linux_only
@pytest.mark.parametrize("plugin", ["libqxcb.so", "libqwayland.so"])
def test_every_library_the_plugins_need_has_its_package(plugin):
    """The table covers what this Qt's xcb and wayland plugins need from the system (ldd's
    whole tree, without glibc itself and Qt's own libraries)."""
    out = subprocess.run(
        ["ldd", str(PYSIDE_QT / "plugins" / "platforms" / plugin)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    glibc = re.compile(r"^(linux-vdso|ld-linux|lib(c|m|dl|pthread|rt)\.so)")
    needed = {
        name
        for name, where in re.findall(r"^\s*(\S+) => (\S+)", out, flags=re.MULTILINE)
        if not glibc.match(name) and not where.startswith(str(PYSIDE_QT))
    }
    assert needed, out
    assert needed - set(PACKAGES) == set()
