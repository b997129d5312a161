"""`kiosk review-packet --lang CODE -o FILE.pdf`: the texts of a language for a fluent reader."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.commands.common import add_today_option, output_file
from kiosk.commands.screens import parse_language

NAME = "review-packet"
HELP = "write a language's review packet: every text, where the kiosk shows it, and a sign-off"


def translated_language(text: str) -> str:
    """A --lang value for a review: any language but the source, English."""
    code = parse_language(text)
    if code == "en":
        raise argparse.ArgumentTypeError("English is the source language: nothing to review")
    return code


def add_translations_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--translations",
        type=Path,
        metavar="DIR",
        help="the translations folder (default: the kiosk's own, translations/)",
    )


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        type=translated_language,
        required=True,
        metavar="CODE",
        help="the language to review",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=output_file,
        required=True,
        metavar="FILE.pdf",
        help="where to write it: a regular file, or a new name in a folder that exists",
    )
    add_translations_option(parser)
    add_today_option(parser, "word the texts")


def run(args: argparse.Namespace) -> int:
    from kiosk.commands.common import report_and_load_content
    from kiosk.core.exit_codes import OK, PROBLEM
    from kiosk.core.signoff import SignoffError
    from kiosk.core.storage import StorageError
    from kiosk.handout.save import save_pdf
    from kiosk.review_packet.packet import review_packet
    from kiosk.review_packet.pdf import PacketTooLong
    from kiosk.review_packet.texts import PacketWordsError
    from kiosk.ui.app import create_app

    settings = args.settings_obj
    pack = report_and_load_content(settings)
    if pack is None:
        return PROBLEM
    create_app(offscreen=True)
    try:
        packet = review_packet(pack, settings, args.lang, args.today, args.translations)
        save_pdf(args.output, packet.pdf)
    except FileNotFoundError as exc:
        print(f"kiosk review-packet: no catalog: {exc.filename}", file=sys.stderr)
        return PROBLEM
    except (OSError, SignoffError, PacketTooLong, PacketWordsError) as exc:
        # StorageError is an OSError: the output could not be written.
        what = "" if isinstance(exc, StorageError) else "cannot make the packet: "
        print(f"kiosk review-packet: {what}{exc}", file=sys.stderr)
        return PROBLEM
    print(f"wrote {args.output} ({args.lang}: {packet.rows} texts on {packet.pages} pages)")
    for field in packet.not_shown:
        print(f"note: {field} is shown nowhere by this version of the kiosk; it is listed anyway")
    return OK
