"""The PIN pad, drawn by the app (no system keyboard, no free text). Wrong PINs are
rate-limited by the PinStore: after five, a 60-second lock."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.core.pin import PinStatus, PinStore
from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.modal_card import ModalCard
from kiosk.ui.widgets.touch_button import TouchButton

MAX_DIGITS = 12


class PinPad(ModalCard):
    accepted = Signal()
    cancelled = Signal()

    def __init__(self, store: PinStore, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("PinPad")
        self.covered = parent  # the window it covers when open
        self.store = store
        self.entered = ""
        self.title = make_label("heading")
        self.title.setText("Staff PIN")
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
        m = ctx.metrics
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # staff screens are English
        self.set_scrim(ctx.palette.scrim)
        self._card_layout.setContentsMargins(m.px(40), m.px(32), m.px(40), m.px(32))
        self._card_layout.setSpacing(m.px(20))
        self._grid.setSpacing(m.px(16))
        for button in (*self.keys.values(), self.cancel):
            button.apply_style(m, ctx.palette, centered=True)
            button.setMinimumSize(m.px(150), m.px(100))
        self.entered = ""
        self.message.setText("")
        self._show_dots()
        self.setGeometry(self.covered.rect())
        self.show()
        self.raise_()

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
        result = self.store.check(self.entered)
        self.entered = ""
        self._show_dots()
        if result.status is PinStatus.OK:
            self.hide()
            self.accepted.emit()
        elif result.status is PinStatus.WRONG:
            tries = "try" if result.attempts_left == 1 else "tries"
            self.message.setText(f"Wrong PIN. {result.attempts_left} {tries} left.")
        elif result.status is PinStatus.LOCKED:
            self.message.setText(
                f"Too many wrong PINs. Try again in {result.seconds_left} seconds."
            )
        else:
            self.message.setText("No PIN is set. Set one with: kiosk set-pin")

    def _show_dots(self) -> None:
        self.dots.setText("\u25cf" * len(self.entered) if self.entered else "\u2013")

    def close_pad(self) -> None:
        self.entered = ""
        self.hide()
        self.cancelled.emit()
