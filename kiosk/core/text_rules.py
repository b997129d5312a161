"""What a text an operator or a content pack brings may hold: characters and placeholders.
Plain Python.

Visitors act on what they read, so a text must read as written:

- no control characters (C0 and C1; a line break only where a field allows one), no direction
  overrides or embeddings (U+202A to U+202E), no isolates (U+2066 to U+2069: only the kiosk's
  own code puts isolates around an operator's value in right-to-left text) and no byte-order
  mark (U+FEFF). Zero-width space, non-joiner and joiner stay: Khmer and Persian need them.
- placeholders are a closed grammar: ``{name}`` and nothing else. No format spec
  (``{month:02d}``, ``{website:>50000000}``), no conversion (``{app!r}``), no index or
  attribute (``{0}``, ``{website.upper}``). Each field says which names it may hold
  (kiosk/core/content.py); ``{{`` and ``}}`` are a brace.
"""

from __future__ import annotations

import re
import string

_NOT_ALLOWED = "\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff"
_FORBIDDEN = re.compile(f"[\n{_NOT_ALLOWED}]")
_FORBIDDEN_BUT_NEWLINE = re.compile(f"[{_NOT_ALLOWED}]")
_PARSER = string.Formatter()  # parses the way str.format does


class PlaceholderError(ValueError):
    """A text's braces break the closed grammar; the message says how, in plain words."""


def character_problem(text: str, *, newline_ok: bool = False) -> str | None:
    """What is wrong with the characters of ``text``, or None when they may be shown."""
    match = (_FORBIDDEN_BUT_NEWLINE if newline_ok else _FORBIDDEN).search(text)
    if match is None:
        return None
    return f"character {match.start() + 1} is {_describe(match.group())}: remove it"


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == "\n":
        return "a line break, which this field may not hold"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"{code}, an invisible direction control that reorders what a visitor reads"
    if char == "\ufeff":
        return f"{code}, an invisible byte-order mark"
    return f"{code}, a control character"


def placeholder_names(text: str) -> list[str]:
    """The names of the ``{name}`` placeholders in ``text``, in order.

    Raises PlaceholderError for anything else between braces: broken braces, a format spec, a
    conversion, an index, an attribute or an empty name.
    """
    try:
        fields = list(_PARSER.parse(text))
    except ValueError as exc:
        raise PlaceholderError(
            f"broken braces ({exc}): write a placeholder as {{name}}, and a brace as {{{{ or }}}}"
        ) from None
    names = []
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        whole = "{" + name + (f"!{conversion}" if conversion else "")
        whole += (f":{spec}" if spec else "") + "}"
        if conversion or spec:
            raise PlaceholderError(
                f"{whole}: a placeholder is a name in braces, like {{month}}, with nothing "
                "after the name (no ':' format or '!' conversion)"
            )
        if not name.isidentifier():
            raise PlaceholderError(
                f"{whole}: a placeholder is a name in braces, like {{month}} (no numbers, "
                "dots or square brackets)"
            )
        names.append(name)
    return names
