"""What the admin screen reads and acts on, apart from the screen itself.

Kept light (no widgets, no TOML writer), so that starting the kiosk does not import the admin
screen: it is built on the first staff visit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.content import ContentPack
from kiosk.core.usage import UsageCounts


def _zero() -> int:
    return 0


def _no() -> bool:
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class AdminServices:
    """What the admin screen reads and acts on, injectable for tests."""

    usage: UsageCounts | None = None
    crashes_this_run: Callable[[], int] = _zero
    crashes_total: Callable[[], int] = _zero
    content_notes: Sequence[str] = ()
    media_packs: Callable[[], list[Path]] = list
    install_content: Callable[[Path], ContentPack] | None = None
    pin_is_set: Callable[[], bool] = _no
    today: Callable[[], dt.date] = dt.date.today
