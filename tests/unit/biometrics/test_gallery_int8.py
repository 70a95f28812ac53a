"""The int8 scan kernels (gallery.int8: onnxruntime MatMulInteger; gallery.fused: a numba loop) are exact: their
integer products equal numpy's, and their candidates equal an exhaustive float64 ranking and the numpy scan's,
on random and adversarial shards."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from ektp.biometrics.gallery import (
    Candidate,
    LoadedShard,
    build_shard,
    fused,
    int8,
    load_shard,
    search_shard,
    search_shard_batch,
)
from ektp.biometrics.gallery import search as gallery_search
from ektp.biometrics.gallery.search import ScanKernel
from ektp.biometrics.gallery.shard import HEADER_SIZE

pytest.importorskip("onnxruntime")
pytest.importorskip("numba")
KERNELS: list[ScanKernel] = ["int8", "fused"]


def shard_of(vectors: npt.NDArray[np.float32], ids: list[str] | None = None) -> LoadedShard:
    names = ids or [f"{i:016d}" for i in range(len(vectors))]
    return load_shard(build_shard(names, vectors))


def with_codes(shard: LoadedShard, codes: npt.NDArray[np.int8]) -> LoadedShard:
    """The shard's bytes with its code matrix replaced (int8 extremes build_shard never writes, e.g. -128)."""
    data = bytearray(
        build_shard([bytes(i).decode() for i in shard.ids], shard.dequantised(), scale=shard.scale)
    )
    data[len(data) - codes.nbytes :] = codes.tobytes()
    assert len(data) > HEADER_SIZE
    return load_shard(bytes(data))


def exhaustive(shard: LoadedShard, probe: npt.NDArray[np.float32], top_k: int) -> list[tuple[str, float]]:
    """Every row ranked by the exact value |x|^2/2 - x.q in float64, ties by row, one per id, top_k."""
    q_eff = (probe * np.float32(shard.scale)).astype(np.float64)
    value = shard.norms.astype(np.float64) * 0.5 - shard.matrix.astype(np.float64) @ q_eff
    order = np.lexsort((np.arange(shard.count), value))
    norm = float(np.einsum("i,i->", probe, probe))
    out: list[tuple[str, float]] = []
    for row in order:
        ident = bytes(shard.ids[row]).decode()
        if ident not in {i for i, _ in out}:
            out.append((ident, round(float(np.sqrt(max(0.0, 2.0 * value[row] + norm))), 4)))
        if len(out) == top_k:
            break
    return out


def pairs(found: list[Candidate]) -> list[tuple[str, float]]:
    return [(c.id, c.distance) for c in found]


def assert_same_ranking(new: list[Candidate], old: list[Candidate]) -> None:
    """The numpy scan ranks in float32: distances agree to its rounding (1e-4), ids wherever distances differ."""
    assert len(new) == len(old)
    assert [c.distance for c in new] == pytest.approx([c.distance for c in old], abs=1.01e-4)
    groups_new: dict[float, set[str]] = {}
    groups_old: dict[float, set[str]] = {}
    for a, b in zip(new, old, strict=True):
        groups_new.setdefault(round(a.distance, 3), set()).add(a.id)
        groups_old.setdefault(round(b.distance, 3), set()).add(b.id)
    last = round(new[-1].distance, 3)
    for distance, ids in groups_new.items():
        if distance != last:  # the cut-off group may hold a different one of equally near rows
            assert ids == groups_old.get(distance), distance


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 64-512 rows (the fused loop: 128 rows scored first), so a test shard takes many chunks,
    trims and bound updates."""
    monkeypatch.setattr(gallery_search, "FUSED_FIRST_ROWS", 128)
    monkeypatch.setattr(gallery_search, "INT8_CHUNK_MIN_ROWS", 64)
    monkeypatch.setattr(gallery_search, "INT8_CHUNK_MAX_ROWS", 512)
    monkeypatch.setattr(gallery_search, "INT8_CHUNK_PRODUCTS", 1024)


def test_the_integer_products_equal_numpys_on_extreme_codes_and_probes() -> None:
    rng = np.random.default_rng(1)
    codes = rng.integers(-128, 128, (700, 128)).astype(np.int8)
    codes[0], codes[1], codes[2] = -128, 127, 0
    codes[3, ::2], codes[3, 1::2] = -128, 127
    probes = rng.standard_normal((6, 128)).astype(np.float32)
    probes[0], probes[1] = 1.0, -1.0  # every q16 at +-Q16_MAX: high bytes 127 / -127
    probes[2] = 0.0
    probes[3, :] = 1e-30
    probes[3, 0] = 5.0  # one dominant component: the rest round to 0
    probes[4] = np.where(np.arange(128) % 2 == 0, 1.0, -1.0) * np.float32(1 + 1 / 255)
    columns, step, offset = int8.probe_columns(probes)
    kernel = int8.dots_kernel(128)
    assert kernel is not None
    offset_codes = np.bitwise_xor(codes.view(np.uint8), np.uint8(0x80))
    got = int8.combined(kernel.offset_dots(offset_codes, columns)).astype(np.int64)
    q16 = 256 * columns[:, 0::2].astype(np.int64) + columns[:, 1::2].astype(np.int64)
    assert np.abs(q16).max() <= int8.Q16_MAX
    # code . q16 = (code + 128) . q16 - 128 * sum(q16), which `offset` carries already multiplied by the step.
    assert np.array_equal(got - 128 * q16.sum(axis=0), codes.astype(np.int64) @ q16)
    assert np.allclose(offset, step * 128 * q16.sum(axis=0))
    assert np.array_equal(q16[:, 2], np.zeros(128))  # a zero probe has zero products, not a division by zero


@pytest.mark.parametrize("seed", [3, 4, 5])
@pytest.mark.parametrize("kernel", KERNELS)
def test_candidates_equal_the_exhaustive_ranking_and_the_numpy_scan(
    seed: int, kernel: ScanKernel, small_chunks: None
) -> None:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((3001, 128)).astype(np.float32)
    x *= np.float32(0.6) / np.linalg.norm(x, axis=1, keepdims=True)
    shard = shard_of(x)
    probes = np.vstack(
        [x[[17, 3000]] + np.float32(0.01), rng.standard_normal((5, 128)).astype(np.float32) * 0.05]
    )
    new = search_shard_batch(shard, probes, 20, kernel=kernel)
    old = search_shard_batch(shard, probes, 20, kernel="numpy")
    for j, probe in enumerate(probes):
        assert pairs(new[j]) == exhaustive(shard, probe, 20)
        assert_same_ranking(new[j], old[j])
    assert (
        new[0][0].id == f"{17:016d}" and new[1][0].id == f"{3000:016d}"
    )  # the last row: past the four-row blocks


@pytest.mark.parametrize("kernel", KERNELS)
def test_near_ties_below_the_screen_width_are_ranked_exactly(kernel: ScanKernel, small_chunks: None) -> None:
    """Rows closer to each other than the integer screen can tell apart: the exact pass must order them."""
    rng = np.random.default_rng(6)
    base = rng.standard_normal(128).astype(np.float32) * 0.05
    x = np.repeat(base[None, :], 2003, axis=0) + rng.standard_normal((2003, 128)).astype(np.float32) * 1e-3
    shard = shard_of(x)
    probe = base + np.float32(1e-4)
    assert pairs(search_shard(shard, probe, 50, kernel=kernel)) == exhaustive(shard, probe, 50)


@pytest.mark.parametrize("kernel", KERNELS)
def test_exact_ties_and_duplicated_ids_keep_row_order(kernel: ScanKernel, small_chunks: None) -> None:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((1502, 128)).astype(np.float32) * 0.05
    x[100:400] = x[100]  # 300 identical rows: exact ties
    ids = [f"{i:016d}" for i in range(1502)]
    ids[200:250] = [ids[100]] * 50  # one id enrolled many times
    shard = shard_of(x, ids)
    found = search_shard(shard, x[100], 30, kernel=kernel)
    assert pairs(found) == exhaustive(shard, x[100], 30)
    assert len({c.id for c in found}) == 30
    assert_same_ranking(found, search_shard(shard, x[100], 30, kernel="numpy"))


@pytest.mark.parametrize("kernel", KERNELS)
def test_extreme_codes_minus_128_and_127(kernel: ScanKernel, small_chunks: None) -> None:
    rng = np.random.default_rng(8)
    shard = shard_of(rng.standard_normal((1200, 128)).astype(np.float32))
    codes = rng.choice(np.array([-128, 127, -127, 0], dtype=np.int8), size=(1200, 128))
    codes[:40] = -128
    codes[40:80] = 127
    extreme = with_codes(shard, codes)
    assert extreme.matrix.min() == -128
    for probe in (
        np.ones(128, np.float32),
        -np.ones(128, np.float32),
        rng.standard_normal(128).astype(np.float32),
    ):
        found = search_shard(extreme, probe, 25, kernel=kernel)
        assert pairs(found) == exhaustive(extreme, probe, 25)


@pytest.mark.parametrize("kernel", KERNELS)
def test_exclusions_max_distance_and_empty_cases_behave_as_the_numpy_scan(
    kernel: ScanKernel, small_chunks: None
) -> None:
    rng = np.random.default_rng(9)
    x = rng.standard_normal((900, 128)).astype(np.float32) * 0.05
    shard = shard_of(x)
    probe = x[5] + np.float32(0.001)
    for kwargs in ({"exclude_ids": [f"{5:016d}"]}, {"max_distance": 0.5}, {"max_distance": 0.0}):
        new = search_shard(shard, probe, 10, kernel=kernel, **kwargs)
        old = search_shard(shard, probe, 10, kernel="numpy", **kwargs)
        assert [c.id for c in new] == [c.id for c in old], kwargs
    assert search_shard_batch(shard, np.empty((0, 128), np.float32), 10, kernel=kernel) == []


@pytest.mark.parametrize("kernel", KERNELS)
def test_auto_uses_numpy_where_the_int8_kernels_do_not_apply(kernel: ScanKernel) -> None:
    x = np.random.default_rng(10).standard_normal((200, 128)).astype(np.float32)
    half = load_shard(build_shard([f"{i:016d}" for i in range(200)], x, quantisation="float16"))
    with pytest.raises(ValueError, match=f"{kernel} kernel"):
        search_shard(half, x[0], 5, kernel=kernel)
    assert search_shard(half, x[0], 5)[0].id == f"{0:016d}"
    shard = shard_of(x)
    nan_probe = np.full(128, np.nan, np.float32)
    with pytest.raises(ValueError, match=f"{kernel} kernel"):
        search_shard(shard, nan_probe, 5, kernel=kernel)
    assert search_shard(shard, nan_probe, 5) == search_shard(shard, nan_probe, 5, kernel="numpy")


def exact_pool(shard: LoadedShard, probe: npt.NDArray[np.float32], want: int) -> tuple[list[int], np.ndarray]:
    q_eff = (probe * np.float32(shard.scale)).astype(np.float64)
    exact = shard.norms.astype(np.float64) * 0.5 - shard.matrix.astype(np.float64) @ q_eff
    best = np.lexsort((np.arange(shard.count), exact))[:want]
    return best.tolist(), exact[best]


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("seed", [11, 12])
def test_a_coarse_screen_still_yields_the_exact_pool(
    kernel: ScanKernel, seed: int, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probes rounded to 7 bits (not 15) screen many rows out of order; the margin must keep every row of the
    exact pool (the `want` best rows by exact value), so the pool is the exhaustive ranking's."""
    monkeypatch.setattr(int8, "Q16_MAX", 63)
    monkeypatch.setattr(fused, "Q16_FULL", 63)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2503, 128)).astype(np.float32) * 0.05
    shard = shard_of(x)
    probes = np.vstack(
        [x[7] + rng.standard_normal(128).astype(np.float32) * 0.02, rng.standard_normal((2, 128))]
    )
    probes = probes.astype(np.float32)
    if kernel == "int8":
        dots = int8.dots_kernel(128)
        assert dots is not None
        rows, values = gallery_search._scan_int8(shard, probes, 30, dots)
    else:
        loop = fused.screen_loop()
        assert loop is not None
        rows, values = gallery_search._scan_fused(shard, probes, 30, loop)
    for j, probe in enumerate(probes):
        best, exact = exact_pool(shard, probe, 30)
        assert rows[j].tolist() == best
        assert np.allclose(values[j], exact, rtol=0, atol=1e-12)


def test_the_screen_width_bounds_the_integer_error() -> None:
    rng = np.random.default_rng(13)
    codes = rng.choice(np.array([-128, 127, -1, 1, 0], dtype=np.int8), size=(2000, 128))
    probes = (
        rng.standard_normal((8, 128)).astype(np.float32) * np.logspace(-6, 2, 8, dtype=np.float32)[:, None]
    )
    columns, step, offset = int8.probe_columns(probes)
    q16 = 256 * columns[:, 0::2].astype(np.int64) + columns[:, 1::2].astype(np.int64)
    error = np.abs(
        codes.astype(np.float64) @ (q16 * step) - codes.astype(np.float64) @ probes.T.astype(np.float64)
    )
    width = int8.screen_width(step, 128, 0.0, offset)
    assert (error.max(axis=0) <= width / 2).all()
