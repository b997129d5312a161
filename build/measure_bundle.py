"""Build the kiosk bundle and a bare PySide6 window with the same options; compare size and start.

    uv run --group build python build/measure_bundle.py [--runs 7] [--out .pyinstaller/measure]

Both bundles are built in this run by build/bundle.py's one_folder_bundle (the bare window gets
no resources and imports only QtWidgets). Start time is from launching the program to Qt's
first flush of a painted frame ("qt.widgets.painting: Flushing", read from the program's
log as it arrives), on the offscreen platform, in a clean environment whose fontconfig sees
no system fonts. Each program is started ``--runs`` times, in turn; the files are in the
page cache (warm start), as after the first start of the day. The kiosk is also started with
speech-dispatcher out of reach, to show what starting it for read-aloud costs.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: The first painted frame is the first flush of the widget repaint manager.
FIRST_FRAME_MARK = "qt.widgets.painting: Flushing"

BARE_WINDOW = '''\
"""A bare PySide6 window: the floor the kiosk bundle is measured against."""
import sys

from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv)
window = QWidget()
window.setWindowTitle("bare window")
window.showFullScreen()
sys.exit(app.exec())
'''

BARE_SPEC = """\
# Written by build/measure_bundle.py: a bare window, bundled like the kiosk.
import sys
from pathlib import Path

sys.path.insert(0, {build_dir!r})
import bundle

bundle.one_folder_bundle("bare-window", Path({script!r}), workpath, datas=[], hiddenimports=[])
"""


def clean_env(home: Path) -> dict[str, str]:
    """What a service or a fresh login shell has: no Python, no system fonts, no display."""
    fonts_conf = home / "fonts.conf"
    fonts_conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{home / 'fontcache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    empty_bin = home / "bin"
    empty_bin.mkdir(exist_ok=True)
    return {
        "PATH": str(empty_bin),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "FONTCONFIG_FILE": str(fonts_conf),
        "QT_QPA_PLATFORM": "offscreen",
    }


def build(spec: Path, work: Path, dist: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(spec), "--noconfirm", "--log-level", "WARN",
         "--workpath", str(work), "--distpath", str(dist)],
        cwd=REPO,
        check=True,
    )  # fmt: skip
    return time.perf_counter() - started


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files), symbolic links not followed or counted twice."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def seconds_to_first_frame(program: Path, env: dict[str, str], timeout: float = 60) -> float:
    env = {**env, "QT_LOGGING_RULES": "qt.widgets.painting=true"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(program)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith(FIRST_FRAME_MARK):
                return time.perf_counter() - started
            if time.perf_counter() - started > timeout:
                break
        raise RuntimeError(f"{program}: no painted frame (exit code {proc.poll()})")
    finally:
        proc.kill()
        proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="starts of each program (default 7)")
    parser.add_argument("--out", type=Path, default=REPO / ".pyinstaller" / "measure")
    args = parser.parse_args(argv)

    out: Path = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    (out / "bare").mkdir(parents=True)
    script = out / "bare" / "bare_window.py"
    script.write_text(BARE_WINDOW, encoding="utf-8")
    bare_spec = out / "bare" / "bare-window.spec"
    bare_spec.write_text(
        BARE_SPEC.format(build_dir=str(REPO / "build"), script=str(script)), encoding="utf-8"
    )
    dist = out / "dist"
    build_seconds = {
        "kiosk": build(REPO / "build" / "kiosk.spec", out / "work", dist),
        "bare-window": build(bare_spec, out / "work", dist),
    }

    # The kiosk also starts once with speech-dispatcher out of reach: QtTextToSpeech otherwise
    # starts it (and waits for it) before the first frame, when it is installed but not running.
    no_speech = {"SPEECHD_ADDRESS": "unix_socket:/nonexistent/speechd.sock"}
    variants = {
        "kiosk": ("kiosk", {}),
        "kiosk, speech-dispatcher out of reach": ("kiosk", no_speech),
        "bare-window": ("bare-window", {}),
    }
    starts: dict[str, list[float]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory() as home:
        env = clean_env(Path(home))
        for _ in range(args.runs):
            for name, (program, extra) in variants.items():
                starts[name].append(seconds_to_first_frame(dist / program / program, env | extra))

    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(
        f"\n{os.cpu_count()} CPUs, {platform.platform()}, load average {load}; {args.runs} starts"
    )
    print("| bundle | size | files | start to first frame: median (min-max) | build |")
    print("|---|---|---|---|---|")
    for name, times in starts.items():
        program = variants[name][0]
        size, files = folder_size(dist / program)
        median, low, high = statistics.median(times), min(times), max(times)
        print(
            f"| {name} | {size / 1e6:.0f} MB | {files} | "
            f"{median:.2f} s ({low:.2f}-{high:.2f}) | {build_seconds[program]:.0f} s |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
