"""Qt's own strings (qtbase_*.qm) for the kiosk's current language, where Qt ships them.

Qt translators are application-wide, so only the kiosk window (one language at a time) sets
this; the help-desk view's second language uses our catalogs only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

# Our codes to Qt's file suffixes, where they differ.
QT_NAMES = {"zh_Hant": "zh_TW"}

_installed: list[QTranslator] = []


def use_qt_strings(code: str) -> bool:
    """Install qtbase_<code>.qm in place of the previous one; False when Qt has none."""
    app = QCoreApplication.instance()
    assert app is not None, "Qt's strings need the QApplication"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translator = QTranslator()
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{QT_NAMES.get(code, code)}", path):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
