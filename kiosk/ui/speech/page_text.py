"""What a visitor sees on a page, in reading order: the texts read aloud speaks.

The page is walked depth-first in layout order (``QObject.children()`` is creation order, which
is not what the visitor sees), taking visible labels and buttons. A button is read as one text,
never as the labels inside it. Markers without a letter or digit (bullets) are skipped;
numbers ("1.") are kept.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QWidget,
)

from kiosk.core.i18n import LANGUAGES
from kiosk.ui.widgets.touch_button import TouchButton
from kiosk.ui.widgets.web_address import WebAddress

#: A widget may name the language of its own text (a language's name on the language picker
#: is in that language, not the page's) with this dynamic property.
LANGUAGE_PROPERTY = "speech_language"


class Spoken(str):
    """A text to speak; ``language`` is set where it differs from the page's language."""

    language: str | None = None

    def __new__(cls, text: str, language: str | None = None) -> Spoken:
        spoken = super().__new__(cls, text)
        spoken.language = language
        return spoken


def speech_for(widget: QWidget) -> list[str]:
    """The texts a visitor sees under ``widget``, in reading order."""
    return [text for _source, text in spoken_items(widget)]


def spoken_items(root: QWidget) -> list[tuple[QWidget, Spoken]]:
    """(widget, text) for every text read aloud under ``root``, in reading order."""
    found: list[tuple[QWidget, Spoken]] = []
    seen: set[int] = set()

    def visit(widget: QWidget) -> None:
        if id(widget) in seen:
            return
        seen.add(id(widget))
        if widget is not root and not widget.isVisibleTo(root):
            return
        text = _own_text(widget)
        if text is not None:
            if _worth_saying(text):
                found.append((widget, Spoken(text, _language_of(widget))))
            return  # a label or a button is read whole, not what is inside it
        if isinstance(widget, QScrollArea) and (inner := widget.widget()) is not None:
            visit(inner)
            return
        layout = widget.layout()
        if layout is not None:
            walk_layout(layout)
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for child in widget.findChildren(QWidget, options=direct):
            visit(child)  # children outside any layout, in creation order

    def walk_layout(layout: QLayout) -> None:
        for item in _items_in_order(layout):
            if item.widget() is not None:
                visit(item.widget())
            elif item.layout() is not None:
                walk_layout(item.layout())

    visit(root)
    return found


def _items_in_order(layout: QLayout) -> list:
    items = [layout.itemAt(i) for i in range(layout.count())]
    if isinstance(layout, QGridLayout):
        # A grid's item order is the order widgets were added; the visitor reads row by row.
        # (PySide6's stub says getItemPosition returns object; it is (row, column, spans).)
        position = layout.getItemPosition
        order = sorted(range(len(items)), key=lambda i: position(i)[:2])  # type: ignore[index]
        items = [items[i] for i in order]
    return items


def _own_text(widget: QWidget) -> str | None:
    """The text a label or button shows; None for any other widget (look inside it)."""
    if isinstance(widget, TouchButton):
        return widget.label_text() or widget.accessibleName()
    if isinstance(widget, WebAddress):
        return widget.address  # whole, not in the lines it is drawn in
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&") or (
            widget.accessibleName()
        )
    if isinstance(widget, QLabel):
        text = widget.text()
        rich = widget.textFormat() == Qt.TextFormat.RichText or (
            widget.textFormat() == Qt.TextFormat.AutoText
            and QtGui.Qt.mightBeRichText(text)  # PySide keeps it in QtGui's Qt
        )
        return QTextDocumentFragment.fromHtml(text).toPlainText() if rich else text
    return None


def _worth_saying(text: str) -> bool:
    """Skip empty texts and markers with nothing to say (a bullet)."""
    return any(ch.isalnum() for ch in text)


def _language_of(widget: QWidget) -> str | None:
    code = widget.property(LANGUAGE_PROPERTY)
    if isinstance(code, str) and code in LANGUAGES:
        return code
    # The language picker's buttons are named lang-CODE and show that language's own name.
    name = widget.objectName()
    if name.startswith("lang-") and name[5:] in LANGUAGES:
        return name[5:]
    return None
