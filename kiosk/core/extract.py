"""A Babel extractor for the content pack, so `pybabel extract` finds every visitor text.

Each message gets a translator comment with the fact id it rests on and where it is used, so a
translator can check it against docs/facts.md. Used from translations/babel.cfg as
``[kiosk.core.extract.extract_content: resources/content/*.toml]``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import IO, Any

from kiosk.core.content import ContentPack, _Loader

_HINTS = {
    "month": "{month} is the month's name on its own (CLDR stand-alone: Russian 'сентябрь', "
    "Vietnamese 'Tháng 9'); word the sentence so that this form fits.",
    "month_in_text": "{month_in_text} is the month in the form running text takes (CLDR "
    "format: Russian genitive 'сентября', Vietnamese 'tháng 9'); keep it and word the "
    "sentence so that this form fits (Russian: after a preposition that takes the genitive).",
    "month_year": "{month_year} is the month with its year on its own, as your language "
    "writes it ('September 2026', '2026年9月'); word the sentence so that it fits.",
    "month_year_in_text": "{month_year_in_text} is the month with its year as your language "
    "writes it, the month in the form running text takes ('September 2026', '2026年9月', "
    "Russian genitive 'сентября 2026' and its year mark); keep it and word the sentence so "
    "that this form fits.",
    "website": "{website} is a web address; keep it as is.",
    "app": "{app} is the app's name, e.g. 'the Securus mobile app' translated.",
    "facility": "{facility} is the facility's name, set by staff, kept as written.",
    "help_desk": "{help_desk} is where the help desk is, set by staff in English.",
    "seconds": "{seconds} is a number of seconds.",
    "date": "{date} is a day already written the long way of your language (CLDR), e.g. "
    "'November 26, 2026', Spanish '26 de noviembre de 2026', Chinese '2026年11月26日'; word the "
    "sentence so that it fits.",
}

#: The wordings of a rollout text (kiosk/core/rollout.py): when each is shown.
_PHASES = {
    "undated": "Shown while the rollout's year is not known: it reports what Securus says.",
    "before": "Shown before the rollout month (its year is known).",
    "started": "Shown from the first day of the rollout month on: the rollout has begun.",
}


def extract_content(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str | None, str | tuple[str, str], list[str]]]:
    source = fileobj.read().decode("utf-8")
    name = getattr(fileobj, "name", "pack.toml")
    pack = _Loader(name).build(ContentPack, tomllib.loads(source), "")
    assert isinstance(pack, ContentPack)
    lines = source.splitlines()
    for path, text in pack.texts():
        needle = tomllib_quote(text.text)
        lineno = next((i for i, line in enumerate(lines, 1) if needle in line), 0)
        comments = [f"L10N: id {text.id} ({path})"]
        phase = path.rsplit(".", 1)[-1]
        if phase in _PHASES:
            comments.append(_PHASES[phase])
        comments += [_HINTS[p] for p in sorted(text.placeholders()) if p in _HINTS]
        if text.plural:
            yield lineno, "ngettext", (text.text, text.plural), comments
        else:
            yield lineno, None, text.text, comments


def tomllib_quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
