"""`kiosk audit`: the audit log's events, newest last; `--verify` checks its hash chain.

`--verify` prints the head hash (the SHA-256 of the newest event) so that it can be written down
elsewhere; given later with `--head`, it shows whether events were cut off the end or changed.
Exit code 0 when the chain is intact (a torn last line after a power cut is reported, and is not
a failure), 1 when it names the first broken line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from kiosk.commands.common import parse_day
from kiosk.core.audit import default_audit_dir, describe, read_entries, verify
from kiosk.core.exit_codes import OK, PROBLEM

NAME = "audit"
HELP = "print the audit log of staff and security events (--verify checks its hash chain)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=parse_day, metavar="YYYY-MM-DD", help="only events on or after this day"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the records as stored, one JSON line each"
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help="check the hash chain and print the head hash; exit 1 naming the first broken line",
    )
    parser.add_argument(
        "--head",
        metavar="HASH",
        help="with --verify: a head hash printed earlier; fail unless the log still holds it",
    )


def run(args: argparse.Namespace) -> int:
    folder = default_audit_dir()
    if args.head and not args.verify:
        print("kiosk audit: --head goes with --verify", file=sys.stderr)
        return PROBLEM
    if args.verify:
        return _verify(folder, args.head, as_json=args.json)
    since: dt.date | None = args.since
    shown = 0
    for entry in read_entries(folder):
        if since is not None and entry.data is not None and _day(entry.data["time"]) < since:
            continue
        if args.json:
            print(entry.raw.decode("utf-8", "replace"))
        else:
            print(describe(entry))
        shown += 1
    if not shown and not args.json:
        print(f"No audit events{' since ' + since.isoformat() if since else ''} ({folder}).")
    return OK


def _day(time: str) -> dt.date:
    try:
        return dt.date.fromisoformat(time[:10])
    except ValueError:
        return dt.date.min


def _verify(folder: Path, head: str | None, *, as_json: bool) -> int:
    result = verify(folder, expect_head=head)
    if as_json:
        print(json.dumps({"folder": str(folder), **result._asdict(), "ok": result.ok}))
    else:
        print(f"Audit log: {folder}")
        for line in result.summary():
            print(f"  {line}")
        if result.ok and result.head:
            print(
                "Write the head hash down somewhere else: `kiosk audit --verify --head HASH` "
                "then shows whether events were cut off or changed since."
            )
    return OK if result.ok else PROBLEM
