"""The wizard as a visitor uses it: by touch and by mouse, forward, back and Start over."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea

from helpers import button, click, tap, visible_texts
from kiosk.core.session import PAGES

STEPS = ["changes", "account", "setup", "unknowns", "done"]


def current(window) -> str:
    return window.stack.currentWidget().page_id


@pytest.mark.parametrize("press", [tap, click], ids=["touch", "mouse"])
def test_walk_forward_and_back_through_every_page(make_window, press):
    window = make_window()
    assert current(window) == "welcome"
    assert not window.chrome.bar.isVisible()
    press(button(window, "StartButton"))
    assert current(window) == "language"
    press(button(window, "lang-en"))
    seen = ["welcome", "language", current(window)]
    for number, page in enumerate(STEPS, start=1):
        assert current(window) == page
        assert window.chrome.step_label.text() == f"Step {number} of 5"
        if page != "done":
            press(button(window, "ContinueButton"))
            seen.append(current(window))
    assert tuple(seen) == PAGES
    assert not button(window, "ContinueButton").isVisible()
    for page in reversed(PAGES[:-1]):
        press(button(window, "BackButton"))
        assert current(window) == page
    assert current(window) == "welcome"


def test_tap_anywhere_on_welcome_starts(make_window):
    window = make_window()
    tap(
        window.pages["welcome"],
        window.pages["welcome"].rect().topLeft() + window.rect().center() / 4,
    )
    assert current(window) == "language"


def test_language_picker_shows_native_names_in_operator_order(make_window, tmp_path):
    from kiosk.core.settings import load_settings

    path = tmp_path / "s.toml"
    path.write_text('languages = ["es", "en", "ar"]\n', encoding="utf-8")
    window = make_window(load_settings(path))
    tap(button(window, "StartButton"))
    grid = window.pages["language"].grid
    assert [b.label_text() for b in grid.buttons.values()] == ["Español", "English", "العربية"]


@pytest.mark.parametrize(
    ("choices", "headline"),
    [
        ([], "Tap a service above to see the answer."),
        (["phone"], "Not for free phone calls."),
        (["video"], "Yes, you will need a Securus account."),
        (["messaging"], "Yes, you will need a Securus account."),
        (["phone", "video"], "Yes, you will need a Securus account."),
        (["phone", "messaging"], "Yes, you will need a Securus account."),
        (["video", "messaging"], "Yes, you will need a Securus account."),
        (["phone", "video", "messaging"], "Yes, you will need a Securus account."),
        (["not-sure"], "Make a Securus account now."),
    ],
)
def test_account_page_answers_what_the_visitor_tapped(make_window, choices, headline):
    window = make_window()
    window.session.go_to("account")
    for choice in choices:
        tap(button(window, f"choice-{choice}"))
    box = window.pages["account"].answer_box
    assert box.headline.text() == headline
    answers = box.answers.texts()
    if "phone" in choices:
        assert "For free phone calls, you do not need an online account." in answers
    if "video" in choices:
        assert "For video calls, you need a Securus account once they are available." in answers
    if choices == ["phone"]:
        assert box.details.texts() == [
            "But making an account now can prevent delays when video calls and messaging start."
        ]
    for key in ("phone", "video", "messaging", "not-sure"):
        assert button(window, f"choice-{key}").isChecked() == (key in choices)


def test_already_have_an_account_shows_what_is_left(make_window):
    window = make_window()
    window.session.go_to("setup")
    page = window.pages["setup"]
    assert page.steps.visible_titles() == [
        "Create your Securus account", "Check that you can log in", "Watch for news",
    ]  # fmt: skip
    tap(button(window, "HaveAccountButton"))
    assert page.steps.visible_titles() == ["Check that you can log in", "Watch for news"]
    texts = visible_texts(page)
    assert "You cannot make it on this kiosk." in " ".join(texts)
    assert "Website:" in texts and "https://securustech.net" in texts  # caption, address


def test_done_page_repeats_choices_and_next_steps(make_window):
    window = make_window()
    window.session.go_to("account")
    tap(button(window, "choice-video"))
    window.session.go_to("done")
    page = window.pages["done"]
    assert page.chosen.texts() == ["Video calls"]
    assert page.answer_box.headline.text() == "Yes, you will need a Securus account."
    assert page.next_steps.visible_titles()[0] == "Create your Securus account"
    assert "This kiosk keeps nothing about you." in visible_texts(page)


def test_start_over_clears_everything(make_window):
    window = make_window()
    window.session.go_to("account")
    tap(button(window, "choice-messaging"))
    window.session.go_to("setup")
    tap(button(window, "HaveAccountButton"))
    window.pages["setup"].scroll_area.verticalScrollBar().setValue(200)
    tap(button(window, "StartOverButton"))
    assert current(window) == "welcome"
    assert window.session.chosen == frozenset()
    assert not window.session.has_account
    window.session.go_to("account")
    assert not button(window, "choice-messaging").isChecked()
    window.session.go_to("setup")
    assert window.pages["setup"].scroll_area.verticalScrollBar().value() == 0


def test_facility_and_help_desk_come_from_settings(make_window, tmp_path):
    from kiosk.core.settings import load_settings

    path = tmp_path / "s.toml"
    path.write_text(
        'facility_name = "Centinela State Prison"\nhelp_desk_location = "the desk by the door"\n'
        '[service_status]\nphone = "available"\n',
        encoding="utf-8",
    )
    window = make_window(load_settings(path))
    assert "Centinela State Prison" in visible_texts(window.pages["welcome"])
    window.session.go_to("changes")
    cards = {c.objectName(): c for c in window.pages["changes"].cards}
    assert cards["status-phone"].status.text() == "Available now."
    assert cards["status-video"].status.text() == (
        "Coming. Securus says the rollout begins in September."
    )
    window.session.go_to("unknowns")
    assert "This facility is Centinela State Prison." in visible_texts(window.pages["unknowns"])
    window.session.go_to("setup")
    assert "The help desk is here: the desk by the door" in visible_texts(window.pages["setup"])


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (1080, 1920)])
def test_bottom_bar_never_covers_content_and_targets_are_big(make_window, size):
    window = make_window(size=size)
    for page in STEPS:
        window.session.go_to(page)
        scroll = window.stack.currentWidget().findChild(QScrollArea)
        top_of_bar = window.chrome.bar.mapTo(window, window.chrome.bar.rect().topLeft()).y()
        bottom_of_scroll = scroll.mapTo(window, scroll.rect().bottomLeft()).y()
        assert bottom_of_scroll < top_of_bar
        for b in window.findChildren(QAbstractButton):
            if b.isVisibleTo(window):
                assert b.height() >= 48 and b.width() >= 48, b.objectName()


def test_no_text_selection_and_no_context_menu(make_window):
    window = make_window()
    assert window.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    for label in window.findChildren(QLabel):
        assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction


def test_a_part_of_the_chrome_used_before_the_first_frame_is_built_then(
    kiosk_app, qtbot, pack, translators
):
    from kiosk.core.settings import load_settings
    from kiosk.ui.widgets.bottom_bar import BottomBar
    from kiosk.ui.window import KioskWindow

    window = KioskWindow(pack, load_settings(), translators, kiosk_mode=False)
    qtbot.addWidget(window)
    assert not window.chrome_built
    assert isinstance(window.chrome.bar, BottomBar)  # built on this first use, with the rest
    assert window.chrome_built and window.chrome.idle_overlay.parent() is window
    window.session.go_next()  # a page with the chrome: rendered at once, before any frame
    chrome = window.chrome
    assert not chrome.bar.isHidden() and chrome.header.isHidden()  # the language picker


def test_only_welcome_is_built_before_the_first_frame_and_the_rest_right_after(
    kiosk_app, qtbot, pack, translators
):
    from PySide6.QtCore import QEvent, QObject

    from kiosk.core.session import PAGES
    from kiosk.core.settings import load_settings
    from kiosk.ui.window import KioskWindow

    window = KioskWindow(pack, load_settings(), translators, kiosk_mode=False)
    qtbot.addWidget(window)
    welcome = window.pages["welcome"]
    at_first_paint: list[tuple[list[str], int]] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not at_first_paint:
                built = (window.pages.built_ids(), welcome.warm_up.pending, window.chrome_built)
                at_first_paint.append(built)
            return False

    watcher = FirstPaint()
    kiosk_app.installEventFilter(watcher)
    assert window.pages.built_ids() == ["welcome"]
    assert window._pin_pad is None and window._admin is None  # staff screens: on first use
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.pages.built_ids() == list(PAGES), timeout=5000)
    kiosk_app.removeEventFilter(watcher)
    # The first frame waited for nothing that could follow it: no other page built, no other
    # language's greeting loaded (a zero-interval timer started on show would run before it).
    # Nor the chrome (header, bar, overlays, idle watch, staff gesture): Welcome shows none.
    assert at_first_paint == [(["welcome"], len(window.settings.offered_languages) - 1, False)]
    assert window.stack.count() == len(PAGES)  # built once each, before a visitor needs them
    assert window.chrome_built and window.chrome.input_watch is not None
    qtbot.waitUntil(lambda: welcome.warm_up.pending == 0, timeout=5000)
    window.session.go_next()
    assert window.stack.currentWidget() is window.pages["language"]
