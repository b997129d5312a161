"""The review packet of one language: every text, found where the kiosk shows it, as a PDF.

The kiosk is run once for the rollout's wording in force on the day (its texts in the order a
visitor meets them), then once for each other wording (each listed right after the wording in
force); the handout's own texts and the help-desk view's common questions follow, then any text
shown nowhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from babel.dates import format_date

from kiosk.core.content import ContentPack, field_key
from kiosk.core.i18n import Translators, catalog_path
from kiosk.core.placeholders import written_date
from kiosk.core.rollout import Phase, YearMonth, rollout_on, rollout_start
from kiosk.core.settings import Settings
from kiosk.core.signoff import catalog_entries, digest
from kiosk.core.translation_status import AWAITING, changed_since_review, language_review
from kiosk.handout.content import build_handout
from kiosk.review_packet.capture import (
    Pass,
    Shot,
    handout_shots,
    help_desk_shots,
    kiosk_shots,
)
from kiosk.review_packet.pdf import Packet, Row, packet_pdf
from kiosk.review_packet.texts import (
    SERVICE_START_FIELDS,
    PacketText,
    packet_texts,
    pieces,
    read_every_text,
)

#: Stand-ins for what an operator has not set, so that every text shows.
STAND_INS = {
    "facility_name": "[facility name]",
    "help_desk_location": "[help desk location]",
    "printer": "printer",
}
#: Days before and after the rollout month's first day for the dated wordings.
DAYS_BEFORE, DAYS_AFTER = 30, 14
#: How far ahead of the packet's day the services start in its run with start dates.
DAYS_TO_SERVICE_START = 45
NOWHERE = "Not shown by this version of the kiosk (kept in the catalog)."
AVAILABLE = "changes.status_available"


@dataclass(frozen=True)
class PacketResult:
    pdf: bytes
    pages: int
    rows: int
    not_shown: list[str]  # the fields shown nowhere


def packet_settings(settings: Settings, code: str) -> Settings:
    """The settings the packet's screens are drawn with: the operator's, with stand-ins for
    what is not set, and the language offered."""
    values = dict(settings.values)
    for key, stand_in in STAND_INS.items():
        values[key] = values[key] or stand_in
    if code not in values["languages"]:
        values["languages"] = [*values["languages"], code]
    return Settings(values, settings.source)


def runs(pack: ContentPack, settings: Settings, today: dt.date) -> list[tuple[ContentPack, Pass]]:
    """One run of the kiosk per wording of the rollout: the one in force ``today`` first."""
    known = rollout_start(pack, settings)
    if known is not None:
        start = known.start
    else:
        year = today.year if today.month <= pack.rollout_month else today.year + 1
        start = YearMonth(year, pack.rollout_month)
    dated = Settings({**settings.values, "rollout_start": str(start)}, settings.source)
    undated = Settings({**settings.values, "rollout_start": ""}, settings.source)
    all_runs = {
        Phase.UNDATED: (pack._replace(rollout_start=None), Pass(undated, today, Phase.UNDATED)),
        Phase.BEFORE: (
            pack,
            Pass(dated, start.first_day - dt.timedelta(days=DAYS_BEFORE), Phase.BEFORE),
        ),
        Phase.STARTED: (
            pack,
            Pass(dated, start.first_day + dt.timedelta(days=DAYS_AFTER), Phase.STARTED),
        ),
    }
    now = rollout_on(pack, settings, today).phase
    all_runs[now] = (pack, Pass(settings, today, now))
    return [all_runs[now], *(run for phase, run in all_runs.items() if phase != now)]


def _sibling(line: PacketText) -> str:
    return line.field.rsplit(".", 1)[0] if line.phase is not None else line.field


Found = list[tuple[PacketText, Shot]]


def _after_siblings(ordered: Found, more: Found, anchor: str = "") -> None:
    """Put each of ``more`` (other wordings of a rollout sentence) right after the wording of
    the same sentence already in ``ordered`` (``anchor``: after the lines of that field
    instead; at the end when there are none)."""
    for line, shot in more:
        after = max(
            (
                i
                for i, (o, _s) in enumerate(ordered)
                if (o.field.startswith(anchor) if anchor else _sibling(o) == _sibling(line))
            ),
            default=len(ordered) - 1,
        )
        ordered.insert(after + 1, (line, shot))


def _of(run: Pass, lines: list[PacketText], *, first: bool) -> list[PacketText]:
    """The lines a run can show: its rollout wording, and (the first run) every other text."""
    return [line for line in lines if line.phase == run.phase or (first and line.phase is None)]


def collect(
    pack: ContentPack, settings: Settings, code: str, today: dt.date, translators: Translators
) -> list[tuple[PacketText, Shot | None]]:
    """Every line of the packet with its picture, in the order a visitor meets them."""
    tr = translators[code]
    settings = packet_settings(settings, code)
    date = format_date(pack.checked_on, format="long", locale=tr.language.locale)
    english = format_date(pack.checked_on, format="long", locale="en")
    service_start = today + dt.timedelta(days=DAYS_TO_SERVICE_START)
    start_dates = (written_date(tr, service_start), translators["en"].long_date(service_start))
    lines = packet_texts(pack, tr, (tr.isolate(date), english), start_dates)
    plan = runs(pack, settings, today)
    on_kiosk = [line for line in lines if not line.field.startswith(("handout.", "helper."))]
    helper = [line for line in lines if line.field.startswith("helper.")]
    first_pack, first = plan[0]

    wanted = [line for line in _of(first, on_kiosk, first=True) if line.field != AVAILABLE]
    ordered = kiosk_shots(first_pack, code, first, wanted, translators)
    for run_pack, run in plan[1:]:
        wanted = _of(run, on_kiosk, first=False)
        _after_siblings(ordered, kiosk_shots(run_pack, code, run, wanted, translators))
    # A service's status once staff set it "available": every service so, as a kiosk shows it.
    available = {f"service_status.{service.key}": "available" for service in pack.services}
    run = replace(first, settings=Settings({**first.settings.values, **available}))
    wanted = [line for line in on_kiosk if line.field == AVAILABLE]
    _after_siblings(
        ordered, kiosk_shots(first_pack, code, run, wanted, translators), "changes.status_"
    )
    # A service's own start date, still ahead: every service so (Step 1's cards, the answer).
    dated = {
        **{f"service_status.{service.key}": "coming" for service in pack.services},
        **{f"service_start.{service.key}": service_start.isoformat() for service in pack.services},
    }
    run = replace(first, settings=Settings({**first.settings.values, **dated}))
    wanted = [line for line in on_kiosk if field_key(line.field) in SERVICE_START_FIELDS]
    for line, shot in kiosk_shots(first_pack, code, run, wanted, translators):
        # After the other status texts, or after the service's own name and answer.
        anchor = (
            "changes.status_"
            if line.field.startswith("changes.")
            else line.field.rsplit(".", 1)[0] + "."
        )
        _after_siblings(ordered, [(line, shot)], anchor)
    shown = next((line for line, _shot in ordered if line.values), None)
    values = shown.values if shown is not None else {}
    english_values = shown.english_values if shown is not None else {}
    # The handout's own texts, in the handout's wording of the day.
    found = {line.key for line, _shot in ordered}
    handout = build_handout(first_pack, first.settings, tr, first.today)
    wanted = [
        replace(line, values=values, english_values=english_values)
        for line in lines
        if line.key not in found
    ]
    ordered += handout_shots(handout, _of(first, wanted, first=True), tr)
    # The help-desk view's common questions.
    questions = help_desk_shots(
        first_pack, code, first, _of(first, helper, first=True), translators
    )
    for run_pack, run in plan[1:]:
        wanted = _of(run, helper, first=False)
        _after_siblings(questions, help_desk_shots(run_pack, code, run, wanted, translators))
    ordered += questions
    found = {line.key for line, _shot in ordered}
    nowhere = [
        (replace(line, values=values, english_values=english_values, where=NOWHERE), None)
        for line in lines
        if line.key not in found
    ]
    return [*ordered, *nowhere]


def review_packet(
    pack: ContentPack,
    settings: Settings,
    code: str,
    today: dt.date | None = None,
    translations: Path | None = None,
) -> PacketResult:
    """The packet for language ``code`` as a PDF (the texts worded for ``today``)."""
    today = today or dt.date.today()
    translators = Translators(translations)
    tr = translators[code]
    entries = catalog_entries(catalog_path(code, translations))
    review = language_review(code, translations)
    changed = changed_since_review(code, translations)
    lines = collect(pack, settings, code, today, translators)
    rows: list[Row] = []
    first_with: dict[tuple[str, int | None], int] = {}
    for number, (line, shot) in enumerate(lines, start=1):
        translation = line.translation(tr)
        notes = [line.where.removesuffix(".") + "."] if line.where else []
        same = first_with.setdefault((line.text.text, line.form), number)
        if same != number:
            notes.append(f"Same English as no. {same}.")
        rows.append(
            Row(
                number=number,
                fact_id=line.fact_id,
                field=line.key,
                english=pieces(line.english(), line.all_values(english=True)),
                translation=(
                    pieces(translation, line.all_values()) if translation is not None else None
                ),
                notes=[*notes, *line.notes()],
                picture=shot.picture if shot is not None else None,
                changed=line.text.text in changed,
            )
        )
    packet = Packet(
        code=code,
        digest=digest(entries),
        texts=len(entries),
        made_on=today.isoformat(),
        rows=rows,
        read_every_text=read_every_text(code),
        review_note="" if review.status == AWAITING else review.status,
    )
    pdf, pages = packet_pdf(packet)
    not_shown = [line.key for line, shot in lines if shot is None]
    return PacketResult(pdf, pages, len(rows), not_shown)
