"""Touch editors for operator settings, built from the settings declarations.

Each editor shows a setting's current value and reports a change; nothing is saved until the
admin screen's Save. The declarations (type, choices, range, description) live in
kiosk/core/settings.py, so a new setting appears here without new code. A managed setting (set
centrally by a deployment tool) shows its value, marked "set centrally", with its controls off.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.i18n import LANGUAGES
from kiosk.core.settings import MAX_TEXT_SETTING, Setting
from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.touch_button import TouchButton

Changed = Callable[[str, Any], None]
#: After a managed setting's name: staff see its value, and where to change it.
SET_CENTRALLY = "set centrally"
STEPS = {"idle_timeout_s": 10, "idle_warning_s": 5}
LABELS = {True: "On", False: "Off", "coming": "Coming", "available": "Available now"}


class SettingEditor(QWidget):
    """A setting's name, description, and a control for its value."""

    def __init__(self, setting: Setting, changed: Changed, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"edit-{setting.key}")
        self.setting, self.changed = setting, changed
        self.name = make_label("subheading")
        self.name.setText(setting.key)
        self.about = make_label("small")
        self.about.setText(setting.description)
        self.controls = QHBoxLayout()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addWidget(self.name)
        self.column.addWidget(self.about)
        self.column.addLayout(self.controls)
        self.managed = False

    def show_value(self, value: Any, ctx: ViewContext) -> None:
        raise NotImplementedError

    def set_managed(self, managed: bool) -> None:
        """A managed setting: the controls are off and the name says "set centrally"."""
        self.managed = managed
        self.name.setText(f"{self.setting.key} ({SET_CENTRALLY})" if managed else self.setting.key)
        self.setEnabled(not managed)


class ChoiceEditor(SettingEditor):
    def __init__(self, setting: Setting, changed: Changed, choices: tuple[Any, ...] = ()):
        super().__init__(setting, changed)
        self.buttons: dict[Any, TouchButton] = {}
        for choice in choices or setting.choices or (False, True):
            button = TouchButton("choice", checkable=True)
            button.setObjectName(f"{setting.key}={choice}")
            button.set_text(str(LABELS.get(choice, choice)))
            button.clicked.connect(lambda _c=False, v=choice: self.changed(self.setting.key, v))
            self.buttons[choice] = button
            self.controls.addWidget(button)
        self.controls.addStretch(1)

    def show_value(self, value: Any, ctx: ViewContext) -> None:
        for choice, button in self.buttons.items():
            button.setChecked(choice == value)
            button.apply_style(ctx.metrics, ctx.palette, centered=True)


class StepperEditor(SettingEditor):
    def __init__(self, setting: Setting, changed: Changed):
        super().__init__(setting, changed)
        step = STEPS.get(setting.key, 1)
        self.minus = TouchButton("secondary")
        self.minus.set_text("\u2212")  # minus sign
        self.minus.setAccessibleName(f"{setting.key} down")
        self.plus = TouchButton("secondary")
        self.plus.set_text("+")
        self.plus.setAccessibleName(f"{setting.key} up")
        self.value = make_label("heading")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value.setWordWrap(False)
        self.minus.clicked.connect(lambda: self._nudge(-step))
        self.plus.clicked.connect(lambda: self._nudge(step))
        for widget in (self.minus, self.value, self.plus):
            self.controls.addWidget(widget)
        self.controls.addStretch(1)
        self._current = setting.default

    def _nudge(self, delta: int) -> None:
        s = self.setting
        low = s.minimum if s.minimum is not None else 0
        high = s.maximum if s.maximum is not None else 10**6
        self.changed(s.key, max(low, min(high, self._current + delta)))

    def show_value(self, value: Any, ctx: ViewContext) -> None:
        self._current = value
        self.value.setText(f"{value} s" if self.setting.key.endswith("_s") else str(value))
        self.value.setMinimumWidth(ctx.metrics.px(160))
        for button in (self.minus, self.plus):
            button.apply_style(ctx.metrics, ctx.palette, centered=True)


class TextEditor(SettingEditor):
    """Free text needs a keyboard: staff plug one in, or edit the settings file."""

    def __init__(self, setting: Setting, changed: Changed):
        super().__init__(setting, changed)
        self.field = QLineEdit()
        self.field.setObjectName(f"text-{setting.key}")
        self.field.setMaxLength(setting.max_length or MAX_TEXT_SETTING)
        self.field.textEdited.connect(lambda text: self.changed(self.setting.key, text.strip()))
        self.controls.addWidget(self.field, 1)

    def show_value(self, value: Any, ctx: ViewContext) -> None:
        if self.field.text().strip() != value:
            self.field.setText(value)
        self.field.setMinimumHeight(ctx.metrics.target)


class LanguagesEditor(SettingEditor):
    """Which languages are offered, and in what order; each with its status and coverage."""

    def __init__(self, setting: Setting, changed: Changed, describe: Callable[[str], str]):
        super().__init__(setting, changed)
        self.describe = describe
        self.rows_box = QVBoxLayout()
        self.column.addLayout(self.rows_box)
        self.rows: dict[str, tuple[QWidget, TouchButton, Any, TouchButton, TouchButton]] = {}
        self._order: list[str] = []
        for code, lang in LANGUAGES.items():
            row = QWidget()
            offered = TouchButton("choice", checkable=True)
            offered.setObjectName(f"offer-{code}")
            offered.set_text(f"{lang.native_name}  ({lang.english_name})")
            offered.clicked.connect(lambda _c=False, c=code: self._toggle(c))
            info = make_label("small")
            up, down = TouchButton("secondary"), TouchButton("secondary")
            up.set_text("↑")
            up.setAccessibleName(f"move {lang.english_name} up")
            down.set_text("↓")
            down.setAccessibleName(f"move {lang.english_name} down")
            up.clicked.connect(lambda _c=False, c=code: self._move(c, -1))
            down.clicked.connect(lambda _c=False, c=code: self._move(c, 1))
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(offered, 2)
            line.addWidget(info, 3)
            line.addWidget(up)
            line.addWidget(down)
            self.rows[code] = (row, offered, info, up, down)

    def _toggle(self, code: str) -> None:
        order = list(self._order)
        if code in order:
            if len(order) > 1:
                order.remove(code)
        else:
            order.append(code)
        self.changed(self.setting.key, order)

    def _move(self, code: str, delta: int) -> None:
        order = list(self._order)
        if code not in order:
            return
        i = order.index(code)
        j = max(0, min(len(order) - 1, i + delta))
        order[i], order[j] = order[j], order[i]
        self.changed(self.setting.key, order)

    def show_value(self, value: Any, ctx: ViewContext) -> None:
        self._order = list(value)
        codes = self._order + [c for c in LANGUAGES if c not in self._order]
        for code in codes:  # offered first, in order; then the others
            row, offered, info, up, down = self.rows[code]
            self.rows_box.removeWidget(row)
            self.rows_box.addWidget(row)
            offered.setChecked(code in self._order)
            info.setText(self.describe(code))
            for button in (offered, up, down):
                button.apply_style(ctx.metrics, ctx.palette, centered=button is not offered)
            up.setEnabled(code in self._order)
            down.setEnabled(code in self._order)
