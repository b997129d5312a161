"""Accessible to every visitor: contrast, 200% text, targets, keyboard, names, motion.

Numbers from Section 508 402, ADA 707 and WCAG 2.2.
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from helpers import tap
from kiosk.core.settings import load_settings
from kiosk.ui.screens import states
from kiosk.ui.theme import THEMES

LARGE_ROLES = {"title", "heading"}


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * (channel(color.blueF()))
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def visible_labels(window: QWidget) -> list[QLabel]:
    return [
        label
        for label in window.findChildren(QLabel)
        if label.isVisibleTo(window) and label.text() and not label.text().isspace()
    ]


def visible_buttons(window: QWidget) -> list[QAbstractButton]:
    return [b for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]


def settle() -> None:
    """Let nested layouts (scroll area, height-for-width labels) finish: a few passes."""
    for _ in range(3):
        QApplication.processEvents()


def reach(window, page, setup):
    window.session.start_over()
    window.session.go_to(page)
    if setup is not None:
        setup(window)
    QApplication.processEvents()


def settings_with(tmp_path: Path, text: str):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


# -- contrast ----------------------------------------------------------------------------------
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_text_contrasts_with_what_is_behind_it(make_window, tmp_path, theme):
    """Colours as the widgets resolve them: the label's stylesheet colour against the pixel
    actually drawn behind it (body text 7:1, large text 4.5:1)."""
    window = make_window(settings_with(tmp_path, f'theme = "{theme}"\n'))
    checked = 0
    for page, _state, setup in states():
        reach(window, page, setup)
        shot: QImage = window.grab().toImage()
        for label in visible_labels(window):
            if not label.visibleRegion().contains(QPoint(1, 1)) or _hidden_by_overlay(
                window, label
            ):
                continue  # scrolled out of view, or under an overlay
            corner = label.mapTo(window, label.rect().topLeft())
            behind = QColor(shot.pixel(corner.x() + 1, corner.y() + 1))
            ink = label.palette().color(label.foregroundRole())
            need = 4.5 if label.property("role") in LARGE_ROLES else 7.0
            ratio = contrast(ink, behind)
            assert ratio >= need, (
                f"{theme} {page}: {label.text()[:40]!r} {ink.name()} on {behind.name()}: "
                f"{ratio:.2f} < {need}"
            )
            checked += 1
        window.chrome.overlay.hide()
        window.chrome.idle_overlay.hide()
    assert checked > 150


@pytest.mark.parametrize("code", ["en", "zh_Hant", "ar"])
@pytest.mark.parametrize("text_size", [100, 200])
def test_every_label_is_actually_drawn(make_window, code, text_size):
    """Ink of the label's colour inside every visible label, titles included: a Qt setting that
    cached big glyphs once left every title blank while all other tests passed."""
    window = make_window()
    window.session.set_language(code)
    while window.session.text_size != text_size:
        window.session.next_text_size()
    checked = 0
    for page in ("welcome", "changes", "account", "setup", "unknowns", "done"):
        window.session.go_to(page)
        shot: QImage = window.grab().toImage()
        for label in visible_labels(window):
            shown = label.visibleRegion().boundingRect()  # not what is scrolled out of view
            area = shown.translated(label.mapTo(window, QPoint(0, 0))) & shot.rect()
            if not label.text().strip() or shown.height() < label.height() or area.height() < 8:
                continue  # partly scrolled out: its ink may be in the hidden part
            if _hidden_by_overlay(window, label):
                continue
            ink = label.palette().color(label.foregroundRole())
            step = 1 if area.width() * area.height() < 20_000 else 2  # small digits: every pixel
            inked = any(
                max(
                    abs(QColor(shot.pixel(x, y)).red() - ink.red()),
                    abs(QColor(shot.pixel(x, y)).green() - ink.green()),
                    abs(QColor(shot.pixel(x, y)).blue() - ink.blue()),
                )
                < 40
                for y in range(area.top(), area.bottom(), step)
                for x in range(area.left(), area.right(), step)
            )
            assert inked, f"{code} {text_size}% {page}: {label.text()[:40]!r} is not drawn"
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda p: p.name)
def test_non_text_cues_reach_three_to_one(theme):
    c = lambda name: QColor(getattr(theme, name))  # noqa: E731
    assert contrast(c("focus"), c("window")) >= 3
    assert contrast(c("focus"), c("surface")) >= 3
    assert contrast(c("focus"), c("bar")) >= 3
    assert contrast(c("border"), c("window")) >= 3  # step markers, card edges
    assert contrast(c("border"), c("surface")) >= 3
    assert contrast(c("primary"), c("window")) >= 3  # the current step, a chosen option


def test_colours_live_only_in_the_theme_module():
    root = Path(__file__).resolve().parents[1] / "kiosk"
    literal = re.compile(r"#[0-9a-fA-F]{3,8}\b|QColor\(\s*\d|GlobalColor\.(?!transparent)")
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        if path.name != "theme.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line.split("  #")[0])
    ]
    assert offenders == []


def test_high_contrast_is_one_tap_and_resets_for_the_next_visitor(make_window):
    window = make_window()
    window.session.go_to("changes")
    tap(window.chrome.bar.contrast)
    assert window.session.high_contrast
    assert window.context().palette.name == "high_contrast"
    assert window.pages["changes"].body.palette().color(
        window.pages["changes"].body.backgroundRole()
    ) == QColor(THEMES["high_contrast"].window)
    tap(window.chrome.bar.start_over)
    assert not window.session.high_contrast


# -- text size ---------------------------------------------------------------------------------
def test_text_size_control_steps_through_three_sizes(make_window):
    window = make_window()
    window.session.go_to("changes")
    title = window.pages["changes"].title
    sizes = [title.fontInfo().pixelSize()]
    for expected in (150, 200, 100):
        tap(window.chrome.bar.text_size)
        assert window.session.text_size == expected
        sizes.append(title.fontInfo().pixelSize())
    assert sizes[0] < sizes[1] < sizes[2] and sizes[3] == sizes[0]
    assert window.chrome.bar.text_size.label_text().endswith("100%")


# No clipping: tests/test_clipping.py (what is drawn, not what the size hints promise).


# -- targets -----------------------------------------------------------------------------------
def _gap(a: QRect, b: QRect) -> int:
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
    return max(dx, dy)


@pytest.mark.parametrize("text_size", [100, 200])
def test_targets_are_at_least_48_px_and_8_px_apart(make_window, tmp_path, text_size):
    window = make_window(settings_with(tmp_path, f"text_size = {text_size}\n"))
    for page, state, setup in states():
        reach(window, page, setup)
        buttons = [b for b in visible_buttons(window) if not _hidden_by_overlay(window, b)]
        boxes = {}
        for b in buttons:
            assert b.width() >= 48 and b.height() >= 48, f"{page}-{state}: {b.objectName()}"
            shown = b.visibleRegion().boundingRect()  # the part not scrolled out of view
            if not shown.isEmpty():
                boxes[b] = QRect(b.mapTo(window, shown.topLeft()), shown.size())
        for (a, ra), (b, rb) in combinations(boxes.items(), 2):
            if a.parentWidget() is b or b.parentWidget() is a:
                continue
            assert _gap(ra, rb) >= 8, f"{page}-{state}: {a.objectName()} / {b.objectName()}"
        window.chrome.overlay.hide()
        window.chrome.idle_overlay.hide()


def _hidden_by_overlay(window, button) -> bool:
    for overlay in window.overlays():
        if overlay.isVisible() and not overlay.isAncestorOf(button):
            return True
    return False


def test_nothing_essential_sits_only_at_the_top(make_window):
    """Navigation and every visitor tool are in the bottom bar, within a seated reach."""
    window = make_window(size=(1080, 1920))
    window.session.go_to("account")
    bar = window.chrome.bar
    for b in (bar.back, bar.next, bar.start_over, bar.language, bar.text_size, bar.contrast,
              bar.read):  # fmt: skip
        assert b.mapTo(window, b.rect().topLeft()).y() > window.height() / 2


# -- keyboard and names ------------------------------------------------------------------------
def test_every_control_is_reachable_with_tab_and_works_with_enter_and_space(make_window, qtbot):
    window = make_window()
    window.session.go_to("account")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    buttons = {b for b in visible_buttons(window) if b.isEnabled()}  # disabled: not a stop
    reached = set()
    window.chrome.bar.back.setFocus()
    for _ in range(len(buttons) * 2):
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget in buttons:
            reached.add(widget)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    assert reached == buttons
    video = window.findChild(QAbstractButton, "choice-video")
    video.setFocus()
    QTest.keyClick(video, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.chosen == {"video"})  # animateClick is deferred
    QTest.keyClick(video, Qt.Key.Key_Space)
    assert window.session.chosen == frozenset()
    QTest.keyClick(video, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is not video


def test_focus_ring_is_visible(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.session.go_to("account")
    button = window.findChild(QAbstractButton, "choice-phone")
    window.chrome.bar.back.setFocus()
    QApplication.processEvents()
    unfocused = button.grab().toImage()
    button.setFocus()
    QApplication.processEvents()
    focused = button.grab().toImage()
    edge = QColor(focused.pixel(2, focused.height() // 2))
    assert edge != QColor(unfocused.pixel(2, unfocused.height() // 2))
    assert edge.name() == THEMES["default"].focus


def test_every_control_has_an_accessible_name(make_window):
    window = make_window()
    for page, state, setup in states():
        reach(window, page, setup)
        for b in visible_buttons(window):
            assert b.accessibleName().strip(), f"{page}-{state}: {b.objectName()}"
        window.chrome.overlay.hide()
        window.chrome.idle_overlay.hide()
    window.session.go_to("setup")
    assert window.chrome.markers.accessibleName() == "Step 3 of 5"


# -- motion ------------------------------------------------------------------------------------
def test_reduce_motion_stops_swiped_pages_from_gliding_and_bouncing(make_window, tmp_path):
    from PySide6.QtWidgets import QScroller, QScrollerProperties

    metric = QScrollerProperties.ScrollMetric
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff

    def motion(window):
        page = window.pages["setup"]
        window.session.go_to("setup")
        props = QScroller.scroller(page.scroll_area.viewport()).scrollerProperties()
        return props.scrollMetric(metric.MinimumVelocity), props.scrollMetric(
            metric.VerticalOvershootPolicy
        )

    glide, bounce = motion(make_window())
    assert glide < 1 and bounce != off  # by default a flick glides on, Qt's usual feel
    still = make_window(settings_with(tmp_path, "reduce_motion = true\n"))
    glide, bounce = motion(still)
    assert glide >= 1000 and bounce == off
    still.apply_settings(settings_with(tmp_path, "reduce_motion = false\n"))
    still.start_over()  # an operator's change applies from the next Welcome, without a restart
    glide, _ = motion(still)
    assert glide < 1


# -- review renders ----------------------------------------------------------------------------
def test_screens_add_text_size_and_theme_to_the_names(kiosk_app, tmp_path):
    from kiosk.cli import main

    args = ["screens", str(tmp_path), "--lang", "en", "--size", "1366x768"]
    assert main([*args, "--text-size", "200", "--theme", "high_contrast"]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert "03-account-phone-en-1366x768-text200-high_contrast.png" in names
    assert main([*args, "--text-size", "100", "--text-size", "150"]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert "00-welcome-en-1366x768-text100.png" in names
    assert "00-welcome-en-1366x768-text150.png" in names
