"""The PIN policy: a new PIN is 6 to 12 digits and not one a patient guesser tries first; each
refusal says why in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core import pin_policy
from kiosk.core.pin_policy import (
    COMMON_PINS,
    COMMON_SIX_DIGIT_PINS,
    LENGTH_RULE,
    existing_pin_weakness,
    new_pin_problem,
)

REPEATED = "it is one digit repeated, which is guessed first"
UP = "its digits run up in order, which is guessed first"
DOWN = "its digits run down in order, which is guessed first"
GROUP = "it is a group of digits repeated, which is guessed first"
COMMON = "it is one of the most common PINs in leaked password lists"


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("2468", LENGTH_RULE),
        ("24680", LENGTH_RULE),
        ("1234567890123", LENGTH_RULE),
        ("35084x", LENGTH_RULE),
        ("000000", REPEATED),
        ("777777777777", REPEATED),
        ("345678", UP),
        ("7890123", UP),  # 0 follows 9, as on a keypad
        ("876543", DOWN),
        ("3210987654", DOWN),
        ("123123", GROUP),
        ("909090", GROUP),
        ("482048204820", GROUP),
        ("159753", COMMON),  # an X over the keypad
        ("112233", COMMON),
        ("147258", COMMON),
        ("8675309", COMMON),
    ],
)
def test_weak_pins_are_refused_with_a_plain_reason(pin, reason):
    assert new_pin_problem(pin) == reason


@pytest.mark.parametrize("pin", ["350842", "618093", "9051736", "314159265358"])
def test_other_pins_pass(pin):
    assert new_pin_problem(pin) is None


def test_the_common_list_has_twenty_six_digit_pins_at_least_with_its_source_cited():
    assert len(COMMON_SIX_DIGIT_PINS) >= 20
    assert len(set(COMMON_SIX_DIGIT_PINS)) == len(COMMON_SIX_DIGIT_PINS)
    assert all(len(p) == 6 and p.isdigit() for p in COMMON_SIX_DIGIT_PINS)
    assert all(p.isdigit() and 7 <= len(p) <= 12 for p in COMMON_PINS - {*COMMON_SIX_DIGIT_PINS})
    source = Path(pin_policy.__file__).read_text(encoding="utf-8")
    assert "xato-net-10-million-passwords-1000.txt" in source  # the published list, cited


def test_an_old_pin_that_opened_the_screen_is_told_why_to_replace_it():
    assert existing_pin_weakness("2468") == "it has only 4 digits; a new PIN has 6 to 12"
    assert existing_pin_weakness("13579") == "it has only 5 digits; a new PIN has 6 to 12"
    assert existing_pin_weakness("123456") == UP
    assert existing_pin_weakness("350842") is None
