"""`kiosk review-packet`: what a fluent reader at the visitor center gets on paper. Checked as a
printer and a reader would meet it, with poppler's tools: Letter pages, at most 20, only the
bundled fonts, all embedded; every fact id, the English and the translation of the texts, and
the sign-off page. (Two languages: Spanish, whose text pdftotext can read back, and Arabic,
right to left.)"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.i18n import LANGUAGES, Translators
from kiosk.core.paths import resource
from kiosk.review_packet.capture import find_label
from kiosk.review_packet.texts import plural_examples, read_every_text
from kiosk.ui.fonts import font_for, register_bundled_fonts
from kiosk.ui.glyphs import text_problems

BUNDLED_FONTS = {path.name.split("-")[0] for path in resource("fonts").glob("*.[ot]tf")}


def poppler(tool: str, *args: str) -> str:
    return subprocess.run(
        [tool, *args], check=True, capture_output=True, text=True, timeout=60
    ).stdout


@pytest.fixture(scope="module")
def packets(kiosk_app, tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """The packets of es and ar, made once by the command, with what it printed."""
    made = {}
    folder = tmp_path_factory.mktemp("packets")
    for code in ("es", "ar"):
        path = folder / f"{code}.pdf"
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["review-packet", "--lang", code, "-o", str(path)]) == 0
        made[code] = (path, out.getvalue())
    return made


def pages(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", str(path)), re.M)[1])


def text(path: Path, *pages_: int) -> str:
    """The PDF's text with all whitespace as single spaces."""
    first_last = ["-f", str(pages_[0]), "-l", str(pages_[-1])] if pages_ else []
    return " ".join(poppler("pdftotext", *first_last, str(path), "-").split())


@pytest.mark.parametrize("code", ["es", "ar"])
def test_at_most_20_letter_pages_in_bundled_embedded_fonts(packets, code):
    path, _out = packets[code]
    info = poppler("pdfinfo", str(path))
    assert "612 x 792 pts (letter)" in info
    assert 2 <= pages(path) <= 20
    fonts = poppler("pdffonts", str(path)).splitlines()[2:]
    assert fonts, "no fonts at all"
    for line in fonts:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert name.split("-")[0] in BUNDLED_FONTS, f"{name} is not a bundled font"
    script = {"es": "NotoSans", "ar": "NotoNaskhArabic"}[code]
    assert any(line.startswith(script) for line in fonts)


def test_every_fact_id_and_the_texts_in_english_and_spanish(packets, pack, translators):
    path, _out = packets["es"]
    found = text(path)
    numbered = set(re.findall(r"\b\d+ ([A-Z]+\d?)\b", found))
    assert {t.id for _, t in pack.texts()} <= numbered
    tr = translators["es"]
    samples = [
        pack.welcome.touch,
        pack.services[0].answer,
        pack.unknowns.ask[0],
        pack.done.print_failed,  # an error message
        pack.ui.pause,  # read aloud
        pack.handout.title,  # the handout's own
        pack.helper.questions[2].question,  # the help desk's
    ]
    for sample in samples:
        assert sample.text in found
        assert tr.text(sample) in found
    # Each form of the countdown, with a number that takes it.
    for n in plural_examples(tr, len(tr.translations(pack.idle.countdown))):
        assert tr.text(pack.idle.countdown, seconds=n) in found


def test_it_ends_with_the_sign_off_page(packets):
    path, _out = packets["es"]
    last = text(path, pages(path))
    assert last.startswith("Sign-off")
    for words in (
        "Your role",
        "Your name, only if you agree to it being published",
        "Date",
        "I read every text in this packet.",
        read_every_text("es"),
        "sha256:",
    ):
        assert words in last


def test_the_command_says_what_it_wrote(packets, pack):
    path, out = packets["es"]
    # The countdown: one line per plural form, three in Spanish (the second for millions).
    lines = len(pack.texts()) + 2
    assert out.splitlines() == [
        f"wrote {path} (es: {lines} texts on {pages(path)} pages)",
        "note: ui.close is shown nowhere by this version of the kiosk; it is listed anyway",
    ]


def test_a_text_the_kiosk_shows_nowhere_is_still_listed(packets):
    path, _out = packets["es"]
    found = text(path)
    assert "Not shown by this version of the kiosk" in found
    assert "ui.close" in found


def test_english_is_not_reviewed(kiosk_app, tmp_path, capsys):
    with pytest.raises(SystemExit) as ended:
        main(["review-packet", "--lang", "en", "-o", str(tmp_path / "en.pdf")])
    assert ended.value.code == 2
    assert "English is the source language" in capsys.readouterr().err
    assert not (tmp_path / "en.pdf").exists()


# -- the parts --------------------------------------------------------------------------------
def test_the_sign_off_sentence_exists_and_renders_in_every_language(kiosk_app):
    bundled = set(register_bundled_fonts())
    for code in LANGUAGES:
        sentence = read_every_text(code)
        font = font_for(code)
        font.setPointSize(12)
        assert text_problems(sentence, font, bundled) == [], code


def test_each_plural_form_gets_a_number_that_takes_it():
    translators = Translators()
    assert plural_examples(translators["es"], 3) == [1, 1000000, 2]
    assert plural_examples(translators["ru"], 3) == [1, 2, 5]
    assert plural_examples(translators["hmn"], 1) == [1]
    assert plural_examples(translators["ar"], 6) == [0, 1, 2, 3, 11, 100]


def test_a_text_is_found_as_the_label_that_shows_it(kiosk_app):
    from PySide6.QtWidgets import QLabel

    labels = [QLabel(t) for t in ("Step 1 of 5", "Text size 100%", "Volume +", "App: Securus app")]
    assert find_label(labels, "Step 1 of 5") is labels[0]
    assert find_label(labels, "Text size") is labels[1]  # only a number and signs added
    assert find_label(labels, "Volume") is labels[2]
    assert find_label(labels, "Securus app") is None  # other words around it
    assert find_label(labels, "Securus app", inside=True) is labels[3]
