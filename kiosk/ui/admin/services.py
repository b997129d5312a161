"""What the admin screen reads and acts on, apart from the screen itself.

Kept light (no widgets, no TOML writer), so that starting the kiosk does not import the admin
screen: it is built on the first staff visit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from kiosk.core.audit import AuditLog
from kiosk.core.content import ContentPack
from kiosk.core.usage import UsageCounts


def _zero() -> int:
    return 0


def _no() -> bool:
    return False


def _none_read_only() -> Mapping[str, str]:
    return {}


class AdminServices:
    """What the admin screen reads and acts on, injectable for tests. (A plain class, not a
    dataclass: it is made before the first frame; see kiosk/core/content.py.)"""

    def __init__(
        self,
        *,
        usage: UsageCounts | None = None,
        crashes_this_run: Callable[[], int] = _zero,
        crashes_total: Callable[[], int] = _zero,
        content_notes: Sequence[str] = (),
        media_packs: Callable[[], list[Path]] = list,
        install_content: Callable[[Path], ContentPack] | None = None,
        pin_is_set: Callable[[], bool] = _no,
        audit: AuditLog | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        installed_pack_file: Path | None = None,
        read_only_settings: Callable[[], Mapping[str, str]] = _none_read_only,
    ) -> None:
        self.usage = usage
        self.crashes_this_run = crashes_this_run
        self.crashes_total = crashes_total
        self.content_notes = list(content_notes)
        self.media_packs = media_packs
        self.install_content = install_content
        self.pin_is_set = pin_is_set
        #: where staff actions are recorded; the screen shows its last events
        self.audit = audit or AuditLog.off()
        self.today = today
        #: Where install_content puts a pack (None: the window need not know; it then cannot
        #: fall back from a loaded pack that fails while shown).
        self.installed_pack_file = installed_pack_file
        #: The settings staff cannot change on this screen (set centrally, say), each with the
        #: reason shown beside it: the key's editor shows its value read-only. None so far.
        self.read_only_settings = read_only_settings
