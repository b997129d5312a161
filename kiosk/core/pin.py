"""The admin PIN: stored only as a salted scrypt hash; wrong guesses are rate-limited.

``kiosk set-pin`` sets it; until then :meth:`PinStore.is_set` is False and the hidden admin
gesture does nothing. After :data:`MAX_ATTEMPTS` wrong PINs in a row, every check is refused for
:data:`LOCK_SECONDS` (timed by the injected monotonic clock, so tests need no sleeping). The
count of wrong guesses is kept in memory: a visitor cannot restart a locked-down kiosk.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import math
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import platformdirs

from kiosk.core.settings import APP_NAME
from kiosk.core.storage import reason_for, write_atomically

PIN_FILE_NAME = "admin-pin.json"
PIN_PATTERN = re.compile(r"[0-9]{4,12}")
MAX_ATTEMPTS = 5
LOCK_SECONDS = 60
#: scrypt cost: about 16 MB per check, and quick enough for a PIN pad.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_MAX_SCRYPT_N = 2**20  # refuse a tampered file that would make every check hang
_FORMAT = 1


def default_pin_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / PIN_FILE_NAME


class PinStatus(enum.Enum):
    OK = "ok"
    WRONG = "wrong"  # see PinResult.attempts_left
    LOCKED = "locked"  # see PinResult.seconds_left
    NOT_SET = "not set"  # no PIN yet (or its file is damaged: see PinStore.problem)


# A NamedTuple, not a dataclass: it is made before the first frame (see kiosk/core/content.py).
class PinResult(NamedTuple):
    status: PinStatus
    attempts_left: int = 0  # WRONG: how many more tries before the lock
    seconds_left: int = 0  # LOCKED: whole seconds until the next try is allowed

    @property
    def ok(self) -> bool:
        return self.status is PinStatus.OK


class _Hash(NamedTuple):
    salt: bytes
    digest: bytes
    n: int
    r: int
    p: int

    def matches(self, pin: str) -> bool:
        candidate = _scrypt(pin, self.salt, self.n, self.r, self.p, len(self.digest))
        return hmac.compare_digest(candidate, self.digest)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=256 * r * n + 2**20
    )


class PinStore:
    def __init__(
        self, path: Path | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.path = path or default_pin_path()
        self.clock = clock
        self._wrong = 0
        self._locked_until: float | None = None
        #: why a PIN file exists but cannot be used (damaged), or None
        self.problem: str | None = None

    def is_set(self) -> bool:
        """True when a usable PIN is stored (read afresh, so `kiosk set-pin` applies at once)."""
        return self._read() is not None

    def set_pin(self, pin: str) -> None:
        """Store a new PIN (4-12 digits) as a salted hash. ValueError for a bad PIN;
        StorageError when it cannot be written (the old PIN then stays)."""
        if not PIN_PATTERN.fullmatch(pin):
            raise ValueError("a PIN is 4 to 12 digits (0-9), nothing else")
        salt = secrets.token_bytes(16)
        digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, 32)
        record = {
            "format": _FORMAT,
            "algorithm": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": salt.hex(),
            "hash": digest.hex(),
        }
        data = (json.dumps(record, indent=1) + "\n").encode("ascii")
        write_atomically(self.path, data, keep_backup=False, private=True)
        self._wrong = 0
        self._locked_until = None

    def check(self, pin: str) -> PinResult:
        now = self.clock()
        if self._locked_until is not None:
            if now < self._locked_until:
                return PinResult(PinStatus.LOCKED, seconds_left=math.ceil(self._locked_until - now))
            self._locked_until = None
            self._wrong = 0
        stored = self._read()
        if stored is None:
            return PinResult(PinStatus.NOT_SET)
        if PIN_PATTERN.fullmatch(pin) and stored.matches(pin):
            self._wrong = 0
            return PinResult(PinStatus.OK)
        self._wrong += 1
        if self._wrong >= MAX_ATTEMPTS:
            self._locked_until = now + LOCK_SECONDS
            return PinResult(PinStatus.LOCKED, seconds_left=LOCK_SECONDS)
        return PinResult(PinStatus.WRONG, attempts_left=MAX_ATTEMPTS - self._wrong)

    def _read(self) -> _Hash | None:
        self.problem = None
        try:
            raw = json.loads(self.path.read_bytes()[:4096].decode("ascii"))
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.problem = f"{self.path}: cannot read the PIN ({reason_for(exc)})"
            return None
        except (ValueError, RecursionError):
            raw = None
        try:
            return _parse(raw)
        except (TypeError, ValueError, KeyError):
            self.problem = (
                f"{self.path}: the PIN file is damaged; set the PIN again with `kiosk set-pin`"
            )
            return None


def _parse(raw: object) -> _Hash:
    if not isinstance(raw, dict) or raw.get("format") != _FORMAT or raw["algorithm"] != "scrypt":
        raise ValueError("not a PIN file")
    n, r, p = (raw[k] for k in ("n", "r", "p"))
    if not all(type(v) is int and v > 0 for v in (n, r, p)) or n > _MAX_SCRYPT_N or r * p > 64:
        raise ValueError("bad scrypt parameters")
    if n < 2 or n & (n - 1):
        raise ValueError("n must be a power of two, at least 2")
    salt, digest = bytes.fromhex(raw["salt"]), bytes.fromhex(raw["hash"])
    if len(salt) < 8 or not 16 <= len(digest) <= 64:
        raise ValueError("bad salt or hash")
    return _Hash(salt, digest, n, r, p)
