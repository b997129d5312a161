"""Usage counts: per day, nothing personal, and never lost or fatal when the store is damaged."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re

import pytest

from helpers.fakes import FakeClock
from kiosk.core import storage
from kiosk.core.usage import UsageCounts, default_usage_path

DAY = dt.date(2026, 11, 26)


def visit(counts: UsageCounts, pages: list[str], languages=(), finished=False, idle=False):
    counts.session_started()
    for page in pages:
        counts.page_reached(page)
    for code in languages:
        counts.language_chosen(code)
    if finished:
        counts.finished()
    if idle:
        counts.ended_by_idle()


def test_counts_sessions_languages_furthest_page_finished_and_idle():
    counts = UsageCounts(clock=FakeClock(DAY))
    visit(counts, ["language", "changes", "account"], ["es"], idle=True)
    visit(counts, ["language", "changes", "account", "setup", "unknowns", "done"], ["en"], True)
    visit(counts, ["language", "changes", "changes", "language", "changes"], ["vi", "es", "vi"])
    [day] = counts.days()
    assert day.day == DAY
    assert day.sessions_started == 3
    assert day.finished == 1
    assert day.ended_by_idle == 1
    assert dict(day.languages) == {"es": 2, "en": 1, "vi": 1}  # once per session
    assert dict(day.furthest_page) == {"account": 1, "done": 1, "changes": 1}


def test_going_back_does_not_lower_the_furthest_page():
    counts = UsageCounts(clock=FakeClock(DAY))
    visit(counts, ["language", "changes", "account", "changes", "language"])
    assert dict(counts.days()[0].furthest_page) == {"account": 1}


def test_a_session_belongs_to_the_day_it_started():
    calendar = FakeClock(dt.date(2026, 11, 25))
    counts = UsageCounts(clock=calendar)
    counts.session_started()
    counts.page_reached("changes")
    calendar.now = DAY  # midnight passes while the visitor reads
    counts.page_reached("done")
    counts.finished()
    counts.session_started()
    first, second = counts.days()
    assert (first.day, first.sessions_started, first.finished) == (dt.date(2026, 11, 25), 1, 1)
    assert dict(first.furthest_page) == {"done": 1}
    assert (second.day, second.sessions_started, dict(second.furthest_page)) == (
        DAY,
        1,
        {"welcome": 1},
    )


def test_events_outside_a_session_and_unknown_values_are_ignored():
    counts = UsageCounts(clock=FakeClock(DAY))
    counts.page_reached("done")
    counts.language_chosen("es")
    counts.finished()
    counts.ended_by_idle()
    assert counts.days() == []
    counts.session_started()
    counts.language_chosen("klingon")
    counts.page_reached("admin")
    counts.finished()
    counts.finished()
    counts.ended_by_idle()
    counts.ended_by_idle()  # the session is over: not counted twice
    counts.page_reached("done")
    [day] = counts.days()
    assert (day.finished, day.ended_by_idle, dict(day.languages)) == (1, 1, {})
    assert dict(day.furthest_page) == {"welcome": 1}


def test_flush_writes_and_a_new_run_reads_them_back():
    calendar = FakeClock(DAY)
    counts = UsageCounts(clock=calendar)
    visit(counts, ["language", "changes"], ["ko"], idle=True)
    counts.flush()
    assert default_usage_path().is_file()
    calendar.now = DAY + dt.timedelta(days=1)
    again = UsageCounts(clock=calendar)
    assert again.days() == counts.days()
    visit(again, ["language"], ["ko"])
    again.flush()
    third = UsageCounts(clock=calendar)
    assert [d.sessions_started for d in third.days()] == [1, 1]
    assert third.total().sessions_started == 2
    assert dict(third.total().languages) == {"ko": 2}
    assert third.problem is None


def test_the_stored_file_holds_nothing_finer_than_the_day_and_no_choices():
    counts = UsageCounts(clock=FakeClock(DAY))
    visit(counts, ["language", "changes", "account", "setup", "unknowns", "done"], ["es"], True)
    counts.flush()
    text = default_usage_path().read_text(encoding="utf-8")
    data = json.loads(text)
    assert set(data) == {"format", "note", "days"}
    assert list(data["days"]) == ["2026-11-26"]
    for word in ("phone", "video", "messaging", "account_answer", "has_account", "not_sure"):
        assert word not in text
    assert not re.search(r"\d\d:\d\d", text)  # no time of day anywhere


def test_read_only_view_cannot_change_the_counts():
    counts = UsageCounts(clock=FakeClock(DAY))
    visit(counts, ["language"], ["es"])
    day = counts.days()[0]
    with pytest.raises(TypeError):
        day.languages["es"] = 99  # type: ignore[index]
    assert counts.days()[0].languages["es"] == 1


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff\x89PNG binary",
        b'{"format": 1, "days": {"2026-11-26": {"sessions_started": 3',
        b'{"format": 2, "days": {}}',
        b'{"format": 1, "days": {"yesterday": {}}}',
        b'{"format": 1, "days": {"2026-11-26": {"sessions_started": -4}}}',
        b'{"format": 1, "days": {"2026-11-26": {"finished": "many"}}}',
        b'{"format": 1, "days": {"2026-11-26": {"languages": {"xx": 1}}}}',
        b'{"format": 1, "days": {"2026-11-26": {"visitor_name": "Ana"}}}',
        b'{"format": 1, "days": []}',
        b"[1, 2, 3]",
        b"[" * 100_000,
    ],
    ids=[
        "empty",
        "binary",
        "truncated",
        "other-format",
        "bad-day",
        "negative",
        "not-a-number",
        "unknown-language",
        "unknown-field",
        "days-list",
        "list",
        "nested-too-deep",
    ],
)
def test_a_corrupt_store_is_set_aside_and_counting_starts_afresh(content):
    path = default_usage_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    counts = UsageCounts(clock=FakeClock(DAY))
    kept = path.with_name("usage.json.corrupt-20261126")
    assert kept.read_bytes() == content  # the damaged file is the operator's, untouched
    assert counts.problem is not None
    assert counts.problem.startswith(f"{path}: the usage counts are damaged")
    assert "kept as usage.json.corrupt-20261126, counting started afresh" in counts.problem
    assert counts.days() == []
    visit(counts, ["language"], ["es"])
    counts.flush()
    assert UsageCounts(clock=FakeClock(DAY)).days()[0].sessions_started == 1
    assert kept.read_bytes() == content


def test_a_corrupt_store_that_cannot_be_set_aside_is_never_overwritten(monkeypatch):
    path = default_usage_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{damaged")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    with monkeypatch.context() as patch:
        patch.setattr(storage, "_replace", read_only)
        counts = UsageCounts(clock=FakeClock(DAY))
        assert "could not set it aside (the folder is read-only)" in (counts.problem or "")
        visit(counts, ["language", "changes"], ["es"])
        counts.flush()  # must not raise, must not write
    counts.flush()  # even once the folder is writable again: the damaged file stays
    assert path.read_bytes() == b"{damaged"
    assert counts.days()[0].sessions_started == 1  # still counting in memory


def test_read_only_mode_never_touches_a_corrupt_store():
    path = default_usage_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{damaged")
    counts = UsageCounts(clock=FakeClock(DAY), read_only=True)
    assert "damaged" in (counts.problem or "")
    assert sorted(p.name for p in path.parent.iterdir()) == ["usage.json"]
    assert path.read_bytes() == b"{damaged"


def test_an_unreadable_store_is_reported_and_never_overwritten():
    path = default_usage_path()
    path.mkdir(parents=True)  # something that cannot be read as a file
    counts = UsageCounts(clock=FakeClock(DAY))
    assert "cannot read the usage counts" in (counts.problem or "")
    visit(counts, ["language"])
    counts.flush()
    assert path.is_dir()


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the folder is read-only")],
)
def test_a_failing_write_is_reported_and_counting_goes_on(monkeypatch, code, reason):
    counts = UsageCounts(clock=FakeClock(DAY))
    visit(counts, ["language"], ["es"])
    counts.flush()
    saved = default_usage_path().read_bytes()

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    with monkeypatch.context() as patch:
        patch.setattr(storage, "_write_all", fail)
        visit(counts, ["language", "changes"], ["ar"])
        counts.flush()  # no exception reaches the UI
    assert counts.problem == (
        f"usage counts not saved (cannot save {default_usage_path()}: {reason}); "
        "still counting in memory"
    )
    assert default_usage_path().read_bytes() == saved
    visit(counts, ["language"], ["ar"])
    counts.flush()
    assert counts.problem is None
    reread = UsageCounts(clock=FakeClock(DAY)).days()[0]
    assert (reread.sessions_started, dict(reread.languages)) == (3, {"es": 1, "ar": 2})
