"""The PIN pad's lockout: 5 wrong PINs in a row lock it, each further round twice as long.

A round is :data:`TRIES_PER_ROUND` wrong PINs in a row. The first round locks the pad for
:data:`FIRST_LOCK_S`; each further one doubles the lock, up to :data:`MAX_LOCK_S`. A correct
PIN resets both the count and the length. While locked, every PIN is refused, even the right
one, without being checked.

The state lives in a file of its own (``admin-lockout.json`` beside the PIN file), written
atomically on every change: the wrong PINs of the current round, the length of the latest
lock, and the wall-clock time the lock ends. It is not in the PIN file, so setting the PIN (by
hand or by a deployment tool) never races a wrong tap. A restart or a power cut keeps the lock.
The state is read afresh at each check, so `kiosk set-pin`, which clears it, applies at once to
a running kiosk.

The end is wall-clock time, so that it survives a restart; if the clock jumps backwards, the
lock still ends no later than its length from the moment that is seen. If the file cannot be
written (a full disk), the state is kept in memory and written at the next change.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from kiosk.core.audit import AuditEvent, AuditLog
from kiosk.core.storage import StorageError, reason_for, write_atomically

LOCKOUT_FILE_NAME = "admin-lockout.json"
TRIES_PER_ROUND = 5
FIRST_LOCK_S = 60
MAX_LOCK_S = 60 * 60
_FORMAT = 1

log = logging.getLogger(__name__)


# A NamedTuple, not a dataclass: it is made before the first frame (see kiosk/core/content.py).
class LockState(NamedTuple):
    failures: int = 0  # wrong PINs in a row in the current round
    lock_s: int = 0  # the length of the latest lock; 0 since a correct PIN
    until: float | None = None  # wall-clock end of the lock in force (seconds since the epoch)
    refused: int = 0  # tries refused while this lock was in force

    def seconds_left(self, now: float) -> int:
        return max(0, math.ceil(self.until - now)) if self.until is not None else 0


def next_lock_seconds(previous: int) -> int:
    """The length of the next lock after one of ``previous`` seconds (0: none yet)."""
    return FIRST_LOCK_S if previous <= 0 else min(MAX_LOCK_S, previous * 2)


def _when(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch).astimezone().isoformat(timespec="seconds")


class Lockout:
    def __init__(
        self, path: Path, clock: Callable[[], float] = time.time, audit: AuditLog | None = None
    ) -> None:
        self.path = path
        self.clock = clock
        self.audit = audit or AuditLog.off()
        self._unsaved: LockState | None = None
        #: why the lockout file could not be read, or None
        self.problem: str | None = None

    # -- reading -------------------------------------------------------------------------------
    def peek(self) -> LockState:
        """The state now, clamped to the clock, changing no file (`kiosk check`)."""
        return self._clamped(self._read(), self.clock())

    def status(self) -> LockState:
        """The state now. A lock whose time has run out ends here (recorded in the audit log);
        a lock that a clock set back would make longer is shortened to its length from now."""
        now = self.clock()
        state = self._read()
        if state.until is not None and now >= state.until:
            self.audit.record(
                AuditEvent.LOCKOUT_ENDED,
                how="time ran out",
                ended=_when(state.until),
                refused=state.refused,
            )
            state = LockState(lock_s=state.lock_s)
            self._write(state)
            return state
        clamped = self._clamped(state, now)
        if clamped != state:
            self._write(clamped)
        return clamped

    @staticmethod
    def _clamped(state: LockState, now: float) -> LockState:
        if state.until is not None and state.until - now > state.lock_s:
            return state._replace(until=now + state.lock_s)
        return state

    # -- changing ------------------------------------------------------------------------------
    def refused(self, state: LockState) -> None:
        """A try while locked (not checked; only counted)."""
        self._write(state._replace(refused=state.refused + 1))

    def wrong(self, state: LockState) -> LockState:
        """A wrong PIN: counted, and the fifth in a row locks the pad."""
        failures = state.failures + 1
        if failures < TRIES_PER_ROUND:
            new = state._replace(failures=failures)
        else:
            length = next_lock_seconds(state.lock_s)
            new = LockState(0, length, self.clock() + length, 0)
        self._write(new)
        if new.until is not None:
            self.audit.record(AuditEvent.LOCKOUT_BEGAN, seconds=new.lock_s, until=_when(new.until))
        return new

    def correct(self, state: LockState) -> None:
        """The right PIN: the count and the lock length start again."""
        if state != LockState():
            self._write(LockState())

    def clear(self, how: str) -> None:
        """Staff set the PIN (`kiosk set-pin`, or the admin screen): no lock, no count."""
        state = self._read()
        if state.until is not None:
            self.audit.record(
                AuditEvent.LOCKOUT_ENDED,
                how=how,
                ended=_when(self.clock()),
                refused=state.refused,
            )
        if state != LockState() or self.path.exists():
            self._write(LockState())

    # -- the file ------------------------------------------------------------------------------
    def _read(self) -> LockState:
        if self._unsaved is not None:
            self._write(self._unsaved)  # try again; it stays in memory if that fails too
            if self._unsaved is not None:
                return self._unsaved
        self.problem = None
        try:
            raw = json.loads(self.path.read_bytes()[:4096].decode("ascii"))
        except FileNotFoundError:
            return LockState()
        except OSError as exc:
            self.problem = f"{self.path}: cannot read the lockout ({reason_for(exc)})"
            return LockState()
        except (ValueError, RecursionError):
            raw = None
        try:
            return _parse(raw)
        except (TypeError, ValueError, KeyError):
            self.problem = f"{self.path}: the lockout file is damaged; `kiosk set-pin` resets it"
            return LockState()

    def _write(self, state: LockState) -> None:
        record = {
            "format": _FORMAT,
            "failures": state.failures,
            "lock_seconds": state.lock_s,
            "locked_until": state.until,
            "locked_until_text": _when(state.until) if state.until is not None else None,
            "refused": state.refused,
        }
        try:
            data = (json.dumps(record, indent=1) + "\n").encode("ascii")
            write_atomically(self.path, data, keep_backup=False, private=True)
            self._unsaved = None
        except StorageError as exc:
            if self._unsaved is None:
                log.warning("lockout kept in memory only: %s", exc)
            self._unsaved = state


def _parse(raw: object) -> LockState:
    if not isinstance(raw, dict) or raw.get("format") != _FORMAT:
        raise ValueError("not a lockout file")
    failures, lock_s, until, refused = (
        raw["failures"],
        raw["lock_seconds"],
        raw["locked_until"],
        raw.get("refused", 0),
    )
    for number in (failures, lock_s, refused):
        if type(number) is not int or number < 0:
            raise ValueError("bad count")
    if until is not None and (isinstance(until, bool) or not isinstance(until, int | float)):
        raise ValueError("bad end time")
    if until is not None and not math.isfinite(until):
        raise ValueError("bad end time")
    return LockState(
        min(failures, TRIES_PER_ROUND - 1),
        min(lock_s, MAX_LOCK_S),
        float(until) if until is not None else None,
        refused,
    )
