"""The admin PIN: stored only as a salted scrypt hash; wrong guesses lock the PIN pad.

``kiosk set-pin`` sets it; until then :meth:`PinStore.is_set` is False and the hidden admin
gesture does nothing. A new PIN must pass the PIN policy (kiosk/core/pin_policy.py); a PIN set
before the policy keeps working, and :meth:`PinStore.policy_warning` says it should be
replaced. Wrong PINs lock the pad for longer and longer (kiosk/core/lockout.py: a file of its
own, timed by the injected wall clock, so tests need no sleeping). Setting a PIN, wrong PINs and
locks are recorded in the audit log (kiosk/core/audit.py); the PIN itself never is.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import platformdirs

from kiosk.core.audit import AuditEvent, AuditLog
from kiosk.core.lockout import LOCKOUT_FILE_NAME, TRIES_PER_ROUND, Lockout
from kiosk.core.pin_policy import existing_pin_weakness, new_pin_problem
from kiosk.core.settings import APP_NAME
from kiosk.core.storage import reason_for, write_atomically

PIN_FILE_NAME = "admin-pin.json"
#: What may open the admin screen: a PIN of the policy, or an older one of 4 or 5 digits.
PIN_PATTERN = re.compile(r"[0-9]{4,12}")
#: scrypt cost: about 16 MB per check, and quick enough for a PIN pad.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_MAX_SCRYPT_N = 2**20  # refuse a tampered file that would make every check hang
_FORMAT = 1
#: In a record whose PIN passed the PIN policy (kiosk/core/pin_policy.py) when it was set.
_POLICY = 1


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
    policy: bool  # the PIN passed the PIN policy when it was set

    def matches(self, pin: str) -> bool:
        candidate = _scrypt(pin, self.salt, self.n, self.r, self.p, len(self.digest))
        return hmac.compare_digest(candidate, self.digest)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=256 * r * n + 2**20
    )


def hash_record(pin: str) -> bytes:
    """The PIN file's content for ``pin``: a salted hash, never the PIN. ValueError (with the
    reason, in plain words) for a PIN the policy refuses."""
    problem = new_pin_problem(pin)
    if problem:
        raise ValueError(problem)
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
        "policy": _POLICY,
    }
    return (json.dumps(record, indent=1) + "\n").encode("ascii")


class PinStore:
    def __init__(
        self,
        path: Path | None = None,
        clock: Callable[[], float] = time.time,
        *,
        audit: AuditLog | None = None,
    ) -> None:
        self.path = path or default_pin_path()
        self.audit = audit or AuditLog.off()
        #: the wrong-PIN count and the lock, in a file of its own beside the PIN file
        self.lockout = Lockout(self.path.with_name(LOCKOUT_FILE_NAME), clock, self.audit)
        #: why a PIN file exists but cannot be used (damaged), or None
        self.problem: str | None = None
        #: why the PIN that last opened the admin screen should be replaced, or None
        self.last_weakness: str | None = None

    @property
    def clock(self) -> Callable[[], float]:
        return self.lockout.clock

    def is_set(self) -> bool:
        """True when a usable PIN is stored (read afresh, so `kiosk set-pin` applies at once)."""
        return self._read() is not None

    def set_pin(self, pin: str, by: str = "kiosk set-pin") -> None:
        """Store a new PIN (6-12 digits, not a weak one) as a salted hash, and clear the lockout.
        ValueError with the reason for a PIN the policy refuses; StorageError when it cannot be
        written (the old PIN then stays). ``by`` says who set it, for the audit log."""
        data = hash_record(pin)
        replaced = self.path.exists()
        write_atomically(self.path, data, keep_backup=False, private=True)
        self.audit.record(AuditEvent.PIN_SET, by=by, replaced=replaced)
        self.lockout.clear("the PIN was set")
        self.last_weakness = None

    def seconds_locked(self) -> int:
        """Seconds until the pad takes a PIN again; 0 when it is not locked."""
        return self.lockout.status().seconds_left(self.clock())

    def end_lapsed_lock(self) -> None:
        """End (and record) a lock whose time ran out while nobody tried a PIN."""
        self.lockout.status()

    def check(self, pin: str) -> PinResult:
        state = self.lockout.status()
        if state.until is not None:
            self.lockout.refused(state)
            return PinResult(PinStatus.LOCKED, seconds_left=state.seconds_left(self.clock()))
        stored = self._read()
        if stored is None:
            return PinResult(PinStatus.NOT_SET)
        if PIN_PATTERN.fullmatch(pin) and stored.matches(pin):
            self.lockout.correct(state)
            self.last_weakness = existing_pin_weakness(pin)
            return PinResult(PinStatus.OK)
        failures = state.failures + 1
        tries_left = max(0, TRIES_PER_ROUND - failures)
        self.audit.record(AuditEvent.PIN_WRONG, failures=failures, tries_left=tries_left)
        state = self.lockout.wrong(state)  # the fifth in a row locks the pad
        if state.until is not None:
            return PinResult(PinStatus.LOCKED, seconds_left=state.lock_s)
        return PinResult(PinStatus.WRONG, attempts_left=tries_left)

    def policy_warning(self) -> str | None:
        """Why the stored PIN should be replaced, as far as the file tells (`kiosk check`): a
        PIN set before the PIN policy may be 4 or 5 digits, or a common one."""
        stored = self._read()
        if stored is None or stored.policy:
            return None
        return (
            "it was set before new PINs needed 6 to 12 digits and may be short or common: "
            "set a new one with `kiosk set-pin`"
        )

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
    return _Hash(salt, digest, n, r, p, raw.get("policy") == _POLICY)
