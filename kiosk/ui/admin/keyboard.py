"""The on-screen keyboard for the staff screen's text fields, drawn by the kiosk itself.

A lobby kiosk usually has no keyboard, and a system keyboard cannot be counted on: under cage
(Wayland) there is none, and another top-level window would break the lockdown. So the keyboard
is a part of the staff screen, inside the kiosk's window, and types into the field it is
attached to: letters, digits, space, the punctuation a name or place needs, the Spanish accented
letters, Shift, Delete and Done. Its keys never take the focus from the field, so a plugged-in
keyboard still types there too.

Two layouts: ``text`` for names and places (accented letters, . , - ' & / ( ) #) and
``address`` for a web address or a printer's name (plain ASCII: : / . - _ ? = & # % ~ +).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from kiosk.ui.theme import Metrics

SHIFT, DELETE, SPACE, DONE = "shift", "delete", "space", "done"
#: The keys that do something other than type themselves, with their label and width (in
#: half-key columns; a character key is 2 of a row's 24).
ACTIONS = {SHIFT: ("Shift", 3), DELETE: ("Delete", 3), SPACE: ("Space", 6), DONE: ("Done", 4)}
CHARACTER_SPAN = 2
ROW_SPAN = 24

LAYOUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "text": (
        tuple("1234567890-'"),
        tuple("qwertyuiopáé"),
        tuple("asdfghjklñíó"),
        (SHIFT, *"zxcvbnm", "ú", "ü", DELETE),
        (*"&/()#,.", SPACE, DONE),
    ),
    "address": (
        tuple("1234567890-_"),
        tuple("qwertyuiop:/"),
        tuple("asdfghjkl.?="),
        (SHIFT, *"zxcvbnm", "&", "#", DELETE),
        (*"%~+,;!'", SPACE, DONE),
    ),
}


class KeySize(NamedTuple):
    gap: int
    max_width: int  # the keyboard's width at most: keys no wider than a hand needs


def key_size(m: Metrics) -> KeySize:
    """The keys' spacing and the keyboard's width (their height: the staff stylesheet,
    kiosk.ui.theme.key_height)."""
    return KeySize(max(4, m.px(8)), m.px(1500))


class OnScreenKeyboard(QFrame):
    """Types into the field it is attached to (:meth:`attach`); Done detaches it and hides."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Keyboard")
        self.target: QLineEdit | None = None
        self.layout_name = ""
        self.keys: dict[str, QPushButton] = {}
        self.shifted = False
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout(self)
        row.addStretch(1)
        row.addWidget(self.grid_box, 100)
        row.addStretch(1)
        self._row = row
        self.hide()

    def attach(self, field: QLineEdit, layout: str = "text") -> None:
        """Type into ``field`` from now on, with the keys of ``layout``; show."""
        self.target = field
        if layout != self.layout_name:
            self._build(layout)
        self._set_shift(False)
        self.show()

    def detach(self) -> None:
        self.target = None
        self.hide()

    def apply_metrics(self, m: Metrics) -> None:
        size = key_size(m)
        self._row.setContentsMargins(size.gap, size.gap, size.gap, size.gap)
        self.grid.setHorizontalSpacing(size.gap)
        self.grid.setVerticalSpacing(size.gap)
        self.grid_box.setMaximumWidth(size.max_width)

    def _build(self, layout: str) -> None:
        for button in self.keys.values():
            self.grid.removeWidget(button)
            button.hide()
            button.setParent(None)  # gone now, not at the next turn of the event loop
            button.deleteLater()
        self.keys = {}
        self.layout_name = layout
        for row, names in enumerate(LAYOUTS[layout]):
            column = 0
            for name in names:
                label, span = ACTIONS.get(name, (name, CHARACTER_SPAN))
                button = QPushButton(_shown(label))
                button.setObjectName(f"key-{name}")
                button.setAccessibleName(label)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus
                button.clicked.connect(lambda _c=False, n=name: self.press(n))
                if name == DONE:
                    button.setProperty("role", "primary")
                if name == SHIFT:
                    button.setCheckable(True)
                if name == DELETE:
                    button.setAutoRepeat(True)  # held down, it goes on deleting
                self.grid.addWidget(button, row, column, 1, span)
                self.keys[name] = button
                column += span
        for column in range(ROW_SPAN):
            self.grid.setColumnStretch(column, 1)

    def press(self, name: str) -> None:
        """What a key does (its tap)."""
        if name == SHIFT:
            self._set_shift(not self.shifted)
            return
        if name == DONE:
            self.detach()
            self.done.emit()
            return
        field = self.target
        if field is None or field.isReadOnly():
            return
        if name == DELETE:
            field.backspace()  # edits as a keyboard does: textEdited follows
        else:
            text = " " if name == SPACE else (name.upper() if self.shifted else name)
            field.insert(text)
            if self.shifted and name != SPACE:
                self._set_shift(False)  # one capital, as on a phone

    def _set_shift(self, on: bool) -> None:
        self.shifted = on
        for name, button in self.keys.items():
            if name == SHIFT:
                button.setChecked(on)
            elif name not in ACTIONS:
                button.setText(_shown(name.upper() if on else name))


def _shown(text: str) -> str:
    """A key's text as a button shows it ("&" alone would mark a shortcut)."""
    return text.replace("&", "&&")
