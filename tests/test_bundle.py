"""The PyInstaller bundle proves itself: built from build/kiosk.spec, run without Python.

Slow (it builds the bundle), so it is marked ``bundle`` and left out of the default run:

    uv run --group build pytest -m bundle

Everything from the bundle runs in a clean environment: an empty PATH (no Python anywhere), a
fresh HOME, and a fontconfig that sees no system fonts, as on a kiosk PC without fonts-noto.
The development version runs in the same environment for comparison.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from helpers.processes import child_env
from kiosk import __version__
from kiosk.core.settings import ALL_LANGUAGES

REPO = Path(__file__).resolve().parents[1]


def _load_build_module(name: str) -> ModuleType:
    """A module from build/ (not a package), without putting build/ on sys.path."""
    spec = importlib.util.spec_from_file_location(name, REPO / "build" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle = _load_build_module("bundle")  # what the spec keeps and leaves out

pytestmark = pytest.mark.bundle

#: Generous limits for a loaded 2-core CI machine; they only turn a hang into a failure.
BUILD_TIMEOUT_S = 900
RUN_TIMEOUT_S = 600
START_TIMEOUT_S = 60


@pytest.fixture(scope="module")
def bundle_dir() -> Iterator[Path]:
    """A fresh bundle, built with the documented spec into a temporary dist folder.

    The folder is readable by every user: under root, the cage test runs the bundle as nobody.
    """
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is missing: run `uv run --group build pytest -m bundle`")
    top = Path(tempfile.mkdtemp(prefix="kiosk-bundle-"))
    try:
        top.chmod(0o755)
        result = subprocess.run(
            [sys.executable, "-m", "PyInstaller", str(REPO / "build" / "kiosk.spec"),
             "--noconfirm", "--log-level", "WARN",
             "--workpath", str(top / "work"), "--distpath", str(top / "dist")],
            cwd=REPO, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        yield top / "dist" / "kiosk"
    finally:
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="module")
def clean_base(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("clean-home")
    fonts_conf = no_system_fonts(home)
    empty_bin = home / "bin"
    empty_bin.mkdir()
    env = {
        "PATH": str(empty_bin),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "FONTCONFIG_FILE": str(fonts_conf),
    }
    assert shutil.which("python3", path=env["PATH"]) is None
    return env


@pytest.fixture
def clean_env(clean_base: dict[str, str]) -> dict[str, str]:
    """The clean environment, with no session bus or speech server of the desktop's and this
    test's mark (helpers.processes): what the bundle starts is stopped with the test."""
    return child_env(clean_base)


def no_system_fonts(home: Path) -> Path:
    """A fontconfig file that finds no fonts: only the kiosk's bundled ones are seen."""
    fonts_conf = home / "fonts.conf"
    fonts_conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{home / 'fontcache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return fonts_conf


def frozen(bundle_dir: Path, *args: str) -> list[str]:
    return [str(bundle_dir / "kiosk"), *args]


def development(*args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", *args]


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False
    )


def test_version_names_app_and_content(bundle_dir, clean_env):
    result = run(frozen(bundle_dir, "--version"), clean_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"kiosk {__version__}, content ")
    assert result.stdout == run(development("--version"), clean_env).stdout


def test_check_passes_in_every_language(bundle_dir, clean_env):
    result = run(frozen(bundle_dir, "check"), clean_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Result: ready" in result.stdout
    listed = re.findall(r"^  (\S+)\s", result.stdout, flags=re.MULTILINE)
    assert set(ALL_LANGUAGES) <= set(listed)
    assert result.stdout == run(development("check"), clean_env).stdout


def test_screens_are_identical_to_the_development_version(bundle_dir, clean_env, tmp_path):
    """Every page and state in every language, file by file."""
    frozen_out, dev_out = tmp_path / "frozen", tmp_path / "dev"
    runs = [
        subprocess.Popen(
            command, env=clean_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for command in (
            frozen(bundle_dir, "screens", str(frozen_out)),
            development("screens", str(dev_out)),
        )
    ]  # both at once: two cores
    for proc in runs:
        out, err = proc.communicate(timeout=RUN_TIMEOUT_S)
        assert proc.returncode == 0, out + err[-3000:]
    frozen_files = sorted(p.name for p in frozen_out.glob("*.png"))
    assert frozen_files == sorted(p.name for p in dev_out.glob("*.png"))
    for code in ALL_LANGUAGES:
        assert any(f"-{code}-" in name for name in frozen_files), code
    different = [
        name
        for name in frozen_files
        if (frozen_out / name).read_bytes() != (dev_out / name).read_bytes()
        and not same_pixels(frozen_out / name, dev_out / name)
    ]
    assert not different, f"{len(different)} screens differ, e.g. {different[:5]}"


def same_pixels(a: Path, b: Path) -> bool:
    from PySide6.QtGui import QImage

    return QImage(str(a)) == QImage(str(b))


def test_bundle_holds_what_the_kiosk_uses_and_nothing_it_does_not(bundle_dir):
    internal = bundle_dir / bundle.CONTENTS
    assert (internal / "resources" / "content" / "pack.toml").is_file()
    for code in ALL_LANGUAGES[1:]:
        po = internal / "translations" / code / "LC_MESSAGES" / "kiosk.po"
        mo = po.with_suffix(".mo")
        assert mo.stat().st_mtime >= po.stat().st_mtime, f"{code}: the .mo would be ignored"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for wanted in (
        "platforms/libqoffscreen.so", "platforms/libqxcb.so", "platforms/libqwayland.so",
        "imageformats/libqsvg.so", "iconengines/libqsvgicon.so",
        "printsupport/libcupsprintersupport.so", "texttospeech/libqtexttospeech_speechd.so",
        "wayland-shell-integration/libxdg-shell.so",
    ):  # fmt: skip
        assert (plugins / wanted).is_file(), wanted
    names = [p.relative_to(bundle_dir).as_posix() for p in bundle_dir.rglob("*")]
    unwanted = re.compile(
        r"WebEngine|Qt6Qml|Qt6Quick|Qt63D|VirtualKeyboard|avcodec|ffmpeg|plugins/multimedia"
        r"|plugins/platformthemes|plugins/platforminputcontexts|babel/locale-data/fr\.dat",
        re.IGNORECASE,
    )
    assert [n for n in names if unwanted.search(n)] == []
    assert os.access(bundle_dir / "deploy" / "linux" / "visitor-kiosk-cage", os.X_OK)


def test_bundle_needs_only_the_listed_system_libraries(bundle_dir):
    """What the kiosk PC must provide is exactly what the README lists (besides glibc)."""
    internal = bundle_dir / bundle.CONTENTS
    library_path = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    outside: set[str] = set()
    for lib in internal.rglob("*.so*"):
        if lib.is_symlink() or not lib.is_file():
            continue
        result = subprocess.run(
            ["ldd", str(lib)],
            env={"LD_LIBRARY_PATH": library_path},
            capture_output=True,
            text=True,
            check=False,
        )
        for name, path in re.findall(r"^\s*(\S+) => (\S+)", result.stdout, flags=re.MULTILINE):
            assert path != "not", f"{lib.name} needs {name}, found nowhere"
            if not path.startswith(str(internal)):
                outside.add(name)
    glibc = {n for n in outside if re.match(r"lib(c|m|dl|pthread|resolv|rt)\.so", n)}
    assert outside - glibc <= set(bundle.SYSTEM_LIBRARIES)


def test_kiosk_starts_and_paints_from_a_clean_shell(bundle_dir, clean_env):
    env = {**clean_env, "QT_QPA_PLATFORM": "offscreen"}
    env["QT_LOGGING_RULES"] = "qt.widgets.painting=true"
    wait_for(started(frozen(bundle_dir), env), "qt.widgets.painting: Flushing")


# -- under cage, the compositor of the Linux deployment ----------------------------------------

needs_cage = pytest.mark.skipif(
    shutil.which("cage") is None or not sys.platform.startswith("linux"),
    reason="cage is not installed (Debian: apt-get install cage xwayland)",
)


@pytest.fixture
def cage_env(clean_env) -> Iterator[dict[str, str]]:
    """cage on wlroots' headless back end; as root, the programs run as nobody (cage refuses
    root), with their own HOME and runtime folder."""
    top = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    try:
        home, runtime = top / "home", top / "runtime"
        home.mkdir()
        runtime.mkdir(mode=0o700)
        fonts_conf = no_system_fonts(home)
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            for path in (top, home, runtime, fonts_conf):
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        yield {
            **clean_env,
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "FONTCONFIG_FILE": str(fonts_conf),
            "XDG_RUNTIME_DIR": str(runtime),
            "WLR_BACKENDS": "headless",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",
        }
    finally:
        shutil.rmtree(top, ignore_errors=True)


def as_kiosk_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    nobody = pwd.getpwnam("nobody")
    return ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups",
            *command]  # fmt: skip


@needs_cage
@pytest.mark.parametrize("code", [64, 1, 0])
def test_cage_wrapper_passes_the_exit_code_on(bundle_dir, cage_env, code):
    """systemd's RestartPreventExitStatus=64 sees the kiosk's code, not cage's (always 0)."""
    wrapper = bundle_dir / "deploy" / "linux" / "visitor-kiosk-cage"
    command = as_kiosk_user([str(wrapper), "/bin/sh", "-c", f"exit {code}"])
    result = subprocess.run(
        command, env=cage_env, capture_output=True, text=True, timeout=START_TIMEOUT_S, check=False
    )
    assert result.returncode == code, result.stderr[-2000:]


@needs_cage
def test_kiosk_runs_full_screen_under_cage(bundle_dir, cage_env):
    """As the systemd unit starts it: the wrapper, cage, and the kiosk on Qt's Wayland plugin."""
    wrapper = bundle_dir / "deploy" / "linux" / "visitor-kiosk-cage"
    env = {
        **cage_env,
        "QT_QPA_PLATFORM": "wayland",  # no fallback to X11: Wayland must work
        "QT_LOGGING_RULES": "qt.widgets.painting=true;qt.qpa.wayland=true",
    }
    lines = started(as_kiosk_user([str(wrapper)]), env)
    wait_for(
        lines,
        "Using the 'xdg-shell' shell integration",
        "WindowFullScreen",  # cage's answer to the kiosk's showFullScreen()
        "qt.widgets.painting: Flushing",  # a painted frame
    )


# -- running a program until it shows something ------------------------------------------------

_running: list[tuple[subprocess.Popen[str], threading.Thread]] = []


@pytest.fixture(autouse=True)
def stop_started_programs() -> Iterator[None]:
    yield
    while _running:
        proc, reader = _running.pop()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # its own process group: cage, Xwayland, kiosk
            try:
                proc.wait(timeout=START_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        reader.join(timeout=START_TIMEOUT_S)
        assert proc.stderr is not None
        proc.stderr.close()


def started(command: list[str], env: dict[str, str]) -> queue.Queue[str | None]:
    """Start a long-running program; its stderr lines arrive in the queue (None at the end)."""
    proc = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    _running.append((proc, reader))
    return lines


def wait_for(lines: queue.Queue[str | None], *texts: str) -> None:
    """Read lines until each of ``texts`` has appeared in one; fail with the last lines read if
    the program ends first or START_TIMEOUT_S pass."""
    missing, seen = set(texts), []
    deadline = time.monotonic() + START_TIMEOUT_S
    while missing:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            line = ""
        if line is None or time.monotonic() > deadline:
            ended = "the program ended" if line is None else f"{START_TIMEOUT_S} s passed"
            pytest.fail(f"{ended} before {sorted(missing)}; last lines:\n" + "".join(seen))
        missing = {text for text in missing if text not in line}
        seen = [*seen[-30:], line]
