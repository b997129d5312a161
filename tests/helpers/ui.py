"""UI actions for tests, as a visitor takes them: find a button, tap by touch, click by mouse,
scroll to it, read what is shown."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

_touch_device: QPointingDevice | None = None


def touch_device() -> QPointingDevice:
    global _touch_device
    if _touch_device is None:
        _touch_device = QTest.createTouchDevice()
    return _touch_device


def button(root: QWidget, name: str) -> QAbstractButton:
    """The button under root with this objectName; fails the test, naming it, if there is none."""
    found = root.findChild(QAbstractButton, name)
    assert found is not None, f"no button {name!r}"
    return found


def button_with_text(root: QWidget, text: str) -> QAbstractButton:
    """The one visible button under root that shows exactly this text."""
    found = [
        b for b in root.findChildren(QAbstractButton) if b.isVisibleTo(root) and b.text() == text
    ]
    assert len(found) == 1, f"{len(found)} visible buttons read {text!r}"
    return found[0]


def scroll_into_view(widget: QWidget) -> None:
    """What a visitor does first with something below the fold: scroll to it, all of it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            if widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
                _show_whole(parent, widget)  # Qt would show only a text field's cursor
            else:
                parent.ensureWidgetVisible(widget, 0, 0)
            QApplication.processEvents()
        parent = parent.parentWidget()


def _show_whole(area: QScrollArea, widget: QWidget) -> None:
    content = area.widget()
    if content is None:
        return
    top = widget.mapTo(content, QPoint(0, 0)).y()
    bar, height = area.verticalScrollBar(), area.viewport().height()
    if top < bar.value():
        bar.setValue(top)
    elif top + widget.height() > bar.value() + height:
        bar.setValue(top + widget.height() - height)


def settle(widget: QWidget) -> None:
    """Handle pending events until the widget stops moving (at most ten passes)."""
    window = widget.window()
    where = None
    for _ in range(10):
        QApplication.processEvents()
        now = (widget.mapTo(window, widget.rect().center()), widget.size())
        if now == where:
            return
        where = now


def tap(widget: QWidget, pos: QPoint | None = None) -> None:
    """A finger tap: touch press and release on the widget's centre, as a touch screen sends.

    A finger cannot tap before the event loop has laid out what the last change posted, so
    neither does this: pending events first, until the layout has settled (word-wrapped text in
    a scroll area can take a few passes)."""
    settle(widget)
    assert widget.isVisible(), f"{widget.objectName() or widget} is not visible"
    scroll_into_view(widget)
    window = widget.window()
    point = widget.mapTo(window, pos or widget.rect().center())
    handle = window.windowHandle()
    QTest.touchEvent(handle, touch_device()).press(0, point).commit()
    QTest.touchEvent(handle, touch_device()).release(0, point).commit()
    QApplication.processEvents()


def click(widget: QWidget) -> None:
    assert widget.isVisible(), f"{widget.objectName() or widget} is not visible"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
    QApplication.processEvents()


def visible_texts(root: QWidget) -> list[str]:
    """Every non-empty label text a visitor can see under root."""
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if label.isVisibleTo(root) and label.text()
    ]
