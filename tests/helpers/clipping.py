"""Is any text cut off? Two checks on what a label draws, not on what its size hints promise.

- :func:`geometry_problems` lays out each visible label's text as the label paints it (its own
  font, contents rectangle and alignment, through Qt's own text layout), takes the ink of the
  glyphs, and asks whether that ink fits inside the label and inside every widget around it up
  to the window (a button's border, the bar, a card) or up to the page body that scrolls. Icons
  are checked the same way. Fast: no pixels.
- :func:`pixel_problems` draws each label's text again with no clip at all, on its own, and
  compares its fully covered pixels with the same pixels of the window's real render: a pixel
  of ink the visitor cannot see is a cut. Only pixels inside the window and inside the visible
  part of a scroll area count (what is scrolled out of view can be scrolled to).

Why the old check passed while "Back" lost its "k": it compared a word-wrapped label's
``heightForWidth`` with its height. A single word wider than the label does not wrap and needs
no more height, so the label looked fine while its text ran past the right edge, where
QPainter's clip and the button's border cut it.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QStyle, QWidget

from kiosk.ui.widgets.labels import Label, is_right_to_left
from kiosk.ui.widgets.touch_button import font_key

#: A button's border (the stylesheet draws 2-5 px): its label and icon must stay inside it.
BUTTON_BORDER = 2
#: How far (per channel, 0-255) a pixel may be from the ink colour and still count as drawn.
NEAR_INK = 48
#: Rounding of fractional glyph positions.
SLACK = 1.0
#: Ink may reach this far past the label (a glyph's antialiased fringe).
INK_SLACK = 1.5


def shown_labels(window: QWidget) -> list[QLabel]:
    """The labels a visitor can see: visible, with text or a picture, not under an overlay
    (when one is open, only its own labels)."""
    overlays = [o for o in getattr(window, "overlays", lambda: [])() if o.isVisible()]
    root = overlays[-1] if overlays else window
    labels = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(window) or label.width() <= 0 or label.height() <= 0:
            continue
        if label.text().strip() or (label.pixmap() is not None and not label.pixmap().isNull()):
            labels.append(label)
    return labels


def paint_flags(label: QLabel) -> int:
    """The flags QLabel.paintEvent gives QStyle.drawItemText (plain text, no mnemonic)."""
    rtl = is_right_to_left(label.text())
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    align = QStyle.visualAlignment(direction, label.alignment())
    force = Qt.TextFlag.TextForceRightToLeft if rtl else Qt.TextFlag.TextForceLeftToRight
    flags = int(align.value if hasattr(align, "value") else align) | int(force.value)
    if label.wordWrap():
        flags |= int(Qt.TextFlag.TextWordWrap.value)
    return flags


def text_rect(label: QLabel) -> QRect:
    """Where QLabel lays out its text (QLabelPrivate::documentRect): the contents rectangle
    less the margin, and less the indent on the aligned side (a framed label's default indent
    is half an "x")."""
    margin = label.margin()
    rect = label.contentsRect().adjusted(margin, margin, -margin, -margin)
    indent = label.indent()
    if indent < 0 and label.frameWidth():
        indent = label.fontMetrics().horizontalAdvance("x") // 2 - margin
    if indent > 0:
        rtl = is_right_to_left(label.text())
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        align = QStyle.visualAlignment(direction, label.alignment())
        if align & Qt.AlignmentFlag.AlignLeft:
            rect.setLeft(rect.left() + indent)
        if align & Qt.AlignmentFlag.AlignRight:
            rect.setRight(rect.right() - indent)
        if align & Qt.AlignmentFlag.AlignTop:
            rect.setTop(rect.top() + indent)
        if align & Qt.AlignmentFlag.AlignBottom:
            rect.setBottom(rect.bottom() - indent)
    return rect


@lru_cache(maxsize=20_000)
def _ink_overflow(
    key: tuple[str, tuple[str, ...]], text: str, width: float, flags: int
) -> tuple[float, ...]:
    """How far the glyphs' ink reaches past the logical box of the laid-out text: (left, top,
    right, bottom), each >= 0. Cached: the same text in the same font recurs across states."""
    font = QFont()
    font.fromString(key[0])
    font.setFamilies(list(key[1]))
    option = QTextOption()
    wrap = flags & int(Qt.TextFlag.TextWordWrap.value)
    option.setWrapMode(QTextOption.WrapMode.WordWrap if wrap else QTextOption.WrapMode.ManualWrap)
    rtl = flags & int(Qt.TextFlag.TextForceRightToLeft.value)
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width if wrap else 1e7)
        line.setPosition(QRectF(0, y, 0, 0).topLeft())
        y += line.height()
    layout.endLayout()
    left = top = right = bottom = 0.0
    for n in range(layout.lineCount()):
        line = layout.lineAt(n)
        logical = line.naturalTextRect()
        for run in line.glyphRuns():
            raw = run.rawFont()
            for glyph, pos in zip(run.glyphIndexes(), run.positions(), strict=True):
                box = raw.boundingRect(glyph)
                if box.isEmpty():
                    continue
                box.translate(pos)
                left = max(left, logical.left() - box.left())
                right = max(right, box.right() - logical.right())
                if n == 0:
                    top = max(top, logical.top() - box.top())
                if n == layout.lineCount() - 1:
                    bottom = max(bottom, box.bottom() - logical.bottom())
    return left, top, right, bottom


def own_text_boxes(label: Label) -> tuple[QRectF, QRectF, QRectF]:
    """text_boxes for a label that draws its own text (kiosk.ui.widgets.labels.Label): from
    the very layout it draws."""
    layout, origin = label.laid_out()
    ink = QRectF()
    for n in range(layout.lineCount()):
        line = layout.lineAt(n)
        for run in line.glyphRuns():
            raw = run.rawFont()
            for glyph, pos in zip(run.glyphIndexes(), run.positions(), strict=True):
                box = raw.boundingRect(glyph)
                if not box.isEmpty():
                    ink |= box.translated(pos)
    # The label draws exactly this layout: its ink is what must fit (the logical box of a
    # right-aligned line counts a little of the space it broke at).
    # Its painter clips at the label's edges only (the padding around the text is room).
    ink = ink.translated(origin)
    return QRectF(label.rect()), ink, ink


def text_boxes(label: QLabel) -> tuple[QRectF, QRectF, QRectF]:
    """(where the text may go, its logical box, its ink box), in the label's coordinates."""
    if isinstance(label, Label) and label.draws_own_text():
        return own_text_boxes(label)
    lr = QRectF(text_rect(label))
    flags = paint_flags(label)
    text = label.text()
    logical = QFontMetricsF(label.font()).boundingRect(lr, flags, text)
    left, top, right, bottom = _ink_overflow(font_key(label.font()), text, lr.width(), flags)
    ink = logical.adjusted(-left, -top, right, bottom)
    return lr, logical, ink


def _inside(
    inner: QRectF, outer: QRectF, horizontal_only: bool = False, slack: float = SLACK
) -> bool:
    if inner.left() < outer.left() - slack or inner.right() > outer.right() + slack:
        return False
    if horizontal_only:
        return True
    return inner.top() >= outer.top() - slack and inner.bottom() <= outer.bottom() + slack


def _scroll_body(widget: QWidget) -> bool:
    """The widget a scroll area scrolls (what is below the fold inside it can be scrolled to)."""
    viewport = widget.parentWidget()
    area = viewport.parentWidget() if viewport is not None else None
    return isinstance(area, QAbstractScrollArea) and area.viewport() is viewport


def _enclosing_problem(widget: QWidget, box: QRectF, window: QWidget) -> str | None:
    """The first widget around ``widget`` that cuts ``box`` (in widget's coordinates)."""
    offset = QPoint(0, 0)
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not window:
        offset += child.pos()
        placed = box.translated(offset.x(), offset.y())
        room = QRectF(parent.rect())
        if isinstance(parent, QAbstractButton):
            room.adjust(BUTTON_BORDER, BUTTON_BORDER, -BUTTON_BORDER, -BUTTON_BORDER)
        if _scroll_body(child):
            # The body scrolls up and down, never sideways: its width must fit the viewport.
            if not _inside(placed, room, horizontal_only=True, slack=INK_SLACK):
                return f"wider than the scrolling page ({parent.width()} px)"
            return None
        if not _inside(placed, room, slack=INK_SLACK):
            name = parent.objectName() or type(parent).__name__
            return f"cut by {name} {_fmt(room)}: needs {_fmt(placed)}"
        child, parent = parent, parent.parentWidget()
    return None


def _fmt(r: QRectF) -> str:
    return f"({r.left():.0f},{r.top():.0f} {r.width():.0f}x{r.height():.0f})"


def _describe(label: QLabel) -> str:
    owner = label.parentWidget()
    name = label.objectName() or (owner.objectName() if owner is not None else "")
    text = label.text().replace("\n", " ")
    return f"{name or 'label'} {text[:40]!r}"


def geometry_problems(window: QWidget, where: str = "") -> list[str]:
    """Every shown label whose text or icon does not fit where it is drawn."""
    problems = []
    for label in shown_labels(window):
        if label.text().strip():
            lr, logical, ink = text_boxes(label)
            if not _inside(logical, lr) or not _inside(ink, QRectF(label.rect()), slack=INK_SLACK):
                problems.append(f"{where}: {_describe(label)} needs {_fmt(ink)} inside {_fmt(lr)}")
                continue
            box = ink
        else:
            box = QRectF(label.rect())
        cut = _enclosing_problem(label, box, window)
        if cut:
            problems.append(f"{where}: {_describe(label)} {cut}")
    return problems


# -- pixels ----------------------------------------------------------------------------------
def _visible_area(label: QLabel, window: QWidget) -> QRect:
    """Where the label's pixels may be seen without scrolling: the window, or the viewport of
    the scroll area it is in."""
    area = window.rect()
    parent = label.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            viewport = parent.viewport()
            area &= QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
        parent = parent.parentWidget()
    return area


def unclipped_text(label: QLabel, margin: int) -> QImage:
    """The label's text drawn on its own with no clip, ``margin`` pixels of room on each side:
    alpha is coverage."""
    # Drawn on a 32-bit image, as the window is: glyphs are rasterized as on screen.
    image = QImage(
        label.width() + 2 * margin,
        label.height() + 2 * margin,
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(0)
    painter = QPainter(image)
    painter.setFont(label.font())
    painter.setPen(QColor(0, 0, 0))
    if isinstance(label, Label) and label.draws_own_text():
        layout, origin = label.laid_out()
        layout.draw(painter, origin + QPointF(margin, margin))
    else:
        flags = paint_flags(label) | int(Qt.TextFlag.TextDontClip.value)
        painter.drawText(text_rect(label).translated(margin, margin), flags, label.text())
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Alpha8)


_SOLID = bytes(255 if b == 255 else 0 for b in range(256))


def _count(image: QImage) -> int:
    """Pixels with any alpha (Alpha8; the padding at the end of each row is left out)."""
    data = bytes(image.constBits())
    stride, width = image.bytesPerLine(), image.width()
    if stride == width:
        return len(data) - data.count(0)
    rows = (data[y * stride : y * stride + width] for y in range(image.height()))
    return sum(width - row.count(0) for row in rows)


def missing_ink(label: QLabel, shot: QImage, window: QWidget) -> tuple[int, int, QRect]:
    """(fully covered pixels of the unclipped text a visitor should see, those not drawn in
    the label's colour on the real render, where those are in the window)."""
    margin = max(label.height(), 64)
    free = unclipped_text(label, margin)
    origin = label.mapTo(window, QPoint(0, 0)) - QPoint(margin, margin)
    # Only full coverage: antialiased edges blend with whatever is behind them.
    solid = QImage(
        bytes(free.constBits()).translate(_SOLID),
        free.width(),
        free.height(),
        free.bytesPerLine(),
        QImage.Format.Format_Alpha8,
    ).copy()
    # Above or below the visible part of a scroll area: the visitor scrolls to it. (The
    # window's own edges, and a scroll area's sides, cut: those pixels stay counted.)
    seen = _visible_area(label, window).translated(-origin)
    painter = QPainter(solid)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
    full = solid.rect()
    painter.fillRect(
        QRect(0, 0, full.width(), min(full.height(), max(0, seen.top()))), QColor(0, 0, 0, 0)
    )
    below = max(0, seen.bottom() + 1)
    painter.fillRect(QRect(0, below, full.width(), full.height() - below), QColor(0, 0, 0, 0))
    painter.end()
    expected = _count(solid)
    # What the real render has in the label's ink colour over the same area (outside the
    # window the copy is empty, so nothing there counts as drawn).
    ink = label.palette().color(label.foregroundRole())
    region = shot.copy(QRect(origin, solid.size()))
    drawn = region.createMaskFromColor(ink.rgb(), Qt.MaskMode.MaskInColor)
    drawn.setColorTable([0x00000000, 0xFF000000])  # index 1 (in colour): opaque
    painter = QPainter(solid)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
    painter.drawImage(0, 0, drawn.convertToFormat(QImage.Format.Format_Alpha8))
    painter.end()
    # Pixels not exactly in the ink colour: near it still counts as drawn (where strokes of
    # two glyphs overlap, antialiasing blends them a shade off).
    missing = []
    data = bytes(solid.constBits())
    stride, width = solid.bytesPerLine(), solid.width()
    for y in range(solid.height()):
        row = data[y * stride : y * stride + width]
        x = row.find(255)
        while x >= 0:
            seen = QColor(region.pixel(x, y))
            if max(
                abs(seen.red() - ink.red()),
                abs(seen.green() - ink.green()),
                abs(seen.blue() - ink.blue()),
            ) > NEAR_INK or not region.rect().contains(x, y):
                missing.append(QPoint(x, y))
            x = row.find(255, x + 1)
    box = QRect()
    for point in missing:
        box |= QRect(point, point)
    return expected, len(missing), box.translated(origin)


def pixel_problems(window: QWidget, shot: QImage, where: str = "") -> list[str]:
    problems = []
    for label in shown_labels(window):
        if not label.text().strip():
            continue
        expected, missing, box = missing_ink(label, shot, window)
        if missing > 2:
            problems.append(
                f"{where}: {_describe(label)}: {missing} of {expected} pixels of ink not "
                f"drawn, in {_fmt(QRectF(box))}"
            )
    return problems
