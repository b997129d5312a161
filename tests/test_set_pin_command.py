"""`kiosk set-pin`: asked twice (terminal or pipe); a mismatch or a bad PIN changes nothing."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from kiosk.cli import main
from kiosk.core.pin import PinStore, default_pin_path


def run_with_input(monkeypatch, text: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    return main(["set-pin"])


def test_two_matching_lines_from_a_pipe_set_the_pin(monkeypatch, capsys):
    assert run_with_input(monkeypatch, "2468\n2468\n") == 0
    assert capsys.readouterr().out == (
        f"Admin PIN set. Only a salted hash is stored, in {default_pin_path()}\n"
    )
    assert PinStore().check("2468").ok


def test_windows_line_endings_and_no_final_newline_are_fine(monkeypatch):
    assert run_with_input(monkeypatch, "13579\r\n13579") == 0
    assert PinStore().check("13579").ok


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2468\n2469\n", "the two PINs differ; nothing changed"),
        ("12\n12\n", "a PIN is 4 to 12 digits (0-9), nothing else; nothing changed"),
        ("2468\n", "expected the PIN twice; nothing changed"),
        ("", "expected the PIN twice; nothing changed"),
    ],
    ids=["mismatch", "too-short", "one-line", "nothing"],
)
def test_a_mismatch_or_bad_pin_changes_nothing(monkeypatch, capsys, text, message):
    assert run_with_input(monkeypatch, "2468\n2468\n") == 0
    assert run_with_input(monkeypatch, text) == 1
    assert capsys.readouterr().err == f"kiosk set-pin: {message}\n"
    assert PinStore().check("2468").ok


def test_from_a_terminal_it_asks_twice_without_echo(monkeypatch):
    asked = []
    answers = iter(["8642", "8642"])

    def fake_getpass(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", terminal)
    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert main(["set-pin"]) == 0
    assert asked == ["New admin PIN (4-12 digits): ", "The same PIN again: "]
    assert PinStore().check("8642").ok


def test_a_real_pipe():
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "set-pin"],
        input="97531\n97531\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert PinStore().check("97531").ok
