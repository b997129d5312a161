"""The kiosk never touches the network: a whole walk-through in every language, watched by strace.

Patching Python's socket module would miss Qt's own C++ code (network information, proxies,
speech), so the walk runs as a child process under `strace -f -e trace=network` and every
socket it opens is read from the kernel's side. Local AF_UNIX sockets (an X server, the
accessibility bus, speech-dispatcher) are fine; AF_INET and AF_INET6 are not.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.processes import xvfb

WALK = Path(__file__).parent / "scripts" / "walk_all_languages.py"
INET = re.compile(
    r"\b(socket|socketpair)\(AF_INET6?\b|\b(connect|sendto|bind)\(.*sa_family=AF_INET6?\b"
)

needs_strace = pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")


def inet_calls(strace_log: str) -> list[str]:
    """The lines of an strace log that open or use an internet socket."""
    return [line for line in strace_log.splitlines() if INET.search(line)]


def programs_run(strace_log: str) -> list[str]:
    """The programs started in an strace log (its successful execve calls)."""
    return re.findall(r'\bexecve\("([^"]+)".*= 0$', strace_log, flags=re.MULTILINE)


def test_the_log_reader_catches_internet_sockets_and_lets_local_ones_pass():
    log = "\n".join(
        [
            "101 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 5",
            '101 connect(5, {sa_family=AF_UNIX, sun_path="/tmp/.X11-unix/X99"}, 110) = 0',
            "101 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 6",
            "102 socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = 7",
            '103 connect(8, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("1.1.1.1")}'
            ", 16) = 0",
        ]
    )
    assert len(inet_calls(log)) == 3


def walk_under_strace(tmp_path: Path, platform: str, **env_vars: str) -> tuple[str, str]:
    log = tmp_path / f"strace-{platform}.log"
    # The test process's environment: no session bus to autolaunch, so strace follows the walk
    # alone (see helpers.processes), and this test's mark on every process.
    env = dict(os.environ, QT_QPA_PLATFORM=platform, **env_vars)
    done = subprocess.run(
        [
            "strace",
            "-f",
            "-e",
            "trace=network,execve",  # execve: every program the walk runs is named too
            "-o",
            str(log),
            sys.executable,
            str(WALK),
            str(tmp_path / "handouts"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"walk failed ({platform}):\n{done.stdout}\n{done.stderr}"
    return done.stdout, log.read_text()


def check_walk(stdout: str, log: str, tmp_path: Path) -> None:
    from kiosk.core.settings import ALL_LANGUAGES

    assert [line.split()[-1] for line in stdout.splitlines() if line.startswith("walked ")] == list(
        ALL_LANGUAGES
    ), "the walk did not reach every language"
    assert len(list((tmp_path / "handouts").glob("*.pdf"))) == len(ALL_LANGUAGES)
    assert "+++ exited with 0 +++" in log, "strace did not follow the walk"
    assert inet_calls(log) == [], "the kiosk used the network:\n" + "\n".join(inet_calls(log))
    # Nothing else ran: no dbus-launch, no helper the desktop happens to have.
    assert programs_run(log) == [sys.executable], f"the walk ran {programs_run(log)[1:]}"


@needs_strace
def test_a_walk_through_every_language_opens_no_internet_socket(tmp_path):
    stdout, log = walk_under_strace(tmp_path, "offscreen")
    check_walk(stdout, log, tmp_path)


@needs_strace
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")
def test_on_a_real_x_server_too(tmp_path):
    """xcb talks to the X server over a local socket; that is the only kind allowed.

    Where dbus-x11 is installed (most desktops) and no session bus is given, libdbus under X
    starts dbus-launch and a dbus-daemon that outlive the walk; strace -f followed them and this
    test hung for its full timeout. The walk now sees no session bus (helpers.processes)."""
    with xvfb("1920x1080x24") as display:
        stdout, log = walk_under_strace(tmp_path, "xcb", DISPLAY=display)
    check_walk(stdout, log, tmp_path)
    assert "AF_UNIX" in log, "under X the walk should have used a local socket"
