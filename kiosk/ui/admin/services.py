"""What the admin screen reads and acts on, apart from the screen itself.

Kept light (no widgets, no TOML writer), so that starting the kiosk does not import the admin
screen: it is built on the first staff visit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.content import ContentPack
from kiosk.core.usage import UsageCounts


@dataclass
class AdminServices:
    """What the admin screen reads and acts on, injectable for tests."""

    usage: UsageCounts | None = None
    crashes_this_run: Callable[[], int] = lambda: 0
    crashes_total: Callable[[], int] = lambda: 0
    content_notes: list[str] = field(default_factory=list)
    media_packs: Callable[[], list[Path]] = list
    install_content: Callable[[Path], ContentPack] | None = None
    pin_is_set: Callable[[], bool] = lambda: False
    today: Callable[[], dt.date] = dt.date.today
