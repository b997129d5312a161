"""The thirteen languages' catalogs: complete, no fuzzy entries, placeholders as in English,
accepted by GNU msgfmt, and up to date with the code and content pack."""

from __future__ import annotations

import gettext
import io
import re
import shutil
import subprocess
from collections import Counter

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kiosk.core.content import Text
from kiosk.core.i18n import LANGUAGES, Translator, catalog_path, coverage
from kiosk.core.language_check import language_problems
from kiosk.core.month_names import MONTH_NAMES
from kiosk.core.paths import app_root, translations_dir
from kiosk.core.settings import ALL_LANGUAGES
from kiosk.core.translation_status import review_status

TRANSLATED = [code for code in ALL_LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"\{(\w*)\}")
COUNTS = ("seconds", "number")  # the count a plural text is chosen by (Translator.text)


def load(code: str) -> Catalog:
    with catalog_path(code).open("rb") as fp:
        return read_po(fp, locale=LANGUAGES[code].babel_code)


def messages(catalog: Catalog):
    return [m for m in catalog if m.id]


def template() -> Catalog:
    with (translations_dir() / "kiosk.pot").open("rb") as fp:
        return read_po(fp)


def test_thirteen_languages():
    assert len(ALL_LANGUAGES) == 13
    assert set(LANGUAGES) == set(ALL_LANGUAGES)


def test_template_is_up_to_date_with_code_and_content():
    """A changed English text must go through extract/update, or translators never see it."""
    method_map = [
        ("kiosk/**.py", "python"),
        ("resources/content/*.toml", "kiosk.core.extract:extract_content"),
    ]
    extracted = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(app_root()), method_map=method_map
        )
    }
    in_template = {m.id if isinstance(m.id, str) else m.id[0] for m in messages(template())}
    assert extracted == in_template


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_is_complete_with_no_fuzzy_entries(code):
    catalog = load(code)
    template_ids = {m.id for m in messages(template())}
    assert {m.id for m in messages(catalog)} == template_ids
    for message in messages(catalog):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert not message.fuzzy, message.id
        assert all(s.strip() for s in strings), f"{code}: empty translation of {message.id!r}"


def one_number_forms(catalog: Catalog) -> set[int]:
    """The plural forms the catalog's rule uses for a single number (Arabic: 0, 1 and 2)."""
    form_of = gettext.c2py(catalog.plural_expr)
    uses = Counter(form_of(n) for n in range(1000))
    return {form for form, count in uses.items() if count == 1}


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_are_those_of_the_source(code):
    """Exactly the English placeholders; only a plural form used for one number may leave the
    count out ("ثانية واحدة", "ثانيتين": one second, two seconds), as GNU msgfmt allows."""
    catalog = load(code)
    one_number = one_number_forms(catalog)
    for message in messages(catalog):
        source = message.id if isinstance(message.id, str) else message.id[0]
        expected = sorted(PLACEHOLDER.findall(source))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for form, string in enumerate(strings):
            found = sorted(PLACEHOLDER.findall(string))
            if isinstance(message.id, tuple) and form in one_number:
                assert found in (expected, [n for n in expected if n not in COUNTS]), code
            else:
                assert found == expected, f"{code}: {source!r}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_names_stay_as_they_are(code):
    for message in messages(load(code)):
        source = message.id if isinstance(message.id, str) else message.id[0]
        string = message.string if isinstance(message.string, str) else message.string[0]
        for name in ("Securus", "CDCR"):
            if name in source:
                assert name in string, f"{code}: {name} missing in {string!r}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_gnu_msgfmt_accepts_the_catalog(code):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed (apt-get install gettext)"
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(catalog_path(code))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_pack_text_is_translated(pack, code):
    translator = Translator(code)
    assert translator.problem is None
    done, total = coverage(pack, translator)
    assert done == total


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_translation_follows_the_content_rules(pack, translators, code):
    """Each form of each translation: `{name}` placeholders its field offers, no control or
    direction characters, and it fills in with the longest values (kiosk/core/language_check)."""
    assert language_problems(pack, translators[code]) == []


def test_review_files_and_status_for_every_language():
    status = review_status()
    for code in TRANSLATED:
        assert status[code] == "machine-translated, awaiting human review"
        review = translations_dir() / "review" / f"{code}.md"
        assert review.is_file(), f"no back-translation review for {code}"
        assert "back-translation" in review.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize(
    ("code", "september"),
    [
        ("en", "September"),
        ("es", "septiembre"),
        ("ru", "сентябрь"),  # stand-alone (nominative), not the genitive "сентября"
        ("hy", "սեպտեմբեր"),
        ("zh_Hant", "9月"),
        ("ko", "9월"),
        ("tl", "Setyembre"),  # tl has no CLDR data of its own: Filipino's
        ("hmn", "September"),  # no CLDR locale: English-style formatting, no exception
    ],
)
def test_month_names_come_from_babel(code, september):
    assert MONTH_NAMES[code][8] == september


def test_the_month_table_is_what_babel_says_today():
    """kiosk/core/month_names.py is made by build/make_month_names.py; after a Babel upgrade
    this fails until it is made again. Both contexts, and the month with its year for every
    month of two years, as the rollout's placeholders fill them in."""
    from babel.dates import format_skeleton, get_month_names

    from kiosk.core.month_names import MONTH_NAMES_IN_TEXT
    from kiosk.core.rollout import Rollout, YearMonth, month_values

    for code, language in LANGUAGES.items():
        babel = get_month_names("wide", context="stand-alone", locale=language.locale)
        assert list(MONTH_NAMES[code]) == [babel[n] for n in range(1, 13)]
        in_text = get_month_names("wide", context="format", locale=language.locale)
        assert list(MONTH_NAMES_IN_TEXT[code]) == [in_text[n] for n in range(1, 13)]
        for year in (2026, 2027):
            for month in range(1, 13):
                start = YearMonth(year, month)
                values = month_values(code, Rollout(month, start, start.first_day))
                expected = format_skeleton("yMMMM", start.first_day, locale=language.locale)
                assert values["month_year"] == expected, (code, start)


@pytest.mark.parametrize(
    ("code", "in_text", "month_year_in_text"),
    [
        ("en", "September", "September 2026"),
        ("vi", "tháng 9", "tháng 9 năm 2026"),  # running text: a small letter
        ("ru", "сентября", "сентября 2026\u202f\u0433."),  # the genitive
        ("hy", "սեպտեմբերի", "2026 թ\u2024 սեպտեմբերի"),
        ("zh_Hant", "9月", "2026年9月"),
        ("hmn", "September", "September 2026"),  # no CLDR locale: English-style
    ],
)
def test_the_running_text_forms(code, in_text, month_year_in_text):
    from kiosk.core.rollout import Rollout, YearMonth, month_values

    start = YearMonth(2026, 9)
    values = month_values(code, Rollout(9, start, start.first_day))
    assert (values["month_in_text"], values["month_year_in_text"]) == (in_text, month_year_in_text)
    undated = month_values(code, Rollout(9, None, start.first_day))
    assert set(undated) == {"month", "month_in_text"}  # no year when none is known


def test_hmong_works_without_a_cldr_locale(pack):
    translator = Translator("hmn")
    assert translator.problem is None
    assert not translator.language.is_rtl
    assert translator.text(pack.ui.back) != "Back"


def test_plurals_follow_each_language(pack):
    countdown = pack.idle.countdown
    assert Translator("en").text(countdown, seconds=1).endswith("1 second.")
    assert Translator("en").text(countdown, seconds=20).endswith("20 seconds.")
    ru = Translator("ru")
    forms = {ru.text(countdown, seconds=n) for n in (1, 2, 5)}
    assert len(forms) == 3  # Russian: one, few, many
    ar = Translator("ar")  # "one second", the dual "two seconds", then 3-10 and 11-99
    assert ar.text(countdown, seconds=1).endswith("بعد ثانية واحدة.")
    assert ar.text(countdown, seconds=2).endswith("بعد ثانيتين.")
    assert ar.text(countdown, seconds=5).endswith("بعد 5 ثوانٍ.")
    assert ar.text(countdown, seconds=30).endswith("بعد 30 ثانية.")


def test_an_operator_edit_without_translation_shows_english(pack):
    edited = Text("F3", "Please make your Securus account this week.")
    translator = Translator("es")
    assert translator.text(edited) == edited.text
    assert not translator.has(edited.text)


def test_a_broken_catalog_shows_english_and_says_why(tmp_path, pack):
    broken = tmp_path / "es" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / "kiosk.po").write_bytes(b'msgid "Back"\nmsgstr "Atr\xe1s\n\x00garbage')
    translator = Translator("es", root=tmp_path)
    assert translator.text(pack.ui.back) == "Back"
    assert "kiosk.po" in translator.problem


def test_a_missing_catalog_shows_english_and_says_so(tmp_path, pack):
    translator = Translator("km", root=tmp_path)
    assert translator.text(pack.ui.back) == "Back"
    assert "missing" in translator.problem


def test_a_translation_with_wrong_placeholders_falls_back_to_english(tmp_path, pack):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = Catalog(locale="es")
    catalog.add("Step {number} of {total}", "Paso {numero} de {total}")
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog)
    (folder / "kiosk.po").write_bytes(buffer.getvalue())
    translator = Translator("es", root=tmp_path)
    assert translator.text(pack.ui.step_of, number=2, total=5) == "Step 2 of 5"


def test_rtl_keeps_web_address_left_to_right():
    ar = Translator("ar")
    assert ar.isolate("https://securustech.net", ltr=True) == "\u2066https://securustech.net\u2069"
    assert Translator("es").isolate("x") == "x"
