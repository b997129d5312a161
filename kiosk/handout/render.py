"""Lay the handout out on one Letter or A4 page and make the PDF (or paint it on a printer).

The page is a QTextDocument built block by block (no HTML, so an operator's facility name is
never read as markup), in the language's own fonts (bold headings in each script's bold face)
and direction, and at its script's size beside Latin, as on screen. The QR code is a text object
painted as vectors. If the text is too long for one page at the normal size, it is set a little
smaller, down to a floor; below that :class:`HandoutDoesNotFit` is raised rather than printing a
cut-off page.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPyTextObject,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextOption,
    QTextTableFormat,
)

from kiosk.handout.content import Handout
from kiosk.ui.fonts import font_for, script_for
from kiosk.ui.theme import DEFAULT
from kiosk.ui.widgets.qr import paint_qr

PAPER = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
MARGIN_MM = 16
RESOLUTION = 1200  # QPdfWriter's default; positions are exact, text and QR are vectors anyway
BODY_PT = 12.0  # the size the page is set in when it fits
SMALLEST_BODY_PT = 8.5  # still readable on paper; below this we refuse rather than print
QR_MM = 38  # about 1.5 inches: a phone reads it at a comfortable distance
LINE_SEPARATOR = "\u2028"  # a line break inside a paragraph (a list item's title and text)

INK = QColor(DEFAULT.text)
HEADING_INK = QColor(DEFAULT.primary)
MUTED_INK = QColor(DEFAULT.muted)
RULE = QColor(DEFAULT.border)

QR_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
QR_URL_PROPERTY = QTextFormat.Property.UserProperty + 1
QR_SIDE_PROPERTY = QTextFormat.Property.UserProperty + 2


def text_point_size(language: str, body_pt: float) -> float:
    """The size a language's text is set in for a body size: its script's size beside Latin
    (kiosk/ui/script_metrics.py), as on screen, so Arabic and Farsi read as large as Latin."""
    return body_pt * script_for(language).scale


class HandoutDoesNotFit(RuntimeError):
    """The texts do not fit on one page even at the smallest size (an operator's long edit)."""


class _QrTextObject(QPyTextObject):
    """Draws the QR code inline in the document, as vectors, at the size the format asks."""

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        side = float(fmt.property(QR_SIDE_PROPERTY))
        return QSizeF(side, side)

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        pos: int,
        fmt: QTextFormat,
    ) -> None:
        area = QRectF(rect)
        side = min(area.width(), area.height())
        paint_qr(
            painter, QRectF(area.topLeft(), QSizeF(side, side)), str(fmt.property(QR_URL_PROPERTY))
        )


def page_layout(paper_size: str) -> QPageLayout:
    return QPageLayout(
        QPageSize(PAPER[paper_size]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def handout_pdf(handout: Handout) -> bytes:
    """The handout as a one-page PDF with its fonts embedded, in memory (nothing on disk)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout(handout.paper_size))
    writer.setTitle(handout.title)
    writer.setCreator("visitor-kiosk")
    paint_handout(writer, handout)
    buffer.close()
    return bytes(buffer.data().data())


def paint_handout(device: QPdfWriter, handout: Handout) -> float:
    """Paint the handout on the device's current page; returns the size the body text is set
    in, in points (a script set larger than Latin, Arabic, starts larger; every script stops
    at the same floor)."""
    body, footer, body_pt = lay_out_handout(device, handout)
    height = float(device.pageLayout().paintRectPixels(device.resolution()).height())
    painter = QPainter(device)
    body.drawContents(painter)
    painter.translate(0, height - footer.size().height())
    footer.drawContents(painter)
    painter.end()
    return text_point_size(handout.language, body_pt)


def lay_out_handout(
    device: QPdfWriter, handout: Handout
) -> tuple[QTextDocument, QTextDocument, float]:
    """The page's body and footer, laid out for the device's page at the largest size that fits
    (the footer goes at the foot of the page's printable area), and that size in points."""
    area = device.pageLayout().paintRectPixels(device.resolution())
    width, height = float(area.width()), float(area.height())
    body_pt = BODY_PT
    while True:
        body, footer = _HandoutDocument(device, handout, body_pt, width).build()
        gap = body_pt * device.resolution() / 72
        if body.size().height() + gap + footer.size().height() <= height:
            return body, footer, body_pt
        body_pt -= 0.25
        if text_point_size(handout.language, body_pt) < SMALLEST_BODY_PT:
            raise HandoutDoesNotFit(
                f"{handout.language}: the handout does not fit on one {handout.paper_size} page"
            )


class _HandoutDocument:
    """Builds the page's text: one document for the body and one for the footer line."""

    def __init__(self, device: QPdfWriter, handout: Handout, body_pt: float, width: float) -> None:
        self.device, self.h, self.body_pt, self.width = device, handout, body_pt, width
        self.direction = (
            Qt.LayoutDirection.RightToLeft if handout.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.font = font_for(handout.language)
        self.script = text_point_size(handout.language, 1.0)

    @staticmethod
    def px(points: float) -> float:
        """Margins, borders and widths in a text format are pixels at 96 dpi; Qt scales them to
        the paint device's resolution itself."""
        return points * 96 / 72

    def _document(self) -> QTextDocument:
        doc = QTextDocument()
        # Lay out for the printer's resolution, so what is measured is what is painted.
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDocumentMargin(0)
        font = QFont(self.font)
        font.setPointSizeF(self.body_pt * self.script)
        if not self.h.rtl:
            # Latin "fi" and "fl" ligatures have no letters behind them in the subset fonts, so
            # copying or searching the PDF would find "x problems" for "fix problems". Arabic
            # script needs its ligatures (lam-alef), so there they stay.
            font.setFeature(QFont.Tag("liga"), 0)
        doc.setDefaultFont(font)
        option = QTextOption()
        option.setTextDirection(self.direction)
        # Khmer has no spaces between words: break anywhere rather than run off the page.
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setTextWidth(self.width)
        root = doc.rootFrame().frameFormat()
        root.setLayoutDirection(self.direction)
        doc.rootFrame().setFrameFormat(root)
        return doc

    def _block(self, top_pt: float = 0, bottom_pt: float = 0) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setLayoutDirection(self.direction)
        block.setTopMargin(self.px(top_pt))
        block.setBottomMargin(self.px(bottom_pt))
        return block

    def _chars(self, scale: float = 1.0, bold: bool = False, ink: QColor = INK) -> QTextCharFormat:
        chars = QTextCharFormat()
        chars.setFontPointSize(self.body_pt * scale * self.script)
        chars.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        chars.setForeground(ink)
        return chars

    def _paragraph(
        self, cursor: QTextCursor, text: str, chars: QTextCharFormat, **margins: float
    ) -> None:
        # The document starts with an empty block, and a table leaves one after it: reuse those.
        if cursor.block().length() <= 1 and cursor.currentList() is None:
            cursor.setBlockFormat(self._block(**margins))
            cursor.setBlockCharFormat(chars)
        else:
            cursor.insertBlock(self._block(**margins), chars)
        cursor.insertText(text, chars)

    def _list(self, cursor: QTextCursor, items: list[tuple[str, str]], numbered: bool) -> None:
        """Items as a list; each item is an optional bold title, a line break, then the text."""
        style = QTextListFormat.Style.ListDecimal if numbered else QTextListFormat.Style.ListDisc
        text_list = None
        for title, text in items:
            cursor.insertBlock(self._block(top_pt=self.body_pt * 0.25), self._chars())
            if text_list is None:
                fmt = QTextListFormat()
                fmt.setStyle(style)
                fmt.setIndent(1)
                text_list = cursor.createList(fmt)
            else:
                text_list.add(cursor.block())
            if title:
                cursor.insertText(title, self._chars(bold=True))
                cursor.insertText(LINE_SEPARATOR, self._chars())
            cursor.insertText(text, self._chars())

    def _heading(self, cursor: QTextCursor, text: str) -> None:
        self._paragraph(
            cursor, text, self._chars(1.3, bold=True, ink=HEADING_INK),
            top_pt=self.body_pt * 1.1, bottom_pt=self.body_pt * 0.2,
        )  # fmt: skip

    def _website_box(self, cursor: QTextCursor) -> None:
        """The website, app and caption beside the QR code, in a light frame."""
        h = self.h
        # The object's own size is in device pixels; the column's width is in 96-dpi pixels.
        qr_side = QR_MM / 25.4 * self.device.resolution()
        qr_column = QR_MM / 25.4 * 96 + self.px(self.body_pt * 1.2)
        table_format = QTextTableFormat()
        table_format.setLayoutDirection(self.direction)
        table_format.setBorder(self.px(0.75))
        table_format.setBorderBrush(RULE)
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        table_format.setBorderCollapse(True)
        table_format.setCellPadding(self.px(self.body_pt * 0.6))
        table_format.setCellSpacing(0)
        table_format.setTopMargin(self.px(self.body_pt * 0.9))
        table_format.setBottomMargin(self.px(self.body_pt * 0.4))
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table_format.setColumnWidthConstraints([
            QTextLength(QTextLength.Type.VariableLength, 0),
            QTextLength(QTextLength.Type.FixedLength, qr_column),
        ])  # fmt: skip
        table = cursor.insertTable(1, 2, table_format)
        text_cell = table.cellAt(0, 0).firstCursorPosition()
        text_cell.setBlockFormat(self._block())
        text_cell.insertText(h.website, self._chars(1.15, bold=True))
        for line in (h.app, h.qr_caption):
            text_cell.insertBlock(self._block(top_pt=self.body_pt * 0.4), self._chars())
            text_cell.insertText(line, self._chars())
        qr_cell = table.cellAt(0, 1).firstCursorPosition()
        qr_block = self._block()
        qr_block.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qr_cell.setBlockFormat(qr_block)
        qr = QTextCharFormat()
        qr.setObjectType(QR_OBJECT)
        qr.setProperty(QR_URL_PROPERTY, h.url)
        qr.setProperty(QR_SIDE_PROPERTY, qr_side)
        qr_cell.insertText("\ufffc", qr)  # the object replacement character
        cursor.movePosition(QTextCursor.MoveOperation.End)

    def build(self) -> tuple[QTextDocument, QTextDocument]:
        h = self.h
        body = self._document()
        handler = _QrTextObject(body)  # parented: lives as long as the document
        body.documentLayout().registerHandler(QR_OBJECT, handler)
        cursor = QTextCursor(body)
        if h.facility:
            self._paragraph(cursor, h.facility, self._chars(1.1, bold=True, ink=MUTED_INK))
        self._paragraph(cursor, h.title, self._chars(1.75, bold=True), bottom_pt=self.body_pt * 0.3)
        self._heading(cursor, h.services_title)
        self._list(cursor, [("", answer) for answer in h.service_answers], numbered=False)
        self._paragraph(cursor, h.services_note, self._chars(), top_pt=self.body_pt * 0.4)
        self._heading(cursor, h.steps_title)
        self._paragraph(cursor, h.steps_intro, self._chars())
        self._list(cursor, [(step.title, step.text) for step in h.steps], numbered=True)
        self._website_box(cursor)
        self._heading(cursor, h.unknowns_title)
        self._paragraph(cursor, h.unknowns_intro, self._chars())
        self._list(cursor, [("", item) for item in h.unknowns], numbered=False)
        self._paragraph(cursor, h.ask_title, self._chars(bold=True), top_pt=self.body_pt * 0.6)
        self._list(cursor, [("", line) for line in h.ask], numbered=False)
        if h.this_facility:
            self._paragraph(cursor, h.this_facility, self._chars(), top_pt=self.body_pt * 0.4)

        footer = self._document()
        footer_cursor = QTextCursor(footer)
        self._paragraph(footer_cursor, h.checked_on, self._chars(0.85, ink=MUTED_INK))
        return body, footer
