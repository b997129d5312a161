"""Benchmark helper: page change, language switch and the visitor soak, in one kiosk process.

Run by build/benchmark.py: python build/bench_session.py SESSIONS [--seed N]
Drives the real KioskWindow (offscreen, 1920x1080) through its session API, with real taps
(QTest clicks) for Start, Continue and Start over. Prints one JSON object.

build/bench_compare.py runs `bench_session.py 0 --timings-only [--rounds N] --src DIR`: the page
and language timings alone, of the `kiosk` package in another checkout.
"""

from __future__ import annotations

import gc
import json
import random
import statistics
import sys
import time
from pathlib import Path

SOURCE = (
    Path(sys.argv[sys.argv.index("--src") + 1]).resolve()
    if "--src" in sys.argv
    else Path(__file__).resolve().parent.parent
)
sys.path.insert(0, str(SOURCE))  # the checkout whose `kiosk` is timed

from PySide6.QtCore import QEvent, QObject, QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from shiboken6 import Shiboken  # noqa: E402

from kiosk.core.content import load_content  # noqa: E402
from kiosk.core.i18n import LANGUAGES, Translators  # noqa: E402
from kiosk.core.session import PAGES, TEXT_SIZES  # noqa: E402
from kiosk.core.settings import load_settings  # noqa: E402
from kiosk.core.usage import UsageCounts  # noqa: E402
from kiosk.ui.app import create_app  # noqa: E402
from kiosk.ui.idle import IdleTiming  # noqa: E402
from kiosk.ui.window import KioskWindow  # noqa: E402

WARM_UP_SESSIONS = 50
SAMPLE_EVERY = 20  # visitors between two RSS readings in the soak
LONG_IDLE = IdleTiming(timeout_ms=3_600_000, warning_s=30)  # never fires during a path
SHORT_IDLE = IdleTiming(timeout_ms=1, warning_s=1, tick_ms=1)  # the idle reset, at once


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary_ms(seconds: list[float], cpu_seconds: list[float]) -> dict[str, float]:
    """Wall-clock figures (what a visitor waits) and, beside them, the CPU time of this thread
    (the kiosk's own work: on a shared machine the wall clock also holds other programs' turns)."""
    ms = [s * 1000 for s in seconds]
    cpu_ms = [s * 1000 for s in cpu_seconds]
    return {
        "n": len(ms),
        "p50_ms": statistics.median(ms),
        "p95_ms": percentile(ms, 95),
        "max_ms": max(ms),
        "cpu_p50_ms": statistics.median(cpu_ms),
        "cpu_p95_ms": percentile(cpu_ms, 95),
    }


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def page_body(page: QObject) -> QObject:
    """A page's scrolling body (``scroll_area``; ``scroll`` in checkouts before it was renamed,
    which bench_compare.py may time)."""
    area = getattr(page, "scroll_area", None) or page.scroll
    return area.widget()


class PaintSeen(QObject):
    """Notes a paint of the watched widgets: each page's scrolling body, which fills the page,
    so a changed page is painted there. (Not on the application: a second
    application-wide Python filter would double the cost the kiosk's own input watch adds.)"""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


class Bench:
    def __init__(self) -> None:
        self.app = create_app()
        self.settings = load_settings()
        self.usage = UsageCounts()
        self.window = KioskWindow(
            load_content(),
            self.settings,
            Translators(),
            kiosk_mode=False,
            timing=LONG_IDLE,
            usage=self.usage,
        )
        self.window.resize(1920, 1080)
        self.window.show()
        self.pump()
        self.session = self.window.session
        self.paint_seen = PaintSeen()
        for page in self.window.pages.values():
            page_body(page).installEventFilter(self.paint_seen)
        self.forced_repaints = 0
        self.languages = [c for c in self.settings.offered_languages if c in LANGUAGES]

    def pump(self) -> None:
        QApplication.processEvents()
        # Without app.exec() running, processEvents() never runs deleteLater(); the real kiosk's
        # event loop does, so do it here, or replaced widgets would look like a leak.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def frame(self) -> None:
        """Everything pending handled and the changed part of the window painted, once.

        As in the running kiosk: the change posts layout and update requests, and handling them
        lays out and paints the dirty region. (Until November this also repainted the whole
        window afterwards, so every figure held a second, full paint no visitor waits for.)
        """
        self.paint_seen.painted = False
        for _ in range(3):
            self.pump()
            if self.paint_seen.painted:
                return
        self.forced_repaints += 1  # nothing was painted: paint it all, so no frame goes untimed
        self.window.repaint()

    # -- timings ----------------------------------------------------------------------------------
    def page_changes(self, rounds: int) -> dict[str, float]:
        times: list[float] = []
        cpu: list[float] = []
        self.session.set_language("en")
        steps = list(PAGES[1:]) + list(reversed(PAGES[1:-1]))  # forward and back, not Welcome
        for _ in range(rounds):
            for page in steps:
                start, start_cpu = time.perf_counter(), time.thread_time()
                self.session.go_to(page)
                self.frame()
                times.append(time.perf_counter() - start)
                cpu.append(time.thread_time() - start_cpu)
        return summary_ms(times, cpu)

    def language_switches(self, rounds: int) -> dict[str, float]:
        times: list[float] = []
        cpu: list[float] = []
        for page in ("changes", "account", "setup", "done"):
            self.session.go_to(page)
            self.frame()
            for _ in range(rounds):
                for code in self.languages:
                    start, start_cpu = time.perf_counter(), time.thread_time()
                    self.session.set_language(code)
                    self.frame()
                    times.append(time.perf_counter() - start)
                    cpu.append(time.thread_time() - start_cpu)
        self.session.start_over()
        self.frame()
        return summary_ms(times, cpu)

    # -- the soak ---------------------------------------------------------------------------------
    def tap(self, widget) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        self.pump()

    def one_visitor(self, rng: random.Random) -> str:
        w, s = self.window, self.session
        body = page_body(w.pages["welcome"])  # a tap anywhere lands on the page's body
        QTest.mouseClick(
            body, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, 20)
        )
        self.pump()
        assert s.page == "language", s.page
        w._language_chosen_on_picker(rng.choice(self.languages))  # as the picker's tap does
        self.pump()
        ends_idle = rng.random() < 0.3
        last_page = rng.choice(PAGES[2:]) if ends_idle else "done"
        while True:
            if s.page == "account":
                for _ in range(rng.randint(0, 3)):
                    if rng.random() < 0.15:
                        s.toggle_not_sure()
                    else:
                        s.toggle_service(rng.choice(s.pack.services).key)
                    self.pump()
            if s.page == "setup" and rng.random() < 0.5:
                s.set_has_account(True)
                self.pump()
            roll = rng.random()
            if roll < 0.08:
                w._language_chosen_on_overlay(rng.choice(self.languages))
            elif roll < 0.12:
                s.next_text_size()
            elif roll < 0.15:
                s.toggle_high_contrast()
            self.frame()
            if s.page == last_page:
                break
            if rng.random() < 0.1 and s.page != "changes":
                self.tap(w.chrome.bar.back)
            self.tap(w.chrome.bar.next)
            self.frame()
        if ends_idle:
            expired: list[bool] = []
            w.chrome.idle.expired.connect(lambda: expired.append(True))
            w.chrome.idle.set_timing(SHORT_IDLE)
            while not expired:
                QApplication.processEvents()
            w.chrome.idle.expired.disconnect()
            w.chrome.idle.expired.connect(w._idle_expired)  # the window's own handler, reconnected
            w.chrome.idle.set_timing(LONG_IDLE)
        else:
            self.tap(w.chrome.bar.start_over)
        self.frame()
        assert s.page == "welcome", s.page
        return "idle" if ends_idle else "start_over"

    def counts(self) -> dict[str, float]:
        gc.collect()
        self.pump()
        return {
            "rss_mib": rss_mib(),
            "qobjects_in_window": len(self.window.findChildren(QObject)),
            "qt_widgets": len(QApplication.allWidgets()),
            "shiboken_wrappers": len(Shiboken.getAllValidWrappers()),
            "python_gc_objects": len(gc.get_objects()),
        }

    def prime(self) -> None:
        """Fill what the kiosk fills once and keeps: the grow-only row pools (all services
        chosen), and the fonts and glyph caches of every language at every text size in both
        themes, on every page. So the soak's before/after compares like with like, and only
        growth per visitor (a leak) shows, not the first visitor to pick Khmer at 200 %."""
        s = self.session
        for service in s.pack.services:
            s.toggle_service(service.key)
        for code in self.languages:
            s.set_language(code)
            for has_account in (False, True):
                s.set_has_account(has_account)
                for _ in range(len(TEXT_SIZES) * 2):
                    for page in PAGES:
                        s.go_to(page)
                        self.frame()
                    s.next_text_size()
                    if s.text_size == TEXT_SIZES[0]:
                        s.toggle_high_contrast()
        s.start_over()
        self.frame()

    def soak(self, sessions: int, seed: int) -> dict[str, object]:
        """RSS is sampled every SAMPLE_EVERY visitors: Qt's font and glyph caches fill and
        empty as languages and sizes come and go, so one reading can sit 15 MiB above or below
        the next. Growth is the median of the last five samples minus that of the first five."""
        rng = random.Random(seed)
        self.prime()
        for _ in range(min(WARM_UP_SESSIONS, sessions)):
            self.one_visitor(rng)
        before = self.counts()
        samples: list[float] = [before["rss_mib"]]
        endings = {"idle": 0, "start_over": 0}
        start = time.perf_counter()
        for n in range(1, sessions + 1):
            endings[self.one_visitor(rng)] += 1
            if n % SAMPLE_EVERY == 0 and n < sessions:
                samples.append(self.counts()["rss_mib"])
        elapsed = time.perf_counter() - start
        after = self.counts()
        samples.append(after["rss_mib"])
        growth: dict[str, float] = {k: after[k] - before[k] for k in before}
        edge = min(5, len(samples) // 2)
        growth["rss_mib_single_reading"] = growth["rss_mib"]
        growth["rss_mib"] = statistics.median(samples[-edge:]) - statistics.median(samples[:edge])
        return {
            "sessions": sessions,
            "warm_up_sessions": WARM_UP_SESSIONS,
            "seconds": elapsed,
            "endings": endings,
            "before": before,
            "after": after,
            f"rss_mib_every_{SAMPLE_EVERY}_sessions": samples,
            "growth": growth,
        }


def main() -> int:
    sessions = int(sys.argv[1])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 8
    rounds = 3 if sessions < 500 else 10
    if "--rounds" in sys.argv:
        rounds = int(sys.argv[sys.argv.index("--rounds") + 1])
    bench = Bench()
    # Warm the caches a visitor's first pass fills (fonts, icons, stylesheets) before timing.
    bench.language_switches(1)
    bench.page_changes(1)
    if "--timings-only" in sys.argv:
        timings = {
            "page_change": bench.page_changes(rounds * 4),
            "language_switch": bench.language_switches(rounds),
        }
        print(json.dumps(timings))
        return 0
    result = {
        "page_change": bench.page_changes(rounds * 4),
        "forced_repaints_in_page_changes": bench.forced_repaints,
        "language_switch": bench.language_switches(rounds),
        "forced_repaints_in_timings": bench.forced_repaints,
        "soak": bench.soak(sessions, seed),
        "forced_repaints": bench.forced_repaints,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
