"""Biometrics benchmark: face 1:1, 1:N shard search at 100k/1M templates, fingerprint extract and match.

Run: `.venv/bin/python bench/biometrics.py [--quick]` (quick: 100k templates only). Targets: face 1:1
(detect + embed both images) <= 300 ms; 1:N over 1M <= 50 ms and <= 300 MB; fingerprint match <= 10 ms;
the 1:N scan within 2x of the memory-read floor (issue 19).

The floor: the time this core needs just to read the shard's int8 codes once, measured in the same process
on the same bytes (`read_floor`): the fastest of a SIMD max over the bytes and a sum over them viewed as
uint64 (both stream every byte and write nothing), with np.copyto (read + write) reported beside them. The
scan of one probe and one pass for a sweep's batch are reported as multiples of it, for the kernel the search
uses (`auto`: for one or two probes the fused numba loop of ektp.biometrics.gallery.fused, for batches the
onnxruntime GEMM of gallery.int8, each where installed) and, beside it, the numpy float32 scan they replaced
(`numpy_kernel`), measured in the same process on the same shard.
One core: BLAS threads are pinned to 1 before numpy loads (onnxruntime's session is pinned to one thread).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Only the gallery at module level: the search child process must not load OpenCV, dlib or nbis.
from ektp.biometrics.gallery import (  # noqa: E402
    build_shard,
    fused,
    int8,
    load_shard,
    search_shard,
    search_shard_batch,
)

BATCH_PROBES = 100  # a sweep's batch (the SQS consumer takes up to 500)
FULL_BATCH_PROBES = 500


def _timed(fn: Callable[[], object], repeat: int, warmup: int = 2) -> dict[str, float]:
    for _ in range(warmup):
        fn()
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[min(len(samples) - 1, int(0.95 * len(samples)))], 2),
        "min_ms": round(samples[0], 2),
        "max_ms": round(samples[-1], 2),
        # CPU time of this process (one thread): on a machine shared with other work, wall time includes the
        # waits for a core; the CPU time does not (cache and memory contention still count).
        "cpu_median_ms": round(statistics.median(cpu), 2),
        "n": repeat,
    }


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def bench_face(repeat: int) -> dict[str, Any]:
    from ektp.biometrics.face import compare_faces, get_face_engine
    from tests.support.public_fixtures import face_images

    faces = face_images()
    a, b = faces["obama"].read_bytes(), faces["obama2"].read_bytes()
    engine = get_face_engine()
    start = time.perf_counter()
    engine.analyze(a)  # includes the one-off model load (cold start)
    cold = (time.perf_counter() - start) * 1000
    return {
        "face_1to1_ms": _timed(lambda: compare_faces(engine.analyze(a), engine.analyze(b)), repeat),
        "face_first_call_with_model_load_ms": round(cold, 1),
        "image_sizes": ["obama.jpg 910x1137", "obama2.jpg 626x1200"],
    }


def read_floor(matrix: np.ndarray[Any, Any], repeat: int) -> dict[str, Any]:
    """How long one core takes just to read these bytes: the floor under any exact scan of them."""
    flat = np.ascontiguousarray(matrix).reshape(-1)
    as_u8 = flat.view(np.uint8)
    words = flat[: flat.size - flat.size % 8].view(np.uint64)
    target = np.empty_like(flat)
    kernels = {
        "max_u8_ms": _timed(as_u8.max, repeat),
        "sum_u64_ms": _timed(words.sum, repeat),
        "copyto_ms": _timed(lambda: np.copyto(target, flat), repeat),
    }
    floor = min(kernels["max_u8_ms"]["median_ms"], kernels["sum_u64_ms"]["median_ms"])
    floor_cpu = min(kernels["max_u8_ms"]["cpu_median_ms"], kernels["sum_u64_ms"]["cpu_median_ms"])
    # The fastest single read seen: on a shared machine the minimum is the least disturbed sample.
    best = min(kernels["max_u8_ms"]["min_ms"], kernels["sum_u64_ms"]["min_ms"])
    return {
        "bytes": int(flat.nbytes),
        "floor_ms": floor,
        "floor_min_ms": best,
        "floor_cpu_ms": floor_cpu,
        "read_gb_per_s": round(flat.nbytes / (floor / 1000) / 1e9, 1),
        **{k: v["median_ms"] for k, v in kernels.items()},
    }


def _batch_pass(
    shard: Any, probe: np.ndarray[Any, Any], size: int, repeat: int, planted: str, kernel: Any = "auto"
) -> dict[str, Any]:
    """One pass over the shard for a sweep's batch: every probe a noisy copy of the planted row's face."""
    noise = np.random.default_rng(size).standard_normal((size, shard.dim)).astype(np.float32)
    probes = np.repeat(probe[None, :], size, axis=0) + np.float32(0.002) * noise
    found = search_shard_batch(shard, probes, 50, kernel=kernel)
    timing = _timed(lambda: search_shard_batch(shard, probes, 50, kernel=kernel), repeat, warmup=1)
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
    return {
        **timing,
        "probes": size,
        "top_k": 50,
        "per_probe_ms": round(timing["median_ms"] / size, 3),
        "peak_rss_mb": round(peak, 1),
        "planted_found_first": all(f[0].id == planted for f in found),
    }


def _search_child(path: str, repeat: int) -> dict[str, Any]:
    """Runs in a fresh process holding only numpy, pydantic and the shard, as a shard-search Lambda would."""
    rss_start = _rss_mb()
    with open(path, "rb") as f:
        data = f.read()
    shard = load_shard(data)
    rss_loaded = _rss_mb()
    row = shard.count // 2
    probe = shard.matrix[row].astype(np.float32) * np.float32(shard.scale) + np.float32(0.01)
    planted = bytes(shard.ids[row]).decode()
    found = search_shard(shard, probe, 50)
    timing = _timed(lambda: search_shard(shard, probe, 50), repeat)
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
    # The sweep's case: one pass over the shard for a whole batch of waiting applications.
    batch = _batch_pass(shard, probe, BATCH_PROBES, max(3, repeat // 5), planted)
    full = _batch_pass(shard, probe, FULL_BATCH_PROBES, 3, planted) if shard.count >= 1_000_000 else None
    before = _numpy_kernel(shard, probe, repeat, planted)
    floor = read_floor(shard.matrix, repeat)  # last: its copy target must not count in the peaks above
    before["x_floor_cpu"] = round(before["cpu_median_ms"] / floor["floor_cpu_ms"], 2)
    before["batch"]["per_probe_x_floor_cpu"] = round(
        before["batch"]["cpu_median_ms"] / BATCH_PROBES / floor["floor_cpu_ms"], 2
    )
    return {
        "kernel": {
            "one_probe": "fused"
            if fused.screen_loop()
            else ("int8" if int8.dots_kernel(shard.dim) else "numpy"),
            "batch": "int8" if int8.dots_kernel(shard.dim) is not None else "numpy",
        },
        **timing,
        "templates": shard.count,
        "top_k": 50,
        "shard_mb": round(len(data) / 2**20, 1),
        "rss_before_load_mb": round(rss_start, 1),
        "rss_loaded_mb": round(rss_loaded, 1),
        "peak_rss_mb": round(peak, 1),
        "planted_found_first": found[0].id == planted,
        "read_floor": floor,
        # The issue 19 target: the exact scan of one probe within 2x of just reading the codes.
        "x_floor": round(timing["median_ms"] / floor["floor_ms"], 2),
        "x_floor_min": round(timing["min_ms"] / floor["floor_min_ms"], 2),  # least disturbed samples of both
        "x_floor_cpu": round(timing["cpu_median_ms"] / floor["floor_cpu_ms"], 2),
        "batch": {
            **batch,
            "pass_x_floor": round(batch["median_ms"] / floor["floor_ms"], 1),
            "per_probe_cpu_ms": round(batch["cpu_median_ms"] / BATCH_PROBES, 3),
            "per_probe_x_floor_cpu": round(batch["cpu_median_ms"] / BATCH_PROBES / floor["floor_cpu_ms"], 2),
        },
        "numpy_kernel": before,
        **(
            {"batch_500": {**full, "pass_x_floor": round(full["median_ms"] / floor["floor_ms"], 1)}}
            if full
            else {}
        ),
    }


def _numpy_kernel(shard: Any, probe: np.ndarray[Any, Any], repeat: int, planted: str) -> dict[str, Any]:
    """The numpy float32 scan (the kernel before the int8 one), one probe and a 100-probe pass, same shard."""
    found = search_shard(shard, probe, 50, kernel="numpy")
    return {
        **_timed(lambda: search_shard(shard, probe, 50, kernel="numpy"), repeat),
        "planted_found_first": found[0].id == planted,
        "same_candidates_as_the_kernel_used": found == search_shard(shard, probe, 50),
        "batch": _batch_pass(shard, probe, BATCH_PROBES, max(3, repeat // 5), planted, kernel="numpy"),
    }


def bench_search(n: int, repeat: int) -> dict[str, Any]:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, 128)).astype(np.float32)
    x *= np.float32(0.6) / np.linalg.norm(x, axis=1, keepdims=True)  # dlib-like component range
    data = build_shard([f"{i:016d}" for i in range(n)], x)
    del x
    with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
        f.write(data)
    del data
    try:
        child = subprocess.run(
            [sys.executable, __file__, "--search-child", f.name, str(repeat)],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(f.name)
    return {f"search_{n}": json.loads(child.stdout)}


def bench_fingerprint(repeat: int) -> dict[str, Any]:
    from ektp.biometrics.fingerprint import get_fingerprint_engine, template_from_bytes
    from tests.support.public_fixtures import fingerprint_images

    prints = fingerprint_images()
    engine = get_fingerprint_engine()
    raw = prints["p1_1"].read_bytes()
    t = {n: engine.extract(p.read_bytes()) for n, p in prints.items()}
    stored = t["p1_1"].iso_bytes
    # Extraction precomputes the matcher's descriptors; a stored template pays for them when it is loaded,
    # so a 1:1 check against an enrolled print is the load plus the match.
    return {
        "fingerprint_extract_ms": _timed(lambda: engine.extract(raw), repeat),
        "fingerprint_match_genuine_ms": _timed(lambda: engine.match(t["p1_1"], t["p1_2"]), repeat * 3),
        "fingerprint_match_impostor_ms": _timed(lambda: engine.match(t["p1_1"], t["p2_1"]), repeat * 3),
        "fingerprint_match_stored_genuine_ms": _timed(
            lambda: engine.match(template_from_bytes(stored), t["p1_2"]), repeat * 3
        ),
    }


def run(quick: bool = False) -> dict[str, Any]:
    repeat = 10 if quick else 30
    result: dict[str, Any] = {"quick": quick}
    result.update(bench_face(repeat))
    result.update(bench_fingerprint(repeat))
    for n in (100_000,) if quick else (100_000, 1_000_000):
        result.update(bench_search(n, repeat))
    return result


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--search-child":
        print(json.dumps(_search_child(sys.argv[2], int(sys.argv[3]))))
    else:
        print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
