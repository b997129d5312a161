"""What a check found: findings, each from a named check, and what a monitor reads as data.

Plain Python, shared by `kiosk check` (kiosk/core/check.py), the single-file checks
(kiosk/core/file_check.py) and the health formats (kiosk/core/health.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

#: The checks, in the order a report lists them; every finding belongs to one.
CHECKS = (
    "settings", "content", "rollout", "languages", "pin", "usage", "folders", "errors",
    "audit", "incoming", "fonts", "check",
)  # fmt: skip
FACT, NOTE, PROBLEM = "fact", "note", "problem"


class Finding(NamedTuple):
    check: str  # one of CHECKS
    kind: str  # FACT, NOTE or PROBLEM
    text: str


@dataclass
class Report:
    """What a check found. ``details``: what a monitor reads as data, by check name."""

    findings: list[Finding] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    #: the checks that ran, in order (one with no finding ran and found nothing wrong)
    ran: list[str] = field(default_factory=list)

    def checked(self, check: str) -> None:
        if check not in self.ran:
            self.ran.append(check)

    def _add(self, check: str, kind: str, texts: Sequence[str]) -> None:
        self.checked(check)
        self.findings += [Finding(check, kind, text) for text in texts]

    def fact(self, check: str, *texts: str) -> None:
        self._add(check, FACT, texts)

    def note(self, check: str, *texts: str) -> None:
        self._add(check, NOTE, texts)

    def problem(self, check: str, *texts: str) -> None:
        self._add(check, PROBLEM, texts)

    def _texts(self, kind: str, check: str | None = None) -> list[str]:
        return [
            f.text for f in self.findings if f.kind == kind and (check is None or f.check == check)
        ]

    @property
    def problems(self) -> list[str]:
        return self._texts(PROBLEM)

    @property
    def notes(self) -> list[str]:
        return self._texts(NOTE)

    @property
    def facts(self) -> list[str]:
        return self._texts(FACT)

    def of(self, check: str, kind: str) -> list[str]:
        """The findings of one kind from one check."""
        return self._texts(kind, check)

    @property
    def ok(self) -> bool:
        return not self.problems

    def render(
        self,
        title: str = "Kiosk check",
        good: str = "ready",
        bad: str = "NOT ready: fix the problems above",
    ) -> str:
        lines = [title, ""]
        lines += [f"  {f}" for f in self.facts]
        if self.problems:
            lines += ["", f"Problems ({len(self.problems)}):"]
            lines += [f"  ✗ {p}" for p in self.problems]
        if self.notes:
            lines += ["", f"Notes ({len(self.notes)}):"]
            lines += [f"  • {n}" for n in self.notes]
        lines += ["", "Result: " + (good if self.ok else bad)]
        return "\n".join(lines)
