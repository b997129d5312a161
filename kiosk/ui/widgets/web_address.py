"""A web address shown so that it reads as one unit, whatever the language and width.

- It never breaks inside the scheme and host: ``https://securustech.net/`` stays on one line.
- A long path wraps only after a ``/``, one whole segment at a time.
- It is drawn left to right, in every language (in a right-to-left page it keeps to the
  page's leading edge, the right).
- It is drawn in the address style (larger and bold), and made smaller only to fit the host
  on one line, never smaller than the body text (``set_address``'s ``smallest_px``).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from kiosk.ui.fonts import families_for
from kiosk.ui.theme import font_families


def address_units(url: str) -> list[str]:
    """The pieces an address may be wrapped between: the scheme and host with the slash after
    it, then each path segment with its slash (``https://a.net/b/c`` -> ``https://a.net/``,
    ``b/``, ``c``)."""
    scheme_end = url.find("://")
    start = scheme_end + 3 if scheme_end >= 0 else 0
    host_end = url.find("/", start)
    if host_end < 0:
        return [url]
    units = [url[: host_end + 1]]
    rest = url[host_end + 1 :]
    while rest:
        cut = rest.find("/")
        piece, rest = (rest, "") if cut < 0 else (rest[: cut + 1], rest[cut + 1 :])
        units.append(piece)
    return units


def address_lines(url: str, font: QFont, width: float) -> list[str]:
    """The address in lines no wider than ``width`` (the first may be wider: it holds the
    host, which is never broken)."""
    metrics = QFontMetricsF(font)
    lines: list[str] = []
    for unit in address_units(url):
        if lines and metrics.horizontalAdvance(lines[-1] + unit) <= width:
            lines[-1] += unit
        else:
            lines.append(unit)
    return lines


class WebAddress(QLabel):
    """The address, in lines broken only after a ``/`` (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "url")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setWordWrap(False)  # the lines are made here
        self.setIndent(0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.address = ""
        self.px = self.smallest_px = 12
        self._drawn_px = 0
        self._relayouting = False

    def set_address(self, url: str, px: int, smallest_px: int, rtl_page: bool) -> None:
        """Show ``url`` at ``px`` (bold), or smaller to fit its host, down to ``smallest_px``;
        at the page's leading edge."""
        edge = Qt.AlignmentFlag.AlignRight if rtl_page else Qt.AlignmentFlag.AlignLeft
        self.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop)
        if (url, px, smallest_px) == (self.address, self.px, self.smallest_px):
            return
        self.address, self.px, self.smallest_px = url, px, max(1, min(px, smallest_px))
        self.setAccessibleName(url)
        self._relayout()
        self.updateGeometry()

    def font_at(self, px: int) -> QFont:
        font = QFont(self.font())
        font.setFamilies(families_for("en"))
        font.setPixelSize(px)
        font.setBold(True)
        return font

    def px_for(self, width: int) -> int:
        """The size at which the host fits ``width`` (not below smallest_px)."""
        host = address_units(self.address)[0] if self.address else ""
        needed = QFontMetricsF(self.font_at(self.px)).horizontalAdvance(host) + 1
        if needed <= width or width <= 0:
            return self.px
        return max(self.smallest_px, math.floor(self.px * width / needed))

    def _lines(self, width: int) -> tuple[int, list[str]]:
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        px = self.px_for(inner)
        return px, address_lines(self.address, self.font_at(px), inner)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        px, lines = self._lines(width)
        margins = self.contentsMargins()
        # Laid out as QLabel draws it (each line starts on a whole pixel).
        box = QFontMetricsF(self.font_at(px)).boundingRect(
            QRectF(0, 0, width, 1_000_000), int(self.alignment().value), "\n".join(lines)
        )
        return math.ceil(box.height()) + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.font_at(self.px))
        margins = self.contentsMargins()
        return QSize(
            math.ceil(metrics.horizontalAdvance(self.address))
            + 1
            + margins.left()
            + margins.right(),
            math.ceil(metrics.height()) + margins.top() + margins.bottom(),
        )

    def minimumSizeHint(self) -> QSize:
        """As narrow as the host at the smallest size allowed, never narrower."""
        host = address_units(self.address)[0] if self.address else ""
        margins = self.contentsMargins()
        width = math.ceil(QFontMetricsF(self.font_at(self.smallest_px)).horizontalAdvance(host))
        return QSize(width + 1 + margins.left() + margins.right(), self.sizeHint().height())

    # -- layout ----------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and not self._relayouting:
            self._relayout()  # another family (the page's language) measures differently

    def _relayout(self) -> None:
        self._relayouting = True
        try:
            px, lines = self._lines(self.width() if self.width() > 0 else 100_000)
            if px != self._drawn_px:
                self._drawn_px = px
                # Latin's families: the address is Latin, and drawn in another script's font
                # first it would take that font's line height.
                self.setStyleSheet(
                    f"font-family: {font_families(families_for('en'))}; "
                    f"font-size: {px}px; font-weight: 700;"
                )
            text = "\n".join(lines) if self.address else ""
            if text != self.text():
                self.setText(text)
                self.updateGeometry()
        finally:
            self._relayouting = False
