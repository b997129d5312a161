"""The PIN pad, drawn by the app (no system keyboard, no free text).

It opens the admin screen (:meth:`PinPad.open`), and, from the admin screen, takes a new PIN
twice (:meth:`PinPad.open_new`), refusing one the PIN policy refuses, with the reason. Wrong PINs
lock it for longer and longer (kiosk/core/lockout.py); while locked it says so in words.
"""

from __future__ import annotations

import enum
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.core.pin import PinStatus, PinStore
from kiosk.core.pin_policy import MAX_DIGITS, MIN_DIGITS, new_pin_problem
from kiosk.core.storage import StorageError
from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.modal_card import ModalCard
from kiosk.ui.widgets.touch_button import TouchButton


def locked_message(seconds: int) -> str:
    """What the pad says while locked, in whole minutes, rounded up."""
    minutes = max(1, math.ceil(seconds / 60))
    return f"Locked. Try again in {minutes} minute{'s' if minutes != 1 else ''}."


class PadMode(enum.Enum):
    CHECK = "check"  # the PIN that opens the admin screen
    NEW = "new"  # a new PIN, from the admin screen
    AGAIN = "again"  # the new PIN once more


class PinPad(ModalCard):
    accepted = Signal()
    cancelled = Signal()
    pin_changed = Signal()

    def __init__(self, store: PinStore, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("PinPad")
        self.covered = parent  # the window it covers when open
        self.store = store
        self.mode = PadMode.CHECK
        self.entered = ""
        self._first = ""  # the new PIN, until it is entered again
        self.title = make_label("heading")
        self.dots = make_label("title")
        self.dots.setObjectName("PinDots")
        self.message = make_label("body")
        self.message.setObjectName("PinMessage")
        grid = QGridLayout()
        self.keys: dict[str, TouchButton] = {}
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "Delete", "0", "OK"]):
            button = TouchButton("primary" if key == "OK" else "secondary")
            button.setObjectName(f"pin-{key.lower()}")
            button.set_text(key)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.keys[key] = button
        self.cancel = TouchButton("secondary")
        self.cancel.setObjectName("pin-cancel")
        self.cancel.set_text("Cancel")
        self.cancel.clicked.connect(self.close_pad)
        layout = self.card_layout
        for widget in (self.title, self.dots, self.message):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addLayout(grid)
        layout.addWidget(self.cancel)
        self._card_layout, self._grid = layout, grid

    def open(self, ctx: ViewContext) -> None:
        """Ask for the PIN that opens the admin screen; say so at once if the pad is locked."""
        self._show(ctx, PadMode.CHECK)
        seconds = self.store.seconds_locked()
        if seconds:
            self.message.setText(locked_message(seconds))

    def open_new(self, ctx: ViewContext) -> None:
        """Ask for a new PIN, twice (from the admin screen)."""
        self._show(ctx, PadMode.NEW)

    def _show(self, ctx: ViewContext, mode: PadMode) -> None:
        m = ctx.metrics
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # staff screens are English
        self.set_scrim(ctx.palette.scrim)
        self._card_layout.setContentsMargins(m.px(40), m.px(32), m.px(40), m.px(32))
        self._card_layout.setSpacing(m.px(20))
        self._grid.setSpacing(m.px(16))
        for button in (*self.keys.values(), self.cancel):
            button.apply_style(m, ctx.palette, centered=True)
            button.setMinimumSize(m.px(150), m.px(100))
        self._set_mode(mode)
        self.message.setText("")
        self.setGeometry(self.covered.rect())
        self.show()
        self.raise_()

    def _set_mode(self, mode: PadMode) -> None:
        self.mode = mode
        self.entered = ""
        self.title.setText(
            {
                PadMode.CHECK: "Staff PIN",
                PadMode.NEW: f"New staff PIN ({MIN_DIGITS} to {MAX_DIGITS} digits)",
                PadMode.AGAIN: "The new PIN again",
            }[mode]
        )
        self._show_dots()

    def press(self, key: str) -> None:
        if key == "Delete":
            self.entered = self.entered[:-1]
        elif key == "OK":
            self._submit()
            return
        elif len(self.entered) < MAX_DIGITS:
            self.entered += key
        self._show_dots()

    def _submit(self) -> None:
        entered, self.entered = self.entered, ""
        self._show_dots()
        if self.mode is PadMode.CHECK:
            self._check(entered)
        elif self.mode is PadMode.NEW:
            problem = new_pin_problem(entered)
            if problem:
                self.message.setText(f"Not this PIN: {problem}.")
                return
            self._first = entered
            self._set_mode(PadMode.AGAIN)
            self.message.setText("")
        else:
            self._set_new(entered)

    def _check(self, entered: str) -> None:
        result = self.store.check(entered)
        if result.status is PinStatus.OK:
            self.hide()
            self.accepted.emit()
        elif result.status is PinStatus.WRONG:
            tries = "try" if result.attempts_left == 1 else "tries"
            self.message.setText(f"Wrong PIN. {result.attempts_left} {tries} left.")
        elif result.status is PinStatus.LOCKED:
            self.message.setText(locked_message(result.seconds_left))
        else:
            self.message.setText("No PIN is set. Set one with: kiosk set-pin")

    def _set_new(self, entered: str) -> None:
        first, self._first = self._first, ""
        if entered != first:
            self._set_mode(PadMode.NEW)
            self.message.setText("The two PINs differ. Enter the new PIN again.")
            return
        try:
            self.store.set_pin(entered, by="admin screen")
        except (ValueError, StorageError) as exc:
            self._set_mode(PadMode.NEW)
            self.message.setText(f"The PIN was not changed: {exc}")
            return
        self.hide()
        self.pin_changed.emit()

    def _show_dots(self) -> None:
        self.dots.setText("\u25cf" * len(self.entered) if self.entered else "\u2013")

    def close_pad(self) -> None:
        self.entered = self._first = ""
        self.hide()
        self.cancelled.emit()
