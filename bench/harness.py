"""Timing helpers shared by the benchmarks: warm-up then repeats, robust statistics, peak memory, the machine.

Figures are the median of repeated runs with p95, min and max (issue 9): a mean hides the outliers a noisy
2-core machine produces, and the min shows what the code can do when nothing else runs. Peak memory is the
process's resident high-water mark (VmHWM), read in the process that did the work: `ru_maxrss` of a child
keeps its forking parent's mark across exec, which would charge the runner's memory to every stage.

Also the child entry point the runner uses to run one stage in a fresh interpreter:

    python -m bench.harness --stage bench.photo --out result.json [--quick]
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import platform
import resource
import statistics
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0..100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(values: Sequence[float], digits: int = 3) -> dict[str, float]:
    """median, p95, min, max, mean and n of the samples (the shape every benchmark figure has)."""
    if not values:
        raise ValueError("no samples to summarize")
    if any(math.isnan(v) for v in values):
        raise ValueError("a sample is NaN")
    return {
        "median": round(statistics.median(values), digits),
        "p95": round(percentile(values, 95), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "mean": round(statistics.fmean(values), digits),
        "n": len(values),
    }


def measure(fn: Callable[[], object], repeats: int, warmup: int = 2) -> dict[str, float]:
    """Milliseconds per call of `fn`: `warmup` untimed calls (imports, caches), then `repeats` timed ones."""
    if repeats < 1:
        raise ValueError("repeats must be >= 1")
    for _ in range(warmup):
        fn()
    samples: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1e3)
    return summarize(samples)


def rate(count: int, seconds: Sequence[float]) -> dict[str, float]:
    """Items per second from the wall time of repeated batches of `count` items."""
    if count < 1 or not seconds or min(seconds) <= 0:
        raise ValueError("a rate needs a positive count and positive durations")
    return summarize([count / s for s in seconds], digits=1)


def peak_rss_mb() -> float:
    """This process's resident high-water mark in MB (Linux VmHWM), or ru_maxrss where /proc is missing."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    """The largest resident high-water mark of any waited-for child process (a stage's own workers)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def machine() -> dict[str, Any]:
    """What the figures were measured on: they mean little without it."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    memory_gb = 0.0
    try:
        with open("/proc/meminfo") as info:
            kb = next(int(line.split()[1]) for line in info if line.startswith("MemTotal:"))
            memory_gb = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0
    return {
        "cpu": cpu,
        "cores": usable,
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "arch": platform.machine(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def run_stage(module_name: str, quick: bool) -> dict[str, Any]:
    """Run `module.run(quick)` in this process and wrap it with wall time and peak memory."""
    started = time.perf_counter()
    module = importlib.import_module(module_name)
    result = module.run(quick=quick)
    return {
        "ok": True,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "children_peak_rss_mb": round(children_peak_rss_mb(), 1),
        "result": result,
    }


def _child(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="run one benchmark stage in this interpreter")
    parser.add_argument("--stage", required=True, help="module name, e.g. bench.photo")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    try:
        payload = run_stage(args.stage, args.quick)
    except Exception as exc:  # reported in the results file: one failing stage must not hide the others
        payload = {"ok": False, "error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
    args.out.write_text(json.dumps(payload, default=str))
    return 0 if payload["ok"] else 1


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(_child(sys.argv[1:]))
