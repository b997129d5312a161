"""What every command that shows content does first: report the settings' problems and load the
content pack in force (the operator's installed pack when it is valid, else the bundled one)."""

from __future__ import annotations

import sys

from kiosk.core.content import ContentError, ContentPack
from kiosk.core.content_source import active_content
from kiosk.core.settings import Settings


def report_and_load_content(settings: Settings) -> ContentPack | None:
    """The active content pack, or None (after saying why on stderr) when there is none."""
    for problem in settings.problems:
        print(f"settings: {problem}", file=sys.stderr)
    try:
        pack, notes = active_content()
    except ContentError as exc:
        print(f"content pack: {exc}", file=sys.stderr)
        return None
    for note in notes:
        print(f"content: {note}", file=sys.stderr)
    return pack
