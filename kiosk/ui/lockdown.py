"""Lockdown inside the app, for kiosk mode: nothing a visitor does closes or escapes the kiosk.

The window itself ignores close requests (Alt+F4 through the window manager) and goes back to
full screen if anything takes it out. This filter, on the whole application, swallows the keys
that close things (Esc, Ctrl+Q, Ctrl+W, Alt+F4), context menus (a long press), and drag and drop.
Full lockdown (Alt+Tab, Ctrl+Alt+Del) belongs to the OS: see docs/operator.md and deploy/.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

BLOCKED_EVENTS = frozenset(
    {
        QEvent.Type.ContextMenu,
        QEvent.Type.DragEnter,
        QEvent.Type.DragMove,
        QEvent.Type.Drop,
    }
)
CLOSE_KEYS = (
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.ControlModifier),
)


def is_close_key(event: QKeyEvent) -> bool:
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return any(event.key() == key and mods == mod for key, mod in CLOSE_KEYS)


class Lockdown(QObject):
    """Install on the QApplication in kiosk mode."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in BLOCKED_EVENTS:
            event.ignore()
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease):
            assert isinstance(event, QKeyEvent)
            if is_close_key(event):
                return True
        return False
