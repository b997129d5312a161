"""Checking one file before it is placed on a kiosk: a content pack, a settings file, a PIN file.

`kiosk check --pack FILE`, `--settings-file FILE` and `--pin-file FILE` run these, so that a
deployment tool can gate a file (Ansible's ``validate:``) with the kiosk it is meant for. Each
judges the file alone: nothing of the kiosk's own state (its installed content's age, its audit
log) enters the verdict, so a kiosk whose content has gone stale still takes the pack that
fixes it. The incoming folder (kiosk/core/incoming.py) installs only what passes these.

The settings gate is stricter than the kiosk's reading of its own file: a key the kiosk does not
know (misspelt, or from a newer version) fails it, where the kiosk would only note and ignore it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.core.content import ContentError, load_content
from kiosk.core.content_source import STALE_AFTER_DAYS, is_stale, validate_pack
from kiosk.core.i18n import Translators
from kiosk.core.pin import PinStore
from kiosk.core.report import Report
from kiosk.core.rollout import a_year_after
from kiosk.core.settings import (
    BY_KEY,
    SERVICES,
    Settings,
    flatten,
    other_website_problem,
    read_settings_table,
)

#: Report.render's verdicts for one file.
VALID, NOT_VALID = "valid", "NOT valid: fix the problems above"


def check_pack_file(
    path: Path, *, translators: Translators | None = None, today: dt.date | None = None
) -> Report:
    """A content pack, checked in every language as the admin screen and the incoming folder
    check it before installing."""
    report = Report()
    today = today or dt.date.today()
    report.fact("content", f"content pack: {path}")
    try:
        pack, _ = validate_pack(path, translators=translators, today=today)
    except ContentError as exc:
        report.problem("content", str(exc))
        return report
    report.fact(
        "content",
        f"version {pack.content_version}, checked on {pack.checked_on.isoformat()}",
    )
    report.details["content"] = {
        "version": pack.content_version,
        "checked_on": pack.checked_on.isoformat(),
        "age_days": (today - pack.checked_on).days,
    }
    bundled = load_content()
    if bundled.checked_on > pack.checked_on:
        report.note(
            "content",
            f"checked on {pack.checked_on.isoformat()}, older than the content built into this "
            f"kiosk (checked on {bundled.checked_on.isoformat()}): the kiosk would go on "
            "showing its own",
        )
    if is_stale(pack, today):
        report.note(
            "content",
            f"checked more than {STALE_AFTER_DAYS} days ago: `kiosk check` will ask for an "
            "updated pack",
        )
    return report


def check_settings_file(path: Path, *, today: dt.date | None = None) -> Report:
    """A settings file: readable TOML, every key known, every value valid, the website rule,
    and the start dates' rules on ``today`` (see :func:`_start_dates`)."""
    report = Report()
    name = "settings"
    report.fact(name, f"settings file: {path}")
    try:
        table = read_settings_table(path)
    except OSError as exc:
        report.problem(name, f"{path}: cannot read it ({exc.strerror or exc})")
        return report
    except ValueError as exc:
        report.problem(name, f"{path}: {exc}")
        return report
    values = Settings()
    given = set()
    for key, value in flatten(table).items():
        setting = BY_KEY.get(key)
        if setting is None:
            report.problem(
                name,
                f"{path}: {key}: not a setting this kiosk knows (misspelt, or a newer "
                "version's); see the settings reference",
            )
            continue
        problem = setting.validate(value)
        if problem:
            report.problem(name, f"{path}: {key}: {problem}")
            continue
        values.values[key] = setting.read(value)
        given.add(key)
        report.fact(name, f"{key} = {values.values[key]!r}")
    website = other_website_problem(values.values)
    if website:
        report.problem(name, f"{path}: securus_url: {website}")
    _start_dates(path, values, given, today or dt.date.today(), report)
    return report


def _start_dates(
    path: Path, values: Settings, given: set[str], today: dt.date, report: Report
) -> None:
    """The rules `kiosk check` applies to a service's start date (kiosk/core/rollout.py), as far
    as the file alone can tell: a day more than a year away is a problem (a wrong year, most
    likely); a day that has passed, for a service still "coming", is a problem when the file
    says "coming", and a note when the file leaves the status to the kiosk's own settings."""
    for service in SERVICES:
        start = values.service_start(service)
        if start is None:
            continue
        setting, status = f"service_start.{service}", f"service_status.{service}"
        if start > a_year_after(today):
            report.problem(
                "settings",
                f"{path}: {setting} is {start}, more than a year away: check the year, or leave "
                "it out until the day is known",
            )
        elif start < today and values.service_status(service) != "available":
            if status in given:
                report.problem(
                    "settings",
                    f"{path}: {setting} is {start}, which has passed, but {status} is 'coming': "
                    "visitors no longer read the date, they are told to ask the facility. If it "
                    f"has started there, set {status} = 'available'; if the date moved, set the "
                    "new one",
                )
            else:
                report.note(
                    "settings",
                    f"{path}: {setting} is {start}, which has passed: unless the kiosk's own "
                    f"{status} is 'available', visitors no longer read the date",
                )


def check_pin_file(path: Path) -> Report:
    """A PIN file made by `kiosk pin-hash`: readable, a PIN hash, and set under the PIN rules."""
    report = Report()
    report.fact("pin", f"PIN file: {path}")
    store = PinStore(path)
    if not path.exists():
        report.problem("pin", f"{path}: the file does not exist")
    elif not store.is_set():
        report.problem("pin", store.problem or f"{path}: not a PIN file")
    elif warning := store.policy_warning():
        report.problem("pin", f"{path}: {warning}; make a new one with `kiosk pin-hash`")
    else:
        report.fact("pin", "a PIN hash, set under the PIN rules")
    return report
