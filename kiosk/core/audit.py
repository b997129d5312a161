"""The audit log: what staff did and what touched the kiosk's security, as a chain of JSON lines.

Kept apart from the general log (kiosk/core/logs.py), in ``audit/`` in the state folder. Each
line is one event::

    {"seq": 17, "time": "2026-11-26T14:03:07-08:00", "event": "admin_closed", "how": "idle",
     "prev": "<SHA-256 of line 16, as hex>"}

``seq`` counts the events from 1; ``prev`` is the SHA-256 of the bytes of the line before (the
first event's is :data:`GENESIS`), so a changed or removed line breaks the chain and
:func:`verify` names it. What the chain does not prove: whoever can write the file can rebuild
the whole chain, and lines cut off at the end leave a shorter chain that is intact; only a head
hash recorded elsewhere (``kiosk audit --verify`` prints it) shows that.

Only staff and security events are recorded (:class:`AuditEvent`), never anything a visitor
chose: no language, no service, no page. A PIN is never recorded, nor how long or how common
it is.

Each line is flushed to the disk before :meth:`AuditLog.record` returns, so a power cut leaves
at most the last line torn. :func:`verify` reports a torn last line as torn, not as tampering;
the next record cuts it off and records its length and hash
(:attr:`AuditEvent.TORN_LINE_REMOVED`), so the chain goes on from the last whole line.

The current file is ``audit.jsonl``. When it would pass :data:`MAX_FILE_BYTES` it is renamed
``audit.<first seq>.jsonl`` and a new one begins; the chain continues across files. The
:data:`KEEP_ROTATED` newest rotated files are kept, which holds more than a year of a busy
kiosk's events (see docs/operator.md, "Audit log", for the estimate); the oldest goes first.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

from kiosk.core.settings import APP_NAME
from kiosk.core.storage import (
    StorageError,
    append_durably,
    cut_durably,
    exclusive_lock,
    remove_durably,
    rename_durably,
)

AUDIT_DIR_NAME = "audit"
CURRENT_NAME = "audit.jsonl"
LOCK_NAME = "audit.lock"
_ROTATED = re.compile(r"audit\.([0-9]{9})\.jsonl")
#: A file is rotated before it would grow past this.
MAX_FILE_BYTES = 1024 * 1024
#: Rotated files kept besides the current one.
KEEP_ROTATED = 40
#: The ``prev`` of the very first event.
GENESIS = "0" * 64
#: Longer texts in a field are cut to this many characters (a line stays short).
MAX_TEXT = 300
_RESERVED = frozenset({"seq", "time", "event", "prev"})

log = logging.getLogger(__name__)


class AuditEvent(enum.Enum):
    """The kinds of event, with the fields each one carries."""

    KIOSK_STARTED = "kiosk_started"  # mode, version, content_version
    KIOSK_STOPPED = "kiosk_stopped"  # code, and signal when the system asked it to stop
    RUN_ENDED_WITHOUT_STOP = "run_ended_without_stop"  # started: the time that run began
    FALLBACK = "fallback"  # what ("settings", "content pack"), problem, shown (what is used)
    PIN_SET = "pin_set"  # by ("kiosk set-pin", "admin screen"), replaced (a PIN was set before)
    PIN_WRONG = "pin_wrong"  # failures (in a row, this round), tries_left
    LOCKOUT_BEGAN = "lockout_began"  # seconds, until
    LOCKOUT_ENDED = "lockout_ended"  # how ("time ran out", "PIN set"), refused (tries refused)
    ADMIN_OPENED = "admin_opened"  # pin_should_be_replaced (true) for a PIN set before the policy
    ADMIN_CLOSED = "admin_closed"  # how ("Close button", "idle", "Exit kiosk", ...), unsaved
    SETTING_CHANGED = "setting_changed"  # key, old, new, file
    CONTENT_INSTALLED = "content_installed"  # version, checked_on, source, sha256
    CONTENT_REFUSED = "content_refused"  # source, sha256, version (when known), reason
    SETTINGS_INSTALLED = "settings_installed"  # source, sha256, keys (now managed), file
    SETTINGS_REFUSED = "settings_refused"  # source, sha256, reason, kept_as
    INCOMING_REFUSED = "incoming_refused"  # source, sha256, reason, kept_as (an unknown name)
    STAFF_EXIT = "staff_exit"  # code
    TORN_LINE_REMOVED = "torn_line_removed"  # file, length, sha256 of the torn bytes

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    AuditEvent.KIOSK_STARTED: "kiosk started",
    AuditEvent.KIOSK_STOPPED: "kiosk stopped",
    AuditEvent.RUN_ENDED_WITHOUT_STOP: "the previous run ended without a stop",
    AuditEvent.FALLBACK: "a bad operator file: the kiosk fell back",
    AuditEvent.PIN_SET: "admin PIN set",
    AuditEvent.PIN_WRONG: "wrong PIN",
    AuditEvent.LOCKOUT_BEGAN: "PIN pad locked",
    AuditEvent.LOCKOUT_ENDED: "PIN pad lock ended",
    AuditEvent.ADMIN_OPENED: "admin screen opened",
    AuditEvent.ADMIN_CLOSED: "admin screen closed",
    AuditEvent.SETTING_CHANGED: "setting changed",
    AuditEvent.CONTENT_INSTALLED: "content pack installed",
    AuditEvent.CONTENT_REFUSED: "content pack refused",
    AuditEvent.SETTINGS_INSTALLED: "central settings installed",
    AuditEvent.SETTINGS_REFUSED: "central settings refused",
    AuditEvent.INCOMING_REFUSED: "a file in the incoming folder refused",
    AuditEvent.STAFF_EXIT: "staff exit",
    AuditEvent.TORN_LINE_REMOVED: "torn last line removed (a power cut while writing)",
}


def default_audit_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / AUDIT_DIR_NAME


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def line_hash(line: bytes) -> str:
    """The SHA-256 of one line's bytes (without its newline), as the next line's ``prev``."""
    return hashlib.sha256(line).hexdigest()


class AuditEntry(NamedTuple):
    """One line of the audit log as read back: ``data`` is None when it is not a record."""

    file: Path
    line: int  # from 1, in its file
    raw: bytes
    data: dict[str, Any] | None

    @property
    def where(self) -> str:
        seq = f" (event {self.data['seq']})" if self.data else ""
        return f"{self.file.name} line {self.line}{seq}"


def _record(raw: bytes) -> dict[str, Any] | None:
    """The record on one line, or None when the line is not a whole record."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    seq, prev = data.get("seq"), data.get("prev")
    if type(seq) is not int or seq < 1 or not isinstance(prev, str) or len(prev) != 64:
        return None
    if not isinstance(data.get("event"), str) or not isinstance(data.get("time"), str):
        return None
    return data


def _clean(value: Any) -> Any:
    """A field's value as JSON can hold it, texts cut to MAX_TEXT."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value[:50]]
    if isinstance(value, dict):
        return {str(k)[:MAX_TEXT]: _clean(v) for k, v in list(value.items())[:50]}
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def audit_files(folder: Path) -> list[Path]:
    """The audit files in ``folder``, oldest first: the rotated ones, then the current one."""
    try:
        names = [p for p in folder.iterdir() if _ROTATED.fullmatch(p.name)]
    except OSError:
        names = []
    files = sorted(names, key=lambda p: p.name)
    current = folder / CURRENT_NAME
    if current.exists():
        files.append(current)
    return files


def _lines(path: Path) -> tuple[list[bytes], bool]:
    """The lines of one file (without newlines), and whether the file ends with a newline."""
    return _lines_of(path.read_bytes())


def _lines_of(data: bytes) -> tuple[list[bytes], bool]:
    if not data:
        return [], True
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        return lines[:-1], True
    return lines, False


def _tail(path: Path) -> tuple[bytes | None, int, bytes | None]:
    """The last whole record of ``path``, the size up to its end, and the torn bytes after it
    (a last line without its newline, or one that is not a record), if any."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, 0, None
    lines, newline_at_end = _lines_of(data)
    end, torn = len(data), None
    if lines and (not newline_at_end or _record(lines[-1]) is None):
        end -= len(lines.pop()) + (1 if newline_at_end else 0)
        torn = data[end:]
    return (lines[-1] if lines else None), end, torn


def read_entries(folder: Path | None = None) -> Iterator[AuditEntry]:
    """Every line of the audit log, oldest first."""
    for path in audit_files(folder or default_audit_dir()):
        try:
            lines, _ = _lines(path)
        except OSError:
            continue
        for number, raw in enumerate(lines, 1):
            yield AuditEntry(path, number, raw, _record(raw))


def describe(entry: AuditEntry) -> str:
    """One event in words for staff: its time, what happened, and its fields."""
    data = entry.data
    if data is None:
        return f"{entry.where}: not a whole record"
    time = data["time"][:19].replace("T", " ")
    try:
        what = AuditEvent(data["event"]).label
    except ValueError:
        what = data["event"]
    fields = [f"{key}: {_show(value)}" for key, value in data.items() if key not in _RESERVED]
    return f"{time}  {what}" + (f" ({'; '.join(fields)})" if fields else "")


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class AuditLog:
    """Appends events to the audit log in ``folder``. :meth:`record` never raises: when the log
    cannot be written, :attr:`problem` says why and the general log says which event was lost.
    """

    def __init__(
        self,
        folder: Path | None = None,
        now: Callable[[], dt.datetime] = _now,
        *,
        enabled: bool = True,
    ) -> None:
        self.folder = folder or default_audit_dir()
        self.now = now
        self.enabled = enabled
        #: why the last event could not be written, or None
        self.problem: str | None = None

    @classmethod
    def off(cls) -> AuditLog:
        """A log that records nothing (windows built by tests and tools)."""
        return cls(Path("."), enabled=False)

    def record(self, event: AuditEvent, **fields: Any) -> None:
        """Append one event with its fields (texts, numbers, true/false, lists of those)."""
        clash = _RESERVED & fields.keys()
        if clash:
            raise ValueError(f"{', '.join(sorted(clash))}: reserved in an audit record")
        if not self.enabled:
            return
        try:
            with exclusive_lock(self.folder / LOCK_NAME):
                self._append(event, {k: _clean(v) for k, v in fields.items()})
            self.problem = None
        except (StorageError, OSError) as exc:
            self.problem = f"the audit log in {self.folder} cannot be written: {exc}"
            log.warning("audit event %s not recorded: %s", event.value, self.problem)

    def _append(self, event: AuditEvent, fields: dict[str, Any]) -> None:
        current = self.folder / CURRENT_NAME
        last, size, torn = _tail(current)
        if last is None:
            last = self._last_line_before(current)
        seq = (_record(last) or {"seq": 0})["seq"] if last else 0
        prev = line_hash(last) if last else GENESIS
        lines: list[bytes] = []
        if torn is not None:
            cut_durably(current, size)
            seq += 1
            removed = {"file": current.name, "length": len(torn), "sha256": line_hash(torn)}
            lines.append(self._line(seq, AuditEvent.TORN_LINE_REMOVED, removed, prev))
            prev = line_hash(lines[-1])
        seq += 1
        lines.append(self._line(seq, event, fields, prev))
        data = b"".join(line + b"\n" for line in lines)
        if size and size + len(data) > MAX_FILE_BYTES:
            self._rotate(current)
        append_durably(current, data, private=True)

    def _line(self, seq: int, event: AuditEvent, fields: dict[str, Any], prev: str) -> bytes:
        record = {
            "seq": seq,
            "time": self.now().isoformat(timespec="seconds"),
            "event": event.value,
            **fields,
            "prev": prev,
        }
        return json.dumps(record, ensure_ascii=False).encode("utf-8")

    def _last_line_before(self, current: Path) -> bytes | None:
        """The last line of the newest rotated file (the current file is empty or missing)."""
        rotated = [p for p in audit_files(self.folder) if p != current]
        if not rotated:
            return None
        try:
            lines, _ = _lines(rotated[-1])
        except OSError:
            return None
        return lines[-1] if lines else None

    def _rotate(self, current: Path) -> None:
        try:
            with open(current, "rb") as file:
                first = _record(file.readline().rstrip(b"\n"))
        except OSError:
            first = None
        number = first["seq"] if first else 0
        rename_durably(current, self.folder / f"audit.{number:09d}.jsonl")
        rotated = [p for p in audit_files(self.folder) if p.name != CURRENT_NAME]
        for old in rotated[: max(0, len(rotated) - KEEP_ROTATED)]:
            remove_durably(old)

    # -- reading back ------------------------------------------------------------------------
    def recent(self, count: int = 20) -> list[AuditEntry]:
        """The last ``count`` whole records, oldest first (from the newest two files)."""
        if not self.enabled:
            return []
        entries: list[AuditEntry] = []
        for path in audit_files(self.folder)[-2:]:
            try:
                lines, _ = _lines(path)
            except OSError:
                continue
            for number, raw in enumerate(lines, 1):
                data = _record(raw)
                if data is not None:
                    entries.append(AuditEntry(path, number, raw, data))
        return entries[-count:]

    def unfinished_start(self) -> AuditEntry | None:
        """The last "kiosk started" when no "kiosk stopped" follows it: that run ended without
        a stop (a crash, a power cut, a killed process). None otherwise."""
        runs = {AuditEvent.KIOSK_STARTED.value, AuditEvent.KIOSK_STOPPED.value}
        for entry in reversed(self.recent(10**9)):
            assert entry.data is not None
            if entry.data["event"] in runs:
                return entry if entry.data["event"] == AuditEvent.KIOSK_STARTED.value else None
        return None


class Verification(NamedTuple):
    """What :func:`verify` found."""

    events: int  # whole records read
    files: int
    head: str | None  # the SHA-256 of the last whole record: record it elsewhere
    head_event: int | None  # its seq
    broken: str | None  # the first broken line and why; None when the chain is intact
    torn: str | None  # a torn last line (a power cut while writing), which is not tampering
    first_event: int | None  # the oldest event kept (above 1: older files were rotated away)

    @property
    def ok(self) -> bool:
        return self.broken is None

    def summary(self) -> list[str]:
        """The result in words, one finding a line."""
        if self.broken:
            lines = [f"BROKEN: {self.broken}"]
        elif not self.events:
            lines = ["no events recorded yet"]
        else:
            lines = [f"intact: {_count(self.events, 'event')} in {_count(self.files, 'file')}"]
            if self.first_event and self.first_event > 1:
                lines.append(
                    f"it starts at event {self.first_event}: the older files were removed by "
                    "rotation"
                )
        if self.torn:
            lines.append(f"torn: {self.torn}")
        if self.head:
            lines.append(f"head: {self.head} (event {self.head_event})")
        return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def verify(folder: Path | None = None, expect_head: str | None = None) -> Verification:
    """Check the chain across every file, oldest first. ``expect_head`` is a head hash recorded
    earlier: the chain is broken unless one of its lines still has that hash."""
    folder = folder or default_audit_dir()
    files = audit_files(folder)
    events, prev_hash, prev_seq, prev_where = 0, "", 0, ""
    first_event: int | None = None
    torn: str | None = None
    found_head = expect_head is None
    expect = (expect_head or "").strip().lower()

    def result(broken: str | None) -> Verification:
        return Verification(
            events,
            len(files),
            prev_hash or None,
            prev_seq or None,
            broken,
            torn,
            first_event,
        )

    for index, path in enumerate(files):
        try:
            lines, newline_at_end = _lines(path)
        except OSError as exc:
            return result(f"{path.name}: cannot read it ({exc.strerror or exc})")
        last_file = index == len(files) - 1
        for number, raw in enumerate(lines, 1):
            where = f"{path.name} line {number}"
            data = _record(raw)
            last_line = last_file and number == len(lines)
            if last_line and (data is None or not newline_at_end):
                torn = (
                    f"{where}, the last line, is incomplete: writing it was cut off, most "
                    "likely by a power cut. The kiosk removes it at its next event and "
                    "records its hash."
                )
                break
            if data is None:
                return result(f"{where} is not a whole audit record: it was changed")
            seq = data["seq"]
            where = f"{where} (event {seq})"
            if first_event is None:
                first_event = seq
                named = _ROTATED.fullmatch(path.name)
                if named and int(named.group(1)) != seq:
                    return result(
                        f"{where} should be event {int(named.group(1))}, the first of its "
                        "file: the lines before it were removed"
                    )
                if not named and seq != 1:
                    return result(f"{where} should be event 1: the lines before it were removed")
                if seq == 1 and data["prev"] != GENESIS:
                    return result(f"{where} does not begin the chain: it was changed")
            elif seq != prev_seq + 1:
                if seq > prev_seq + 1:
                    missing = (
                        f"event {prev_seq + 1}"
                        if seq == prev_seq + 2
                        else f"events {prev_seq + 1} to {seq - 1}"
                    )
                    return result(f"{missing} removed: {where} follows {prev_where}")
                return result(f"{where} comes after event {prev_seq}: lines were moved or changed")
            elif data["prev"] != prev_hash:
                return result(
                    f"{prev_where} was changed: {where}, the next line, holds another hash for it"
                )
            prev_hash, prev_seq, prev_where = line_hash(raw), seq, where
            events += 1
            if prev_hash == expect:
                found_head = True
    if not found_head:
        return result(
            f"the head recorded earlier ({expect}) is not in the log: lines at its end were "
            "removed or changed"
        )
    return result(None)
