"""Operator files that failed while the kiosk showed them. Plain Python.

Validation (kiosk/core/content.py, settings.py, language_check.py) keeps out everything known to
break a page. Should an installed content pack or a settings file still fail while the kiosk
shows it, the kiosk shows the bundled pack (or the default settings) instead and keeps serving
(kiosk/ui/window.py), and the failure is recorded here, in ``refused.json`` beside the usage
counts: the file, its SHA-256 and the reason (what failed and where in the program, never what a
visitor chose). The next start and `kiosk check` read it: the same file is not used again, and
the problem names it. A corrected file (other bytes) is used again. The operator's file itself
is never changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from pathlib import Path

import platformdirs

from kiosk.core.paths import APP_NAME
from kiosk.core.storage import StorageError, write_atomically

REFUSED_FILE_NAME = "refused.json"
MAX_REFUSED_BYTES = 64 * 1024

log = logging.getLogger(__name__)


def default_refused_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / REFUSED_FILE_NAME


def _digest(file: Path) -> str | None:
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError:
        return None


class Refusals:
    """The record of operator files that failed while shown (``refused.json``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_refused_path()

    def record(self, file: Path, reason: str, day: dt.date) -> None:
        """Remember that ``file`` (as it is now) failed, and why. Never raises: a record that
        cannot be saved is logged, and the kiosk still shows what it fell back to."""
        digest = _digest(file)
        if digest is None:
            return
        entries = self._read()
        entries[str(file)] = {"sha256": digest, "reason": reason, "day": day.isoformat()}
        data = json.dumps(entries, indent=1, ensure_ascii=False) + "\n"
        try:
            write_atomically(self.path, data.encode("utf-8"), keep_backup=False)
        except StorageError as exc:
            log.warning("the failure was not recorded: %s", exc)

    def reason_for(self, file: Path) -> str | None:
        """Why ``file`` is not used: it failed while shown, as it is now. None: it did not."""
        entry = self._read().get(str(file))
        if not isinstance(entry, dict) or entry.get("sha256") != _digest(file):
            return None
        return (
            f"it failed on {entry.get('day', '?')} while the kiosk showed it "
            f"({entry.get('reason', 'no reason recorded')})"
        )

    def _read(self) -> dict[str, object]:
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        if len(data) > MAX_REFUSED_BYTES:
            return {}
        try:
            entries = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):
            return {}
        return entries if isinstance(entries, dict) else {}
