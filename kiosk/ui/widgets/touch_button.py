"""A large touch button whose text wraps, with an optional icon drawn in the theme's colour.

The icon sits beside the label, or above it (``set_stacked``: the bottom bar's tools when they
share one narrow row). Its label's size may be set for this button alone (``set_label_px``: the
bar's text grows less than the page's, and each language name in the picker has its own).
The label wraps between words but never inside one: the button is never narrower than its
longest word, its icon and its margins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.theme import Metrics, Palette, Script, font_families
from kiosk.ui.widgets.icons import icon_pixmap
from kiosk.ui.widgets.labels import longest_word_width, make_icon_label, make_label


def font_key(font: QFont) -> tuple[str, tuple[str, ...]]:
    """A font as a cache key (its description leaves out the families after the first)."""
    return font.toString(), tuple(font.families())


@lru_cache(maxsize=2048)
def _text_widths(text: str, key: tuple[str, tuple[str, ...]]) -> tuple[float, float]:
    """(the text on one line, its longest word), in the font with this key: layouts ask for
    a button's size hints many times per render."""
    font = QFont()
    font.fromString(key[0])
    font.setFamilies(list(key[1]))
    one_line = QFontMetricsF(font).horizontalAdvance(text) + 2
    return one_line, longest_word_width(text, font) + 2


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
        self._label = make_label("button", self, fit_words=False)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # Its tone from the start, so the first style needs no restyle.
        self._label.setProperty("tone", "inverse" if role == "primary" else "normal")
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self._layout.addWidget(self._label, 1, Qt.AlignmentFlag.AlignVCenter)
        self._metrics = Metrics(1.0)
        self.toggled.connect(lambda _checked: self._refresh_tone())
        self._palette: Palette | None = None
        self._style_key: tuple[object, ...] = ()
        self._stacked = False
        self._label_style = ""

    def set_text(self, text: str) -> None:
        if text == self._label.text():
            return  # unchanged: no new layout pass for the page or bar around it
        self._label.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def label_text(self) -> str:
        return self._label.text()

    def set_stacked(self, stacked: bool) -> None:
        """The icon above the label, both centred (a tile), or beside it."""
        if stacked == self._stacked:
            return
        self._stacked = stacked
        self.setProperty("tile", "true" if stacked else "false")
        self._layout.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )
        centre = Qt.AlignmentFlag.AlignHCenter if stacked else Qt.AlignmentFlag.AlignVCenter
        self._layout.setAlignment(self._icon, centre)
        # The label takes the tile's whole width and centres its own lines: an item aligned
        # in its layout gets only its size hint's width, which wraps more lines than the
        # layout's height-for-width made room for.
        self._layout.setAlignment(
            self._label, Qt.AlignmentFlag(0) if stacked else Qt.AlignmentFlag.AlignVCenter
        )
        self._style_key = ()  # the label's alignment follows
        self._label.setAlignment(
            Qt.AlignmentFlag.AlignCenter if stacked else Qt.AlignmentFlag.AlignVCenter
        )
        self.updateGeometry()

    def set_label_px(
        self, px: int | None, script: Script | None = None, families: Sequence[str] = ()
    ) -> None:
        """The label's text size for this button alone (None: the stylesheet's), with the
        room its script needs around it, and its own font families (a language's name in
        the picker, whatever the page's language)."""
        style = f"font-family: {font_families(families)};" if families else ""
        if px is not None:
            above, below, side = (script or Script()).room(px)
            style += f"font-size: {px}px; padding: {above}px {side}px {below}px {side}px;"
        if style != self._label_style:
            self._label_style = style
            self._label.setStyleSheet(style)
            self.updateGeometry()

    def label_font(self) -> QFont:
        return QFont(self._label.font())

    def widths(self, font: QFont | None = None, stacked: bool | None = None) -> tuple[int, int]:
        """(the width at which the label needs no wrapping, the least width that cuts no
        word), with the icon and margins, in ``font`` (default: the label's own), with the
        icon above the label (``stacked``) or beside it (default: as it is now)."""
        font = QFont(font or self._label.font())
        if self.isCheckable():
            font.setBold(True)  # as wide as it will be when chosen (bold)
        one_line, least = _text_widths(self._label.text(), font_key(font))
        margins, padding = self._layout.contentsMargins(), self._label.contentsMargins()
        extra = margins.left() + margins.right() + padding.left() + padding.right()
        icon = self._icon.width() if self.icon_name is not None else 0
        if self._stacked if stacked is None else stacked:
            return (
                math.ceil(max(one_line, icon) + extra),
                math.ceil(max(least, icon) + extra),
            )
        beside = icon + self._metrics.px(16) if icon else 0
        return math.ceil(one_line + beside + extra), math.ceil(least + beside + extra)

    def one_line_width(self) -> int:
        """The width at which the label needs no wrapping: text, icon, margins."""
        return self.widths()[0]

    def apply_style(self, metrics: Metrics, palette: Palette, centered: bool = False) -> None:
        key = (metrics, palette, centered, self.icon_name, self.mirror_icon)
        if key == self._style_key:
            return  # as last time (most renders): restyling would relayout the bar for nothing
        self._style_key = key
        self._metrics, self._palette = metrics, palette
        pad = metrics.px(14)
        self._layout.setContentsMargins(pad + metrics.px(6), pad, pad + metrics.px(6), pad)
        self._layout.setSpacing(metrics.px(8) if self._stacked else metrics.px(16))
        if self._stacked or centered:
            align = Qt.AlignmentFlag.AlignCenter
        else:
            align = Qt.AlignmentFlag.AlignVCenter
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
                self.updateGeometry()  # bold is wider
        if self.icon_name is None or self._palette is None:
            return
        p = self._palette
        color = p.on_primary if inverse else p.text
        size = self._metrics.icon_px(44)
        self._icon.setPixmap(icon_pixmap(self.icon_name, color, size, self.mirror_icon))
        self._icon.setFixedSize(size, size)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            # Its label or icon changed size (a new font from a stylesheet): this button's
            # own size hints follow them, so the layout around it must ask again.
            self.updateGeometry()
        return super().event(event)

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
        """Its label on one line, where there is room (a wrapping label's own hint would
        break a long label into two short lines)."""
        width = max(self.widths()[0], self._layout.totalMinimumSize().width())
        width = max(width, self._metrics.target)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        # Narrower is fine down to the longest word (the label wraps, see heightForWidth);
        # shorter than its text is not: a scroll area would squeeze buttons down to their
        # minimum to fill the screen.
        height = self.sizeHint().height()
        return QSize(max(self.widths()[1], self._metrics.target), max(height, self._metrics.target))
