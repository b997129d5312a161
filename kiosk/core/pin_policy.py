"""What a new admin PIN must be: 6 to 12 digits, and not one a patient guesser tries first.

The rules, each refused with a plain reason (:func:`new_pin_problem`):

- 6 to 12 digits (0-9), nothing else;
- not one digit repeated (``777777``);
- not a run up or down (``345678``, ``876543``; ``0`` follows ``9``, as on a keypad);
- not a group of digits repeated (``123123``, ``121212``, ``0909090909``);
- not one of :data:`COMMON_PINS`.

A PIN set before these rules (4 or 5 digits, or a common one) keeps opening the admin screen;
``kiosk check`` and the admin screen say it should be replaced.
"""

from __future__ import annotations

import itertools
import re

MIN_DIGITS = 6
MAX_DIGITS = 12
_DIGITS = re.compile(r"[0-9]+")

#: The all-digit passwords of 6 digits among the 1,000 most common passwords of Mark Burnett's
#: "ten million passwords" set (released to the public domain on xato.net in February 2015 with
#: the post "Today I Am Releasing Ten Million Passwords"; gathered from public breach dumps),
#: as published in SecLists:
#: https://github.com/danielmiessler/SecLists/blob/master/Passwords/Common-Credentials/xato-net-10-million-passwords-1000.txt
#: In that list's order, most common first. Some are also caught by the rules above.
COMMON_SIX_DIGIT_PINS = (
    "123456", "111111", "123123", "696969", "666666", "123321", "654321", "121212", "000000",
    "112233", "555555", "131313", "777777", "159753", "222222", "123654", "987654", "999999",
    "333333", "232323", "888888", "159357", "789456", "101010", "444444", "212121", "102030",
    "252525", "315475", "007007", "111222", "147147", "147258", "010203", "147852", "420420",
    "242424", "123789", "098765", "141414", "202020", "852456", "159951", "134679", "151515",
    "456789",
)  # fmt: skip
#: The same list's all-digit passwords of 7 to 12 digits.
COMMON_LONGER_PINS = (
    "12345678", "123456789", "1234567", "1234567890", "7777777", "11111111", "987654321",
    "88888888", "123123123", "87654321", "12344321", "8675309", "12341234", "1111111",
    "4815162342", "01012011", "69696969", "11223344", "789456123", "12121212", "147258369",
    "0987654321", "1234554321", "98765432", "55555555", "77777777", "00000000", "7654321",
    "9379992", "123654789", "741852963", "1111111111", "147852369", "01011980",
)  # fmt: skip
COMMON_PINS = frozenset(COMMON_SIX_DIGIT_PINS + COMMON_LONGER_PINS)

LENGTH_RULE = f"a new PIN is {MIN_DIGITS} to {MAX_DIGITS} digits (0-9), nothing else"


def new_pin_problem(pin: str) -> str | None:
    """Why ``pin`` may not be set as a new PIN, in plain words; None when it may."""
    if not (_DIGITS.fullmatch(pin) and pin.isascii() and MIN_DIGITS <= len(pin) <= MAX_DIGITS):
        return LENGTH_RULE
    if len(set(pin)) == 1:
        return "it is one digit repeated, which is guessed first"
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if steps == {1}:
        return "its digits run up in order, which is guessed first"
    if steps == {9}:
        return "its digits run down in order, which is guessed first"
    if any(pin == pin[:size] * (len(pin) // size) for size in _periods(len(pin))):
        return "it is a group of digits repeated, which is guessed first"
    if pin in COMMON_PINS:
        return "it is one of the most common PINs in leaked password lists"
    return None


def _periods(length: int) -> list[int]:
    """The group sizes that repeat to fill ``length`` digits (2 and 3 for 6 digits)."""
    return [size for size in range(2, length // 2 + 1) if length % size == 0]


def existing_pin_weakness(pin: str) -> str | None:
    """Why a PIN that opened the admin screen should be replaced (one set before the policy),
    in plain words; None when it would pass as a new PIN."""
    if len(pin) < MIN_DIGITS:
        return f"it has only {len(pin)} digits; a new PIN has {MIN_DIGITS} to {MAX_DIGITS}"
    return new_pin_problem(pin)
