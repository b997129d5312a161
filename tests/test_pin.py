"""The admin PIN: a salted hash only, five tries then a minute's lock, timed by a fake clock."""

from __future__ import annotations

import errno
import json
import os
import stat

import pytest

from helpers.fakes import FakeClock
from kiosk.core import pin as pin_module
from kiosk.core import storage
from kiosk.core.pin import LOCK_SECONDS, PinResult, PinStatus, PinStore, default_pin_path
from kiosk.core.storage import StorageError


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock, monkeypatch) -> PinStore:
    # A cheap hash keeps the many-tries tests fast; the real cost is checked on its own below.
    monkeypatch.setattr(pin_module, "SCRYPT_N", 2**8)
    s = PinStore(clock=clock)
    s.set_pin("2468")
    return s


def test_until_a_pin_is_set_nothing_opens(clock):
    store = PinStore(clock=clock)
    assert not store.is_set()
    assert store.problem is None
    assert store.check("0000") == PinResult(PinStatus.NOT_SET)
    assert not store.check("").ok


def test_the_right_pin_opens(store):
    assert store.is_set()
    assert store.check("2468") == PinResult(PinStatus.OK)
    assert store.check("2468").ok


def test_only_a_salted_hash_is_stored_privately():
    store = PinStore()
    store.set_pin("2468")
    path = default_pin_path()
    text = path.read_text(encoding="ascii")
    assert "2468" not in text
    record = json.loads(text)
    assert (record["algorithm"], record["n"], record["r"], record["p"]) == ("scrypt", 2**14, 8, 1)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store.set_pin("2468")
    again = json.loads(path.read_text(encoding="ascii"))
    assert again["salt"] != record["salt"]  # a new salt each time
    assert again["hash"] != record["hash"]


def test_wrong_pins_count_down_then_lock_for_a_minute(store, clock):
    assert [store.check("1111").attempts_left for _ in range(4)] == [4, 3, 2, 1]
    fifth = store.check("1111")
    assert fifth == PinResult(PinStatus.LOCKED, seconds_left=LOCK_SECONDS)
    clock.now += 20.5
    locked = store.check("2468")  # even the right PIN waits out the lock
    assert locked == PinResult(PinStatus.LOCKED, seconds_left=40)
    clock.now += 39
    assert store.check("2468").seconds_left == 1
    clock.now += 1
    assert store.check("2468").ok


def test_after_the_lock_there_are_five_tries_again(store, clock):
    for _ in range(5):
        store.check("9999")
    clock.now += LOCK_SECONDS
    assert store.check("9999") == PinResult(PinStatus.WRONG, attempts_left=4)


def test_the_right_pin_resets_the_count(store):
    for _ in range(4):
        store.check("1357")
    assert store.check("2468").ok
    assert store.check("1357").attempts_left == 4


def test_the_comparison_is_constant_time(store, monkeypatch):
    import hmac

    compared = []
    real = hmac.compare_digest

    def spy(a, b):
        compared.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert store.check("2468").ok
    assert not store.check("8642").ok
    assert compared == [(32, 32), (32, 32)]


@pytest.mark.parametrize(
    "bad",
    [
        "123",
        "1234567890123",
        "12a4",
        "",
        " 1234",
        "1234\n",
        "١٢٣٤",
        "\uff11\uff12\uff13\uff14",  # full-width digits
        "12.34",
    ],
)
def test_a_pin_is_four_to_twelve_plain_digits(bad):
    store = PinStore()
    with pytest.raises(ValueError, match="4 to 12 digits"):
        store.set_pin(bad)
    assert not default_pin_path().exists()


@pytest.mark.parametrize("good", ["0000", "123456789012"])
def test_pins_at_the_limits_are_accepted(good):
    store = PinStore()
    store.set_pin(good)
    assert store.check(good).ok


def test_a_new_pin_from_set_pin_applies_at_once(store):
    other = PinStore()  # as `kiosk set-pin` would, while the kiosk runs
    other.set_pin("13579")
    assert not store.check("2468").ok
    assert store.check("13579").ok


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
    assert store.check("2468").status is PinStatus.NOT_SET
    assert path.read_bytes() == content


def test_a_failed_save_keeps_the_old_pin(store, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage, "_write_all", disk_full)
    with pytest.raises(StorageError, match="the disk is full"):
        store.set_pin("11223344")
    assert store.check("2468").ok
