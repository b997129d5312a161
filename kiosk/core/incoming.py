"""The incoming folder: settings and content packs a deployment tool drops in, installed while the
kiosk runs. Plain Python; kiosk/ui/incoming_watch.py watches the folder and calls :meth:`take`.

The folder is ``incoming/`` in the kiosk's data folder (beside ``content/``). A file placed there
under one of these names is checked by the same rules as `kiosk check --pack` and
`--settings-file` (kiosk/core/file_check.py), and then:

- ``pack.toml`` (or ``visitor-kiosk-content.toml``, the USB stick's name) is installed as the
  admin screen installs a pack from a USB stick (kiosk/core/content_audit.py: the same checks
  in every language, the previous pack kept as ``.bak``, an atomic write, the audit log's
  ``content_installed``);
- ``settings.toml`` replaces the managed settings file (``managed-settings.toml`` beside the
  settings file, kiosk/core/settings.py) as a whole: its keys are the ones set centrally, and
  win over the local settings file, which is never touched. A key left out of it goes back to
  the local file's value (or the default). Each changed value is recorded as
  ``setting_changed``, then ``settings_installed``.

Either is removed from the folder once installed; the kiosk uses it from its next Welcome. A
file that fails a check, or has another name, is moved aside to ``incoming/refused/NAME.STAMP``
with ``NAME.STAMP.reason.txt`` beside it, and the refusal goes to the log and the audit log;
what the kiosk shows stays as it was.

A file still being written must not be taken: deployment tools write it under another name and
rename it into place. Names starting with a dot, and names ending in ``.tmp``, ``.part``,
``.partial``, ``.crdownload`` or ``~``, are left alone, and a file is taken only once it has not
changed for :data:`SETTLE_S` seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import platformdirs

from kiosk.core.audit import AuditEvent, AuditLog
from kiosk.core.content import ContentError, ContentPack
from kiosk.core.content_audit import install_and_record
from kiosk.core.content_source import MAX_PACK_BYTES, operator_pack_path
from kiosk.core.file_check import check_settings_file
from kiosk.core.paths import APP_NAME
from kiosk.core.settings import (
    MAX_SETTINGS_BYTES,
    Settings,
    default_settings_path,
    load_settings,
    managed_settings_path,
)
from kiosk.core.storage import StorageError, rename_durably, write_atomically

log = logging.getLogger(__name__)

INCOMING_DIR_NAME = "incoming"
REFUSED_DIR_NAME = "refused"
REASON_SUFFIX = ".reason.txt"
SETTINGS_NAMES = ("settings.toml",)
PACK_NAMES = ("pack.toml", "visitor-kiosk-content.toml")
#: Names of files still being written, by convention: left alone.
IN_PROGRESS_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", "~")
#: A file is taken once it has not changed for this long (seconds).
SETTLE_S = 2.0
#: Refused files kept (with their reasons); older ones are deleted.
KEEP_REFUSED = 20
SETTINGS, PACK, OTHER = "settings", "content pack", "other"
#: A refused file's stamp: when it was refused, and a number when one second saw several.
_STAMP = re.compile(r"\.([0-9]{8}-[0-9]{6})(?:-([0-9]+))?$")


def default_incoming_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / INCOMING_DIR_NAME


def in_progress(name: str) -> bool:
    """A name deployment tools give a file while they write it."""
    return name.startswith(".") or name.endswith(IN_PROGRESS_SUFFIXES)


def what_it_is(name: str) -> str:
    if name in SETTINGS_NAMES:
        return SETTINGS
    if name in PACK_NAMES:
        return PACK
    return OTHER


def waiting_files(folder: Path) -> list[Path]:
    """The files in ``folder`` the kiosk will take (or refuse), by name; not those in progress."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False) and not in_progress(entry.name):
                found.append(Path(entry.path))
        except OSError:
            continue
    return sorted(found)


class Kept(NamedTuple):
    """A refused file kept in ``incoming/refused/``, and why it was refused."""

    file: Path
    reason: str


def refused_files(folder: Path) -> list[Kept]:
    """The refused files kept beside ``folder``, oldest first."""
    refused = folder / REFUSED_DIR_NAME
    try:
        files = [p for p in refused.iterdir() if p.is_file() and not p.name.endswith(REASON_SUFFIX)]
    except OSError:
        return []
    kept = []
    for path in sorted(files, key=_refused_order):
        try:
            reason = path.with_name(path.name + REASON_SUFFIX).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            reason = "no reason recorded"
        kept.append(Kept(path, reason.strip()))
    return kept


def _refused_order(path: Path) -> tuple[str, int, float]:
    """Oldest first: by the stamp in the name, its number, then the reason's time."""
    match = _STAMP.search(path.name)
    try:
        written = path.with_name(path.name + REASON_SUFFIX).stat().st_mtime
    except OSError:
        written = 0.0
    if match is None:
        return ("", 0, written)
    return (match.group(1), int(match.group(2) or 1), written)


class Outcome(NamedTuple):
    """What became of one file: installed (with what is now in force), or refused and why."""

    name: str  # its name in the incoming folder
    what: str  # SETTINGS, PACK or OTHER
    installed: bool
    reason: str | None = None  # why it was refused
    kept_as: Path | None = None  # where the refused file is kept
    settings: Settings | None = None  # the settings in force once installed
    pack: ContentPack | None = None
    pack_file: Path | None = None  # where the pack was installed

    def describe(self) -> str:
        """In words for staff (the admin screen, the log)."""
        if self.installed:
            return f"incoming: {self.what} {self.name} installed; in use from the next Welcome"
        where = f"; kept as {self.kept_as}" if self.kept_as else ""
        return f"incoming: {self.name} refused ({self.reason}); nothing changed{where}"


class Incoming:
    """Takes the files in the incoming folder. ``now`` is the wall clock (time.time), for the
    settle time and the refused files' stamps; tests inject their own."""

    def __init__(
        self,
        folder: Path | None = None,
        *,
        settings_path: Path | None = None,
        pack_target: Path | None = None,
        audit: AuditLog | None = None,
        now: Callable[[], float] = time.time,
        settle_s: float = SETTLE_S,
    ) -> None:
        self.folder = folder or default_incoming_dir()
        self.settings_path = settings_path or default_settings_path()
        self.pack_target = pack_target or operator_pack_path()
        self.audit = audit or AuditLog.off()
        self.now = now
        self.settle_s = settle_s
        #: files that could neither be installed nor moved aside: (path, size, mtime) left alone
        self._stuck: set[tuple[str, int, int]] = set()

    def make_folder(self) -> str | None:
        """Make the folder if it is missing; why it could not be made, or None."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return f"the incoming folder {self.folder} cannot be made ({exc.strerror or exc})"
        return None

    def next_look(self) -> float | None:
        """Seconds until a waiting file will have settled (0: one has), or None when no file
        waits."""
        waits = []
        for path in waiting_files(self.folder):
            try:
                info = path.stat()
            except OSError:
                continue
            if (str(path), info.st_size, info.st_mtime_ns) in self._stuck:
                continue
            waits.append(max(0.0, info.st_mtime + self.settle_s - self.now()))
        return min(waits) if waits else None

    def take(self) -> list[Outcome]:
        """Install or refuse every waiting file that has settled."""
        outcomes = []
        for path in waiting_files(self.folder):
            try:
                info = path.stat()
            except OSError:
                continue  # gone already
            key = (str(path), info.st_size, info.st_mtime_ns)
            if key in self._stuck or self.now() - info.st_mtime < self.settle_s:
                continue
            # Until it is gone, never taken again as it is (an error, a file that cannot be
            # removed or moved aside), so nothing is tried over and over.
            self._stuck.add(key)
            outcome = self._take(path)
            if not path.exists():
                self._stuck.discard(key)
            log.log(logging.INFO if outcome.installed else logging.WARNING, outcome.describe())
            outcomes.append(outcome)
        return outcomes

    # -- one file ---------------------------------------------------------------------------
    def _take(self, path: Path) -> Outcome:
        what = what_it_is(path.name)
        if what == PACK:
            return self._install_pack(path)
        if what == SETTINGS:
            return self._install_settings(path)
        accepted = ", ".join((*SETTINGS_NAMES, *PACK_NAMES))
        reason = f"not a file the kiosk takes here: name it one of {accepted}"
        return self._refuse(path, OTHER, reason, AuditEvent.INCOMING_REFUSED)

    def _install_pack(self, path: Path) -> Outcome:
        try:
            pack = install_and_record(path, self.audit, self.pack_target)
        except ContentError as exc:  # content_refused is recorded already
            return self._refuse(path, PACK, str(exc), None)
        self._remove(path)
        return Outcome(path.name, PACK, True, pack=pack, pack_file=self.pack_target)

    def _install_settings(self, path: Path) -> Outcome:
        try:
            data = _read(path, MAX_SETTINGS_BYTES)
        except OSError as exc:
            reason = f"cannot read it ({exc.strerror or exc})"
            return self._refuse(path, SETTINGS, reason, AuditEvent.SETTINGS_REFUSED)
        report = check_settings_file(path, today=dt.date.fromtimestamp(self.now()))
        if not report.ok:
            reason = "; ".join(report.problems[:3])
            if len(report.problems) > 3:
                reason += f"; and {len(report.problems) - 3} more problems"
            return self._refuse(path, SETTINGS, reason, AuditEvent.SETTINGS_REFUSED)
        target = managed_settings_path(self.settings_path)
        before = load_settings(self.settings_path)
        try:
            if _read(path, MAX_SETTINGS_BYTES) != data:
                raise StorageError(path, "the file changed while it was being checked")
            write_atomically(target, data)
        except (StorageError, OSError) as exc:
            reason = f"not installed: {exc}"
            return self._refuse(path, SETTINGS, reason, AuditEvent.SETTINGS_REFUSED)
        after = load_settings(self.settings_path)
        for key in sorted(before.managed | after.managed):
            if before.values[key] != after.values[key]:
                self.audit.record(
                    AuditEvent.SETTING_CHANGED,
                    key=key,
                    old=before.values[key],
                    new=after.values[key],
                    file=str(target),
                )
        self.audit.record(
            AuditEvent.SETTINGS_INSTALLED,
            source=str(path),
            sha256=hashlib.sha256(data).hexdigest(),
            keys=sorted(after.managed),
            file=str(target),
        )
        self._remove(path)
        return Outcome(path.name, SETTINGS, True, settings=after)

    def _refuse(self, path: Path, what: str, reason: str, event: AuditEvent | None) -> Outcome:
        """Move ``path`` aside with its reason (or remove it, if it cannot be moved), and record
        it (``event``: None when recorded already)."""
        try:
            digest: str | None = hashlib.sha256(_read(path, MAX_PACK_BYTES)).hexdigest()
        except OSError:
            digest = None
        kept: Path | None = None
        try:
            kept = self._move_aside(path, reason)
        except (StorageError, OSError) as exc:
            log.warning("incoming: %s could not be moved aside (%s); removing it", path, exc)
            self._remove(path)
        if event is not None:
            self.audit.record(
                event,
                source=str(path),
                sha256=digest,
                reason=reason,
                kept_as=str(kept) if kept else None,
            )
        self._prune()
        return Outcome(path.name, what, False, reason=reason, kept_as=kept)

    def _move_aside(self, path: Path, reason: str) -> Path:
        refused = self.folder / REFUSED_DIR_NAME
        refused.mkdir(exist_ok=True)
        stamp = dt.datetime.fromtimestamp(self.now()).strftime("%Y%m%d-%H%M%S")
        target = refused / f"{path.name}.{stamp}"
        prefix = f"{path.name}.{stamp}"
        taken = [
            p for p in refused.iterdir() if p.name.startswith(prefix) and _STAMP.search(p.name)
        ]
        if taken:  # after the highest number, so that the names keep their order
            number = max(_refused_order(p)[1] for p in taken) + 1
            target = refused / f"{path.name}.{stamp}-{number}"
        rename_durably(path, target)
        note = target.with_name(target.name + REASON_SUFFIX)
        write_atomically(note, (reason + "\n").encode("utf-8"), keep_backup=False)
        return target

    def _prune(self) -> None:
        for old in refused_files(self.folder)[:-KEEP_REFUSED]:
            for path in (old.file, old.file.with_name(old.file.name + REASON_SUFFIX)):
                try:
                    path.unlink(missing_ok=True)
                except OSError:
                    continue

    @staticmethod
    def _remove(path: Path) -> None:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("incoming: %s could not be removed (%s); it is left alone", path, exc)


def _read(path: Path, limit: int) -> bytes:
    with open(path, "rb") as file:
        return file.read(limit + 1)
