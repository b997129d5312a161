"""Compare two checkouts of the kiosk: cold starts (or language switches), interleaved.

    uv run python build/bench_compare.py SRC_A SRC_B [--starts 15] [--measure start|language]

SRC_A and SRC_B are source trees (a checkout, a `git worktree`, a patched copy). Each sample is
a fresh process running this checkout's build/bench_start.py (or build/bench_session.py) with
`--src` pointing at one tree, so both trees are timed by the same harness. The samples go in
pairs, A then B, then B then A, and so on: on a shared machine a slow moment hits both alike,
and the median of the pairs' differences is the figure to read.

`start`: seconds from launching the process to the first painted frame, as build/benchmark.py
measures it (`kiosk --windowed` through the command line's parser). `language`: each process
switches the language 13 times on each of four pages, ROUNDS times, and reports its median.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchmark import environment  # noqa: E402  (build/benchmark.py, beside this file)


def one_start(env: dict[str, str], src: Path) -> float:
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
    return report["painted_monotonic"] - launched


def one_language_run(env: dict[str, str], src: Path, rounds: int) -> float:
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
    return json.loads(out.strip().splitlines()[-1])["language_switch"]["p50_ms"] / 1000


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

        def sample(name: str) -> float:
            if args.measure == "start":
                return one_start(envs[name], trees[name])
            return one_language_run(envs[name], trees[name], args.rounds)

        load_before = os.getloadavg()
        for name in trees:  # writes each tree's .pyc files and warms the disk cache: not counted
            sample(name)
        samples: dict[str, list[float]] = {"A": [], "B": []}
        for i in range(args.starts):
            for name in ("A", "B") if i % 2 == 0 else ("B", "A"):
                samples[name].append(sample(name))
        load_after = os.getloadavg()

    differences = [b - a for a, b in zip(samples["A"], samples["B"], strict=True)]
    median_a, median_b = statistics.median(samples["A"]), statistics.median(samples["B"])
    diff = statistics.median(differences)
    quartiles = statistics.quantiles(differences, n=4) if len(differences) > 1 else [diff] * 3
    slower = sum(d > 0 for d in differences)
    what = "cold start to first frame" if args.measure == "start" else "language switch p50"
    print(f"{what}, {args.starts} samples each, interleaved (A B, B A, ...)")
    print(f"  A {trees['A']}: median {median_a * 1000:.1f} ms")
    print(f"  B {trees['B']}: median {median_b * 1000:.1f} ms")
    print(
        f"  B - A, median of the paired differences: {diff * 1000:+.1f} ms"
        f" (quartiles {quartiles[0] * 1000:+.1f} / {quartiles[2] * 1000:+.1f} ms;"
        f" B slower in {slower} of {len(differences)} pairs)"
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
                    "median_s": {"A": median_a, "B": median_b},
                    "median_difference_s": diff,
                    "load_average": [load_before, load_after],
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
