"""One application-wide event filter for everything the kiosk watches in the input.

Every event that passes a Python event filter costs a trip into Python, so the idle watch, the
staff gesture and the lockdown share this one filter instead of installing three.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from kiosk.ui.admin.gesture import CornerTaps
from kiosk.ui.idle import ACTIVITY_EVENTS, IdleWatch
from kiosk.ui.lockdown import Lockdown

WATCHED = ACTIVITY_EVENTS | {
    QEvent.Type.ContextMenu,
    QEvent.Type.DragEnter,
    QEvent.Type.DragMove,
    QEvent.Type.Drop,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.KeyRelease,
}


class InputWatch(QObject):
    def __init__(
        self, idle: IdleWatch, corner_taps: CornerTaps, lockdown: Lockdown | None, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.idle, self.corner_taps, self.lockdown = idle, corner_taps, lockdown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in WATCHED:
            return False
        self.idle.eventFilter(watched, event)
        self.corner_taps.eventFilter(watched, event)
        return self.lockdown is not None and self.lockdown.eventFilter(watched, event)
