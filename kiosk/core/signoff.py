"""A fluent reader's review of one catalog, recorded: the catalog's digest, and the sign-off.

Plain Python. A review is recorded in two files beside the language's review notes:

- ``translations/review/<code>.md`` ends with a ``## Sign-off`` section (the record people
  read; the last such section is the one in force)::

      ## Sign-off

      - date: 2026-12-03
      - reviewer: volunteer, fluent Khmer reader
      - name: (only with the reviewer's consent: the repository is public)
      - digest: sha256:<64 hex digits>
      - texts: 110

- ``translations/review/<code>.signoff.json`` keeps the hash of each reviewed text, so that the
  kiosk can count the texts changed since (``entries``; the same ``date`` and ``digest``).

The digest (docs/translators.md, "The digest") is SHA-256 over the catalog's entries in a
canonical form, so that comments, line wrapping, flags other than ``fuzzy``, the header and the
order of entries in the file do not change it; a changed English text, translation, context or
plural form does. Each entry is one line, the JSON array
``[msgctxt, msgid, msgid_plural, [msgstr, ...]]`` (``""`` for a missing context or plural; the
plural forms in their order; a ``fuzzy`` entry's translations count as empty, since the kiosk
does not show them) written as ``json.dumps(entry, ensure_ascii=False, separators=(",", ":"))``.
The lines are sorted by msgid, then msgctxt, each ends with a line feed, and the digest is the
SHA-256 of their UTF-8 bytes. An entry's hash is the SHA-256 of its line without the line feed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from babel.messages.pofile import read_po

from kiosk.core.text_rules import character_problem

SECTION_HEADING = "## Sign-off"
DIGEST_PREFIX = "sha256:"
#: The longest role or name a sign-off holds (one line of the review file).
MAX_FIELD_LENGTH = 120

_FIELD = re.compile(r"^\s*[-*]?\s*([a-z]+)\s*:\s*(.*?)\s*$")
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
_HEADING = re.compile(r"^#{1,2}\s")


class SignoffError(ValueError):
    """A sign-off that cannot be read or recorded; the message names the file and the field."""


class CatalogEntry(NamedTuple):
    context: str
    msgid: str
    plural: str
    translations: tuple[str, ...]

    def line(self) -> str:
        """The entry's canonical line (see the module's docstring)."""
        entry = [self.context, self.msgid, self.plural, list(self.translations)]
        return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))

    def hash(self) -> str:
        return hashlib.sha256(self.line().encode("utf-8")).hexdigest()


def catalog_entries(po: Path) -> list[CatalogEntry]:
    """Every entry of a ``.po`` file but the header and obsolete ones, in canonical order.

    Raises OSError when the file cannot be read, SignoffError when it is not a catalog."""
    with po.open("rb") as fp:
        try:
            catalog = read_po(fp, abort_invalid=True)
        except Exception as exc:  # Babel's PoFileError, or a decoding error
            raise SignoffError(f"{po}: not a readable catalog ({exc})") from exc
    entries = []
    for message in catalog:
        if not message.id:
            continue  # the header
        if isinstance(message.id, tuple | list):
            msgid, plural = str(message.id[0]), str(message.id[1])
        else:
            msgid, plural = str(message.id), ""
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        translations = tuple("" if message.fuzzy else str(s or "") for s in strings)
        entries.append(CatalogEntry(str(message.context or ""), msgid, plural, translations))
    return sorted(entries, key=lambda e: (e.msgid, e.context))


def digest(entries: list[CatalogEntry]) -> str:
    """``sha256:`` and the hex SHA-256 of the entries' canonical lines, sorted."""
    ordered = sorted(entries, key=lambda e: (e.msgid, e.context))
    data = "".join(entry.line() + "\n" for entry in ordered).encode("utf-8")
    return DIGEST_PREFIX + hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Signoff:
    """One recorded review: when, by whom (a role; a name only with consent), of what."""

    date: dt.date
    reviewer: str
    digest: str
    name: str = ""
    texts: int | None = None

    def section(self) -> str:
        """The ``## Sign-off`` section for the review file."""
        lines = [SECTION_HEADING, "", f"- date: {self.date.isoformat()}"]
        lines.append(f"- reviewer: {self.reviewer}")
        if self.name:
            lines.append(f"- name: {self.name}")
        lines.append(f"- digest: {self.digest}")
        if self.texts is not None:
            lines.append(f"- texts: {self.texts}")
        return "\n".join(lines) + "\n"


def field_problem(what: str, value: str) -> str | None:
    """Why a role or name cannot go into a sign-off, or None."""
    if not value.strip():
        return f"the {what} is empty"
    if len(value) > MAX_FIELD_LENGTH:
        return f"the {what} is longer than {MAX_FIELD_LENGTH} characters"
    problem = character_problem(value)
    return f"the {what}: {problem}" if problem else None


def read_signoff(review: Path) -> Signoff | None:
    """The sign-off in force in a review file: its last ``## Sign-off`` section. None when the
    file has none (or does not exist). Raises SignoffError when that section is incomplete."""
    try:
        lines = review.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise SignoffError(f"{review}: cannot be read ({exc})") from exc
    starts = [i for i, line in enumerate(lines) if line.strip() == SECTION_HEADING]
    if not starts:
        return None
    fields: dict[str, str] = {}
    for line in lines[starts[-1] + 1 :]:
        if _HEADING.match(line):
            break
        match = _FIELD.match(line)
        if match:
            fields.setdefault(match[1], match[2])
    return _signoff_from(fields, f"{review}: {SECTION_HEADING}")


def _signoff_from(fields: dict[str, str], where: str) -> Signoff:
    try:
        date = dt.date.fromisoformat(fields.get("date", ""))
    except ValueError:
        raise SignoffError(f"{where}: no 'date:' like 2026-12-03") from None
    reviewer = fields.get("reviewer", "")
    if not reviewer:
        raise SignoffError(f"{where}: no 'reviewer:' (the reviewer's role)")
    found = fields.get("digest", "")
    if not _DIGEST.match(found):
        raise SignoffError(f"{where}: no 'digest:' like sha256:<64 hex digits>")
    texts = fields.get("texts", "")
    return Signoff(
        date, reviewer, found, fields.get("name", ""), int(texts) if texts.isdigit() else None
    )


class ReviewedTexts(NamedTuple):
    """What the companion file keeps: the reviewed entries' hashes, for one digest."""

    digest: str
    hashes: frozenset[str]


def read_reviewed_texts(companion: Path) -> ReviewedTexts | None:
    """The companion file's hashes; None when there is no file. Raises SignoffError when it
    cannot be read."""
    try:
        data = json.loads(companion.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SignoffError(f"{companion}: cannot be read ({exc})") from exc
    entries = data.get("entries") if isinstance(data, dict) else None
    found = data.get("digest") if isinstance(data, dict) else None
    if not isinstance(found, str) or not isinstance(entries, list):
        raise SignoffError(f"{companion}: needs 'digest' and 'entries'")
    return ReviewedTexts(found, frozenset(str(e) for e in entries))


def companion_json(code: str, signoff: Signoff, entries: list[CatalogEntry]) -> str:
    """The companion file's text for a new sign-off."""
    data = {
        "language": code,
        "date": signoff.date.isoformat(),
        "digest": signoff.digest,
        "entries": sorted(entry.hash() for entry in entries),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def with_section(review_text: str, signoff: Signoff) -> str:
    """The review file's text with a new sign-off section at its end (earlier ones stay, as the
    record of earlier reviews; the last one is in force)."""
    text = review_text.rstrip("\n")
    return (text + "\n\n" if text else "") + signoff.section()


def changed_entries(entries: list[CatalogEntry], reviewed: ReviewedTexts) -> list[CatalogEntry]:
    """The texts of the catalog now whose English, translations or plural forms were not
    reviewed in this form (a text new since the review too)."""
    return [entry for entry in entries if entry.hash() not in reviewed.hashes]


def changed_count(entries: list[CatalogEntry], reviewed: ReviewedTexts) -> int:
    """How many texts differ from what was reviewed: the changed entries (above); when texts
    were only removed, the texts removed."""
    changed = len(changed_entries(entries, reviewed))
    return changed or len(reviewed.hashes - {entry.hash() for entry in entries})
