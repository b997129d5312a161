"""The log rotates in the platformdirs log folder, records no visitor choice, and an unexpected
error is counted and handed back to the UI instead of ending the kiosk."""

from __future__ import annotations

import logging
import sys

import pytest

from kiosk.core import logs
from kiosk.core.logs import (
    CrashCounter,
    default_log_dir,
    install_excepthook,
    setup_logging,
    stop_logging,
)
from kiosk.core.session import VisitorSession
from kiosk.core.usage import UsageCounts


@pytest.fixture(autouse=True)
def clean_logging():
    root = logging.getLogger()
    level = root.level
    hook = sys.excepthook
    yield
    stop_logging()
    root.setLevel(level)
    sys.excepthook = hook


def read_log(folder=None) -> str:
    return ((folder or default_log_dir()) / "kiosk.log").read_text(encoding="utf-8")


def raise_with_a_choice(service: str) -> None:
    raise KeyError(f"no text for {service}")


def caught(service: str = "video") -> BaseException:
    try:
        raise_with_a_choice(service)
    except KeyError as exc:
        return exc
    raise AssertionError("unreachable")


def test_the_log_goes_to_the_platformdirs_log_folder(isolated_dirs):
    path = setup_logging()
    assert path == default_log_dir() / "kiosk.log"
    assert str(path).startswith(str(isolated_dirs))
    logging.getLogger("kiosk.test").info("kiosk started")
    assert "INFO kiosk.test: kiosk started" in read_log()
    assert logs.logging_problem is None


def test_the_log_rotates_and_keeps_five_old_files(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_LOG_BYTES", 300)
    setup_logging(tmp_path)
    for n in range(100):
        logging.getLogger("kiosk.test").info("line %03d of a long day in the lobby", n)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["kiosk.log", *(f"kiosk.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 300 for p in tmp_path.iterdir())


def test_setting_up_twice_does_not_log_twice(tmp_path):
    setup_logging(tmp_path)
    setup_logging(tmp_path)
    logging.getLogger("kiosk.test").warning("once")
    assert read_log(tmp_path).count("once") == 1


def test_an_unwritable_log_folder_falls_back_to_stderr_without_failing(tmp_path, capsys):
    (tmp_path / "logs").write_bytes(b"a file where the log folder should be")
    setup_logging(tmp_path / "logs")
    assert logs.logging_problem is not None
    assert logs.logging_problem.startswith(f"{tmp_path / 'logs' / 'kiosk.log'}: cannot write")
    logging.getLogger("kiosk.test").warning("still logging")
    assert "still logging" in capsys.readouterr().err


def test_an_unexpected_error_is_logged_without_its_message(tmp_path):
    setup_logging(tmp_path)
    counter = CrashCounter()
    counter.record(caught("messaging"))
    text = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert "unexpected error (number 1 in this run)" in text
    assert "builtins.KeyError" in text
    assert "raise_with_a_choice" in text  # where it happened
    assert "no text for messaging" not in text  # what the visitor chose is not


def test_errors_are_counted_per_run_and_in_total():
    first_run = CrashCounter()
    first_run.record(caught())
    first_run.record(caught())
    assert (first_run.this_run, first_run.total) == (2, 2)
    second_run = CrashCounter()
    assert (second_run.this_run, second_run.total) == (0, 2)
    second_run.record(caught())
    assert (second_run.this_run, second_run.total) == (1, 3)


@pytest.mark.parametrize("content", [b"", b"{", b'{"total": -1}', b'{"total": "2"}', b"[]"])
def test_a_damaged_error_count_starts_from_zero(content):
    path = logs.default_crash_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    counter = CrashCounter()
    assert counter.total == 0
    counter.record(caught())
    assert CrashCounter().total == 1


def test_the_excepthook_counts_and_returns_to_welcome(pack):
    session = VisitorSession(pack)
    session.go_to("account")
    session.toggle_service("video")
    counter = CrashCounter()
    previous = install_excepthook(counter, session.start_over)
    error = caught()
    sys.excepthook(type(error), error, error.__traceback__)  # as Qt does for a slot
    assert counter.this_run == 1
    assert (session.page, session.chosen) == ("welcome", frozenset())
    sys.excepthook = previous


def test_a_failing_recovery_is_counted_and_does_not_recurse():
    counter = CrashCounter()

    def broken_recovery() -> None:
        raise RuntimeError("recovery failed")

    install_excepthook(counter, broken_recovery)
    error = caught()
    sys.excepthook(type(error), error, error.__traceback__)
    assert counter.this_run == 2


def test_ctrl_c_still_reaches_the_previous_hook():
    seen = []
    sys.excepthook = lambda kind, exc, tb: seen.append(kind)
    counter = CrashCounter()
    install_excepthook(counter, lambda: None)
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]
    assert counter.this_run == 0


def test_a_visit_leaves_no_choice_in_the_log(pack, tmp_path):
    """What the core logs while counting a visit names no service, answer or language."""
    setup_logging(tmp_path)
    logging.getLogger().setLevel(logging.DEBUG)
    session = VisitorSession(pack)
    counts = UsageCounts()
    counts.session_started()
    session.set_language("hy")
    counts.language_chosen("hy")
    for page in ("language", "changes", "account"):
        session.go_to(page)
        counts.page_reached(page)
    session.toggle_service("messaging")
    session.set_has_account(True)
    counts.finished()
    counts.flush()
    text = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    for word in ("messaging", "video", "phone", "hy", "account"):
        assert word not in text


def test_records_logged_before_the_log_file_opens_are_written_first_in_order(tmp_path):
    """The kiosk holds its log in memory until just after its first frame (hold_logging)."""
    logs.hold_logging()
    logging.getLogger("kiosk.test").info("kiosk starting")
    logging.getLogger("kiosk.test").warning("settings: a problem")
    assert not (tmp_path / "kiosk.log").exists()
    setup_logging(tmp_path)
    logging.getLogger("kiosk.test").info("after the first frame")
    text = read_log(tmp_path)
    assert "INFO kiosk.test: kiosk starting" in text
    assert "WARNING kiosk.test: settings: a problem" in text
    assert text.index("kiosk starting") < text.index("a problem") < text.index("after the first")
    assert not [h for h in logging.getLogger().handlers if isinstance(h, logs._Held)]
