"""Region index and NIK validation benchmark.

    .venv/bin/python bench/region.py [--quick]

Figures: cold load of the region index in a fresh interpreter (import of ektp.domain.region, then the
first RegionIndex; villages are lazy and measured apart), lazy village load, and NIK validations per second.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from typing import Any

from ektp.domain.nik import Sex, make_nik, validate_nik
from ektp.domain.region import regions

_CHILD = """
import json, time
t0 = time.perf_counter()
from ektp.domain.region import RegionIndex
t1 = time.perf_counter()
idx = RegionIndex()
idx.exists("31.71.01")
t2 = time.perf_counter()
idx.exists("31.71.01.1001")
t3 = time.perf_counter()
print(json.dumps({"import_ms": (t1 - t0) * 1e3, "load_ms": (t2 - t1) * 1e3, "villages_ms": (t3 - t2) * 1e3}))
"""


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(ordered), 3),
        "p95": round(p95, 3),
        "min": round(ordered[0], 3),
        "max": round(ordered[-1], 3),
        "n": len(ordered),
    }


def bench_cold_load(runs: int) -> dict[str, Any]:
    samples: list[dict[str, float]] = []
    for i in range(runs + 1):
        proc = subprocess.run([sys.executable, "-c", _CHILD], check=True, capture_output=True, text=True)
        if i > 0:  # the first run warms the OS file cache
            samples.append(json.loads(proc.stdout))
    return {key: _stats([s[key] for s in samples]) for key in ("import_ms", "load_ms", "villages_ms")}


def bench_nik(rounds: int, per_round: int) -> dict[str, Any]:
    idx = regions()
    rng = random.Random(1)
    districts = idx.codes("district")
    cases: list[tuple[str, Sex, date]] = []
    sexes: tuple[Sex, Sex] = ("M", "F")
    for _ in range(per_round):
        born = date(rng.randint(1930, 2010), rng.randint(1, 12), rng.randint(1, 28))
        sex = rng.choice(sexes)
        cases.append((make_nik(rng.choice(districts), born, sex, rng.randint(1, 9999)), sex, born))
    for nik, sex, born in cases[:200]:  # warm-up
        validate_nik(nik, sex=sex, birth_date=born)
    rates: list[float] = []
    per_call_us: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        for nik, sex, born in cases:
            validate_nik(nik, sex=sex, birth_date=born)
        elapsed = time.perf_counter() - start
        rates.append(per_round / elapsed)
        per_call_us.append(elapsed / per_round * 1e6)
    return {"validations_per_s": _stats(rates), "per_call_us": _stats(per_call_us)}


def run(quick: bool = False) -> dict[str, Any]:
    return {
        "cold_load": bench_cold_load(3 if quick else 9),
        "nik": bench_nik(3 if quick else 7, 1000 if quick else 5000),
    }


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
