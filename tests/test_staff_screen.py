"""The staff screen as the people who run the lobby use it: by touch only, in their words, with
an on-screen keyboard, a live preview of Step 1, and saving that says what happens and when.

(The PIN, the audit log and the settings' rules are tested in test_admin.py,
test_audit_events.py and test_settings_rules.py.)
"""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from helpers import button, settle, tap, visible_texts
from helpers.clipping import geometry_problems
from helpers.fit import assert_nothing_clipped, clipping_problems
from helpers.pins import GOOD_PIN
from kiosk.core.pin import PinStore
from kiosk.core.settings import GROUPS, SETTINGS, load_settings
from kiosk.ui.admin.services import AdminServices

TODAY = dt.date(2026, 11, 26)
SAVED = "Saved. Visitors see this from the next welcome screen."
SIZES = [(1920, 1080), (1366, 768), (1080, 1920)]


@pytest.fixture
def settings_file(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("# the lobby's settings\n", encoding="utf-8")
    return path


@pytest.fixture
def lobby(make_window, settings_file, tmp_path):
    """A kiosk with a staff PIN, at the size of the lobby's screen (1366x768)."""

    def make(size=(1366, 768), **services):
        pins = PinStore(tmp_path / "pin.json")
        pins.set_pin(GOOD_PIN)
        window = make_window(
            load_settings(settings_file),
            size=size,
            pins=pins,
            admin_services=AdminServices(pin_is_set=pins.is_set, today=lambda: TODAY, **services),
            today=lambda: TODAY,
        )
        return window

    return make


def open_by_touch(window):
    """Five taps in the top-left corner, then the PIN on the pad: what staff do."""
    for _ in range(5):
        tap(window, QPoint(20, 20))
    for digit in GOOD_PIN:
        tap(button(window, f"pin-{digit}"))
    tap(button(window, "pin-ok"))
    assert window.admin.isVisible()
    return window.admin


def type_on_keyboard(window, text: str) -> None:
    """Each character by a tap on the on-screen keyboard (Shift first for a capital)."""
    for char in text:
        if char == " ":
            tap(button(window, "key-space"))
            continue
        if char != char.lower():
            tap(button(window, "key-shift"))
        tap(button(window, f"key-{char.lower()}"))


# -- Done when -------------------------------------------------------------------------------------
def test_staff_set_the_facility_and_video_calls_by_touch_and_the_next_visitor_sees_both(
    lobby, settings_file
):
    window = lobby()
    # A visitor is on Step 1 when staff come by.
    tap(button(window, "StartButton"))
    tap(button(window, "lang-en"))
    assert window.session.page == "changes"
    step1 = {c.objectName(): c for c in window.pages["changes"].cards}
    coming = step1["status-video"].status.text()
    assert coming != "Available now."

    admin = open_by_touch(window)
    field = admin.text_editor("facility_name").field
    keyboard = admin.keyboard
    assert not keyboard.isVisible()
    tap(field)
    assert keyboard.isVisible() and keyboard.target is field
    type_on_keyboard(window, "Valley State Prison")
    assert field.text() == "Valley State Prison"
    tap(button(window, "key-done"))
    assert not keyboard.isVisible()
    tap(button(window, "service_status.video=available"))
    # The preview shows Step 1 as visitors will read it, before anything is saved.
    preview = {c.objectName(): c for c in admin.preview.cards}
    assert preview["status-video"].status.text() == "Available now."
    assert preview["status-phone"].status.text() == coming
    assert admin.message.text() == "2 changes not saved yet."
    tap(button(window, "AdminSave"))
    assert admin.message.text() == SAVED
    saved = tomllib.loads(settings_file.read_text(encoding="utf-8"))
    assert saved["facility_name"] == "Valley State Prison"
    assert saved["service_status"]["video"] == "available"
    assert settings_file.read_text(encoding="utf-8").startswith("# the lobby's settings\n")
    tap(button(window, "AdminClose"))

    # The visit under way is not changed under the visitor's eyes ...
    assert window.session.page == "changes"
    assert step1["status-video"].status.text() == coming
    # ... the next visitor, from Welcome on, sees both, without a restart.
    tap(button(window, "StartOverButton"))
    welcome = window.pages["welcome"]
    assert welcome.facility.isVisible() and welcome.facility.text() == "Valley State Prison"
    tap(button(window, "StartButton"))
    tap(button(window, "lang-en"))
    assert window.session.page == "changes"
    assert step1["status-video"].status.text() == "Available now."
    assert step1["status-phone"].status.text() == coming
    while window.session.page != "unknowns":
        tap(button(window, "ContinueButton"))
    assert "This facility is Valley State Prison." in visible_texts(window.pages["unknowns"])


# -- the on-screen keyboard ------------------------------------------------------------------------
def test_the_keyboard_types_what_a_name_or_place_needs_and_is_drawn_inside_the_window(lobby):
    window = lobby()
    admin = open_by_touch(window)
    field = admin.text_editor("help_desk_location").field

    def windows():
        return {w for w in QApplication.topLevelWidgets() if w.isVisible()}

    before = windows()
    tap(field)
    keyboard = admin.keyboard
    assert keyboard.isVisible() and keyboard.window() is window and not keyboard.isWindow()
    assert windows() == before  # no window of its own
    type_on_keyboard(window, "Centro San José")
    tap(button(window, "key-,"))
    tap(button(window, "key-space"))
    for char in "Ñuñoa (2) & St. Mary's #1 / Sur-Este":
        if char == " ":
            tap(button(window, "key-space"))
        elif char != char.lower():
            tap(button(window, "key-shift"))
            tap(button(window, f"key-{char.lower()}"))
        else:
            tap(button(window, f"key-{char}"))
    expected = "Centro San José, Ñuñoa (2) & St. Mary's #1 / Sur-Este"
    assert field.text() == expected
    # Shift gives one capital, accented letters too, then goes back to small letters.
    tap(button(window, "key-shift"))
    assert button(window, "key-ü").text() == "Ü"
    tap(button(window, "key-ü"))
    assert button(window, "key-ü").text() == "ü"
    for _ in range(2):
        tap(button(window, "key-delete"))
    assert field.text() == expected[:-1]
    assert admin.value("help_desk_location") == expected[:-1]  # each key reported, not saved
    # A plugged-in keyboard still types into the field: the keys never took its focus.
    assert field.hasFocus()
    QTest.keyClicks(field, "e")
    assert field.text() == expected
    tap(button(window, "key-done"))
    assert not keyboard.isVisible() and not field.hasFocus()
    # Closed while typing, the screen opens again with its keyboard closed and its groups shown.
    tap(field)
    assert keyboard.isVisible() and not admin.nav.isVisible()  # room for the field
    tap(button(window, "AdminClose"))
    admin = open_by_touch(window)
    assert not admin.keyboard.isVisible() and admin.nav.isVisible()
    assert admin.text_editor("help_desk_location").field.text() == ""  # not saved: dropped


def test_the_website_field_gets_the_keys_of_a_web_address(lobby):
    window = lobby()
    admin = open_by_touch(window)
    field = admin.text_editor("securus_url").field
    tap(field)
    field.end(False)
    for char in "/start?a=b_c":
        tap(button(window, f"key-{char}"))
    assert field.text() == "https://securustech.net/start?a=b_c"
    assert window.findChild(QWidget, "key-á") is None  # only plain ASCII belongs in an address
    tap(button(window, "key-done"))
    tap(admin.text_editor("facility_name").field)  # the other layout again
    assert button(window, "key-á").isVisible()


def test_the_field_being_typed_stays_in_view_above_the_keyboard(lobby):
    window = lobby()
    admin = open_by_touch(window)
    for key in ("rollout_start", "facility_name", "printer"):
        field = admin.text_editor(key).field
        tap(field)
        settle(admin)
        top = field.mapTo(window, QPoint(0, 0)).y()
        assert top >= admin.scroll_area.mapTo(window, QPoint(0, 0)).y(), key
        assert top + field.height() <= admin.keyboard.mapTo(window, QPoint(0, 0)).y(), key
        tap(button(window, "key-done"))


# -- words, groups, the services first -------------------------------------------------------------
def test_settings_show_by_label_and_help_with_the_key_in_small_type(lobby):
    window = lobby()
    admin = open_by_touch(window)
    for setting in SETTINGS:
        editor = admin.editors[setting.key]
        assert editor.name.text() == setting.label
        assert editor.key.text() == setting.key and editor.key.property("role") == "small"
        assert editor.key.font().pixelSize() < editor.name.font().pixelSize()
    for group in GROUPS:  # each key as drawn in its group: all the same small size
        tap(button(window, f"group-{group.key}"))
        QApplication.processEvents()
        for setting in (s for s in SETTINGS if s.group == group.key):
            editor = admin.editors[setting.key]
            assert editor.key.font().pixelSize() == editor.about.font().pixelSize(), setting.key
            assert editor.key.width() >= editor.key.sizeHint().width(), setting.key
    keys = {s.key for s in SETTINGS}
    headings = [
        label.text()
        for label in admin.findChildren(QLabel)
        if label.property("role") in ("subheading", "section", "heading")
    ]
    assert not keys & set(headings), "a raw key used as a heading"
    assert button(window, "text_size=150").label_text() == "Large (150 %)"
    assert button(window, "service_status.video=available").label_text() == "Available now"


def test_the_groups_come_in_the_order_staff_need_them_and_each_button_goes_there(lobby):
    window = lobby()
    admin = open_by_touch(window)
    tops = [admin.sections[g.key].y() for g in GROUPS]
    assert tops == sorted(tops)
    for group in reversed(GROUPS):
        tap(button(window, f"group-{group.key}"))
        heading = admin.sections[group.key]
        assert heading.visibleRegion().boundingRect().height() == heading.height(), group.key
        assert button(window, f"group-{group.key}").isChecked()


def test_the_three_services_and_the_preview_are_in_view_when_the_screen_opens(lobby):
    window = lobby()
    admin = open_by_touch(window)
    viewport = admin.scroll_area.viewport()
    for service in ("phone", "video", "messaging"):
        for status in ("coming", "available"):
            target = button(window, f"service_status.{service}={status}")
            assert target.visibleRegion().boundingRect().size() == target.size(), service
    for card in admin.preview.cards:
        where = card.mapTo(viewport, QPoint(0, 0))
        assert where.y() >= 0 and where.y() + card.height() <= viewport.height()
    # beside the services, where the screen is wide enough
    services_right = button(window, "service_status.phone=available").mapTo(admin, QPoint(0, 0))
    assert admin.preview.mapTo(admin, QPoint(0, 0)).x() > services_right.x()


def test_coming_says_the_month_then_says_what_stays_true_once_the_rollout_has_begun(
    lobby, settings_file
):
    window = lobby()
    admin = open_by_touch(window)
    coming = button(window, "service_status.phone=coming")
    assert coming.label_text() == "Coming in September"
    tap(admin.text_editor("rollout_start").field)
    type_on_keyboard(window, "2026-09")
    assert coming.label_text() == "Not started here yet"  # on 26 November 2026
    preview = {c.objectName(): c for c in admin.preview.cards}
    assert preview["status-phone"].status.text() == (
        "The rollout has begun. Ask the facility if this service has started here."
    )
    tap(button(window, "key-delete"))  # "2026-0": refused, so not previewed
    assert coming.label_text() == "Coming in September"
    assert admin.editors["rollout_start"].problem.isVisible()


# -- saving ----------------------------------------------------------------------------------------
def test_nothing_is_saved_until_every_field_is_valid_and_a_refused_value_stays_with_its_reason(
    lobby, settings_file
):
    window = lobby()
    before = settings_file.read_bytes()
    admin = open_by_touch(window)
    tap(admin.text_editor("facility_name").field)
    type_on_keyboard(window, "Valley State")
    tap(button(window, "key-done"))
    desk = admin.text_editor("help_desk_location")
    tap(desk.field)
    type_on_keyboard(window, "call 9165550100")
    reason = admin.editors["help_desk_location"].problem
    assert reason.isVisible() and "looks like a phone number" in reason.text()
    assert desk.field.property("problem") is True
    settle(reason)
    top = reason.mapTo(admin, QPoint(0, 0)).y()
    assert top > desk.field.mapTo(admin, QPoint(0, 0)).y()  # beside (under) its field ...
    assert top + reason.height() <= admin.keyboard.y()  # ... in view above the keys
    tap(button(window, "key-done"))
    tap(button(window, "AdminSave"))
    assert admin.message.text() == (
        "Not saved: nothing is saved until the field marked below is fixed: Where the help desk is."
    )
    assert settings_file.read_bytes() == before  # not even the facility's name
    assert desk.field.text() == "call 9165550100"  # what staff typed stays to be fixed
    assert reason.isVisible()
    tap(desk.field)
    desk.field.end(False)
    for _ in range(len("call 9165550100")):
        tap(button(window, "key-delete"))
    type_on_keyboard(window, "the desk by the door")
    assert not reason.isVisible() and desk.field.property("problem") is False
    tap(button(window, "AdminSave"))
    assert admin.message.text() == SAVED
    saved = tomllib.loads(settings_file.read_text(encoding="utf-8"))
    assert saved["facility_name"] == "Valley State"
    assert saved["help_desk_location"] == "the desk by the door"


def test_a_setting_not_changed_here_shows_its_value_and_why_and_takes_no_touch(
    lobby, settings_file
):
    why = "set centrally by the department"
    window = lobby(read_only_settings=lambda: {"service_status.video": why, "printer": why})
    admin = open_by_touch(window)
    video = admin.editors["service_status.video"]
    assert video.locked.isVisible() and video.locked.text() == f"Not changed here: {why}"
    available = button(window, "service_status.video=available")
    assert not available.isEnabled()
    tap(available)
    assert admin.pending == {} and not admin.save.isEnabled()
    printer = admin.text_editor("printer")
    tap(printer.field)
    assert not admin.keyboard.isVisible() and printer.field.isReadOnly()
    assert admin.editors["service_status.phone"].locked.isHidden()


# -- it fits ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_staff_screen_fits_with_and_without_the_keyboard(lobby, size):
    """No sideways scrolling, nothing cut off or outside the window, every target >= 48 px:
    measured on what is drawn (tests/helpers/fit.py, and the visitor pages' ink check,
    tests/helpers/clipping.py), in every group, with the keyboard open on each layout, and with
    a refused value's reason showing."""
    window = lobby(size)
    admin = open_by_touch(window)
    assert admin.scroll_area.horizontalScrollBar().maximum() == 0
    for group in GROUPS:
        tap(button(window, f"group-{group.key}"))
        assert_nothing_clipped(admin)
        assert geometry_problems(window, f"{size} {group.key}") == []
    for key in ("facility_name", "securus_url"):
        tap(admin.text_editor(key).field)
        settle(admin)
        assert_nothing_clipped(admin)
        assert geometry_problems(window, f"{size} keyboard for {key}") == []
    admin.text_editor("securus_url").field.end(False)
    type_on_keyboard(window, "s")  # "https://securustech.nets": not a host name
    assert admin.editors["securus_url"].problem.isVisible()
    settle(admin)
    assert_nothing_clipped(admin)
    tap(button(window, "key-done"))
    tap(button(window, "AdminExit"))  # the top bar with its confirmation in it
    settle(admin)
    assert_nothing_clipped(admin)


def test_the_website_check_fits_and_goes_back_without_saving(lobby, settings_file):
    window = lobby((1366, 768))
    before = settings_file.read_bytes()
    admin = open_by_touch(window)
    field = admin.text_editor("securus_url").field
    tap(field)
    field.selectAll()
    tap(button(window, "key-delete"))
    for char in "https://example.org":
        tap(button(window, f"key-{char}"))
    tap(button(window, "key-done"))
    tap(button(window, "allow_other_website=True"))
    tap(button(window, "AdminSave"))
    check = admin.website_check
    assert check.isVisible() and admin.website_host.text() == "example.org"
    assert_nothing_clipped(check)
    tap(button(window, "AdminWebsiteBack"))
    assert not check.isVisible()
    assert settings_file.read_bytes() == before


# -- the clipping check itself ---------------------------------------------------------------------
def test_the_clipping_check_sees_what_is_cut_off(kiosk_app, qtbot):
    from PySide6.QtWidgets import QPushButton, QScrollArea, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(300, 300)
    layout = QVBoxLayout(root)
    wrapped = QLabel("Antidisestablishmentarianism" * 3)
    wrapped.setWordWrap(True)
    wrapped.setMinimumWidth(1)
    wrapped.setObjectName("long-word")
    small = QPushButton("A much too long text for this button")
    small.setObjectName("small-button")
    small.setFixedSize(60, 30)
    area = QScrollArea()
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    inner = QLabel("x" * 200)
    inner.setWordWrap(False)
    area.setWidget(inner)
    for widget in (wrapped, small, area):
        layout.addWidget(widget)
    root.show()
    qtbot.waitExposed(root)
    problems = "\n".join(clipping_problems(root))
    assert "long-word" in problems and "(cut off)" in problems
    assert "small-button" in problems and "px wide in" in problems
    assert "a touch target under 48 px" in problems
    assert "scrolls sideways" in problems
