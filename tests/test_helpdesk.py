"""The help-desk view: one page in two languages side by side, for a volunteer and a visitor."""

from __future__ import annotations

import re
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import button, tap, visible_texts
from helpers.fakes import FakePrintService
from kiosk.cli import main
from kiosk.core.session import STEP_PAGES
from kiosk.core.settings import load_settings
from kiosk.ui.helpdesk.window import VIEWS, HelpDeskWindow
from kiosk.ui.print_job import HandoutPrinter

# Texts that may be the same in both languages: numbers, bullets, names, the address.
SAME_IN_EVERY_LANGUAGE = re.compile(r"^([\d.\u2022]+|Securus|https?://\S+)$")


@pytest.fixture
def helpdesk(kiosk_app, qtbot, pack, translators, tmp_path):
    def make(settings=None, size=(1600, 900), printer=None):
        window = HelpDeskWindow(
            pack,
            settings or load_settings(),
            translators,
            out_dir=tmp_path / "handouts",
            printer=printer,
        )
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def half_texts(window, role):
    half = window.halves[role]
    return visible_texts(half.current_page())


@pytest.mark.parametrize("visitor", ["es", "ar", "km", "zh_Hant"])
def test_every_page_shows_both_languages(helpdesk, visitor):
    window = helpdesk()
    tap(button(window, f"visitor-lang-{visitor}"))
    for view in VIEWS:
        tap(button(window, f"view-{view}"))
        left, right = half_texts(window, "volunteer"), half_texts(window, "visitor")
        assert window.halves["volunteer"].current_page().page_id == view
        assert window.halves["visitor"].current_page().page_id == view
        assert left and right
        shared = (set(left) & set(right)) - {t for t in left if SAME_IN_EVERY_LANGUAGE.match(t)}
        assert not shared, f"{view}: English on the {visitor} side: {shared}"


def test_volunteer_side_is_english_and_visitor_side_translated(helpdesk, pack):
    window = helpdesk()
    tap(button(window, "visitor-lang-es"))
    tap(button(window, "view-setup"))
    assert "Set up your Securus account" in half_texts(window, "volunteer")
    assert "Prepare su cuenta de Securus" in half_texts(window, "visitor")


def test_each_language_is_one_tap(helpdesk):
    window = helpdesk()
    for code in ("ko", "hmn", "fa"):
        tap(button(window, f"visitor-lang-{code}"))
        assert window.languages["visitor"] == code
        assert button(window, f"visitor-lang-{code}").isChecked()
    tap(button(window, "volunteer-lang-ru"))
    assert window.languages == {"volunteer": "ru", "visitor": "fa"}
    assert button(window, "view-changes").label_text().startswith("1. ")
    assert "Что меняется" in button(window, "view-changes").label_text()


def _x(widget, window):
    return widget.mapTo(window, widget.rect().center()).x()


def test_arabic_half_mirrors_while_the_english_half_does_not(helpdesk):
    window = helpdesk()
    tap(button(window, "visitor-lang-ar"))
    tap(button(window, "view-account"))
    english, arabic = window.halves["volunteer"], window.halves["visitor"]
    assert english.stack.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert arabic.stack.layoutDirection() == Qt.LayoutDirection.RightToLeft
    en_page, ar_page = english.pages["account"], arabic.pages["account"]
    # The first choice (phone) starts on the left in English and on the right in Arabic.
    assert _x(en_page.choices["phone"], window) < _x(en_page.choices["video"], window)
    assert _x(ar_page.choices["phone"], window) > _x(ar_page.choices["video"], window)
    # Each half in its own script's fonts.
    assert arabic.stack.font().families()[0] == "Noto Naskh Arabic"
    assert english.stack.font().families()[0] == "Noto Sans"
    # The whole window does not flip: the volunteer's half stays on the left.
    assert _x(english, window) < _x(arabic, window)


def test_a_choice_on_one_side_shows_on_both(helpdesk):
    window = helpdesk()
    tap(button(window, "view-account"))
    tap(window.halves["visitor"].pages["account"].choices["video"])
    assert window.halves["volunteer"].pages["account"].choices["video"].isChecked()
    assert (
        window.halves["volunteer"].pages["account"].answer_box.headline.text()
        == "Yes, you will need a Securus account."
    )
    tap(button(window, "HelperStartOver"))
    assert window.session.chosen == frozenset()
    assert window.halves["visitor"].current_page().page_id == STEP_PAGES[0]


def test_common_questions_are_answered_from_the_content(helpdesk, pack, translators):
    window = helpdesk()
    tap(button(window, "visitor-lang-vi"))
    tap(button(window, "view-questions"))
    keys = [q.key for q in pack.helper.questions]
    assert keys == ["phone_account", "when", "cost", "pay", "facility_date", "sign_up"]
    vi = translators["vi"]
    for question in pack.helper.questions:
        left = window.halves["volunteer"].pages["questions"].cards[question.key]
        right = window.halves["visitor"].pages["questions"].cards[question.key]
        assert left.question.text() == question.question.text
        assert right.question.text() == vi.text(question.question)
        assert right.answer.text() and right.answer.text() != left.answer.text()
    answers = " ".join(half_texts(window, "volunteer"))
    assert "September" in answers and "We do not have this information yet." in answers
    assert not re.search(r"\$|\d", answers), "no prices, dates or numbers beyond the facts"


def test_pages_scroll_together(helpdesk):
    window = helpdesk(size=(1366, 768))
    tap(button(window, "view-setup"))
    left = window.halves["volunteer"].pages["setup"].scroll_area.verticalScrollBar()
    right = window.halves["visitor"].pages["setup"].scroll_area.verticalScrollBar()
    assert left.maximum() > 0 and right.maximum() > 0
    left.setValue(left.maximum())
    assert right.value() == right.maximum()
    right.setValue(0)
    assert left.value() == 0


def test_save_a_handout_in_any_language_without_a_dialog(helpdesk, tmp_path):
    window = helpdesk()
    tap(button(window, "visitor-lang-km"))
    tap(button(window, "visitor-save"))
    saved = tmp_path / "handouts" / "securus-steps-km-letter.pdf"
    assert window.status.text() == f"Saved: {saved}"
    assert saved.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(saved)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.M)
    tap(button(window, "volunteer-save"))
    assert (tmp_path / "handouts" / "securus-steps-en-letter.pdf").exists()
    assert QApplication.activeModalWidget() is None


def test_a_save_that_fails_says_why(helpdesk, tmp_path):
    (tmp_path / "handouts").write_text("a file where the folder should be", encoding="utf-8")
    window = helpdesk()
    tap(button(window, "visitor-save"))
    assert window.status.text().startswith("Not saved: cannot save ")


def test_print_in_the_visitors_language(helpdesk, tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('printer = "lobby"\npaper_size = "a4"\n', encoding="utf-8")
    fake = FakePrintService()
    window = helpdesk(load_settings(path), printer=HandoutPrinter(fake, poll_ms=60_000))
    tap(button(window, "visitor-lang-ar"))
    assert button(window, "visitor-print").label_text() == "اطبع هذه الخطوات (العربية)"
    tap(button(window, "visitor-print"))
    ((printer, pdf, paper),) = fake.submitted
    assert (printer, paper) == ("lobby", "a4") and pdf.startswith(b"%PDF")
    assert window.status.text() == "Printing the Arabic handout on lobby..."
    fake.fail("lobby-1")
    window.printer.poll()
    assert window.status.text().startswith("Could not print on lobby; the job was cancelled.")
    assert fake.cancelled == ["lobby-1"]


def test_no_print_buttons_without_a_printer(helpdesk):
    window = helpdesk()
    assert not button(window, "visitor-print").isVisible()
    assert button(window, "visitor-save").isVisible()
    # The Done page's own Print button belongs to the kiosk, not to this view.
    tap(button(window, "view-done"))
    assert not window.halves["visitor"].pages["done"].print_button.isVisible()


def test_a_normal_window_that_closes(helpdesk):
    window = helpdesk()
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowTitle() == "Visitor kiosk - help desk"
    assert window.close()


def test_command_line_opens_the_help_desk(kiosk_app, monkeypatch, tmp_path):
    shown: list[HelpDeskWindow] = []
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    monkeypatch.setattr(HelpDeskWindow, "show", lambda self: shown.append(self))
    assert main(["--helper", "--out", str(tmp_path)]) == 0
    (window,) = shown
    assert window.out_dir == tmp_path
    window.deleteLater()


def test_an_application_wide_right_to_left_does_not_swap_the_halves(helpdesk):
    # Loading Qt's own Arabic strings switches the whole application to right to left.
    before = QApplication.layoutDirection()
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        window = helpdesk()
        assert _x(window.halves["volunteer"], window) < _x(window.halves["visitor"], window)
        assert window.halves["volunteer"].stack.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        QApplication.setLayoutDirection(before)
