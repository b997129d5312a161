"""`kiosk pin-hash`: the PIN file's content for a PIN, printed, not stored.

For deployment tools that should hold only the hash: the PIN is read on standard input (one
line; from a terminal it is asked twice without echoing), the PIN policy applies, and the record
that `kiosk set-pin` would write goes to standard output. Put it in the PIN file
(``admin-pin.json``, see the operator guide) on the kiosk PC.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.core.exit_codes import OK, PROBLEM
from kiosk.core.pin import hash_record
from kiosk.core.pin_policy import MAX_DIGITS, MIN_DIGITS

NAME = "pin-hash"
HELP = (
    "read a PIN on standard input and print its hash record for the PIN file, without storing "
    "anything (for deployment tools)"
)


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def _read_pin() -> str:
    """The PIN; ValueError saying what was wrong with the input."""
    if sys.stdin is None:
        raise ValueError("expected a PIN on standard input")
    if sys.stdin.isatty():
        first = getpass.getpass(f"Admin PIN ({MIN_DIGITS}-{MAX_DIGITS} digits): ")
        if getpass.getpass("The same PIN again: ") != first:
            raise ValueError("the two PINs differ")
        return first
    line = sys.stdin.readline()
    if not line:
        raise ValueError("expected a PIN on standard input")
    return line.rstrip("\r\n")


def run(args: argparse.Namespace) -> int:
    try:
        pin = _read_pin()
    except (EOFError, KeyboardInterrupt):
        print("kiosk pin-hash: expected a PIN on standard input", file=sys.stderr)
        return PROBLEM
    except ValueError as exc:
        print(f"kiosk pin-hash: {exc}", file=sys.stderr)
        return PROBLEM
    try:
        record = hash_record(pin)
    except ValueError as exc:
        print(f"kiosk pin-hash: not this PIN: {exc}", file=sys.stderr)
        return PROBLEM
    sys.stdout.write(record.decode("ascii"))
    return OK
