"""Child processes in tests: the same on any machine, and gone when their test ends.

A test that starts a program (the kiosk, a walk script, Xvfb, strace) must not depend on what
the desktop it runs on has installed, and must not leave anything behind. Two things make that
so:

- **A quiet desktop** (:data:`QUIET_DESKTOP`, set in the test process's own environment by
  conftest, so every child inherits it). Without a session bus address, libdbus *autolaunches*
  one under X11 where dbus-x11 is installed (most desktops): ``dbus-launch`` starts a
  ``dbus-daemon`` in a session of its own, and both outlive the program, so ``strace -f``
  waits for them for ever. ``DBUS_SESSION_BUS_ADDRESS=disabled:`` is an address libdbus cannot
  parse ("Unknown address type"), so it connects to no bus and launches none. Likewise
  libspeechd autospawns ``speech-dispatcher`` where it is installed; ``SPEECHD_CMD`` names a
  program that refuses to start, and ``SPEECHD_ADDRESS`` a socket nobody listens on.
- **A mark on every child** (:data:`MARK`): each test gets its own value in the environment,
  which every process it starts inherits, however it detaches itself (double fork, setsid, a
  new process group). After the test, :class:`ProcessWatch` finds the marked processes in
  /proc, stops them and names them: killing a process group would miss a daemon in a session
  of its own, and "no Xvfb anywhere" would catch other people's.

Hand-built environments (``env={...}``) must go through :func:`child_env` to keep both.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import select
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

#: What every process a test starts sees instead of the desktop's services.
QUIET_DESKTOP = {
    "DBUS_SESSION_BUS_ADDRESS": "disabled:",
    "SPEECHD_ADDRESS": "unix_socket:/nonexistent/speech-dispatcher.sock",
    "SPEECHD_CMD": "/bin/false",
}
#: The environment variable whose value marks the processes of one test.
MARK = "KIOSK_TEST_PROCESS_MARK"
#: How long processes a test started may take to finish exiting after it (a killed Xvfb, say).
GRACE_S = 10.0

_numbers = itertools.count(1)


def child_env(base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """An environment for a child process: ``base`` (the test process's own by default) and
    ``extra``, with the quiet desktop and this test's mark."""
    env = dict(os.environ if base is None else base)
    env.update(extra)
    env.update(QUIET_DESKTOP)
    if MARK in os.environ:
        env[MARK] = os.environ[MARK]
    return env


def _pids() -> set[int]:
    """The processes alive now (none known where there is no /proc: the watch sees nothing)."""
    if not os.path.isdir("/proc"):
        return set()
    return {int(name) for name in os.listdir("/proc") if name.isdigit()}


def _environ(pid: int) -> bytes:
    """The process's environment as the kernel keeps it (empty for a zombie or a stranger)."""
    try:
        with open(f"/proc/{pid}/environ", "rb") as file:
            return b"\0" + file.read()
    except OSError:
        return b""


def _name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            words = file.read().split(b"\0")
    except OSError:
        return f"pid {pid}"
    return f"{b' '.join(w for w in words[:3] if w).decode(errors='replace')} (pid {pid})"


@dataclass
class ProcessWatch:
    """The processes one test starts: every one carries ``MARK=mark`` in its environment."""

    mark: str
    before: set[int]

    @classmethod
    def start(cls) -> ProcessWatch:
        """Watch from now on. The caller puts ``MARK=watch.mark`` in os.environ."""
        return cls(f"{os.getpid()}-{next(_numbers)}", _pids())

    def running(self) -> list[int]:
        """The marked processes alive now (started since the watch began)."""
        needle = f"\0{MARK}={self.mark}\0".encode()
        return [pid for pid in sorted(_pids() - self.before) if needle in _environ(pid) + b"\0"]

    def stop_leftovers(self, grace_s: float = GRACE_S) -> list[str]:
        """Wait up to ``grace_s`` for the marked processes to end, then kill those still
        running; returns their names (empty when nothing outlived the test)."""
        fds: dict[int, int] = {}
        for pid in self.running():
            with contextlib.suppress(ProcessLookupError):
                fds[os.pidfd_open(pid)] = pid
        try:
            left = _wait_for_ends(fds, grace_s)
            names = [_name(fds[fd]) for fd in left]
            for fd in left:
                with contextlib.suppress(ProcessLookupError):
                    signal.pidfd_send_signal(fd, signal.SIGKILL)
            _wait_for_ends({fd: fds[fd] for fd in left}, GRACE_S)  # a kill takes a moment too
            return names
        finally:
            for fd in fds:
                os.close(fd)


def _wait_for_ends(fds: dict[int, int], timeout_s: float) -> list[int]:
    """Wait up to timeout_s for the processes behind these pidfds to end; returns the pidfds of
    those still running. A pidfd becomes readable when its process ends: no sleeping."""
    poller = select.poll()
    for fd in fds:
        poller.register(fd, select.POLLIN)
    deadline, ended = time.monotonic() + timeout_s, set()
    while len(ended) < len(fds):
        events = poller.poll(max(0, int((deadline - time.monotonic()) * 1000)))
        if not events:
            break
        for fd, _ in events:
            ended.add(fd)
            poller.unregister(fd)
    return [fd for fd in fds if fd not in ended]


@contextlib.contextmanager
def xvfb(screen: str = "1920x1080x24") -> Iterator[str]:
    """An X server of the test's own: yields its display (":N"), and on the way out stops it
    and waits for it. Xvfb picks a free display itself (-displayfd), so tests running at the
    same time on one machine do not race for a number as ``xvfb-run -a`` does."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        env=child_env(),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            ready, _, _ = select.select([pipe], [], [], 30)
            number = pipe.readline().decode().strip() if ready else ""
        assert number, "Xvfb did not start within 30 s"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)
