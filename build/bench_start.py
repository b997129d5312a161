"""Benchmark helper: start the kiosk window or a bare full-screen QWidget, report the first paint.

Run by build/benchmark.py and build/bench_compare.py as a fresh process per measurement, so
every start is cold:
    python build/bench_start.py kiosk|bare|label [--stay SECONDS] [--src DIR]

`kiosk` starts as `kiosk --windowed` does: through the command line's parser, up to the window
shown (without entering the event loop's exec, which the benchmark does itself). `--src` takes
the `kiosk` package from another checkout (bench_compare.py times two trees with one harness).

(`label`: a bare window showing one centred line in a bundled font, for reference: what any
window that draws text pays on top of the bare one.)

Prints one JSON line once the first frame has been painted: CLOCK_MONOTONIC at that moment
(the parent subtracts its own reading taken just before it launched us, so interpreter start
and all imports count), the time since just before `import PySide6`, the process's CPU time,
RSS and PSS.
With --stay the event loop keeps running that long afterwards (the parent measures idle CPU).
"""

from __future__ import annotations

import time

BEFORE_IMPORTS = time.monotonic()

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

SOURCE = (
    Path(sys.argv[sys.argv.index("--src") + 1]).resolve()
    if "--src" in sys.argv
    else Path(__file__).resolve().parent.parent
)
sys.path.insert(0, str(SOURCE))  # the checkout whose `kiosk` is timed

if __name__ == "__main__" and sys.argv[1:2] == ["kiosk"]:
    # What kiosk.cli.main does before kiosk.cli.run_kiosk builds the window.
    import kiosk.cli

    KIOSK_ARGS = kiosk.cli.build_parser().parse_args(["--windowed"])
    from kiosk.core.settings import load_settings

    KIOSK_SETTINGS = load_settings(KIOSK_ARGS.settings)
    if hasattr(kiosk.cli, "import_core_before_qt"):  # checkouts before 2026-12 called it here
        kiosk.cli.import_core_before_qt()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SIZE = (1920, 1080)  # the offscreen platform's own screen is 800x600; kiosks run at 1080p


def memory() -> dict[str, float]:
    """RSS and (where the kernel offers it) PSS of this process, in MiB."""
    figures: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            figures["rss_mib"] = int(line.split()[1]) / 1024
    try:
        for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                figures["pss_mib"] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return figures


class FirstPaint(QObject):
    """Calls `done` once the window's first expose has been handled: Qt paints the exposed
    widgets and flushes them to the screen while handling it (checked: the widgets' first
    paint events come inside it, for both windows alike).

    Watched on the window's QWindow, not on the application: an application-wide Python filter
    has PySide make a Python type for every kind of event and object it is handed, which is
    measurement cost (10-20 ms for the kiosk) that the kiosk itself no longer pays before its
    first frame."""

    def __init__(self, done) -> None:
        super().__init__()
        self.done = done
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and not self.seen and watched.isExposed():
            self.seen = True
            QTimer.singleShot(0, self.done)  # after this expose has been painted and flushed
        return False


class PaintCount(QObject):
    """Counts paint events of one widget: the check that the frame timed was really drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def build_bare() -> tuple[QApplication, QWidget]:
    app = QApplication(sys.argv[:1])
    window = QWidget()
    return app, window


def build_label() -> tuple[QApplication, QWidget, QWidget]:
    """The bare window plus what drawing any text costs: Qt's font database (started by
    registering a font), the Qt namespace's enums (one alignment), one label laid out."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    app = QApplication(sys.argv[:1])
    fonts = Path(__file__).resolve().parent.parent / "resources" / "fonts"
    font_id = QFontDatabase.addApplicationFont(str(fonts / "NotoSans-Regular.subset.ttf"))
    window = QWidget()
    label = QLabel("Welcome")
    label.setFont(QFont(QFontDatabase.applicationFontFamilies(font_id)[0], 64))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    QVBoxLayout(window).addWidget(label)
    return app, window, label


def build_kiosk() -> tuple[QApplication, QWidget]:
    """The kiosk as `kiosk --windowed` builds it (logs, content, app, window, speech after the
    first frame; windowed, so that lockdown does not fight the benchmark's own exit)."""
    from kiosk.ui.startup import build_kiosk as build

    kiosk = build(KIOSK_SETTINGS, windowed=True)
    assert kiosk is not None, "the bundled content pack is broken"
    return kiosk.app, kiosk.window


def main() -> int:
    which = sys.argv[1]
    stay_s = float(sys.argv[sys.argv.index("--stay") + 1]) if "--stay" in sys.argv else 0.0
    if which == "kiosk":
        app, window = build_kiosk()
        drawn = window.pages["welcome"].headline
    elif which == "label":
        app, window, drawn = build_label()
    else:
        app, window = build_bare()
        drawn = window

    def painted() -> None:
        now = time.monotonic()
        report = {
            "painted_monotonic": now,
            "since_imports_s": now - BEFORE_IMPORTS,
            # CPU time of this process up to the frame, interpreter start included: unlike the
            # wall clock, it hardly grows when other programs share the CPU.
            "cpu_s": time.process_time(),
            "paints_seen": paints.count,  # of the bare widget, the label, the kiosk's headline
            **memory(),
        }
        print(json.dumps(report), flush=True)
        if stay_s > 0:
            QTimer.singleShot(int(stay_s * 1000), app.quit)
        else:
            app.quit()

    watcher = FirstPaint(painted)
    paints = PaintCount()
    drawn.installEventFilter(paints)
    window.resize(*SIZE)
    window.show()
    window.windowHandle().installEventFilter(watcher)  # before the event loop delivers the expose
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
