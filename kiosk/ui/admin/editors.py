"""Touch editors for operator settings, built from the settings declarations.

Each editor shows a setting by its label, with one line of help and its key in small type (for
the docs and `kiosk check`), a control for its value, and, beside the control, the reason a
value is refused. It reports a change; nothing is saved until the admin screen's Save. The
declarations (type, choices and their labels, range, label, help) live in kiosk/core/settings.py,
so a new setting appears here without new code.

A setting that cannot be changed on this kiosk (:meth:`SettingEditor.set_read_only`), such as
one set centrally by a deployment tool, shows its value and why, and its controls take no touch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.i18n import LANGUAGES
from kiosk.core.settings import MAX_TEXT_SETTING, Setting
from kiosk.ui.context import ViewContext
from kiosk.ui.widgets.flow_layout import FlowLayout
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.touch_button import TouchButton

Changed = Callable[[str, Any], None]
STEPS = {"idle_timeout_s": 10, "idle_warning_s": 5}


class SettingEditor(QWidget):
    """A setting's label, help and key, a control for its value, and the reason it is refused."""

    def __init__(self, setting: Setting, changed: Changed, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"edit-{setting.key}")
        self.setting, self.changed = setting, changed
        self.name = make_label("subheading")
        self.name.setText(setting.label)
        # One line, never fitted: a key is short, and a fitted size would stick once the row
        # was laid out narrow (its width then follows its own smaller text).
        self.key = make_label("small", fit_words=False)
        self.key.setWordWrap(False)
        self.key.setObjectName(f"key-{setting.key}")
        self.key.setText(setting.key)
        self.key.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.about = make_label("small")
        self.about.setText(setting.help)
        self.controls = QHBoxLayout()
        self.controls.setContentsMargins(0, 0, 0, 0)
        self.problem = make_label("problem")
        self.problem.setIndent(0)  # its stylesheet padding sets it off from its border
        self.problem.setObjectName(f"problem-{setting.key}")
        self.problem.hide()
        self.locked = make_label("locked")
        self.locked.setObjectName(f"locked-{setting.key}")
        self.locked.hide()
        self.read_only_reason: str | None = None
        title = QHBoxLayout()
        title.setContentsMargins(0, 0, 0, 0)
        title.addWidget(self.name, 1)
        title.addWidget(self.key)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addLayout(title)
        self.column.addWidget(self.about)
        self.column.addLayout(self.controls)
        self.column.addWidget(self.problem)
        self.column.addWidget(self.locked)

    def show_value(self, value: Any, ctx: ViewContext) -> None:
        raise NotImplementedError

    def style_controls(self, ctx: ViewContext) -> None:
        """Sizes and spacing for the screen size (on each full render)."""
        m = ctx.metrics
        self.column.setSpacing(m.px(8))
        self.controls.setSpacing(m.px(12))

    def touch_targets(self) -> list[QWidget]:
        """The controls a finger changes the value with."""
        return []

    def show_problem(self, problem: str | None) -> None:
        """Why the value on screen is refused, beside its control (None: it is fine)."""
        self.problem.setText(f"Not accepted: {problem}" if problem else "")
        self.problem.setVisible(bool(problem))

    def set_read_only(self, reason: str | None) -> None:
        """The seam for settings that cannot be changed here (set centrally, say): ``reason``
        says why, and the controls take no touch. None: editable."""
        self.read_only_reason = reason
        self.locked.setText(f"Not changed here: {reason}" if reason else "")
        self.locked.setVisible(bool(reason))
        for widget in self.touch_targets():
            widget.setEnabled(reason is None)

    def report(self, value: Any) -> None:
        """A change made on screen, unless this setting is not changed here."""
        if self.read_only_reason is None:
            self.changed(self.setting.key, value)


class ChoiceEditor(SettingEditor):
    """One button per choice, wrapping to the next line on a narrow screen."""

    def __init__(
        self,
        setting: Setting,
        changed: Changed,
        choices: tuple[tuple[Any, str], ...] = (),
    ):
        super().__init__(setting, changed)
        self.buttons: dict[Any, TouchButton] = {}
        self.flow = FlowLayout()
        for choice, label in choices or setting.choices_shown():
            button = TouchButton("choice", checkable=True)
            button.setObjectName(f"{setting.key}={choice}")
            button.set_text(label)
            button.clicked.connect(lambda _c=False, v=choice: self._chosen(v))
            self.buttons[choice] = button
            self.flow.addWidget(button)
        self.controls.addLayout(self.flow, 1)
        self._value: Any = setting.default

    def _chosen(self, value: Any) -> None:
        self.buttons[value].setChecked(value == self._value)  # until the screen says
        self.report(value)

    def relabel(self, choice: Any, text: str) -> None:
        self.buttons[choice].set_text(text)

    def touch_targets(self) -> list[QWidget]:
        return list(self.buttons.values())

    def show_value(self, value: Any, ctx: ViewContext) -> None:
        self._value = value
        for choice, button in self.buttons.items():
            button.setChecked(choice == value)

    def style_controls(self, ctx: ViewContext) -> None:
        super().style_controls(ctx)
        self.flow.set_gap(ctx.metrics.px(12))
        for button in self.buttons.values():
            button.apply_style(ctx.metrics, ctx.palette, centered=True)


class StepperEditor(SettingEditor):
    def __init__(self, setting: Setting, changed: Changed):
        super().__init__(setting, changed)
        step = STEPS.get(setting.key, 1)
        self.minus = TouchButton("secondary")
        self.minus.set_text("\u2212")  # minus sign
        self.minus.setAccessibleName(f"{setting.label}: less")
        self.plus = TouchButton("secondary")
        self.plus.set_text("+")
        self.plus.setAccessibleName(f"{setting.label}: more")
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
        self.report(max(low, min(high, self._current + delta)))

    def touch_targets(self) -> list[QWidget]:
        return [self.minus, self.plus]

    def show_value(self, value: Any, ctx: ViewContext) -> None:
        self._current = value
        seconds = self.setting.key.endswith("_s")
        self.value.setText(f"{value} seconds" if seconds else str(value))

    def style_controls(self, ctx: ViewContext) -> None:
        super().style_controls(ctx)
        width = self.value.fontMetrics().horizontalAdvance("3600 seconds")
        self.value.setMinimumWidth(width + ctx.metrics.px(24))
        for button in (self.minus, self.plus):
            button.apply_style(ctx.metrics, ctx.palette, centered=True)


class TouchField(QLineEdit):
    """A text field that says when a finger (or a mouse) touches it, so the screen can open its
    keyboard; a plugged-in keyboard types into it as usual."""

    touched = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)  # (a finger's touch comes as a mouse press too)
        if not self.isReadOnly():
            self.touched.emit()


class TextEditor(SettingEditor):
    """Free text, typed on the on-screen keyboard (kiosk/ui/admin/keyboard.py) or a plugged-in
    one. ``keys``: the keyboard's layout for this field ("text" for names and places,
    "address" for the website and the printer)."""

    def __init__(self, setting: Setting, changed: Changed, keys: str = "text"):
        super().__init__(setting, changed)
        self.keys = keys
        self.field = TouchField()
        self.field.setObjectName(f"text-{setting.key}")
        self.field.setAccessibleName(setting.label)
        self.field.setMaxLength(setting.max_length or MAX_TEXT_SETTING)
        self.field.textEdited.connect(lambda text: self.report(text.strip()))
        self.controls.addWidget(self.field, 1)

    def touch_targets(self) -> list[QWidget]:
        return [self.field]

    def set_read_only(self, reason: str | None) -> None:
        super().set_read_only(reason)
        self.field.setEnabled(True)  # still readable: read-only, not greyed out
        self.field.setReadOnly(reason is not None)

    def show_value(self, value: Any, ctx: ViewContext) -> None:
        if self.field.text().strip() != value:
            self.field.setText(value)

    def show_problem(self, problem: str | None) -> None:
        super().show_problem(problem)
        if self.field.property("problem") != bool(problem):
            self.field.setProperty("problem", bool(problem))
            self.field.style().unpolish(self.field)
            self.field.style().polish(self.field)

    def style_controls(self, ctx: ViewContext) -> None:
        super().style_controls(ctx)
        self.field.setMinimumHeight(ctx.metrics.target)


class LanguagesEditor(SettingEditor):
    """Which languages are offered, and in what order; each with its status and coverage."""

    def __init__(self, setting: Setting, changed: Changed, describe: Callable[[str], str]):
        super().__init__(setting, changed)
        self.describe = describe
        self.rows_box = QVBoxLayout()
        self.column.insertLayout(self.column.indexOf(self.problem), self.rows_box)
        self.rows: dict[str, tuple[QWidget, TouchButton, Any, TouchButton, TouchButton]] = {}
        self._lines: list[QHBoxLayout] = []
        self._order: list[str] = []
        for code, lang in LANGUAGES.items():
            row = QWidget()
            offered = TouchButton("choice", checkable=True)
            offered.setObjectName(f"offer-{code}")
            offered.set_text(f"{isolated(lang.native_name)}  ({lang.english_name})")
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
            self._lines.append(line)
            self.rows[code] = (row, offered, info, up, down)

    def touch_targets(self) -> list[QWidget]:
        return [w for _, offered, _, up, down in self.rows.values() for w in (offered, up, down)]

    def _toggle(self, code: str) -> None:
        order = list(self._order)
        if code in order:
            if len(order) > 1:
                order.remove(code)
        else:
            order.append(code)
        self.rows[code][1].setChecked(code in self._order)  # until the screen says
        self.report(order)

    def _move(self, code: str, delta: int) -> None:
        order = list(self._order)
        if code not in order:
            return
        i = order.index(code)
        j = max(0, min(len(order) - 1, i + delta))
        order[i], order[j] = order[j], order[i]
        self.report(order)

    def show_value(self, value: Any, ctx: ViewContext) -> None:
        order_changed = list(value) != self._order
        self._order = list(value)
        codes = self._order + [c for c in LANGUAGES if c not in self._order]
        for code in codes:  # offered first, in order; then the others
            row, offered, info, up, down = self.rows[code]
            if order_changed:
                self.rows_box.removeWidget(row)
                self.rows_box.addWidget(row)
            offered.setChecked(code in self._order)
            info.setText(self.describe(code))
            if self.read_only_reason is None:
                up.setEnabled(code in self._order)
                down.setEnabled(code in self._order)

    def style_controls(self, ctx: ViewContext) -> None:
        super().style_controls(ctx)
        self.rows_box.setSpacing(ctx.metrics.px(10))
        for line in self._lines:
            line.setSpacing(ctx.metrics.px(12))
        for _row, offered, _info, up, down in self.rows.values():
            for button in (offered, up, down):
                button.apply_style(ctx.metrics, ctx.palette, centered=button is not offered)


def language_choices() -> tuple[tuple[str, str], ...]:
    """The first-language editor's choices: each language by its own name and in English."""
    return tuple(
        (
            code,
            lang.native_name
            if code == "en"
            else f"{isolated(lang.native_name)} ({lang.english_name})",
        )
        for code, lang in LANGUAGES.items()
    )


def isolated(name: str) -> str:
    """A language's own name set apart in its own direction, so that an Arabic or Persian name
    does not turn the English around it right to left (its words reordered and pushed over)."""
    return f"\u2068{name}\u2069"  # first strong isolate ... pop directional isolate
