"""Sending the handout PDF to the operator's printer, with no print dialog. Plain Python.

:class:`PrintService` is the seam: the kiosk submits a PDF, asks how the job is doing, and
cancels it when it fails or takes too long. :class:`CupsPrintService` is the real one (Linux,
through CUPS's ``lp``, ``lpstat`` and ``cancel``, each with a timeout); :class:`NoPrintService`
stands in where no print system is installed. (The tests' printer is in tests/helpers/fakes.py.)

Nothing about a visitor is written to disk by the kiosk: the PDF goes to ``lp`` on its standard
input. What CUPS itself keeps after a job is CUPS's setting (``PreserveJobFiles`` and
``PreserveJobHistory`` in cupsd.conf; docs/operator.md says to turn both off). A job that fails or
is cancelled is purged (``cancel -x``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from enum import StrEnum
from typing import Protocol

#: The job's name in the print queue: nothing about the visitor, not even the language.
JOB_TITLE = "Securus steps"
#: CUPS media names for the paper_size setting.
MEDIA = {"letter": "Letter", "a4": "A4"}


class JobState(StrEnum):
    PENDING = "pending"  # queued or printing
    DONE = "done"  # left the queue
    FAILED = "failed"  # the printer stopped, or the job was refused


class PrintError(Exception):
    """The print system refused or did not answer; the message is for the log, not a visitor."""


class PrintService(Protocol):
    def submit(self, printer: str, pdf: bytes, paper_size: str) -> str:
        """Queue the PDF on ``printer``; returns the job's id. Raises PrintError."""
        ...

    def state(self, printer: str, job_id: str) -> JobState:
        """How the job is doing. Raises PrintError when the print system does not answer."""
        ...

    def cancel(self, job_id: str) -> None:
        """Cancel the job and delete its data. Raises PrintError."""
        ...


Runner = Callable[..., subprocess.CompletedProcess[bytes]]


class CupsPrintService:
    """CUPS through its command-line tools (package cups-client), which every Linux print setup
    has. Each call has a timeout, so a hung scheduler cannot hang the kiosk for long."""

    def __init__(self, run: Runner = subprocess.run, timeout_s: float = 5.0) -> None:
        self._run = run
        self.timeout_s = timeout_s

    @staticmethod
    def available() -> bool:
        return shutil.which("lp") is not None

    def _call(self, *args: str, stdin: bytes | None = None) -> str:
        # The C locale keeps lpstat's words ("disabled") the same whatever the PC's language.
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        try:
            result = self._run(
                list(args),
                input=stdin,
                capture_output=True,
                timeout=self.timeout_s,
                env=env,
                check=False,
            )
        except FileNotFoundError as exc:
            raise PrintError(f"{args[0]} not found: is CUPS (cups-client) installed?") from exc
        except subprocess.TimeoutExpired as exc:
            raise PrintError(f"{args[0]} did not answer within {self.timeout_s:g} s") from exc
        except OSError as exc:
            raise PrintError(f"{args[0]} could not run: {exc}") from exc
        out = result.stdout.decode("utf-8", "replace")
        if result.returncode != 0:
            err = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise PrintError(f"{args[0]} failed: {err[0] if err else f'exit {result.returncode}'}")
        return out

    def submit(self, printer: str, pdf: bytes, paper_size: str) -> str:
        out = self._call(
            "lp", "-d", printer, "-t", JOB_TITLE, "-o", f"media={MEDIA[paper_size]}", "-",
            stdin=pdf,
        )  # fmt: skip
        match = re.search(r"request id is (\S+)", out)
        if not match:
            raise PrintError(f"lp gave no job id: {out.strip()[:80]!r}")
        return match.group(1)

    def state(self, printer: str, job_id: str) -> JobState:
        queued = self._call("lpstat", "-W", "not-completed", "-o", printer)
        if not any(line.split()[:1] == [job_id] for line in queued.splitlines()):
            return JobState.DONE
        # A stopped printer (out of paper, offline, or an error with the stop-printer policy)
        # keeps the job queued for ever: that is a failure the visitor should hear about now.
        status = self._call("lpstat", "-p", printer)
        if re.search(r"\bdisabled\b", status.splitlines()[0] if status else ""):
            return JobState.FAILED
        return JobState.PENDING

    def cancel(self, job_id: str) -> None:
        self._call("cancel", "-x", job_id)


class NoPrintService:
    """Where no print system is installed: every print fails with a clear log message."""

    def submit(self, printer: str, pdf: bytes, paper_size: str) -> str:
        raise PrintError("no print system: install CUPS (cups-client) to print the handout")

    def state(self, printer: str, job_id: str) -> JobState:
        return JobState.FAILED

    def cancel(self, job_id: str) -> None:
        pass


def default_print_service() -> PrintService:
    return CupsPrintService() if CupsPrintService.available() else NoPrintService()
