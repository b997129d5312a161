"""Operator settings, each declared once with its type, default, valid values and description.

Settings are read from a TOML file: ``--settings FILE``, or ``settings.toml`` in the platformdirs
user config folder. A file that cannot be read, or a value that is wrong, never stops the kiosk:
the bad value falls back to its default and the problem is kept in :attr:`Settings.problems`,
naming the file and the key. The operator's file is only ever read here.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import platformdirs

from kiosk.core.rollout import year_month_problem

APP_NAME = "visitor-kiosk"
SETTINGS_FILE_NAME = "settings.toml"
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
    description: str
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[Any], str | None] | None = None  # returns a problem, or None

    def validate(self, value: Any) -> str | None:
        """The problem with ``value`` for this setting, or None when it is fine."""
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
        if self.kind is str and len(value) > 200:
            return f"{len(value)} characters, more than 200"
        return self.check(value) if self.check else None


_KIND_NAMES = {str: "text in quotes", bool: "true or false", int: "a whole number", list: "a list"}


def _check_url(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc or " " in value:
        return f"{value!r} is not a web address like https://securustech.net"
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


SETTINGS: tuple[Setting, ...] = (
    Setting("facility_name", str, "", "The facility's name, shown as written (empty: not shown)."),
    Setting(
        "help_desk_location", str, "", "Where the help desk is, e.g. 'the desk by the entrance'."
    ),
    Setting(
        "securus_url",
        str,
        "https://securustech.net",
        "The Securus website shown on screen and in the QR code.",
        check=_check_url,
    ),
    Setting(
        "securus_app_name",
        str,
        "",
        "The app's name as shown (empty: 'the Securus mobile app', translated).",
    ),
    *(
        Setting(
            f"service_status.{service}",
            str,
            "coming",
            f"Status of {service} here: 'coming' (not here yet) or 'available' (now).",
            choices=("coming", "available"),
        )
        for service in SERVICES
    ),
    Setting(
        "rollout_start",
        str,
        "",
        "The month the rollout begins, with its year, like '2026-09' (empty: not known; "
        "the kiosk says what Securus says).",
        check=_check_rollout_start,
    ),
    Setting(
        "languages",
        list,
        list(ALL_LANGUAGES),
        "The languages offered, in the order the picker shows them.",
        check=_check_languages,
    ),
    Setting(
        "default_language",
        str,
        "en",
        "The language a new visitor starts in.",
        check=_check_language,
    ),
    Setting(
        "idle_timeout_s",
        int,
        90,
        "Seconds without a touch before 'Still there?' shows.",
        minimum=30,
        maximum=3600,
    ),
    Setting(
        "idle_warning_s",
        int,
        30,
        "Seconds 'Still there?' counts down before the kiosk starts over (at least 20).",
        minimum=20,
        maximum=300,
    ),
    Setting("text_size", int, 100, "Text size in percent.", choices=(100, 150, 200)),
    Setting("theme", str, "default", "Colour theme.", choices=("default", "high_contrast")),
    Setting(
        "reduce_motion",
        bool,
        False,
        "Swiped pages stop when the finger lifts (no glide or bounce).",
    ),
    Setting("printer", str, "", "Printer for the handout (empty: no Print button)."),
    Setting("paper_size", str, "letter", "Handout paper size.", choices=("letter", "a4")),
)
BY_KEY = {s.key: s for s in SETTINGS}


def default_settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE_NAME


class Settings:
    """The settings in force, with every problem met while reading them. (A plain class, not a
    dataclass: it is made before the first frame; see kiosk/core/content.py.)"""

    __slots__ = ("notes", "problems", "source", "values")

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

    def __repr__(self) -> str:
        return f"Settings(source={self.source!r}, problems={self.problems!r})"

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def service_status(self, service: str) -> str:
        return self.values[f"service_status.{service}"]

    @property
    def offered_languages(self) -> list[str]:
        return list(self.values["languages"])

    @property
    def default_language(self) -> str:
        language = self.values["default_language"]
        return language if language in self.offered_languages else self.offered_languages[0]


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
    """Read settings; never raises for a bad file, only records problems."""
    settings = Settings()
    file = path or default_settings_path()
    settings.source = file
    if not file.exists():
        if path is not None:
            settings.problems.append(f"{file}: the file does not exist; using defaults")
        return settings
    try:
        data = file.read_bytes()
        if len(data) > MAX_SETTINGS_BYTES:
            raise ValueError(f"{len(data)} bytes, more than a settings file can be")
        table = tomllib.loads(data.decode("utf-8"))
    except OSError as exc:
        settings.problems.append(f"{file}: cannot read it ({exc.strerror or exc}); using defaults")
        return settings
    except UnicodeDecodeError as exc:
        settings.problems.append(f"{file}: not UTF-8 text ({exc.reason}); using defaults")
        return settings
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        # RecursionError: tomllib recurses into nested arrays, so `a = [[[[...` would stop us.
        settings.problems.append(f"{file}: not a valid settings file ({exc}); using defaults")
        return settings
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
        settings.values[key] = value
    return settings
