"""Each language's review status, read from the table in translations/README.md.

The README is where translators record it, so the kiosk shows exactly what they wrote.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.core.paths import translations_dir

UNKNOWN = "unknown (not in translations/README.md)"


def review_status(readme: Path | None = None) -> dict[str, str]:
    path = readme or translations_dir() / "README.md"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    status: dict[str, str] = {"en": "source language"}
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0] and not cells[0].startswith(("code", "-")):
            status[cells[0]] = cells[2]
    return status
