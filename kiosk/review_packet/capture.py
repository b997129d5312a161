"""Pictures for the review packet: each text where the kiosk shows it, in the reviewed language.

The kiosk's own window is driven through its pages and states (as `kiosk screens` does, plus
the states that show the read-aloud controls, the print messages and each plural form of the
countdown), then the help-desk view's common questions. In each state, a text is found as the
label whose text is the rendered translation, and the part of the screen around that label is
drawn into a picture with the label outlined. Texts only the handout has are cut from the
handout's page, drawn as the handout draws it (kiosk/handout/render.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from PySide6.QtCore import QBuffer, QObject, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontInfo,
    QFontMetrics,
    QImage,
    QPainter,
    QPdfWriter,
    QPen,
    QRegion,
    QTextBlock,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QStyle, QWidget

from kiosk.core.content import ContentPack
from kiosk.core.i18n import Translator, Translators
from kiosk.core.rollout import Phase
from kiosk.core.settings import Settings
from kiosk.handout.content import Handout
from kiosk.handout.render import lay_out_handout, page_layout
from kiosk.print_queue import JobState, PrintError
from kiosk.review_packet.texts import PacketText
from kiosk.ui import print_job
from kiosk.ui.helpdesk.window import HelpDeskWindow
from kiosk.ui.pages.done import DonePage
from kiosk.ui.print_job import HandoutPrinter
from kiosk.ui.screens import states
from kiosk.ui.speech.controller import SpeechState
from kiosk.ui.theme import PAPER_OUTLINE
from kiosk.ui.widgets.touch_button import TouchButton
from kiosk.ui.window import KioskWindow

#: The kiosk's screen for the pictures: a common kiosk monitor. Its text is large for its width,
#: so a picture cut from it keeps its text readable on paper.
SCREEN = (1280, 1024)
HELP_DESK = (2400, 1200)  # each half as wide as the kiosk's page, so its text is as large
#: How big a kiosk pixel prints at most, and the largest its text prints (in points): a big
#: heading is shrunk to that, so that it does not fill half a page.
KIOSK_PIXELS_PER_INCH = 215
LARGEST_TEXT_PT = 11.5
#: Picture pixels per inch of paper at that size: it prints sharp (2 picture pixels per kiosk
#: pixel at most).
PICTURE_PPI, SHARPEST = 300, 2.0
HANDOUT_RESOLUTION = 1200  # as the handout's own PDF
#: Room around the outlined text, in kiosk pixels.
PAD_X, PAD_Y = 18, 9
OUTLINE = QColor(PAPER_OUTLINE)
OUTLINE_PX = 3

#: Where on the kiosk each page is, for a reviewer.
PLACES = {
    "welcome": "Welcome screen",
    "language": "Language screen",
    "changes": "Step 1, What is changing",
    "account": "Step 2, Do you need an account?",
    "setup": "Step 3, Set up your account",
    "unknowns": "Step 4, What we do not know yet",
    "done": "Step 5, What to do next",
}
STATES = {
    "language-menu": "with the Language menu open",
    "phone": "after tapping Phone calls",
    "all": "after tapping all three services",
    "not-sure": "after tapping I'm not sure",
    "have-account": "after tapping I already have an account",
    "still-there": 'the "Still there?" message after a pause',
    "reading": "while the kiosk reads aloud",
    "no-voice": "after tapping Read aloud where no voice is installed",
    "printing": "after tapping Print",
    "print-failed": "when the printer fails",
}


@dataclass(frozen=True)
class ScreenPicture:
    """Part of a kiosk screen, and how large to print it."""

    image: QImage
    size: QSize  # in kiosk pixels
    inches_per_pixel: float  # the most a kiosk pixel may take on paper


@dataclass(frozen=True)
class HandoutPicture:
    """One paragraph of the handout's page, drawn from the handout's own layout (as vectors)."""

    document: QTextDocument  # the page's body or footer, which the block belongs to
    block: QTextBlock
    crop: QRectF  # around the paragraph, in the document, in the layout's device pixels
    resolution: int  # the layout's device pixels per inch
    device: QPdfWriter  # what the document was laid out for: kept while the picture is


Picture = ScreenPicture | HandoutPicture


@dataclass(frozen=True)
class Shot:
    picture: Picture | None
    where: str


@dataclass(frozen=True)
class Pass:
    """One run of the kiosk: its settings and day decide the rollout's wording."""

    settings: Settings
    today: dt.date
    phase: Phase


State = tuple[str, str, Callable[[KioskWindow], None] | None]


# -- finding a text on the screen -------------------------------------------------------------
def visible_labels(root: QWidget) -> list[QLabel]:
    return [
        label
        for label in root.findChildren(QLabel)
        if label.isVisibleTo(root) and label.text() and label.width() > 0
    ]


def find_label(labels: list[QLabel], text: str, *, inside: bool = False) -> QLabel | None:
    """The label showing exactly ``text``; else one showing it with only numbers or signs added
    ("Text size 100%", "Volume +"); with ``inside``, any label that shows it in its text."""
    for label in labels:
        if label.text() == text:
            return label
    for label in labels:
        rest = label.text().replace(text, "", 1)
        if text in label.text() and (inside or not any(ch.isalpha() for ch in rest)):
            return label
    return None


def _crop_source(widget: QWidget, top: QWidget) -> QWidget:
    """What to draw the picture from: the scrolled content the widget is in (so text below the
    fold is drawn too), else the whole window."""
    w: QWidget | None = widget
    while w is not None and w is not top:
        parent = w.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        if isinstance(area, QScrollArea) and area.widget() is w:
            return w
        w = parent
    return top


def _text_rect(label: QLabel) -> QRect:
    """Where the label's text is, in the label (a wide label with a short text: just the text)."""
    inner = label.contentsRect()
    flags = QStyle.visualAlignment(label.layoutDirection(), label.alignment())
    if label.wordWrap():
        flags |= Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value)
    box = QFontMetrics(label.font()).boundingRect(inner, int(flags), label.text())
    return box.intersected(inner) if box.isValid() else inner


def screen_picture(label: QLabel, top: QWidget) -> ScreenPicture:
    """The part of the screen around the label, the label (or its button) outlined."""
    parent = label.parentWidget()
    button = parent if isinstance(parent, TouchButton) else None
    source = _crop_source(button or label, top)
    if button is not None:
        target = QRect(button.mapTo(source, QPoint(0, 0)), button.size())
    else:
        text = _text_rect(label)
        target = text.translated(label.mapTo(source, QPoint(0, 0)))
    crop = target.adjusted(-PAD_X, -PAD_Y, PAD_X, PAD_Y).intersected(source.rect())
    text_px = max(1, QFontInfo(label.font()).pixelSize())
    inches = min(1 / KIOSK_PIXELS_PER_INCH, LARGEST_TEXT_PT / 72 / text_px)
    sharpness = max(1.0, min(SHARPEST, PICTURE_PPI * inches))
    image = QImage(
        round(crop.width() * sharpness),
        round(crop.height() * sharpness),
        QImage.Format.Format_RGB32,
    )
    image.setDevicePixelRatio(sharpness)
    image.fill(source.palette().window().color())
    source.render(image, QPoint(0, 0), QRegion(crop))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(OUTLINE, OUTLINE_PX))
    # Around the text, clear of its letters (a button's own border is its edge).
    room_x, room_y = (OUTLINE_PX, OUTLINE_PX) if button is not None else (9, 3)
    outline = target.translated(-crop.topLeft()).adjusted(-room_x, -room_y, room_x, room_y)
    painter.drawRoundedRect(QRectF(outline), 6, 6)
    painter.end()
    return ScreenPicture(image, crop.size(), inches)


# -- the kiosk's states -------------------------------------------------------------------------
class _Speaking(QObject):
    """Read aloud as it is while it speaks, so that the bar shows Pause, Repeat and Volume."""

    state_changed = Signal(str)

    @property
    def state(self) -> SpeechState:
        return SpeechState.SPEAKING

    def availability(self, code: str) -> str | None:
        return None

    def read(self, texts: list[str], code: str) -> None: ...
    def on_view(self, page: str, code: str) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def repeat(self) -> None: ...
    def stop(self) -> None: ...
    def reset(self) -> None: ...
    def volume_down(self) -> None: ...
    def volume_up(self) -> None: ...


class _Queue:
    """A print system that takes every job and never finishes it, or refuses every job."""

    def __init__(self, refuse: bool) -> None:
        self.refuse = refuse

    def submit(self, printer: str, pdf: bytes, paper_size: str) -> str:
        if self.refuse:
            raise PrintError("the review packet's stand-in printer refuses every job")
        return "1"

    def state(self, printer: str, job_id: str) -> JobState:
        return JobState.PENDING

    def cancel(self, job_id: str) -> None:
        return None


def _print(refuse: bool) -> Callable[[KioskWindow], None]:
    def setup(window: KioskWindow) -> None:
        page = window.pages["done"]
        assert isinstance(page, DonePage)
        page.printer = HandoutPrinter(service=_Queue(refuse), poll_ms=3_600_000, parent=window)
        jobs = logging.getLogger(print_job.__name__)
        was, jobs.disabled = jobs.disabled, True  # the stand-in's refusal is no news
        try:
            page.print_button.click()
        finally:
            jobs.disabled = was

    return setup


def _reading(window: KioskWindow) -> None:
    window.read_aloud = _Speaking(window)
    window.render_state()


def _no_voice(window: KioskWindow) -> None:
    """The note the bar shows only when Read aloud is tapped with no voice to read with."""
    window.read_aloud = None
    window.render_state()
    window.chrome.bar.read.click()


def _countdown(seconds: int) -> Callable[[KioskWindow], None]:
    def setup(window: KioskWindow) -> None:
        window.session.go_to("setup")
        window.chrome.idle_overlay.open(window.context(), seconds)

    return setup


def packet_states(counts: list[int]) -> Iterator[State]:
    """`kiosk screens`' states, and those that show the texts they do not: each plural form of
    the countdown (``counts``), the read-aloud controls, and the print messages."""
    for page, state, setup in states():
        yield page, state, setup
        if (page, state) == ("changes", ""):
            yield page, "reading", _reading
            yield page, "no-voice", _no_voice
        if (page, state) == ("setup", "still-there"):
            for seconds in counts:
                yield page, "still-there", _countdown(seconds)
        if (page, state) == ("done", "phone"):
            yield page, "not-sure", lambda w: w.session.toggle_not_sure()
            yield page, "print-failed", _print(refuse=True)
            yield page, "printing", _print(refuse=False)


def _part(label: QLabel, window: KioskWindow) -> str:
    """Which part of the window a label is in, when it is not the page itself."""
    if window.chrome_built:
        chrome = window.chrome
        for widget, name in ((chrome.bar, "bottom bar"), (chrome.header, "top of the screen")):
            if widget.isAncestorOf(label):
                return name
    return ""


def kiosk_shots(
    pack: ContentPack,
    code: str,
    run: Pass,
    lines: list[PacketText],
    translators: Translators,
) -> list[tuple[PacketText, Shot]]:
    """Find each line on the kiosk's screens in this run; the lines found, in the order a
    visitor meets them, with their pictures. Each line found gets the values it was shown
    with."""
    window = KioskWindow(pack, run.settings, translators, kiosk_mode=False, today=lambda: run.today)
    window.resize(*SCREEN)
    window.show()
    found: list[tuple[PacketText, Shot]] = []
    try:
        window.session.set_language(code)
        ctx = window.context()
        values: dict[str, object] = dict(ctx.values())
        english: dict[str, object] = dict(ctx.for_language("en").values())
        wanted = {line.key: (line, line.shown(ctx.tr, values)) for line in lines}
        counts = sorted({line.count for line in lines if line.count is not None})
        for page, state, setup in packet_states(counts):
            if not wanted:
                break
            window.read_aloud = None
            window.session.start_over()
            window.session.set_language(code)
            window.session.go_to(page)
            if setup is not None:
                setup(window)
            QApplication.processEvents()
            labels = visible_labels(window)
            for key, (line, text) in list(wanted.items()):
                label = find_label(labels, text, inside=line.inside)
                if label is None:
                    continue
                del wanted[key]
                place = ", ".join(p for p in (PLACES[page], STATES.get(state, "")) if p)
                part = _part(label, window)
                where = f"{place} ({part})" if part else place
                found.append(
                    (
                        replace(line, where=where, values=values, english_values=english),
                        Shot(screen_picture(label, window), where),
                    )
                )
            window.chrome.overlay.hide()
            window.chrome.idle_overlay.hide()
    finally:
        window.read_aloud = None
        window.close()
        window.deleteLater()
    return found


def help_desk_shots(
    pack: ContentPack,
    code: str,
    run: Pass,
    lines: list[PacketText],
    translators: Translators,
) -> list[tuple[PacketText, Shot]]:
    """Find each line on the help-desk view's common questions, in the visitor's half."""
    window = HelpDeskWindow(pack, run.settings, translators, today=lambda: run.today)
    window.resize(*HELP_DESK)
    window.show()
    found: list[tuple[PacketText, Shot]] = []
    try:
        window.set_language("visitor", code)
        window.show_view("questions")
        QApplication.processEvents()
        half = window.halves["visitor"]
        ctx = window.context(code, window.half_metrics())
        values: dict[str, object] = dict(ctx.values())
        english: dict[str, object] = dict(ctx.for_language("en").values())
        labels = visible_labels(half)
        where = "Help-desk view (kiosk --helper), the common questions, visitor's half"
        for line in lines:
            label = find_label(labels, line.shown(ctx.tr, values))
            if label is not None:
                shot = Shot(screen_picture(label, half), where)
                line = replace(line, where=where, values=values, english_values=english)
                found.append((line, shot))
    finally:
        window.close()
        window.deleteLater()
    return found


# -- the handout -----------------------------------------------------------------------------
def handout_shots(
    handout: Handout, lines: list[PacketText], tr: Translator
) -> list[tuple[PacketText, Shot]]:
    """Find each line on the handout's page (each line with the values it is shown with)."""
    # Only for the layout, as the handout's PDF lays it out: nothing is painted on it.
    buffer = QBuffer()
    writer = QPdfWriter(buffer)
    buffer.setParent(writer)  # lives as long as the writer
    writer.setResolution(HANDOUT_RESOLUTION)
    writer.setPageLayout(page_layout(handout.paper_size))
    body, footer, _size = lay_out_handout(writer, handout)
    pad = HANDOUT_RESOLUTION * 0.1
    found: list[tuple[PacketText, Shot]] = []
    where = "Take-home handout (printed, or saved as PDF at the help desk)"
    for line in lines:
        text = line.shown(tr, line.values)
        for doc in (body, footer):
            cursor = doc.find(text)
            if cursor.isNull():
                continue
            block = cursor.block()
            layout = block.layout()
            area = QRectF()
            for i in range(layout.lineCount()):
                area = area.united(layout.lineAt(i).naturalTextRect())
            area.translate(layout.position())
            crop = area.adjusted(-pad, -pad, pad, pad)
            picture = HandoutPicture(doc, block, crop, HANDOUT_RESOLUTION, writer)
            found.append((replace(line, where=where), Shot(picture, where)))
            break
    return found
