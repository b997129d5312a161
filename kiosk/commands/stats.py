"""`kiosk stats`: the usage counts per day, as tables or as CSV for a spreadsheet."""

from __future__ import annotations

import argparse
import csv
import io
import sys

from kiosk.commands.common import output_file
from kiosk.core.exit_codes import OK, PROBLEM
from kiosk.core.session import PAGES
from kiosk.core.settings import ALL_LANGUAGES
from kiosk.core.storage import StorageError, write_atomically
from kiosk.core.usage import UsageCounts

NAME = "stats"
HELP = "print the usage counts per day (--csv for a spreadsheet)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--csv", action="store_true", help="print CSV, one row per day")
    parser.add_argument(
        "-o",
        "--output",
        type=output_file,
        metavar="FILE",
        help="write the CSV to FILE, a regular file or a new name in a folder that exists "
        "(implies --csv)",
    )


def run(args: argparse.Namespace) -> int:
    usage = UsageCounts(read_only=True)  # `kiosk stats` never changes a file
    if usage.problem:
        print(f"kiosk stats: {usage.problem}", file=sys.stderr)
        return PROBLEM
    days = usage.days()
    if args.csv or args.output:
        text = csv_text(usage)
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


def csv_text(usage: UsageCounts) -> str:
    """One row per day with fixed columns (every language, every page), oldest day first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["day", "sessions_started", "finished", "ended_by_idle"]
        + [f"language_{code}" for code in ALL_LANGUAGES]
        + [f"furthest_page_{page}" for page in PAGES]
    )
    for day in usage.days():
        writer.writerow(
            [day.day.isoformat(), day.sessions_started, day.finished, day.ended_by_idle]
            + [day.languages.get(code, 0) for code in ALL_LANGUAGES]
            + [day.furthest_page.get(page, 0) for page in PAGES]
        )
    return out.getvalue()


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
