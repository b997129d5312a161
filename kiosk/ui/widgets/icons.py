"""SVG icons from resources/icons, drawn in the theme's colour (the files use currentColor)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.core.paths import resource


@cache
def _svg_source(name: str) -> str:
    return resource(f"icons/{name}").read_text(encoding="utf-8")


@cache  # every render asks again, and drawing the SVG each time slowed every page change
def icon_pixmap(name: str, color: str, size: int, mirrored: bool = False) -> QPixmap:
    svg = _svg_source(name).replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if mirrored:  # custom arrows are not mirrored by Qt in right-to-left layouts
        painter.translate(size, 0)
        painter.scale(-1, 1)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap
