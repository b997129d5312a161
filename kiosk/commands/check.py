"""`kiosk check`: is this kiosk ready? Exit 0 when nothing is wrong, 1 otherwise.

It never ends in a traceback: whatever it meets, it prints a report with the problems named and
exits 0 or 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.commands.common import add_today_option

if TYPE_CHECKING:
    from kiosk.core.check import Report

NAME = "check"
HELP = (
    "check settings, content, catalogs, fonts, folders and the audit log; "
    "exit 1 if anything is wrong"
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_today_option(parser, "check")


def run(args: argparse.Namespace) -> int:
    from kiosk.core.check import Report
    from kiosk.core.exit_codes import OK, PROBLEM
    from kiosk.core.logs import where_it_failed

    report = Report()
    try:
        _check(args, report)
    except Exception as exc:  # a check that fails still ends with a report, never a traceback
        report.problems.append(
            f"the check itself failed ({where_it_failed(exc)}): the report above is incomplete"
        )
    print(report.render())
    return OK if report.ok else PROBLEM


def _check(args: argparse.Namespace, report: Report) -> None:
    from kiosk.core.audit import default_audit_dir
    from kiosk.core.check import run_checks
    from kiosk.core.content import ContentError, ContentPack
    from kiosk.core.content_source import choose_content, operator_pack_path
    from kiosk.core.i18n import Translators
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
    )
    create_app(offscreen=True)
    families = register_bundled_fonts()
    report.facts.append(f"fonts: {len(families)} bundled families")
    for family in sorted(set(SCRIPT_FAMILY.values()) | {LATIN}):
        if family not in families:
            codes = [c for c, f in SCRIPT_FAMILY.items() if f == family] or ["Latin, Cyrillic"]
            report.problems.append(
                f"fonts: {family} ({', '.join(codes)}) is missing from {resource('fonts')}"
            )
    if isinstance(pack, ContentPack):
        glyph_problems = check_glyphs(pack, settings.offered_languages)
        report.problems += [f"fonts: {p}" for p in glyph_problems[:20]]
        if len(glyph_problems) > 20:
            report.problems.append(f"fonts: and {len(glyph_problems) - 20} more glyph problems")
