"""`kiosk screens OUTDIR`: render every page, and the states a visitor reaches, to PNG files;
with ``--staff``, the staff screen instead.

Files are named ``NN-pageid[-state]-LANG-WxH.png`` so that later options add to the name and
nothing collides; the staff screen's ``staff-NN-group-WxH.png`` (each group scrolled to the
top) and ``staff-keyboard-LAYOUT-WxH.png`` (the on-screen keyboard open on a text field).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.content import ContentPack
from kiosk.core.i18n import Translators
from kiosk.core.session import PAGES
from kiosk.core.settings import GROUPS, Settings
from kiosk.core.storage import StorageError, output_file_problem
from kiosk.ui.window import KioskWindow

Setup = Callable[[KioskWindow], None]


@dataclass(frozen=True)
class Look:
    """A text size and theme to render with; tagged ones are named in the file name."""

    text_size: int = 100
    theme: str = "default"
    tagged_size: bool = False
    tagged_theme: bool = False

    def suffix(self) -> str:
        parts = [f"text{self.text_size}"] if self.tagged_size else []
        return "".join(f"-{p}" for p in parts + ([self.theme] if self.tagged_theme else []))


def _choose(*keys: str) -> Setup:
    def setup(window: KioskWindow) -> None:
        for key in keys:
            window.session.toggle_service(key)

    return setup


def _still_there(window: KioskWindow) -> None:
    window.session.go_to("setup")
    window.chrome.idle_overlay.open(window.context(), window.settings["idle_warning_s"])


def states() -> Iterator[tuple[str, str, Setup | None]]:
    """(page, state, how to reach it) for every page's first state and the states after it."""
    for page in PAGES:
        yield page, "", None
        if page == "changes":
            yield page, "language-menu", lambda w: w.show_language_overlay()
        if page == "account":
            yield page, "phone", _choose("phone")
            yield page, "all", _choose("phone", "video", "messaging")
            yield page, "not-sure", lambda w: w.session.toggle_not_sure()
        if page == "setup":
            yield page, "have-account", lambda w: w.session.set_has_account(True)
            yield page, "still-there", _still_there
        if page == "done":
            yield page, "phone", _choose("phone")


def settle(window: KioskWindow, passes: int = 10) -> None:
    """Handle events until nothing moves (a wrapping label in a scroll area, the bar after
    its tools change: a few passes), as a visitor sees the page a moment after a tap."""
    page = window.pages[window.session.page]
    parts = [page, getattr(page, "body", page)]
    if window.chrome_built:
        parts += [window.chrome.bar, window.chrome.header, *window.chrome.bar.findChildren(QWidget)]
    last = None
    for _ in range(passes):
        QApplication.processEvents()
        now = [(w.geometry(), w.isVisible()) for w in parts]
        if now == last:
            return
        last = now


def file_name(
    page: str, state: str, lang: str, size: tuple[int, int], look: Look | None = None
) -> str:
    parts = [f"{PAGES.index(page):02d}", page, *([state] if state else []), lang]
    suffix = look.suffix() if look else ""
    return "-".join(parts) + f"-{size[0]}x{size[1]}{suffix}.png"


def render_screens(
    out_dir: Path,
    pack: ContentPack,
    settings: Settings,
    sizes: list[tuple[int, int]],
    languages: list[str],
    looks: list[Look] | None = None,
    today: dt.date | None = None,
) -> list[Path]:
    """Every page and state as PNG files; texts are worded for ``today`` (default: the real
    date), which decides the rollout's wording."""
    out_dir.mkdir(parents=True, exist_ok=True)
    translators = Translators()
    written: list[Path] = []
    clock = (lambda: today) if today is not None else dt.date.today
    for size in sizes:
        window = KioskWindow(pack, settings, translators, kiosk_mode=False, today=clock)
        window.resize(*size)
        window.show()
        for look, lang in itertools.product(looks or [Look()], languages):
            session = window.session
            session.default_text_size = look.text_size
            session.default_high_contrast = look.theme == "high_contrast"
            for page, state, setup in states():
                session.start_over()
                session.set_language(lang)
                session.go_to(page)
                if setup is not None:
                    setup(window)
                settle(window)
                path = out_dir / file_name(page, state, lang, size, look)
                problem = output_file_problem(path)
                if problem:  # never write through a link or into a device
                    raise StorageError(path, problem)
                if not window.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                written.append(path)
                window.chrome.overlay.hide()
                window.chrome.idle_overlay.hide()
        window.close()
        window.deleteLater()
    return written


#: The text field the staff renders open the keyboard on, for each of its layouts.
KEYBOARD_FIELDS = {"text": "facility_name", "address": "securus_url"}


def staff_states() -> Iterator[tuple[str, str, str]]:
    """(file stem, group to scroll to, text field with the keyboard open or "")."""
    for number, group in enumerate(GROUPS, 1):
        yield f"staff-{number:02d}-{group.key}", group.key, ""
    for layout, key in KEYBOARD_FIELDS.items():
        yield f"staff-keyboard-{layout}", "", key


def render_staff_screens(
    out_dir: Path,
    pack: ContentPack,
    settings: Settings,
    sizes: list[tuple[int, int]],
    today: dt.date | None = None,
) -> list[Path]:
    """The staff screen, each group and the keyboard open, as PNG files (English only)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    clock = (lambda: today) if today is not None else dt.date.today
    for size in sizes:
        window = KioskWindow(pack, settings, Translators(), kiosk_mode=False, today=clock)
        window.resize(*size)
        window.show()
        QApplication.processEvents()
        admin = window.admin
        for stem, group, field in staff_states():
            admin.open(window.context(), window.settings)
            QApplication.processEvents()
            if group:
                admin.go_to_group(group)
            else:
                admin.open_keyboard(admin.text_editor(field))
            QApplication.processEvents()
            path = out_dir / f"{stem}-{size[0]}x{size[1]}.png"
            problem = output_file_problem(path)
            if problem:  # never write through a link or into a device
                raise StorageError(path, problem)
            if not window.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            written.append(path)
        admin.close_admin("kiosk screens")
        window.close()
        window.deleteLater()
    return written
