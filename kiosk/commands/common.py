"""What every command that shows content does first: report the settings' problems and load the
content pack in force (the operator's installed pack when it is valid, else the bundled one)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kiosk.core.content import ContentError, ContentPack
from kiosk.core.content_source import active_content
from kiosk.core.settings import Settings
from kiosk.core.storage import output_file_problem, output_folder_problem


def parse_day(text: str) -> dt.date:
    """A --today value: a date like 2026-08-15."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-08-15, not {text!r}") from None


def output_file(text: str) -> Path:
    """An ``-o FILE`` value: a regular file, or a new name in a folder that exists. Anything
    else (a device, a symbolic link, a folder, a missing folder) is a command-line error (exit
    code 2), and nothing is written."""
    problem = output_file_problem(Path(text))
    if problem:
        raise argparse.ArgumentTypeError(f"{problem}; nothing was written")
    return Path(text)


def output_folder(text: str) -> Path:
    """An output folder: one that exists, or a new name in a folder that exists."""
    problem = output_folder_problem(Path(text))
    if problem:
        raise argparse.ArgumentTypeError(f"{problem}; nothing was written")
    return Path(text)


def add_today_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--today",
        type=parse_day,
        metavar="YYYY-MM-DD",
        help=f"{what} as on this day (default: the real date): see the rollout's wording",
    )


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
