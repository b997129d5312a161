"""A large touch button whose text wraps, with an optional icon drawn in the theme's colour."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.theme import Metrics, Palette
from kiosk.ui.widgets.icons import icon_pixmap
from kiosk.ui.widgets.labels import make_icon_label, make_label


class TouchButton(QPushButton):
    def __init__(
        self,
        role: str = "secondary",
        icon: str | None = None,
        checkable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setCheckable(checkable)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.icon_name = icon
        self.mirror_icon = False
        self._icon = make_icon_label(self)
        self._icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._icon.setVisible(icon is not None)
        self._label = make_label("button", self)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # Its tone from the start, so the first style needs no restyle.
        self._label.setProperty("tone", "inverse" if role == "primary" else "normal")
        self._layout = QHBoxLayout(self)
        self._layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self._layout.addWidget(self._label, 1, Qt.AlignmentFlag.AlignVCenter)
        self._metrics = Metrics(1.0)
        self.toggled.connect(lambda _checked: self._refresh_tone())
        self._palette: Palette | None = None
        self._style_key: tuple[object, ...] = ()

    def set_text(self, text: str) -> None:
        if text == self._label.text():
            return  # unchanged: no new layout pass for the page or bar around it
        self._label.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def label_text(self) -> str:
        return self._label.text()

    def one_line_width(self) -> int:
        """The width at which the label needs no wrapping: text, icon, margins."""
        margins = self._layout.contentsMargins()
        width = self._label.fontMetrics().horizontalAdvance(self._label.text()) + 2
        if self._icon.isVisibleTo(self):
            width += self._icon.width() + self._layout.spacing()
        return width + margins.left() + margins.right()

    def apply_style(self, metrics: Metrics, palette: Palette, centered: bool = False) -> None:
        key = (metrics, palette, centered, self.icon_name, self.mirror_icon)
        if key == self._style_key:
            return  # as last time (most renders): restyling would relayout the bar for nothing
        self._style_key = key
        self._metrics, self._palette = metrics, palette
        pad = metrics.px(14)
        self._layout.setContentsMargins(pad + metrics.px(6), pad, pad + metrics.px(6), pad)
        self._layout.setSpacing(metrics.px(16))
        align = Qt.AlignmentFlag.AlignCenter if centered else Qt.AlignmentFlag.AlignVCenter
        self._label.setAlignment(align)
        self._refresh_tone()

    def _refresh_tone(self) -> None:
        """Text and icon in the colour that reads on this button's current background."""
        inverse = self.isChecked() or self.property("role") == "primary"
        tone = "inverse" if inverse else "normal"
        if self._label.property("tone") != tone:
            self._label.setProperty("tone", tone)
            if self._label.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                # Already styled: restyle for the new tone. (Before its first polish there is
                # nothing to redo, and the start-up skips wrapping Qt's style object.)
                self._label.style().unpolish(self._label)
                self._label.style().polish(self._label)
        if self.icon_name is None or self._palette is None:
            return
        p = self._palette
        color = p.on_primary if inverse else p.text
        size = self._metrics.font_px(44)
        self._icon.setPixmap(icon_pixmap(self.icon_name, color, size, self.mirror_icon))
        self._icon.setFixedSize(size, size)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Switch access and keyboards: Enter or Space presses, the arrow keys move on."""
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.animateClick()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.focusNextPrevChild(key == Qt.Key.Key_Down or not self._rtl())
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.focusNextPrevChild(key == Qt.Key.Key_Left and self._rtl())
        else:
            super().keyPressEvent(event)

    def _rtl(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self._metrics.target, self._layout.totalHeightForWidth(width))

    def sizeHint(self) -> QSize:
        hint = self._layout.totalSizeHint()
        return QSize(
            max(hint.width(), self._metrics.target), max(hint.height(), self._metrics.target)
        )

    def minimumSizeHint(self) -> QSize:
        # Narrower is fine (the label wraps, see heightForWidth); shorter than its text is not:
        # a scroll area would squeeze buttons down to their minimum to fill the screen.
        hint = self._layout.totalMinimumSize().expandedTo(QSize(0, self.sizeHint().height()))
        return QSize(
            max(hint.width(), self._metrics.target), max(hint.height(), self._metrics.target)
        )
