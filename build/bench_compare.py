"""Compare two checkouts of the kiosk: cold starts (or language switches), interleaved.

    uv run python build/bench_compare.py SRC_A SRC_B [--starts 15] [--measure start|language]

SRC_A and SRC_B are source trees (a checkout, a `git worktree`, a patched copy). Each sample is
a fresh process running this checkout's build/bench_start.py (or build/bench_session.py) with
`--src` pointing at one tree, so both trees are timed by the same harness. The samples go in
pairs, A then B, then B then A, and so on: on a shared machine a slow moment hits both alike,
and the median of the pairs' differences is the figure to read.

`start`: seconds from launching the process to the first painted frame, as build/benchmark.py
measures it (`kiosk --windowed` through the command line's parser), and beside it the CPU
time the process used until then, which other programs' load hardly moves. `language`: each
process switches the language 13 times on each of four pages, ROUNDS times, and reports its
median (wall clock and the thread's CPU time).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchmark import environment  # noqa: E402  (build/benchmark.py, beside this file)


def one_start(env: dict[str, str], src: Path) -> tuple[float, float]:
    """Seconds from launch to the first painted frame, and the CPU seconds the process used."""
    launched = time.monotonic()
    out = subprocess.run(
        [sys.executable, str(HERE / "bench_start.py"), "kiosk", "--src", str(src)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    report = json.loads(out.strip().splitlines()[-1])
    if not report.get("paints_seen"):
        raise RuntimeError(f"{src}: the timed frame drew nothing")
    return report["painted_monotonic"] - launched, report["cpu_s"]


def one_language_run(
    env: dict[str, str], src: Path, rounds: int, reports: list[dict[str, object]]
) -> tuple[float, float]:
    """The median language switch of one process: wall clock and the thread's CPU time (its
    whole report, p95 included, is added to ``reports``)."""
    out = subprocess.run(
        [
            *(sys.executable, str(HERE / "bench_session.py"), "0", "--timings-only"),
            *("--rounds", str(rounds), "--src", str(src)),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        timeout=600,
        check=True,
    ).stdout
    switch = json.loads(out.strip().splitlines()[-1])["language_switch"]
    reports.append(switch)
    return switch["p50_ms"] / 1000, switch["cpu_p50_ms"] / 1000


@dataclass(frozen=True, slots=True)
class Figures:
    median_a: float
    median_b: float
    difference: float  # the median of the paired differences B - A
    interval: tuple[float, float]  # 95 % confidence interval of their median
    b_slower: int  # pairs in which B took longer


def median_interval(values: list[float]) -> tuple[float, float]:
    """A distribution-free 95 % confidence interval for the median (from the order statistics
    and the binomial distribution): on a noisy machine it says how far to trust a median."""
    ordered, n = sorted(values), len(values)
    k, below = 0, 0.0
    while k < n // 2:
        below += math.comb(n, k) / 2**n  # P(fewer than k + 1 of n fall below the median)
        if below > 0.025:
            break
        k += 1
    k = max(k, 1)
    return ordered[k - 1], ordered[n - k]


def summary(samples: dict[str, list[float]]) -> Figures:
    differences = [b - a for a, b in zip(samples["A"], samples["B"], strict=True)]
    difference = statistics.median(differences)
    return Figures(
        median_a=statistics.median(samples["A"]),
        median_b=statistics.median(samples["B"]),
        difference=difference,
        interval=median_interval(differences),
        b_slower=sum(d > 0 for d in differences),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src_a", type=Path, metavar="SRC_A")
    parser.add_argument("src_b", type=Path, metavar="SRC_B")
    parser.add_argument("--starts", type=int, default=15, help="samples of each tree")
    parser.add_argument("--measure", choices=("start", "language"), default="start")
    parser.add_argument("--rounds", type=int, default=3, help="language: rounds per process")
    parser.add_argument("--json", type=Path, help="write the samples to this file")
    args = parser.parse_args()
    trees = {"A": args.src_a.resolve(), "B": args.src_b.resolve()}
    for tree in trees.values():
        if not (tree / "kiosk" / "__init__.py").is_file():
            parser.error(f"{tree}: no kiosk package there")

    with tempfile.TemporaryDirectory(prefix="kiosk-compare-") as tmp:
        # Each tree gets its own fresh XDG folders, the same for all its samples.
        envs = {name: environment(Path(tmp) / name) for name in trees}
        reports: dict[str, list[dict[str, object]]] = {"A": [], "B": []}

        def sample(name: str) -> tuple[float, float]:
            if args.measure == "start":
                return one_start(envs[name], trees[name])
            return one_language_run(envs[name], trees[name], args.rounds, reports[name])

        load_before = os.getloadavg()
        for name in trees:  # writes each tree's .pyc files and warms the disk cache: not counted
            sample(name)
        for kept in reports.values():
            kept.clear()
        samples: dict[str, list[float]] = {"A": [], "B": []}
        cpu: dict[str, list[float]] = {"A": [], "B": []}
        for i in range(args.starts):
            for name in ("A", "B") if i % 2 == 0 else ("B", "A"):
                wall, cpu_s = sample(name)
                samples[name].append(wall)
                cpu[name].append(cpu_s)
        load_after = os.getloadavg()

    what = "cold start to first frame" if args.measure == "start" else "language switch p50"
    print(f"{what}, {args.starts} samples each, interleaved (A B, B A, ...)")
    print(f"  A {trees['A']}")
    print(f"  B {trees['B']}")
    figures = {"wall clock": summary(samples), "CPU time": summary(cpu)}
    for kind, f in figures.items():
        print(
            f"  {kind:10}  A {f.median_a * 1000:6.1f} ms  B {f.median_b * 1000:6.1f} ms"
            f"  B - A, median of the pairs {f.difference * 1000:+6.1f} ms"
            f" (95 % interval {f.interval[0] * 1000:+.1f} to {f.interval[1] * 1000:+.1f} ms;"
            f" B slower in {f.b_slower} of {args.starts})"
        )
    print(
        "  load average before / after: "
        + " / ".join(", ".join(f"{v:.2f}" for v in load) for load in (load_before, load_after))
        + f" on {os.cpu_count()} CPUs"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "measure": args.measure,
                    "trees": {k: str(v) for k, v in trees.items()},
                    "samples_s": samples,
                    "cpu_samples_s": cpu,
                    "language_reports": reports,
                    "figures_s": {kind: asdict(f) for kind, f in figures.items()},
                    "load_average": [load_before, load_after],
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
