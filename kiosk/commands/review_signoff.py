"""`kiosk review-signoff --lang CODE --role ROLE`: record that a fluent reader reviewed a
catalog, with its digest worked out here (docs/translators.md, "Recording a sign-off")."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable

from kiosk.commands.common import parse_day
from kiosk.commands.review_packet import add_translations_option, translated_language
from kiosk.core.signoff import field_problem

NAME = "review-signoff"
HELP = "record a fluent reader's review of a language: date, role, and the catalog's digest"


def _field(what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        problem = field_problem(what, text)
        if problem:
            raise argparse.ArgumentTypeError(problem)
        return text.strip()

    return parse


def _past_day(text: str) -> dt.date:
    day = parse_day(text)
    if day > dt.date.today():
        raise argparse.ArgumentTypeError(f"{text} is in the future: give the day of the review")
    return day


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        type=translated_language,
        required=True,
        metavar="CODE",
        help="the language reviewed",
    )
    parser.add_argument(
        "--role",
        type=_field("role"),
        required=True,
        help='the reviewer\'s role, e.g. "volunteer, fluent Khmer reader"',
    )
    parser.add_argument(
        "--name",
        type=_field("name"),
        help="the reviewer's name, only if they agreed to it being published: the repository "
        "is public",
    )
    parser.add_argument(
        "--date",
        type=_past_day,
        metavar="YYYY-MM-DD",
        help="the day of the review, as on the packet's sign-off page (default: today)",
    )
    add_translations_option(parser)


def run(args: argparse.Namespace) -> int:
    from kiosk.core.exit_codes import OK, PROBLEM
    from kiosk.core.i18n import catalog_path
    from kiosk.core.signoff import (
        Signoff,
        SignoffError,
        catalog_entries,
        companion_json,
        digest,
        with_section,
    )
    from kiosk.core.storage import StorageError, write_atomically
    from kiosk.core.translation_status import companion_file, language_review, review_file

    code, root = args.lang, args.translations
    po = catalog_path(code, root)
    try:
        entries = catalog_entries(po)
    except FileNotFoundError:
        print(f"kiosk review-signoff: no catalog at {po}", file=sys.stderr)
        return PROBLEM
    except (OSError, SignoffError) as exc:
        print(f"kiosk review-signoff: {exc}", file=sys.stderr)
        return PROBLEM
    empty = [entry.msgid for entry in entries if not all(entry.translations)]
    if empty:
        shown = "; ".join(repr(msgid[:50]) for msgid in empty[:3])
        print(
            f"kiosk review-signoff: {po}: {len(empty)} texts have no translation (or are marked "
            f"fuzzy), e.g. {shown}. A sign-off covers a whole catalog: translate them, have them "
            "reviewed, then record it. Nothing was written.",
            file=sys.stderr,
        )
        return PROBLEM
    signoff = Signoff(
        date=args.date or dt.date.today(),
        reviewer=args.role,
        digest=digest(entries),
        name=args.name or "",
        texts=len(entries),
    )
    review, companion = review_file(code, root), companion_file(code, root)
    try:
        old = review.read_text(encoding="utf-8") if review.exists() else f"# Review: {code}\n"
        write_atomically(review, with_section(old, signoff).encode("utf-8"), keep_backup=False)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc if isinstance(exc, StorageError) else f"cannot read {review} ({exc})"
        print(f"kiosk review-signoff: {reason}; the sign-off is not recorded", file=sys.stderr)
        return PROBLEM
    try:
        write_atomically(companion, companion_json(code, signoff, entries).encode(), False)
    except StorageError as exc:
        print(
            f"kiosk review-signoff: the sign-off is recorded in {review}, but {exc}: until it "
            "is written (run this again), changes after this review cannot be counted",
            file=sys.stderr,
        )
        return PROBLEM
    status = language_review(code, root).status
    print(f"{code}: {status}")
    print(f"recorded in {review} ({signoff.digest}, {len(entries)} texts) and {companion}")
    return OK
