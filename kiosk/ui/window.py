"""The kiosk's window: step header, the pages in a stack, and the fixed bottom bar.

The window owns the visitor's session and re-renders when it changes. Language, direction and
fonts are set on this view only (the help-desk view shows two languages at once).

Before the first frame only Welcome is built. The chrome (kiosk/ui/chrome.py: the step header,
the bottom bar, the overlays, the idle watch and the staff gesture, none of them on Welcome) is
made by the first job after that frame, or at once by whatever asks for it first
(:attr:`KioskWindow.chrome`); the other pages follow, one per turn of the event loop.

Settings and content packs that arrive while the kiosk runs (the incoming folder:
kiosk/core/incoming.py, watched by kiosk/ui/incoming_watch.py) wait for the next Welcome
(:meth:`KioskWindow.receive_incoming`): a visitor never sees the kiosk change under their
fingers.

Operator data never leaves a dead kiosk: if the installed content pack or the settings make a
page fail, or the pack's translations break the rules in a language (kiosk/core/language_check.py:
the default language before the first frame, the others after it), the window falls back to the
bundled pack, then to the default settings, renders again, and reports it through
:meth:`KioskWindow.operator_data_failed`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.audit import AuditEvent, AuditLog
from kiosk.core.content import ContentPack, load_content
from kiosk.core.exit_codes import ADMIN_EXIT_CODE
from kiosk.core.fallback import Refusals
from kiosk.core.i18n import SOURCE_LANGUAGE, Translators
from kiosk.core.language_check import language_problems
from kiosk.core.logs import where_it_failed
from kiosk.core.pin import PinStore
from kiosk.core.session import PAGES, VisitorSession
from kiosk.core.settings import ALL_LANGUAGES, Settings
from kiosk.core.usage_recorder import Counts, SessionRecorder
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.app import use_window_colour
from kiosk.ui.context import ViewContext
from kiosk.ui.fonts import font_for, script_for, script_stylesheet
from kiosk.ui.later import AfterPaint
from kiosk.ui.pages.base import Page, ScrollingPage
from kiosk.ui.pages.welcome import WelcomePage
from kiosk.ui.qt_strings import use_qt_strings
from kiosk.ui.speech.controller import SpeechState
from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, Metrics, stylesheet

if TYPE_CHECKING:
    from kiosk.core.incoming import Outcome
    from kiosk.ui.admin.pin_pad import PinPad
    from kiosk.ui.admin.screen import AdminScreen
    from kiosk.ui.chrome import Chrome
    from kiosk.ui.idle import IdleTiming

WINDOW_TITLE = "Visitor kiosk"

log = logging.getLogger(__name__)


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

    @property
    def state(self) -> SpeechState: ...
    @property
    def state_changed(self) -> SignalInstance: ...

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
    #: The operator's content pack or settings failed while shown, and the window now shows the
    #: bundled pack or the default settings: the problem, in words for staff (it never says what
    #: the visitor chose). Emitted by :meth:`operator_data_failed`.
    fell_back = Signal(str)

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
        pack_file: Path | None = None,
        refusals: Refusals | None = None,
        audit: AuditLog | None = None,
    ) -> None:
        """``pack_file``: the installed pack's file when ``pack`` is the operator's (None: the
        bundled pack). ``refusals``: where a failure of the operator's pack or settings is
        recorded; without it the window does not fall back (tests that want the error)."""
        super().__init__()
        self.setObjectName("KioskRoot")
        self.setAutoFillBackground(True)  # in the theme's Window colour: see use_window_colour
        self.pack, self.settings = pack, settings
        self.translators = translators or Translators()
        self.kiosk_mode = kiosk_mode
        self.today = today  # the clock the texts are worded by (the rollout's phase)
        self.pack_file = pack_file
        self.refusals = refusals
        self._checked_languages: set[str] = set()
        self.session = VisitorSession(
            pack,
            settings.default_language,
            default_text_size=settings["text_size"],
            default_high_contrast=settings["theme"] == "high_contrast",
        )
        self.read_aloud = read_aloud
        self._timing = timing
        self._style_key: tuple[object, ...] = ()
        self._dressed: dict[QWidget, tuple[str, Metrics]] = {}
        self._last_page = ""
        self._qt_language = ""
        self._chrome: Chrome | None = None

        self.stack = QStackedWidget()
        # Welcome is built now; each other page when first needed (a visitor's first Start), so
        # that the first frame waits for none of them.
        self.pages = LazyPages(self._make_page, self.stack)
        self.pages["welcome"]  # built now, on access
        # After the first frame, the rest are built one per turn of the event loop, so that no
        # visitor waits for one and no touch waits more than one page's building.
        self.builder = AfterPaint(self)
        self.builder.add(self._first_frame_painted)  # builds the chrome, then watches input
        self._first_frame_done = False
        self._watching_input = False
        for page_id in PAGES:
            self.builder.add(partial(self._polish_page, page_id))
        # The content in the other offered languages, one per turn, whatever a visitor does:
        # so a problem logged never tells which language a visitor chose.
        for code in settings.offered_languages:
            self.builder.add(partial(self.check_languages, [code]))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The window is the screen: its content never makes it larger (what does not fit
        # shows as cut, and the clipping tests find it), as a window's layout otherwise would.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.stack, 1)
        self._layout = layout
        self.recorder = SessionRecorder(self.session, usage) if usage is not None else None

        # Staff: five taps in the top-left corner, then the PIN, then the admin screen.
        self.pins = pins
        self._pin_pad: PinPad | None = None  # built on first use, like the admin screen
        self.admin_services = admin_services or AdminServices()
        #: staff and security events (kiosk/core/audit.py); records nothing unless given
        self.audit = audit or self.admin_services.audit
        self._admin: AdminScreen | None = None  # built on first use: it is big
        #: saved on the admin screen during a visit, or arrived in the incoming folder: in force
        #: from the next Welcome
        self._waiting_settings: Settings | None = None
        #: a content pack from the incoming folder, with where it was installed: the same
        self._waiting_pack: tuple[ContentPack, Path | None] | None = None

        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        self.allow_close = False
        self.session.changed.connect(self.render_state)
        self.setWindowTitle(WINDOW_TITLE)

    @property
    def chrome(self) -> Chrome:
        """The header, bar, overlays and watchers (kiosk/ui/chrome.py), made on first use."""
        if self._chrome is None:
            self._chrome = self._make_chrome()
        return self._chrome

    @property
    def chrome_built(self) -> bool:
        """Whether the chrome has been made (it has, once the first frame has been painted)."""
        return self._chrome is not None

    def _make_chrome(self) -> Chrome:
        from kiosk.ui.chrome import Chrome  # imported on first use: Welcome shows none of it

        chrome = Chrome(self, self._timing, self.settings, self.kiosk_mode)
        bar = chrome.bar
        bar.back_clicked.connect(self.session.go_back)
        bar.next_clicked.connect(self.session.go_next)
        bar.start_over_clicked.connect(self.start_over)
        bar.language_clicked.connect(self.show_language_overlay)
        bar.text_size_clicked.connect(self.session.next_text_size)
        bar.contrast_clicked.connect(self.session.toggle_high_contrast)
        bar.read_clicked.connect(self.read_or_pause)
        if self.read_aloud is not None:
            bar.repeat_clicked.connect(self.read_aloud.repeat)
            bar.volume_down_clicked.connect(self.read_aloud.volume_down)
            bar.volume_up_clicked.connect(self.read_aloud.volume_up)
            self.read_aloud.state_changed.connect(lambda *_: self._render_bar())
        self._layout.insertWidget(0, chrome.header)
        self._layout.addWidget(bar)
        chrome.overlay.chosen.connect(self._language_chosen_on_overlay)
        chrome.idle.warning_started.connect(self._idle_warning)
        chrome.idle.tick.connect(
            lambda seconds: chrome.idle_overlay.set_seconds(self.context(), seconds)
        )
        chrome.idle.expired.connect(self._idle_expired)
        chrome.idle_overlay.stay.connect(self._idle_stay)
        chrome.corner_taps.triggered.connect(self.open_pin_pad)
        return chrome

    def _polish_page(self, page_id: str) -> None:
        self.pages[page_id].ensurePolished()  # built, then styled, before a visitor needs it

    def _make_page(self, page_id: str) -> Page:
        """One page, its module imported only now: Welcome is built before the first frame,
        which need not wait for the others' modules. (Plain imports in each branch, so
        PyInstaller still finds them.)"""
        if page_id == "welcome":
            welcome = WelcomePage()
            welcome.start.connect(self._welcome_touched)
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
    def _welcome_touched(self) -> None:
        """The visitor touched the greeting in the language it showed: the picker offers that
        one first."""
        shown = self.pages["welcome"]
        assert isinstance(shown, WelcomePage)
        if shown.attract_language:
            self.session.set_language(shown.attract_language)
        self.session.go_next()

    def _language_chosen_on_picker(self, code: str) -> None:
        self.session.set_language(code)
        self.session.go_next()

    def _language_chosen_on_overlay(self, code: str) -> None:
        self.chrome.overlay.hide()
        self.session.set_language(code)  # re-renders the page in place; choices are kept

    def show_language_overlay(self) -> None:
        ctx = self.context()
        overlay = self.chrome.overlay
        self._dress(overlay, ctx)
        overlay.open(ctx)

    @property
    def admin(self) -> AdminScreen:
        if self._admin is None:
            from kiosk.ui.admin.screen import AdminScreen  # imported on first use: it is big

            self._admin = AdminScreen(self.admin_services, self)
            self._admin.settings_saved.connect(self.apply_settings)
            self._admin.content_loaded.connect(
                lambda pack: self.apply_pack(pack, self.admin_services.installed_pack_file)
            )
            self._admin.exit_requested.connect(self.exit_kiosk)
            self._admin.closed.connect(self._staff_left)
            self._admin.change_pin_requested.connect(lambda: self.pin_pad.open_new(self.context()))
        return self._admin

    @property
    def pin_pad(self) -> PinPad:
        if self._pin_pad is None:
            from kiosk.ui.admin.pin_pad import PinPad  # the admin screen's, imported with it

            self._pin_pad = PinPad(self.pins or PinStore(), self)
            self._pin_pad.hide()
            self._pin_pad.setGeometry(self.rect())
            self._pin_pad.accepted.connect(self._open_admin)
            self._pin_pad.pin_changed.connect(lambda: self.admin.pin_changed())
        return self._pin_pad

    def overlays(self) -> list[QWidget]:
        """The overlays built so far."""
        built: list[QWidget] = [o for o in (self._pin_pad, self._admin) if o is not None]
        if self._chrome is None:
            return built
        return [*self._chrome.overlays(), *built]

    # -- staff ---------------------------------------------------------------------------------
    def open_pin_pad(self) -> None:
        """Until a PIN is set (kiosk set-pin) the gesture does nothing."""
        admin_open = self._admin is not None and self._admin.isVisible()
        if self.pins is not None and self.pins.is_set() and not admin_open:
            self.pin_pad.open(self.context())

    def _open_admin(self) -> None:
        """The right PIN: the admin screen opens, recorded, and the idle watch runs while it is
        open (also over Welcome), so that staff who walk away leave it closed."""
        warning = self.pins.last_weakness if self.pins is not None else None
        # Only that the PIN should be replaced: its reason would tell a reader of the log how
        # long or how common the PIN is.
        fields = {"pin_should_be_replaced": True} if warning else {}
        self.audit.record(AuditEvent.ADMIN_OPENED, **fields)
        self.admin.open(self.context(), self.newest_settings, pin_warning=warning)
        self.chrome.idle.watch_visitor(True)

    def _staff_open(self) -> bool:
        return self._admin is not None and self._admin.isVisible()

    def _staff_left(self) -> None:
        self.chrome.idle.watch_visitor(self.session.page != "welcome")
        if self.session.page == "welcome" and self.has_pending:
            self.start_over()  # what arrived while staff were here

    def _close_staff_screens(self, how: str) -> None:
        """Idle or an unexpected error closes the admin screen, recorded with ``how``."""
        if self._staff_open():
            assert self._admin is not None
            self._admin.close_admin(how)

    def apply_settings(self, settings: Settings) -> None:
        """New settings saved on the admin screen: visitors have them from the next Welcome
        (at once if Welcome is shown), without a restart; a visit under way keeps the old."""
        self._waiting_settings = settings
        if self.session.page == "welcome":  # no visit under way: the next visitor starts now
            self.start_over()

    def _take_waiting_settings(self) -> None:
        """Settings and a pack that came during a visit come into force (at its end, before
        the next)."""
        if self._waiting_pack is not None:
            pack, self._waiting_pack = self._waiting_pack, None
            self._use_pack(*pack)
        if self._waiting_settings is not None:
            settings, self._waiting_settings = self._waiting_settings, None
            self._use_settings(settings)

    @property
    def newest_settings(self) -> Settings:
        """The settings last saved: the ones in force, or those waiting for the next Welcome."""
        return self._waiting_settings or self.settings

    def _use_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.session.default_language = settings.default_language
        self.session.default_text_size = settings["text_size"]
        self.session.default_high_contrast = settings["theme"] == "high_contrast"
        if self._chrome is not None:
            self._chrome.apply_settings(settings)
        self._style_key = ()
        self._dressed.clear()
        self.check_languages(settings.offered_languages)

    def apply_pack(self, pack: ContentPack, pack_file: Path | None = None) -> None:
        """A pack loaded from the admin screen (``pack_file``: where it was installed)."""
        self._waiting_pack = None  # installed over any that arrived
        self._use_pack(pack, pack_file)
        self.render_state()

    # -- files from the incoming folder ------------------------------------------------------------
    def receive_incoming(self, outcome: Outcome) -> None:
        """A file from the incoming folder was installed or refused. What was installed is in
        force from the next Welcome (at once if the kiosk is on Welcome with no staff here); a
        refusal shows in the admin screen's notes (the log and the audit log have it already)."""
        if not outcome.installed:
            self.admin_services.content_notes.append(outcome.describe())
            return
        if outcome.settings is not None:
            self._waiting_settings = outcome.settings
        if outcome.pack is not None:
            self._waiting_pack = (outcome.pack, outcome.pack_file)
        if self.session.page == "welcome" and not self._staff_open():
            self.start_over()

    @property
    def has_pending(self) -> bool:
        """Settings or a pack wait for the next Welcome."""
        return self._waiting_settings is not None or self._waiting_pack is not None

    def _use_pack(self, pack: ContentPack, pack_file: Path | None) -> None:
        self.pack = pack
        self.pack_file = pack_file
        self.session.pack = pack
        checked = [code for code in ALL_LANGUAGES if code in self._checked_languages]
        self._checked_languages.clear()
        self.check_languages(checked)  # the new pack, in the languages checked so far

    # -- operator data that fails ----------------------------------------------------------------
    def operator_data_failed(self, what: str, problem: str) -> None:
        """The one place a fallback is reported: the log, the audit log (``what``: "content
        pack" or "settings"), the admin screen's problems, and the :attr:`fell_back` signal.
        (`kiosk check` and the next start read the record that kiosk.core.fallback.Refusals
        keeps.)"""
        log.warning("%s", problem)
        self.audit.record(AuditEvent.FALLBACK, what=what, problem=problem)
        self.admin_services.content_notes.append(problem)
        self.fell_back.emit(problem)

    def _fall_back_to_bundled_pack(self, reason: str) -> bool:
        """Show the bundled pack instead of the installed one; False if that is shown already."""
        if self.refusals is None or self.pack_file is None:
            return False
        failed = self.pack_file
        self.refusals.record(failed, reason, self.today())
        self.operator_data_failed(
            "content pack",
            f"installed content pack {failed} failed while shown ({reason}); showing the "
            "bundled content instead until a corrected pack is installed",
        )
        self._use_pack(load_content(), None)
        return True

    def _fall_back_to_default_settings(self, reason: str) -> bool:
        """Use the default settings; False if they are in use already (or there is no file)."""
        source = self.settings.source
        if self.refusals is None or source is None or self.settings.values == Settings().values:
            return False
        self.refusals.record(source, reason, self.today())
        problem = (
            f"settings {source} failed while shown ({reason}); using the default settings "
            "until the file is changed"
        )
        self.operator_data_failed("settings", problem)
        self._use_settings(Settings(source=source))
        return True

    def check_languages(self, codes: Iterable[str]) -> None:
        """Check the pack's translations in each of ``codes`` not checked yet. A problem with
        the installed pack falls back to the bundled one; what remains is reported, and those
        texts show in English (kiosk.core.i18n.Translator.text)."""
        codes = [c for c in codes if c not in self._checked_languages]
        problems = []
        for code in codes:
            self._checked_languages.add(code)
            problems += language_problems(self.pack, self.translators[code])
        if problems and self._fall_back_to_bundled_pack(str(problems[0])):
            return  # and the bundled pack was checked in every language checked so far
        for problem in problems:
            text = f"content: {problem}; that text shows in English"
            if text not in self.admin_services.content_notes:
                log.warning("%s", text)
                self.admin_services.content_notes.append(text)

    def recover(self) -> None:
        """After an unexpected error: back to a clean Welcome instead of dying."""
        self._close_staff_screens("an unexpected error")
        for overlay in self.overlays():
            overlay.hide()
        self.start_over()

    def start_over(self) -> None:
        """A clean start for the next visitor: speech stopped, volume back to its default."""
        if self.read_aloud is not None:
            self.read_aloud.reset()
        self._take_waiting_settings()  # before the session takes their defaults
        self.session.start_over()

    # -- idle ---------------------------------------------------------------------------------
    def _idle_warning(self, seconds: int) -> None:
        ctx = self.context()
        overlay = self.chrome.idle_overlay
        self._dress(overlay, ctx)
        overlay.open(ctx, seconds)

    def _idle_stay(self) -> None:
        self.chrome.idle_overlay.hide()
        self.chrome.idle.keep_going()

    def _idle_expired(self) -> None:
        """Nobody answered: a clean Welcome for the next visitor."""
        self._close_staff_screens("idle")
        for overlay in self.overlays():
            overlay.hide()
        if self.recorder is not None:
            self.recorder.ended_by_idle()
        self.start_over()

    # -- rendering ---------------------------------------------------------------------------------
    def context(self) -> ViewContext:
        size = self.size()
        language = self.session.language
        return ViewContext(
            pack=self.pack,
            settings=self.settings,
            tr=self.translators[language],
            metrics=Metrics.for_screen(
                size.width(), size.height(), self.session.text_size, script_for(language)
            ),
            palette=HIGH_CONTRAST if self.session.high_contrast else DEFAULT,
            translators=self.translators,
            today=self.today(),
        )

    def render_state(self) -> None:
        """Render the session's page. If the operator's pack or settings make that fail, fall
        back (the bundled pack, then the default settings) and render again; an error that
        remains is raised (sys.excepthook: kiosk.core.logs)."""
        if self.session.page == "welcome":  # also a visitor's Back to it: the visit is over
            self._take_waiting_settings()
        while True:
            try:
                if self.session.language not in self._checked_languages:
                    # Before the first frame only this language (the default); after it, every
                    # offered language at once, so the log cannot tell which one a visitor chose.
                    offered = self.settings.offered_languages if self.first_frame_done else []
                    self.check_languages([self.session.language, *offered])
                self._render()
                return
            except Exception as exc:
                reason = where_it_failed(exc)
                if not (
                    self._fall_back_to_bundled_pack(reason)
                    or self._fall_back_to_default_settings(reason)
                ):
                    raise

    def _render(self) -> None:
        ctx = self.context()
        session = self.session
        # Qt's own strings follow the kiosk's default language, not each visitor's switch: none
        # shows on a visitor's screen, and changing them sends every widget a language-change
        # event.
        if session.default_language != self._qt_language:
            use_qt_strings(session.default_language)
            self._qt_language = session.default_language
        # The window's stylesheet is costly to apply (every part, hidden pages and staff screens
        # too): sizes and colours only, for Latin. A language's own script (its families, size
        # and room) is set on the parts about to be seen (_dress).
        latin = ctx.metrics._replace(script=script_for(SOURCE_LANGUAGE))
        style_key = (latin, ctx.palette.name)
        if style_key != self._style_key:
            use_window_colour(ctx.palette)
            self.setStyleSheet(stylesheet(ctx.palette, latin))
            self._style_key = style_key
        page = self.pages[session.page]
        self._dress(page, ctx)
        page.render_state(ctx, session)
        if self.read_aloud is not None:
            # Speech belongs to the page and language it was for; a tap on the page keeps it.
            self.read_aloud.on_view(session.page, session.language)
        if session.page != self._last_page and isinstance(page, ScrollingPage):
            page.reset_scroll()
        self._last_page = session.page
        self.stack.setCurrentWidget(page)
        if self._chrome is not None or session.page != "welcome":  # Welcome shows no chrome
            self.chrome.render_state(
                ctx, session, self.read_aloud, self._dress, staff_open=self._staff_open()
            )
        if not self._first_frame_done and self.isVisible():
            # What follows the first frame (the other pages, the input watch) starts once the
            # page now shown has been painted.
            self.builder.start(self._painted_part())
        self.rendered.emit(session.page)

    def _dress(self, part: QWidget, ctx: ViewContext) -> None:
        """The font and direction of ctx's language on one part of the window, if it lacks them.

        Only parts about to be seen are dressed (header, current page, bar, an opening overlay):
        set on the whole window, a language switch also re-polished every hidden page and the
        staff screens. A script other than Latin's also gets its own stylesheet there (its
        families, size and room: kiosk.ui.theme.script_stylesheet), Qt's stylesheets passing
        a font's families no further down than the first styled widget.
        """
        key = (ctx.tr.code, ctx.metrics)
        if self._dressed.get(part) == key:
            return
        font = font_for(ctx.tr.code)
        font.setPixelSize(ctx.metrics.body)
        part.setFont(font)
        sheet = script_stylesheet(ctx.tr.code, ctx.metrics)
        if not getattr(part, "styles_own_text", False) and part.styleSheet() != sheet:
            part.setStyleSheet(sheet)  # Qt re-polishes the whole part, even for the same text
        part.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if ctx.tr.language.is_rtl
            else Qt.LayoutDirection.LeftToRight
        )
        self._dressed[part] = key

    def _render_bar(self) -> None:
        self.chrome.render_bar(self.context(), self.session, self.read_aloud, self._dress)

    # -- read aloud ------------------------------------------------------------------------------
    def read_or_pause(self) -> None:
        speech = self.read_aloud
        if speech is None:
            return
        if speech.state is SpeechState.SPEAKING:
            speech.pause()
        elif speech.state is SpeechState.PAUSED:
            speech.resume()
        else:
            speech.read(self.speech_texts(), self.session.language)
        self._render_bar()

    def speech_texts(self) -> list[str]:
        """What the page shows, in reading order: the step, the page, an open overlay."""
        from kiosk.ui.speech.page_text import speech_for  # imported when read aloud is first used

        chrome = self.chrome
        for overlay in (chrome.idle_overlay, chrome.overlay):
            if overlay.isVisible():
                return speech_for(overlay)
        step = [chrome.step_label.text()] if chrome.header.isVisible() else []
        return step + speech_for(self.pages[self.session.page])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for overlay in self.overlays():
            overlay.setGeometry(self.rect())
        if self.isVisible():
            self.render_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.render_state()  # which also starts the builder, at the first show
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
        """What is painted whenever the window shows: the current page's body."""
        return self.pages[self.session.page].painted_part()

    def _first_frame_painted(self) -> None:
        """The first job after the first frame: the chrome, then the input watch. The input
        watch is an application-wide Python filter: installed before the first frame, it had
        PySide make Python types for every kind of event and object of the start-up. Nobody can
        touch what is not yet on the screen."""
        if self._chrome is None:  # nothing has asked for it yet
            self._chrome = self._make_chrome()
        self._first_frame_done = True
        self._watch_input(self.isVisible())

    def _watch_input(self, on: bool) -> None:
        if on != self._watching_input:
            app = QApplication.instance()
            assert app is not None, "a window needs its QApplication"
            if on:
                app.installEventFilter(self.chrome.input_watch)
            else:
                app.removeEventFilter(self.chrome.input_watch)
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
        self.audit.record(AuditEvent.STAFF_EXIT, code=ADMIN_EXIT_CODE)
        self.allow_close = True
        self.close()
        QApplication.exit(ADMIN_EXIT_CODE)
