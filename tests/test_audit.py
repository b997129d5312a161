"""The audit log's hash chain: any one line changed or removed is named by the verify; a torn last
line (a power cut while writing) is reported as torn and mended; rotation by size continues the
chain and keeps more than a year of a busy kiosk's events."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core import audit as audit_module
from kiosk.core import storage
from kiosk.core.audit import (
    CURRENT_NAME,
    GENESIS,
    KEEP_ROTATED,
    MAX_FILE_BYTES,
    AuditEvent,
    AuditLog,
    audit_files,
    read_entries,
    verify,
)

T0 = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8)))


class Ticking:
    """A clock that moves one minute on at each reading."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "audit"


@pytest.fixture
def log(folder) -> AuditLog:
    return AuditLog(folder, now=Ticking())


def fill(log: AuditLog, count: int) -> None:
    for n in range(count):
        log.record(AuditEvent.SETTING_CHANGED, key="idle_timeout_s", old=90 + n, new=91 + n)


def all_lines(folder: Path) -> list[tuple[Path, int]]:
    """(file, index in file) of every line, oldest first."""
    return [
        (path, i)
        for path in audit_files(folder)
        for i in range(len(path.read_bytes().splitlines()))
    ]


def rewrite(path: Path, index: int, change) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    lines[index : index + 1] = change(lines[index])
    path.write_bytes(b"".join(lines))


@pytest.fixture
def small_files(monkeypatch):
    """Files of about four lines, so a few events span several files."""
    monkeypatch.setattr(audit_module, "MAX_FILE_BYTES", 700)


def test_each_line_holds_the_hash_of_the_line_before(log, folder):
    fill(log, 3)
    raw = (folder / CURRENT_NAME).read_bytes().splitlines()
    records = [json.loads(line) for line in raw]
    assert [r["seq"] for r in records] == [1, 2, 3]
    assert records[0]["prev"] == GENESIS
    assert records[1]["prev"] == hashlib.sha256(raw[0]).hexdigest()
    assert records[2]["prev"] == hashlib.sha256(raw[1]).hexdigest()
    assert records[0] == {
        "seq": 1,
        "time": "2026-11-26T09:01:00-08:00",
        "event": "setting_changed",
        "key": "idle_timeout_s",
        "old": 90,
        "new": 91,
        "prev": GENESIS,
    }
    result = verify(folder)
    assert result.ok and result.events == 3 and result.torn is None
    assert result.head == hashlib.sha256(raw[2]).hexdigest()
    assert result.head_event == 3


def test_the_chain_continues_across_rotated_files(log, folder, small_files):
    fill(log, 10)
    files = audit_files(folder)
    assert len(files) >= 3
    assert files[-1].name == CURRENT_NAME
    assert files[0].name == "audit.000000001.jsonl"
    last_of_first = files[0].read_bytes().splitlines()[-1]
    first_of_next = json.loads(files[1].read_bytes().splitlines()[0])
    assert first_of_next["prev"] == hashlib.sha256(last_of_first).hexdigest()
    assert files[1].name == f"audit.{first_of_next['seq']:09d}.jsonl"
    assert all(p.stat().st_size <= 700 for p in files)
    result = verify(folder)
    assert result.ok, result.broken
    assert result.events == 10


@pytest.mark.parametrize("index", range(9))  # every line but the last (see --head below)
def test_removing_any_one_line_is_named(log, folder, small_files, index):
    fill(log, 10)
    path, i = all_lines(folder)[index]
    rewrite(path, i, lambda line: [])
    result = verify(folder)
    assert not result.ok
    assert f"event {index + 1}" in result.broken
    assert "removed" in result.broken


@pytest.mark.parametrize("index", range(9))
def test_changing_any_one_line_is_named(log, folder, small_files, index):
    fill(log, 10)
    path, i = all_lines(folder)[index]
    rewrite(path, i, lambda line: [line.replace(b'"new": ', b'"new": 1')])
    result = verify(folder)
    assert not result.ok
    assert result.broken.startswith(f"{path.name} line {i + 1} (event {index + 1}) was changed")


@pytest.mark.parametrize(
    "change",
    [lambda line: [], lambda line: [line.replace(b'"new": ', b'"new": 1')]],
    ids=["removed", "changed"],
)
def test_the_last_line_shows_against_a_head_recorded_elsewhere(log, folder, change):
    fill(log, 5)
    head = verify(folder).head
    path, i = all_lines(folder)[-1]
    rewrite(path, i, change)
    assert verify(folder).ok  # what the chain alone cannot show
    result = verify(folder, expect_head=head)
    assert not result.ok
    assert result.broken == (
        f"the head recorded earlier ({head}) is not in the log: lines at its end were removed "
        "or changed"
    )
    fill(log, 1)  # later events do not hide it either
    assert not verify(folder, expect_head=head).ok


def test_a_head_recorded_earlier_is_found_after_later_events(log, folder):
    fill(log, 3)
    head = verify(folder).head
    fill(log, 4)
    assert verify(folder, expect_head=head).ok


def test_a_line_that_is_no_record_in_the_middle_is_named(log, folder):
    fill(log, 4)
    rewrite(folder / CURRENT_NAME, 1, lambda line: [b"hello\n"])
    assert verify(folder).broken == "audit.jsonl line 2 is not a whole audit record: it was changed"


@pytest.mark.parametrize(
    "tail", [b'{"seq": 4, "time": "2026-11-26T0', b"\0" * 300], ids=["cut off", "zeros"]
)
def test_a_torn_last_line_is_reported_as_torn_then_mended(log, folder, tail):
    fill(log, 3)
    head = verify(folder).head
    with open(folder / CURRENT_NAME, "ab") as file:
        file.write(tail)  # the power went while the fourth line was written
    result = verify(folder)
    assert result.ok
    assert result.broken is None
    assert result.torn == (
        "audit.jsonl line 4, the last line, is incomplete: writing it was cut off, most likely "
        "by a power cut. The kiosk removes it at its next event and records its hash."
    )
    assert result.head == head and result.events == 3
    log.record(AuditEvent.KIOSK_STARTED, mode="kiosk mode", version="0.1.0", content_version="x")
    records = [e.data for e in read_entries(folder)]
    assert records[3] is not None
    assert records[3]["event"] == "torn_line_removed"
    assert records[3]["length"] == len(tail)
    assert records[3]["sha256"] == hashlib.sha256(tail).hexdigest()
    assert records[4]["event"] == "kiosk_started"
    mended = verify(folder, expect_head=head)
    assert mended.ok and mended.torn is None and mended.events == 5


def test_rotation_keeps_the_newest_files_and_the_verify_says_where_it_starts(
    log, folder, small_files, monkeypatch
):
    monkeypatch.setattr(audit_module, "KEEP_ROTATED", 3)
    fill(log, 30)
    rotated = [p for p in audit_files(folder) if p.name != CURRENT_NAME]
    assert len(rotated) == 3
    result = verify(folder)
    assert result.ok, result.broken
    assert result.first_event > 1
    assert (
        f"it starts at event {result.first_event}: the older files were removed by rotation"
        in result.summary()
    )
    # but a line cut from the start of the oldest file kept is seen: files begin at their name
    rewrite(rotated[0], 0, lambda line: [])
    assert "the lines before it were removed" in verify(folder).broken


def test_removing_the_first_lines_of_a_log_that_never_rotated_is_seen(log, folder):
    fill(log, 4)
    rewrite(folder / CURRENT_NAME, 0, lambda line: [])
    assert verify(folder).broken == (
        "audit.jsonl line 1 (event 2) should be event 1: the lines before it were removed"
    )


# A busy kiosk's day, as docs/operator.md ("Audit log") estimates it. The lockout bounds the
# guessing: at its full length (an hour), 5 wrong PINs and a lock that begins and ends per hour.
BUSY_DAY = (
    [(AuditEvent.KIOSK_STARTED, {"mode": "kiosk mode", "version": "0.1.0",
                                 "content_version": "2026.12.3"})] * 2
    + [(AuditEvent.KIOSK_STOPPED, {"code": 0, "signal": "SIGTERM"})] * 2
    + [(AuditEvent.ADMIN_OPENED, {}), (AuditEvent.ADMIN_CLOSED, {"how": "Close button"})] * 3
    + [(AuditEvent.SETTING_CHANGED, {"key": "languages", "old": ["en", "es", "zh_Hant", "vi",
        "tl", "ko", "hy", "fa", "ru", "ar", "pa", "km", "hmn"], "new": ["en", "es", "vi", "ko"],
        "file": "/home/kiosk/.config/visitor-kiosk/settings.toml"})] * 5
    + [(AuditEvent.CONTENT_INSTALLED, {"version": "2026.12.3", "checked_on": "2026-11-26",
        "source": "/media/kiosk/USB STICK/visitor-kiosk-content.toml", "sha256": "a" * 64})]
    + 24 * (
        [(AuditEvent.PIN_WRONG, {"failures": n, "tries_left": 5 - n}) for n in range(1, 6)]
        + [(AuditEvent.LOCKOUT_BEGAN, {"seconds": 3600, "until": "2026-11-26T10:01:00-08:00"}),
           (AuditEvent.LOCKOUT_ENDED, {"how": "time ran out", "ended":
                                       "2026-11-26T10:01:00-08:00", "refused": 12})]
    )
)  # fmt: skip
EVENTS_PER_BUSY_DAY = 200


def test_the_files_kept_hold_more_than_a_year_of_a_busy_kiosk(log, folder):
    assert len(BUSY_DAY) <= EVENTS_PER_BUSY_DAY
    for event, fields in BUSY_DAY:
        log.record(event, **fields)
    per_event = (folder / CURRENT_NAME).stat().st_size / len(BUSY_DAY)
    per_day = per_event * EVENTS_PER_BUSY_DAY
    longest = max(len(line) + 1 for line in (folder / CURRENT_NAME).read_bytes().splitlines())
    kept = KEEP_ROTATED * (MAX_FILE_BYTES - longest)  # at least this, when the oldest goes
    days = kept / per_day
    assert days >= 365, f"{per_event:.0f} bytes an event: {days:.0f} days"


def test_a_log_that_cannot_be_written_never_stops_the_kiosk(log, folder, monkeypatch, caplog):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    fill(log, 1)
    monkeypatch.setattr(storage, "_write_all", disk_full)
    with caplog.at_level(logging.WARNING):
        log.record(AuditEvent.ADMIN_OPENED)  # no exception
    assert log.problem == (
        f"the audit log in {folder} cannot be written: cannot save "
        f"{folder / CURRENT_NAME}: the disk is full"
    )
    assert "audit event admin_opened not recorded" in caplog.text
    monkeypatch.undo()
    log.record(AuditEvent.ADMIN_CLOSED, how="idle")
    assert log.problem is None
    assert verify(folder).events == 2


def test_a_reserved_name_cannot_be_a_field(log):
    with pytest.raises(ValueError, match="prev: reserved"):
        log.record(AuditEvent.ADMIN_OPENED, prev="x")


WRITER = """
import sys
from pathlib import Path
from kiosk.core.audit import AuditEvent, AuditLog
log = AuditLog(Path(sys.argv[1]))
for n in range(40):
    log.record(AuditEvent.PIN_WRONG, failures=1, tries_left=4)
"""


def test_two_processes_writing_at_once_keep_one_chain(folder):
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(folder)]) for _ in range(2)]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    result = verify(folder)
    assert result.ok, result.broken
    assert result.events == 80
