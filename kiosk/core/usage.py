"""Usage counts per day: which languages visitors need and how far they get. Nothing personal.

What is stored, per calendar day and nothing finer: how many sessions started, finished (reached
the end) and were ended by the idle timer; how many sessions chose each language; and for how
many sessions each page was the furthest one reached. No times of day, no services chosen, no
answers, nothing that tells one visitor from another.

The counts live in ``usage.json`` in the platformdirs data folder and are written through
:func:`kiosk.core.storage.write_atomically` when the kiosk calls :meth:`UsageCounts.flush`
(at the end of each session). A store that cannot be read is never overwritten: a corrupt one
is set aside as ``usage.json.corrupt-YYYYMMDD`` and counting starts fresh; a failing write is
recorded in :attr:`UsageCounts.problem` and counting goes on in memory. Nothing here raises
into the UI.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import platformdirs

from kiosk.core.session import PAGES
from kiosk.core.settings import ALL_LANGUAGES, APP_NAME
from kiosk.core.storage import StorageError, reason_for, set_aside, write_atomically

log = logging.getLogger(__name__)

FORMAT = 1
USAGE_FILE_NAME = "usage.json"
MAX_USAGE_BYTES = 16 * 1024 * 1024  # decades of days; anything bigger is not ours
_COUNTERS = ("sessions_started", "finished", "ended_by_idle")


def default_usage_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / USAGE_FILE_NAME


# A NamedTuple, not a dataclass: it is made before the first frame (see kiosk/core/content.py).
class DayCounts(NamedTuple):
    """One day's counts (read-only)."""

    day: dt.date
    sessions_started: int = 0
    finished: int = 0
    ended_by_idle: int = 0
    #: sessions that chose each language (a session switching twice counts once per language)
    languages: Mapping[str, int] = MappingProxyType({})
    #: for each page id, the sessions whose furthest page it was
    furthest_page: Mapping[str, int] = MappingProxyType({})


class _Day:
    """One day's counts while counting (mutable, JSON-shaped)."""

    def __init__(self) -> None:
        self.counters = dict.fromkeys(_COUNTERS, 0)
        self.languages: dict[str, int] = {}
        self.furthest_page: dict[str, int] = {}

    def add(self, table: dict[str, int], key: str, amount: int = 1) -> None:
        table[key] = table.get(key, 0) + amount
        if table[key] == 0:
            del table[key]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.counters,
            "languages": dict(sorted(self.languages.items())),
            "furthest_page": {p: self.furthest_page[p] for p in PAGES if p in self.furthest_page},
        }

    @classmethod
    def from_json(cls, raw: object) -> _Day:
        if not isinstance(raw, dict):
            raise ValueError("a day is not a table")
        day = cls()
        for name in _COUNTERS:
            day.counters[name] = _count(raw.get(name, 0), name)
        for name, known, table in (
            ("languages", ALL_LANGUAGES, day.languages),
            ("furthest_page", PAGES, day.furthest_page),
        ):
            values = raw.get(name, {})
            if not isinstance(values, dict):
                raise ValueError(f"{name} is not a table")
            for key, value in values.items():
                if key not in known:
                    raise ValueError(f"{name}: unknown key {key!r}")
                table[key] = _count(value, f"{name}.{key}")
        unknown = set(raw) - {*_COUNTERS, "languages", "furthest_page"}
        if unknown:
            raise ValueError(f"unknown fields {sorted(unknown)}")
        return day

    def frozen(self, day: dt.date) -> DayCounts:
        return DayCounts(
            day,
            **self.counters,
            languages=MappingProxyType(dict(self.languages)),
            furthest_page=MappingProxyType(
                {p: self.furthest_page[p] for p in PAGES if p in self.furthest_page}
            ),
        )


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name}: {value!r} is not a count")
    return value


class UsageCounts:
    """Counts visitor sessions per day. Call the event methods as the visitor moves on.

    A session runs from :meth:`session_started` to the next :meth:`session_started` or
    :meth:`ended_by_idle`; events outside a session are ignored. All of a session's counts go
    to the day it started. ``read_only`` (for ``kiosk stats`` and ``kiosk check``) never
    changes a file, not even to set a corrupt one aside.
    """

    def __init__(
        self,
        path: Path | None = None,
        clock: Callable[[], dt.date] = dt.date.today,
        *,
        read_only: bool = False,
    ) -> None:
        self.path = path or default_usage_path()
        self.clock = clock
        self.read_only = read_only
        self._days: dict[dt.date, _Day] = {}
        self._load_problem: str | None = None
        self._save_problem: str | None = None
        self._can_save = not read_only
        self._dirty = False
        # the current session (kept only in memory, only until the next one starts)
        self._session_day: dt.date | None = None
        self._furthest: str | None = None
        self._languages: set[str] = set()
        self._finished = False
        self._load()

    # -- what the operator reads ----------------------------------------------------------------
    @property
    def problem(self) -> str | None:
        """What is wrong with the store, in words for the admin screen; None when all is well."""
        problems = [p for p in (self._load_problem, self._save_problem) if p]
        return "; ".join(problems) or None

    def days(self) -> list[DayCounts]:
        """Every counted day, oldest first."""
        return [self._days[d].frozen(d) for d in sorted(self._days)]

    def total(self) -> DayCounts:
        """All days added up (``day`` is the last counted day, or today when there is none)."""
        days = self.days()
        languages: dict[str, int] = {}
        pages: dict[str, int] = {}
        for d in days:
            for code, n in d.languages.items():
                languages[code] = languages.get(code, 0) + n
            for page, n in d.furthest_page.items():
                pages[page] = pages.get(page, 0) + n
        return DayCounts(
            days[-1].day if days else self.clock(),
            sessions_started=sum(d.sessions_started for d in days),
            finished=sum(d.finished for d in days),
            ended_by_idle=sum(d.ended_by_idle for d in days),
            languages=MappingProxyType({c: languages[c] for c in ALL_LANGUAGES if c in languages}),
            furthest_page=MappingProxyType({p: pages[p] for p in PAGES if p in pages}),
        )

    # -- events from the kiosk ------------------------------------------------------------------
    def session_started(self) -> None:
        self._session_day = self.clock()
        self._furthest = PAGES[0]
        self._languages = set()
        self._finished = False
        day = self._day()
        day.counters["sessions_started"] += 1
        day.add(day.furthest_page, PAGES[0])
        self._dirty = True

    def language_chosen(self, code: str) -> None:
        if self._session_day is None or code not in ALL_LANGUAGES or code in self._languages:
            return
        self._languages.add(code)
        day = self._day()
        day.add(day.languages, code)
        self._dirty = True

    def page_reached(self, page_id: str) -> None:
        """Move this session's furthest page on, if ``page_id`` is further than before."""
        if self._session_day is None or self._furthest is None or page_id not in PAGES:
            return
        if PAGES.index(page_id) <= PAGES.index(self._furthest):
            return
        day = self._day()
        day.add(day.furthest_page, self._furthest, -1)
        day.add(day.furthest_page, page_id)
        self._furthest = page_id
        self._dirty = True

    def finished(self) -> None:
        """The visitor reached the end (counted once per session)."""
        if self._session_day is None or self._finished:
            return
        self._finished = True
        self._day().counters["finished"] += 1
        self._dirty = True

    def ended_by_idle(self) -> None:
        """The idle timer ended the session; it is over."""
        if self._session_day is None:
            return
        self._day().counters["ended_by_idle"] += 1
        self._session_day = None
        self._dirty = True

    def flush(self) -> None:
        """Write the counts to disk. Never raises: a failure is kept in :attr:`problem`."""
        if not self._dirty or not self._can_save:
            return
        data = {
            "format": FORMAT,
            "note": "Visitor sessions per day. No personal data, nothing finer than the day.",
            "days": {d.isoformat(): self._days[d].to_json() for d in sorted(self._days)},
        }
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        try:
            write_atomically(self.path, text.encode("utf-8"))
        except StorageError as exc:
            self._save_problem = f"usage counts not saved ({exc}); still counting in memory"
            log.warning("usage counts not saved: %s", exc)
            return
        self._save_problem = None
        self._dirty = False

    # -- internals ------------------------------------------------------------------------------
    def _day(self) -> _Day:
        assert self._session_day is not None
        return self._days.setdefault(self._session_day, _Day())

    def _load(self) -> None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            # Unreadable is not corrupt: it may be fine once the disk recovers. Never overwrite.
            self._can_save = False
            self._load_problem = (
                f"{self.path}: cannot read the usage counts ({reason_for(exc)}); "
                "counting in memory only until the kiosk restarts"
            )
            log.warning("%s", self._load_problem)
            return
        try:
            self._days = _parse(data)
        except ValueError as exc:
            self._days = {}
            self._set_corrupt_aside(str(exc))

    def _set_corrupt_aside(self, why: str) -> None:
        problem = f"{self.path}: the usage counts are damaged ({why})"
        if self.read_only:
            self._load_problem = problem
            self._can_save = False
            return
        try:
            kept = set_aside(self.path, f"corrupt-{self.clock():%Y%m%d}")
        except StorageError as exc:
            self._can_save = False  # the damaged file stays; it is the operator's to look at
            self._load_problem = (
                f"{problem}; could not set it aside ({exc.reason}), so counting in memory only"
            )
        else:
            self._load_problem = f"{problem}; kept as {kept.name}, counting started afresh"
        log.warning("%s", self._load_problem)


def _parse(data: bytes) -> dict[dt.date, _Day]:
    if len(data) > MAX_USAGE_BYTES:
        raise ValueError(f"{len(data)} bytes, far more than usage counts take")
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text: {exc.reason}") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    except RecursionError as exc:
        raise ValueError("nested too deeply to be usage counts") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValueError(f"not a usage file of format {FORMAT}")
    days = raw.get("days")
    if not isinstance(days, dict):
        raise ValueError("no table of days")
    parsed: dict[dt.date, _Day] = {}
    for key, value in days.items():
        try:
            day = dt.date.fromisoformat(key)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{key!r} is not a day like 2026-11-26") from exc
        try:
            parsed[day] = _Day.from_json(value)
        except ValueError as exc:
            raise ValueError(f"{key}: {exc}") from exc
    return parsed
