"""Printing the handout: CUPS without a dialog, a short message, and nothing kept.

The CUPS service is driven through a fake runner whose answers are those a real CUPS 2.4
scheduler gave on this machine (see docs/developers.md); the Done page is driven by touch
with a fake printer and a fake clock.
"""

from __future__ import annotations

import subprocess

import pytest

from helpers import tap, visible_texts
from helpers.fakes import FakeClock, FakePrintService
from kiosk.core.settings import load_settings
from kiosk.print_queue import (
    JOB_TITLE,
    CupsPrintService,
    JobState,
    NoPrintService,
    PrintError,
)
from kiosk.ui.print_job import HandoutPrinter, PrintStatus

PDF = b"%PDF-1.4 handout"


class FakeRunner:
    """Answers lp, lpstat and cancel like CUPS does; records every call."""

    def __init__(self, answers: dict[tuple[str, ...], tuple[int, str, str]]) -> None:
        self.answers = answers
        self.calls: list[tuple[list[str], dict]] = []

    def __call__(self, args: list[str], **kwargs) -> subprocess.CompletedProcess[bytes]:
        self.calls.append((args, kwargs))
        for prefix, (code, out, err) in self.answers.items():
            if tuple(args[: len(prefix)]) == prefix:
                return subprocess.CompletedProcess(args, code, out.encode(), err.encode())
        raise AssertionError(f"unexpected call {args}")


IDLE = "printer lobby is idle.  enabled since Thu Nov 26 16:05:26 2026\n"
STOPPED = "printer lobby disabled since Thu Nov 26 16:05:51 2026 -\n\tOut of paper\n"
QUEUED = "lobby-3                 root             39936   Thu Nov 26 16:05:51 2026\n"


def cups(
    answers: dict[tuple[str, ...], tuple[int, str, str]] | None = None,
) -> tuple[CupsPrintService, FakeRunner]:
    table = {
        ("lp",): (0, "request id is lobby-3 (0 file(s))\n", ""),
        ("lpstat", "-p"): (0, IDLE, ""),
        ("lpstat", "-W"): (0, "", ""),
        ("cancel",): (0, "", ""),
    }
    runner = FakeRunner({**table, **(answers or {})})
    return CupsPrintService(run=runner, timeout_s=3), runner


def test_cups_gets_the_pdf_on_stdin_with_no_dialog_and_a_neutral_title():
    service, runner = cups()
    assert service.submit("lobby", PDF, "a4") == "lobby-3"
    args, kwargs = runner.calls[0]
    assert args == ["lp", "-d", "lobby", "-t", JOB_TITLE, "-o", "media=A4", "-"]
    assert kwargs["input"] == PDF  # no file on disk
    assert kwargs["timeout"] == 3
    assert kwargs["env"]["LC_ALL"] == "C"  # lpstat's words are parsed


def test_cups_job_states():
    service, _ = cups({("lpstat", "-W"): (0, QUEUED, "")})
    assert service.state("lobby", "lobby-3") is JobState.PENDING
    service, _ = cups()
    assert service.state("lobby", "lobby-3") is JobState.DONE  # left the queue
    service, _ = cups({("lpstat", "-W"): (0, QUEUED, ""), ("lpstat", "-p"): (0, STOPPED, "")})
    assert service.state("lobby", "lobby-3") is JobState.FAILED  # stopped printer


def test_cups_cancel_purges_the_job():
    service, runner = cups()
    service.cancel("lobby-3")
    assert runner.calls[0][0] == ["cancel", "-x", "lobby-3"]


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (FileNotFoundError(2, "No such file"), "lp not found: is CUPS (cups-client) installed?"),
        (subprocess.TimeoutExpired("lp", 3), "lp did not answer within 3 s"),
    ],
)
def test_cups_errors_become_print_errors(error, message):
    def run(args, **kwargs):
        raise error

    with pytest.raises(PrintError, match=message.replace("(", r"\(").replace(")", r"\)")):
        CupsPrintService(run=run, timeout_s=3).submit("lobby", PDF, "letter")


def test_cups_refusal_names_the_reason():
    service, _ = cups({("lp",): (1, "", "lp: Error - The printer or class does not exist.\n")})
    with pytest.raises(PrintError, match="lp failed: lp: Error - The printer or class does not"):
        service.submit("nosuch", PDF, "letter")


def test_no_print_system_fails_clearly():
    with pytest.raises(PrintError, match="install CUPS"):
        NoPrintService().submit("lobby", PDF, "letter")


# -- following a job --------------------------------------------------------------------------
@pytest.fixture
def printing_settings(tmp_path):
    path = tmp_path / "printer.toml"
    path.write_text('printer = "lobby"\n', encoding="utf-8")
    return load_settings(path)


@pytest.fixture
def follow(kiosk_app, qtbot, pack, translators, printing_settings):
    """A HandoutPrinter on a fake printer with a fake clock; returns (printer, fake, clock)."""

    def make(**fake_options):
        fake, clock = FakePrintService(**fake_options), FakeClock()
        printer = HandoutPrinter(fake, clock=clock, poll_ms=60_000, timeout_s=120)
        statuses: list[str] = []
        printer.status_changed.connect(statuses.append)
        printer.print_handout(pack, printing_settings, translators["es"])
        return printer, fake, clock, statuses

    return make


def test_a_finished_job_reports_done(follow):
    printer, fake, _, statuses = follow()
    assert statuses == ["printing"] and printer.busy
    ((name, pdf, paper),) = fake.submitted
    assert name == "lobby" and pdf.startswith(b"%PDF") and paper == "letter"
    printer.poll()
    assert printer.busy  # still queued
    fake.finish("lobby-1")
    printer.poll()
    assert statuses == ["printing", "done"] and not fake.cancelled


def test_a_stopped_printer_cancels_the_job(follow):
    printer, fake, _, statuses = follow()
    fake.fail("lobby-1")
    printer.poll()
    assert statuses[-1] == "failed" and fake.cancelled == ["lobby-1"]


def test_a_job_that_does_not_finish_is_cancelled(follow):
    printer, fake, clock, statuses = follow()
    clock.now += 119
    printer.poll()
    assert statuses == ["printing"]
    clock.now += 1
    printer.poll()
    assert statuses == ["printing", "failed"] and fake.cancelled == ["lobby-1"]
    assert not printer.busy


def test_a_refused_job_fails_at_once(follow):
    printer, fake, _, statuses = follow(refuse="lp failed: no such printer")
    assert statuses == ["failed"] and not fake.submitted and not printer.busy


def test_the_timer_follows_the_job(kiosk_app, qtbot, pack, translators, printing_settings):
    fake = FakePrintService()
    printer = HandoutPrinter(fake, poll_ms=1)
    printer.print_handout(pack, printing_settings, translators["en"])
    fake.finish("lobby-1")
    with qtbot.waitSignal(printer.status_changed, timeout=5000) as signal:
        pass
    assert signal.args == [PrintStatus.DONE.value]


# -- the Done page ----------------------------------------------------------------------------
def done_page(make_window, settings, fake, clock=None):
    window = make_window(settings)
    window.session.go_to("done")
    page = window.pages["done"]
    page.printer = HandoutPrinter(fake, clock=clock or FakeClock(), poll_ms=60_000)
    return window, page


def test_print_button_is_hidden_without_a_printer(make_window):
    window = make_window()
    window.session.go_to("done")
    assert not window.pages["done"].print_button.isVisibleTo(window)


def test_print_in_the_visitors_language_then_say_so(make_window, printing_settings):
    fake = FakePrintService()
    window, page = done_page(make_window, printing_settings, fake)
    window.session.set_language("es")
    assert page.print_button.isVisibleTo(window)
    assert page.print_button.label_text() == "Imprimir estos pasos"
    tap(page.print_button)
    assert len(fake.submitted) == 1
    assert "Imprimiendo." in " ".join(visible_texts(page))
    assert not page.print_button.isEnabled()  # no second copy from an impatient tap
    tap_again = page.print_button
    assert not tap_again.isEnabled()
    fake.finish("lobby-1")
    page.printer.poll()
    assert page.print_button.isEnabled()


def test_a_failed_print_says_ask_at_the_help_desk(make_window, printing_settings):
    fake = FakePrintService()
    _window, page = done_page(make_window, printing_settings, fake)
    tap(page.print_button)
    fake.fail("lobby-1")
    page.printer.poll()
    assert "The page could not be printed. Please ask at the help desk." in visible_texts(page)
    assert fake.cancelled == ["lobby-1"]


def test_the_next_visitor_sees_no_print_message_and_nothing_is_kept(
    make_window, printing_settings, isolated_dirs, monkeypatch
):
    import kiosk.core.storage as storage

    def no_writes(*args, **kwargs):
        raise AssertionError("printing must not write a file")

    monkeypatch.setattr(storage, "write_atomically", no_writes)
    fake = FakePrintService()
    window, page = done_page(make_window, printing_settings, fake)
    before = sorted(isolated_dirs.rglob("*")) if isolated_dirs.exists() else []
    tap(page.print_button)
    fake.finish("lobby-1")
    page.printer.poll()
    window.session.start_over()
    window.session.go_to("done")
    assert not page.print_status.isVisibleTo(window)
    assert page.print_button.isEnabled()
    after = sorted(isolated_dirs.rglob("*")) if isolated_dirs.exists() else []
    assert [p for p in after if p not in before and p.suffix == ".pdf"] == []


def _scheduler_running() -> bool:
    if not CupsPrintService.available():
        return False
    answer = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, check=False)
    return answer.stdout.strip() == "scheduler is running"  # exit code is 0 either way


@pytest.mark.skipif(not _scheduler_running(), reason="needs a running CUPS scheduler")
def test_real_cups_queue(kiosk_app, pack, translators, tmp_path):
    """With a scheduler running (docs/developers.md shows how to make a test queue), a real job."""
    queue = "visitor-kiosk-test"
    added = subprocess.run(
        ["lpadmin", "-p", queue, "-E", "-v", "file:///dev/null"],
        capture_output=True,
        check=False,
    )
    if added.returncode != 0:
        pytest.skip(f"cannot add a test queue: {added.stderr.decode().strip()}")
    try:
        service = CupsPrintService()
        subprocess.run(["cupsdisable", queue], check=True)  # as if out of paper
        job = service.submit(queue, PDF, "letter")
        assert job.startswith(f"{queue}-")
        assert service.state(queue, job) is JobState.FAILED
        service.cancel(job)
        assert service.state(queue, job) is JobState.DONE  # gone from the queue
        subprocess.run(["cupsenable", queue], check=True)
        job = service.submit(queue, PDF, "a4")
        assert service.state(queue, job) in (JobState.PENDING, JobState.DONE)
    finally:
        subprocess.run(["lpadmin", "-x", queue], capture_output=True, check=False)


def test_an_earlier_visitors_job_says_nothing_to_the_next(make_window, printing_settings):
    fake = FakePrintService()
    window, page = done_page(make_window, printing_settings, fake)
    tap(page.print_button)
    window.session.start_over()  # the first visitor leaves while the page prints
    window.session.go_to("done")
    assert not page.print_button.isEnabled()  # the printer is still busy with that page
    fake.fail("lobby-1")
    page.printer.poll()
    assert not page.print_status.isVisibleTo(window)
    assert page.print_button.isEnabled()
