"""One run of the kiosk in the audit log: its start, the operator files it fell back from, and its
stop with the exit code.

A run that ends without a stop (a crash, a power cut, a killed process) is found at the next
start, which records "the previous run ended without a stop" before its own start.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.core.audit import AuditEvent, AuditLog


class KioskRun:
    """``fallbacks`` are (what, problem) pairs: "settings" or "content pack", and why the kiosk
    used the defaults or the bundled pack instead of the operator's file."""

    def __init__(
        self,
        audit: AuditLog,
        *,
        mode: str,
        version: str,
        content_version: str | None,
        fallbacks: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.audit = audit
        self.mode, self.version, self.content_version = mode, version, content_version
        self.fallbacks = list(fallbacks)
        self._started = False

    def started(self) -> None:
        """Record the start (once): the previous run's missing stop first, then the fallbacks."""
        if self._started:
            return
        self._started = True
        unfinished = self.audit.unfinished_start()
        if unfinished is not None and unfinished.data is not None:
            self.audit.record(AuditEvent.RUN_ENDED_WITHOUT_STOP, started=unfinished.data["time"])
        self.audit.record(
            AuditEvent.KIOSK_STARTED,
            mode=self.mode,
            version=self.version,
            content_version=self.content_version,
        )
        for what, problem in self.fallbacks:
            self.audit.record(AuditEvent.FALLBACK, what=what, problem=problem)

    def stopped(self, code: int, signal: str | None = None) -> None:
        """Record the stop with its exit code (and the start first, if it was not yet)."""
        self.started()
        fields: dict[str, object] = {"code": code}
        if signal:
            fields["signal"] = signal
        self.audit.record(AuditEvent.KIOSK_STOPPED, **fields)
