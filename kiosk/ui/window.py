"""The kiosk's window: step header, the pages in a stack, and the fixed bottom bar.

The window owns the visitor's session and re-renders when it changes. Language, direction and
fonts are set on this view only (the help-desk view shows two languages at once).

Before the first frame only Welcome is built: the rest of the window (the step header, the
bottom bar, the overlays, the idle watch and the staff gesture, none of them on Welcome) is built
by the first job after that frame, or at once by whatever uses one of them first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.content import ContentPack
from kiosk.core.exit_codes import ADMIN_EXIT_CODE
from kiosk.core.i18n import Translators
from kiosk.core.session import PAGES, TOTAL_STEPS, VisitorSession
from kiosk.core.settings import Settings
from kiosk.core.usage_recorder import Counts, SessionRecorder
from kiosk.ui.app import use_window_colour
from kiosk.ui.context import ViewContext
from kiosk.ui.fonts import font_for
from kiosk.ui.later import AfterPaint
from kiosk.ui.pages.base import Page, ScrollingPage
from kiosk.ui.pages.welcome import WelcomePage
from kiosk.ui.qt_strings import use_qt_strings
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, Metrics, stylesheet

WINDOW_TITLE = "Visitor kiosk"


def _default_admin_services() -> AdminServices:
    from kiosk.ui.admin.services import AdminServices

    return AdminServices()


if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

    from kiosk.core.pin import PinStore
    from kiosk.ui.admin.gesture import CornerTaps
    from kiosk.ui.admin.pin_pad import PinPad
    from kiosk.ui.admin.screen import AdminScreen
    from kiosk.ui.admin.services import AdminServices
    from kiosk.ui.idle import IdleTiming, IdleWatch
    from kiosk.ui.input_watch import InputWatch
    from kiosk.ui.widgets.bottom_bar import BottomBar
    from kiosk.ui.widgets.idle_overlay import IdleOverlay
    from kiosk.ui.widgets.language_overlay import LanguageOverlay
    from kiosk.ui.widgets.step_indicator import StepMarkers

#: The parts of the window built after the first frame (see the module's docstring).
CHROME = frozenset(
    {"header", "markers", "step_label", "bar", "overlay", "idle", "idle_overlay"}
    | {"corner_taps", "input_watch"}
)


class LazyPages(Mapping[str, Page]):
    """The wizard's pages by id, each built (and added to the stack) on first access."""

    def __init__(self, make: Callable[[str], Page], stack: QStackedWidget) -> None:
        self._make, self._stack = make, stack
        self._built: dict[str, Page] = {}

    def __getitem__(self, page_id: str) -> Page:
        if page_id not in self._built:
            if page_id not in PAGES:
                raise KeyError(page_id)
            page = self._make(page_id)
            self._built[page_id] = page
            self._stack.addWidget(page)
        return self._built[page_id]

    def __iter__(self) -> Iterator[str]:
        return iter(PAGES)

    def __len__(self) -> int:
        return len(PAGES)

    def built_ids(self) -> list[str]:
        return list(self._built)


class ReadAloudLike(Protocol):
    """The read-aloud controller (kiosk.ui.speech.controller.ReadAloud), as the window uses it."""

    state: str
    state_changed: SignalInstance

    def availability(self, code: str) -> str | None: ...
    def read(self, texts: list[str], code: str) -> None: ...
    def on_view(self, page: str, code: str) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def repeat(self) -> None: ...
    def stop(self) -> None: ...
    def reset(self) -> None: ...
    def volume_down(self) -> None: ...
    def volume_up(self) -> None: ...


class KioskWindow(QWidget):
    rendered = Signal(str)  # page id, after every render

    # The chrome, built by _build_chrome (after the first frame, or on first use)
    header: QWidget
    markers: StepMarkers
    step_label: QLabel
    bar: BottomBar
    overlay: LanguageOverlay
    idle: IdleWatch
    idle_overlay: IdleOverlay
    corner_taps: CornerTaps
    input_watch: InputWatch

    def __init__(
        self,
        pack: ContentPack,
        settings: Settings,
        translators: Translators | None = None,
        kiosk_mode: bool = True,
        timing: IdleTiming | None = None,
        usage: Counts | None = None,
        pins: PinStore | None = None,
        admin_services: AdminServices | None = None,
        read_aloud: ReadAloudLike | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__()
        self.setObjectName("KioskRoot")
        self.setAutoFillBackground(True)  # in the theme's Window colour: see use_window_colour
        self.pack, self.settings = pack, settings
        self.translators = translators or Translators()
        self.kiosk_mode = kiosk_mode
        self.today = today  # the clock the texts are worded by (the rollout's phase)
        self.session = VisitorSession(
            pack,
            settings.default_language,
            default_text_size=settings["text_size"],
            default_high_contrast=settings["theme"] == "high_contrast",
        )
        self.read_aloud = read_aloud
        self._timing = timing
        self._style_key: tuple[object, ...] = ()
        self._dressed: dict[QWidget, tuple[str, int]] = {}
        self._last_page = ""
        self._last_language = ""
        self._qt_language = ""
        self._chrome_built = False

        self.stack = QStackedWidget()
        # Welcome is built now; each other page when first needed (a visitor's first Start):
        # building and styling all seven before the first frame made the kiosk start slower.
        self.pages = LazyPages(self._make_page, self.stack)
        self.pages["welcome"]  # built now, on access
        # After the first frame, the rest are built one per turn of the event loop, so that no
        # visitor waits for one and no touch waits more than one page's building.
        self.builder = AfterPaint(self)
        self.builder.add(self._first_frame_painted)  # builds the chrome, then watches input
        self._first_frame_done = False
        self._watching_input = False
        for page_id in PAGES:
            self.builder.add(lambda page_id=page_id: self.pages[page_id].ensurePolished())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        self._layout = layout
        self.recorder = SessionRecorder(self.session, usage) if usage is not None else None

        # Staff: five taps in the top-left corner, then the PIN, then the admin screen.
        self.pins = pins
        self._pin_pad: PinPad | None = None  # built on first use, like the admin screen
        self.admin_services = admin_services or _default_admin_services()
        self._admin: AdminScreen | None = None  # built on first use: it is big

        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        self.allow_close = False
        self.session.changed.connect(self.render)
        self.setWindowTitle(WINDOW_TITLE)

    def __getattr__(self, name: str) -> object:
        """Only for names not (yet) set: a part of the chrome used before the first frame
        built it is built now."""
        if name in CHROME and not self.__dict__.get("_chrome_built", True):
            self._build_chrome()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _build_chrome(self) -> None:
        """The step header, bottom bar, overlays, idle watch, staff gesture and input watch.
        Built before the first frame they cost it about 15 ms (imports and widgets) that no
        visitor sees: Welcome shows none of them."""
        from kiosk.ui.admin.gesture import CornerTaps
        from kiosk.ui.idle import IdleTiming, IdleWatch
        from kiosk.ui.input_watch import InputWatch
        from kiosk.ui.lockdown import Lockdown
        from kiosk.ui.widgets.bottom_bar import BottomBar
        from kiosk.ui.widgets.idle_overlay import IdleOverlay
        from kiosk.ui.widgets.labels import make_label
        from kiosk.ui.widgets.language_overlay import LanguageOverlay
        from kiosk.ui.widgets.step_indicator import StepMarkers

        self._chrome_built = True
        self.markers = StepMarkers(TOTAL_STEPS)
        self.step_label = make_label("small")
        self.step_label.setObjectName("StepLabel")
        self.step_label.setWordWrap(False)
        self.header = QWidget()
        self.header.hide()  # shown by the render of a page with a step
        header = QHBoxLayout(self.header)
        header.addWidget(self.markers)
        header.addWidget(self.step_label)
        header.addStretch(1)
        self._header_layout = header

        self.bar = BottomBar()
        self.bar.hide()
        self.bar.back_clicked.connect(self.session.go_back)
        self.bar.next_clicked.connect(self.session.go_next)
        self.bar.start_over_clicked.connect(self.start_over)
        self.bar.language_clicked.connect(self.show_language_overlay)
        self.bar.text_size_clicked.connect(self.session.next_text_size)
        self.bar.contrast_clicked.connect(self.session.toggle_high_contrast)
        self.bar.read_clicked.connect(self.read_or_pause)
        self.bar.repeat_clicked.connect(lambda: self.read_aloud and self.read_aloud.repeat())
        self.bar.volume_down_clicked.connect(
            lambda: self.read_aloud and self.read_aloud.volume_down()
        )
        self.bar.volume_up_clicked.connect(lambda: self.read_aloud and self.read_aloud.volume_up())
        if self.read_aloud is not None:
            self.read_aloud.state_changed.connect(lambda *_: self._render_bar())
        self._layout.insertWidget(0, self.header)
        self._layout.addWidget(self.bar)

        self.overlay = LanguageOverlay(self)
        self.overlay.chosen.connect(self._language_chosen_on_overlay)
        self.overlay.hide()

        self.idle = IdleWatch(self._timing or IdleTiming.from_settings(self.settings), self)
        self.idle_overlay = IdleOverlay(self)
        self.idle.warning_started.connect(self._idle_warning)
        self.idle.tick.connect(
            lambda seconds: self.idle_overlay.set_seconds(self.context(), seconds)
        )
        self.idle.expired.connect(self._idle_expired)
        self.idle_overlay.stay.connect(self._idle_stay)

        self.corner_taps = CornerTaps(self)
        self.corner_taps.triggered.connect(self.open_pin_pad)
        # Installed while shown only: a closed window must not keep filtering the app's events.
        self.input_watch = InputWatch(
            self.idle, self.corner_taps, Lockdown(self) if self.kiosk_mode else None, self
        )
        for overlay in (self.overlay, self.idle_overlay):
            overlay.setGeometry(self.rect())

    def _make_page(self, page_id: str) -> Page:
        """One page, its module imported only now: Welcome is built before the first frame, and
        importing every page's module (and their widgets) with it cost that frame about 8 ms.
        (Plain imports in each branch, so PyInstaller still finds them.)"""
        if page_id == "welcome":
            welcome = WelcomePage()
            welcome.start.connect(self.session.go_next)
            return welcome
        if page_id == "language":
            from kiosk.ui.pages.language import LanguagePage

            picker = LanguagePage()
            picker.chosen.connect(self._language_chosen_on_picker)
            return picker
        if page_id == "changes":
            from kiosk.ui.pages.changes import ChangesPage

            return ChangesPage()
        if page_id == "account":
            from kiosk.ui.pages.account import AccountPage

            return AccountPage(self.session)
        if page_id == "setup":
            from kiosk.ui.pages.setup import SetupPage

            return SetupPage(self.session)
        if page_id == "unknowns":
            from kiosk.ui.pages.unknowns import UnknownsPage

            return UnknownsPage()
        if page_id == "done":
            from kiosk.ui.pages.done import DonePage

            return DonePage(self.session)
        raise KeyError(page_id)

    # -- what the visitor did -------------------------------------------------------------------
    def _language_chosen_on_picker(self, code: str) -> None:
        self.session.set_language(code)
        self.session.go_next()

    def _language_chosen_on_overlay(self, code: str) -> None:
        self.overlay.hide()
        self.session.set_language(code)  # re-renders the page in place; choices are kept

    def show_language_overlay(self) -> None:
        ctx = self.context()
        self._dress(self.overlay, ctx)
        self.overlay.open(ctx)

    @property
    def admin(self) -> AdminScreen:
        if self._admin is None:
            from kiosk.ui.admin.screen import AdminScreen  # big: imported and built on first use

            self._admin = AdminScreen(self.admin_services, self)
            self._admin.settings_saved.connect(self.apply_settings)
            self._admin.content_loaded.connect(self.apply_pack)
            self._admin.exit_requested.connect(self.exit_kiosk)
        return self._admin

    @property
    def pin_pad(self) -> PinPad:
        if self._pin_pad is None:
            from kiosk.core.pin import PinStore
            from kiosk.ui.admin.pin_pad import PinPad

            self._pin_pad = PinPad(self.pins or PinStore(), self)
            self._pin_pad.hide()
            self._pin_pad.setGeometry(self.rect())
            self._pin_pad.accepted.connect(lambda: self.admin.open(self.context(), self.settings))
        return self._pin_pad

    def overlays(self) -> list[QWidget]:
        """The overlays built so far."""
        built = [o for o in (self._pin_pad, self._admin) if o is not None]
        if not self._chrome_built:
            return built
        return [self.overlay, self.idle_overlay, *built]

    # -- staff ---------------------------------------------------------------------------------
    def open_pin_pad(self) -> None:
        """Until a PIN is set (kiosk set-pin) the gesture does nothing."""
        admin_open = self._admin is not None and self._admin.isVisible()
        if self.pins is not None and self.pins.is_set() and not admin_open:
            self.pin_pad.open(self.context())

    def apply_settings(self, settings: Settings) -> None:
        """New settings from the admin screen, in force at once; the visitor's page is kept."""
        self.settings = settings
        self.session.default_language = settings.default_language
        from kiosk.ui.idle import IdleTiming

        self.idle.set_timing(IdleTiming.from_settings(settings))
        self._style_key = ()
        self._dressed.clear()
        self.render()

    def apply_pack(self, pack: ContentPack) -> None:
        self.pack = pack
        self.session.pack = pack
        self.render()

    def recover(self) -> None:
        """After an unexpected error: back to a clean Welcome instead of dying."""
        for overlay in self.overlays():
            overlay.hide()
        self.start_over()

    def start_over(self) -> None:
        """A clean start for the next visitor: speech stopped, volume back to its default."""
        if self.read_aloud is not None:
            self.read_aloud.reset()
        self.session.start_over()

    # -- idle ---------------------------------------------------------------------------------
    def _idle_warning(self, seconds: int) -> None:
        ctx = self.context()
        self._dress(self.idle_overlay, ctx)
        self.idle_overlay.open(ctx, seconds)

    def _idle_stay(self) -> None:
        self.idle_overlay.hide()
        self.idle.keep_going()

    def _idle_expired(self) -> None:
        """Nobody answered: a clean Welcome for the next visitor."""
        for overlay in self.overlays():
            overlay.hide()
        if self.recorder is not None:
            self.recorder.ended_by_idle()
        self.start_over()

    # -- rendering ---------------------------------------------------------------------------------
    def context(self) -> ViewContext:
        size = self.size()
        return ViewContext(
            pack=self.pack,
            settings=self.settings,
            tr=self.translators[self.session.language],
            metrics=Metrics.for_screen(size.width(), size.height(), self.session.text_size),
            palette=HIGH_CONTRAST if self.session.high_contrast else DEFAULT,
            translators=self.translators,
            today=self.today(),
        )

    def render(self) -> None:
        ctx = self.context()
        session = self.session
        # Qt's own strings follow the kiosk's default language, not each visitor's switch: none
        # shows on a visitor's screen, and changing them sends every widget a language-change
        # event (about 10 ms of each switch, measured).
        if session.default_language != self._qt_language:
            use_qt_strings(session.default_language)
            self._qt_language = session.default_language
        style_key = (ctx.metrics, ctx.palette.name)
        if style_key != self._style_key:  # the stylesheet is costly to apply: sizes and colours
            use_window_colour(ctx.palette)
            self.setStyleSheet(stylesheet(ctx.palette, ctx.metrics))
            self._style_key = style_key
        page = self.pages[session.page]
        self._dress(page, ctx)
        page.render(ctx, session)
        if self.read_aloud is not None:
            # Speech belongs to the page and language it was for; a tap on the page keeps it.
            self.read_aloud.on_view(session.page, session.language)
        if session.page != self._last_page and isinstance(page, ScrollingPage):
            page.reset_scroll()
        self._last_page, self._last_language = session.page, session.language
        self.stack.setCurrentWidget(page)
        if self._chrome_built or session.page != "welcome":  # Welcome shows no chrome
            self._render_chrome(ctx)
        if not self._first_frame_done and self.isVisible():
            # What follows the first frame (the other pages, the input watch) starts once the
            # page now shown has been painted.
            self.builder.start(self._painted_part())
        self.rendered.emit(session.page)

    def _render_chrome(self, ctx: ViewContext) -> None:
        """The idle watch, step header, bottom bar and an open language overlay for the page
        shown."""
        from kiosk.ui.idle import IdleState

        session = self.session
        if session.page == "welcome":
            self.idle.stop()
        elif self.idle.state is IdleState.OFF:
            self.idle.start()
        step = session.step_number
        self.header.setVisible(step is not None)  # Welcome and the language picker: none
        if step is not None:
            self._dress(self.header, ctx)
            m = ctx.metrics
            self._header_layout.setContentsMargins(m.px(72), m.px(24), m.px(72), m.px(4))
            self._header_layout.setSpacing(m.px(28))
            self.markers.set_step(step)
            self.markers.apply_style(m, ctx.palette)
            label = ctx.t(self.pack.ui.step_of, number=step, total=TOTAL_STEPS)
            self.step_label.setText(label)
            self.markers.setAccessibleName(label)
        self._render_bar(ctx)
        if self.overlay.isVisible():
            self._dress(self.overlay, ctx)
            self.overlay.open(ctx)

    def _dress(self, part: QWidget, ctx: ViewContext) -> None:
        """The font and direction of ctx's language on one part of the window, if it lacks them.

        Only parts about to be seen are dressed (header, current page, bar, an opening overlay):
        set on the whole window, a language switch also re-polished every hidden page and the
        staff screens, and took twice as long (build/benchmark.py).
        """
        key = (ctx.tr.code, ctx.metrics.body)
        if self._dressed.get(part) == key:
            return
        font = font_for(ctx.tr.code)
        font.setPixelSize(ctx.metrics.body)
        part.setFont(font)
        part.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if ctx.tr.language.is_rtl
            else Qt.LayoutDirection.LeftToRight
        )
        self._dressed[part] = key

    def _render_bar(self, ctx: ViewContext | None = None) -> None:
        from kiosk.ui.widgets.bottom_bar import BarState

        ctx = ctx or self.context()
        session, speech = self.session, self.read_aloud
        self.bar.setVisible(session.page != "welcome")
        if session.page == "welcome":
            return  # hidden: rendered when a visitor starts
        self._dress(self.bar, ctx)
        self.bar.render(
            ctx,
            BarState(
                can_back=session.can_go_back,
                can_next=session.can_go_next,
                show_tools=session.page not in ("welcome", "language"),
                speech_state=speech.state if speech is not None else "idle",
                speech_unavailable=speech is None or speech.availability(ctx.tr.code) is not None,
                high_contrast=session.high_contrast,
                text_size=session.text_size,
            ),
        )

    # -- read aloud ------------------------------------------------------------------------------
    def read_or_pause(self) -> None:
        speech = self.read_aloud
        if speech is None:
            return
        if speech.state == "speaking":
            speech.pause()
        elif speech.state == "paused":
            speech.resume()
        else:
            speech.read(self.speech_texts(), self.session.language)
        self._render_bar()

    def speech_texts(self) -> list[str]:
        """What the page shows, in reading order: the step, the page, an open overlay."""
        from kiosk.ui.speech.page_text import speech_for

        if self._chrome_built:
            for overlay in (self.idle_overlay, self.overlay):
                if overlay.isVisible():
                    return speech_for(overlay)
        step = [self.step_label.text()] if self.header.isVisible() else []
        return step + speech_for(self.stack.currentWidget())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for overlay in self.overlays():
            overlay.setGeometry(self.rect())
        if self.isVisible():
            self.render()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.render()  # which also starts the builder, at the first show
        if self._first_frame_done:
            self._watch_input(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._watch_input(False)

    @property
    def first_frame_done(self) -> bool:
        """The first frame has been painted and input is watched (what tests wait for before
        they touch: a finger cannot touch a kiosk that is not on the screen yet)."""
        return self._first_frame_done

    def _painted_part(self) -> QWidget:
        """What is painted whenever the window shows: the current page's scrolling body."""
        return self.pages[self.session.page].scroll.widget()

    def _first_frame_painted(self) -> None:
        """The first job after the first frame: the chrome, then the input watch. The input
        watch is an application-wide Python filter: installed before the first frame, it had
        PySide make Python types for every kind of event and object of the start-up (about
        15 ms of the first frame, measured). Nobody can touch what is not yet on the screen."""
        if not self._chrome_built:
            self._build_chrome()
        self._first_frame_done = True
        self._watch_input(self.isVisible())

    def _watch_input(self, on: bool) -> None:
        if on != self._watching_input:
            app = QApplication.instance()
            if on:
                app.installEventFilter(self.input_watch)
            else:
                app.removeEventFilter(self.input_watch)
            self._watching_input = on

    # -- lockdown ----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_mode and not self.allow_close:
            event.ignore()  # Alt+F4 through the window manager, or anything else
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            getattr(self, "kiosk_mode", False)  # changeEvent also comes during __init__
            and event.type() == QEvent.Type.WindowStateChange
            and not self.isFullScreen()
            and not self.allow_close
        ):
            QTimer.singleShot(0, self.showFullScreen)  # minimised or restored: back it goes

    def exit_kiosk(self) -> None:
        """Staff leave through the admin screen: the service manager must not restart it."""
        self.allow_close = True
        self.close()
        QApplication.exit(ADMIN_EXIT_CODE)
