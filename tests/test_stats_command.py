"""`kiosk stats`: readable tables per day, CSV for a spreadsheet (rows of many kiosks add up),
JSON for scripts; a damaged store is named."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import platform

import pytest

from kiosk.cli import main
from kiosk.core.usage import UsageCounts, default_usage_path


@pytest.fixture
def counted():
    """Two days of visits, as the kiosk would have counted them."""
    days = iter([dt.date(2026, 11, 25)] * 2 + [dt.date(2026, 11, 26)] * 3)
    counts = UsageCounts(clock=lambda: next(days))
    for pages, language, finished, idle in [
        (["language", "changes", "account"], "es", False, True),
        (["language", "changes", "account", "setup", "unknowns", "done"], "en", True, False),
        (["language", "changes", "account", "setup", "unknowns", "done"], "es", True, False),
        (["language"], "zh_Hant", False, True),
        (["language", "changes"], "es", False, True),
    ]:
        counts.session_started()
        for page in pages:
            counts.page_reached(page)
        counts.language_chosen(language)
        if finished:
            counts.finished()
        if idle:
            counts.ended_by_idle()
    counts.flush()
    return counts


def test_no_counts_yet(capsys):
    assert main(["stats"]) == 0
    assert capsys.readouterr().out == (
        f"No visitor sessions counted yet ({default_usage_path()}).\n"
    )


def test_tables_per_day_with_totals(counted, capsys):
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"Usage counts per day ({default_usage_path()})"
    sessions = lines[lines.index("Sessions") + 1 : lines.index("Sessions") + 6]
    assert sessions[0].split() == ["started", "finished", "ended", "by", "idle"]
    assert sessions[1].split() == ["2026-11-25", "2", "1", "1"]
    assert sessions[2].split() == ["2026-11-26", "3", "1", "2"]
    assert sessions[4].split() == ["total", "5", "2", "3"]
    start = lines.index("Languages chosen (sessions)")
    assert lines[start + 1].split() == ["en", "es", "zh_Hant"]
    assert lines[start + 2].split() == ["2026-11-25", "1", "1", "0"]
    assert lines[start + 5].split() == ["total", "1", "3", "1"]
    start = lines.index("Furthest page reached (sessions)")
    header = lines[start + 1].split()
    assert header == ["welcome", "language", "changes", "account", "setup", "unknowns", "done"]
    assert lines[start + 5].split() == ["total", "0", "1", "1", "1", "0", "0", "2"]


def test_csv_to_stdout_has_fixed_columns(counted, capsys):
    assert main(["stats", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["day"] for r in rows] == ["2026-11-25", "2026-11-26"]
    assert rows[1]["sessions_started"] == "3"
    assert rows[1]["language_es"] == "2"
    assert rows[1]["language_hmn"] == "0"  # every language has a column, chosen or not
    assert rows[0]["furthest_page_done"] == "1"
    assert len(rows[0]) == 6 + 13 + 7
    # Without kiosk_id, the host name; without facility_name, empty.
    assert {r["kiosk_id"] for r in rows} == {platform.node().split(".")[0]}
    assert {r["facility_name"] for r in rows} == {""}


def write_settings(tmp_path, text):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_files_of_many_kiosks_concatenate_into_one_table(counted, tmp_path, capsys):
    a = write_settings(tmp_path, 'kiosk_id = "cen-lobby-1"\nfacility_name = "Centinela"\n')
    assert main(["stats", "--settings", str(a), "--csv"]) == 0
    first = capsys.readouterr().out
    b = tmp_path / "b.toml"
    b.write_text('kiosk_id = "vsp-1"\nfacility_name = "Valley State Prison"\n', encoding="utf-8")
    assert main(["stats", "--settings", str(b), "--csv", "--no-header"]) == 0
    second = capsys.readouterr().out
    assert not second.startswith("kiosk_id")
    rows = list(csv.DictReader(io.StringIO(first + second)))
    assert [(r["kiosk_id"], r["facility_name"], r["day"]) for r in rows] == [
        ("cen-lobby-1", "Centinela", "2026-11-25"),
        ("cen-lobby-1", "Centinela", "2026-11-26"),
        ("vsp-1", "Valley State Prison", "2026-11-25"),
        ("vsp-1", "Valley State Prison", "2026-11-26"),
    ]
    assert sum(int(r["sessions_started"]) for r in rows) == 10


def test_json_for_scripts_counts_per_day_and_nothing_finer(counted, tmp_path, capsys):
    settings = write_settings(tmp_path, 'kiosk_id = "cen-lobby-1"\nfacility_name = "Centinela"\n')
    assert main(["stats", "--settings", str(settings), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "visitor-kiosk-stats"
    assert document["format_version"] == 1
    assert (document["kiosk_id"], document["facility_name"]) == ("cen-lobby-1", "Centinela")
    days = document["days"]
    assert [d["day"] for d in days] == ["2026-11-25", "2026-11-26"]
    assert days[1]["sessions_started"] == 3
    assert days[1]["languages"]["es"] == 2
    assert days[1]["furthest_page"]["done"] == 1
    assert set(days[0]) == {
        "day", "sessions_started", "finished", "ended_by_idle", "languages", "furthest_page",
    }  # fmt: skip


def test_a_kiosk_id_is_a_plain_name(tmp_path):
    from kiosk.core.settings import load_settings

    settings = load_settings(write_settings(tmp_path, 'kiosk_id = "lobby 1; rm"\n'))
    assert settings["kiosk_id"] == ""
    assert any("kiosk_id" in p and "letters, digits" in p for p in settings.problems)


def test_csv_to_a_file(counted, tmp_path, capsys):
    target = tmp_path / "usage.csv"
    assert main(["stats", "--csv", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote 2 days to {target}\n"
    assert main(["stats", "--csv"]) == 0
    assert target.read_text(encoding="utf-8") == capsys.readouterr().out


def test_a_damaged_store_is_named_and_left_alone(capsys):
    path = default_usage_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"format": 1, "days": ')
    assert main(["stats"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk stats: {path}: the usage counts are damaged")
    assert sorted(p.name for p in path.parent.iterdir()) == ["usage.json"]
    assert path.read_bytes() == b'{"format": 1, "days": '
