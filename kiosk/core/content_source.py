"""Which content pack the kiosk shows: the operator's installed one, or the bundled one.

An operator updates the content without a new kiosk build by placing a pack in
``<platformdirs data folder>/content/pack.toml``, or by choosing one in the admin screen from a
USB stick (:func:`removable_media_packs` lists them; the kiosk draws that list itself, so no
file dialog ever opens). :func:`install_content` validates a pack completely *before* copying
it in, so a bad stick can never replace content that works.

The operator's pack is used when it is valid (in English and in the languages asked for:
kiosk/core/language_check.py), its ``checked_on`` is not in the future, it is not older than the
bundled one, and it has not failed while the kiosk showed it (kiosk/core/fallback.py);
otherwise the bundled pack runs and the reason is reported.
"""

from __future__ import annotations

import datetime as dt
import string
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import platformdirs

if sys.platform == "win32":  # removable drives are found through the Windows API
    import ctypes

from kiosk.core.content import ContentError, ContentPack, load_content
from kiosk.core.fallback import Refusals
from kiosk.core.i18n import Translators
from kiosk.core.language_check import all_language_problems
from kiosk.core.settings import ALL_LANGUAGES, APP_NAME
from kiosk.core.storage import StorageError, write_atomically

#: Names a pack may have on a removable medium (at its top level).
MEDIA_PACK_NAMES = ("visitor-kiosk-content.toml", "visitor-kiosk/pack.toml")
MAX_PACK_BYTES = 1024 * 1024  # the bundled pack is ~25 KB
#: Where Linux desktops and automounters mount removable media. ``*`` is one folder level.
LINUX_MEDIA_GLOBS = ("/media/*/*", "/media/*", "/run/media/*/*", "/mnt/*")
_DRIVE_REMOVABLE = 2  # GetDriveTypeW
#: Content checked longer ago than this is reported by `kiosk check` (see is_stale).
STALE_AFTER_DAYS = 90


def operator_pack_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "content" / "pack.toml"


# A NamedTuple, not a dataclass: it is made before the first frame (see kiosk/core/content.py).
class ContentChoice(NamedTuple):
    """The pack in force and why: ``source`` is its file (None: the bundled pack)."""

    pack: ContentPack
    source: Path | None = None
    problems: tuple[str, ...] = ()  # the operator's pack is broken
    notes: tuple[str, ...] = ()  # the operator's pack is older, so not used


NOT_USED = "installed content pack not used, showing the bundled one"


def choose_content(
    installed: Path | None = None,
    *,
    languages: Sequence[str] = (),
    translators: Translators | None = None,
    today: dt.date | None = None,
    refusals: Refusals | None = None,
) -> ContentChoice:
    """The operator's pack if usable, else the bundled one. A broken bundled pack raises
    ContentError (the kiosk cannot run without content).

    ``languages``: check the operator's pack in these languages too (English is always checked).
    The kiosk asks for none at start (it checks its default language before the first frame and
    the others after it); `kiosk check` asks for every language."""
    installed = installed or operator_pack_path()
    if not installed.exists():
        return ContentChoice(load_content())
    refused = (refusals or Refusals()).reason_for(installed)
    if refused:
        return ContentChoice(
            load_content(),
            problems=(f"{NOT_USED}: {installed}: {refused}; install a corrected one",),
        )
    today = today or dt.date.today()
    try:
        operator = _load(installed, today)
    except ContentError as exc:
        return ContentChoice(load_content(), problems=(f"{NOT_USED}: {exc}",))
    problems = all_language_problems(operator, translators or Translators(), languages)
    if problems:
        return ContentChoice(load_content(), problems=tuple(f"{NOT_USED}: {p}" for p in problems))
    bundled = load_content()
    if bundled.checked_on > operator.checked_on:
        return ContentChoice(
            bundled,
            notes=(
                f"{installed}: checked on {operator.checked_on.isoformat()}, older than the "
                f"bundled content (checked on {bundled.checked_on.isoformat()}); showing the "
                "bundled content",
            ),
        )
    return ContentChoice(operator, source=installed)


def active_content() -> tuple[ContentPack, list[str]]:
    """The pack to show, and why the operator's installed pack was not used (empty if it was,
    or if there is none). Raises ContentError only when the bundled pack is broken."""
    choice = choose_content()
    return choice.pack, [*choice.problems, *choice.notes]


def is_stale(pack: ContentPack, today: dt.date) -> bool:
    """Checked more than STALE_AFTER_DAYS ago: the September rollout may have made it wrong."""
    return (today - pack.checked_on).days > STALE_AFTER_DAYS


def validate_pack(
    source: Path,
    *,
    translators: Translators | None = None,
    today: dt.date | None = None,
) -> tuple[ContentPack, bytes]:
    """Check the pack at ``source`` in every language, as :func:`install_content` does before
    it copies anything (`kiosk check --pack` runs this alone). Returns the pack and the bytes
    that were checked; raises ContentError naming the file and the problem."""
    source = Path(source)
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ContentError(source, "(file)", f"cannot read it: {exc.strerror or exc}") from exc
    if size > MAX_PACK_BYTES:
        raise ContentError(source, "(file)", f"{size} bytes, far more than a content pack")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ContentError(source, "(file)", f"cannot read it: {exc.strerror or exc}") from exc
    pack = _load(source, today or dt.date.today())  # raises ContentError: nothing is copied
    problems = all_language_problems(pack, translators or Translators(), ALL_LANGUAGES)
    if problems:
        raise problems[0]
    return pack, data


def install_content(
    source: Path,
    target: Path | None = None,
    *,
    translators: Translators | None = None,
    today: dt.date | None = None,
) -> ContentPack:
    """Validate the pack at ``source`` in every language, then copy it in as the operator's pack.

    Raises ContentError naming the file and the problem, with the installed pack untouched, if
    the pack is invalid or cannot be copied. The previous installed pack is kept as ``.bak``.
    """
    source = Path(source)
    target = target or operator_pack_path()
    pack, data = validate_pack(source, translators=translators, today=today)
    try:
        unchanged = source.read_bytes() == data
    except OSError:
        unchanged = False
    if not unchanged:  # pulled out or rewritten while it was being checked
        raise ContentError(source, "(file)", "the file changed while it was being checked")
    try:
        write_atomically(target, data)
    except StorageError as exc:
        raise ContentError(source, "(install)", f"not installed: {exc}") from exc
    return pack


def _load(path: Path, today: dt.date) -> ContentPack:
    """load_content for a file the operator brought, which may be anything."""
    return load_content(path, today=today)


def removable_media_packs(mount_folders: Iterable[Path] | None = None) -> list[Path]:
    """Content packs at the top of mounted removable media, sorted, without duplicates.

    ``mount_folders`` (for tests) are the folders where a medium could be mounted; by default
    the usual Linux mount places, or the removable drives on Windows.
    """
    folders = list(mount_folders) if mount_folders is not None else _media_folders()
    found: set[Path] = set()
    for folder in folders:
        for name in MEDIA_PACK_NAMES:
            candidate = Path(folder) / name
            try:
                if candidate.is_file():
                    found.add(candidate)
            except OSError:
                continue  # an unreadable or vanished medium
    return sorted(found)


def _media_folders() -> list[Path]:
    if sys.platform == "win32":
        return _removable_drives()
    folders: list[Path] = []
    for pattern in LINUX_MEDIA_GLOBS:
        root = Path("/")
        try:
            folders += [p for p in root.glob(pattern.lstrip("/")) if p.is_dir()]
        except OSError:
            continue
    return folders


def _removable_drives() -> list[Path]:  # pragma: no cover - Windows only
    drives: list[Path] = []
    if sys.platform == "win32":
        kernel32 = ctypes.windll.kernel32
        mask = kernel32.GetLogicalDrives()
        for i, letter in enumerate(string.ascii_uppercase):
            root = f"{letter}:\\"
            if mask & (1 << i) and kernel32.GetDriveTypeW(root) == _DRIVE_REMOVABLE:
                drives.append(Path(root))
    return drives


__all__ = [
    "ContentChoice",
    "active_content",
    "choose_content",
    "install_content",
    "is_stale",
    "operator_pack_path",
    "removable_media_packs",
    "validate_pack",
]
