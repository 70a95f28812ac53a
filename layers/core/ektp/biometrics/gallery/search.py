"""The exact 1:N scan of a shard, its top-K candidates per probe, and the verdicts read from candidates.

National scale (~280 million residents): 1M templates a shard (128 MB as int8) gives ~280 shards; the
Step Functions Map state runs `search_shard` over each shard in parallel and `merge_candidates` reduces
the per-shard lists.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from ektp.biometrics import config
from ektp.biometrics.gallery import fused, int8
from ektp.biometrics.gallery.shard import LoadedShard, load_shard
from ektp.biometrics.scores import distance_to_score
from ektp.domain.reasons import Reason, reason


class Candidate(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str  # the NIK the template is enrolled under
    distance: float
    score: float
    shard: str | None = None


# Rows dequantised per step of the scan. Measured on 1M rows, one core (bench/biometrics.py, `make bench`):
# one probe 30 ms at 4096 rows (per-call overhead of ~250 small conversions), 18-19 ms at 16384, 21 ms at
# 32768 (the 8 MB float32 buffer leaves L3's share); a batch of 100 probes 0.39-0.41 s at 2048-16384.
SCAN_CHUNK_ROWS = 16384
# The int8 kernel's chunk, in rows: about INT8_CHUNK_PRODUCTS int32 products (rows x 2 columns a probe) at a
# time, within [INT8_CHUNK_MIN_ROWS, INT8_CHUNK_MAX_ROWS]. Measured on 1M rows, one core (bench/biometrics.py):
# one probe 11.9 ms at 65,536 rows, 13.4 at 16,384 (per-call overhead); 100 probes 383 ms at 2,621 rows,
# 484-572 ms at 655-1,311 (onnxruntime repacks its inputs per call).
INT8_CHUNK_PRODUCTS = 1 << 20
INT8_CHUNK_MIN_ROWS = 4096
INT8_CHUNK_MAX_ROWS = 65536

# "auto": for int8 shards and finite probes, the fused loop (`gallery.fused`, numba) for up to
# FUSED_MAX_PROBES probes, else the int8 GEMM (`gallery.int8`, onnxruntime), each where installed, else numpy;
# "fused", "int8": that kernel or a ValueError; "numpy": the float32 scan.
ScanKernel = Literal["auto", "fused", "int8", "numpy"]
# Measured on 1M rows, one core, CPU medians (load average ~11 on 2 cores): fused / int8 GEMM 11-16 / 21-32 ms
# for one probe, 18 / 26 ms for two, 32 / 34 for four, 77 / 49 for ten.
FUSED_MAX_PROBES = 2
FUSED_FIRST_ROWS = 16384  # rows scored in full first, to set each probe's pool bound
_Pool = tuple[list[npt.NDArray[np.intp]], list[npt.NDArray[np.floating[Any]]]]
_Kept = tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.floating[Any]]]


def search_shard(
    shard: bytes | LoadedShard,
    probe: npt.ArrayLike,
    top_k: int = config.FACE_SEARCH_TOP_K,
    *,
    max_distance: float | None = None,
    exclude_ids: Iterable[str] = (),
    chunk_rows: int = SCAN_CHUNK_ROWS,
    kernel: ScanKernel = "auto",
) -> list[Candidate]:
    """The `top_k` nearest templates to `probe` (L2 on dequantised rows), nearest first, one per id."""
    q = np.asarray(probe, dtype=np.float32).reshape(1, -1)
    return search_shard_batch(
        shard,
        q,
        top_k,
        max_distance=max_distance,
        exclude_ids=[list(exclude_ids)],
        chunk_rows=chunk_rows,
        kernel=kernel,
    )[0]


def search_shard_batch(
    shard: bytes | LoadedShard,
    probes: npt.ArrayLike,
    top_k: int = config.FACE_SEARCH_TOP_K,
    *,
    max_distance: float | None = None,
    exclude_ids: Sequence[Iterable[str]] = (),
    chunk_rows: int = SCAN_CHUNK_ROWS,
    kernel: ScanKernel = "auto",
) -> list[list[Candidate]]:
    """`search_shard` for many probes in one pass over the shard (one candidate list per probe row).

    The national 1:N search is paid for by reading each shard, not by the arithmetic: searching a batch of
    probes per shard read is what makes it affordable (docs/cost-model.md, docs/scale.md). Exact: every row is
    compared with every probe (approximate indexes lose the hard genuine mates that matter: issue 19).
    `exclude_ids[i]` are ids never returned for probe i.
    """
    loaded = shard if isinstance(shard, LoadedShard) else load_shard(shard)
    q = np.asarray(probes, dtype=np.float32)
    if q.ndim != 2 or q.shape[1] != loaded.dim:
        raise ValueError(f"probes must be an (n, {loaded.dim}) matrix, got shape {q.shape}")
    if exclude_ids and len(exclude_ids) != q.shape[0]:
        raise ValueError("exclude_ids needs one entry per probe")
    if chunk_rows <= 0:
        raise ValueError("chunk_rows must be positive")
    excluded = [{e.encode("ascii") for e in ids} for ids in exclude_ids] or [set() for _ in range(q.shape[0])]
    if top_k <= 0 or loaded.count == 0 or q.shape[0] == 0:
        return [[] for _ in range(q.shape[0])]
    # Over-fetch so that duplicates of one id and excluded ids cannot push real candidates out.
    want = top_k * 4 + max(len(e) for e in excluded) + 8
    pool_idx, pool_val = _pool(loaded, q, want, chunk_rows, kernel)
    probe_norms = np.einsum("ij,ij->i", q, q)
    return [
        _nearest(loaded, pool_idx[j], 2.0 * pool_val[j] + probe_norms[j], top_k, excluded[j], max_distance)
        for j in range(q.shape[0])
    ]


def _pool(
    loaded: LoadedShard, q: npt.NDArray[np.float32], want: int, chunk_rows: int, kernel: ScanKernel
) -> _Pool:
    """The pool of the kernel `kernel` names (see ScanKernel); every kernel gives the same rows."""
    usable = kernel != "numpy" and loaded.quantisation == "int8" and bool(np.isfinite(q).all())
    loop = fused.screen_loop() if usable and kernel in ("auto", "fused") else None
    if loop is not None and (kernel == "fused" or q.shape[0] <= FUSED_MAX_PROBES):
        return _scan_fused(loaded, q, want, loop)
    dots = int8.dots_kernel(loaded.dim) if usable and kernel in ("auto", "int8") else None
    if dots is not None:
        return _scan_int8(loaded, q, want, dots)
    if kernel in ("fused", "int8"):
        raise ValueError(f"the {kernel} kernel needs an int8 shard, finite probes and its package installed")
    return _scan(loaded, q, want, chunk_rows)


def _scan(loaded: LoadedShard, q: npt.NDArray[np.float32], want: int, chunk_rows: int) -> _Pool:
    """One pass over the shard: per probe, the `want` rows of least |x|^2/2 - x.q (= (|x - q|^2 - |q|^2) / 2).

    The int8 codes are converted a chunk at a time into one reused float32 buffer and multiplied as
    probes x chunk^T (one BLAS call, the result already probe-major: no transpose copy). A row is kept only
    below its probe's `bound` (the worst value of a full pool), so after the first chunks a comparison rejects
    nearly every row; the kept rows of every probe are trimmed together (`_trim`), never one probe at a time
    in Python.
    """
    n, b = loaded.count, q.shape[0]
    # int8: x = code * scale, so x.q = code.(q * scale): fold the scale into the probes once.
    q_eff = np.ascontiguousarray(q * np.float32(loaded.scale) if loaded.quantisation == "int8" else q)
    half_norms = loaded.norms * np.float32(0.5)
    bound = np.full(b, np.inf, dtype=np.float32)
    kept: tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float32]] = (
        np.empty(0, np.intp),
        np.empty(0, np.intp),
        np.empty(0, np.float32),
    )
    fresh: list[tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float32]]] = []
    fresh_count = 0
    rows = min(chunk_rows, n)
    buf = np.empty((rows, loaded.dim), dtype=np.float32)
    out = np.empty((b, rows), dtype=np.float32)
    for start in range(0, n, rows):
        stop = min(n, start + rows)
        block, rank = buf[: stop - start], out[:, : stop - start]
        np.copyto(block, loaded.matrix[start:stop], casting="unsafe")
        np.matmul(q_eff, block.T, out=rank)
        np.subtract(half_norms[None, start:stop], rank, out=rank)
        hit_probe, hit_row, value = _hits(rank, bound, want)
        if hit_probe.size:
            fresh.append((hit_probe, hit_row + start, value))
            fresh_count += hit_probe.size
        if fresh_count > b * want:  # amortised: a trim at most once per `want` new rows a probe
            kept = _trim((kept, *fresh), want, bound)
            fresh, fresh_count = [], 0
    return _by_probe(_trim((kept, *fresh), want, bound), b)


def _by_probe(kept: _Kept, b: int) -> _Pool:
    """Kept (probe, row, value) sorted by probe, as one (rows, values) pair per probe."""
    edges = np.searchsorted(kept[0], np.arange(b + 1))
    return (
        [kept[1][edges[j] : edges[j + 1]] for j in range(b)],
        [kept[2][edges[j] : edges[j + 1]] for j in range(b)],
    )


def _scan_int8(loaded: LoadedShard, q: npt.NDArray[np.float32], want: int, dots: int8.Int8Dots) -> _Pool:
    """`_scan`'s pool, exactly, from integer products: screen every row, then score the survivors exactly.

    Each chunk's products (code + 128) . q16 (`gallery.int8`: one int8 GEMM reading each code once) give a
    screened value h + offset - step * product of |x|^2/2 - x.q (h = |x|^2/2) within eps of the exact one; a
    row is kept unless it is more than `width` (2 eps) above its probe's `want`-th best screened value, so no
    row of the exact pool is ever dropped. Once the pools are full, one integer comparison per product rejects
    nearly every row before any float is computed. The few survivors are then scored exactly (float64) and
    cut to `want`, ties by row order.
    """
    n, b = loaded.count, q.shape[0]
    q_eff = q * np.float32(loaded.scale)
    columns, step, offset = int8.probe_columns(q_eff)
    half_norms = loaded.norms.astype(np.float64) * 0.5
    width = int8.screen_width(step, loaded.dim, float(np.abs(half_norms).max(initial=0.0)), offset)
    least_half_norm = float(half_norms.min(initial=np.inf))
    codes = loaded.matrix.view(np.uint8)
    bound = np.full(b, np.inf)
    kept: _Kept = (np.empty(0, np.intp), np.empty(0, np.intp), np.empty(0, np.float64))
    fresh: list[_Kept] = []
    fresh_count = 0
    rows = min(INT8_CHUNK_MAX_ROWS, max(INT8_CHUNK_MIN_ROWS, INT8_CHUNK_PRODUCTS // (2 * b)))
    buf = np.empty((min(rows, n), loaded.dim), dtype=np.uint8)
    for start in range(0, n, rows):
        stop = min(n, start + rows)
        offset_codes = np.bitwise_xor(
            codes[start:stop], np.uint8(0x80), out=buf[: stop - start]
        )  # code + 128
        products = int8.combined(dots.offset_dots(offset_codes, columns))  # row-major (rows, b)
        chunk_norms = half_norms[start:stop]
        if np.isfinite(bound).all():
            least = int8.least_product(least_half_norm, offset, step, bound + width)
            hit_probe, hit_row, value = _product_hits(
                products, least, chunk_norms, offset, step, bound + width
            )
        else:
            screened = chunk_norms[:, None] + offset[None, :] - step[None, :] * products
            hit_probe, hit_row, value = _screened_hits(screened, bound, want, width)
        fresh.append((hit_probe, hit_row + start, value))
        fresh_count += hit_probe.size
        if fresh_count > b * want:
            kept = _trim((kept, *fresh), want, bound, width)
            fresh, fresh_count = [], 0
    kept = _trim((kept, *fresh), want, bound, width)
    return _by_probe(_exact_best(loaded, q_eff, kept, want), b)


def _scan_fused(
    loaded: LoadedShard, q: npt.NDArray[np.float32], want: int, loop: Callable[..., tuple[int, int]]
) -> _Pool:
    """`_scan_int8`'s pool from the fused loop: the first rows are scored in full to set each probe's bound,
    then one pass writes out only the rows within it (`width` above, as in `_scan_int8`), trimmed whenever
    the out arrays fill; the survivors are scored exactly."""
    n, b = loaded.count, q.shape[0]
    q_eff = q * np.float32(loaded.scale)
    q16, step = fused.probe_q16(q_eff)
    norms = loaded.norms  # float32 |x|^2, halved in the loop: no pass over them here beyond min and max
    width = int8.screen_width(step, loaded.dim, 0.5 * float(norms.max()), np.zeros(b))
    least_half_norm = 0.5 * float(norms.min())
    first = min(n, FUSED_FIRST_ROWS)
    size = first * b
    out: _Kept = (np.empty(size, np.intp), np.empty(size, np.intp), np.empty(size, np.float64))
    bound = np.full(b, np.inf)
    no_least = np.full(b, np.iinfo(np.int32).min, dtype=np.int32)
    _, written = loop(loaded.matrix[:first], 0, q16, norms, step, bound.copy(), no_least, *out)
    screened = np.full((first, b), np.inf)
    screened[out[1][:written], out[0][:written]] = out[2][:written]
    kept = _trim((_screened_hits(screened, bound, want, width),), want, bound, width)
    # Small out arrays: each fill is trimmed at once, tightening the bound early in the pass.
    cut = min(size, max(4 * b * want, 1024))
    small: _Kept = (out[0][:cut], out[1][:cut], out[2][:cut])
    row = first
    while row < n:
        limit = bound + width
        least = int8.least_product(least_half_norm, np.zeros(b), step, limit)
        row, written = loop(loaded.matrix, row, q16, norms, step, limit, least, *small)
        kept = _trim((kept, (small[0][:written], small[1][:written], small[2][:written])), want, bound, width)
    return _by_probe(_exact_best(loaded, q_eff, kept, want), b)


def _product_hits(
    products: npt.NDArray[np.int32],
    least: npt.NDArray[np.int32],
    chunk_norms: npt.NDArray[np.float64],
    offset: npt.NDArray[np.float64],
    step: npt.NDArray[np.float64],
    limit: npt.NDArray[np.float64],
) -> _Kept:
    """Rows whose product reaches each probe's `least` (necessary), then whose screened value is within
    `limit` (sufficient), as (probe, row in chunk, screened value)."""
    flat = np.flatnonzero(products >= least)
    row, probe = np.divmod(flat, products.shape[1])
    value = chunk_norms[row] + offset[probe] - step[probe] * products.ravel()[flat]
    keep = value <= limit[probe]
    return probe[keep], row[keep], value[keep]


def _screened_hits(
    screened: npt.NDArray[np.float64],
    bound: npt.NDArray[np.float64],
    want: int,
    width: npt.NDArray[np.float64],
) -> _Kept:
    """The chunk's rows (screened: rows x probes) within `width` of each probe's pool bound (before the pools
    fill: of the chunk's `want`-th best), as (probe, row in chunk, screened value)."""
    limit = bound
    if not np.isfinite(bound).all():
        k = min(want, screened.shape[0])
        limit = np.minimum(bound, np.partition(screened, k - 1, axis=0)[k - 1])
    flat = np.flatnonzero(screened <= limit + width)
    row, probe = np.divmod(flat, screened.shape[1])
    return probe, row, screened.ravel()[flat]


def _exact_best(loaded: LoadedShard, q_eff: npt.NDArray[np.float32], kept: _Kept, want: int) -> _Kept:
    """Each probe's `want` best kept rows by exact |x|^2/2 - x.q (float64), sorted by probe, value, row."""
    probe, row = kept[0], kept[1]
    codes = loaded.matrix[row].astype(np.float64)
    value = loaded.norms[row].astype(np.float64) * 0.5 - np.einsum(
        "ij,ij->i", codes, q_eff[probe].astype(np.float64)
    )
    order = np.lexsort((row, value, probe))
    probe, row, value = probe[order], row[order], value[order]
    place = np.arange(probe.size) - np.searchsorted(probe, probe, side="left")
    keep = place < want
    return probe[keep], row[keep], value[keep]


def _hits(
    rank: npt.NDArray[np.float32], bound: npt.NDArray[np.float32], want: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float32]]:
    """The chunk's rows that may enter each probe's pool: (probe, row in chunk, value), by probe."""
    b, width = rank.shape
    if not np.isfinite(bound).all():
        # Pools not yet full (the first chunk): a row outside its chunk's `want` best has `want` better rows,
        # so only those can be kept; one partition of the chunk, not a sort of every row.
        k = min(want, width)
        cols = np.argpartition(rank, k - 1, axis=1)[:, :k] if k < width else np.tile(np.arange(width), (b, 1))
        probe = np.repeat(np.arange(b), k)
        return probe, cols.ravel(), np.take_along_axis(rank, cols, axis=1).ravel()
    flat = np.flatnonzero(rank < bound[:, None])  # one pass; flat indices are already probe-major
    probe, row = np.divmod(flat, width)
    return probe, row, rank.ravel()[flat]


def _trim(
    parts: Sequence[_Kept],
    want: int,
    bound: npt.NDArray[np.floating[Any]],
    width: npt.NDArray[np.float64] | None = None,
) -> _Kept:
    """Each probe's `want` best of the kept rows, sorted by probe; tightens `bound` (in place) for full pools.

    With `width` (screened values), rows within `width` above the `want`-th best are kept too.
    """
    probe = np.concatenate([p[0] for p in parts])
    row = np.concatenate([p[1] for p in parts])
    value = np.concatenate([p[2] for p in parts])
    order = np.lexsort((value, probe))  # by probe, then value; stable, so ties keep the scan's row order
    probe, row, value = probe[order], row[order], value[order]
    first = np.searchsorted(probe, probe, side="left")  # each entry's group start
    place = np.arange(probe.size) - first
    full = place == want - 1
    bound[probe[full]] = value[full]
    keep = place < want
    if width is not None:
        keep |= value <= (bound + width)[probe]
    return probe[keep], row[keep], value[keep]


def _nearest(
    loaded: LoadedShard,
    idx: npt.NDArray[np.intp],
    sq: npt.NDArray[np.float32],
    top_k: int,
    excluded: set[bytes],
    max_distance: float | None,
) -> list[Candidate]:
    """The top_k of the surviving rows `idx` (squared distances `sq`), nearest first, one per id."""
    out: list[Candidate] = []
    seen: set[bytes] = set()
    for k in np.argsort(sq, kind="stable"):
        ident = bytes(loaded.ids[idx[k]])
        if ident in seen or ident in excluded:
            continue
        distance = float(np.sqrt(max(0.0, float(sq[k]))))
        if max_distance is not None and distance > max_distance:
            break
        seen.add(ident)
        out.append(
            Candidate(
                id=ident.decode("ascii"),
                distance=round(distance, 4),
                score=round(distance_to_score(distance), 4),
                shard=loaded.key,
            )
        )
        if len(out) == top_k:
            break
    return out


def search_within_batch(
    ids: Sequence[str], probes: npt.ArrayLike, top_k: int = config.FACE_SEARCH_TOP_K
) -> list[list[Candidate]]:
    """Each probe against the other probes of its batch, never against itself (`shard` is "pending").

    Two applications of one face under two NIKs submitted in the same window are not in the gallery yet
    (enrolment follows approval), so the shards alone would pass both; the batch sees them side by side.
    Another probe under the same id (a second open application on one NIK) is returned too: the caller tells
    the NIK's own faces apart (`same_nik_reasons`) instead of dropping them.
    """
    q = (
        np.asarray(probes, dtype=np.float32).reshape(len(ids), -1)
        if len(ids)
        else np.empty((0, 0), np.float32)
    )
    if len(ids) < 2:
        return [[] for _ in ids]
    norms = np.einsum("ij,ij->i", q, q)
    sq = np.maximum(norms[:, None] + norms[None, :] - 2.0 * (q @ q.T), 0.0)
    out: list[list[Candidate]] = []
    for i in range(len(ids)):
        order = np.argsort(sq[i], kind="stable")
        found: list[Candidate] = []
        for k in order:
            if k == i:
                continue
            distance = float(np.sqrt(sq[i, k]))
            found.append(
                Candidate(
                    id=ids[k],
                    distance=round(distance, 4),
                    score=round(distance_to_score(distance), 4),
                    shard="pending",
                )
            )
            if len(found) == top_k:
                break
        out.append(found)
    return out


def merge_candidates(
    lists: Iterable[Iterable[Candidate]], top_k: int = config.FACE_SEARCH_TOP_K
) -> list[Candidate]:
    """Reduce per-shard results (the Map state's output) to the global top_k, one entry per id."""
    best: dict[str, Candidate] = {}
    for candidates in lists:
        for c in candidates:
            if c.id not in best or c.distance < best[c.id].distance:
                best[c.id] = c
    return heapq.nsmallest(top_k, best.values(), key=lambda c: (c.distance, c.id))


def duplicate_reasons(
    candidates: Sequence[Candidate], max_distance: float = config.FACE_DUPLICATE_MAX_DISTANCE
) -> list[Reason]:
    """FACE_DUPLICATE (for officer review) when the nearest other identity is within `max_distance`.

    The reason never names the other NIK: the applicant must not learn someone else's identity; the
    candidates themselves go to the officer's case file, not into the resident-facing reasons.
    """
    near = [c for c in candidates if c.distance <= max_distance]
    if not near:
        return []
    best = min(c.distance for c in near)
    return [reason("FACE_DUPLICATE", field="face", measured=round(best, 4), threshold=max_distance)]


def same_nik_reasons(
    own: Sequence[Candidate], max_distance: float = config.FACE_MATCH_MAX_DISTANCE
) -> tuple[list[Reason], list[dict[str, Any]]]:
    """The applicant's own NIK among the candidates: the face on record for it must be this face.

    `own` are the hits whose id is the applicant's NIK. Gallery rows (the NIK may have several: a face change
    approved by an officer appends one) agree when the nearest of them matches 1:1; another open application
    on the NIK in the same batch ("pending") must match too. Otherwise ENROLLED_FACE_MISMATCH for an officer:
    someone else's face on this NIK. Returns the reasons and, for the officer's file, each hit's distance.
    """
    enrolled = [c.distance for c in own if c.shard != "pending"]
    pending = [c.distance for c in own if c.shard == "pending"]
    contested = (bool(enrolled) and min(enrolled) > max_distance) or any(d > max_distance for d in pending)
    seen = [
        {
            "source": "pending" if c.shard == "pending" else "gallery",
            "distance": c.distance,
            "threshold": max_distance,
            "decision": "match" if c.distance <= max_distance else "no_match",
        }
        for c in sorted(own, key=lambda c: c.distance, reverse=True)
    ]
    return ([reason("ENROLLED_FACE_MISMATCH", severity="warning", field="face")] if contested else []), seen
