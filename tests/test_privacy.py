"""No log line or error message carries a visitor's language or choices, proven: the same
scripted session runs twice, in two languages with two sets of choices, with the same faults
injected (the printer fails, a handout does not fit, speech never ends, the disk is full, a page
fails to render). Once times and durations are masked, the two logs are the same.

Why: a failed print logged the visitor's language, with a time, against the README's promise
that the log holds nothing a visitor chose."""

from __future__ import annotations

import errno
import logging
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from helpers import button, tap
from helpers.fakes import FakePrintService, SlowStopSpeech
from kiosk.core import logs, storage
from kiosk.core.i18n import LANGUAGES
from kiosk.core.logs import CrashCounter, install_excepthook, setup_logging, stop_logging
from kiosk.core.settings import load_settings
from kiosk.core.usage import UsageCounts
from kiosk.handout.render import HandoutDoesNotFit, handout_pdf
from kiosk.ui import print_job
from kiosk.ui.pages.setup import SetupPage
from kiosk.ui.print_job import HandoutPrinter
from kiosk.ui.speech.controller import ReadAloud
from kiosk.ui.speech.engine import QtSpeechEngine

#: Two visitors: a language and the services each taps on "Do you need an account?".
VISITORS = {
    "first": ("es", ["choice-video", "choice-messaging"]),
    "second": ("vi", ["choice-not-sure"]),
}
TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ", re.MULTILINE)
DURATION = re.compile(r"\b\d+(\.\d+)? ?(ms|s|seconds?)\b")


@pytest.fixture(autouse=True)
def clean_logging():
    root = logging.getLogger()
    level, hook = root.level, sys.excepthook
    yield
    stop_logging()
    root.setLevel(level)
    sys.excepthook = hook


def masked(text: str) -> str:
    return DURATION.sub("<duration>", TIME.sub("<time> ", text))


def faults(monkeypatch) -> None:
    """The same faults for every visitor: the disk is full, Step 3 fails to render once per
    session, and each visitor's first handout does not fit (its message names the language)."""

    def disk_full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_write_all", disk_full)
    render_setup = SetupPage.render_state
    failed: set[int] = set()

    def render_once_broken(self, ctx, session):
        if id(session) not in failed:
            failed.add(id(session))
            raise RuntimeError(f"a render error in {ctx.tr.code}")  # its message is not logged
        render_setup(self, ctx, session)

    monkeypatch.setattr(SetupPage, "render_state", render_once_broken)
    printed: list[str] = []

    def first_does_not_fit(handout):
        printed.append(handout.language)
        if len(printed) % 2 == 1:  # each visitor prints twice
            raise HandoutDoesNotFit(f"{handout.language}: the handout does not fit on one page")
        return handout_pdf(handout)

    monkeypatch.setattr(print_job, "handout_pdf", first_does_not_fit)


class StuckSpeech(SlowStopSpeech):
    """A speech engine with a voice for every language that never finishes a text (as
    speech-dispatcher does without a working audio output)."""

    def availableLocales(self):
        return [QLocale(name) for name in ("en_US", "es_ES", "vi_VN")]


def visit(make_window, qtbot, tmp_path: Path, code: str, taps: list[str], log_dir: Path) -> str:
    """One visitor's session from a fresh start of the kiosk; returns its log."""
    setup_logging(log_dir)
    settings = tmp_path / "settings.toml"
    settings.write_text('printer = "lobby"\n', encoding="utf-8")
    tts = StuckSpeech()
    read_aloud = ReadAloud(QtSpeechEngine(tts=tts, stop_guard_ms=1, overdue_ms=(1, 0)))
    window = make_window(
        load_settings(settings), usage=UsageCounts(tmp_path / "usage.json"), read_aloud=read_aloud
    )
    crashes = CrashCounter(tmp_path / "crashes.json")
    install_excepthook(crashes, window.recover)
    for attempt in range(2):  # the render error sends the first attempt back to Welcome
        tap(button(window, "StartButton"))
        tap(button(window, f"lang-{code}"))
        tap(button(window, "ContinueButton"))
        for name in taps:
            tap(button(window, name))
        tap(button(window, "ContinueButton"))
        if attempt == 0:
            assert window.session.page == "welcome"
    assert crashes.this_run == 1
    assert window.session.page == "setup"
    tap(button(window, "ContinueButton"))
    tap(button(window, "ContinueButton"))
    done = window.pages["done"]
    done.printer = HandoutPrinter(FakePrintService(refuse="lp failed: the printer is out of paper"))
    tap(button(window, "PrintButton"))  # does not fit
    tap(button(window, "PrintButton"))  # refused by the printer
    tap(button(window, "ReadAloudButton"))
    qtbot.waitUntil(lambda: read_aloud.state == "idle", timeout=5_000)  # speech never ended
    assert tts.said
    tap(button(window, "StartOverButton"))  # the session ends: counts cannot be saved
    stop_logging()
    window.close()
    return (log_dir / "kiosk.log").read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture  # the render error goes to the kiosk's own excepthook
@pytest.mark.qt_log_ignore(r"^Couldn't (load|resolve) pipewire-0\.3 ")
def test_two_visitors_leave_the_same_log(make_window, qtbot, tmp_path, monkeypatch):
    faults(monkeypatch)
    seen = {
        who: visit(make_window, qtbot, tmp_path, code, taps, tmp_path / f"log-{who}")
        for who, (code, taps) in VISITORS.items()
    }
    first, second = (masked(log) for log in seen.values())
    assert first == second
    for expected in (
        "unexpected error (number 1 in this run): builtins.RuntimeError",
        "handout not printed on 'lobby': it does not fit on one letter page",
        "handout not printed on 'lobby': lp failed: the printer is out of paper",
        "Speech did not finish in time",
        "usage counts not saved: cannot save",
        "the disk is full",
    ):
        assert expected in first, (expected, first)
    for code, _taps in VISITORS.values():
        language = LANGUAGES[code]
        for said in (language.english_name, language.native_name, f"{code}:", f"'{code}'"):
            assert said not in first, said
    for service in ("video", "messaging", "not-sure", "not_sure"):
        assert service not in first.lower()
    assert logs.logging_problem is None
