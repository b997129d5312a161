"""`kiosk check`: is this kiosk ready? Exit 0 when nothing is wrong, 1 otherwise.

It never ends in a traceback: whatever it meets, it prints a report with the problems named and
exits 0 or 1.

- ``--json``: the report as JSON (kiosk/core/health.py; docs/reference/check.schema.json).
- ``--prometheus FILE``: the report as node_exporter textfile metrics, written atomically; then
  the exit code says only whether FILE was written (the verdict is a metric), so a timer that
  runs it does not fail with every problem of the kiosk.
- ``--pack FILE``, ``--settings-file FILE``, ``--pin-file FILE``: check that one file alone
  (kiosk/core/file_check.py), the gate of a deployment tool: 0 when it is fit to place, else 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.commands.common import add_today_option, output_file

if TYPE_CHECKING:
    import datetime as dt

    from kiosk.core.check import Report

NAME = "check"
HELP = (
    "check settings, content, catalogs, fonts, folders and the audit log; "
    "exit 1 if anything is wrong"
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_today_option(parser, "check")
    one = parser.add_argument_group(
        "one file", "check one file alone, before a deployment tool places it (exit 0: fit)"
    )
    files = one.add_mutually_exclusive_group()
    files.add_argument(
        "--pack", type=Path, metavar="FILE", help="a content pack, checked in every language"
    )
    files.add_argument(
        "--settings-file",
        type=Path,
        metavar="FILE",
        help="a settings file: every key known, every value valid",
    )
    files.add_argument(
        "--pin-file", type=Path, metavar="FILE", help="a PIN file made by `kiosk pin-hash`"
    )
    health = parser.add_argument_group("for monitoring")
    health.add_argument("--json", action="store_true", help="print the report as JSON")
    health.add_argument(
        "--prometheus",
        type=output_file,
        metavar="FILE",
        help="write the report as node_exporter textfile metrics to FILE (atomically); "
        "exit 0 once written",
    )
    health.add_argument(
        "--service-state",
        type=_service_state,
        metavar="STATE",
        help="the kiosk service's state (`systemctl --user is-active visitor-kiosk`), added "
        "to --json and --prometheus",
    )


def _service_state(text: str) -> str:
    from kiosk.core.health import SERVICE_STATE

    if not SERVICE_STATE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"expected a word like active or failed, not {text!r}")
    return text


def run(args: argparse.Namespace) -> int:
    import datetime as dt

    from kiosk import __version__
    from kiosk.core.check import Report
    from kiosk.core.exit_codes import OK, PROBLEM, USAGE_ERROR
    from kiosk.core.logs import where_it_failed

    one_file = args.pack or args.settings_file or args.pin_file
    if one_file and (args.json or args.prometheus or args.service_state):
        print(
            "kiosk check: --pack, --settings-file and --pin-file check one file; "
            "--json, --prometheus and --service-state report on the whole kiosk",
            file=sys.stderr,
        )
        return USAGE_ERROR
    if one_file:
        return _check_one_file(args)
    checked_at = dt.datetime.now().astimezone()
    report = Report()
    try:
        _check(args, report)
    except Exception as exc:  # a check that fails still ends with a report, never a traceback
        report.problem(
            "check",
            f"the check itself failed ({where_it_failed(exc)}): the report above is incomplete",
        )
    if args.prometheus:
        return _write_metrics(args, report, checked_at, __version__)
    if args.json:
        from kiosk.core.health import check_document

        document = check_document(
            report,
            checked_at=checked_at,
            kiosk_version=__version__,
            service_state=args.service_state,
        )
        print(json.dumps(document, indent=1, ensure_ascii=False))
    else:
        print(report.render())
    return OK if report.ok else PROBLEM


def _write_metrics(
    args: argparse.Namespace, report: Report, checked_at: dt.datetime, version: str
) -> int:
    from kiosk.core.exit_codes import OK, PROBLEM
    from kiosk.core.health import check_document, prometheus_text
    from kiosk.core.storage import StorageError, write_atomically

    text = prometheus_text(
        report, checked_at=checked_at, kiosk_version=version, service_state=args.service_state
    )
    try:
        write_atomically(args.prometheus, text.encode("utf-8"), keep_backup=False)
    except StorageError as exc:
        print(f"kiosk check: {exc}", file=sys.stderr)
        return PROBLEM
    if args.json:
        document = check_document(
            report, checked_at=checked_at, kiosk_version=version, service_state=args.service_state
        )
        print(json.dumps(document, indent=1, ensure_ascii=False))
    return OK


def _check_one_file(args: argparse.Namespace) -> int:
    from kiosk.core.exit_codes import OK, PROBLEM
    from kiosk.core.file_check import (
        NOT_VALID,
        VALID,
        check_pack_file,
        check_pin_file,
        check_settings_file,
    )

    if args.pack:
        report = check_pack_file(args.pack, today=args.today)
        title = "Content pack check"
    elif args.settings_file:
        report = check_settings_file(args.settings_file, today=args.today)
        title = "Settings file check"
    else:
        report = check_pin_file(args.pin_file)
        title = "PIN file check"
    print(report.render(title, VALID, NOT_VALID))
    return OK if report.ok else PROBLEM


def _check(args: argparse.Namespace, report: Report) -> None:
    from kiosk.core.audit import default_audit_dir
    from kiosk.core.check import run_checks
    from kiosk.core.content import ContentError, ContentPack
    from kiosk.core.content_source import choose_content, operator_pack_path
    from kiosk.core.i18n import Translators
    from kiosk.core.incoming import default_incoming_dir
    from kiosk.core.logs import CrashCounter, default_crash_path, default_log_dir
    from kiosk.core.paths import resource
    from kiosk.core.pin import PinStore
    from kiosk.core.settings import ALL_LANGUAGES, default_settings_path
    from kiosk.core.usage import UsageCounts
    from kiosk.ui.app import create_app
    from kiosk.ui.fonts import LATIN, SCRIPT_FAMILY, register_bundled_fonts
    from kiosk.ui.glyphs import check_glyphs

    settings = args.settings_obj
    translators = Translators()
    pack: ContentPack | ContentError
    source: Path | None = None
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    try:
        choice = choose_content(languages=ALL_LANGUAGES, translators=translators, today=args.today)
        pack, source, problems, notes = choice.pack, choice.source, choice.problems, choice.notes
    except ContentError as exc:  # the bundled pack itself is broken
        pack = exc
    folders = {
        "settings folder": (settings.source or default_settings_path()).parent,
        "data folder (usage counts, PIN, lockout, error count)": default_crash_path().parent,
        "installed content folder": operator_pack_path().parent,
        "audit log folder": default_audit_dir(),
    }
    run_checks(
        settings,
        pack,
        translators,
        args.today,
        content_source=source,
        content_problems=problems,
        content_notes=notes,
        pin=PinStore(),
        usage=UsageCounts(read_only=True),  # a check never changes a file
        log_dir=default_log_dir(),
        crashes=CrashCounter(),
        folders=folders,
        report=report,
        audit_dir=default_audit_dir(),
        incoming_dir=default_incoming_dir(),
    )
    create_app(offscreen=True)
    families = register_bundled_fonts()
    report.fact("fonts", f"fonts: {len(families)} bundled families")
    for family in sorted(set(SCRIPT_FAMILY.values()) | {LATIN}):
        if family not in families:
            codes = [c for c, f in SCRIPT_FAMILY.items() if f == family] or ["Latin, Cyrillic"]
            report.problem(
                "fonts",
                f"fonts: {family} ({', '.join(codes)}) is missing from {resource('fonts')}",
            )
    if isinstance(pack, ContentPack):
        glyph_problems = check_glyphs(pack, settings.offered_languages)
        report.problem("fonts", *(f"fonts: {p}" for p in glyph_problems[:20]))
        if len(glyph_problems) > 20:
            more = len(glyph_problems) - 20
            report.problem("fonts", f"fonts: and {more} more glyph problems")
