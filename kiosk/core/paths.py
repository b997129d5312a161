"""Where bundled files live, in a source checkout and in a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

#: The name of the kiosk's folders (settings, data, log) in the user's platformdirs folders.
APP_NAME = "visitor-kiosk"


def app_root() -> Path:
    """The folder that holds `resources/` and `translations/`."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resource(relative: str) -> Path:
    """A bundled resource by relative path; absolute paths and `..` are refused."""
    rel = Path(relative)
    if rel.is_absolute() or ".." in rel.parts:
        raise ValueError(f"resource paths must be relative and inside resources/: {relative!r}")
    return app_root() / "resources" / rel


def translations_dir() -> Path:
    return app_root() / "translations"
