"""Languages in the running kiosk: live switching, right to left, bundled fonts only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from helpers import button, tap, visible_texts
from helpers.processes import child_env
from kiosk.core.settings import ALL_LANGUAGES
from kiosk.ui.screens import states

STEP_PAGES = ["changes", "account", "setup", "unknowns", "done"]


def switch_language(window, code):
    tap(button(window, "LanguageButton"))
    assert window.chrome.overlay.isVisible()
    tap(window.chrome.overlay.grid.buttons[code])
    assert not window.chrome.overlay.isVisible()


@pytest.mark.parametrize("code", [c for c in ALL_LANGUAGES if c != "en"])
def test_switching_mid_flow_keeps_page_and_choices(make_window, code):
    window = make_window()
    window.session.go_to("account")
    tap(button(window, "choice-video"))
    english = set(visible_texts(window))
    switch_language(window, code)
    assert window.session.page == "account"
    assert window.session.chosen == {"video"}
    assert button(window, "choice-video").isChecked()
    shown = visible_texts(window)
    leftovers = english & set(shown)
    # Only texts whose translation is the same in both (numbers, names) may stay.
    allowed = {"1", "2", "3", "4", "5", "\u2022"}  # step numbers, bullets
    assert leftovers <= allowed, f"{code}: English left on screen: {leftovers - allowed}"
    assert window.pages["account"].answer_box.headline.text() != (
        "Yes, you will need a Securus account."
    )


def test_every_page_switches_language_in_place(make_window):
    window = make_window()
    for page in STEP_PAGES:
        window.session.go_to(page)
        switch_language(window, "es")
        assert window.session.page == page
        assert "Continuar" in visible_texts(window) or page == "done"
        switch_language(window, "en")


def _x(widget, window):
    return widget.mapTo(window, widget.rect().center()).x()


def test_arabic_mirrors_the_page(make_window):
    window = make_window()
    window.session.go_to("account")
    back, cont = button(window, "BackButton"), button(window, "ContinueButton")
    assert _x(back, window) < _x(cont, window)
    title_en = window.pages["account"].title
    left_en = title_en.mapTo(window, title_en.rect().topLeft()).x()
    switch_language(window, "ar")
    assert _x(back, window) > _x(cont, window), "Back must sit right of Continue in Arabic"
    assert back.mirror_icon and cont.mirror_icon
    phone, video = button(window, "choice-phone"), button(window, "choice-video")
    assert _x(phone, window) > _x(video, window), "the first choice starts on the right"
    markers = window.chrome.markers
    assert markers.layoutDirection().name == "RightToLeft"
    title = window.pages["account"].title
    right_edge = title.mapTo(window, title.rect().topRight()).x()
    assert right_edge > window.width() - 200 and left_en < 200


@pytest.mark.parametrize("code", ["fa", "ar"])
def test_web_address_stays_left_to_right_in_rtl(make_window, code):
    window = make_window()
    switch_to = window.session
    switch_to.set_language(code)
    window.session.go_to("setup")
    page = window.pages["setup"]
    # The address on a line of its own, left to right, at the page's leading (right) edge;
    # its caption in the page's language.
    assert page.website.text() == "https://securustech.net"
    assert page.website.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert page.website.alignment() & Qt.AlignmentFlag.AlignRight
    assert "securustech" not in page.website_caption.text()
    assert page.website_caption.text().endswith(":")


def test_language_button_names_each_language_in_its_own_script(make_window):
    window = make_window()
    window.session.go_to("changes")
    tap(button(window, "LanguageButton"))
    names = [b.label_text() for b in window.chrome.overlay.grid.buttons.values()]
    assert names == [
        "English", "Español", "中文（繁體）", "Tiếng Việt", "Tagalog", "한국어", "Հայերեն",
        "فارسی", "Русский", "العربية", "ਪੰਜਾਬੀ", "ភាសាខ្មែរ", "Hmoob",
    ]  # fmt: skip
    assert window.chrome.overlay.grid.buttons["en"].isChecked()


def test_start_over_returns_to_the_default_language(make_window):
    window = make_window()
    window.session.go_to("changes")
    switch_language(window, "ar")
    assert window.pages["changes"].layoutDirection().name == "RightToLeft"
    tap(button(window, "StartOverButton"))
    assert window.session.language == "en"
    assert window.pages["welcome"].layoutDirection().name == "LeftToRight"
    window.session.go_to("changes")  # the next visitor's pages are left to right again
    for part in (window.chrome.header, window.pages["changes"], window.chrome.bar):
        assert part.layoutDirection().name == "LeftToRight"
        assert part.font().families()[0] == "Noto Sans"


def test_every_page_in_every_language_renders_with_bundled_fonts_only(tmp_path):
    """In a process whose fontconfig knows no system fonts: no missing glyph anywhere."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    script = Path(__file__).parent / "scripts" / "glyph_walk.py"
    env = child_env({"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    pages = sum(1 for _ in states())
    assert lines == [lines[-1]], "\n".join(lines[:30])
    checked = int(lines[-1].split()[1])
    assert checked > 13 * pages * 5


def test_the_kiosk_sees_only_its_bundled_fonts_even_where_the_pc_has_its_own(tmp_path):
    """kiosk.ui.fonts.hide_system_fonts: a PC with Debian's Noto packages (this one has them)
    served "Noto Sans" and "Noto Sans CJK TC" from its own large files instead of the bundled
    subsets, and their pages moved the kiosk's memory by up to 40 MiB as Qt's font cache came
    and went. In a fresh process started as the kiosk starts, Qt knows the bundled families
    alone."""
    probe = (
        "from kiosk.ui.app import create_app; from kiosk.ui.fonts import register_bundled_fonts;"
        "from PySide6.QtGui import QFontDatabase; create_app();"
        "print(sorted(set(QFontDatabase.families()) - set(register_bundled_fonts())))"
    )
    generic = "['Monospace', 'Sans Serif', 'Serif']"  # Qt's names for "the default font"
    env = child_env(
        {
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in ("[]", generic)


def test_every_text_and_button_asks_for_the_bundled_fonts(make_window):
    """Not the PC's "Sans Serif": on a kiosk with other fonts installed, text must look the same."""
    from PySide6.QtWidgets import QLabel

    from kiosk.ui.fonts import register_bundled_fonts

    bundled = set(register_bundled_fonts())
    window = make_window()
    for page in ("changes", "account", "setup"):
        window.session.go_to(page)
        for label in window.findChildren(QLabel):
            if label.isVisibleTo(window) and label.text():
                assert label.font().families()[0] in bundled, label.text()[:30]


def test_each_languages_direction_matches_babel():
    from babel import Locale

    from kiosk.core.i18n import LANGUAGES

    for language in LANGUAGES.values():
        cldr = Locale.parse(language.babel_code or "en").text_direction
        assert language.is_rtl == (cldr == "rtl"), language.code
    assert {c for c, lang in LANGUAGES.items() if lang.is_rtl} == {"ar", "fa"}
