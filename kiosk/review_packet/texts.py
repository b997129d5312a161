"""What the review packet lists: every text of the content pack as a reviewer checks it. Plain
Python.

One line per text; a text with a count (the countdown) has one line per plural form of the
language, each with a number that takes that form; a sentence worded for each phase of the
rollout (kiosk/core/rollout.py) has one line per wording, each saying when it is shown.
"""

from __future__ import annotations

import dataclasses
import string
import tomllib
from dataclasses import dataclass

from kiosk.core.content import ContentPack, Text, field_key
from kiosk.core.i18n import Translator
from kiosk.core.paths import resource
from kiosk.core.rollout import Phase
from kiosk.core.session import TOTAL_STEPS
from kiosk.core.text_rules import character_problem

#: When each wording of a rollout sentence is shown (docs/operator.md, "The rollout's date").
PHASE_NOTES = {
    Phase.UNDATED: "Wording while the rollout's year is not set.",
    Phase.BEFORE: "Wording before the rollout month (its year set).",
    Phase.STARTED: "Wording from the rollout month on.",
}
#: Texts the kiosk shows only inside others, as a placeholder's value (and the placeholder).
INSIDE = {"ui.default_app": "app"}
#: Texts that say when a service starts at this facility (their {date}: setting service_start).
SERVICE_START_FIELDS = ("changes.status_starts_on", "services[].starts_on")
#: The largest count searched for a plural form's example number.
LARGEST_EXAMPLE = 1000


@dataclass
class PacketText:
    """One line of the packet."""

    field: str  # the pack's field, e.g. "services[0].answer"
    text: Text  # the English (the catalog's msgid) and its fact id
    phase: Phase | None = None  # the rollout wording this is, if it is one
    form: int | None = None  # the plural form (msgstr[N]) this is, if it is one
    count: int | None = None  # for a plural form: a number that takes it
    #: Placeholder values only this field has (the step's number, the seconds, the date).
    extra: dict[str, object] = dataclasses.field(default_factory=dict)
    #: The same for the English, where they differ (a date is written the English way).
    english_extra: dict[str, object] = dataclasses.field(default_factory=dict)
    #: Set once it is found: where it is used, and the values its placeholders had there, in
    #: the language and in English.
    where: str = ""
    values: dict[str, object] = dataclasses.field(default_factory=dict)
    english_values: dict[str, object] = dataclasses.field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.field if self.form is None else f"{self.field}#{self.form}"

    @property
    def fact_id(self) -> str:
        return self.text.id

    def notes(self) -> list[str]:
        """What this line is, besides where it is shown."""
        notes = []
        if self.phase is not None:
            notes.append(PHASE_NOTES[self.phase])
        if self.form is not None:
            notes.append(f"Plural form msgstr[{self.form}], for example with {self.count}.")
        if self.field in INSIDE:
            notes.append(f"Shown inside other texts, where they say {{{INSIDE[self.field]}}}.")
        return notes

    @property
    def inside(self) -> bool:
        """Whether the kiosk shows this text only inside other texts."""
        return self.field in INSIDE

    def english(self) -> str:
        """The English template of this line (the plural's form for its count)."""
        if self.text.plural is not None and self.count != 1:
            return self.text.plural
        return self.text.text

    def translation(self, tr: Translator) -> str | None:
        """The catalog's translation of this line, as written (placeholders unfilled); None
        when the catalog has none."""
        forms = tr.translations(self.text)
        index = self.form or 0
        return forms[index] if index < len(forms) else None

    def shown(self, tr: Translator, values: dict[str, object]) -> str:
        """What the kiosk shows for this line in ``tr``'s language: the label's text."""
        extra = {"seconds": self.count} if self.count is not None else self.extra
        return tr.text(self.text, **values, **extra)

    def all_values(self, *, english: bool = False) -> dict[str, object]:
        """The values of its placeholders where it is shown, in the language or in English."""
        if self.count is not None:
            extra: dict[str, object] = {"seconds": self.count}
        else:
            extra = {**self.extra, **self.english_extra} if english else self.extra
        return {**(self.english_values if english else self.values), **extra}


def packet_texts(
    pack: ContentPack,
    tr: Translator,
    checked_on: tuple[str, str],
    service_start: tuple[str, str] = ("", ""),
) -> list[PacketText]:
    """Every text of the pack, in the pack's order, as lines of the packet in ``tr``'s language.
    ``checked_on``: the date the content was checked, as the handout writes it in the language
    and in English; ``service_start``: the same for the day the packet's services start."""
    lines: list[PacketText] = []
    for path, text in pack.texts():
        last = path.rsplit(".", 1)[-1]
        phase = Phase(last) if last in {p.value for p in Phase} else None
        extra: dict[str, object] = {}
        english: dict[str, object] = {}
        if path == "ui.step_of":
            extra = {"number": 1, "total": TOTAL_STEPS}
        elif path == "handout.checked_on":
            extra, english = {"date": checked_on[0]}, {"date": checked_on[1]}
        elif field_key(path) in SERVICE_START_FIELDS:
            extra, english = {"date": service_start[0]}, {"date": service_start[1]}
        if text.plural is not None:
            for form, count in enumerate(plural_examples(tr, len(tr.translations(text)) or 2)):
                lines.append(PacketText(path, text, phase, form, count))
        else:
            lines.append(PacketText(path, text, phase, extra=extra, english_extra=english))
    return lines


def plural_examples(tr: Translator, forms: int) -> list[int]:
    """For each plural form of the language, the smallest count that takes it (1 and up, then
    round numbers up to a billion, then 0)."""
    examples: dict[int, int] = {}
    # Some forms take only round millions (Spanish, French: "1000000 de segundos").
    rounds = [10**power for power in range(4, 10)]
    for n in [*range(1, LARGEST_EXAMPLE + 1), *rounds, 0]:
        examples.setdefault(tr.plural_index(n), n)
    return [examples.get(form, 0) for form in range(forms)]


def pieces(template: str, values: dict[str, object]) -> list[tuple[str, bool]]:
    """A text split into what is written (False) and what the kiosk fills in (True), in order;
    a placeholder without a value stays as written, ``{name}``."""
    found: list[tuple[str, bool]] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return [(template, False)]
    for literal, name, _spec, _conversion in parsed:
        if literal:
            found.append((literal, False))
        if name is not None:
            found.append((str(values[name]), True) if name in values else (f"{{{name}}}", False))
    return found


# -- the packet's own words ---------------------------------------------------------------------
PACKET_WORDS = "review/packet.toml"


class PacketWordsError(ValueError):
    """resources/review/packet.toml cannot be used; the message names the field."""


def read_every_text(code: str) -> str:
    """ "I read every text in this packet." in the language (resources/review/packet.toml)."""
    path = resource(PACKET_WORDS)
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))["read_every_text"]
        text = table[code]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PacketWordsError(f"{path}: read_every_text.{code}: missing ({exc})") from exc
    problem = character_problem(text) if isinstance(text, str) else "not a text"
    if problem:
        raise PacketWordsError(f"{path}: read_every_text.{code}: {problem}")
    return text
