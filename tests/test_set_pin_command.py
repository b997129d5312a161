"""`kiosk set-pin`: asked twice (terminal or pipe); a mismatch or a weak PIN changes nothing, and
setting the PIN clears the lockout. `kiosk pin-hash`: the record, printed and not stored."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from helpers.fakes import FakeClock
from kiosk.cli import main
from kiosk.core.lockout import LOCKOUT_FILE_NAME
from kiosk.core.pin import PinStatus, PinStore, default_pin_path


def run_with_input(monkeypatch, text: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    return main(["set-pin"])


def test_two_matching_lines_from_a_pipe_set_the_pin(monkeypatch, capsys):
    assert run_with_input(monkeypatch, "350842\n350842\n") == 0
    assert capsys.readouterr().out == (
        f"Admin PIN set. Only a salted hash is stored, in {default_pin_path()}\n"
    )
    assert PinStore().check("350842").ok


def test_windows_line_endings_and_no_final_newline_are_fine(monkeypatch):
    assert run_with_input(monkeypatch, "618093\r\n618093") == 0
    assert PinStore().check("618093").ok


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("618093\n618094\n", "the two PINs differ; nothing changed"),
        (
            "2468\n2468\n",
            "not this PIN: a new PIN is 6 to 12 digits (0-9), nothing else; nothing changed",
        ),
        (
            "000000\n000000\n",
            "not this PIN: it is one digit repeated, which is guessed first; nothing changed",
        ),
        (
            "123456\n123456\n",
            "not this PIN: its digits run up in order, which is guessed first; nothing changed",
        ),
        (
            "654321\n654321\n",
            "not this PIN: its digits run down in order, which is guessed first; nothing changed",
        ),
        (
            "159753\n159753\n",
            "not this PIN: it is one of the most common PINs in leaked password lists; "
            "nothing changed",
        ),
        ("618093\n", "expected the PIN twice; nothing changed"),
        ("", "expected the PIN twice; nothing changed"),
    ],
    ids=[
        "mismatch",
        "too-short",
        "repeated",
        "ascending",
        "descending",
        "common",
        "one-line",
        "nothing",
    ],
)
def test_a_mismatch_or_bad_pin_changes_nothing(monkeypatch, capsys, text, message):
    assert run_with_input(monkeypatch, "350842\n350842\n") == 0
    assert run_with_input(monkeypatch, text) == 1
    assert capsys.readouterr().err == f"kiosk set-pin: {message}\n"
    assert PinStore().check("350842").ok


def test_from_a_terminal_it_asks_twice_without_echo(monkeypatch):
    asked = []
    answers = iter(["905173", "905173"])

    def fake_getpass(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", terminal)
    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert main(["set-pin"]) == 0
    assert asked == ["New admin PIN (6-12 digits): ", "The same PIN again: "]
    assert PinStore().check("905173").ok


def test_a_real_pipe():
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "set-pin"],
        input="480261\n480261\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert PinStore().check("480261").ok


def test_set_pin_clears_the_lockout(monkeypatch, capsys):
    assert run_with_input(monkeypatch, "350842\n350842\n") == 0
    store = PinStore(clock=FakeClock(1_800_000_000.0))
    for _ in range(5):
        store.check("111111")
    assert store.check("350842").status is PinStatus.LOCKED
    assert run_with_input(monkeypatch, "618093\n618093\n") == 0
    assert store.check("618093").ok
    lockout = default_pin_path().with_name(LOCKOUT_FILE_NAME).read_text("ascii")
    assert '"locked_until": null' in lockout


def run_pin_hash(monkeypatch, text: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    return main(["pin-hash"])


def test_pin_hash_prints_the_record_and_stores_nothing(monkeypatch, capsys):
    assert run_pin_hash(monkeypatch, "350842\n") == 0
    out = capsys.readouterr().out
    assert "350842" not in out
    assert not default_pin_path().exists()
    default_pin_path().parent.mkdir(parents=True)
    default_pin_path().write_text(out, encoding="ascii")  # as a deployment tool would
    store = PinStore()
    assert store.check("350842").ok
    assert store.policy_warning() is None


def test_pin_hash_applies_the_policy(monkeypatch, capsys):
    assert run_pin_hash(monkeypatch, "1234\n") == 1
    assert capsys.readouterr().err == (
        "kiosk pin-hash: not this PIN: a new PIN is 6 to 12 digits (0-9), nothing else\n"
    )
    assert run_pin_hash(monkeypatch, "") == 1
    assert capsys.readouterr().err == "kiosk pin-hash: expected a PIN on standard input\n"
    assert not default_pin_path().exists()
