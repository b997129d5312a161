"""The admin PIN: a salted hash only; wrong PINs lock the pad for longer and longer, in a lockout
file of its own that a restart keeps; timed by a fake wall clock."""

from __future__ import annotations

import errno
import hmac
import json
import os
import re
import stat

import pytest

from helpers.fakes import FakeClock
from helpers.pins import GOOD_PIN, write_legacy_pin
from kiosk.core import pin as pin_module
from kiosk.core import storage
from kiosk.core.lockout import FIRST_LOCK_S, LOCKOUT_FILE_NAME, MAX_LOCK_S
from kiosk.core.pin import PinResult, PinStatus, PinStore, default_pin_path
from kiosk.core.pin_policy import LENGTH_RULE
from kiosk.core.storage import StorageError

WRONG = "970531"


@pytest.fixture(autouse=True)
def cheap_hash(monkeypatch):
    # A cheap hash keeps the many-tries tests fast; the real cost is checked on its own below.
    monkeypatch.setattr(pin_module, "SCRYPT_N", 2**8)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_800_000_000.0)  # wall-clock seconds, as time.time gives


@pytest.fixture
def store(clock) -> PinStore:
    s = PinStore(clock=clock)
    s.set_pin(GOOD_PIN)
    return s


def lockout_file() -> dict:
    return json.loads(default_pin_path().with_name(LOCKOUT_FILE_NAME).read_text("ascii"))


def one_round(store: PinStore) -> PinResult:
    """Five wrong PINs in a row; the result of the fifth."""
    results = [store.check(WRONG) for _ in range(5)]
    assert [r.attempts_left for r in results[:4]] == [4, 3, 2, 1]
    return results[-1]


def test_until_a_pin_is_set_nothing_opens(clock):
    store = PinStore(clock=clock)
    assert not store.is_set()
    assert store.problem is None
    assert store.check("0000") == PinResult(PinStatus.NOT_SET)
    assert not store.check("").ok


def test_the_right_pin_opens(store):
    assert store.is_set()
    assert store.check(GOOD_PIN) == PinResult(PinStatus.OK)
    assert store.check(GOOD_PIN).ok


def test_only_a_salted_hash_is_stored_privately(monkeypatch):
    monkeypatch.setattr(pin_module, "SCRYPT_N", 2**14)  # the real cost
    store = PinStore()
    store.set_pin(GOOD_PIN)
    path = default_pin_path()
    text = path.read_text(encoding="ascii")
    assert GOOD_PIN not in text
    record = json.loads(text)
    assert (record["algorithm"], record["n"], record["r"], record["p"]) == ("scrypt", 2**14, 8, 1)
    assert record["policy"] == 1  # it passed the PIN policy
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store.set_pin(GOOD_PIN)
    again = json.loads(path.read_text(encoding="ascii"))
    assert again["salt"] != record["salt"]  # a new salt each time
    assert again["hash"] != record["hash"]


def test_the_comparison_is_constant_time(store, monkeypatch):
    compared = []
    real = hmac.compare_digest

    def spy(a, b):
        compared.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert store.check(GOOD_PIN).ok
    assert not store.check(WRONG).ok
    assert compared == [(32, 32), (32, 32)]


@pytest.mark.parametrize(
    "bad",
    [
        "12345",  # short
        "1234567890123",  # long
        "12a456",
        "",
        " 350842",
        "350842\n",
        "٣٥٠٨٤٢",  # Arabic-Indic digits
        "\uff13\uff15\uff10\uff18\uff14\uff12",  # full-width digits
        "3508.42",
    ],
)
def test_a_new_pin_is_six_to_twelve_plain_digits(bad):
    store = PinStore()
    with pytest.raises(ValueError, match=re.escape(LENGTH_RULE)):
        store.set_pin(bad)
    assert not default_pin_path().exists()


@pytest.mark.parametrize("good", ["350842", "314159265358"])
def test_pins_at_the_limits_are_accepted(good):
    store = PinStore()
    store.set_pin(good)
    assert store.check(good).ok


def test_a_new_pin_from_set_pin_applies_at_once(store):
    other = PinStore()  # as `kiosk set-pin` would, while the kiosk runs
    other.set_pin("618093")
    assert not store.check(GOOD_PIN).ok
    assert store.check("618093").ok


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff binary",
        b'{"format": 1}',
        b'{"format": 1, "algorithm": "md5", "n": 2, "r": 1, "p": 1, "salt": "", "hash": ""}',
        b'{"format": 1, "algorithm": "scrypt", "n": 1073741824, "r": 8, "p": 1, '
        b'"salt": "00112233445566778899aabbccddeeff", "hash": "' + b"ab" * 32 + b'"}',
        b'{"format": 1, "algorithm": "scrypt", "n": 1, "r": 8, "p": 1, '
        b'"salt": "00112233445566778899aabbccddeeff", "hash": "' + b"ab" * 32 + b'"}',
        b'{"format": 1, "algorithm": "scrypt", "n": 16384, "r": 8, "p": 1, '
        b'"salt": "zz", "hash": "ab"}',
        b"[" * 4000,
    ],
    ids=[
        "empty",
        "binary",
        "fields-missing",
        "other-algorithm",
        "huge-cost",
        "n-1",
        "bad-hex",
        "nested-too-deep",
    ],
)
def test_a_damaged_pin_file_opens_nothing_and_says_so(clock, content):
    path = default_pin_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = PinStore(clock=clock)
    assert not store.is_set()
    assert store.problem == (
        f"{path}: the PIN file is damaged; set the PIN again with `kiosk set-pin`"
    )
    assert store.check(GOOD_PIN).status is PinStatus.NOT_SET
    assert path.read_bytes() == content


def test_a_failed_save_keeps_the_old_pin(store, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage, "_write_all", disk_full)
    with pytest.raises(StorageError, match="the disk is full"):
        store.set_pin("618093")
    assert store.check(GOOD_PIN).ok


# -- an old PIN ----------------------------------------------------------------------------------
def test_an_old_four_digit_pin_still_opens_and_is_marked_for_replacing(clock):
    write_legacy_pin(default_pin_path(), "2468")
    store = PinStore(clock=clock)
    assert store.policy_warning() == (
        "it was set before new PINs needed 6 to 12 digits and may be short or common: "
        "set a new one with `kiosk set-pin`"
    )
    assert store.check("2468").ok
    assert store.last_weakness == "it has only 4 digits; a new PIN has 6 to 12"
    store.set_pin(GOOD_PIN)
    assert store.policy_warning() is None
    assert store.last_weakness is None


# -- the lockout ---------------------------------------------------------------------------------
def test_five_wrong_pins_lock_the_pad_for_a_minute_even_for_the_right_pin(store, clock):
    assert one_round(store) == PinResult(PinStatus.LOCKED, seconds_left=FIRST_LOCK_S)
    clock.now += 20.5
    assert store.check(GOOD_PIN) == PinResult(PinStatus.LOCKED, seconds_left=40)
    clock.now += 39
    assert store.check(GOOD_PIN).seconds_left == 1
    clock.now += 1
    assert store.check(GOOD_PIN).ok


def test_the_lock_doubles_with_each_round_up_to_an_hour(store, clock):
    lengths = []
    for _ in range(8):
        result = one_round(store)
        assert result.status is PinStatus.LOCKED
        lengths.append(result.seconds_left)
        assert lockout_file()["lock_seconds"] == result.seconds_left
        clock.now += result.seconds_left
    assert lengths == [60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert MAX_LOCK_S == 3600


def test_a_correct_pin_resets_the_count_and_the_length(store, clock):
    for length in (60, 120):
        assert one_round(store).seconds_left == length
        clock.now += length
    store.check(WRONG)
    assert store.check(GOOD_PIN).ok
    assert one_round(store).seconds_left == 60  # five tries, then the first length again


def test_a_restart_keeps_the_lockout_and_its_length(store, clock):
    for length in (60, 120):
        assert one_round(store).seconds_left == length
        if length == 60:
            clock.now += length
    clock.now += 30
    restarted = PinStore(clock=clock)  # the plug pulled: only the files are left
    assert restarted.check(GOOD_PIN) == PinResult(PinStatus.LOCKED, seconds_left=90)
    clock.now += 90
    assert one_round(restarted).seconds_left == 240  # the length goes on doubling


def test_the_wrong_pins_of_a_round_survive_a_restart(store, clock):
    for _ in range(3):
        store.check(WRONG)
    restarted = PinStore(clock=clock)
    assert restarted.check(WRONG) == PinResult(PinStatus.WRONG, attempts_left=1)
    assert restarted.check(WRONG).status is PinStatus.LOCKED


def test_a_clock_set_back_ends_the_lock_no_later_than_its_length_from_now(store, clock):
    one_round(store)  # locked for 60 s from now
    clock.now -= 86_400  # the clock jumps back a day
    assert store.seconds_locked() == 60  # not a day and a minute
    clock.now += 59
    assert store.check(GOOD_PIN).status is PinStatus.LOCKED
    clock.now += 1
    assert store.check(GOOD_PIN).ok


def test_the_lockout_is_a_file_of_its_own_and_the_pin_file_is_never_touched(store, clock):
    pin_file = default_pin_path().read_bytes()
    one_round(store)
    assert default_pin_path().read_bytes() == pin_file
    state = lockout_file()
    assert state["failures"] == 0
    assert state["lock_seconds"] == 60
    assert state["locked_until"] == clock.now + 60
    assert state["locked_until_text"]  # the end, readable for staff
    path = default_pin_path().with_name(LOCKOUT_FILE_NAME)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_setting_the_pin_clears_the_lockout(store, clock):
    one_round(store)
    one_round_later = clock.now + 60
    clock.now = one_round_later
    one_round(store)  # 120 s now
    PinStore(clock=clock).set_pin("618093")  # `kiosk set-pin` at the console
    assert store.check("618093").ok
    state = lockout_file()
    assert (state["failures"], state["lock_seconds"], state["locked_until"]) == (0, 0, None)


def test_a_damaged_lockout_file_is_named_and_set_pin_mends_it(store, clock):
    path = default_pin_path().with_name(LOCKOUT_FILE_NAME)
    path.write_bytes(b'{"format": 1, "failures": "many"}')
    assert store.check(GOOD_PIN).ok
    assert store.lockout.problem == (
        f"{path}: the lockout file is damaged; `kiosk set-pin` resets it"
    )
    store.set_pin("618093")
    assert lockout_file()["failures"] == 0
    assert store.check("618093").ok
    assert store.lockout.problem is None


def test_a_lockout_that_cannot_be_saved_holds_for_this_run(store, clock, monkeypatch):
    disk_full = True
    write_all = storage._write_all

    def full_disk(fd, data):
        if disk_full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write_all(fd, data)

    monkeypatch.setattr(storage, "_write_all", full_disk)
    assert one_round(store).status is PinStatus.LOCKED
    assert store.check(GOOD_PIN).status is PinStatus.LOCKED
    disk_full = False
    clock.now += 10
    store.check(GOOD_PIN)  # the disk has room again: the lock is written
    assert lockout_file()["lock_seconds"] == 60
