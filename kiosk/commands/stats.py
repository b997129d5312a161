"""`kiosk stats`: the usage counts per day, as tables, as CSV for a spreadsheet, or as JSON.

CSV rows and the JSON document carry the kiosk's id (setting ``kiosk_id``, else the host name)
and the facility's name, so the files of many kiosks can be put together: CSV files are
concatenated (``--no-header`` leaves out the header line for all files but the first). Counts
stay per day and say nothing about any person.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys

from kiosk.commands.common import output_file
from kiosk.core.exit_codes import OK, PROBLEM
from kiosk.core.session import PAGES
from kiosk.core.settings import ALL_LANGUAGES, Settings
from kiosk.core.storage import StorageError, write_atomically
from kiosk.core.usage import UsageCounts

NAME = "stats"
HELP = "print the usage counts per day (--csv for a spreadsheet, --json for scripts)"
#: The version of `kiosk stats --json`'s document.
JSON_FORMAT_VERSION = 1


def configure(parser: argparse.ArgumentParser) -> None:
    form = parser.add_mutually_exclusive_group()
    form.add_argument(
        "--csv", action="store_true", help="print CSV, one row per day with the kiosk's id"
    )
    form.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument(
        "--no-header",
        action="store_true",
        help="with --csv: leave out the header line (to add to a file of other kiosks' rows)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=output_file,
        metavar="FILE",
        help="write the CSV (or the JSON, with --json) to FILE, a regular file or a new name in "
        "a folder that exists (implies --csv)",
    )


def run(args: argparse.Namespace) -> int:
    usage = UsageCounts(read_only=True)  # `kiosk stats` never changes a file
    if usage.problem:
        print(f"kiosk stats: {usage.problem}", file=sys.stderr)
        return PROBLEM
    days = usage.days()
    settings: Settings = args.settings_obj
    if args.json or args.csv or args.output:
        if args.json:
            document = json_document(usage, settings)
            text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
        else:
            text = csv_text(usage, settings, header=not args.no_header)
        if args.output is None:
            sys.stdout.write(text)
            return OK
        try:
            write_atomically(args.output, text.encode("utf-8"), keep_backup=False)
        except StorageError as exc:
            print(f"kiosk stats: {exc}", file=sys.stderr)
            return PROBLEM
        print(f"wrote {len(days)} days to {args.output}")
        return OK
    print(tables(usage))
    return OK


def csv_text(usage: UsageCounts, settings: Settings, *, header: bool = True) -> str:
    """One row per day with fixed columns (the kiosk, the facility, every language, every
    page), oldest day first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(
            ["kiosk_id", "facility_name", "day", "sessions_started", "finished", "ended_by_idle"]
            + [f"language_{code}" for code in ALL_LANGUAGES]
            + [f"furthest_page_{page}" for page in PAGES]
        )
    kiosk = [settings.kiosk_id, settings["facility_name"]]
    for day in usage.days():
        writer.writerow(
            [*kiosk, day.day.isoformat(), day.sessions_started, day.finished, day.ended_by_idle]
            + [day.languages.get(code, 0) for code in ALL_LANGUAGES]
            + [day.furthest_page.get(page, 0) for page in PAGES]
        )
    return out.getvalue()


def json_document(usage: UsageCounts, settings: Settings) -> dict[str, object]:
    """The counts for scripts: the kiosk, then one entry per day, oldest first."""
    return {
        "format": "visitor-kiosk-stats",
        "format_version": JSON_FORMAT_VERSION,
        "kiosk_id": settings.kiosk_id,
        "facility_name": settings["facility_name"],
        "days": [
            {
                "day": day.day.isoformat(),
                "sessions_started": day.sessions_started,
                "finished": day.finished,
                "ended_by_idle": day.ended_by_idle,
                "languages": {code: day.languages.get(code, 0) for code in ALL_LANGUAGES},
                "furthest_page": {page: day.furthest_page.get(page, 0) for page in PAGES},
            }
            for day in usage.days()
        ],
    }


def tables(usage: UsageCounts) -> str:
    """Three readable tables: sessions, languages chosen, furthest page reached."""
    days = usage.days()
    if not days:
        return f"No visitor sessions counted yet ({usage.path})."
    total = usage.total()
    rows = [*days, total]
    labels = [d.day.isoformat() for d in days] + ["total"]
    languages = list(total.languages)  # only those ever chosen, in the default order
    pages = list(PAGES)
    parts = [
        f"Usage counts per day ({usage.path})",
        "",
        "Sessions",
        _table(
            ["started", "finished", "ended by idle"],
            labels,
            [[d.sessions_started, d.finished, d.ended_by_idle] for d in rows],
        ),
        "",
        "Languages chosen (sessions)",
        _table(languages, labels, [[d.languages.get(c, 0) for c in languages] for d in rows])
        if languages
        else "  none chosen yet",
        "",
        "Furthest page reached (sessions)",
        _table(pages, labels, [[d.furthest_page.get(p, 0) for p in pages] for d in rows]),
    ]
    return "\n".join(parts)


def _table(columns: list[str], labels: list[str], cells: list[list[int]]) -> str:
    widths = [max(len(c), 5) for c in columns]
    first = max(len(label) for label in labels)
    heads = "".join(f"  {c:>{w}}" for c, w in zip(columns, widths, strict=True))
    lines = ["  " + " " * first + heads]
    for label, row in zip(labels, cells, strict=True):
        if label == "total":
            lines.append("  " + "-" * (first + sum(w + 2 for w in widths)))
        values = "".join(f"  {v:>{w}}" for v, w in zip(row, widths, strict=True))
        lines.append(f"  {label:<{first}}{values}")
    return "\n".join(lines)
