"""QR codes made by segno and painted as vector squares, so they stay sharp at any size.

The code is always dark on light with a four-module quiet zone (what the QR standard asks and
what phone cameras expect), whatever the theme. On screen every module is a whole number of
pixels, so no edge is blurred by antialiasing; in the PDF handout the same path is drawn as
vectors at any size.
"""

from __future__ import annotations

from functools import cache

import segno
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.theme import QR_DARK, QR_LIGHT

QUIET_ZONE = 4  # modules of light margin on every side (ISO/IEC 18004)
# M recovers about 15% of a damaged code: enough for a smudged screen or a folded page while
# keeping the code small (version 2, 25x25 modules, for the default address).
ERROR_LEVEL = "m"


@cache
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules without the quiet zone: True is dark."""
    code = segno.make_qr(data, error=ERROR_LEVEL, boost_error=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


def modules_with_quiet_zone(data: str) -> int:
    return len(qr_matrix(data)) + 2 * QUIET_ZONE


def qr_path(data: str, rect: QRectF) -> QPainterPath:
    """The dark modules as one path inside ``rect`` (a square that includes the quiet zone).

    Runs of dark modules in a row are one rectangle, and everything is filled at once, so no
    hairline seams appear between neighbouring modules in a PDF viewer.
    """
    matrix = qr_matrix(data)
    module = rect.width() / (len(matrix) + 2 * QUIET_ZONE)
    left, top = rect.left() + QUIET_ZONE * module, rect.top() + QUIET_ZONE * module
    path = QPainterPath()
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            path.addRect(
                QRectF(left + start * module, top + y * module, (x - start) * module, module)
            )
    return path


def paint_qr(painter: QPainter, rect: QRectF, data: str, path: QPainterPath | None = None) -> None:
    """Paint the code, quiet zone included, into the square ``rect`` (``path``: qr_path's,
    if the caller keeps it)."""
    painter.save()
    painter.fillRect(rect, QColor(QR_LIGHT))
    painter.fillPath(path if path is not None else qr_path(data, rect), QColor(QR_DARK))
    painter.restore()


class QrCode(QWidget):
    """A square QR code about ``target_px`` wide, each module a whole number of pixels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QrCode")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.data = ""
        self._side = 0
        self._path: QPainterPath | None = None  # kept: building it is most of a paint

    def set_code(self, data: str, target_px: int) -> None:
        """Show ``data`` as a code of at most ``target_px`` (and at least 2 pixels a module)."""
        modules = modules_with_quiet_zone(data)
        side = max(2, target_px // modules) * modules
        if (data, side) != (self.data, self._side):
            self.data, self._side = data, side
            self._path = None
            self.setFixedSize(side, side)
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._side, self._side)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.data:
            return
        painter = QPainter(self)
        # Whole-pixel modules need no antialiasing; without it every edge is crisp. Qt never
        # mirrors custom painting in right-to-left layouts, so the code reads the same in Arabic.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        rect = QRectF(0, 0, self._side, self._side)
        if self._path is None:
            self._path = qr_path(self.data, rect)
        paint_qr(painter, rect, self.data, self._path)
        painter.end()
