"""A fluent reader's review, recorded: the catalog's digest, `kiosk review-signoff`, and the
status that `kiosk check` and the admin screen show, which drops as soon as a reviewed text
changes. Every test signs off a copy of translations/ in tmp_path, never the real one."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.check import Report, check_languages
from kiosk.core.content import load_content
from kiosk.core.exit_codes import PROBLEM, USAGE_ERROR
from kiosk.core.i18n import Translators, catalog_path
from kiosk.core.paths import translations_dir
from kiosk.core.settings import Settings
from kiosk.core.signoff import catalog_entries, digest, read_signoff
from kiosk.core.translation_status import (
    AWAITING,
    language_review,
    review_problems,
    review_status,
)

TODAY = dt.date.today().isoformat()
ROLE = "volunteer, fluent Spanish reader"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of translations/ (the catalogs and the review files) to sign off."""
    root = tmp_path / "translations"
    shutil.copytree(translations_dir(), root, ignore=shutil.ignore_patterns("*.mo"))
    return root


def sign_off(root: Path, code: str = "es", *extra: str) -> int:
    return main(
        ["review-signoff", "--lang", code, "--role", ROLE, "--translations", str(root), *extra]
    )


def edit(po: Path, old: str, new: str) -> None:
    text = po.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    po.write_text(text.replace(old, new), encoding="utf-8")


# -- the digest ---------------------------------------------------------------------------------
CATALOG = """\
# A translator's comment
msgid ""
msgstr ""
"Language: xx\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#. L10N: id UI (ui.back)
msgid "Back"
msgstr "Atrás"

msgid "This screen will start over in {seconds} second."
msgid_plural "This screen will start over in {seconds} seconds."
msgstr[0] "Se reinicia en {seconds} segundo."
msgstr[1] "Se reinicia en {seconds} segundos."

msgctxt "menu"
msgid "Back"
msgstr "Volver"
"""

#: The same entries: other comments, wrapped lines, another order, another header.
SAME_ENTRIES = """\
msgid ""
msgstr ""
"Language: xx\\n"
"X-Generator: something else\\n"

msgctxt "menu"
msgid "Back"
msgstr "Vol"
"ver"

#: kiosk/somewhere.py:12
msgid "This screen will start over in {seconds} second."
msgid_plural ""
"This screen will start over in {seconds} seconds."
msgstr[0] "Se reinicia en {seconds} segundo."
msgstr[1] "Se reinicia en {seconds} segundos."

#, python-format
msgid "Back"
msgstr "Atrás"
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_digest_is_sha256_over_the_sorted_canonical_lines(tmp_path):
    """The documented form, worked out here by hand: a line of JSON per entry, sorted by msgid
    then msgctxt, each ending in a line feed."""
    lines = [
        '["","Back","",["Atrás"]]',
        '["menu","Back","",["Volver"]]',
        '["","This screen will start over in {seconds} second.",'
        '"This screen will start over in {seconds} seconds.",'
        '["Se reinicia en {seconds} segundo.","Se reinicia en {seconds} segundos."]]',
    ]
    expected = hashlib.sha256("".join(f"{line}\n" for line in lines).encode()).hexdigest()
    entries = catalog_entries(write(tmp_path, "a.po", CATALOG))
    assert [entry.line() for entry in entries] == lines
    assert digest(entries) == f"sha256:{expected}"


def test_comments_wrapping_order_and_header_do_not_change_the_digest(tmp_path):
    one = catalog_entries(write(tmp_path, "a.po", CATALOG))
    other = catalog_entries(write(tmp_path, "b.po", SAME_ENTRIES))
    assert digest(one) == digest(other)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('msgstr "Atrás"', 'msgstr "Atrás "'),  # a translation
        ('msgstr[1] "Se reinicia en {seconds} segundos."', 'msgstr[1] "En {seconds} segundos."'),
        ('msgctxt "menu"', 'msgctxt "toolbar"'),  # a context
        ('msgid "Back"\nmsgstr "Atrás"', 'msgid "Go back"\nmsgstr "Atrás"'),  # the English
        ("#. L10N: id UI (ui.back)\n", "#, fuzzy\n"),  # fuzzy: the kiosk does not show it
    ],
)
def test_a_changed_text_changes_the_digest(tmp_path, old, new):
    assert old in CATALOG
    before = digest(catalog_entries(write(tmp_path, "a.po", CATALOG)))
    after = digest(catalog_entries(write(tmp_path, "b.po", CATALOG.replace(old, new, 1))))
    assert before != after


# -- the three statuses -------------------------------------------------------------------------
def test_without_a_sign_off_every_language_awaits_review(copy):
    status = review_status(copy)
    assert status["en"] == "source language"
    assert {status[code] for code in status if code != "en"} == {AWAITING}
    assert review_problems(copy) == []


def test_a_signed_off_catalog_is_reviewed_and_one_changed_text_drops_the_status(copy, capsys):
    """The test the issue asks for: sign off, edit one msgstr, see the status drop."""
    assert sign_off(copy) == 0
    out = capsys.readouterr().out
    assert f"es: reviewed by a fluent speaker on {TODAY}" in out
    assert language_review("es", copy).status == f"reviewed by a fluent speaker on {TODAY}"
    assert review_status(copy)["km"] == AWAITING  # the others are untouched

    edit(catalog_path("es", copy), 'msgstr "Atrás"', 'msgstr "Volver"')
    assert review_status(copy)["es"] == f"changed since review on {TODAY} (1 text changed)"

    po = catalog_path("es", copy)
    text = po.read_text(encoding="utf-8")
    edit(po, 'msgstr "Continuar"', 'msgstr "Seguir"')
    assert review_status(copy)["es"] == f"changed since review on {TODAY} (2 texts changed)"
    po.write_text(text, encoding="utf-8")  # one change taken back
    assert review_status(copy)["es"] == f"changed since review on {TODAY} (1 text changed)"


def test_reordering_or_rewrapping_a_signed_off_catalog_keeps_it_reviewed(copy):
    assert sign_off(copy, "es", "--date", "2026-01-15") == 0
    po = catalog_path("es", copy)
    text = po.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    po.write_text("\n\n".join([blocks[0], *reversed(blocks[1:])]) + "\n", encoding="utf-8")
    edit(po, 'msgstr "Atrás"', 'msgstr ""\n"Atr"\n"ás"')
    assert review_status(copy)["es"] == "reviewed by a fluent speaker on 2026-01-15"


def test_a_new_english_text_counts_as_one_changed_text(copy):
    assert sign_off(copy) == 0
    edit(catalog_path("es", copy), 'msgid "Back"', 'msgid "Go back"')
    assert language_review("es", copy).status == f"changed since review on {TODAY} (1 text changed)"


def test_the_sign_off_section_is_readable_and_the_last_one_is_in_force(copy):
    assert sign_off(copy, "es", "--date", "2026-01-15", "--name", "Ana") == 0
    review = copy / "review" / "es.md"
    text = review.read_text(encoding="utf-8")
    assert text.startswith((translations_dir() / "review" / "es.md").read_text(encoding="utf-8"))
    entries = catalog_entries(catalog_path("es", copy))
    section = text[text.rindex("## Sign-off") :]
    assert section == (
        "## Sign-off\n\n- date: 2026-01-15\n- reviewer: volunteer, fluent Spanish reader\n"
        f"- name: Ana\n- digest: {digest(entries)}\n- texts: {len(entries)}\n"
    )
    companion = json.loads((copy / "review" / "es.signoff.json").read_text(encoding="utf-8"))
    assert companion["digest"] == digest(entries)
    assert sorted(companion["entries"]) == sorted(entry.hash() for entry in entries)

    assert sign_off(copy, "es", "--date", "2026-02-01") == 0  # a second review, later
    signoff = read_signoff(review)
    assert signoff is not None and signoff.date == dt.date(2026, 2, 1) and not signoff.name
    assert review.read_text(encoding="utf-8").count("## Sign-off") == 2


def test_a_broken_sign_off_is_not_used_and_is_named(copy):
    review = copy / "review" / "es.md"
    review.write_text(
        review.read_text(encoding="utf-8") + "\n## Sign-off\n\n- date: soon\n", encoding="utf-8"
    )
    assert language_review("es", copy).status == AWAITING
    (problem,) = review_problems(copy)
    assert "es.md" in problem and "date" in problem


def test_without_the_companion_file_the_count_is_unknown_and_named(copy):
    assert sign_off(copy) == 0
    (copy / "review" / "es.signoff.json").unlink()
    edit(catalog_path("es", copy), 'msgstr "Atrás"', 'msgstr "Volver"')
    review = language_review("es", copy)
    assert review.status == (f"changed since review on {TODAY} (number of texts changed unknown)")
    assert "es.signoff.json is missing" in review.problems[0]


def test_kiosk_check_shows_each_language_status(copy, kiosk_app, monkeypatch):
    assert sign_off(copy) == 0
    monkeypatch.setattr("kiosk.core.translation_status.translations_dir", lambda: copy)
    monkeypatch.setattr("kiosk.core.i18n.translations_dir", lambda: copy)
    report = Report()
    check_languages(load_content(), Settings(), Translators(copy), report)
    lines = {line.split()[0]: line for line in report.facts}
    assert f"reviewed by a fluent speaker on {TODAY}; " in lines["es"]
    assert "texts translated" in lines["es"]
    assert f"{AWAITING}; " in lines["km"]
    assert lines["en"].endswith("source language")


# -- the command's refusals ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "en", "--role", ROLE], "English is the source language"),
        (["--lang", "xx", "--role", ROLE], "unknown language 'xx'"),
        (["--lang", "es", "--role", "  "], "the role is empty"),
        (["--lang", "es", "--role", "line one\nline two"], "a line break"),
        (["--lang", "es", "--role", ROLE, "--name", "x" * 121], "longer than 120"),
        (["--lang", "es", "--role", ROLE, "--date", "2999-01-01"], "is in the future"),
        (["--lang", "es", "--role", ROLE, "--date", "yesterday"], "a date like"),
    ],
)
def test_a_wrong_argument_is_a_usage_error_and_writes_nothing(copy, capsys, args, message):
    before = sorted((p.name, p.stat().st_mtime_ns) for p in (copy / "review").iterdir())
    with pytest.raises(SystemExit) as ended:
        main(["review-signoff", *args, "--translations", str(copy)])
    assert ended.value.code == USAGE_ERROR
    assert message in capsys.readouterr().err
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (copy / "review").iterdir()) == before


def test_a_catalog_with_an_untranslated_text_is_not_signed_off(copy, capsys):
    edit(catalog_path("es", copy), 'msgstr "Atrás"', 'msgstr ""')
    before = (copy / "review" / "es.md").read_bytes()
    assert sign_off(copy) == PROBLEM
    err = capsys.readouterr().err
    assert "1 texts have no translation" in err and "'Back'" in err
    assert "Nothing was written" in err
    assert (copy / "review" / "es.md").read_bytes() == before
    assert not (copy / "review" / "es.signoff.json").exists()


def test_a_missing_catalog_is_named(copy, capsys):
    shutil.rmtree(copy / "es")
    assert sign_off(copy) == PROBLEM
    assert f"no catalog at {catalog_path('es', copy)}" in capsys.readouterr().err


def test_the_bundle_keeps_the_sign_offs_so_a_kiosk_shows_the_same_status(tmp_path, monkeypatch):
    """The bundle's translations (build/bundle.py) hold the review files: without them every
    language of an installed kiosk read "awaiting review", signed off or not."""
    spec = importlib.util.spec_from_file_location(
        "bundle", Path(__file__).resolve().parent.parent / "build" / "bundle.py"
    )
    assert spec is not None and spec.loader is not None
    bundle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bundle)
    source = tmp_path / "source"
    shutil.copytree(translations_dir(), source, ignore=shutil.ignore_patterns("*.mo"))
    assert sign_off(source) == 0
    (tmp_path / "translations").symlink_to(source, target_is_directory=True)
    monkeypatch.setattr(bundle, "REPO", tmp_path)
    staged = bundle.stage_translations(tmp_path / "staged")
    assert review_status(staged) == review_status(source)
    assert review_status(staged)["es"] == f"reviewed by a fluent speaker on {TODAY}"
