"""Does everything fit where it is drawn? Text, controls, scrolling and touch targets, for any
part of the kiosk's window (the staff screen uses it beside helpers.clipping's ink checks).

It measures what Qt will draw, not what a layout asked for: each visible label's, button's and
field's text is laid out again in the widget's own font (after the stylesheet), wrapped as the
widget wraps it, and compared with the contents rectangle the widget was given. It reports:

- text wider than its box (a word longer than a wrapped label's width, or an unwrapped line),
  or taller than it (the last lines cut off), and text shown elided ("…");
- a control or text outside any of its ancestors, that is outside the window or cut by a
  container; only a scroll area's viewport may hold something taller than itself (it scrolls
  vertically), never wider;
- a horizontal scroll bar, or a scroll area whose content is wider than its viewport;
- a touch target (button, text field, scroll bar) under ``min_target`` pixels either way.

Use :func:`clipping_problems` for the list (empty when all fits) or
:func:`assert_nothing_clipped` in a test. Both take the widget to check (its visible
descendants are checked too); the window must be shown and laid out (``helpers.settle``).
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    Qt,  # QtGui's Qt also has mightBeRichText
    QTextDocument,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollBar,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFrame,
    QWidget,
)

MIN_TARGET_PX = 48
#: Rounding between Qt's integer layout and the text engine's fractional widths.
SLACK_PX = 1.0
TARGETS = (QAbstractButton, QLineEdit, QScrollBar)


def clipping_problems(
    root: QWidget, min_target: int = MIN_TARGET_PX, targets: tuple[type, ...] = TARGETS
) -> list[str]:
    """Everything under ``root`` (and root) that is cut off, elided, scrolls sideways or is too
    small to touch, each named; empty when everything fits."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            problems += _label_problems(widget)
        elif isinstance(widget, QPushButton):
            problems += _button_text_problems(widget)
        elif isinstance(widget, QLineEdit):
            problems += _field_problems(widget)
        if isinstance(widget, QAbstractScrollArea):
            problems += _sideways_scrolling(widget)
        if _is_control(widget):
            problems += _outside_ancestors(widget)
        if isinstance(widget, targets) and _too_small(widget, min_target):
            problems.append(
                f"{name_of(widget)}: {widget.width()}x{widget.height()} px, "
                f"a touch target under {min_target} px"
            )
    return problems


def assert_nothing_clipped(root: QWidget, **options: object) -> None:
    problems = clipping_problems(root, **options)  # type: ignore[arg-type]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def name_of(widget: QWidget) -> str:
    """A widget as a test failure names it: its objectName or class, and its text."""
    text = ""
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        text = widget.text()
    elif hasattr(widget, "label_text"):
        text = widget.label_text()
    shown = f" {text[:50]!r}" if text else ""
    return f"{widget.objectName() or type(widget).__name__}{shown}"


# -- text ------------------------------------------------------------------------------------------
def _plain(label: QLabel) -> str:
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    )
    if rich:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def right_to_left(text: str) -> bool:
    """Whether a label sets ``text`` right to left: its first strong letter outside isolates
    (as QString.isRightToLeft decides)."""
    depth = 0
    for char in text:
        if char in "\u2066\u2067\u2068":  # LRI, RLI, FSI
            depth += 1
        elif char == "\u2069":  # PDI
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind in ("R", "AL"):
                return True
            if kind == "L":
                return False
    return False


def text_lines(text: str, font: QFont, width: float, wrap: bool) -> list[tuple[float, float]]:
    """(width, height) of each line ``text`` takes in ``font``, wrapped at word boundaries
    within ``width`` as a word-wrapped label wraps it (or only at line breaks). A right-to-left
    line's trailing spaces count: they are drawn at its visual start, pushing the text over."""
    text = text.replace("\n", "\u2028")
    rtl, metrics = right_to_left(text), QFontMetricsF(font)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap if wrap else QTextOption.WrapMode.ManualWrap)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width if wrap else 1e9)
        drawn = line.naturalTextWidth()
        if rtl:
            segment = text[line.textStart() : line.textStart() + line.textLength()]
            spaces = metrics.horizontalAdvance(segment) - metrics.horizontalAdvance(
                segment.rstrip()
            )
            drawn += spaces
        lines.append((drawn, line.height()))
    layout.endLayout()
    return lines


def _label_problems(label: QLabel) -> list[str]:
    text = _plain(label)
    if not text.strip():
        return []
    margin = label.margin()
    box = label.contentsRect().adjusted(margin, margin, -margin, -margin)
    indent = max(0, label.indent())
    width = box.width() - indent
    problems = []
    if text.rstrip().endswith("\u2026"):
        problems.append(f"{name_of(label)}: elided")
    lines = text_lines(text, label.font(), width, label.wordWrap())
    widest = max(w for w, _ in lines)
    if widest > width + SLACK_PX:
        problems.append(
            f"{name_of(label)}: text {widest:.0f} px wide in a box {width} px wide (cut off)"
        )
    metrics = QFontMetricsF(label.font())  # lines are set a line spacing apart, as QLabel does
    height = metrics.height() + (len(lines) - 1) * metrics.lineSpacing()
    if height > box.height() + SLACK_PX:
        problems.append(
            f"{name_of(label)}: text {height:.0f} px tall in a box {box.height()} px tall "
            f"(lines cut off)"
        )
    return problems


def _button_text_problems(button: QPushButton) -> list[str]:
    text = button.text()
    if not text:
        return []  # a TouchButton: its label is a QLabel, measured as one
    shown = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    option = QStyleOptionButton()
    button.initStyleOption(option)
    box = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    metrics = QFontMetricsF(button.font())
    width, height = metrics.horizontalAdvance(shown), metrics.height()
    problems = []
    if width > box.width() + SLACK_PX:
        problems.append(f"{name_of(button)}: text {width:.0f} px wide in {box.width()} px")
    if height > box.height() + SLACK_PX:
        problems.append(f"{name_of(button)}: text {height:.0f} px tall in {box.height()} px")
    return problems


def _field_problems(field: QLineEdit) -> list[str]:
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    box = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    height = QFontMetricsF(field.font()).height()
    if height > box.height() + SLACK_PX:
        return [f"{name_of(field)}: text {height:.0f} px tall in a field {box.height()} px tall"]
    return []


# -- geometry ------------------------------------------------------------------------------------
def _is_control(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return bool(widget.text()) or not widget.pixmap().isNull()
    return isinstance(widget, QAbstractButton | QLineEdit | QScrollBar)


def _outside_ancestors(widget: QWidget) -> list[str]:
    rect = QRect(QPoint(0, 0), widget.size())
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        rect.translate(child.pos())
        scrolls = isinstance(parent.parentWidget(), QAbstractScrollArea) and (
            parent is parent.parentWidget().viewport()  # type: ignore[union-attr]
        )
        inside = parent.rect()
        if scrolls:  # a scroll area's content runs past its viewport's top and bottom
            top, bottom = max(rect.top(), inside.top()), min(rect.bottom(), inside.bottom())
            if top > bottom:
                return []  # scrolled out of view: in view once scrolled to
            rect = QRect(rect.x(), top, rect.width(), bottom - top + 1)
        if not inside.contains(rect):
            where = "the window" if parent.isWindow() else name_of(parent)
            return [
                f"{name_of(widget)}: at {_show(rect)}, outside {where} ({_show(parent.rect())})"
            ]
        if parent.isWindow():
            break
        child, parent = parent, parent.parentWidget()
    return []


def _show(rect: QRect) -> str:
    return f"x {rect.x()}..{rect.right() + 1}, y {rect.y()}..{rect.bottom() + 1}"


def _sideways_scrolling(area: QAbstractScrollArea) -> list[str]:
    bar = area.horizontalScrollBar()
    if bar.isVisible() or bar.maximum() > 0:
        return [f"{name_of(area)}: scrolls sideways by {bar.maximum()} px"]
    return []


def _too_small(widget: QWidget, least: int) -> bool:
    if isinstance(widget, QScrollBar):
        across = widget.width() if widget.orientation() == Qt.Orientation.Vertical else None
        return across is not None and across < least
    return widget.width() < least or widget.height() < least
