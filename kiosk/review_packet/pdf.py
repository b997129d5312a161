"""Lay the review packet out on Letter pages and make the PDF, in the bundled fonts only.

Each text is one row that never breaks across pages: its number and fact id, the English, the
translation (in the language's font and direction), where it is shown with a picture, and an
empty box for corrections. Words the kiosk fills in (a month, a web address, a name) are shaded.
The last page is the sign-off.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from kiosk.core.i18n import LANGUAGES
from kiosk.review_packet.capture import (
    OUTLINE,
    OUTLINE_PX,
    HandoutPicture,
    Picture,
    ScreenPicture,
)
from kiosk.ui.fonts import font_for
from kiosk.ui.theme import DEFAULT, PAPER_ALERT, PAPER_SHADE

RESOLUTION = 1200  # device pixels per inch, as the handout's
MARGIN_IN = 0.5
#: Column widths in inches: number and id, English, translation, corrections (7.5 in all).
COLUMNS = (1.05, 2.05, 2.6, 1.8)
CELL_PAD_IN = 0.06
ROW_PAD_IN = 0.055
PICTURE_MAX_HEIGHT_IN = 1.6
ENGLISH_PT, TRANSLATION_PT = 9.0, 10.5
#: At most this many pages, the sign-off included: when the rows need more, the texts and the
#: pictures are set at the next of these fractions of their size.
MOST_PAGES = 20
FITS = (1.0, 0.92, 0.85, 0.78)

INK = QColor(DEFAULT.text)
MUTED = QColor(DEFAULT.muted)
RULE = QColor(DEFAULT.border)
SHADE = QColor(PAPER_SHADE)  # words the kiosk fills in, the table's heading
MISSING = QColor(PAPER_ALERT)
PAPER = QColor(DEFAULT.surface)


def inch(value: float) -> float:
    return value * RESOLUTION


@dataclass(frozen=True)
class Row:
    """One text of the packet, ready to lay out."""

    number: int
    fact_id: str
    field: str
    english: list[tuple[str, bool]]  # (piece, filled in by the kiosk)
    translation: list[tuple[str, bool]] | None  # None: the catalog has none
    notes: list[str]  # where it is shown, and what it is
    picture: Picture | None
    changed: bool = False  # changed since the last review


@dataclass(frozen=True)
class _Cells:
    """One row, measured: its documents, its picture's size on paper, its height."""

    row: Row
    number: QTextDocument
    field: QTextDocument
    note: QTextDocument
    english: QTextDocument
    translation: QTextDocument
    picture: QSizeF
    height: float


class PacketTooLong(RuntimeError):
    """The texts do not fit on MOST_PAGES pages even at the smallest size."""


@dataclass(frozen=True)
class Packet:
    code: str
    digest: str  # the catalog's, printed on every page
    texts: int  # how many catalog entries the digest covers
    made_on: str
    rows: list[Row]
    read_every_text: str  # the sign-off statement in the language
    review_note: str = ""  # e.g. the status, when a review is recorded


class _Writer:
    def __init__(self, packet: Packet) -> None:
        self.packet = packet
        self.buffer = QBuffer()
        self.buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.device = QPdfWriter(self.buffer)
        self.device.setResolution(RESOLUTION)
        margin = MARGIN_IN * 25.4
        self.device.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.Letter),
                QPageLayout.Orientation.Portrait,
                QMarginsF(margin, margin, margin, margin),
                QPageLayout.Unit.Millimeter,
            )
        )
        language = LANGUAGES[packet.code]
        self.device.setTitle(f"Review packet: {language.english_name} ({packet.code})")
        self.device.setCreator("visitor-kiosk")
        area = self.device.pageLayout().paintRectPixels(RESOLUTION)
        self.width, self.height = float(area.width()), float(area.height())
        self.rtl = language.is_rtl

    # -- text ----------------------------------------------------------------------------------
    def doc(
        self,
        pieces: list[tuple[str, bool]],
        width: float,
        *,
        code: str = "en",
        points: float = ENGLISH_PT,
        bold: bool = False,
        ink: QColor = INK,
        anywhere: bool = False,
        centered: bool = False,
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDocumentMargin(0)
        font = QFont(font_for(code))
        font.setPointSizeF(points)
        if not LANGUAGES[code].is_rtl:
            # As on the handout: Latin ligatures would hide "fi" from a search of the PDF.
            font.setFeature(QFont.Tag("liga"), 0)
        doc.setDefaultFont(font)
        rtl = LANGUAGES[code].is_rtl
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        option = QTextOption()
        option.setTextDirection(direction)
        option.setWrapMode(
            QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
            if anywhere or code == "km"
            else QTextOption.WrapMode.WordWrap
        )
        doc.setDefaultTextOption(option)
        doc.setTextWidth(width)
        cursor = QTextCursor(doc)
        block = QTextBlockFormat()
        block.setLayoutDirection(direction)
        if centered:
            block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        cursor.setBlockFormat(block)
        for text, filled in pieces:
            chars = QTextCharFormat()
            chars.setForeground(ink)
            chars.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
            if filled:
                chars.setBackground(SHADE)
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    cursor.insertBlock(block)
                cursor.insertText(part, chars)
        return doc

    def plain(self, text: str, width: float, **options) -> QTextDocument:
        return self.doc([(text, False)], width, **options)

    # -- pages ---------------------------------------------------------------------------------
    def lay_out(self, fit: float) -> list[list[_Cells]]:
        """The rows, measured and put on pages (the first page starts with the introduction),
        with texts and pictures at ``fit`` times their size."""
        pages: list[list[_Cells]] = [[]]
        y = self._intro_height() + self._header_height()
        bottom = self.height - self._footer_height()
        for row in self.packet.rows:
            cells = self._cells(row, fit)
            if y + cells.height > bottom and pages[-1]:
                pages.append([])
                y = self._header_height()
            pages[-1].append(cells)
            y += cells.height
        return pages

    def _columns(self) -> list[float]:
        return [inch(w) for w in COLUMNS]

    def _cells(self, row: Row, fit: float) -> _Cells:
        c0, c1, c2, _c3 = self._columns()
        pad = inch(CELL_PAD_IN)
        number = self.doc(
            [(f"{row.number}  ", False), (row.fact_id, False)], c0 - 2 * pad, points=9.5, bold=True
        )
        field = self.plain(row.field, c0 - 2 * pad, points=6.5, ink=MUTED, anywhere=True)
        english = self.doc(row.english, c1 - 2 * pad, points=ENGLISH_PT * fit)
        if row.translation is None:
            translation = self.plain(
                "(no translation: the kiosk shows the English)", c2 - 2 * pad, ink=MISSING
            )
        else:
            translation = self.doc(
                row.translation,
                c2 - 2 * pad,
                code=self.packet.code,
                points=TRANSLATION_PT * fit,
            )
        changed = [("Changed since the last review.", True), (" ", False)] if row.changed else []
        note = self.doc(
            [*changed, (" ".join(row.notes), False)], c0 - 2 * pad, points=6.5, ink=MUTED
        )
        picture = self._picture_size(row.picture, c1 + c2 - 2 * pad, fit)
        left = number.size().height() + field.size().height() + pad + note.size().height()
        middle = max(english.size().height(), translation.size().height())
        if picture.height():
            middle += pad + picture.height()
        height = max(left, middle) + 2 * inch(ROW_PAD_IN)
        return _Cells(row, number, field, note, english, translation, picture, height)

    def _picture_size(self, picture: Picture | None, room: float, fit: float) -> QSizeF:
        if picture is None:
            return QSizeF(0, 0)
        if isinstance(picture, ScreenPicture):
            w = inch(picture.size.width() * picture.inches_per_pixel)
            h = inch(picture.size.height() * picture.inches_per_pixel)
        else:
            w = inch(picture.crop.width() / picture.resolution)
            h = inch(picture.crop.height() / picture.resolution)
        scale = min(fit, room / w, inch(PICTURE_MAX_HEIGHT_IN) / h)
        return QSizeF(w * scale, h * scale)

    def _intro_height(self) -> float:
        return sum(d.size().height() for d in self._intro_docs()) + inch(0.18)

    def _intro_docs(self) -> list[QTextDocument]:
        p = self.packet
        language = LANGUAGES[p.code]
        title = self.plain(
            f"Review packet: {language.english_name} ({p.code})", self.width, points=15, bold=True
        )
        native = self.plain(language.native_name, self.width, points=13, bold=True)
        lines = [
            "For a reader fluent in the language, at the visitor center. Each row is one text of "
            "the kiosk, in the order a visitor meets it: the English, the translation, and where "
            "the kiosk shows it, outlined in the picture. If a translation reads wrong, unclear or "
            "unnatural, write a better wording or what is wrong in the Corrections column. "
            "Shaded words are filled in by the kiosk (a month, a web address, a name): they are "
            "not part of the translation. Rows that share their English share one translation.",
            f"Made on {p.made_on} from the catalog with digest {p.digest} ({p.texts} texts). "
            "A translator turns the marked-up packet into catalog changes and records the "
            "sign-off: docs/translators.md.",
        ]
        if p.review_note:
            lines.append(f"Review status when made: {p.review_note}.")
        body = [self.plain(line, self.width, points=8.5) for line in lines]
        return [title, native, *body]

    def _header_docs(self) -> list[QTextDocument]:
        c0, c1, c2, c3 = self._columns()
        pad = inch(CELL_PAD_IN)
        native = LANGUAGES[self.packet.code].native_name
        names = ["No. / id", "English", f"Translation ({native})", "Corrections"]
        return [
            self.plain(name, width - 2 * pad, points=8.5, bold=True)
            for name, width in zip(names, (c0, c1, c2, c3), strict=True)
        ]

    def _header_height(self) -> float:
        return max(d.size().height() for d in self._header_docs()) + 2 * inch(CELL_PAD_IN)

    def _footer_height(self) -> float:
        return inch(0.3)

    # -- painting ------------------------------------------------------------------------------
    def paint(self) -> tuple[bytes, int]:
        """The PDF and its number of pages: the largest of FITS that keeps to MOST_PAGES."""
        for fit in FITS:
            pages = self.lay_out(fit)
            if len(pages) + 1 <= MOST_PAGES:
                break
        else:
            raise PacketTooLong(
                f"{self.packet.code}: the review packet needs {len(pages) + 1} pages, "
                f"more than {MOST_PAGES}"
            )
        total = len(pages) + 1  # and the sign-off page
        painter = QPainter(self.device)
        for index, rows in enumerate(pages):
            if index:
                self.device.newPage()
            y = 0.0
            if index == 0:
                for doc in self._intro_docs():
                    self._draw(painter, doc, 0, y)
                    y += doc.size().height()
                y += inch(0.18)
            y = self._paint_header(painter, y)
            for cells in rows:
                y = self._paint_row(painter, cells, y)
            self._paint_footer(painter, index + 1, total)
        self.device.newPage()
        self._paint_signoff(painter)
        self._paint_footer(painter, total, total)
        painter.end()
        self.buffer.close()
        return bytes(self.buffer.data().data()), total

    @staticmethod
    def _draw(painter: QPainter, doc: QTextDocument, x: float, y: float) -> None:
        painter.save()
        painter.translate(x, y)
        doc.drawContents(painter)
        painter.restore()

    def _x(self, column: int) -> float:
        """The left edge of a column."""
        return sum(self._columns()[:column])

    def _paint_header(self, painter: QPainter, y: float) -> float:
        pad = inch(CELL_PAD_IN)
        docs = self._header_docs()
        height = self._header_height()
        painter.fillRect(QRectF(0, y, self.width, height), SHADE)
        for column, doc in enumerate(docs):
            self._draw(painter, doc, self._x(column) + pad, y + pad)
        painter.setPen(QPen(RULE, inch(0.01)))
        painter.drawLine(QPointF(0, y + height), QPointF(self.width, y + height))
        return y + height

    def _paint_row(self, painter: QPainter, cells: _Cells, y: float) -> float:
        pad, row_pad = inch(CELL_PAD_IN), inch(ROW_PAD_IN)
        top = y + row_pad
        self._draw(painter, cells.number, pad, top)
        field_y = top + cells.number.size().height()
        self._draw(painter, cells.field, pad, field_y)
        self._draw(painter, cells.note, pad, field_y + cells.field.size().height() + pad)
        self._draw(painter, cells.english, self._x(1) + pad, top)
        self._draw(painter, cells.translation, self._x(2) + pad, top)
        texts = max(cells.english.size().height(), cells.translation.size().height())
        picture = cells.row.picture
        if picture is not None and cells.picture.height():
            target = QRectF(QPointF(self._x(1) + pad, top + texts + pad), cells.picture)
            paint_picture(painter, picture, target)
            painter.setPen(QPen(RULE, inch(0.006)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(target)
        # The corrections box, and the rule under the row.
        height = cells.height
        box = QRectF(self._x(3) + pad, top, self._columns()[3] - 2 * pad, height - 2 * row_pad)
        painter.setPen(QPen(RULE, inch(0.008)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box)
        painter.setPen(QPen(RULE, inch(0.006)))
        painter.drawLine(QPointF(0, y + height), QPointF(self.width, y + height))
        return y + height

    def _paint_footer(self, painter: QPainter, page: int, total: int) -> None:
        p = self.packet
        name = LANGUAGES[p.code].english_name
        digest = p.digest[:23]
        text = f"Review packet, {name} ({p.code})  ·  catalog {digest}…  ·  page {page} of {total}"
        doc = self.plain(text, self.width, points=7.5, ink=MUTED)
        self._draw(painter, doc, 0, self.height - doc.size().height())

    def _paint_signoff(self, painter: QPainter) -> None:
        p = self.packet
        language = LANGUAGES[p.code]
        w = self.width
        y = 0.0
        for doc in (
            self.plain("Sign-off", w, points=16, bold=True),
            self.plain(
                f"Language: {language.english_name} ({p.code}), {language.native_name}",
                w,
                points=11,
            ),
            self.plain(f"Catalog digest: {p.digest} ({p.texts} texts)", w, points=8.5),
            self.plain(
                "The repository that holds the translations is public. The sign-off records "
                "your role and the date; it records your name only if you agree.",
                w,
                points=9,
                ink=MUTED,
            ),
        ):
            self._draw(painter, doc, 0, y)
            y += doc.size().height() + inch(0.12)
        y += inch(0.2)
        fields = [
            "Your role (for example: volunteer, fluent Khmer reader)",
            "Your name, only if you agree to it being published",
            "Date",
        ]
        if p.code != "km":
            fields[0] = f"Your role (for example: volunteer, fluent {language.english_name} reader)"
        for label in fields:
            doc = self.plain(label, w, points=10)
            self._draw(painter, doc, 0, y)
            y += doc.size().height() + inch(0.42)
            painter.setPen(QPen(INK, inch(0.01)))
            painter.drawLine(QPointF(0, y), QPointF(w, y))
            y += inch(0.25)
        y += inch(0.15)
        side = inch(0.22)
        for text, code in (
            ("I read every text in this packet.", "en"),
            (p.read_every_text, p.code),
        ):
            doc = self.plain(text, w - side - inch(0.2), code=code, points=12)
            painter.setPen(QPen(INK, inch(0.012)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            box_y = y + (doc.size().height() - side) / 2
            # The box where the sentence starts: on its right in a right-to-left language.
            rtl = LANGUAGES[code].is_rtl
            painter.drawRect(QRectF(w - side if rtl else 0, box_y, side, side))
            self._draw(painter, doc, 0 if rtl else side + inch(0.2), y)
            y += max(doc.size().height(), side) + inch(0.2)
        y += inch(0.3)
        for line in (
            "Corrections marked on pages: ______________________   (or: none)",
            "Please give this packet back to the staff member who asked you. Thank you.",
        ):
            doc = self.plain(line, w, points=10)
            self._draw(painter, doc, 0, y)
            y += doc.size().height() + inch(0.2)


def paint_picture(painter: QPainter, picture: Picture, target: QRectF) -> None:
    if isinstance(picture, ScreenPicture):
        painter.drawImage(target, picture.image)
        return
    _paint_handout_part(painter, picture, target)


def _paint_handout_part(painter: QPainter, picture: HandoutPicture, target: QRectF) -> None:
    """The paragraph alone, as the handout draws it, outlined; the page's white around it."""
    crop = picture.crop
    scale = target.width() / crop.width()
    painter.save()
    painter.setClipRect(target)
    painter.fillRect(target, PAPER)
    painter.translate(target.topLeft())
    painter.scale(scale, scale)
    painter.translate(-crop.topLeft())
    picture.block.layout().draw(painter, QPointF(0, 0))
    painter.setPen(QPen(OUTLINE, OUTLINE_PX * picture.resolution / 150))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    margin = picture.resolution * 0.03
    outline = crop.adjusted(margin, margin, -margin, -margin)
    painter.drawRoundedRect(outline, margin, margin)
    painter.restore()


def packet_pdf(packet: Packet) -> tuple[bytes, int]:
    """The packet as a PDF, in memory, and its number of pages."""
    return _Writer(packet).paint()
