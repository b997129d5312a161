"""Labels that wrap, cannot be selected, and take their look from the stylesheet by role.

A wrapping label never makes the page wider than the screen: a word too long for the width it
is given (a long Armenian word in a heading at 200%, beside an icon) is drawn smaller, just
enough to fit, rather than cut at the edge or pushing the page sideways.

Right-to-left text that wraps is drawn with Qt's text layout rather than QLabel's own drawing:
QPainter.drawText, which QLabel uses, sets each wrapped line of right-aligned right-to-left
text a space's width too far left (the space the line broke at), so the lines' right edges
are ragged and the first line's last letter was cut at the label's left edge (Arabic at 200%).
The lines break the same way either way, so the label's size is unchanged.
"""

from __future__ import annotations

import math
import unicodedata

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QWidget

#: A word is never drawn smaller than this share of its label's size to make it fit.
SMALLEST_FIT = 0.5


def is_right_to_left(text: str) -> bool:
    """QString::isRightToLeft: the first strong character outside isolates is R or AL."""
    depth = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif depth == 0 and kind in ("R", "AL"):
            return True
        elif depth == 0 and kind == "L":
            return False
    return False


def longest_word_width(text: str, font: QFont) -> float:
    """The widest piece of ``text`` that Qt's line breaking cannot split (its longest word, or
    one ideograph), in ``font``."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    widest = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(0)
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return widest


class Label(QLabel):
    """A plain-text label; when it wraps, its longest word always fits its width."""

    def __init__(self, parent: QWidget | None = None, fit_words: bool = True) -> None:
        super().__init__(parent)
        #: Whether a word too long for the width is drawn smaller (not in a button: a button
        #: is never narrower than its longest word).
        self.fit_words = fit_words
        self._fitted_px = 0  # the size set to fit a long word (0: the stylesheet's)
        self._own_style = ""  # this label's own stylesheet, under any fitted size

    def set_own_style(self, style: str) -> None:
        """This label's own stylesheet (a font for it alone); a fitted size goes on top."""
        if style != self._own_style:
            self._own_style = style
            self._fitted_px = 0
            self.setStyleSheet(style)
            self._fit()

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
            self._fit()

    # -- drawing ---------------------------------------------------------------------------------
    def draws_own_text(self) -> bool:
        """Whether this label draws its text itself (wrapping right-to-left text)."""
        return self.wordWrap() and is_right_to_left(self.text())

    def text_rect(self) -> QRect:
        """Where the text goes: the contents rectangle less the margin (the indent is 0)."""
        margin = self.margin()
        return self.contentsRect().adjusted(margin, margin, -margin, -margin)

    def laid_out(self) -> tuple[QTextLayout, QPointF]:
        """The text laid out as QLabel lays it out (same lines and line positions), right
        aligned by the text layout itself; and where its origin goes in the label."""
        rect = self.text_rect()
        layout = QTextLayout(self.text().replace("\n", "\u2028"), self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        align = QStyle.visualAlignment(Qt.LayoutDirection.RightToLeft, self.alignment())
        option.setAlignment(align & Qt.AlignmentFlag.AlignHorizontal_Mask)
        layout.setTextOption(option)
        leading = QFontMetricsF(self.font()).leading()
        height = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(rect.width())
            height = math.ceil(height + leading)  # as QPainter.drawText places lines
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        top = float(rect.top())
        if align & Qt.AlignmentFlag.AlignBottom:
            top += rect.height() - height
        elif align & Qt.AlignmentFlag.AlignVCenter:
            top += (rect.height() - height) / 2
        return layout, QPointF(rect.left(), top)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.draws_own_text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.drawFrame(painter)
        layout, origin = self.laid_out()
        painter.setPen(self.palette().color(self.foregroundRole()))
        layout.draw(painter, origin)
        painter.end()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.wordWrap() and self.fit_words:
            # No wider than a few letters: the label shrinks a long word rather than widen
            # the page (see _fit).
            return QSize(
                min(hint.width(), self.fontMetrics().averageCharWidth() * 4), hint.height()
            )
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _fit(self) -> None:
        """Draw a word that does not fit the width smaller, just enough to fit it."""
        if not self.fit_words or not self.wordWrap() or not self.text() or self.width() <= 0:
            return
        if self._fitted_px:
            self.setStyleSheet(self._own_style)  # measure at the stylesheet's size
            self._fitted_px = 0
        self.ensurePolished()
        font = QFont(self.font())
        room = self.contentsRect().width() - 2 * self.margin() - 4  # and a little to spare
        widest = longest_word_width(self.text(), font)
        if widest <= room or room <= 0:
            return
        size = font.pixelSize()
        fitted = max(math.floor(size * room / widest), math.ceil(size * SMALLEST_FIT))
        if fitted < size:
            self._fitted_px = fitted
            self.setStyleSheet(f"{self._own_style} font-size: {fitted}px;")


def make_label(role: str = "body", parent: QWidget | None = None, fit_words: bool = True) -> Label:
    label = Label(parent, fit_words)
    label.setProperty("role", role)
    # No implicit indent: with a stylesheet's padding a label counts as framed, and a framed
    # label indents its text by half an "x" unless told otherwise.
    label.setIndent(0)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def make_icon_label(parent: QWidget | None = None) -> QLabel:
    """A label that only shows an icon; like every label, it cannot be selected."""
    label = QLabel(parent)
    label.setProperty("role", "icon")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label
