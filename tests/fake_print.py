"""A printer for tests (kiosk.print_queue.PrintService), kept out of the kiosk's own modules:
nothing in the kiosk uses it."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.print_queue import JobState, PrintError


@dataclass
class FakePrintService:
    """A printer for tests: jobs stay pending until ``finish`` or ``fail``; calls are recorded."""

    refuse: str | None = None  # submit raises PrintError with this message
    jobs: dict[str, JobState] = field(default_factory=dict)
    submitted: list[tuple[str, bytes, str]] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)

    def submit(self, printer: str, pdf: bytes, paper_size: str) -> str:
        if self.refuse:
            raise PrintError(self.refuse)
        job_id = f"{printer}-{len(self.submitted) + 1}"
        self.submitted.append((printer, pdf, paper_size))
        self.jobs[job_id] = JobState.PENDING
        return job_id

    def state(self, printer: str, job_id: str) -> JobState:
        return self.jobs[job_id]

    def cancel(self, job_id: str) -> None:
        self.cancelled.append(job_id)
        self.jobs.pop(job_id, None)

    def finish(self, job_id: str) -> None:
        self.jobs[job_id] = JobState.DONE

    def fail(self, job_id: str) -> None:
        self.jobs[job_id] = JobState.FAILED
