"""False candidates per 1:N search grow as N x FMR: a simulation over synthetic galleries of growing size.

Run: `.venv/bin/python -m bench.scale_sim [--quick] [--max-n 1000000]` (docs/scale.md quotes a run): the
full run, galleries up to 1M. `make bench` runs it as its `scale_sim` stage in a small mode (galleries of 10k,
30k and 100k, ~15 s on 2 cores; with --quick 10k and 30k and a smaller FMR sample).

The synthetic face model: identities drawn around population groups (a group centre plus the identity's own
offset, normalised to dlib's norm 0.6), so impostor distances have a tail, as real embeddings that cluster by
ancestry, age and sex do. Steps:
1. FMR(t) is measured on impostor pairs of identities that are in no gallery (up to ~10^7 pairs, one GEMM), and
   thresholds are read at FMR 1e-3, 1e-4 and 1e-5; FMR is also reported at the deployed face threshold.
2. For each gallery size N, N identities are enrolled (the real int8 shard format) and searched with probes of
   identities that are not enrolled, plus a genuine mate planted for some probes (a hard one: distance ~0.45),
   with the exact scan as deployed (`search_shard_batch`). Every candidate within t is a false candidate.
3. The mean false candidates per search is compared with N x FMR(t), and every planted mate must be found.
The absolute rates belong to this synthetic model, not to dlib or SFace on Indonesian faces; what the run
checks is the law the national design rests on, and that the scan loses no mate as N grows.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "layers" / "core"))

from ektp.biometrics import config  # noqa: E402
from ektp.biometrics.gallery import LoadedShard, build_shard, load_shard, search_shard_batch  # noqa: E402

DIM = 128
NORM = 0.6  # dlib embeddings' norm
GROUPS = 24  # population groups the identities cluster around
GROUP_SPREAD = 1.0  # relative size of a group centre against an identity's own offset
FMR_TARGETS = (1e-3, 1e-4, 1e-5)
GENUINE_DISTANCE = 0.45  # a hard genuine mate (ageing, a poor photo): inside 0.5, near the genuine tail


class FaceModel:
    """Synthetic identities around fixed group centres (seeded): the same model for gallery, probes and FMR."""

    def __init__(self, seed: int = 19) -> None:
        rng = np.random.default_rng(seed)
        self.centres = (rng.standard_normal((GROUPS, DIM)) * GROUP_SPREAD).astype(np.float32)

    def identities(self, n: int, rng: np.random.Generator) -> npt.NDArray[np.float32]:
        group = rng.integers(0, GROUPS, n)
        x = self.centres[group] + rng.standard_normal((n, DIM)).astype(np.float32)
        x *= np.float32(NORM) / np.linalg.norm(x, axis=1, keepdims=True)
        return x


def mate_of(x: npt.NDArray[np.float32], rng: np.random.Generator) -> npt.NDArray[np.float32]:
    """Another capture of the same faces, GENUINE_DISTANCE away from each row."""
    step = rng.standard_normal(x.shape).astype(np.float32)
    step -= (np.einsum("ij,ij->i", step, x) / np.einsum("ij,ij->i", x, x))[
        :, None
    ] * x  # orthogonal: stays on the shell
    step *= np.float32(GENUINE_DISTANCE) / np.linalg.norm(step, axis=1, keepdims=True)
    return (x + step).astype(np.float32)


def impostor_distances(model: FaceModel, pairs: int, rng: np.random.Generator) -> npt.NDArray[np.float32]:
    """Distances of `pairs` impostor pairs: every row of A against every row of B, none enrolled anywhere."""
    a_n = int(math.sqrt(pairs / 2.5))
    b_n = int(pairs / a_n)
    a, b = model.identities(a_n, rng), model.identities(b_n, rng)
    sq: npt.NDArray[np.float32] = np.einsum("ij,ij->i", a, a)[:, None] + np.einsum("ij,ij->i", b, b)[None, :]
    sq -= np.float32(2.0) * (a @ b.T)
    out: npt.NDArray[np.float32] = np.sqrt(np.maximum(sq, np.float32(0.0))).ravel()
    return out


def thresholds(distances: npt.NDArray[np.float32]) -> dict[str, Any]:
    ordered = np.sort(distances)
    out: dict[str, Any] = {"pairs": int(ordered.size), "at_fmr": {}}
    for fmr in FMR_TARGETS:
        k = max(1, round(fmr * ordered.size))
        t = float(ordered[k - 1])
        out["at_fmr"][f"{fmr:g}"] = {"threshold": round(t, 4), "fmr": k / ordered.size, "events": k}
    deployed = config.FACE_DUPLICATE_MAX_DISTANCE
    out["fmr_at_deployed_threshold"] = {
        "threshold": deployed,
        "fmr": float(np.count_nonzero(ordered <= deployed) / ordered.size),
    }
    out["impostor_distance_p50"] = round(float(ordered[ordered.size // 2]), 3)
    return out


def count_within(
    shard: LoadedShard, queries: npt.NDArray[np.float32], limits: dict[str, float], rows: int = 16384
) -> dict[str, npt.NDArray[np.int64]]:
    """Per probe, how many enrolled rows lie within each distance limit: every one, not a top K (a face in a
    dense part of its group can have thousands of look-alikes in a large gallery)."""
    counts = {label: np.zeros(queries.shape[0], dtype=np.int64) for label in limits}
    qn = np.einsum("ij,ij->i", queries, queries)
    q_eff = queries * np.float32(shard.scale)
    for start in range(0, shard.count, rows):
        block = shard.matrix[start : start + rows].astype(np.float32)
        sq = shard.norms[None, start : start + rows] + qn[:, None] - 2.0 * (q_eff @ block.T)
        for label, t in limits.items():
            counts[label] += np.count_nonzero(sq <= np.float32(t * t), axis=1)
    return counts


def simulate(n: int, probes: int, fmr_table: dict[str, Any], model: FaceModel, seed: int) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    gallery = model.identities(n, rng)
    queries = model.identities(probes, rng)
    planted = probes // 4  # a quarter of the probes have a genuine mate in the gallery (at random rows)
    rows = rng.choice(n, planted, replace=False)
    gallery[rows] = mate_of(queries[:planted], rng)
    ids = [f"{i:016d}" for i in range(n)]
    shard = load_shard(build_shard(ids, gallery))
    del gallery
    start = time.perf_counter()
    found = search_shard_batch(shard, queries, top_k=50)  # the deployed search: are the mates among the 50?
    elapsed = time.perf_counter() - start
    mate_ids = {j: ids[int(r)] for j, r in enumerate(rows)}
    mates_found = sum(1 for j, mate in mate_ids.items() if mate in {c.id for c in found[j]})
    within = count_within(shard, queries, {k: v["threshold"] for k, v in fmr_table["at_fmr"].items()})
    has_mate = np.arange(probes) < planted  # a planted mate (0.45 away) is no false candidate
    per_threshold = {}
    for label, row in fmr_table["at_fmr"].items():
        t, fmr = row["threshold"], row["fmr"]
        false = within[label] - (has_mate & (t >= GENUINE_DISTANCE))
        observed = float(np.mean(false))
        predicted = n * fmr
        # Faces differ in how many look-alikes they have (some sit in a dense part of their group), so the
        # spread is measured across probes, not assumed Poisson.
        stderr = float(np.std(false, ddof=1) / math.sqrt(probes))
        per_threshold[label] = {
            "threshold": t,
            "predicted_per_search": round(predicted, 4),
            "observed_per_search": round(observed, 4),
            "stderr": round(stderr, 4),
            "ratio": round(observed / predicted, 3) if predicted else None,
            "within_2_stderr": abs(observed - predicted) <= 2 * stderr,
        }
    return {
        "gallery": n,
        "probes": probes,
        "search_s": round(elapsed, 3),
        "planted_mates": planted,
        "mates_in_top_50": mates_found,
        "false_candidates": per_threshold,
    }


STAGE_MAX_N = 100_000  # the `make bench` stage's largest gallery (quick: QUICK_MAX_N)
QUICK_MAX_N = 30_000


def run(quick: bool = False, max_n: int | None = None) -> dict[str, Any]:
    """The simulation; `max_n` None is the `make bench` stage's small mode (the CLI's default is the full run)."""
    max_n = max_n if max_n is not None else (QUICK_MAX_N if quick else STAGE_MAX_N)
    model = FaceModel()
    pairs = 2_000_000 if quick else 10_000_000
    fmr_table = thresholds(impostor_distances(model, pairs, np.random.default_rng(1)))
    sizes = [n for n in (10_000, 30_000, 100_000, 300_000, 1_000_000) if n <= max_n]
    probes = 100 if quick else 400
    return {
        "model": {
            "groups": GROUPS,
            "group_spread": GROUP_SPREAD,
            "norm": NORM,
            "genuine_distance": GENUINE_DISTANCE,
        },
        "fmr": fmr_table,
        "galleries": [simulate(n, probes, fmr_table, model, seed=100 + i) for i, n in enumerate(sizes)],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scale_sim", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller FMR sample and galleries up to 100k")
    parser.add_argument("--max-n", type=int, default=1_000_000, help="largest synthetic gallery")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.quick, min(args.max_n, STAGE_MAX_N) if args.quick else args.max_n), indent=2))


if __name__ == "__main__":
    main()
