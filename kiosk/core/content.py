"""The content pack: every visitor-facing text with the id of the fact it rests on.

The pack is TOML (``resources/content/pack.toml``). It is loaded into immutable records
(``typing.NamedTuple``) and validated on the way: a missing or unknown field, a wrong type, an
unknown id, a placeholder the field does not offer or that is more than ``{name}``, a control or
direction character (kiosk/core/text_rules.py), an over-long text, or a ``checked_on`` in the
future raises :class:`ContentError` naming the file and the field. Every text, and every plural
form, is then filled with sample values (the longest the settings allow), so a pack that loads
can be shown. The translations of its texts are checked per language in
kiosk/core/language_check.py.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import typing
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeGuard

from kiosk.core.paths import resource
from kiosk.core.rollout import (
    YEAR_PLACEHOLDERS,
    Phase,
    Rollout,
    YearMonth,
    month_values,
    year_month_problem,
)
from kiosk.core.settings import BY_KEY
from kiosk.core.text_rules import PlaceholderError, character_problem, placeholder_names

#: Ids a text may carry (see docs/facts.md).
TEXT_IDS = frozenset(
    [f"F{n}" for n in range(1, 10)]
    + ["S1", "S2", "S3", "U1", "U2", "U3", "A1", "UI", "K", "O1", "O2"]
)

# -- the placeholders, declared once: the loader, the checks and the operator guide's table
# (build/make_reference.py) all read them from here.
#: What the kiosk fills in for each placeholder.
PLACEHOLDER_MEANINGS = {
    "facility": "the facility's name (setting `facility_name`)",
    "help_desk": "where the help desk is (setting `help_desk_location`)",
    "website": "the Securus website (setting `securus_url`)",
    "app": "the app's name (setting `securus_app_name`, else `ui.default_app` translated)",
    "month": 'the rollout\'s month on its own, for a label ("September")',
    "month_in_text": 'the rollout\'s month as running text needs it (Russian "сентября")',
    "month_year": 'the rollout\'s month with its year, on its own ("September 2026")',
    "month_year_in_text": "the month with its year, as running text needs it",
    "number": "the step's number",
    "total": "how many steps there are",
    "seconds": "the seconds left (the count its plural form goes by)",
    "date": "a day, written the language's long way: when the content was checked "
    "(`handout.checked_on`), or when the service starts here (setting `service_start`)",
}
_ITEM_INDEX = re.compile(r"\[[0-9]+\]")
#: Placeholders every text may hold.
EVERY_TEXT = ("facility", "help_desk", "website", "app", "month", "month_in_text")
#: Placeholders only the dated wordings of a rollout table ("before", "started") may hold: they
#: name the rollout's year, which only those wordings know (kiosk/core/rollout.py).
DATED_ONLY = tuple(sorted(YEAR_PLACEHOLDERS))
#: Fields with placeholders of their own, which the view that shows them fills in. ``[]``
#: stands for every item of a list: ``services[].starts_on`` is each service's.
FIELD_PLACEHOLDERS = {
    "ui.step_of": ("number", "total"),
    "idle.countdown": ("seconds",),
    "handout.checked_on": ("date",),
    "changes.status_starts_on": ("date",),
    "services[].starts_on": ("date",),
}
#: The placeholders a plural form counts by: only a field with one of them takes a plural.
COUNTS = ("seconds", "number")
#: Every placeholder the kiosk fills in somewhere.
PLACEHOLDERS = frozenset(PLACEHOLDER_MEANINGS)


def allowed_placeholders(field: str, *, dated: bool = False) -> tuple[str, ...]:
    """The placeholders the text at ``field`` (a path like ``ui.step_of``) may hold; ``dated``:
    it is the "before" or "started" wording of a rollout table."""
    return EVERY_TEXT + (DATED_ONLY if dated else ()) + FIELD_PLACEHOLDERS.get(field_key(field), ())


def field_key(path: str) -> str:
    """A field's path as FIELD_PLACEHOLDERS names it: ``services[1].starts_on`` is
    ``services[].starts_on``."""
    return _ITEM_INDEX.sub("[]", path)


def sample_values(code: str, month: int) -> dict[str, object]:
    """A value for every placeholder, as long as the settings allow, with the month names of
    language ``code``: what validation fills each text with."""
    longest = {
        key: "W" * (BY_KEY[setting].max_length or 0)
        for key, setting in (
            ("facility", "facility_name"),
            ("help_desk", "help_desk_location"),
            ("app", "securus_app_name"),
        )
    }
    url = "https://securustech.net/"
    website = url + "w" * ((BY_KEY["securus_url"].max_length or len(url)) - len(url))
    rollout = Rollout(month, YearMonth(2026, month), dt.date(2026, month, 1))
    return {
        **longest,
        "website": website,
        **month_values(code, rollout),
        "number": 5,
        "total": 5,
        "seconds": 300,
        "date": "30 de septiembre de 2026",
    }


MAX_TEXT_LENGTH = 400
SOURCE_LANGUAGE = "en"  # the language of the pack's texts (kiosk.core.i18n uses the same)


# The records are NamedTuples, not frozen dataclasses: all of them are made before the kiosk's
# first frame, where dataclasses (their module, and each class's generated methods) slowed the
# start by more than the 5 ms a speed idiom must save to stay (docs/performance.md). The same
# holds for the other records made before the first frame, which say so.


class ContentError(ValueError):
    """A content pack that cannot be used; the message names the file, the field, the language
    where one applies (a translation's problem: ``file`` is then its catalog), and the problem."""

    def __init__(
        self, file: Path | str, field: str, problem: str, language: str | None = None
    ) -> None:
        self.file, self.field, self.problem = str(file), field, problem
        self.language = language
        where = f"{field} (in {language})" if language else field
        super().__init__(f"{file}: {where}: {problem}")


class Text(NamedTuple):
    """One English text (the msgid of its translations) and the id it rests on."""

    id: str
    text: str
    plural: str | None = None  # a plural form, for texts with a count (ngettext)

    def placeholders(self) -> set[str]:
        """The names of its placeholders (raises PlaceholderError for more than ``{name}``)."""
        plural = placeholder_names(self.plural) if self.plural else []
        return {*placeholder_names(self.text), *plural}


class RolloutText(NamedTuple):
    """One sentence worded for each phase of the rollout (see kiosk/core/rollout.py): with no
    year known, before the rollout month, and from that month on."""

    undated: Text
    before: Text
    started: Text

    def for_phase(self, phase: Phase | str) -> Text:
        return getattr(self, Phase(phase).value)


class Ui(NamedTuple):
    back: Text
    continue_: Text
    start_over: Text
    step_of: Text
    language: Text
    default_app: Text
    text_size: Text
    contrast: Text
    read_aloud: Text
    pause: Text
    repeat: Text
    volume: Text
    no_voice: Text
    close: Text


class IdleContent(NamedTuple):
    title: Text
    countdown: Text
    privacy: Text
    stay: Text


class WelcomeContent(NamedTuple):
    headline: Text
    touch: Text
    subline: Text


class LanguageContent(NamedTuple):
    title: Text
    prompt: Text


class ChangesContent(NamedTuple):
    title: Text
    paragraphs: tuple[Text, ...]
    services_intro: RolloutText  # shown after the paragraphs
    status_heading: Text
    status_coming: RolloutText
    status_available: Text
    status_starts_on: Text  # a service's own start date is ahead: "Starts on {date}."
    note: Text


class Service(NamedTuple):
    key: str
    icon: str
    needs_account: bool
    name: Text
    answer: Text
    #: Shown with the answer (and on the handout) while its own start date is ahead.
    starts_on: Text


class Outcome(NamedTuple):
    headline: Text
    detail: tuple[Text, ...]


class Outcomes(NamedTuple):
    none: Outcome
    needed: Outcome
    not_needed: Outcome
    not_sure: Outcome


class AccountContent(NamedTuple):
    title: Text
    prompt: Text
    not_sure: Text
    your_answer: Text
    outcomes: Outcomes


class SetupStep(NamedTuple):
    key: str
    title: Text
    text: Text | RolloutText


class SetupContent(NamedTuple):
    title: Text
    intro: Text
    not_here: Text
    website_label: Text
    app_label: Text
    have_account: Text
    have_account_note: Text
    wait_warning: Text
    help: Text
    help_desk_at: Text
    qr_caption: Text
    steps: tuple[SetupStep, ...]


class UnknownsContent(NamedTuple):
    title: Text
    intro: Text
    items: tuple[Text, ...]
    ask_title: Text
    ask: tuple[Text, ...]
    this_facility: Text


class DoneContent(NamedTuple):
    title: Text
    chosen_title: Text
    nothing_chosen: Text
    not_sure_chosen: Text
    next_title: Text
    ask: Text
    privacy: Text
    thanks: Text
    print: Text
    printing: Text
    print_failed: Text


class HandoutContent(NamedTuple):
    title: Text
    services_title: Text
    steps_title: Text
    unknowns_title: Text
    checked_on: Text


class Question(NamedTuple):
    key: str
    question: Text
    answer: Text | RolloutText


class HelperContent(NamedTuple):
    questions: tuple[Question, ...]


class ContentPack(NamedTuple):
    content_version: str
    checked_on: dt.date
    rollout_month: int
    ui: Ui
    idle: IdleContent
    welcome: WelcomeContent
    language: LanguageContent
    changes: ChangesContent
    services: tuple[Service, ...]
    account: AccountContent
    setup: SetupContent
    unknowns: UnknownsContent
    done: DoneContent
    handout: HandoutContent
    helper: HelperContent
    #: The rollout's month with its year, "2026-09", when the content maintainer knows it (the
    #: setting of the same name wins). None: the source's month alone.
    rollout_start: str | None = None

    def service(self, key: str) -> Service:
        for service in self.services:
            if service.key == key:
                return service
        raise KeyError(key)

    def texts(self) -> list[tuple[str, Text]]:
        """Every text in the pack with its field path, in file order (for catalogs and checks)."""
        return [(field.path, field.text) for field in self.text_fields()]

    def text_fields(self) -> list[TextField]:
        """Every text with its field path and the placeholders it may hold, in file order."""
        found: list[TextField] = []
        _collect(self, "", found, dated=False)
        return found


class TextField(NamedTuple):
    path: str  # e.g. "changes.status_coming.before"
    text: Text
    allowed: tuple[str, ...]  # the placeholders it may hold


def _collect(obj: object, path: str, found: list[TextField], *, dated: bool) -> None:
    if isinstance(obj, Text):
        found.append(TextField(path, obj, allowed_placeholders(path, dated=dated)))
    elif isinstance(obj, RolloutText):
        for name in obj._fields:
            _collect(getattr(obj, name), _join(path, name), found, dated=name != "undated")
    elif _is_record(obj):
        for name in obj._fields:
            _collect(getattr(obj, name), _join(path, _toml_name(name)), found, dated=dated)
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            _collect(item, f"{path}[{i}]", found, dated=dated)


class _Record(Protocol):
    """What the loader reads of a record or its class: the NamedTuple's fields and defaults."""

    _fields: tuple[str, ...]
    _field_defaults: dict[str, Any]


def _is_record(obj: object) -> TypeGuard[_Record]:
    """A content record class or one of its objects (a plain tuple of items is neither)."""
    return hasattr(obj, "_fields") and hasattr(obj, "_field_defaults")


def _toml_name(name: str) -> str:
    return name.rstrip("_")  # `continue_` is `continue` in the file


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


@cache
def _type_hints(cls: type) -> dict[str, object]:
    """A class's field types, worked out once per class: the pack builds over a hundred objects
    of a few classes."""
    return typing.get_type_hints(cls)


class _Loader:
    def __init__(self, file: Path | str) -> None:
        self.file = file
        self._samples: dict[str, object] | None = None

    def fail(self, field: str, problem: str) -> typing.NoReturn:
        raise ContentError(self.file, field or "(top level)", problem)

    def build(self, cls: Any, value: object, path: str) -> object:  # cls: a record class
        if not isinstance(value, dict):
            self.fail(path, f"expected a table, found {_kind(value)}")
        hints = _type_hints(cls)
        names = {_toml_name(name): name for name in cls._fields}
        for key in value:
            if key not in names:
                expected = ", ".join(sorted(names))
                self.fail(_join(path, key), f"unknown field (expected one of: {expected})")
        kwargs = {}
        optional = set(cls._field_defaults)
        for toml_name, attr in names.items():
            field_path = _join(path, toml_name)
            if toml_name not in value:
                if attr in optional:
                    continue
                self.fail(field_path, "missing")
            kwargs[attr] = self.convert(hints[attr], value[toml_name], field_path)
        return cls(**kwargs)

    def convert(self, hint: object, value: object, path: str) -> object:
        if hint is Text:
            return self.text(value, path)
        if hint is RolloutText:
            return self.rollout_text(value, path)
        if hint == Text | RolloutText:
            if isinstance(value, dict) and not {"id", "text"} & value.keys():
                return self.rollout_text(value, path)
            return self.text(value, path)
        if typing.get_origin(hint) is tuple:
            item_type = typing.get_args(hint)[0]
            if not isinstance(value, list):
                self.fail(path, f"expected a list, found {_kind(value)}")
            return tuple(self.convert(item_type, v, f"{path}[{i}]") for i, v in enumerate(value))
        if _is_record(hint):
            return self.build(hint, value, path)
        if hint is bool:
            if not isinstance(value, bool):
                self.fail(path, f"expected true or false, found {_kind(value)}")
            return value
        if hint is int:
            if isinstance(value, bool) or not isinstance(value, int):
                self.fail(path, f"expected a whole number, found {_kind(value)}")
            return value
        if hint == str | None:
            return self.convert(str, value, path)
        if hint is str:
            if not isinstance(value, str) or not value.strip():
                self.fail(path, f"expected non-empty text, found {_kind(value)}")
            if len(value) > MAX_TEXT_LENGTH:
                self.fail(path, f"{len(value)} characters, more than {MAX_TEXT_LENGTH}")
            problem = character_problem(value)
            if problem:
                self.fail(path, problem)
            return value
        if hint is dt.date:
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                self.fail(path, f"expected a date like 2026-11-26, found {_kind(value)}")
            return value
        raise TypeError(f"no converter for {hint!r}")  # a programming error, not a content one

    def rollout_text(self, value: object, path: str) -> RolloutText:
        """Three wordings; only the dated ones ("before", "started") may name the year."""
        if not isinstance(value, dict):
            self.fail(path, f"expected a table of texts per rollout phase, found {_kind(value)}")
        names = RolloutText._fields
        for key in value:
            if key not in names:
                self.fail(_join(path, key), f"unknown field (expected one of: {', '.join(names)})")
        texts = {}
        for name in names:
            if name not in value:
                self.fail(_join(path, name), "missing")
            texts[name] = self.text(value[name], _join(path, name), dated=name != "undated")
        return RolloutText(**texts)

    def text(self, value: object, path: str, *, dated: bool = False) -> Text:
        text = self.build(Text, value, path)
        assert isinstance(text, Text)
        if text.id not in TEXT_IDS:
            self.fail(f"{path}.id", f"unknown id {text.id!r} (see docs/facts.md: {_ids_hint()})")
        allowed = allowed_placeholders(path, dated=dated)
        for part, body in (("text", text.text), ("plural", text.plural)):
            if body is not None:
                self.words(body, f"{path}.{part}", allowed, dated=dated)
        if text.plural is not None:
            count = next((name for name in COUNTS if name in allowed), None)
            if count is None:
                self.fail(f"{path}.plural", "this text has no count, so it takes no plural form")
            if count not in placeholder_names(text.plural):
                self.fail(f"{path}.plural", f"a plural form needs the count {{{count}}}")
        return text

    def words(self, body: str, path: str, allowed: tuple[str, ...], *, dated: bool) -> None:
        """One English text or plural form: its length, characters and placeholders, and that
        it fills in with the longest values the settings allow."""
        if len(body) > MAX_TEXT_LENGTH:
            self.fail(path, f"{len(body)} characters, more than {MAX_TEXT_LENGTH}: split it")
        problem = character_problem(body)
        if problem:
            self.fail(path, problem)
        try:
            names = placeholder_names(body)
        except PlaceholderError as exc:
            self.fail(path, str(exc))
        for name in names:
            if name not in allowed:
                self.fail(path, placeholder_not_allowed(name, allowed, dated=dated))
        try:
            body.format(**self.samples)
        except Exception as exc:  # the grammar above rules this out; never trust it blindly
            self.fail(path, f"cannot be filled in ({type(exc).__name__}: {exc})")

    @property
    def samples(self) -> dict[str, object]:
        if self._samples is None:
            self._samples = sample_values(SOURCE_LANGUAGE, 9)  # September: the longest name
        return self._samples


def placeholder_not_allowed(name: str, allowed: tuple[str, ...], *, dated: bool) -> str:
    """Why ``{name}`` may not stand in a field that offers ``allowed``, in plain words."""
    offered = ", ".join("{" + p + "}" for p in allowed)
    if name in YEAR_PLACEHOLDERS and not dated:
        return (
            f"{{{name}}} needs the rollout's year: use it only in the 'before' and 'started' "
            "texts of a rollout table, and {month} elsewhere"
        )
    if name in PLACEHOLDERS:
        return f"{{{name}}} is not filled in here (this text may hold: {offered})"
    return f"unknown placeholder {{{name}}} (this text may hold: {offered})"


def _ids_hint() -> str:
    return "F1-F9, S1-S3, U1-U3, A1, UI, K, O1, O2"


def _kind(value: object) -> str:
    names = {dict: "a table", list: "a list", str: "text", bool: "true/false", int: "a number"}
    return names.get(type(value), type(value).__name__)


def _check_pack(pack: ContentPack, loader: _Loader) -> None:
    if not 1 <= pack.rollout_month <= 12:
        loader.fail("rollout_month", f"{pack.rollout_month} is not a month (1-12)")
    if pack.rollout_start is not None:
        problem = year_month_problem(pack.rollout_start)
        if problem:
            loader.fail("rollout_start", problem)
        if int(pack.rollout_start[-2:]) != pack.rollout_month:
            loader.fail(
                "rollout_start",
                f"{pack.rollout_start} is not in the month rollout_month gives "
                f"({pack.rollout_month}): make them agree",
            )
    keys = [s.key for s in pack.services]
    if sorted(keys) != ["messaging", "phone", "video"]:
        loader.fail("services", f"expected the services phone, video, messaging; found {keys}")
    for i, service in enumerate(pack.services):
        try:
            found = resource(f"icons/{service.icon}").is_file()
        except (ValueError, OSError):  # a path that leaves resources/icons, or cannot be one
            found = False
        if not found:
            loader.fail(f"services[{i}].icon", f"no icon file resources/icons/{service.icon}")
    if len(pack.setup.steps) != 3:
        loader.fail("setup.steps", f"expected three steps, found {len(pack.setup.steps)}")


def load_content(file: Path | None = None, *, today: dt.date | None = None) -> ContentPack:
    """Load and validate a content pack (the bundled one by default).

    ``today``: refuse a pack whose ``checked_on`` is more than a day after it (an operator's
    pack; the bundled pack is not refused for a PC clock that is behind)."""
    path = file or resource("content/pack.toml")
    loader = _Loader(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # with or without a BOM
    except OSError as exc:
        loader.fail("(file)", f"cannot read it: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        loader.fail("(file)", f"not UTF-8 text: {exc.reason} at byte {exc.start}")
    except tomllib.TOMLDecodeError as exc:
        loader.fail("(file)", f"not valid TOML: {exc}")
    except RecursionError:  # tomllib recurses into nested arrays: `a = [[[[...`
        loader.fail("(file)", "nested too deeply to be a content pack")
    pack = loader.build(ContentPack, raw, "")
    assert isinstance(pack, ContentPack)
    _check_pack(pack, loader)
    if today is not None and pack.checked_on > today + dt.timedelta(days=1):
        loader.fail(
            "checked_on",
            f"{pack.checked_on.isoformat()} is in the future (today is {today.isoformat()}): "
            "correct the date the content was checked, or the PC's clock",
        )
    return pack


__all__ = [
    "ContentError",
    "ContentPack",
    "RolloutText",
    "Service",
    "Text",
    "TextField",
    "load_content",
]
