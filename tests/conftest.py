"""Shared fixtures. Qt runs offscreen; the app's folders point into tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from helpers.processes import MARK, QUIET_DESKTOP, ProcessWatch
from kiosk.core.content import ContentPack, load_content
from kiosk.core.i18n import Translators
from kiosk.core.settings import Settings, load_settings
from kiosk.ui.fonts import hide_system_fonts

# Every process a test starts sees no session bus and no speech server of the desktop's (see
# helpers.processes): the same outcome on a bare CI machine and on a desktop with dbus-x11.
os.environ.update(QUIET_DESKTOP)

# The fonts the kiosk sees, set before Qt's font database starts: the bundled ones alone, as on
# a kiosk PC and in CI, whatever fonts this PC has (so text wraps and moves as it does there).
hide_system_fonts()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """platformdirs folders (config, data, logs) inside tmp_path, never the real ones."""
    home = tmp_path / "home"
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    return home


@pytest.fixture(autouse=True)
def nothing_outlives_its_test(monkeypatch: pytest.MonkeyPatch):
    """Every process a test starts carries the test's mark; none may still run after it (an
    Xvfb, strace, dbus-launch, dbus-daemon, openbox, the kiosk). Any that does is stopped and
    the test fails, naming it."""
    watch = ProcessWatch.start()
    monkeypatch.setenv(MARK, watch.mark)
    yield
    left = watch.stop_leftovers()
    if left:
        pytest.fail("still running after the test (now stopped): " + "; ".join(left))


@pytest.fixture(scope="session")
def pack() -> ContentPack:
    return load_content()


@pytest.fixture(scope="session")
def translators() -> Translators:
    return Translators()


@pytest.fixture
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["kiosk-tests"]


@pytest.fixture(scope="session")
def kiosk_app(qapp):
    """The QApplication as the kiosk sets it up (bundled fonts registered)."""
    from kiosk.ui.app import create_app

    create_app()
    return qapp


@pytest.fixture
def make_window(kiosk_app, qtbot, pack, translators):
    """A kiosk window at a given size, shown offscreen, with the given settings."""
    from kiosk.ui.window import KioskWindow

    def make(
        settings: Settings | None = None,
        size: tuple[int, int] = (1920, 1080),
        kiosk_mode: bool = False,
        **kwargs,
    ):
        window = KioskWindow(
            pack, settings or load_settings(), translators, kiosk_mode=kiosk_mode, **kwargs
        )
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        # As a visitor finds it: the first frame painted, and what follows it done (pages
        # built, input watched) long before a finger can touch.
        qtbot.waitUntil(
            lambda: window.first_frame_done and not window.builder.is_busy(), timeout=5000
        )
        return window

    return make
