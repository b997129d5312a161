"""The tests' own guard on child processes (helpers.processes): what a test starts is found and
stopped after it, however it detached itself, and nothing of the desktop's changes the outcome."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers.processes import MARK, QUIET_DESKTOP, ProcessWatch, child_env

#: A program that leaves as dbus-launch does: it forks, the child starts a session of its own
#: (out of reach of the test's process group) and the parent exits at once. The child says so
#: on the file descriptor it is given, then waits until its standard input closes.
DETACHES = """\
import os, sys
if os.fork():
    os._exit(0)
os.setsid()
os.write(int(sys.argv[1]), b"detached")
os.close(int(sys.argv[1]))
sys.stdin.buffer.read()
"""


def detached(watch: ProcessWatch) -> int:
    """Start DETACHES with the watch's mark and wait until it has detached; returns the write
    end of the daemon's standard input."""
    stdin_r, stdin_w = os.pipe()
    said_r, said_w = os.pipe()
    env = child_env()
    env[MARK] = watch.mark
    subprocess.run(
        [sys.executable, "-c", DETACHES, str(said_w)],
        stdin=stdin_r,
        pass_fds=(said_w,),
        env=env,
        check=True,
    )
    os.close(stdin_r)
    os.close(said_w)
    with os.fdopen(said_r, "rb") as said:
        assert said.read() == b"detached"  # end of file once the daemon has said it
    return stdin_w


def test_a_daemon_in_a_session_of_its_own_is_found_named_and_stopped():
    watch = ProcessWatch.start()
    stdin = detached(watch)
    try:
        (pid,) = watch.running()
        assert os.getsid(pid) == pid != os.getsid(0)  # not in the test's session or group
        left = watch.stop_leftovers(grace_s=0)
        assert left == [f"{sys.executable} -c {DETACHES} (pid {pid})"]
        assert watch.running() == []
    finally:
        os.close(stdin)


def test_a_process_that_ends_in_time_is_not_a_leftover():
    """As an X server does when told to stop: it ends a moment after the test's last line."""
    watch = ProcessWatch.start()
    stdin = detached(watch)
    assert len(watch.running()) == 1
    os.close(stdin)  # the daemon reads end-of-file and exits
    assert watch.stop_leftovers() == []
    assert watch.running() == []


def test_other_processes_are_not_ours():
    """Unmarked processes (another test's, another user's) are never counted or stopped."""
    watch = ProcessWatch.start()
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"],
        stdin=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if k != MARK},
    )
    try:
        assert watch.running() == []
    finally:
        proc.communicate()


def test_children_see_no_session_bus_and_no_speech_server():
    """libdbus autolaunches a bus under X where none is given; libspeechd spawns a server."""
    env = child_env({"PATH": "/usr/bin:/bin"})
    assert env["DBUS_SESSION_BUS_ADDRESS"] == "disabled:"
    assert {k: env[k] for k in QUIET_DESKTOP} == QUIET_DESKTOP
    assert env[MARK] == os.environ[MARK]  # this test's mark
    assert {k: os.environ[k] for k in QUIET_DESKTOP} == QUIET_DESKTOP  # and inherited ones
