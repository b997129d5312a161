"""The visitor's session, in plain Python: the account answer comes from the content's rules."""

from __future__ import annotations

import pytest

from kiosk.core.session import PAGES, Outcome, VisitorSession, account_outcome


@pytest.mark.parametrize(
    ("chosen", "not_sure", "expected"),
    [
        (set(), False, Outcome.NONE),
        ({"phone"}, False, Outcome.NOT_NEEDED),
        ({"video"}, False, Outcome.NEEDED),
        ({"messaging"}, False, Outcome.NEEDED),
        ({"phone", "video"}, False, Outcome.NEEDED),
        ({"phone", "messaging"}, False, Outcome.NEEDED),
        ({"video", "messaging"}, False, Outcome.NEEDED),
        ({"phone", "video", "messaging"}, False, Outcome.NEEDED),
        (set(), True, Outcome.NOT_SURE),
    ],
)
def test_account_answer_for_every_combination(pack, chosen, not_sure, expected):
    assert account_outcome(pack, frozenset(chosen), not_sure) is expected


def test_the_answers_say_what_the_facts_say(pack):
    outcomes = pack.account.outcomes
    assert outcomes.not_needed.headline.id == "F5"
    assert outcomes.not_needed.detail[0].id == "F7"
    assert outcomes.needed.headline.id == "F6"
    assert outcomes.not_sure.headline.text == "Make a Securus account now."
    assert pack.service("phone").answer.text == (
        "For free phone calls, you do not need an online account."
    )


def test_walks_forward_and_back_through_every_page(pack):
    session = VisitorSession(pack)
    seen = [session.page]
    while session.can_go_next:
        session.go_next()
        seen.append(session.page)
    assert tuple(seen) == PAGES
    assert session.step_number == 5
    while session.can_go_back:
        session.go_back()
    assert session.page == "welcome"
    session.go_back()  # never before Welcome
    assert session.page == "welcome"
    assert session.step_number is None


def test_not_sure_and_services_exclude_each_other(pack):
    session = VisitorSession(pack)
    session.toggle_service("video")
    session.toggle_not_sure()
    assert session.chosen == frozenset()
    session.toggle_service("phone")
    assert not session.not_sure
    assert session.chosen == {"phone"}


def test_already_having_an_account_leaves_steps_two_and_three(pack):
    session = VisitorSession(pack)
    assert session.remaining_steps() == ("create", "login", "watch")
    session.set_has_account(True)
    assert session.remaining_steps() == ("login", "watch")


def test_start_over_clears_everything(pack):
    session = VisitorSession(pack, default_language="es")
    calls = []
    session.changed.connect(lambda: calls.append(session.page))
    session.set_language("ar")
    session.go_to("setup")
    session.toggle_service("messaging")
    session.set_has_account(True)
    session.start_over()
    assert (session.page, session.language, session.chosen, session.not_sure) == (
        "welcome", "es", frozenset(), False,
    )  # fmt: skip
    assert not session.has_account
    assert calls[-1] == "welcome"


def test_the_core_imports_no_qt():
    """Every module of kiosk.core, imported in a fresh interpreter, brings in no Qt (CI's import
    contracts check the same from the source; this checks what Python really imports)."""
    import subprocess
    import sys

    probe = (
        "import importlib, pkgutil, sys, kiosk.core; "
        "[importlib.import_module(m.name) for m in pkgutil.iter_modules(kiosk.core.__path__, "
        "'kiosk.core.')]; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
