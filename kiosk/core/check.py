"""`kiosk check`: is this kiosk ready to serve? Settings, content, catalogs; fonts are added by
the caller (they need Qt). Problems make the check fail; notes do not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kiosk.core.content import ContentError, ContentPack
from kiosk.core.i18n import LANGUAGES, Translators, coverage
from kiosk.core.settings import BY_KEY, Settings
from kiosk.core.translation_status import UNKNOWN, review_status

STALE_AFTER_DAYS = 90


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
    if age > STALE_AFTER_DAYS:
        report.problems.append(
            f"content was checked {age} days ago (more than {STALE_AFTER_DAYS}): "
            "the September rollout may have made it wrong; load an updated content pack"
        )


def check_languages(
    pack: ContentPack | ContentError, settings: Settings, translators: Translators, report: Report
) -> None:
    statuses = review_status()
    for code in settings.offered_languages:
        tr = translators[code]
        lang = LANGUAGES[code]
        if tr.problem:
            report.problems.append(f"catalog {code}: {tr.problem}")
        line = f"{code:8} {lang.english_name:22} {statuses.get(code, UNKNOWN)}"
        if isinstance(pack, ContentPack) and code != "en":
            done, total = coverage(pack, tr)
            line += f"; {done}/{total} texts translated"
            if done < total:
                report.notes.append(
                    f"{code}: {total - done} texts have no translation yet and show in English"
                )
        report.facts.append(line)


def run_checks(
    settings: Settings,
    pack: ContentPack | ContentError,
    translators: Translators,
    today: dt.date | None = None,
) -> Report:
    report = Report()
    check_settings(settings, report)
    check_content(pack, report, today or dt.date.today())
    check_languages(pack, settings, translators, report)
    return report
