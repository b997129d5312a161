"""The command line: `kiosk`, `kiosk --windowed`, `kiosk screens OUTDIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk import __version__
from kiosk.core.settings import ALL_LANGUAGES, Settings

DEFAULT_SIZE = "1920x1080"


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT like 1920x1080, not {text!r}"
        ) from None
    if not (320 <= width <= 8000 and 320 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{text}: each side must be 320 to 8000 pixels")
    return width, height


def _language(text: str) -> str:
    if text not in ALL_LANGUAGES:
        raise argparse.ArgumentTypeError(
            f"unknown language {text!r}; known: {' '.join(ALL_LANGUAGES)}"
        )
    return text


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help="settings file (default: settings.toml in the user config folder)",
    )
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="The visitor-center kiosk: calls, video calls and messaging move to Securus.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--windowed", action="store_true", help="run in a normal window (for a desktop)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    screens = commands.add_parser(
        "screens", parents=[common], help="render every page to PNG files for review"
    )
    screens.add_argument("out_dir", type=Path, metavar="OUTDIR")
    screens.add_argument(
        "--size",
        type=_size,
        action="append",
        metavar="WxH",
        help=f"screen size, repeatable (default: {DEFAULT_SIZE})",
    )
    screens.add_argument(
        "--lang",
        type=_language,
        action="append",
        metavar="CODE",
        help="language, repeatable (default: every offered language)",
    )
    commands.add_parser(
        "check",
        parents=[common],
        help="check settings, content, catalogs and fonts; exit 1 if anything is wrong",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from kiosk.core.content import ContentError, load_content
    from kiosk.core.settings import load_settings

    settings = load_settings(args.settings)
    if args.command == "check":
        return _check(settings)
    for problem in settings.problems:
        print(f"settings: {problem}", file=sys.stderr)
    try:
        pack = load_content()
    except ContentError as exc:
        print(f"content pack: {exc}", file=sys.stderr)
        return 1

    if args.command == "screens":
        from kiosk.ui.app import create_app
        from kiosk.ui.screens import render_screens

        create_app(offscreen=True)
        sizes = args.size or [_size(DEFAULT_SIZE)]
        languages = args.lang or settings.offered_languages
        written = render_screens(args.out_dir, pack, settings, sizes, languages)
        print(f"wrote {len(written)} screens to {args.out_dir}")
        return 0
    return _run(pack, settings, windowed=args.windowed)


def _check(settings: Settings) -> int:
    from kiosk.core.check import run_checks
    from kiosk.core.content import ContentError, ContentPack, load_content
    from kiosk.core.i18n import Translators
    from kiosk.ui.app import create_app
    from kiosk.ui.fonts import register_bundled_fonts
    from kiosk.ui.glyphs import check_glyphs

    pack: ContentPack | ContentError
    try:
        pack = load_content()
    except ContentError as exc:
        pack = exc
    report = run_checks(settings, pack, Translators())
    create_app(offscreen=True)
    families = register_bundled_fonts()
    report.facts.append(f"fonts: {len(families)} bundled families")
    if isinstance(pack, ContentPack):
        glyph_problems = check_glyphs(pack, settings.offered_languages)
        report.problems += [f"fonts: {p}" for p in glyph_problems[:20]]
        if len(glyph_problems) > 20:
            report.problems.append(f"fonts: and {len(glyph_problems) - 20} more glyph problems")
    print(report.render())
    return 0 if report.ok else 1


def _run(pack, settings, windowed: bool) -> int:
    from kiosk.ui.app import create_app
    from kiosk.ui.window import KioskWindow

    app = create_app()
    window = KioskWindow(pack, settings, kiosk_mode=not windowed)
    if windowed:
        window.resize(1366, 768)
        window.show()
    else:
        from PySide6.QtCore import Qt

        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.showFullScreen()
    return app.exec()
