"""`kiosk handout --lang CODE -o FILE.pdf`: the take-home page as a one-page PDF."""

from __future__ import annotations

import argparse
import sys

from kiosk.commands.common import add_today_option, output_file
from kiosk.commands.screens import parse_language

NAME = "handout"
HELP = "write the take-home handout in one language as a one-page PDF"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", type=parse_language, required=True, metavar="CODE", help="the language"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=output_file,
        required=True,
        metavar="FILE.pdf",
        help="where to write it: a regular file, or a new name in a folder that exists",
    )
    parser.add_argument(
        "--paper",
        choices=("letter", "a4"),
        help="paper size (default: the paper_size setting)",
    )
    add_today_option(parser, "word the handout")


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from kiosk.commands.common import report_and_load_content
    from kiosk.core.i18n import Translators
    from kiosk.core.storage import StorageError
    from kiosk.handout.content import build_handout
    from kiosk.handout.render import HandoutDoesNotFit, handout_pdf
    from kiosk.handout.save import save_pdf
    from kiosk.ui.app import create_app

    settings = args.settings_obj
    pack = report_and_load_content(settings)
    if pack is None:
        return 1
    create_app(offscreen=True)
    handout = build_handout(pack, settings, Translators()[args.lang], today=args.today)
    if args.paper:
        handout = replace(handout, paper_size=args.paper)
    try:
        save_pdf(args.output, handout_pdf(handout))
    except (HandoutDoesNotFit, StorageError) as exc:
        print(f"kiosk handout: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.output} ({args.lang}, {handout.paper_size})")
    return 0
