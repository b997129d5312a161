"""How the kiosk is bundled with PyInstaller: what goes in, what stays out, and the options.

``build/kiosk.spec`` calls :func:`one_folder_bundle`, and so does the bare-window spec that
``build/measure_bundle.py`` writes, so the two bundles it compares get the same options.
Nothing here starts PyInstaller; the documented build command does
(docs/developers.md, "The bundle"):

    uv run --group build pyinstaller build/kiosk.spec --noconfirm \
        --workpath .pyinstaller/work --distpath dist
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path, PurePosixPath

from babel.messages.frontend import CommandLineInterface

REPO = Path(__file__).resolve().parents[1]

#: Qt modules the kiosk uses or is about to use. Naming them makes PyInstaller's Qt hooks
#: collect their libraries and plugins before any kiosk code imports them, so a print path or
#: read-aloud that lands later works in the bundle without touching the spec.
QT_MODULES_USED = [
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",  # icons
    "PySide6.QtPrintSupport",  # the take-home handout
    "PySide6.QtTextToSpeech",  # read aloud (Addons); its library links QtMultimedia
]

#: Python modules never wanted in the bundle, even if something imports them in passing.
#: QtMultimedia and QtNetwork stay: QtTextToSpeech's binding imports them.
EXCLUDED_MODULES = [
    "tkinter",
    *(
        f"PySide6.{name}"
        for name in (
            "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
            "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets",
            "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebChannel",
            "QtWebView", "QtWebSockets", "QtHttpServer", "QtNetworkAuth",
            "QtCharts", "QtDataVisualization", "QtGraphs", "QtGraphsWidgets", "QtCanvasPainter",
            "QtDesigner", "QtHelp", "QtUiTools", "QtTest",
            "QtLocation", "QtPositioning", "QtBluetooth", "QtNfc", "QtSensors",
            "QtSerialBus", "QtSerialPort", "QtRemoteObjects", "QtScxml", "QtStateMachine",
            "QtSpatialAudio", "QtMultimediaWidgets", "QtPdf", "QtPdfWidgets",
            "QtOpenGL", "QtOpenGLWidgets", "QtSql", "QtXml", "QtConcurrent", "QtAsyncio",
        )
    ),
]  # fmt: skip

#: Qt plugin folders the kiosk needs, and which files in each (name prefixes after the
#: platform's ``lib``/``q``; None keeps the whole folder). Every other plugin folder is left
#: out: input methods (the virtual keyboard there is GPL), desktop themes (the kiosk looks the
#: same on every PC), multimedia back ends (FFmpeg, 60 MB; text-to-speech does not use them),
#: network, SQL, sensors.
QT_PLUGINS: dict[str, tuple[str, ...] | None] = {
    "platforms": ("offscreen", "xcb", "wayland", "windows"),
    "imageformats": ("svg",),
    "iconengines": ("svgicon",),
    "printsupport": None,
    "texttospeech": None,
    "styles": None,  # Windows' native style; the Linux wheel has none
    # What the xcb and wayland platforms load to put a window on screen (under cage: xdg-shell).
    "xcbglintegrations": None,
    "wayland-shell-integration": None,
    "wayland-graphics-integration-client": None,
    "wayland-decoration-client": None,
}

#: Shared libraries that only left-out plugins and modules need. On Linux, prune_unneeded()
#: finds these and any others by itself; on Windows (not built here) this list is all there is.
DROPPED_LIBRARY_PREFIXES = (
    "avcodec", "avformat", "avutil", "swresample", "swscale",  # FFmpeg, for multimedia
    "Qt6FFmpegStub", "Qt6Qml", "Qt6Quick", "Qt6VirtualKeyboard", "Qt6Pdf", "Qt6WebEngine",
    "Qt63D", "Qt6EglFSDeviceIntegration", "Qt6WaylandCompositor",
)  # fmt: skip

#: Libraries the bundle uses from the kiosk PC instead of carrying them: PyInstaller leaves the
#: graphics stack (GL, EGL, Wayland, xcb) to the system, whose drivers must match. Each with its
#: Debian 12 package; the list of packages for a kiosk PC in docs/developers.md comes from
#: here, and the
#: bundle test fails if the bundle needs any other library from outside (besides glibc's).
SYSTEM_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxcb.so.1": "libxcb1",
}

#: Qt's own translations: the kiosk loads qtbase_<lang>.qm only.
QT_TRANSLATIONS_KEPT = ("qtbase_",)

#: Interpreter options for the frozen kiosk: UTF-8 mode (Python's -X utf8), so that `kiosk check`
#: can print ✗ and • into a file or pipe on Windows, where Python would otherwise encode with the
#: ANSI code page and fail. (PyInstaller silently ignores the spelling "X utf8_mode=1".)
PYTHON_OPTIONS = [("X utf8", None, "OPTION")]

IS_WINDOWS = sys.platform == "win32"
#: Strip symbol tables on Linux: pyenv's libpython alone shrinks from 23 MB to 6 MB. (PyInstaller
#: advises against stripping on Windows.)
STRIP = not IS_WINDOWS

#: The bundle's folder beside the program: sys._MEIPASS, with resources/ and translations/.
CONTENTS = "_internal"
QT_DIR = PurePosixPath("PySide6/Qt")
BABEL_LOCALES = PurePosixPath("babel/locale-data")


def keep(dest: str) -> bool:
    """Whether a file PyInstaller collected (by its path inside the bundle) belongs in it."""
    path = PurePosixPath(dest.replace("\\", "/"))
    name = path.name
    if name.removeprefix("lib").startswith(DROPPED_LIBRARY_PREFIXES):
        return False
    if path.is_relative_to(BABEL_LOCALES):
        return path.stem == "root" or path.stem.split("_")[0] in babel_languages()
    if path.is_relative_to(QT_DIR / "plugins"):
        kind = path.relative_to(QT_DIR / "plugins").parts[0]
        if kind not in QT_PLUGINS:
            return False
        wanted = QT_PLUGINS[kind]
        bare = name.removeprefix("lib").removeprefix("q")
        return wanted is None or bare.startswith(wanted)
    if path.is_relative_to(QT_DIR / "translations"):
        return name.startswith(QT_TRANSLATIONS_KEPT)
    return True


@cache
def babel_languages() -> frozenset[str]:
    """The CLDR languages of the kiosk's languages: Babel's data for the other 700 stays out."""
    sys.path.insert(0, str(REPO))
    from kiosk.core.i18n import LANGUAGES

    return frozenset(lang.locale.language for lang in LANGUAGES.values())


Entry = tuple[str, str, str]  # (path in the bundle, source, type) as PyInstaller lists them


def kept(toc: Iterable[Entry]) -> list[Entry]:
    return [entry for entry in toc if keep(entry[0])]


def prune_unneeded(binaries: list[Entry], datas: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """Leave out shared libraries that nothing kept links to (Linux), and links to them.

    Qt's hooks collect each plugin's libraries before the spec can drop the plugin (GDK for
    the desktop theme, FFmpeg's helpers for multimedia); this walks the link graph from what is
    kept (Python, extension modules, plugins) and keeps only what it reaches. A library that is
    only ever dlopen()ed by name would be lost: none is, and the bundle test would show it.

    It also stops the build when something kept links to a library this machine does not
    have: PyInstaller only warns and leaves it out, and the kiosk PC would need it installed
    (without libxcb-keysyms.so.1 there is no window under X11, for example).
    """
    if not sys.platform.startswith("linux"):
        return binaries, datas
    from PyInstaller.depend.bindepend import get_imports

    source = {dest: src for dest, src, _ in binaries}
    by_name = {PurePosixPath(dest).name: dest for dest in source}
    todo = [
        dest
        for dest, _, kind in binaries
        if kind == "EXTENSION"
        or PurePosixPath(dest).is_relative_to(QT_DIR / "plugins")
        or PurePosixPath(dest).name.startswith("libpython")
    ]
    reached: set[str] = set()
    missing: dict[str, str] = {}
    while todo:
        dest = todo.pop()
        if dest in reached:
            continue
        reached.add(dest)
        for name, found in get_imports(source[dest]):
            if name in by_name:
                todo.append(by_name[name])
            elif found is None:
                missing.setdefault(name, dest)
    if missing:
        lines = "\n".join(f"  {name} (for {dest})" for name, dest in sorted(missing.items()))
        raise SystemExit(
            f"The bundle needs these libraries, which this machine does not have:\n{lines}\n"
            "Install the packages that provide them (Debian: `apt-file search NAME`) and build "
            "again; docs/developers.md lists the ones Debian 12 needs."
        )
    binaries = [entry for entry in binaries if entry[0] in reached]
    present = reached | {dest for dest, _, kind in datas if kind != "SYMLINK"}
    datas = [e for e in datas if e[2] != "SYMLINK" or str(PurePosixPath(e[1])) in present]
    return binaries, datas


def stage_translations(stage: Path) -> Path:
    """Copy translations/ to ``stage`` and compile every catalog there; returns the copy.

    The .mo files are build output: they are made here, never in the source tree. They are
    written after the .po files are copied, so they are newer and the kiosk uses them instead
    of compiling each .po at start. The review files go in (a few kilobytes each): the kiosk
    works out each language's review status from the sign-off recorded there
    (kiosk/core/translation_status.py), which `kiosk check` and the admin screen show.
    """
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(REPO / "translations", stage, ignore=shutil.ignore_patterns("*.mo", "*.pot"))
    status = CommandLineInterface().run(
        ["pybabel", "-q", "compile", "-d", str(stage), "-D", "kiosk"]
    )
    if status:
        raise SystemExit(f"pybabel compile failed for {stage}")
    return stage


def compiled_catalogs_newer(translations: Path) -> None:
    """Give each .mo a later time than its .po, as at build time: copying into the bundle
    does not keep file times, and the kiosk uses a .mo only when it is newer."""
    for mo in translations.glob("*/LC_MESSAGES/*.mo"):
        po_time = mo.with_suffix(".po").stat().st_mtime
        if mo.stat().st_mtime < po_time:
            os.utime(mo, (po_time + 1, po_time + 1))


def add_deployment_files(bundle_folder: Path) -> None:
    """Put deploy/ (service files, start scripts, steps) beside the program: staff copy one
    folder onto the kiosk PC and find everything to set it up in it."""
    target = bundle_folder / "deploy"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "deploy", target)


def refuse_work_folder_in_build(workpath: str) -> None:
    """PyInstaller's default work folder is ./build, where our build scripts live."""
    work = Path(workpath).resolve()
    if work.is_relative_to(REPO / "build"):
        if work.is_dir() and not any(work.iterdir()):
            work.rmdir()  # PyInstaller made it before reading the spec
        raise SystemExit(
            f"PyInstaller's work folder would be {work}, inside build/. Build with:\n"
            "  uv run --group build pyinstaller build/kiosk.spec --noconfirm "
            "--workpath .pyinstaller/work --distpath dist"
        )


def one_folder_bundle(
    name: str,
    script: Path,
    workpath: str,
    datas: list[tuple[str, str]],
    hiddenimports: list[str],
) -> None:
    """Analyse ``script`` and write ``DISTPATH/name/``: the program and its ``_internal/``.

    Runs inside a spec file (PyInstaller has set up its configuration by then).
    """
    from PyInstaller.building.api import COLLECT, EXE, PYZ
    from PyInstaller.building.build_main import Analysis

    refuse_work_folder_in_build(workpath)
    analysis = Analysis(
        [str(script)],
        pathex=[str(REPO)],
        datas=datas,
        hiddenimports=hiddenimports,
        excludes=EXCLUDED_MODULES,
    )
    analysis.binaries, analysis.datas = prune_unneeded(
        kept(analysis.binaries), kept(analysis.datas)
    )
    pyz = PYZ(analysis.pure)

    def executable(exe_name: str, console: bool) -> EXE:
        return EXE(
            pyz,
            analysis.scripts,
            PYTHON_OPTIONS,
            exclude_binaries=True,
            contents_directory=CONTENTS,
            name=exe_name,
            console=console,
            strip=STRIP,
            upx=False,  # UPX breaks Qt plugins
        )

    executables = [executable(name, console=True)]
    if IS_WINDOWS:
        # The same program without a console window, for Shell Launcher and start at logon;
        # the console one stays so that `kiosk check` can print. Not built or tried here.
        executables.append(executable(f"{name}-window", console=False))
    COLLECT(*executables, analysis.binaries, analysis.datas, strip=STRIP, upx=False, name=name)
