"""The command line: `kiosk` runs the kiosk; subcommands live in kiosk/commands/."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk import __version__
from kiosk.commands import COMMANDS
from kiosk.commands.common import output_folder, report_and_load_content
from kiosk.core.content import ContentError, load_content
from kiosk.core.settings import load_settings
from kiosk.ui.platform_check import exit_code_if_no_window


def _version() -> str:
    try:
        pack = load_content()
        content = f"content {pack.content_version} (checked on {pack.checked_on.isoformat()})"
    except ContentError as exc:
        content = f"content pack unusable: {exc}"
    return f"kiosk {__version__}, {content}"


class _VersionAction(argparse.Action):
    """--version, worked out only when asked: it reads the content pack, and every start of the
    kiosk builds this parser (argparse's own version action takes the text up front)."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(_version())  # on standard output, as argparse's own version action does
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help="settings file (default: settings.toml in the user config folder)",
    )
    # After a subcommand --settings may be given again; given before it, it must not be reset.
    sub_common = argparse.ArgumentParser(add_help=False)
    sub_common.add_argument(
        "--settings", type=Path, metavar="FILE", default=argparse.SUPPRESS, help="settings file"
    )
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="The visitor-center kiosk: calls, video calls and messaging move to Securus.",
        parents=[common],
    )
    parser.add_argument("--version", action=_VersionAction, help="show app and content versions")
    parser.add_argument(
        "--windowed", action="store_true", help="run in a normal window (for a desktop)"
    )
    parser.add_argument(
        "--helper",
        action="store_true",
        help="open the help-desk view (two languages side by side) instead of the kiosk",
    )
    parser.add_argument(
        "--out",
        type=output_folder,
        metavar="DIR",
        help="with --helper: where saved handouts go (default: a folder in your Documents)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(command.NAME, parents=[sub_common], help=command.HELP)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.settings_obj = load_settings(args.settings)
    if args.command:
        return args.run(args)
    if (code := exit_code_if_no_window()) is not None:  # before Qt: name missing packages
        return code
    if args.helper:
        return run_helpdesk(args)
    return run_kiosk(args)


def run_helpdesk(args: argparse.Namespace) -> int:
    # The kiosk and the help-desk view each import their own window only when it is chosen:
    # either one's modules imported with this one's would slow every start.
    from kiosk.ui.app import create_app
    from kiosk.ui.helpdesk.window import HelpDeskWindow

    settings = args.settings_obj
    pack = report_and_load_content(settings)
    if pack is None:
        return 1
    app = create_app()
    window = HelpDeskWindow(pack, settings, out_dir=args.out)
    window.resize(1600, 900)
    window.show()
    return app.exec()


def run_kiosk(args: argparse.Namespace) -> int:
    from kiosk.ui.startup import start_kiosk  # the kiosk's window: see run_helpdesk

    return start_kiosk(args.settings_obj, windowed=args.windowed)
