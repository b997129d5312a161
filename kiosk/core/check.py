"""`kiosk check`: is this kiosk ready to serve? Settings, content, catalogs, and what unattended
operation needs (admin PIN, usage store, every folder the kiosk writes, the audit log); fonts
are added by the caller (they need Qt). Problems make the check fail; notes do not.

Each finding belongs to a named check (:data:`CHECKS`), and the checks also keep what a monitor
reads as data (:attr:`Report.details`: the content's version and age, the languages, the PIN,
the audit chain, the usage counts): kiosk/core/health.py turns a report into JSON and into
Prometheus metrics."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.audit import AuditEvent, AuditLog, verify
from kiosk.core.content import ContentError, ContentPack
from kiosk.core.content_source import STALE_AFTER_DAYS, is_stale
from kiosk.core.i18n import LANGUAGES, Translators, coverage
from kiosk.core.incoming import refused_files, waiting_files
from kiosk.core.language_check import language_problems
from kiosk.core.report import CHECKS, FACT, NOTE, PROBLEM, Finding, Report
from kiosk.core.rollout import (
    Phase,
    announced_start,
    phase_on,
    rollout_start,
    stale_wording,
    status_wording,
)
from kiosk.core.settings import BY_KEY, SECURUS_HOST, Settings, is_securus_host, website_host
from kiosk.core.storage import probe_writable
from kiosk.core.translation_status import (
    AWAITING,
    SOURCE,
    UNKNOWN,
    review_problems,
    review_status,
)

__all__ = ["CHECKS", "FACT", "NOTE", "PROBLEM", "Finding", "Report", "run_checks"]

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kiosk.core.logs import CrashCounter
    from kiosk.core.pin import PinStore
    from kiosk.core.usage import UsageCounts


def check_settings(settings: Settings, report: Report) -> None:
    name = "settings"
    report.fact(name, f"settings: {settings.source}")
    if settings.managed_source is not None:
        keys = ", ".join(sorted(settings.managed)) or "none"
        report.fact(name, f"set centrally: {settings.managed_source} ({keys})")
    report.fact(name, f"kiosk id: {settings.kiosk_id}")
    report.problem(name, *(f"settings: {p}" for p in settings.problems))
    report.note(name, *(f"settings: {n}" for n in settings.notes))
    if settings["securus_url"] == BY_KEY["securus_url"].default:
        report.note(name, f"website is the default ({settings['securus_url']})")
    host = website_host(settings["securus_url"])
    if not is_securus_host(host):
        report.note(
            name,
            f"WEBSITE: families are sent to {host}, which is not {SECURUS_HOST} "
            "(allow_other_website = true): make sure it is the real address",
        )
    if not settings["facility_name"]:
        report.note(name, "facility_name is not set: the facility's name is not shown")
    report.details["kiosk"] = {
        "kiosk_id": settings.kiosk_id,
        "facility_name": settings["facility_name"],
        "settings_file": str(settings.source) if settings.source else None,
        "managed_file": str(settings.managed_source) if settings.managed_source else None,
        "managed_keys": sorted(settings.managed),
    }


def check_content(pack: ContentPack | ContentError, report: Report, today: dt.date) -> None:
    if isinstance(pack, ContentError):
        report.problem("content", f"content pack: {pack}")
        return
    age = (today - pack.checked_on).days
    report.fact(
        "content",
        f"content: version {pack.content_version}, checked on {pack.checked_on.isoformat()}",
    )
    details = report.details.setdefault("content", {})
    details.update(
        version=pack.content_version,
        checked_on=pack.checked_on.isoformat(),
        age_days=age,
        stale=is_stale(pack, today),
    )
    if is_stale(pack, today):
        report.problem(
            "content",
            f"content was checked {age} days ago (more than {STALE_AFTER_DAYS}): "
            "the September rollout may have made it wrong; load an updated content pack",
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
        report.fact(
            "rollout",
            "rollout: no year known (rollout_start is not set): visitors read what Securus says",
        )
    else:
        start, where = chosen
        said = {
            Phase.BEFORE: "that it begins in that month",
            Phase.STARTED: "that it has begun, and to ask the facility",
        }[phase_on(today, start)]
        report.fact("rollout", f"rollout: begins {start} (from the {where}): visitors read {said}")
    services = report.details["services"] = []
    for service in pack.services:
        day = announced_start(settings, service.key, today)
        if day is not None:
            report.fact(
                "rollout",
                f"rollout: {service.key} starts here on {day} (service_start.{service.key}): "
                "visitors read that day",
            )
        status, own = settings.service_status(service.key), settings.service_start(service.key)
        wording = status_wording(status, today, chosen[0] if chosen else None, own)
        services.append(
            {
                "service": service.key,
                "status": status,
                "start_date": own.isoformat() if own else None,
                "wording": wording.value,
            }
        )
    report.problem("rollout", *(f"rollout: {p}" for p in problems))
    report.note("rollout", *(f"rollout: {n}" for n in notes))


def check_languages(
    pack: ContentPack | ContentError, settings: Settings, translators: Translators, report: Report
) -> None:
    name = "languages"
    offered = settings.offered_languages
    report.fact(name, f"languages: {len(offered)} offered ({', '.join(offered)})")
    statuses = review_status()
    report.note(name, *(f"review: {p}" for p in review_problems()))
    rows = report.details.setdefault("languages", [])
    for code in settings.offered_languages:
        tr = translators[code]
        lang = LANGUAGES[code]
        problems: list[str] = []
        if tr.problem:
            problems.append(f"catalog {code}: {tr.problem}")
        if isinstance(pack, ContentPack):
            problems += [
                f"catalog {code}: {p}; that text shows in English"
                for p in language_problems(pack, tr)
            ]
        report.problem(name, *problems)
        status = statuses.get(code, UNKNOWN)
        line = f"{code:8} {lang.english_name:22} {status}"
        row: dict[str, Any] = {
            "code": code,
            "name": lang.english_name,
            "review": status,
            "review_state": review_state(status),
            "translated": None,
            "total": None,
            "problems": len(problems),
        }
        if isinstance(pack, ContentPack) and code != "en":
            done, total = coverage(pack, tr)
            row.update(translated=done, total=total)
            line += f"; {done}/{total} texts translated"
            if done < total:
                missing = f"{code}: {total - done} texts have no translation yet"
                report.note(name, f"{missing} and show in English")
        rows.append(row)
        report.fact(name, line)


def review_state(status: str) -> str:
    """A review status (kiosk/core/translation_status.py) as one word, for scripts."""
    if status == SOURCE:
        return "source"
    if status == AWAITING:
        return "machine_translated"
    if status.startswith("reviewed"):
        return "reviewed"
    if status.startswith("changed since review"):
        return "changed_since_review"
    return "unknown"


def check_content_source(
    source: Path | None, problems: Sequence[str], notes: Sequence[str], report: Report
) -> None:
    """Which pack runs: the operator's installed one or the bundled one, and why."""
    report.fact("content", f"content source: {source or 'the bundled pack'}")
    report.problem("content", *(f"content pack: {p}" for p in problems))
    report.note("content", *(f"content pack: {n}" for n in notes))
    report.details.setdefault("content", {}).update(
        source="installed" if source else "bundled", source_file=str(source) if source else None
    )


def check_pin(pin: PinStore, report: Report) -> None:
    """No PIN is a note, not a failure: visitors are served fine, only staff cannot get in.
    A damaged PIN file is a problem: someone set a PIN and it no longer works."""
    name = "pin"
    details: dict[str, Any] = {
        "set": False,
        "damaged": False,
        "should_be_replaced": False,
        "locked": False,
        "lock_seconds_left": 0,
        "wrong_in_a_row": 0,
    }
    report.details["pin"] = details
    if pin.is_set():
        details["set"] = True
        report.fact(name, "admin PIN: set")
        warning = pin.policy_warning()
        if warning:
            details["should_be_replaced"] = True
            report.note(name, f"admin PIN: replace it: {warning}")
        state = pin.lockout.peek()
        seconds = state.seconds_left(pin.clock())
        details["wrong_in_a_row"] = state.failures
        if seconds:
            details.update(locked=True, lock_seconds_left=seconds)
            minutes = math.ceil(seconds / 60)
            report.note(
                name,
                f"admin PIN: the PIN pad is locked after wrong PINs, for {minutes} more "
                f"minute{'s' if minutes != 1 else ''}; `kiosk set-pin` clears the lock",
            )
        if pin.lockout.problem:
            report.note(name, f"admin PIN: {pin.lockout.problem}")
    elif pin.problem:
        details["damaged"] = True
        report.problem(name, f"admin PIN: {pin.problem}")
    else:
        report.fact(name, "admin PIN: not set")
        report.note(
            name, "no admin PIN is set, so the admin screen cannot be opened: run `kiosk set-pin`"
        )


def check_usage(usage: UsageCounts, report: Report, today: dt.date | None = None) -> None:
    total = usage.total()
    days = usage.days()
    report.fact(
        "usage",
        f"usage counts: {usage.path} ({_count(len(days), 'day')}, "
        f"{_count(total.sessions_started, 'session')})",
    )
    day = today or dt.date.today()
    this_day = next((d for d in days if d.day == day), None)
    report.details["usage"] = {
        "days": len(days),
        "sessions_started": total.sessions_started,
        "finished": total.finished,
        "ended_by_idle": total.ended_by_idle,
        "today": {
            "day": day.isoformat(),
            "sessions_started": this_day.sessions_started if this_day else 0,
            "finished": this_day.finished if this_day else 0,
            "ended_by_idle": this_day.ended_by_idle if this_day else 0,
        },
    }
    if usage.problem:
        report.problem("usage", f"usage counts: {usage.problem}")
    kept = sorted(usage.path.parent.glob(usage.path.name + ".corrupt-*"))
    if kept:
        names = ", ".join(p.name for p in kept)
        report.note("usage", f"damaged usage counts were set aside in {usage.path.parent}: {names}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def check_log_folder(log_dir: Path, report: Report) -> None:
    check_folders({"log folder": log_dir}, report)


def check_folders(folders: dict[str, Path], report: Report) -> None:
    """Every folder the kiosk writes, by what it holds: can the kiosk write there? Tried for
    real, and making no folder (a missing one is tried where the kiosk would make it)."""
    for what, folder in folders.items():
        report.fact("folders", f"{what}: {folder}")
        problem = probe_writable(folder, create=False)
        if problem:
            report.problem("folders", f"{what.removesuffix(' folder')}: {problem}")


def check_audit_log(folder: Path, report: Report) -> None:
    """The audit log's hash chain (`kiosk audit --verify`): broken is a problem, a torn last
    line after a power cut a note. The details also hold the last start of the kiosk."""
    result = verify(folder)
    state = "broken" if result.broken else ("intact" if result.events else "empty")
    report.details["audit"] = {
        "state": state,
        "events": result.events,
        "files": result.files,
        "head": result.head,
        "head_event": result.head_event,
        "first_event": result.first_event,
        "torn": result.torn is not None,
        "problem": result.broken,
        "last_start": _last_start(folder),
    }
    if result.broken:
        report.problem(
            "audit",
            f"audit log: {result.broken} (in {folder}; `kiosk audit --verify` says the same)",
        )
        return
    findings = [line for line in result.summary() if not line.startswith("torn: ")]
    report.fact("audit", f"audit log: {folder}: {'; '.join(findings)}")
    if result.torn:
        report.note("audit", f"audit log: {result.torn}")


def _last_start(folder: Path) -> str | None:
    """The time of the last "kiosk started" in the audit log (ISO 8601), or None."""
    started = AuditEvent.KIOSK_STARTED.value
    for entry in reversed(AuditLog(folder).recent(10**9)):
        if entry.data is not None and entry.data["event"] == started:
            return str(entry.data["time"])
    return None


def check_errors(crashes: CrashCounter, report: Report) -> None:
    report.fact("errors", f"unexpected errors so far: {crashes.total}")
    report.details["errors"] = {"total": crashes.total}


#: A file waiting in the incoming folder longer than this is noted: is the kiosk running?
WAITING_TOO_LONG = dt.timedelta(minutes=10)


def check_incoming(folder: Path, report: Report, now: dt.datetime | None = None) -> None:
    """Files waiting in the incoming folder (kiosk/core/incoming.py), and the refused ones kept
    beside it with their reasons: notes, since the kiosk serves on with what it had."""
    now = now or dt.datetime.now()
    waiting = waiting_files(folder)
    refused = refused_files(folder)
    report.fact(
        "incoming",
        f"incoming folder: {folder} ({_count(len(waiting), 'file')} waiting, "
        f"{len(refused)} refused kept)",
    )
    report.details["incoming"] = {"waiting": len(waiting), "refused": len(refused)}
    for path in waiting:
        try:
            since = dt.datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            continue
        if now - since > WAITING_TOO_LONG:
            report.note(
                "incoming",
                f"incoming: {path.name} has waited since {since:%Y-%m-%d %H:%M}: the kiosk "
                "takes it when it runs (is it running?)",
            )
    for kept in refused:
        report.note("incoming", f"incoming: refused {kept.file.name}: {kept.reason}")


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
    incoming_dir: Path | None = None,
    now: dt.datetime | None = None,
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
        check_usage(usage, report, today)
    if log_dir is not None:
        check_log_folder(log_dir, report)
    if folders is not None:
        check_folders(folders, report)
    if crashes is not None:
        check_errors(crashes, report)
    if audit_dir is not None:
        check_audit_log(audit_dir, report)
    if incoming_dir is not None:
        check_incoming(incoming_dir, report, now)
    return report
