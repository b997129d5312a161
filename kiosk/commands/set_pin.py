"""`kiosk set-pin`: set the admin PIN (stored only as a salted hash).

From a terminal it asks twice without echoing; from a pipe it reads two lines, so a setup
script can run ``printf '350842\n350842\n' | kiosk set-pin``. The PIN policy applies
(kiosk/core/pin_policy.py): a weak PIN is refused with the reason. Setting the PIN clears the
PIN pad's lockout, and both are recorded in the audit log.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.core.audit import AuditLog
from kiosk.core.exit_codes import OK, PROBLEM
from kiosk.core.pin import PinStore
from kiosk.core.pin_policy import MAX_DIGITS, MIN_DIGITS
from kiosk.core.storage import StorageError

NAME = "set-pin"
HELP = (
    f"set the admin PIN ({MIN_DIGITS}-{MAX_DIGITS} digits, not a weak one) and clear the "
    "lockout; asked twice, or two lines from a pipe"
)


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def _read_twice() -> tuple[str, str] | None:
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(f"New admin PIN ({MIN_DIGITS}-{MAX_DIGITS} digits): ")
        second = getpass.getpass("The same PIN again: ")
        return first, second
    if sys.stdin is None:
        return None
    lines = [sys.stdin.readline() for _ in range(2)]
    if not all(lines):  # "" is the end of input: fewer than two lines
        return None
    first, second = (line.rstrip("\r\n") for line in lines)
    return first, second


def run(args: argparse.Namespace) -> int:
    try:
        answers = _read_twice()
    except (EOFError, KeyboardInterrupt):
        answers = None
    if answers is None:
        print("kiosk set-pin: expected the PIN twice; nothing changed", file=sys.stderr)
        return PROBLEM
    first, second = answers
    if first != second:
        print("kiosk set-pin: the two PINs differ; nothing changed", file=sys.stderr)
        return PROBLEM
    store = PinStore(audit=AuditLog())
    try:
        store.set_pin(first, by="kiosk set-pin")
    except ValueError as exc:
        print(f"kiosk set-pin: not this PIN: {exc}; nothing changed", file=sys.stderr)
        return PROBLEM
    except StorageError as exc:
        print(f"kiosk set-pin: {exc}; the previous PIN, if any, still applies", file=sys.stderr)
        return PROBLEM
    print(f"Admin PIN set. Only a salted hash is stored, in {store.path}")
    if store.audit.problem:
        print(f"kiosk set-pin: {store.audit.problem}", file=sys.stderr)
    return OK
