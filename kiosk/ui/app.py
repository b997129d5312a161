"""Creating the QApplication: platform, bundled fonts, and app-wide lockdown of text and menus."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLoggingCategory, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from kiosk import __version__
from kiosk.core.i18n import SOURCE_LANGUAGE
from kiosk.ui.fonts import font_for, hide_system_fonts, register_bundled_fonts
from kiosk.ui.theme import Palette


def create_app(offscreen: bool = False) -> QApplication:
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    hide_system_fonts()
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("visitor-kiosk")
    app.setApplicationVersion(__version__)
    app.setAttribute(Qt.ApplicationAttribute.AA_SynthesizeMouseForUnhandledTouchEvents, True)
    # A part's font (its language's families) reaches every widget in it, stylesheet or not.
    # Without this, Qt's stylesheets stop a font at the first styled widget: text in other
    # scripts was drawn in a fallback under the Latin-first families, with Latin's line height
    # and spaces.
    app.setAttribute(Qt.ApplicationAttribute.AA_UseStyleSheetPropagationInWidgetStyles, True)
    # Nothing here is double-clicked. Without this, a quick second tap, even on another
    # button, becomes a double-click and its press is lost: the visitor's tap does nothing.
    app.styleHints().setMouseDoubleClickInterval(0)
    # Qt probes every family in a fallback list for every script and reports each that
    # lacks that script's OpenType tables; for our one-script subsets that is expected noise.
    QLoggingCategory.setFilterRules("qt.text.font.db.info=false")
    register_bundled_fonts()
    # Every widget's default, buttons included (they do not take the window's font): the bundled
    # families, so no text falls back to whatever "Sans Serif" is on this PC.
    app.setFont(font_for(SOURCE_LANGUAGE))
    return app


def use_window_colour(palette: Palette) -> None:
    """The theme's page background as the application's Window colour: every page, scroll area
    and body shows it without a stylesheet rule (see kiosk.ui.theme.stylesheet)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    colours = app.palette()
    if colours.color(QPalette.ColorRole.Window) != QColor(palette.window):
        colours.setColor(QPalette.ColorRole.Window, QColor(palette.window))
        colours.setColor(QPalette.ColorRole.WindowText, QColor(palette.text))
        app.setPalette(colours)
