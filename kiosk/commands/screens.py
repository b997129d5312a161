"""`kiosk screens OUTDIR`: render pages to PNG for review."""

from __future__ import annotations

import argparse
import sys

from kiosk.commands.common import add_today_option, output_folder
from kiosk.core.session import TEXT_SIZES
from kiosk.core.settings import ALL_LANGUAGES
from kiosk.ui.theme import THEMES

NAME = "screens"
HELP = "render every page (or, with --staff, the staff screen) to PNG files for review"
DEFAULT_SIZE = "1920x1080"


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT like 1920x1080, not {text!r}"
        ) from None
    if not (320 <= width <= 8000 and 320 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{text}: each side must be 320 to 8000 pixels")
    return width, height


def parse_language(text: str) -> str:
    if text not in ALL_LANGUAGES:
        known = " ".join(ALL_LANGUAGES)
        raise argparse.ArgumentTypeError(f"unknown language {text!r}; known: {known}")
    return text


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "out_dir",
        type=output_folder,
        metavar="OUTDIR",
        help="where the PNG files go: a folder, or a new name in a folder that exists",
    )
    parser.add_argument(
        "--size",
        type=parse_size,
        action="append",
        metavar="WxH",
        help=f"screen size, repeatable (default: {DEFAULT_SIZE})",
    )
    parser.add_argument(
        "--lang",
        type=parse_language,
        action="append",
        metavar="CODE",
        help="language, repeatable (default: every offered language)",
    )
    parser.add_argument(
        "--staff",
        action="store_true",
        help="render the staff screen (each group, and the on-screen keyboard open) instead "
        "of the visitor pages; English only, so --lang, --text-size and --theme are ignored",
    )
    add_look_options(parser)
    add_today_option(parser, "render the pages")


def add_look_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--text-size",
        type=int,
        choices=TEXT_SIZES,
        action="append",
        metavar="PERCENT",
        help="text size 100, 150 or 200, repeatable; adds -textPERCENT to the file names",
    )
    parser.add_argument(
        "--theme",
        choices=sorted(THEMES),
        action="append",
        help="colour theme, repeatable; adds -THEME to the file names",
    )


def run(args: argparse.Namespace) -> int:
    from kiosk.commands.common import report_and_load_content
    from kiosk.core.exit_codes import USAGE_ERROR
    from kiosk.core.storage import StorageError
    from kiosk.ui.app import create_app
    from kiosk.ui.screens import Look, render_screens, render_staff_screens

    settings = args.settings_obj
    pack = report_and_load_content(settings)
    if pack is None:
        return 1
    create_app(offscreen=True)
    sizes = args.size or [parse_size(DEFAULT_SIZE)]
    languages = args.lang or settings.offered_languages
    looks = [
        Look(
            text_size,
            theme,
            tagged_size=args.text_size is not None,
            tagged_theme=args.theme is not None,
        )
        for text_size in args.text_size or [settings["text_size"]]
        for theme in args.theme or [settings["theme"]]
    ]
    try:
        if args.staff:
            written = render_staff_screens(args.out_dir, pack, settings, sizes, today=args.today)
        else:
            written = render_screens(
                args.out_dir, pack, settings, sizes, languages, looks, today=args.today
            )
    except StorageError as exc:  # a link or a device where a PNG would go: left alone
        print(f"kiosk screens: {exc}", file=sys.stderr)
        return USAGE_ERROR
    print(f"wrote {len(written)} screens to {args.out_dir}")
    return 0
