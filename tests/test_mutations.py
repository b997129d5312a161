"""Property tests (Hypothesis): whatever an operator's file or a USB stick holds, the kiosk either
refuses it with a message naming the field, or can show every text of it, in every language.

The bundled pack and a full settings file are mutated: changed types, removed keys, injected
placeholders and format specs, odd Unicode, huge values, unknown keys. For every mutation:

- validation refuses it, naming the field, or every text formats in plain Python in every
  language (every plural form too) without an exception;
- `kiosk check` on the same input ends with exit 0 or 1 and a readable report, never a
  traceback.

A separate test shows a few accepted mutations in the real window (at most ten renders).

Derandomized, without deadlines: the same examples every run, and no timing asserted. Run with
``--hypothesis-show-statistics`` to see how many mutations were accepted and refused.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from helpers import button, tap, visible_texts
from kiosk.cli import main
from kiosk.core import i18n
from kiosk.core.content import PLACEHOLDERS, ContentError, ContentPack, load_content
from kiosk.core.content_source import operator_pack_path
from kiosk.core.i18n import Translators
from kiosk.core.paths import resource
from kiosk.core.placeholders import placeholder_values
from kiosk.core.rollout import rollout_on
from kiosk.core.session import PAGES
from kiosk.core.settings import ALL_LANGUAGES, BY_KEY, load_settings, other_website_problem

TODAY = dt.date(2026, 12, 1)
BUNDLED: dict[str, Any] = tomllib.loads(resource("content/pack.toml").read_text("utf-8"))
SETTINGS_FILE: dict[str, Any] = {
    "facility_name": "Valley State Prison",
    "help_desk_location": "the desk by the entrance",
    "securus_url": "https://securustech.net/start",
    "allow_other_website": False,
    "securus_app_name": "Securus Mobile",
    "service_status": {"phone": "available", "video": "coming", "messaging": "coming"},
    "rollout_start": "2026-09",
    "languages": ["en", "ar"],
    "default_language": "en",
    "idle_timeout_s": 120,
    "idle_warning_s": 30,
    "text_size": 150,
    "theme": "high_contrast",
    "reduce_motion": True,
    "printer": "lobby",
    "paper_size": "a4",
}
PROFILE = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- what a mutation puts in ----------------------------------------------------------------------
NAMES = [*sorted(PLACEHOLDERS), "now", "0", "", "website.upper", "app[0]", "__class__"]
SPECS = ["", ":02d", ":>50000000", ":{0}", "!r", "!s", ":x", ":.3", ":,"]
placeholder = st.one_of(
    st.builds(lambda n, s: "{" + n + s + "}", st.sampled_from(NAMES), st.sampled_from(SPECS)),
    st.sampled_from(["{", "}", "{{", "}}", "{{website}}", "{website", "website}"]),
)
ODD = [
    "\u202e", "\u202a", "\u2066", "\u2069", "\ufeff", "\x00", "\x07", "\x1b", "\x7f", "\x85",
    "\n", "\r", "\t", "\u200b", "\u200c", "\u200d", "\u0301", "\u05d0", "\u0627", "\u1780",
    "\U0001f600", "\uffff", "\U0010ffff", "\u00a0", "\u2028",
]  # fmt: skip
odd_text = st.one_of(
    st.sampled_from(ODD),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=8),
)
#: What an operator may well write, and the kiosk should take: the placeholders every text offers,
#: escaped braces, scripts and the joiners they need, a text of the longest allowed length.
fine_text = st.sampled_from(
    ["{facility}", "{help_desk}", "{website}", "{app}", "{month}", "{month_in_text}", "{{", "}}",
     "\u200d", "\u200c", "\u0627\u0644\u0639", "\u1780\u17d2\u179a", "\u00e9", "\U0001f600",
     " \u05e9\u05dc\u05d5\u05dd ", "ü" * 20]
)  # fmt: skip
huge_text = st.sampled_from([350, 400, 401, 5_000, 100_000]).map(lambda n: "x" * n)
other_value = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.just(10**30),
    st.booleans(),
    st.floats(allow_nan=False),
    st.just([]),
    st.just({}),
    st.just(["a", 1]),
    st.just(dt.date(2099, 12, 31)),
    st.just(dt.date(2026, 11, 27)),
    st.just(dt.datetime(2026, 11, 27, 10, 0)),
    st.just(""),
    st.just(" "),
)

Path_ = tuple[str | int, ...]


def leaves(value: Any, path: Path_ = ()) -> list[Path_]:
    """Every path into a TOML value, tables and lists included (not the root)."""
    found: list[Path_] = [path] if path else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += leaves(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            found += leaves(inner, (*path, i))
    return found


def field_name(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def mutate(data: dict[str, Any], path: Path_, how: str, new: Any) -> None:
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "remove":
        del parent[last]
    elif how == "replace":
        parent[last] = new
    elif how == "insert" and isinstance(parent[last], str):
        text = parent[last]
        at = new[1] % (len(text) + 1)
        parent[last] = text[:at] + new[0] + text[at:]
    elif how == "unknown key" and isinstance(parent[last], dict):
        parent[last]["colour"] = new
    elif how == "insert":  # not text: replace it with the text instead
        parent[last] = new[0]


@st.composite
def mutations(draw, base: dict[str, Any], within: frozenset[str] | None = None):
    """1 or 2 mutations of ``base``: (the mutated data, the fields mutated). ``within``: only
    texts under these top-level tables, only with what an operator may well write, and one."""
    data = copy.deepcopy(base)
    paths = leaves(base)
    if within is not None:
        paths = [p for p in paths if p[0] in within and p[-1] == "text"]
    done: list[str] = []
    for _ in range(draw(st.integers(1, 1 if within else 2))):
        live = [p for p in paths if _exists(data, p)]
        path = draw(st.sampled_from(live))
        if within is not None:
            how = "insert"
            new: Any = (draw(fine_text), draw(st.integers(0, 500)))
        else:
            how = draw(st.sampled_from(["insert", "insert", "replace", "remove", "unknown key"]))
            if how == "insert":
                text = draw(st.one_of(fine_text, fine_text, placeholder, odd_text, huge_text))
                new = (text, draw(st.integers(0, 500)))
            else:
                new = draw(st.one_of(other_value, placeholder, odd_text, huge_text))
        mutate(data, path, how, new)
        done.append(field_name(path))
    return data, done


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _exists(data: Any, path: Path_) -> bool:
    try:
        _at(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def write_toml(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomlkit.dumps(data), encoding="utf-8")


def related(field: str, mutated: list[str]) -> bool:
    """The refusal names a field the mutation touched, one inside it or the table around it
    (a list of three steps, the services as a whole)."""
    top = field.split(".")[0].split("[")[0]
    return any(
        field.startswith(m) or m.startswith(field) or m.split(".")[0].split("[")[0] == top
        for m in mutated
    )


# -- shared, so that each example does not compile twelve catalogs again --------------------------
@pytest.fixture(scope="module")
def shared_translators() -> Translators:
    return Translators()


@pytest.fixture
def one_set_of_catalogs(monkeypatch, shared_translators):
    monkeypatch.setattr(i18n, "Translators", lambda root=None: shared_translators)
    return shared_translators


def every_text_formats(pack: ContentPack, translators: Translators, settings_obj) -> None:
    """Every text of the pack, every plural form, in every language: no exception."""
    for code in ALL_LANGUAGES:
        tr = translators[code]
        values: dict[str, object] = {
            **placeholder_values(pack, settings_obj, tr, rollout_on(pack, settings_obj, TODAY)),
            "month_year": "M Y",
            "month_year_in_text": "M Y",
            "number": 2,
            "total": 5,
            "date": "D",
        }
        for field in pack.text_fields():
            for seconds in (1, 2, 5, 21):
                tr.text(field.text, **values, seconds=seconds)


def kiosk_check(capsys, settings_path: Path) -> tuple[int, str]:
    code = main(["check", "--settings", str(settings_path), "--today", TODAY.isoformat()])
    captured = capsys.readouterr()
    assert code in (0, 1)
    assert "Traceback" not in captured.out + captured.err
    assert captured.out.rstrip().splitlines()[-1].startswith("Result: ")
    return code, captured.out


# -- the content pack -----------------------------------------------------------------------------
@settings(PROFILE, max_examples=125)
@given(mutated=mutations(BUNDLED))
def test_a_mutated_pack_is_refused_by_field_or_shows_in_every_language(
    mutated, isolated_dirs, kiosk_app, capsys, one_set_of_catalogs
):
    data, fields = mutated
    path = operator_pack_path()  # where `kiosk check` finds it
    write_toml(path, data)
    settings_path = isolated_dirs / "settings.toml"
    settings_path.write_text('languages = ["en", "ar"]\n', encoding="utf-8")
    try:
        pack = load_content(path, today=TODAY)
    except ContentError as exc:
        event("pack refused")
        assert str(path) in str(exc)
        assert related(exc.field, fields), (exc.field, fields)
        refused: ContentError | None = exc
    else:
        event("pack accepted")
        every_text_formats(pack, one_set_of_catalogs, load_settings(settings_path))
        refused = None
    code, out = kiosk_check(capsys, settings_path)
    if refused is not None:
        assert code == 1
        assert "✗ content pack: installed content pack not used" in out
        assert refused.field in out


# -- the settings file ----------------------------------------------------------------------------
@settings(PROFILE, max_examples=100)
@given(mutated=mutations(SETTINGS_FILE))
def test_a_mutated_settings_file_names_each_problem_and_every_text_still_shows(
    mutated, tmp_path, kiosk_app, capsys, pack, one_set_of_catalogs
):
    data, fields = mutated
    path = tmp_path / "settings.toml"
    write_toml(path, data)
    loaded = load_settings(path)
    for problem in loaded.problems:
        assert problem.startswith(f"{path}: ")
        key = problem[len(f"{path}: ") :].split(":")[0]
        assert key in BY_KEY and related(key, fields), (problem, fields)
    for key, value in loaded.values.items():
        assert BY_KEY[key].validate(value) is None, (key, value)
    assert other_website_problem(loaded.values) is None
    event("settings with problems" if loaded.problems else "settings accepted")
    every_text_formats(pack, one_set_of_catalogs, loaded)
    code, out = kiosk_check(capsys, path)
    if loaded.problems:
        assert code == 1
        assert all(f"✗ settings: {problem}" in out for problem in loaded.problems)


# -- a few accepted mutations in the real window --------------------------------------------------
#: The page each top-level table of the pack shows on (ui and idle: the chrome, on Step 1).
PAGE_OF = {
    "welcome": "welcome",
    "language": "language",
    "changes": "changes",
    "services": "changes",
    "ui": "changes",
    "idle": "changes",
    "account": "account",
    "setup": "setup",
    "unknowns": "unknowns",
    "done": "done",
}
RENDERS: list[str] = []


@settings(PROFILE, max_examples=10)
@given(mutated=mutations(BUNDLED, within=frozenset(PAGE_OF)))
def test_accepted_mutations_show_in_the_real_window(
    mutated, isolated_dirs, make_window, qtbot, tmp_path_factory
):
    data, (field,) = mutated
    path = tmp_path_factory.mktemp("pack") / "pack.toml"
    write_toml(path, data)
    try:
        pack = load_content(path, today=TODAY)
    except ContentError:
        event("refused: not shown")
        return
    page = PAGE_OF[field.split(".")[0].split("[")[0]]
    event("accepted and shown")
    RENDERS.append(field)
    assert len(RENDERS) <= 10
    window = _window_for(make_window, pack)
    window.session.set_language("ar" if len(RENDERS) % 2 else "en")
    window.session.go_to(page)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages[page])
    texts = visible_texts(window)
    assert texts, f"{page} shows nothing"
    if page == "welcome":
        tap(button(window, "StartButton"))
        assert window.session.page == "language"


def _window_for(make_window: Callable[..., Any], pack: ContentPack):
    """A window as make_window makes one, with this pack."""
    window = make_window()
    window.apply_pack(pack)
    assert window.pack is pack
    assert PAGES[0] == "welcome"
    return window
