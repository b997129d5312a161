"""What the handout says, in one language: every text from the content pack, nothing new.

Plain Python. The page rests on the same facts as the screens: which services need an account
(F5, F6, F7), the three steps (S1-S3, F3), what is not known yet and who to ask (U1-U3, A1), the
website and its QR code (O1), the facility's name and the services' own start dates here (O2),
and the date the content was checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.core.content import ContentPack, RolloutText, Text
from kiosk.core.i18n import Translator
from kiosk.core.placeholders import placeholder_values, starts_on_lines, worded, written_date
from kiosk.core.rollout import rollout_on
from kiosk.core.settings import Settings


@dataclass(frozen=True)
class Step:
    title: str
    text: str


@dataclass(frozen=True)
class Handout:
    language: str
    rtl: bool
    paper_size: str  # "letter" or "a4"
    facility: str  # the operator's name for the facility, as written; empty when not set
    title: str
    services_title: str
    #: Each service's answer, followed by its start date at this facility when visitors read one.
    service_answers: tuple[str, ...]
    services_note: str
    steps_title: str
    steps_intro: str
    steps: tuple[Step, ...]
    url: str  # what the QR code opens
    website: str
    app: str
    qr_caption: str
    unknowns_title: str
    unknowns_intro: str
    unknowns: tuple[str, ...]
    ask_title: str
    ask: tuple[str, ...]
    this_facility: str  # empty when no facility is set
    checked_on: str

    def texts(self) -> list[str]:
        """Every text on the page, in reading order (for tests and screen readers)."""
        return [
            *([self.facility] if self.facility else []),
            self.title,
            self.services_title,
            *self.service_answers,
            self.services_note,
            self.steps_title,
            self.steps_intro,
            *(t for step in self.steps for t in (step.title, step.text)),
            self.website,
            self.app,
            self.qr_caption,
            self.unknowns_title,
            self.unknowns_intro,
            *self.unknowns,
            self.ask_title,
            *self.ask,
            *([self.this_facility] if self.this_facility else []),
            self.checked_on,
        ]


def build_handout(
    pack: ContentPack, settings: Settings, tr: Translator, today: dt.date | None = None
) -> Handout:
    """The handout's texts in ``tr``'s language, placeholders filled from the settings, worded
    for ``today`` (the rollout's phase; the real date by default)."""
    # The same placeholder values as on screen (website isolated left-to-right in RTL, etc.).
    rollout = rollout_on(pack, settings, today or dt.date.today())
    values = placeholder_values(pack, settings, tr, rollout)

    def t(text: Text | RolloutText, **extra: object) -> str:
        return tr.text(worded(text, rollout), **values, **extra)

    facility = settings["facility_name"]
    dates = starts_on_lines(pack, settings, tr, values, rollout.today)
    answers = [
        line
        for service in pack.services
        for line in (t(service.answer), dates.get(service.key))
        if line is not None
    ]
    return Handout(
        language=tr.code,
        rtl=tr.language.is_rtl,
        paper_size=settings["paper_size"],
        facility=facility,
        title=t(pack.handout.title),
        services_title=t(pack.handout.services_title),
        service_answers=tuple(answers),
        services_note=" ".join(t(text) for text in pack.account.outcomes.not_needed.detail),
        steps_title=t(pack.handout.steps_title),
        steps_intro=t(pack.setup.intro),
        steps=tuple(Step(t(step.title), t(step.text)) for step in pack.setup.steps),
        url=settings["securus_url"],
        website=t(pack.setup.website_label),
        app=t(pack.setup.app_label),
        qr_caption=t(pack.setup.qr_caption),
        unknowns_title=t(pack.handout.unknowns_title),
        unknowns_intro=t(pack.unknowns.intro),
        unknowns=tuple(t(item) for item in pack.unknowns.items),
        ask_title=t(pack.unknowns.ask_title),
        ask=tuple(t(line) for line in pack.unknowns.ask),
        this_facility=t(pack.unknowns.this_facility) if facility else "",
        checked_on=t(pack.handout.checked_on, date=written_date(tr, pack.checked_on)),
    )
