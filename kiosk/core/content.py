"""The content pack: every visitor-facing text with the id of the fact it rests on.

The pack is TOML (``resources/content/pack.toml``). It is loaded into immutable records
(``typing.NamedTuple``) and validated on the way: a missing or unknown field, a wrong type, an
unknown id, an unknown placeholder or an over-long text raises :class:`ContentError` naming the
file and the field.
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
import typing
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeGuard

from kiosk.core.paths import resource
from kiosk.core.rollout import YEAR_PLACEHOLDERS, Phase, year_month_problem

#: Ids a text may carry (see docs/facts.md).
TEXT_IDS = frozenset(
    [f"F{n}" for n in range(1, 10)]
    + ["S1", "S2", "S3", "U1", "U2", "U3", "A1", "UI", "K", "O1", "O2"]
)
#: Placeholders the kiosk fills in at run time.
PLACEHOLDERS = frozenset(
    ["facility", "help_desk", "website", "app", "month", "number", "total", "seconds", "date"]
) | {
    # The rollout's month in CLDR's two contexts, and with its year (kiosk/core/rollout.py).
    "month_in_text",
    "month_year",
    "month_year_in_text",
}
MAX_TEXT_LENGTH = 400


# The records are NamedTuples, not frozen dataclasses: all of them are made before the kiosk's
# first frame, where dataclasses (their module, and each class's generated methods) slowed the
# start by more than the 5 ms a speed idiom must save to stay (docs/performance.md). The same
# holds for the other records made before the first frame, which say so.


class ContentError(ValueError):
    """A content pack that cannot be used; the message names the file and the field."""

    def __init__(self, file: Path | str, field: str, problem: str) -> None:
        self.file, self.field, self.problem = str(file), field, problem
        super().__init__(f"{file}: {field}: {problem}")


class Text(NamedTuple):
    """One English text (the msgid of its translations) and the id it rests on."""

    id: str
    text: str
    plural: str | None = None  # a plural form, for texts with a count (ngettext)

    def placeholders(self) -> set[str]:
        return _placeholders(self.text) | (_placeholders(self.plural) if self.plural else set())


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


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
    note: Text


class Service(NamedTuple):
    key: str
    icon: str
    needs_account: bool
    name: Text
    answer: Text


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
        found: list[tuple[str, Text]] = []
        _collect(self, "", found)
        return found


def _collect(obj: object, path: str, found: list[tuple[str, Text]]) -> None:
    if isinstance(obj, Text):
        found.append((path, obj))
    elif _is_record(obj):
        for name in obj._fields:
            _collect(getattr(obj, name), _join(path, _toml_name(name)), found)
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            _collect(item, f"{path}[{i}]", found)


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
            texts[name] = self.text(value[name], _join(path, name), year_known=name != "undated")
        return RolloutText(**texts)

    def text(self, value: object, path: str, *, year_known: bool = False) -> Text:
        text = self.build(Text, value, path)
        assert isinstance(text, Text)
        if text.id not in TEXT_IDS:
            self.fail(f"{path}.id", f"unknown id {text.id!r} (see docs/facts.md: {_ids_hint()})")
        if text.plural is not None and "{" not in text.plural:
            self.fail(f"{path}.plural", "a plural form needs the count, e.g. {seconds}")
        if len(text.text) > MAX_TEXT_LENGTH:
            self.fail(
                f"{path}.text",
                f"{len(text.text)} characters, more than {MAX_TEXT_LENGTH}: split it",
            )
        try:
            names = text.placeholders()
        except ValueError as exc:
            self.fail(f"{path}.text", f"broken braces: {exc}")
        for name in names:
            if name not in PLACEHOLDERS:
                allowed = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
                self.fail(f"{path}.text", f"unknown placeholder {{{name}}} (allowed: {allowed})")
            if name in YEAR_PLACEHOLDERS and not year_known:
                self.fail(
                    f"{path}.text",
                    f"{{{name}}} needs the rollout's year: use it only in the 'before' and "
                    "'started' texts of a rollout table, and {month} elsewhere",
                )
        return text


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
        if not resource(f"icons/{service.icon}").is_file():
            loader.fail(f"services[{i}].icon", f"no icon file resources/icons/{service.icon}")
    if len(pack.setup.steps) != 3:
        loader.fail("setup.steps", f"expected three steps, found {len(pack.setup.steps)}")


def load_content(file: Path | None = None) -> ContentPack:
    """Load and validate a content pack (the bundled one by default)."""
    path = file or resource("content/pack.toml")
    loader = _Loader(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        loader.fail("(file)", f"cannot read it: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        loader.fail("(file)", f"not UTF-8 text: {exc.reason} at byte {exc.start}")
    except tomllib.TOMLDecodeError as exc:
        loader.fail("(file)", f"not valid TOML: {exc}")
    pack = loader.build(ContentPack, raw, "")
    assert isinstance(pack, ContentPack)
    _check_pack(pack, loader)
    return pack


__all__ = ["ContentError", "ContentPack", "RolloutText", "Service", "Text", "load_content"]
