"""What a content pack's texts may hold (kiosk/core/text_rules.py, content.py, language_check.py):
placeholders are a closed grammar, declared per field; no control or direction characters; a
length limit; a checked_on that is not in the future; UTF-8 with or without a byte-order mark.
Each refusal names the file, the field, the language where one applies, and the problem."""

from __future__ import annotations

import codecs
import datetime as dt
import tracemalloc
from pathlib import Path

import pytest

from kiosk.core.content import (
    EVERY_TEXT,
    FIELD_PLACEHOLDERS,
    ContentError,
    Text,
    load_content,
)
from kiosk.core.i18n import Translator, Translators
from kiosk.core.language_check import language_problems
from kiosk.core.paths import app_root, resource
from kiosk.core.settings import ALL_LANGUAGES
from kiosk.core.text_rules import PlaceholderError, character_problem, placeholder_names

PACK = resource("content/pack.toml")
HEADLINE = 'text = "Calls and messages with your loved one are changing."'
STEP_1 = 'text = "What is changing"'


def pack_with(tmp_path: Path, old: str, new: str, *, encoding: str = "utf-8") -> Path:
    source = PACK.read_text(encoding="utf-8")
    assert old in source, old
    path = tmp_path / "pack.toml"
    path.write_text(source.replace(old, new, 1), encoding=encoding)
    return path


def refusal(path: Path, **kwargs) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_content(path, **kwargs)
    assert str(path) in str(caught.value)
    return caught.value


# -- the closed grammar ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{website:{0}}", "nothing after the name"),  # Why: stopped every start, check crashed
        ("{month:02d}", "nothing after the name"),  # Why: sent every visitor back to Welcome
        ("{website:>50000000}", "nothing after the name"),  # Why: froze the start at 2 GB
        ("{app!r}", "nothing after the name"),
        ("{0}", "no numbers, dots or square brackets"),
        ("{}", "no numbers, dots or square brackets"),
        ("{website.upper}", "no numbers, dots or square brackets"),
        ("{website[0]}", "no numbers, dots or square brackets"),
        ("a { b", "broken braces"),
        ("a } b", "broken braces"),
    ],
)
def test_only_a_name_in_braces_is_a_placeholder(text, problem):
    with pytest.raises(PlaceholderError, match=problem.replace("[", r"\[")):
        placeholder_names(text)


def test_names_and_escaped_braces_pass():
    assert placeholder_names("{{not one}} {facility} and {month}") == ["facility", "month"]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (HEADLINE, 'text = "Calls {website:{0}}"', "welcome.headline.text"),
        (STEP_1, 'text = "What is changing in {month:02d}"', "changes.title.text"),
        (HEADLINE, 'text = "Calls {website:>50000000}"', "welcome.headline.text"),
        (HEADLINE, 'text = "Calls {app.__class__}"', "welcome.headline.text"),
    ],
)
def test_a_format_spec_in_a_text_is_refused_at_once(tmp_path, old, new, field):
    path = pack_with(tmp_path, old, new)
    tracemalloc.start()
    try:
        error = refusal(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.field == field
    assert "a placeholder is a name in braces, like {month}" in str(error)
    assert peak < 20_000_000  # refused as written, never filled in (50 MB of padding)


def test_each_field_offers_its_own_placeholders(tmp_path):
    # {seconds} belongs to the idle countdown: Welcome has no count to put there.
    error = refusal(pack_with(tmp_path, HEADLINE, 'text = "Calls in {seconds}"'))
    assert error.field == "welcome.headline.text"
    assert "{seconds} is not filled in here (this text may hold: {facility}" in error.problem
    error = refusal(pack_with(tmp_path, HEADLINE, 'text = "Calls on {date}"'))
    assert "{date} is not filled in here" in error.problem
    # The year only in the dated wordings of a rollout table.
    error = refusal(pack_with(tmp_path, HEADLINE, 'text = "Calls from {month_year}"'))
    assert "{month_year} needs the rollout's year" in error.problem
    error = refusal(pack_with(tmp_path, HEADLINE, 'text = "Calls {whenever}"'))
    assert "unknown placeholder {whenever}" in error.problem


def test_the_declared_placeholders_load(tmp_path):
    every = " ".join("{" + name + "}" for name in EVERY_TEXT)
    pack = load_content(pack_with(tmp_path, HEADLINE, f'text = "Calls {every}"'))
    assert pack.welcome.headline.placeholders() == set(EVERY_TEXT)
    assert dict(FIELD_PLACEHOLDERS)["ui.step_of"] == ("number", "total")


def test_a_plural_form_needs_a_field_with_a_count(tmp_path):
    error = refusal(pack_with(tmp_path, HEADLINE, HEADLINE + ', plural = "Calls"'))
    assert error.field == "welcome.headline.plural"
    assert "no count, so it takes no plural form" in error.problem
    old = 'plural = "This screen will start over in {seconds} seconds."'
    error = refusal(pack_with(tmp_path, old, 'plural = "This screen will start over soon."'))
    assert error.field == "idle.countdown.plural"
    assert "a plural form needs the count {seconds}" in error.problem


def test_a_bad_format_in_a_plural_form_is_refused(tmp_path):
    old = 'plural = "This screen will start over in {seconds} seconds."'
    error = refusal(pack_with(tmp_path, old, 'plural = "Over in {seconds:>9999999} seconds."'))
    assert error.field == "idle.countdown.plural"
    assert "nothing after the name" in error.problem


# -- characters and lengths -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("char", "said"),
    [
        ("\u202e", "U+202E, an invisible direction control that reorders what a visitor reads"),
        ("\u202a", "U+202A, an invisible direction control"),
        ("\u2066", "U+2066, an invisible direction control"),
        ("\u2069", "U+2069, an invisible direction control"),
        ("\ufeff", "U+FEFF, an invisible byte-order mark"),
        ("\u0007", "U+0007, a control character"),
        ("\u0085", "U+0085, a control character"),  # C1
        ("\u009b", "U+009B, a control character"),
        ("\t", "U+0009, a control character"),
        ("\n", "a line break, which this field may not hold"),
    ],
)
def test_control_and_direction_characters_are_refused(tmp_path, char, said):
    escaped = f"\\u{ord(char):04X}"  # as TOML writes it
    error = refusal(pack_with(tmp_path, HEADLINE, f'text = "Calls {escaped}and messages"'))
    assert error.field == "welcome.headline.text"
    assert f"character 7 is {said}" in error.problem
    assert error.problem.endswith(": remove it")


@pytest.mark.parametrize("joiner", ["\u200b", "\u200c", "\u200d"])  # ZWSP, ZWNJ, ZWJ
def test_zero_width_joiners_that_scripts_need_stay(tmp_path, joiner):
    escaped = f"\\u{ord(joiner):04X}"
    pack = load_content(pack_with(tmp_path, HEADLINE, f'text = "Calls{escaped}and"'))
    assert joiner in pack.welcome.headline.text
    assert character_problem("a\nb", newline_ok=True) is None


def test_other_text_fields_keep_the_same_rules(tmp_path):
    error = refusal(
        pack_with(tmp_path, 'content_version = "2026.12.3"', 'content_version = "2026\\u202e1"')
    )
    assert error.field == "content_version"
    error = refusal(pack_with(tmp_path, 'icon = "phone.svg"', 'icon = "../../x.svg"'))
    assert error.field == "services[0].icon"


def test_a_text_longer_than_400_characters_is_refused(tmp_path):
    error = refusal(pack_with(tmp_path, HEADLINE, f'text = "{"x" * 401}"'))
    assert error.problem.startswith("401 characters, more than 400")
    load_content(pack_with(tmp_path, HEADLINE, f'text = "{"x" * 400}"'))


# -- dates ----------------------------------------------------------------------------------------
def test_a_checked_on_in_the_future_is_refused(tmp_path):
    """Why: a pack dated 2099-12-31 was never old and always beat a newer bundled pack."""
    path = pack_with(tmp_path, "checked_on = 2026-11-26", "checked_on = 2099-12-31")
    error = refusal(path, today=dt.date(2026, 12, 1))
    assert error.field == "checked_on"
    assert error.problem.startswith("2099-12-31 is in the future (today is 2026-12-01)")
    # One day ahead is a time zone or a clock a little off: accepted.
    tomorrow = pack_with(tmp_path, "checked_on = 2026-11-26", "checked_on = 2026-12-02")
    assert load_content(tomorrow, today=dt.date(2026, 12, 1)).checked_on == dt.date(2026, 12, 2)
    later = pack_with(tmp_path, "checked_on = 2026-11-26", "checked_on = 2026-12-03")
    assert refusal(later, today=dt.date(2026, 12, 1)).field == "checked_on"


# -- encoding -------------------------------------------------------------------------------------
def test_a_pack_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_bytes(codecs.BOM_UTF8 + PACK.read_bytes())
    assert load_content(path) == load_content()


# -- translations ---------------------------------------------------------------------------------
def damaged_catalogs(tmp_path: Path, msgstr: str) -> Path:
    """A copy of translations/ where Spanish translates Welcome's headline as ``msgstr``."""
    root = tmp_path / "translations"
    for po in (app_root() / "translations").glob("*/LC_MESSAGES/*.po"):
        target = root / po.relative_to(app_root() / "translations")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(po.read_bytes())
    po = root / "es" / "LC_MESSAGES" / "kiosk.po"
    text = po.read_text(encoding="utf-8")
    good = 'msgstr "Las llamadas y los mensajes con su ser querido están cambiando."'
    assert good in text
    po.write_text(text.replace(good, f'msgstr "{msgstr}"'), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("msgstr", "problem"),
    [
        ("Llamadas {website:>50000000}", "nothing after the name"),
        ("Llamadas {0}", "no numbers, dots or square brackets"),
        ("Llamadas {seconds}", "{seconds} is not filled in here"),
        ("Llamadas \\u202e al revés", "U+202E, an invisible direction control"),
    ],
)
def test_a_translation_that_breaks_the_rules_is_named_and_shows_english(
    tmp_path, pack, msgstr, problem
):
    root = damaged_catalogs(tmp_path, msgstr.encode().decode("unicode_escape"))
    spanish = Translator("es", root)
    (found,) = language_problems(pack, spanish)
    assert found.file == str(root / "es" / "LC_MESSAGES" / "kiosk.po")
    assert found.field == "welcome.headline"
    assert found.language == "Spanish, es"
    assert problem in found.problem
    assert "(in Spanish, es)" in str(found)
    tracemalloc.start()
    try:
        shown = spanish.text(pack.welcome.headline, website="https://securustech.net")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert shown == "Calls and messages with your loved one are changing."
    assert peak < 1_000_000  # the translation is never filled in
    assert spanish.text(pack.welcome.subline) != pack.welcome.subline.text  # the rest: Spanish


def test_english_and_every_plural_form_fill_in_every_language(pack, translators):
    """Plain Python, every language, every text and plural form: nothing raises."""
    for code in ALL_LANGUAGES:
        tr = translators[code]
        for _path, text in pack.texts():
            values = {
                "facility": "F",
                "help_desk": "H",
                "website": "W",
                "app": "A",
                "month": "M",
                "month_in_text": "M",
                "month_year": "MY",
                "month_year_in_text": "MY",
                "number": 2,
                "total": 5,
                "date": "D",
            }
            for seconds in (0, 1, 2, 3, 5, 11, 21, 101):
                assert "{" not in tr.text(text, **values, seconds=seconds)


def test_a_plain_text_object_is_filled_as_before():
    tr = Translators()["en"]
    assert tr.text(Text("UI", "Step {number} of {total}"), number=2, total=5) == "Step 2 of 5"
