"""`kiosk check`: is this kiosk ready to serve? Settings, content, catalogs, and what unattended
operation needs (admin PIN, usage store, every folder the kiosk writes, the audit log); fonts
are added by the caller (they need Qt). Problems make the check fail; notes do not."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.audit import verify
from kiosk.core.content import ContentError, ContentPack
from kiosk.core.content_source import STALE_AFTER_DAYS, is_stale
from kiosk.core.i18n import LANGUAGES, Translators, coverage
from kiosk.core.language_check import language_problems
from kiosk.core.rollout import Phase, announced_start, phase_on, rollout_start, stale_wording
from kiosk.core.settings import BY_KEY, SECURUS_HOST, Settings, is_securus_host, website_host
from kiosk.core.storage import probe_writable
from kiosk.core.translation_status import UNKNOWN, review_problems, review_status

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kiosk.core.logs import CrashCounter
    from kiosk.core.pin import PinStore
    from kiosk.core.usage import UsageCounts


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def render(self) -> str:
        lines = ["Kiosk check", ""]
        lines += [f"  {f}" for f in self.facts]
        if self.problems:
            lines += ["", f"Problems ({len(self.problems)}):"]
            lines += [f"  ✗ {p}" for p in self.problems]
        if self.notes:
            lines += ["", f"Notes ({len(self.notes)}):"]
            lines += [f"  • {n}" for n in self.notes]
        lines += ["", "Result: " + ("ready" if self.ok else "NOT ready: fix the problems above")]
        return "\n".join(lines)


def check_settings(settings: Settings, report: Report) -> None:
    report.facts.append(f"settings: {settings.source}")
    report.problems += [f"settings: {p}" for p in settings.problems]
    report.notes += [f"settings: {n}" for n in settings.notes]
    if settings["securus_url"] == BY_KEY["securus_url"].default:
        report.notes.append(f"website is the default ({settings['securus_url']})")
    host = website_host(settings["securus_url"])
    if not is_securus_host(host):
        report.notes.append(
            f"WEBSITE: families are sent to {host}, which is not {SECURUS_HOST} "
            "(allow_other_website = true): make sure it is the real address"
        )
    if not settings["facility_name"]:
        report.notes.append("facility_name is not set: the facility's name is not shown")


def check_content(pack: ContentPack | ContentError, report: Report, today: dt.date) -> None:
    if isinstance(pack, ContentError):
        report.problems.append(f"content pack: {pack}")
        return
    age = (today - pack.checked_on).days
    report.facts.append(
        f"content: version {pack.content_version}, checked on {pack.checked_on.isoformat()}"
    )
    if is_stale(pack, today):
        report.problems.append(
            f"content was checked {age} days ago (more than {STALE_AFTER_DAYS}): "
            "the September rollout may have made it wrong; load an updated content pack"
        )


def check_rollout(
    pack: ContentPack | ContentError, settings: Settings, report: Report, today: dt.date
) -> None:
    """The rollout's month and how the kiosk words it today; stale wording (see
    kiosk/core/rollout.py for which is a problem and which a note)."""
    if isinstance(pack, ContentError):
        return
    problems, notes = stale_wording(pack, settings, today)
    try:
        chosen = rollout_start(pack, settings)
    except ValueError:  # a bad setting is reported with the settings
        chosen = None
    if chosen is None:
        report.facts.append(
            "rollout: no year known (rollout_start is not set): visitors read what Securus says"
        )
    else:
        start, where = chosen
        said = {
            Phase.BEFORE: "that it begins in that month",
            Phase.STARTED: "that it has begun, and to ask the facility",
        }[phase_on(today, start)]
        report.facts.append(f"rollout: begins {start} (from the {where}): visitors read {said}")
    for service in pack.services:
        day = announced_start(settings, service.key, today)
        if day is not None:
            report.facts.append(
                f"rollout: {service.key} starts here on {day} (service_start.{service.key}): "
                "visitors read that day"
            )
    report.problems += [f"rollout: {p}" for p in problems]
    report.notes += [f"rollout: {n}" for n in notes]


def check_languages(
    pack: ContentPack | ContentError, settings: Settings, translators: Translators, report: Report
) -> None:
    statuses = review_status()
    report.notes += [f"review: {p}" for p in review_problems()]
    for code in settings.offered_languages:
        tr = translators[code]
        lang = LANGUAGES[code]
        if tr.problem:
            report.problems.append(f"catalog {code}: {tr.problem}")
        if isinstance(pack, ContentPack):
            report.problems += [
                f"catalog {code}: {p}; that text shows in English"
                for p in language_problems(pack, tr)
            ]
        line = f"{code:8} {lang.english_name:22} {statuses.get(code, UNKNOWN)}"
        if isinstance(pack, ContentPack) and code != "en":
            done, total = coverage(pack, tr)
            line += f"; {done}/{total} texts translated"
            if done < total:
                report.notes.append(
                    f"{code}: {total - done} texts have no translation yet and show in English"
                )
        report.facts.append(line)


def check_content_source(
    source: Path | None, problems: Sequence[str], notes: Sequence[str], report: Report
) -> None:
    """Which pack runs: the operator's installed one or the bundled one, and why."""
    report.facts.append(f"content source: {source or 'the bundled pack'}")
    report.problems += [f"content pack: {p}" for p in problems]
    report.notes += [f"content pack: {n}" for n in notes]


def check_pin(pin: PinStore, report: Report) -> None:
    """No PIN is a note, not a failure: visitors are served fine, only staff cannot get in.
    A damaged PIN file is a problem: someone set a PIN and it no longer works."""
    if pin.is_set():
        report.facts.append("admin PIN: set")
        warning = pin.policy_warning()
        if warning:
            report.notes.append(f"admin PIN: replace it: {warning}")
        seconds = pin.lockout.peek().seconds_left(pin.clock())
        if seconds:
            minutes = math.ceil(seconds / 60)
            report.notes.append(
                f"admin PIN: the PIN pad is locked after wrong PINs, for {minutes} more "
                f"minute{'s' if minutes != 1 else ''}; `kiosk set-pin` clears the lock"
            )
        if pin.lockout.problem:
            report.notes.append(f"admin PIN: {pin.lockout.problem}")
    elif pin.problem:
        report.problems.append(f"admin PIN: {pin.problem}")
    else:
        report.facts.append("admin PIN: not set")
        report.notes.append(
            "no admin PIN is set, so the admin screen cannot be opened: run `kiosk set-pin`"
        )


def check_usage(usage: UsageCounts, report: Report) -> None:
    total = usage.total()
    report.facts.append(
        f"usage counts: {usage.path} ({_count(len(usage.days()), 'day')}, "
        f"{_count(total.sessions_started, 'session')})"
    )
    if usage.problem:
        report.problems.append(f"usage counts: {usage.problem}")
    kept = sorted(usage.path.parent.glob(usage.path.name + ".corrupt-*"))
    if kept:
        names = ", ".join(p.name for p in kept)
        report.notes.append(f"damaged usage counts were set aside in {usage.path.parent}: {names}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def check_log_folder(log_dir: Path, report: Report) -> None:
    check_folders({"log folder": log_dir}, report)


def check_folders(folders: dict[str, Path], report: Report) -> None:
    """Every folder the kiosk writes, by what it holds: can the kiosk write there? Tried for
    real, and making no folder (a missing one is tried where the kiosk would make it)."""
    for what, folder in folders.items():
        report.facts.append(f"{what}: {folder}")
        problem = probe_writable(folder, create=False)
        if problem:
            report.problems.append(f"{what.removesuffix(' folder')}: {problem}")


def check_audit_log(folder: Path, report: Report) -> None:
    """The audit log's hash chain (`kiosk audit --verify`): broken is a problem, a torn last
    line after a power cut a note."""
    result = verify(folder)
    if result.broken:
        report.problems.append(
            f"audit log: {result.broken} (in {folder}; `kiosk audit --verify` says the same)"
        )
        return
    findings = [line for line in result.summary() if not line.startswith("torn: ")]
    report.facts.append(f"audit log: {folder}: {'; '.join(findings)}")
    if result.torn:
        report.notes.append(f"audit log: {result.torn}")


def check_errors(crashes: CrashCounter, report: Report) -> None:
    report.facts.append(f"unexpected errors so far: {crashes.total}")


def run_checks(
    settings: Settings,
    pack: ContentPack | ContentError,
    translators: Translators,
    today: dt.date | None = None,
    *,
    content_source: Path | None = None,
    content_problems: Sequence[str] | None = None,
    content_notes: Sequence[str] | None = None,
    pin: PinStore | None = None,
    usage: UsageCounts | None = None,
    log_dir: Path | None = None,
    crashes: CrashCounter | None = None,
    folders: dict[str, Path] | None = None,
    report: Report | None = None,
    audit_dir: Path | None = None,
) -> Report:
    """The whole check. The keyword arguments are optional so callers may check only part;
    ``report``: add to this one (what is found stays there if a later part fails)."""
    report = report if report is not None else Report()
    check_settings(settings, report)
    if content_problems is not None or content_notes is not None or content_source is not None:
        check_content_source(content_source, content_problems or (), content_notes or (), report)
    today = today or dt.date.today()
    check_content(pack, report, today)
    check_rollout(pack, settings, report, today)
    check_languages(pack, settings, translators, report)
    if pin is not None:
        check_pin(pin, report)
    if usage is not None:
        check_usage(usage, report)
    if log_dir is not None:
        check_log_folder(log_dir, report)
    if folders is not None:
        check_folders(folders, report)
    if crashes is not None:
        check_errors(crashes, report)
    if audit_dir is not None:
        check_audit_log(audit_dir, report)
    return report
