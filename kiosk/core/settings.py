"""Operator settings, each declared once with its type, default, valid values and description,
and, for the staff screen, its label, one line of help, its group (:data:`GROUPS`) and the labels
of its choices (docs/reference/settings.md shows them too).

Settings are read from a TOML file: ``--settings FILE``, or ``settings.toml`` in the platformdirs
user config folder (UTF-8, with or without a byte-order mark). A file that cannot be read, or a
value that is wrong, never stops the kiosk: the bad value falls back to its default and the
problem is kept in :attr:`Settings.problems`, naming the file and the key. The operator's file is
only ever read here.

Texts shown to visitors as facts (the facility, the help desk, the app's name) hold no control or
direction characters (kiosk/core/text_rules.py) and nothing shaped like a web address or a phone
number. The website has rules of its own (:func:`website_problem`): https only, a plain ASCII host
without a user name, and that host ``securustech.net`` or one of its subdomains unless
``allow_other_website`` is set.

Keys a deployment tool sets are **managed**: they live in ``managed-settings.toml`` beside the
settings file (:data:`MANAGED_FILE_NAME`), which the kiosk installs from its incoming folder
(kiosk/core/incoming.py) and never edits otherwise. A managed key wins over the same key in the
settings file, and the admin screen shows it as "set centrally" without a control
(:attr:`Settings.managed`). Every other key stays with the local staff: the settings file is
never touched by a central update, so a local edit is never lost.
"""

from __future__ import annotations

import datetime as dt
import platform
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

from kiosk.core.fallback import Refusals
from kiosk.core.paths import APP_NAME
from kiosk.core.rollout import day_problem, parse_day, year_month_problem
from kiosk.core.text_rules import character_problem

SETTINGS_FILE_NAME = "settings.toml"
#: The deployment tool's settings, beside the settings file: the keys it holds are managed.
MANAGED_FILE_NAME = "managed-settings.toml"
MAX_SETTINGS_BYTES = 256 * 1024

#: The thirteen languages the kiosk ships, in the default order.
ALL_LANGUAGES = (
    "en", "es", "zh_Hant", "vi", "tl", "ko", "hy", "fa", "ru", "ar", "pa", "km", "hmn",
)  # fmt: skip
SERVICES = ("phone", "video", "messaging")


# A NamedTuple, not a dataclass: they are made before the first frame (see kiosk/core/content.py).
class Setting(NamedTuple):
    key: str  # dotted for nested tables: service_status.phone
    kind: type
    default: Any
    description: str  # for the settings file: what the key means and the values it takes
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[Any], str | None] | None = None  # returns a problem, or None
    max_length: int | None = None  # for text: at most this many characters (else 200)
    #: A calendar day: written as a TOML date (2027-01-15) or as text ("2027-01-15"), and kept
    #: as text, so that every editor of the settings handles it as the other texts.
    day: bool = False
    # For the staff screen (kiosk/ui/admin/), in staff's words:
    label: str = ""  # what the setting is called on screen
    help: str = ""  # one line: where visitors see it, or what it does
    group: str = ""  # the key of its group in GROUPS
    choice_labels: tuple[str, ...] = ()  # one per choice (False, True for a bool)

    def choices_shown(self) -> tuple[tuple[Any, str], ...]:
        """The values a staff member picks from, each with its label on screen."""
        values = self.choices or ((False, True) if self.kind is bool else ())
        labels = self.choice_labels or tuple(str(v) for v in values)
        return tuple(zip(values, labels, strict=True))

    def read(self, value: Any) -> Any:
        """``value`` as the settings keep it: a day setting's TOML date as "YYYY-MM-DD"."""
        if self.day and type(value) is dt.date:
            return value.isoformat()
        return value

    def validate(self, value: Any) -> str | None:
        """The problem with ``value`` for this setting, or None when it is fine."""
        value = self.read(value)
        if self.day and isinstance(value, dt.datetime):
            return f"{value.isoformat()} has a time of day: give the day alone, like 2027-01-15"
        if self.kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            return f"expected a whole number, found {value!r}"
        if self.kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return f"expected a list of texts, found {value!r}"
        elif not isinstance(value, self.kind):
            return f"expected {_KIND_NAMES[self.kind]}, found {value!r}"
        if self.choices and self.kind is not list and value not in self.choices:
            return f"{value!r} is not one of {', '.join(map(repr, self.choices))}"
        if self.minimum is not None and value < self.minimum:
            return f"{value} is below the minimum {self.minimum}"
        if self.maximum is not None and value > self.maximum:
            return f"{value} is above the maximum {self.maximum}"
        if self.kind is str:
            longest = self.max_length or MAX_TEXT_SETTING
            if len(value) > longest:
                return f"{len(value)} characters, more than {longest}"
            problem = character_problem(value)
            if problem:
                return problem
        return self.check(value) if self.check else None


_KIND_NAMES = {str: "text in quotes", bool: "true or false", int: "a whole number", list: "a list"}


MAX_TEXT_SETTING = 200
#: The website's host, or a subdomain of it, needs no allow_other_website.
SECURUS_HOST = "securustech.net"
_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_AFTER_HOST = re.compile(r"[/?#]")
_PATH_CHARACTERS = re.compile(r"[!#-\[\]-~]*")  # printable ASCII without space, " and \\


def website_problem(value: str) -> str | None:
    """What makes ``value`` unfit to be the website on screen and in the QR code, whatever its
    host (:func:`other_website_host` says whether the host needs allow_other_website)."""
    if not value.lower().startswith(("https://", "http://")) or len(value) <= len("https://"):
        return f"{value!r} is not a web address like https://{SECURUS_HOST}"
    scheme, _, rest = value.partition("://")
    if scheme != "https":
        return f"{value!r}: a web address here starts with https:// (a secure address)"
    for i, char in enumerate(value, 1):
        if char.isspace() or not char.isprintable():
            return f"{value!r}: character {i} is a space or an invisible character: remove it"
    netloc = _AFTER_HOST.split(rest, maxsplit=1)[0]
    path = rest[len(netloc) :]
    if "@" in netloc:
        return (
            f"{value!r}: the part before '@' is a user name, and a phone would open "
            f"{netloc.rsplit('@', 1)[1] or 'another site'}: leave it out"
        )
    if not netloc.isascii() or not value.isascii():
        return (
            f"{value!r}: only plain ASCII letters may stand in a web address here (a letter "
            "from another alphabet can imitate a real address); write others %-encoded"
        )
    host, _, port = netloc.lower().partition(":")
    labels = host.split(".")
    if (
        len(labels) < 2
        or not all(_HOST_LABEL.fullmatch(label) for label in labels)
        or not labels[-1].isalpha()
        or (port and not (port.isdigit() and 0 < int(port) < 65536))
    ):
        return f"{value!r}: {netloc!r} is not a host name like {SECURUS_HOST}"
    if any(label.startswith("xn--") for label in labels):
        return (
            f"{value!r}: {host} is an internationalised (xn--) name, which can imitate another "
            "address; only plain ASCII host names are allowed"
        )
    if not _PATH_CHARACTERS.fullmatch(path):
        return f"{value!r}: the part after the host holds a character a web address may not"
    return None


def website_host(value: str) -> str:
    """The host of a web address that :func:`website_problem` accepts, in lower case."""
    netloc = _AFTER_HOST.split(value.partition("://")[2], maxsplit=1)[0]
    return netloc.lower().partition(":")[0]


def is_securus_host(host: str) -> bool:
    return host == SECURUS_HOST or host.endswith("." + SECURUS_HOST)


def other_website_problem(values: Mapping[str, Any]) -> str | None:
    """The website's host is not Securus's and allow_other_website is not set: the problem."""
    url = values["securus_url"]
    if website_problem(url) is not None or is_securus_host(host := website_host(url)):
        return None
    if values["allow_other_website"]:
        return None
    return (
        f"{url!r}: the host {host} is not {SECURUS_HOST} or one of its subdomains. If this "
        "really is the address families must use, also set allow_other_website = true"
    )


_WEB_ADDRESS = re.compile(r"(?i)://|\bwww\.|@|[a-z0-9-]\.[a-z]{2,}\b")
_PHONE = re.compile(r"\+?\(?\d[\d\s().\-/]{5,}\d")


def _check_shown_as_fact(value: str) -> str | None:
    """A text shown to visitors as a fact: not a web address, not a phone number."""
    if _WEB_ADDRESS.search(value):
        return (
            f"{value!r} looks like a web address or an e-mail address: visitors read this text "
            "as a fact, so it may not send them anywhere (the website is securus_url)"
        )
    match = _PHONE.search(value)
    if match and sum(char.isdigit() for char in match.group()) >= 7:
        return (
            f"{value!r} looks like a phone number: visitors read this text as a fact, so it "
            "may not hold a number to call"
        )
    return None


def _check_languages(value: list[str]) -> str | None:
    unknown = [v for v in value if v not in ALL_LANGUAGES]
    if unknown:
        return f"unknown language codes {unknown}; known: {', '.join(ALL_LANGUAGES)}"
    if not value:
        return "no language offered"
    if len(set(value)) != len(value):
        return "a language is listed twice"
    return None


def _check_language(value: str) -> str | None:
    return None if value in ALL_LANGUAGES else f"unknown language code {value!r}"


def _check_rollout_start(value: str) -> str | None:
    return year_month_problem(value) if value else None


def _check_day(value: str) -> str | None:
    return day_problem(value) if value else None


_KIOSK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _check_kiosk_id(value: str) -> str | None:
    if value and not _KIOSK_ID.fullmatch(value):
        return (
            f"{value!r}: a kiosk id is letters, digits, '.', '_' and '-', starting with a "
            "letter or digit (like a host name)"
        )
    return None


class SettingsGroup(NamedTuple):
    """A group of the staff screen, in the order staff need them."""

    key: str
    title: str
    about: str  # one line: what the group holds


GROUPS: tuple[SettingsGroup, ...] = (
    SettingsGroup(
        "facility",
        "This facility",
        "What visitors read about this facility: which services have started here, its name, "
        "and where the help desk is.",
    ),
    SettingsGroup(
        "languages",
        "Languages",
        "The languages the picker offers, their order, and the language a visitor starts in.",
    ),
    SettingsGroup(
        "visitor_defaults",
        "Visitor defaults",
        "How the kiosk looks when a visitor starts. Each visitor can change these for their "
        "own visit.",
    ),
    SettingsGroup(
        "timing",
        "Timing",
        "When the kiosk asks 'Still there?' and starts over for the next visitor.",
    ),
    SettingsGroup(
        "printing", "Printing", "The printer for the handout visitors print on the last page."
    ),
    SettingsGroup(
        "content",
        "Content",
        "What the kiosk says about Securus: the website, the app, the rollout's month; and "
        "content updates from a USB stick.",
    ),
    SettingsGroup(
        "status",
        "Status and problems",
        "The kiosk's health, the staff PIN, problems to fix, visitor counts and staff events.",
    ),
)
_SERVICE_LABELS = {"phone": "Phone calls", "video": "Video calls", "messaging": "Messaging"}

SETTINGS: tuple[Setting, ...] = (
    # -- This facility: the three services first, the task staff do most often.
    *(
        Setting(
            f"service_status.{service}",
            str,
            "coming",
            f"Status of {service} here: 'coming' (not here yet) or 'available' (now).",
            choices=("coming", "available"),
            label=_SERVICE_LABELS[service],
            help="Tap 'Available now' once it has started at this facility.",
            group="facility",
            choice_labels=("Coming in September", "Available now"),
        )
        for service in SERVICES
    ),
    Setting(
        "facility_name",
        str,
        "",
        "The facility's name, shown as written (empty: not shown); no web address or phone number.",
        check=_check_shown_as_fact,
        max_length=80,
        label="Facility name",
        help="Shown on the welcome and 'who to ask' pages, as you write it. Empty: not shown.",
        group="facility",
    ),
    Setting(
        "help_desk_location",
        str,
        "",
        "Where the help desk is, e.g. 'the desk by the entrance'; no web address or phone number.",
        check=_check_shown_as_fact,
        max_length=80,
        label="Where the help desk is",
        help="Shown on Step 3, like 'the desk by the entrance'. Empty: not shown.",
        group="facility",
    ),
    *(
        Setting(
            f"service_start.{service}",
            str,
            "",
            f"The day the {service} service starts at this facility, like 2027-01-15 (empty: "
            f"not known). While service_status.{service} is 'coming' and the day is ahead, "
            "visitors read 'Starts on' that day, in their language.",
            check=_check_day,
            day=True,
            label=f"{_SERVICE_LABELS[service]}: start date",
            help="The day it starts here, like 2027-01-15. Visitors read it in their language. "
            "Empty until you know.",
            group="facility",
        )
        for service in SERVICES
    ),
    # -- Languages
    Setting(
        "languages",
        list,
        list(ALL_LANGUAGES),
        "The languages offered, in the order the picker shows them.",
        check=_check_languages,
        label="Languages offered",
        help="Tap a language to offer it or not; \u2191 and \u2193 move it in the picker's order.",
        group="languages",
    ),
    Setting(
        "default_language",
        str,
        "en",
        "The language a new visitor starts in.",
        check=_check_language,
        label="First language",
        help="The language each new visitor starts in, before they pick one.",
        group="languages",
    ),
    # -- Visitor defaults
    Setting(
        "text_size",
        int,
        100,
        "Text size in percent.",
        choices=(100, 150, 200),
        label="Text size",
        help="The size each visitor starts with; they can make it larger.",
        group="visitor_defaults",
        choice_labels=("Normal (100 %)", "Large (150 %)", "Largest (200 %)"),
    ),
    Setting(
        "theme",
        str,
        "default",
        "Colour theme.",
        choices=("default", "high_contrast"),
        label="Colours",
        help="The colours each visitor starts with; they can switch to high contrast.",
        group="visitor_defaults",
        choice_labels=("Standard", "High contrast"),
    ),
    Setting(
        "reduce_motion",
        bool,
        False,
        "Swiped pages stop when the finger lifts (no glide or bounce).",
        label="Reduce motion",
        help="On: a swiped page stops when the finger lifts, with no glide or bounce.",
        group="visitor_defaults",
        choice_labels=("Off", "On"),
    ),
    # -- Timing
    Setting(
        "idle_timeout_s",
        int,
        90,
        "Seconds without a touch before 'Still there?' shows.",
        minimum=30,
        maximum=3600,
        label="Wait before 'Still there?'",
        help="Seconds without a touch before the kiosk asks 'Still there?'.",
        group="timing",
    ),
    Setting(
        "idle_warning_s",
        int,
        30,
        "Seconds 'Still there?' counts down before the kiosk starts over (at least 20).",
        minimum=20,
        maximum=300,
        label="'Still there?' countdown",
        help="Seconds it counts down before the kiosk starts over for the next visitor.",
        group="timing",
    ),
    # -- Printing
    Setting(
        "printer",
        str,
        "",
        "Printer for the handout (empty: no Print button).",
        label="Printer",
        help="The printer's name as this PC knows it. Empty: no Print button.",
        group="printing",
    ),
    Setting(
        "paper_size",
        str,
        "letter",
        "Handout paper size.",
        choices=("letter", "a4"),
        label="Paper size",
        help="The paper in the printer.",
        group="printing",
        choice_labels=("Letter", "A4"),
    ),
    # -- Content
    Setting(
        "securus_url",
        str,
        f"https://{SECURUS_HOST}",
        "The Securus website shown on screen and in the QR code: https, on securustech.net "
        "or a subdomain of it (another host needs allow_other_website).",
        check=website_problem,
        max_length=100,
        label="Securus website",
        help="Shown on Step 3 and in its QR code. It starts with https://.",
        group="content",
    ),
    Setting(
        "allow_other_website",
        bool,
        False,
        "Allow a securus_url on a host other than securustech.net (kiosk check warns, and the "
        "admin screen asks to confirm).",
        label="Allow a website not on securustech.net",
        help="Only if families must use another address; you confirm it when you save.",
        group="content",
        choice_labels=("No", "Yes"),
    ),
    Setting(
        "securus_app_name",
        str,
        "",
        "The app's name as shown (empty: 'the Securus mobile app', translated).",
        check=_check_shown_as_fact,
        max_length=40,
        label="App name",
        help="The app's name as visitors read it. Empty: 'the Securus mobile app', translated.",
        group="content",
    ),
    Setting(
        "rollout_start",
        str,
        "",
        "The month the rollout begins, with its year, like '2026-09' (empty: not known; "
        "the kiosk says what Securus says).",
        check=_check_rollout_start,
        label="Rollout month",
        help="The month the rollout begins, with its year, like 2026-09. Empty until you know.",
        group="content",
    ),
    Setting(
        "kiosk_id",
        str,
        "",
        "This kiosk's name in usage counts and health reports from many kiosks (empty: the "
        "PC's host name); letters, digits, '.', '_' and '-'.",
        check=_check_kiosk_id,
        max_length=63,
        label="Kiosk name",
        help="This kiosk's name in usage counts and health reports. Empty: the PC's name.",
        group="status",
    ),
)
BY_KEY = {s.key: s for s in SETTINGS}


def default_settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE_NAME


def managed_settings_path(settings_path: Path | None = None) -> Path:
    """The deployment tool's file beside the settings file (``settings_path``, or the default)."""
    return (settings_path or default_settings_path()).with_name(MANAGED_FILE_NAME)


def host_name() -> str:
    """The PC's host name, as a kiosk id ("kiosk" if the system gives none)."""
    name = platform.node().split(".")[0]
    return name if _KIOSK_ID.fullmatch(name or "-") and len(name) <= 63 else "kiosk"


class Settings:
    """The settings in force, with every problem met while reading them. (A plain class, not a
    dataclass: it is made before the first frame; see kiosk/core/content.py.)"""

    __slots__ = ("managed", "managed_source", "notes", "problems", "source", "values")

    def __init__(
        self,
        values: dict[str, Any] | None = None,
        source: Path | None = None,
        problems: list[str] | None = None,
        notes: list[str] | None = None,
    ) -> None:
        self.values = values if values is not None else {s.key: s.default for s in SETTINGS}
        self.source = source
        self.problems = problems if problems is not None else []
        self.notes = notes if notes is not None else []
        #: the keys set centrally (in the managed file): the admin screen does not edit them
        self.managed: frozenset[str] = frozenset()
        #: the managed file, when there is one
        self.managed_source: Path | None = None

    def __repr__(self) -> str:
        return f"Settings(source={self.source!r}, problems={self.problems!r})"

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def service_status(self, service: str) -> str:
        return self.values[f"service_status.{service}"]

    def service_start(self, service: str) -> dt.date | None:
        """The day ``service`` starts at this facility, when staff set it (operator data)."""
        value = self.values[f"service_start.{service}"]
        return parse_day(value) if value and day_problem(value) is None else None

    @property
    def offered_languages(self) -> list[str]:
        return list(self.values["languages"])

    @property
    def default_language(self) -> str:
        language = self.values["default_language"]
        return language if language in self.offered_languages else self.offered_languages[0]

    @property
    def kiosk_id(self) -> str:
        """The ``kiosk_id`` setting, or the PC's host name when it is empty."""
        return self.values["kiosk_id"] or host_name()


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and f"{dotted}." in {s.key[: len(dotted) + 1] for s in SETTINGS}:
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def load_settings(path: Path | None = None) -> Settings:
    """Read settings, then the managed file beside them (its keys win); never raises for a bad
    file, only records problems."""
    settings = Settings()
    file = path or default_settings_path()
    settings.source = file
    if not file.exists():
        if path is not None:
            settings.problems.append(f"{file}: the file does not exist; using defaults")
    else:
        table = _read_table(file, settings, "using defaults")
        if table is not None:
            refused = Refusals().reason_for(file)
            if refused:
                settings.problems.append(
                    f"{file}: not used: {refused}; using defaults until the file is changed"
                )
            else:
                apply_table(settings, table, file, website_rule=False)
    managed = managed_settings_path(file)
    if managed.exists():
        settings.managed_source = managed
        table = _read_table(managed, settings, "the settings file's values are used instead")
        refused = Refusals().reason_for(managed) if table is not None else None
        if refused:
            settings.problems.append(
                f"{managed}: not used: {refused}; the settings file's values are used until "
                "a corrected file is installed"
            )
        elif table is not None:
            settings.managed = frozenset(k for k in _flatten(table) if k in BY_KEY)
            apply_table(settings, table, managed, website_rule=False)
    website_from = managed if "securus_url" in settings.managed else file
    check_website(settings, website_from)
    return settings


def read_settings_table(file: Path) -> dict[str, Any]:
    """A settings file's table. ValueError naming the problem (not UTF-8, not TOML, too big);
    OSError when it cannot be read."""
    data = file.read_bytes()
    if len(data) > MAX_SETTINGS_BYTES:
        raise ValueError(f"{len(data)} bytes, more than a settings file can be")
    try:
        return tomllib.loads(data.decode("utf-8-sig"))  # with or without a byte-order mark
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason})") from exc
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        # RecursionError: tomllib recurses into nested arrays, so `a = [[[[...` would stop us.
        raise ValueError(f"not a valid settings file ({exc})") from exc


def _read_table(file: Path, settings: Settings, instead: str) -> dict[str, Any] | None:
    try:
        return read_settings_table(file)
    except OSError as exc:
        settings.problems.append(f"{file}: cannot read it ({exc.strerror or exc}); {instead}")
    except ValueError as exc:
        settings.problems.append(f"{file}: {exc}; {instead}")
    return None


def flatten(table: dict[str, Any]) -> dict[str, Any]:
    """A settings file's table with dotted keys (``service_status.phone``)."""
    return _flatten(table)


def apply_table(
    settings: Settings, table: dict[str, Any], file: Path | str, *, website_rule: bool = True
) -> None:
    """Take the valid values of a settings file's table into ``settings``; note the rest."""
    for key, value in _flatten(table).items():
        setting = BY_KEY.get(key)
        if setting is None:
            settings.notes.append(f"{file}: {key}: unknown setting, ignored")
            continue
        problem = setting.validate(value)
        if problem:
            settings.problems.append(
                f"{file}: {key}: {problem}; using the default {setting.default!r}"
            )
            continue
        settings.values[key] = setting.read(value)
    if website_rule:
        check_website(settings, file)


def check_website(settings: Settings, file: Path | str) -> None:
    """A website on another host without allow_other_website: back to the default, noted."""
    problem = other_website_problem(settings.values)
    if problem:
        default = BY_KEY["securus_url"].default
        settings.problems.append(f"{file}: securus_url: {problem}; using the default {default!r}")
        settings.values["securus_url"] = default
