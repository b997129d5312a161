"""Escape attempts against the real kiosk window on an X server with a window manager.

Xvfb and openbox run for these tests; the kiosk runs as its own process, as in the lobby.
The control case: the same window manager close request does close an ordinary window.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.processes import child_env, xvfb

NEEDED = ("Xvfb", "openbox", "xdotool", "wmctrl", "xprop")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in NEEDED) and not os.environ.get("CI"),
    reason="needs Xvfb, openbox, xdotool, wmctrl, xprop (CI installs them)",
)


def read_line(stream, timeout: float) -> str:
    """One line from a pipe, waiting at most `timeout` seconds (no sleeping)."""
    ready, _, _ = select.select([stream], [], [], timeout)
    assert ready, "timed out waiting"
    return stream.readline().decode().strip()


@pytest.fixture
def x_server(tmp_path):
    """Xvfb with openbox, and the environment of a kiosk on it: its own folders, no session
    bus (see helpers.processes)."""
    with xvfb("1366x768x24") as display:
        env = child_env(
            {
                "DISPLAY": display,
                "PATH": os.environ["PATH"],
                "HOME": str(tmp_path),
                "XDG_CONFIG_HOME": str(tmp_path / "config"),
                "XDG_DATA_HOME": str(tmp_path / "data"),
                "XDG_STATE_HOME": str(tmp_path / "state"),
                "XDG_CACHE_HOME": str(tmp_path / "cache"),
                "XDG_RUNTIME_DIR": str(tmp_path),
                "QT_QPA_PLATFORM": "xcb",
            }
        )
        wm = subprocess.Popen(
            ["openbox", "--startup", "echo openbox-is-ready"], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            while read_line(wm.stdout, 20) != "openbox-is-ready":  # openbox also prints notices
                pass
            yield env
        finally:
            wm.terminate()
            wm.wait(10)
            wm.stdout.close()


def start_kiosk(qtbot, env, *args):
    """The kiosk, started and done starting: its log file is opened by the last job after its
    first frame. (An Alt+F4 sent while a freshly started kiosk was still starting was lost now
    and then, under load: 1 of 8 starts, old and new code alike; not explained.)"""
    log = Path(env["XDG_STATE_HOME"]) / "visitor-kiosk" / "log" / "kiosk.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    found = subprocess.run(
        ["xdotool", "search", "--sync", "--onlyvisible", "--name", "Visitor kiosk"],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    qtbot.waitUntil(log.exists, timeout=30_000)
    return proc, found.stdout.split()[0]


def xprop_state(env, window):
    out = subprocess.run(
        ["xprop", "-id", window, "_NET_WM_STATE"], env=env, capture_output=True, text=True
    ).stdout
    return out


def send(env, *command):
    subprocess.run(command, env=env, check=True, timeout=20)


def test_kiosk_mode_cannot_be_closed_from_the_keyboard_or_window_manager(qtbot, x_server, tmp_path):
    env = x_server
    proc, window = start_kiosk(qtbot, env)
    try:
        assert "_NET_WM_STATE_FULLSCREEN" in xprop_state(env, window)
        send(env, "xdotool", "windowactivate", "--sync", window)
        for keys in ("Escape", "ctrl+q", "ctrl+w", "alt+F4", "ctrl+F4"):
            send(env, "xdotool", "key", "--clearmodifiers", keys)
        send(env, "wmctrl", "-i", "-c", window)  # a polite close request, as a WM sends
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=4)  # the control case below closes well within this
        shot = tmp_path / "kiosk-x11.png"
        send(env, "import", "-window", "root", str(shot))
        assert shot.stat().st_size > 10_000
        if os.environ.get("KIOSK_SCREENSHOT_DIR"):
            shutil.copy(shot, Path(os.environ["KIOSK_SCREENSHOT_DIR"]) / shot.name)
        # Taken out of full screen, it goes back.
        spy = subprocess.Popen(
            ["xprop", "-spy", "-id", window, "_NET_WM_STATE"], env=env, stdout=subprocess.PIPE
        )
        read_line(spy.stdout, 10)  # the current state
        send(env, "wmctrl", "-i", "-r", window, "-b", "remove,fullscreen")
        states = [read_line(spy.stdout, 10)]
        while "FULLSCREEN" not in states[-1] and len(states) < 10:
            states.append(read_line(spy.stdout, 10))
        spy.terminate()
        spy.wait(10)
        spy.stdout.close()
        # Each line is a change of the property after the removal; xprop reads the value when
        # it prints, so the kiosk may already be back: what matters is that it ends full screen.
        assert "FULLSCREEN" in states[-1]
    finally:
        proc.kill()
        proc.wait(10)
    assert proc.returncode is not None


def closes_on(env, proc, *command) -> int:
    """The exit code after a close request; sent a second time if the first is lost.

    Under load (two busy CPUs beside the test) the first request was lost in about 1 of 8
    starts, with this round's start-up code and the previous one alike: the kiosk stayed open
    for 60 s and more. Not explained; see docs/developers.md, Known issues (the speech engine's
    start blocks the window for seconds just then)."""
    for _attempt in range(2):
        send(env, *command)
        try:
            return proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            continue
    return proc.wait(timeout=15)


def test_control_an_ordinary_window_does_close(qtbot, x_server):
    env = x_server
    proc, window = start_kiosk(qtbot, env, "--windowed")
    send(env, "xdotool", "windowactivate", "--sync", window)
    assert closes_on(env, proc, "xdotool", "key", "--clearmodifiers", "alt+F4") == 0
    proc, window = start_kiosk(qtbot, env, "--windowed")
    assert closes_on(env, proc, "wmctrl", "-i", "-c", window) == 0
