"""Render the README's screenshots with `kiosk screens` and write them, downscaled, to docs/images/.

    uv run python build/make_screenshots.py

Run it after a change a visitor would see on these pages. The kiosk renders with its bundled
fonts and default settings (its settings, data and log folders point into a temporary folder),
so the pictures are the same on every machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parent.parent
IMAGES = REPO / "docs" / "images"
SIZE = "1920x1080"
WIDTH = 960  # pixels: sharp enough to read on a landing page, small enough to commit

#: `kiosk screens` file (without the size) -> the name in docs/images/.
SHOTS = {
    "00-welcome-en": "welcome-en.png",
    "03-account-phone-en": "account-phone-en.png",
    "04-setup-ar": "setup-ar.png",
}


def render(out: Path, home: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    languages = sorted({name.rsplit("-", 1)[1] for name in SHOTS})
    command = [sys.executable, "-m", "kiosk", "screens", str(out), "--size", SIZE]
    for code in languages:
        command += ["--lang", code]
    # The offscreen platform notes on stderr that it has no window manager: shown only on failure.
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"kiosk screens failed with exit code {done.returncode}")


def downscale(source: Path, target: Path) -> None:
    image = QImage(str(source))
    if image.isNull():
        raise SystemExit(f"{source}: not an image")
    small = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    if not small.save(str(target), "PNG"):
        raise SystemExit(f"{target}: cannot write it")


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        out, home = Path(temp) / "screens", Path(temp) / "home"
        render(out, home)
        for stem, name in SHOTS.items():
            downscale(out / f"{stem}-{SIZE}.png", IMAGES / name)
            size = (IMAGES / name).stat().st_size
            print(f"wrote docs/images/{name} ({size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
