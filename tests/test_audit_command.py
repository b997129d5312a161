"""`kiosk audit`: the events newest last, --since and --json; --verify exits 0 when the chain is
intact and 1 naming the first broken line, and prints the head hash. `kiosk check` reports it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from helpers.fakes import FakeClock
from helpers.pins import write_legacy_pin
from kiosk.cli import main
from kiosk.core.audit import CURRENT_NAME, AuditEvent, AuditLog, default_audit_dir
from kiosk.core.pin import PinStore, default_pin_path


class Days:
    """A clock that starts on 24 November 2026 and moves a day on at each reading."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(days=1)
        return self.now


@pytest.fixture
def three_days() -> AuditLog:
    log = AuditLog(now=Days())
    log.record(AuditEvent.ADMIN_OPENED)
    log.record(AuditEvent.SETTING_CHANGED, key="text_size", old=100, new=150, file="/s.toml")
    log.record(AuditEvent.ADMIN_CLOSED, how="idle")
    return log


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["audit", *args])
    return code, capsys.readouterr().out


def test_the_events_are_printed_newest_last(capsys, three_days):
    code, out = run(capsys)
    assert code == 0
    assert out.splitlines() == [
        "2026-11-24 09:30:00  admin screen opened",
        "2026-11-25 09:30:00  setting changed (key: text_size; old: 100; new: 150; file: /s.toml)",
        "2026-11-26 09:30:00  admin screen closed (how: idle)",
    ]


def test_since_a_day_and_as_json(capsys, three_days):
    code, out = run(capsys, "--since", "2026-11-25", "--json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["event"] for r in records] == ["setting_changed", "admin_closed"]
    stored = (default_audit_dir() / CURRENT_NAME).read_text(encoding="utf-8").splitlines()
    assert out.splitlines() == stored[1:]  # exactly as stored


def test_an_empty_log_says_so(capsys):
    assert run(capsys) == (0, f"No audit events ({default_audit_dir()}).\n")
    code, out = run(capsys, "--verify")
    assert code == 0
    assert "no events recorded yet" in out


def test_verify_prints_the_head_and_exits_0_when_intact(capsys, three_days):
    code, out = run(capsys, "--verify")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Audit log: {default_audit_dir()}"
    assert lines[1] == "  intact: 3 events in 1 file"
    assert lines[2].startswith("  head: ") and lines[2].endswith(" (event 3)")
    head = lines[2].split()[1]
    assert run(capsys, "--verify", "--head", head)[0] == 0


def test_verify_exits_1_naming_the_first_broken_line(capsys, three_days):
    path = default_audit_dir() / CURRENT_NAME
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0].replace("admin_opened", "admin_closed") + "".join(lines[1:]))
    code, out = run(capsys, "--verify")
    assert code == 1
    assert out.splitlines()[1] == (
        "  BROKEN: audit.jsonl line 1 (event 1) was changed: audit.jsonl line 2 (event 2), the "
        "next line, holds another hash for it"
    )
    code, out = run(capsys, "--verify", "--json")
    assert code == 1
    result = json.loads(out)
    assert result["ok"] is False
    assert result["broken"].startswith("audit.jsonl line 1 (event 1) was changed")


def test_a_torn_last_line_is_reported_as_torn_and_exits_0(capsys, three_days):
    with open(default_audit_dir() / CURRENT_NAME, "ab") as file:
        file.write(b'{"seq": 4, "ti')
    code, out = run(capsys, "--verify")
    assert code == 0
    assert "  torn: audit.jsonl line 4, the last line, is incomplete" in out
    assert "BROKEN" not in out


def test_head_goes_with_verify(capsys):
    assert main(["audit", "--head", "ab"]) == 1
    assert capsys.readouterr().err == "kiosk audit: --head goes with --verify\n"


@pytest.fixture
def _qt(kiosk_app):
    """`kiosk check` measures fonts with Qt."""


def test_check_runs_the_verify_and_reports_it(capsys, three_days, _qt):
    code = main(["check"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"  audit log: {default_audit_dir()}: intact: 3 events in 1 file; head: " in out
    path = default_audit_dir() / CURRENT_NAME
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + lines[2])
    code = main(["check"])
    out = capsys.readouterr().out
    assert code == 1
    assert (
        "  ✗ audit log: event 2 removed: audit.jsonl line 2 (event 3) follows audit.jsonl line 1 "
        f"(event 1) (in {default_audit_dir()}; `kiosk audit --verify` says the same)"
    ) in out


def test_check_warns_of_an_old_short_pin_and_a_lock(capsys, _qt):
    write_legacy_pin(default_pin_path(), "2468")
    code = main(["check"])
    out = capsys.readouterr().out
    assert code == 0, out  # a warning, not a failure: the PIN still opens the admin screen
    assert (
        "  • admin PIN: replace it: it was set before new PINs needed 6 to 12 digits and may be "
        "short or common: set a new one with `kiosk set-pin`"
    ) in out
    store = PinStore(clock=FakeClock(dt.datetime.now().timestamp()))
    for _ in range(5):
        store.check("970531")
    out = (main(["check"]), capsys.readouterr().out)[1]
    assert (
        "  • admin PIN: the PIN pad is locked after wrong PINs, for 1 more minute; "
        "`kiosk set-pin` clears the lock"
    ) in out
