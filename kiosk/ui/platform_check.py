"""Before Qt starts on Linux: can it open a window here? If not, say which packages to install.

Qt loads a platform plugin (xcb for X11, wayland) when the QApplication is created. When the
plugin's shared libraries are missing, as on a bare Debian without ``libxcb-cursor0``, Qt prints
"Could not load the Qt platform plugin" and aborts the process: an operator sees a crash, not
what to do. So, before the QApplication exists, the plugins Qt will try are loaded here the way
Qt loads them (``dlopen`` with ``RTLD_LAZY``). A failed ``dlopen`` only returns an error: no code
of a library runs unless all of them load, so this check cannot abort the process. When one
plugin loads, it stays loaded and Qt uses it moments later. When none can, each missing
library is found (the loader's error, then ``ldd`` for the rest of the plugin's dependencies),
mapped to its Debian/Ubuntu package, and one message names the packages to install; the kiosk
then exits with :data:`kiosk.core.exit_codes.MISSING_LIBRARIES`.

Plain Python (no Qt): it runs before any Qt library is loaded.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from kiosk.core.exit_codes import MISSING_LIBRARIES

#: Platforms that need no check: they draw into memory and need no window system libraries.
NO_CHECK = {"offscreen", "minimal"}
#: Plugin files by platform name; other names follow Qt's naming (``libq<name>.so``).
PLUGIN_FILES = {
    "xcb": "libqxcb.so",
    "wayland": "libqwayland.so",
    "wayland-egl": "libqwayland.so",
    "wayland-brcm": "libqwayland.so",
}
#: The Debian/Ubuntu package of each library the xcb and wayland plugins need (with the Qt
#: libraries they load). Ubuntu 24.04's renamed packages (libglib2.0-0t64) provide these names.
PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libbsd.so.0": "libbsd0",
    "libcap.so.2": "libcap2",
    "libdbus-1.so.3": "libdbus-1-3",
    "libexpat.so.1": "libexpat1",
    "libffi.so.8": "libffi8",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libgcc_s.so.1": "libgcc-s1",
    "libgcrypt.so.20": "libgcrypt20",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgpg-error.so.0": "libgpg-error0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "liblz4.so.1": "liblz4-1",
    "liblzma.so.5": "liblzma5",
    "libmd.so.0": "libmd0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libpng16.so.16": "libpng16-16",
    "libstdc++.so.6": "libstdc++6",
    "libsystemd.so.0": "libsystemd0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}
#: glibc's words for a library it could not find: "libfoo.so.1: cannot open shared object file".
_NOT_FOUND = re.compile(r"^([^\s:/]+\.so[\w.+-]*): cannot open shared object file")
#: ldd's line for a dependency it could not find: "\tlibfoo.so.1 => not found".
_LDD_NOT_FOUND = re.compile(r"^\s*(\S+) => not found\s*$", re.MULTILINE)
#: The kiosk's own Qt libraries (in PySide6's folder, or the bundle's), not a system package.
_QT_OWN = re.compile(r"^libQt6\w*\.so")

#: Loads a shared library by path; returns None, or the loader's error when it cannot.
Loader = Callable[[Path], str | None]


def requested_platforms(environ: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order: ``QT_QPA_PLATFORM`` (names separated by
    ``;``, each maybe with ``:options``), or Qt's default on Linux: xcb, with wayland first in a
    Wayland session (``XDG_SESSION_TYPE=wayland`` or ``WAYLAND_DISPLAY`` set)."""
    names = [n.split(":", 1)[0].strip() for n in environ.get("QT_QPA_PLATFORM", "").split(";")]
    if any(names):
        return [n for n in names if n]
    if environ.get("XDG_SESSION_TYPE") == "wayland" or environ.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


def plugin_dirs(environ: Mapping[str, str]) -> list[Path]:
    """Where Qt looks for platform plugins, in its order: ``QT_QPA_PLATFORM_PLUGIN_PATH``, then
    ``platforms`` under each ``QT_PLUGIN_PATH`` folder and under PySide6's own plugins."""
    dirs = [Path(p) for p in environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(":") if p]
    dirs += [Path(p) / "platforms" for p in environ.get("QT_PLUGIN_PATH", "").split(":") if p]
    spec = importlib.util.find_spec("PySide6")
    for package in (spec.submodule_search_locations or []) if spec else []:
        dirs.append(Path(package) / "Qt" / "plugins" / "platforms")
    return dirs


def load_lazily(path: Path) -> str | None:
    """dlopen(path, RTLD_LAZY), as Qt loads plugins: None when it loaded (it stays loaded, for
    Qt), else the loader's error. ctypes.CDLL would add RTLD_NOW, failing where Qt would not."""
    libc = ctypes.CDLL(None)
    libc.dlopen.restype = ctypes.c_void_p
    libc.dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    libc.dlerror.restype = ctypes.c_char_p
    if libc.dlopen(os.fsencode(path), os.RTLD_LAZY):
        return None
    error = libc.dlerror()
    return error.decode(errors="replace") if error else "dlopen failed"


def unresolved_dependencies(path: Path) -> list[str]:
    """Every dependency of the library the loader cannot find (``ldd``: the whole tree)."""
    ldd = shutil.which("ldd") or "/usr/bin/ldd"
    try:
        out = subprocess.run(
            [ldd, str(path)], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return _LDD_NOT_FOUND.findall(out)


def missing_libraries(path: Path, error: str) -> list[str]:
    """The libraries the plugin needs and this PC lacks: the one the loader named, then the
    rest (the loader stops at the first)."""
    first = _NOT_FOUND.match(error)
    found = [first.group(1)] if first else []
    return list(dict.fromkeys([*found, *unresolved_dependencies(path)]))


def problem(
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    load: Loader | None = None,
) -> str | None:
    """None when Qt can load one of the platform plugins it will try (or when that cannot be
    told: not Linux, an offscreen platform, a plugin not found here); else the message for the
    operator, naming the packages to install."""
    environ = os.environ if environ is None else environ
    load = load or load_lazily
    names = requested_platforms(environ)
    if not platform.startswith("linux") or any(name in NO_CHECK for name in names):
        return None
    dirs = plugin_dirs(environ)
    failures: dict[str, list[tuple[Path, str]]] = {}
    for name in names:
        filename = PLUGIN_FILES.get(name, f"libq{name}.so")
        candidates = [d / filename for d in dirs if (d / filename).is_file()]
        if not candidates:
            return None  # not a plugin this check knows: Qt says what it has
        for candidate in candidates:  # Qt falls back from one folder to the next
            error = load(candidate)
            if error is None:
                return None
            failures.setdefault(name, []).append((candidate, error))
    return _message(failures)


def _message(failures: dict[str, list[tuple[Path, str]]]) -> str:
    missing: list[str] = []
    errors: list[str] = []
    for name, attempts in failures.items():
        path, error = attempts[0]
        libraries = missing_libraries(path, error)
        missing += libraries
        if not libraries:
            errors.append(f"{name}: {error}")
    missing = list(dict.fromkeys(missing))
    own = [lib for lib in missing if _QT_OWN.match(lib)]
    known = [lib for lib in missing if lib in PACKAGES]
    unknown = [lib for lib in missing if lib not in PACKAGES and lib not in own]
    lines = []
    if known or unknown:
        lines.append(
            "The kiosk cannot open a window: this PC lacks libraries Qt needs "
            f"({', '.join(known + unknown)})."
        )
    if known:
        packages = " ".join(dict.fromkeys(PACKAGES[lib] for lib in known))
        lines.append(f"Install them with: sudo apt-get install {packages}")
    if unknown:
        lines.append(
            f"No package is known here for {', '.join(unknown)}: "
            f"`apt-file search {unknown[0]}` names the package that has it."
        )
    if own:
        lines.append(
            f"The kiosk cannot open a window: its own copy of Qt is incomplete ({', '.join(own)} "
            "missing). Reinstall the kiosk."
        )
    if errors:
        lines.append(
            "The kiosk cannot open a window: Qt's platform plugin would not load ("
            + "; ".join(errors)
            + ")."
        )
    return "\n".join(lines)


def exit_code_if_no_window() -> int | None:
    """Before the QApplication: None when Qt can open a window here; else print the message on
    standard error and return the exit code the kiosk should end with."""
    message = problem()
    if message is None:
        return None
    print(message, file=sys.stderr)
    return MISSING_LIBRARIES
