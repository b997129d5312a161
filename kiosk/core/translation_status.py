"""Each language's review status, worked out from its catalog and its recorded sign-off.

Plain Python. A language is "reviewed by a fluent speaker on DATE" only while its catalog's
digest is the one its sign-off recorded (kiosk/core/signoff.py); once a text changes it is
"changed since review on DATE (N texts changed)"; with no sign-off it is "machine-translated,
awaiting human review". `kiosk check` and the admin screen show it.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from kiosk.core.content import SOURCE_LANGUAGE
from kiosk.core.i18n import LANGUAGES, catalog_path
from kiosk.core.paths import translations_dir
from kiosk.core.signoff import (
    SignoffError,
    catalog_entries,
    changed_count,
    changed_entries,
    digest,
    read_reviewed_texts,
    read_signoff,
)

UNKNOWN = "unknown (no catalog for this language)"
SOURCE = "source language"
AWAITING = "machine-translated, awaiting human review"


def reviewed(date: str) -> str:
    return f"reviewed by a fluent speaker on {date}"


def changed(date: str, count: int | None) -> str:
    if count is None:
        return f"changed since review on {date} (number of texts changed unknown)"
    return f"changed since review on {date} ({count} text{'' if count == 1 else 's'} changed)"


def review_file(code: str, root: Path | None = None) -> Path:
    """Where a language's review notes and sign-off are: translations/review/<code>.md."""
    return (root or translations_dir()) / "review" / f"{code}.md"


def companion_file(code: str, root: Path | None = None) -> Path:
    """The reviewed texts' hashes: translations/review/<code>.signoff.json."""
    return (root or translations_dir()) / "review" / f"{code}.signoff.json"


class LanguageReview(NamedTuple):
    status: str
    problems: tuple[str, ...] = ()  # a sign-off that cannot be read: for `kiosk check`


def language_review(code: str, root: Path | None = None) -> LanguageReview:
    """One language's status, and what is wrong with its sign-off files, if anything."""
    if code == SOURCE_LANGUAGE:
        return LanguageReview(SOURCE)
    files = [catalog_path(code, root), review_file(code, root), companion_file(code, root)]
    key = (code, tuple(_stamp(f) for f in files))
    if key not in _cache:
        if len(_cache) > 64:  # files that keep changing (a translator at work)
            _cache.clear()
        _cache[key] = _work_out(code, root)
    return _cache[key]


_cache: dict[tuple[str, tuple[object, ...]], LanguageReview] = {}


def _stamp(path: Path) -> object:
    """What tells whether a file changed (the status is worked out again when one did)."""
    try:
        info = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), info.st_mtime_ns, info.st_size)


def _work_out(code: str, root: Path | None) -> LanguageReview:
    try:
        entries = catalog_entries(catalog_path(code, root))
    except FileNotFoundError:
        return LanguageReview(UNKNOWN)
    except (OSError, SignoffError) as exc:
        return LanguageReview(AWAITING, (f"{code}: the catalog cannot be read ({exc})",))
    try:
        signoff = read_signoff(review_file(code, root))
    except SignoffError as exc:
        return LanguageReview(AWAITING, (f"{code}: sign-off not used: {exc}",))
    if signoff is None:
        return LanguageReview(AWAITING)
    date = signoff.date.isoformat()
    if digest(entries) == signoff.digest:
        return LanguageReview(reviewed(date))
    companion = companion_file(code, root)
    try:
        texts = read_reviewed_texts(companion)
    except SignoffError as exc:
        return LanguageReview(changed(date, None), (f"{code}: {exc}",))
    if texts is None or texts.digest != signoff.digest:
        why = "is missing" if texts is None else "is for another sign-off"
        return LanguageReview(
            changed(date, None), (f"{code}: {companion} {why}: cannot count the texts changed",)
        )
    return LanguageReview(changed(date, changed_count(entries, texts)))


def changed_since_review(code: str, root: Path | None = None) -> set[str]:
    """The English (msgid) of each text changed since the sign-off in force; empty when there
    is no sign-off, the catalog is as reviewed, or the changes cannot be told."""
    try:
        entries = catalog_entries(catalog_path(code, root))
        signoff = read_signoff(review_file(code, root))
        texts = read_reviewed_texts(companion_file(code, root))
    except (OSError, SignoffError):
        return set()
    if signoff is None or texts is None or texts.digest != signoff.digest:
        return set()
    return {entry.msgid for entry in changed_entries(entries, texts)}


def review_status(root: Path | None = None) -> dict[str, str]:
    """Every language's status by code (``root``: the translations folder, by default the
    bundled one)."""
    return {code: language_review(code, root).status for code in LANGUAGES}


def review_problems(root: Path | None = None) -> list[str]:
    """What is wrong with the recorded sign-offs (each such language shows as not reviewed)."""
    return [p for code in LANGUAGES for p in language_review(code, root).problems]
