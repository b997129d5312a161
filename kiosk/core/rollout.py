"""When the rollout starts, and how the kiosk words it on the day it is read. Plain Python.

The source says the rollout begins in September and gives no year. Until someone who knows the
year sets ``rollout_start`` (the setting, or the content pack's field of the same name; the
setting wins), the kiosk cannot tell whether that September has passed, so it reports the
source ("Securus says the rollout begins in September") instead of predicting. With a year, each
date-bound sentence is worded for the phase of the rollout on the day:

- ``undated``: no year is known: report what Securus says;
- ``before``: before the rollout month: "The rollout begins in September 2026.";
- ``started``: from the first day of that month on: the rollout has begun; ask the facility.

The content pack holds each date-bound sentence as a :class:`~kiosk.core.content.RolloutText`
with one wording per phase. The views ask this module for the phase, a service's status wording
and the month placeholders, and only render them.

A service may also have its own start date at this facility (``service_start.video``, operator
data). While the service is "coming" and the day is ahead, visitors read "Starts on {date}"
instead of the rollout's wording; from that day on, the "started" wording (ask the facility)
until staff mark it "available", and `kiosk check` reports the date once it has passed.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from kiosk.core.month_names import MONTH_NAMES, MONTH_NAMES_IN_TEXT, MONTH_YEAR

if TYPE_CHECKING:
    from kiosk.core.content import ContentPack, Text
    from kiosk.core.settings import Settings

_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
EARLIEST_YEAR, LATEST_YEAR = 2020, 2099
#: A rollout_start further ahead than this many months is probably a wrong year (a problem).
MOST_MONTHS_AHEAD = 12


class YearMonth(NamedTuple):
    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def months_after(self, day: dt.date) -> int:
        """How many calendar months this month lies after ``day``'s month (negative: before)."""
        return (self.year - day.year) * 12 + self.month - day.month


def year_month_problem(value: object) -> str | None:
    """What is wrong with a year-month such as ``"2026-09"``, or None when it is a real one."""
    match = _YEAR_MONTH.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return f'{value!r} is not a year and month like "2026-09"'
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return f"{value!r}: {month} is not a month (01-12)"
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return f"{value!r}: {year} is not a year from {EARLIEST_YEAR} to {LATEST_YEAR}"
    return None


def parse_year_month(value: str) -> YearMonth:
    problem = year_month_problem(value)
    if problem:
        raise ValueError(problem)
    year, month = value.split("-")
    return YearMonth(int(year), int(month))


def day_problem(value: object) -> str | None:
    """What is wrong with a day such as ``"2027-01-15"``, or None when it is a real one."""
    match = _DAY.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return f'{value!r} is not a day like "2027-01-15"'
    year = int(match[1])
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return f"{value!r}: {year} is not a year from {EARLIEST_YEAR} to {LATEST_YEAR}"
    try:
        dt.date(year, int(match[2]), int(match[3]))
    except ValueError:
        return f"{value!r} is not a day of the calendar (a month 01-12, and a day it has)"
    return None


def parse_day(value: str) -> dt.date:
    problem = day_problem(value)
    if problem:
        raise ValueError(problem)
    return dt.date.fromisoformat(value)


class Phase(StrEnum):
    """The names of a RolloutText's wordings."""

    UNDATED = "undated"
    BEFORE = "before"
    STARTED = "started"


def phase_on(today: dt.date, start: YearMonth | None) -> Phase:
    if start is None:
        return Phase.UNDATED
    return Phase.BEFORE if today < start.first_day else Phase.STARTED


class RolloutStart(NamedTuple):
    """The rollout's month with its year, and who set it (for staff messages)."""

    start: YearMonth
    source: str  # "settings" or "content pack"


def rollout_start(pack: ContentPack, settings: Settings) -> RolloutStart | None:
    """The operator's setting wins over the content pack's; None when neither gives a year."""
    if settings["rollout_start"]:
        return RolloutStart(parse_year_month(settings["rollout_start"]), "settings")
    if pack.rollout_start:
        return RolloutStart(parse_year_month(pack.rollout_start), "content pack")
    return None


class Rollout(NamedTuple):
    """The rollout as the kiosk words it on one day."""

    month: int  # the month the texts name: rollout_start's, or the pack's rollout_month
    start: YearMonth | None
    today: dt.date

    @property
    def phase(self) -> Phase:
        return phase_on(self.today, self.start)


def rollout_on(pack: ContentPack, settings: Settings, today: dt.date) -> Rollout:
    chosen = rollout_start(pack, settings)
    if chosen is None:
        return Rollout(pack.rollout_month, None, today)
    return Rollout(chosen.start.month, chosen.start, today)


# -- one service's status ---------------------------------------------------------------------
class StatusWording(StrEnum):
    """Which sentence a service's status card shows."""

    AVAILABLE = "available"  # the operator marked it available: "Available now."
    UNDATED = "undated"  # coming, no year known: what Securus says
    BEFORE = "before"  # coming, before the rollout month: "Coming. ... in September 2026."
    STARTED = "started"  # coming, and the rollout (or the service's own day) has begun
    STARTS_ON = "starts_on"  # coming, and its own start date is ahead: "Starts on {date}."


def status_wording(
    status: str,
    today: dt.date,
    start: YearMonth | None,
    service_start: dt.date | None = None,
) -> StatusWording:
    """How one service's status at this facility is worded on ``today``.

    ``status`` is the operator's ``service_status`` ("coming" or "available"): "available"
    always wins. ``service_start`` is the service's own start date at this facility (the
    setting ``service_start.video``), which wins over the rollout's month when given.
    """
    if status == "available":
        return StatusWording.AVAILABLE
    if service_start is not None:
        return StatusWording.STARTS_ON if today < service_start else StatusWording.STARTED
    return StatusWording(phase_on(today, start).value)


def status_text(pack: ContentPack, wording: StatusWording) -> Text:
    """The content pack's sentence for a status wording (STARTS_ON's holds ``{date}``)."""
    if wording is StatusWording.AVAILABLE:
        return pack.changes.status_available
    if wording is StatusWording.STARTS_ON:
        return pack.changes.status_starts_on
    return pack.changes.status_coming.for_phase(Phase(wording.value))


def announced_start(settings: Settings, service: str, today: dt.date) -> dt.date | None:
    """The day ``service`` starts here, when visitors read it on ``today``: staff set it, the
    service is still "coming", and the day is still ahead. None otherwise."""
    start = settings.service_start(service)
    wording = status_wording(settings.service_status(service), today, None, start)
    return start if wording is StatusWording.STARTS_ON else None


# -- the month placeholders --------------------------------------------------------------------
#: Placeholders that need the rollout's year: only the dated wordings may use them.
YEAR_PLACEHOLDERS = frozenset({"month_year", "month_year_in_text"})


def month_values(code: str, rollout: Rollout) -> dict[str, str]:
    """The month placeholders in a language: ``{month}`` is the name on its own (CLDR
    stand-alone, for a label: Russian "сентябрь"), ``{month_in_text}`` the form running text
    needs (CLDR format: "сентября", Vietnamese "tháng 9"). With a known year, also
    ``{month_year}`` and ``{month_year_in_text}``: the locale's month-and-year pattern in the
    same two forms.

    A translation keeps the English text's placeholders (GNU msgfmt checks it), so the English
    picks the form per sentence, and each language words its sentence around that form."""
    index = rollout.month - 1
    stand_alone, in_text = MONTH_NAMES[code][index], MONTH_NAMES_IN_TEXT[code][index]
    values = {"month": stand_alone, "month_in_text": in_text}
    if rollout.start is not None:
        year = str(rollout.start.year)
        as_written, for_text = MONTH_YEAR[code]
        values["month_year"] = as_written.format(
            stand_alone=stand_alone, in_text=in_text, year=year
        )
        values["month_year_in_text"] = for_text.format(
            stand_alone=stand_alone, in_text=in_text, year=year
        )
    return values


# -- telling staff when the wording goes stale --------------------------------------------------
def undated_deadline(pack: ContentPack) -> dt.date:
    """With no year known: the last day of the first rollout month (September) that ends on or
    after the day the content was checked. After it, "Securus says the rollout begins in
    September" and a "coming" service have most likely gone stale."""
    checked = pack.checked_on
    month = YearMonth(checked.year, pack.rollout_month)
    if month.last_day < checked:
        month = YearMonth(checked.year + 1, pack.rollout_month)
    return month.last_day


def stale_wording(
    pack: ContentPack, settings: Settings, today: dt.date
) -> tuple[list[str], list[str]]:
    """(problems, notes) for staff about the rollout's date and the services' status.

    - A service still "coming" after the rollout month (or, with no year, after the September
      following the content's check) is a note: what visitors read stays true (they are told to
      ask the facility), but the status may be out of date, and nothing staff can do makes it
      go away while a service really has not started here.
    - A rollout_start more than a year away is a problem: visitors would read a date that is
      probably a wrong year, and leaving the setting empty is always an honest fix.

    A service with its own start date (service_start) follows that date instead:
    :func:`service_start_wording`.
    """
    problems, notes = service_start_wording(pack, settings, today)
    try:
        chosen = rollout_start(pack, settings)
    except ValueError:  # reported where the value was read
        return problems, notes
    coming = [
        key
        for key in _service_keys(pack)
        if settings.service_status(key) == "coming" and settings.service_start(key) is None
    ]
    if chosen is not None:
        start, where = chosen
        ahead = start.months_after(today)
        if ahead > MOST_MONTHS_AHEAD:
            problems.append(
                f"{where}: rollout_start is {start}, more than a year away: visitors read "
                f"that the rollout begins in {_month_year(start)}. Check the year, or leave "
                "rollout_start empty until the month is known"
            )
        if start.month != pack.rollout_month:
            notes.append(
                f"{where}: rollout_start {start} is in {_month_name(start.month)}, and the "
                f"content says {_month_name(pack.rollout_month)}: visitors read "
                f"{_month_name(start.month)}"
            )
        if coming and today > start.last_day:
            notes.append(
                f"rollout_start is {start} and that month is over, but {_listed(coming)} "
                f"{_still(coming)} 'coming': visitors are told to ask the facility whether "
                "it has started. If it has started here, set service_status to 'available'"
            )
    elif coming and today > (deadline := undated_deadline(pack)):
        notes.append(
            f"the content was checked on {pack.checked_on.isoformat()} and says the rollout "
            f"begins in {_month_name(pack.rollout_month)}; {_month_year(_month_of(deadline))} "
            f"is over, but {_listed(coming)} {_still(coming)} 'coming'. Set rollout_start "
            '(e.g. "2026-09") to the month the rollout began, and mark the services that '
            "have started here 'available'"
        )
    return problems, notes


def service_start_wording(
    pack: ContentPack, settings: Settings, today: dt.date
) -> tuple[list[str], list[str]]:
    """(problems, notes) for staff about the services' own start dates (service_start).

    - A day that has passed while the service is still "coming" is a problem, from the day
      after it: visitors no longer read the date (they are told to ask the facility), and staff
      always have an honest fix: mark the service "available" if it has started here, or set
      the day it moved to, or remove the date.
    - A day more than a year away is a problem, as for rollout_start: probably a wrong year.
    - A day still ahead for a service marked "available" is a note: "available" wins, so
      visitors do not read the date.
    """
    problems: list[str] = []
    notes: list[str] = []
    for key in _service_keys(pack):
        start = settings.service_start(key)
        if start is None:
            continue
        setting, status = f"service_start.{key}", f"service_status.{key}"
        if settings.service_status(key) == "available":
            if start > today:
                notes.append(
                    f"{setting} is {start}, but {status} is 'available': visitors read that "
                    "it is available now, not the date"
                )
        elif start < today:
            problems.append(
                f"{setting} is {start}, which has passed, but {status} is still 'coming': "
                "visitors no longer read the date, they are told to ask the facility. If it "
                f"has started here, set {status} to 'available'; if the date moved, set the "
                f"new one, or remove {setting}"
            )
        elif start > a_year_after(today):
            problems.append(
                f"{setting} is {start}, more than a year away: visitors read that it starts "
                f"on that day. Check the year, or leave {setting} empty until the day is known"
            )
    return problems, notes


def a_year_after(day: dt.date) -> dt.date:
    """The same day a year later (the 28th for the 29th of February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # the 29th of February
        return dt.date(day.year + 1, 2, 28)


def _service_keys(pack: ContentPack) -> list[str]:
    return [service.key for service in pack.services]


def _month_of(day: dt.date) -> YearMonth:
    return YearMonth(day.year, day.month)


def _month_name(month: int) -> str:
    return MONTH_NAMES["en"][month - 1]


def _month_year(month: YearMonth) -> str:
    return f"{_month_name(month.month)} {month.year}"


def _listed(keys: list[str]) -> str:
    named = [f"service_status.{key}" for key in keys]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _still(keys: list[str]) -> str:
    return "is still" if len(keys) == 1 else "are still"
