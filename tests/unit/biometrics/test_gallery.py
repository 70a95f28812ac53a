from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ektp.biometrics import config
from ektp.biometrics.face import FaceAnalysis
from ektp.biometrics.gallery import (
    HEADER_SIZE,
    Candidate,
    GalleryManifest,
    Quantisation,
    ShardFormatError,
    build_shard,
    duplicate_reasons,
    enrol,
    load_shard,
    merge_candidates,
    plan_capacity,
    plan_shards,
    search_shard,
    search_shard_batch,
    search_within_batch,
    shard_digest,
)
from tests.unit.biometrics.biometric_helpers import vec


def random_templates(n: int, seed: int = 0) -> np.ndarray:
    """Vectors shaped like dlib's: 128-d, components within about +-0.3, norms near 1."""
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((n, 128)).astype(np.float32)
    out: np.ndarray = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def nik(i: int) -> str:
    return f"3171{i:012d}"


def brute_force(x: np.ndarray, q: np.ndarray, k: int) -> list[int]:
    return list(np.argsort(np.linalg.norm(x - q, axis=1), kind="stable")[:k])


@pytest.mark.parametrize("quantisation", ["int8", "float16"])
def test_round_trip_and_search_agrees_with_exact_float32(quantisation: Quantisation) -> None:
    x = random_templates(5000)
    ids = [nik(i) for i in range(len(x))]
    data = build_shard(ids, x, quantisation=quantisation, version=3)
    shard = load_shard(data)
    assert shard.count == 5000 and shard.dim == 128 and shard.version == 3
    assert shard.quantisation == quantisation
    assert np.abs(shard.dequantised() - x).max() < 0.01
    rng = np.random.default_rng(7)
    for _ in range(5):
        probe = x[rng.integers(len(x))] + rng.normal(0, 0.02, 128).astype(np.float32)
        found = search_shard(shard, probe, top_k=10)
        exact = brute_force(x, probe, 10)
        assert found[0].id == ids[exact[0]]
        assert len({c.id for c in found} & {ids[i] for i in exact}) >= 9  # quantisation may swap a tail rank
        true_d = float(np.linalg.norm(x[exact[0]] - probe))
        assert abs(found[0].distance - true_d) < 0.01
        assert [c.distance for c in found] == sorted(c.distance for c in found)


def test_planted_real_face_is_found_among_random_templates(analyses: dict[str, FaceAnalysis]) -> None:
    x = random_templates(20000, seed=3)
    ids = [nik(i) for i in range(len(x))]
    obama = vec(analyses["obama"])
    x[12345] = obama
    shard = build_shard(ids, x)
    probe = vec(analyses["obama3"])
    top = search_shard(shard, probe, top_k=5)
    assert top[0].id == ids[12345] and top[0].distance <= config.FACE_DUPLICATE_MAX_DISTANCE
    impostor = search_shard(
        shard, vec(analyses["biden"]), top_k=5, max_distance=config.FACE_DUPLICATE_MAX_DISTANCE
    )
    assert impostor == []


def test_merge_of_shard_results_equals_search_over_everything() -> None:
    x = random_templates(9000, seed=5)
    ids = [nik(i) for i in range(len(x))]
    whole = build_shard(ids, x)
    parts = [build_shard(ids[i : i + 3000], x[i : i + 3000]) for i in range(0, 9000, 3000)]
    probe = x[4242] + 0.05
    merged = merge_candidates([search_shard(p, probe, 10) for p in parts], top_k=10)
    direct = search_shard(whole, probe, 10)
    assert [c.id for c in merged] == [c.id for c in direct]


def test_one_entry_per_id_and_exclusions() -> None:
    x = random_templates(100, seed=9)
    ids = [nik(i % 50) for i in range(100)]  # every NIK enrolled twice (e.g. a renewal)
    shard = build_shard(ids, x)
    found = search_shard(shard, x[7], top_k=10)
    assert len({c.id for c in found}) == len(found) == 10
    assert found[0].id == nik(7) and found[0].distance < 0.03  # int8 quantisation noise
    without = search_shard(shard, x[7], top_k=10, exclude_ids=[nik(7)])
    assert nik(7) not in {c.id for c in without}
    a = search_shard(shard, x[1], top_k=3)
    b = search_shard(shard, x[2], top_k=3)
    merged = merge_candidates([a, b], top_k=4)
    assert len({c.id for c in merged}) == 4 and merged[0].distance <= merged[-1].distance


def test_malformed_shards_are_refused() -> None:
    data = build_shard([nik(1), nik(2)], random_templates(2))
    with pytest.raises(ShardFormatError):
        load_shard(data[:-1])
    with pytest.raises(ShardFormatError):
        load_shard(b"XXXXXX" + data[6:])
    with pytest.raises(ShardFormatError):
        load_shard(data[: HEADER_SIZE - 1])
    with pytest.raises(ValueError):
        search_shard(data, np.zeros(64, dtype=np.float32))
    with pytest.raises(ValueError):
        build_shard([nik(1)], random_templates(2))
    with pytest.raises(ValueError):
        build_shard([nik(1)], np.full((1, 128), np.nan, dtype=np.float32))
    assert search_shard(build_shard([], np.empty((0, 128), np.float32)), np.zeros(128), 5) == []


def test_enrolment_is_append_only_and_rolls_over_to_new_shards() -> None:
    empty = GalleryManifest(shard_capacity=5)
    x = random_templates(12, seed=11)
    writes = enrol(empty, None, [nik(i) for i in range(3)], x[:3])
    assert [w.shard_key for w in writes] == ["gallery/shard-00000/v000001.bin"]
    m1 = writes[-1].manifest
    assert m1.version == 1 and m1.total == 3
    first = writes[0].shard_bytes

    writes = enrol(m1, first, [nik(i) for i in range(3, 9)], x[3:9])
    keys = [w.shard_key for w in writes]
    assert keys == ["gallery/shard-00000/v000002.bin", "gallery/shard-00001/v000001.bin"]
    m2 = writes[-1].manifest
    assert m2.total == 9 and [s.count for s in m2.shards] == [5, 4] and m2.version == 3
    old, new = load_shard(first), load_shard(writes[0].shard_bytes)
    assert np.array_equal(new.matrix[:3], old.matrix) and new.scale == old.scale  # old rows copied exactly
    assert first == enrol(empty, None, [nik(i) for i in range(3)], x[:3])[0].shard_bytes  # deterministic
    tasks = plan_shards(m2)
    assert [t.key for t in tasks] == keys
    assert tasks[0].sha256 == shard_digest(writes[0].shard_bytes)
    hits = merge_candidates([search_shard(w.shard_bytes, x[8], 3) for w in writes], 3)
    assert hits[0].id == nik(8)
    assert GalleryManifest.from_bytes(m2.to_bytes()) == m2


def test_enrolment_checks_the_tail_it_is_given() -> None:
    m = enrol(GalleryManifest(), None, [nik(1)], random_templates(1))[-1].manifest
    with pytest.raises(ValueError):
        enrol(m, None, [nik(2)], random_templates(1))
    with pytest.raises(ShardFormatError):
        enrol(m, build_shard([nik(9)], random_templates(1)), [nik(2)], random_templates(1))
    assert enrol(m, None, [], np.empty((0, 128))) == []


def test_capacity_plan_for_indonesia() -> None:
    plan = plan_capacity(280_000_000)
    assert plan["shards"] == 280
    assert plan["shard_bytes"] < 160_000_000


def test_duplicate_reasons_name_no_other_nik() -> None:
    near = Candidate(id="3171000000000001", distance=0.31, score=0.74)
    far = Candidate(id="3171000000000002", distance=0.7, score=0.42)
    assert duplicate_reasons([far]) == []
    reasons = duplicate_reasons([far, near])
    assert [(r.code, r.measured) for r in reasons] == [("FACE_DUPLICATE", 0.31)]
    assert "3171000000000001" not in reasons[0].model_dump_json()


def test_float16_gallery_enrols_and_searches() -> None:
    x = random_templates(4, seed=2)
    m = GalleryManifest(quantisation="float16", prefix="g16")
    first = enrol(m, None, [nik(1), nik(2)], x[:2])[-1]
    second = enrol(first.manifest, first.shard_bytes, [nik(3), nik(4)], x[2:])[-1]
    assert second.shard_key == "g16/shard-00000/v000002.bin"
    shard = load_shard(second.shard_bytes)
    assert shard.quantisation == "float16" and shard.count == 4
    assert search_shard(shard, x[3], 1)[0].id == nik(4)
    with pytest.raises(ValueError):
        enrol(second.manifest, second.shard_bytes, [nik(5)], np.zeros((1, 64), np.float32))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet="0123456789ABCDEF", min_size=1, max_size=20), min_size=1, max_size=30),
    st.sampled_from(["int8", "float16"]),
    st.integers(min_value=0, max_value=2**31),
)
def test_any_shard_round_trips(ids: list[str], quantisation: Quantisation, seed: int) -> None:
    x = np.random.default_rng(seed).uniform(-0.5, 0.5, (len(ids), 16)).astype(np.float32)
    shard = load_shard(build_shard(ids, x, quantisation=quantisation))
    assert [bytes(i).decode() for i in shard.ids] == ids
    step = shard.scale if quantisation == "int8" else 1e-3  # float16 keeps ~3 significant digits
    assert np.abs(shard.dequantised() - x).max() <= step / 2 + 1e-6
    assert np.allclose(shard.norms, (shard.dequantised() ** 2).sum(axis=1), rtol=1e-4, atol=1e-6)
    hits = search_shard(shard, x[0], top_k=len(ids))
    assert {c.id for c in hits} == set(ids)


def test_one_pass_over_a_shard_answers_every_probe_of_a_batch_as_alone() -> None:
    x = random_templates(300, seed=11)
    ids = [nik(i) for i in range(300)]
    for quantisation in ("int8", "float16"):
        shard = build_shard(ids, x, quantisation=quantisation)  # type: ignore[arg-type]
        probes = x[[3, 150, 299]] + np.float32(0.001)
        batch = search_shard_batch(shard, probes, top_k=4, exclude_ids=[[nik(3)], [], [nik(1)]])
        alone = [
            search_shard(shard, probes[0], 4, exclude_ids=[nik(3)]),
            search_shard(shard, probes[1], 4),
            search_shard(shard, probes[2], 4, exclude_ids=[nik(1)]),
        ]
        assert batch == alone
        assert batch[1][0].id == nik(150) and all(c.id != nik(3) for c in batch[0])


def test_a_batch_search_refuses_probes_of_the_wrong_shape() -> None:
    shard = build_shard([nik(0)], random_templates(1))
    with pytest.raises(ValueError, match="matrix"):
        search_shard_batch(shard, np.zeros((2, 64), np.float32))
    with pytest.raises(ValueError, match="one entry per probe"):
        search_shard_batch(shard, np.zeros((2, 128), np.float32), exclude_ids=[[]])
    assert search_shard_batch(shard, np.zeros((0, 128), np.float32)) == []


def test_two_pending_applications_with_one_face_find_each_other_in_their_batch() -> None:
    x = random_templates(3, seed=4)
    probes = np.vstack([x[0], x[1], x[0] + np.float32(0.01)])
    found = search_within_batch([nik(0), nik(1), nik(2)], probes, top_k=2)
    assert [c.id for c in found[0]] == [nik(2), nik(1)]
    assert found[2][0].id == nik(0) and found[2][0].shard == "pending"
    assert duplicate_reasons(found[0]) and not duplicate_reasons(found[1])
    # A probe never finds itself; another open application on the same NIK is found (the sweep sets the NIK's
    # own hits apart: same_nik_reasons); one probe has no peers.
    twice = search_within_batch([nik(0), nik(0)], probes[:2])
    assert [[c.id for c in found] for found in twice] == [[nik(0)], [nik(0)]]
    assert search_within_batch([nik(5)], probes[:1]) == [[]]


def test_the_niks_own_hits_must_match_the_face() -> None:
    from ektp.biometrics.gallery import Candidate, same_nik_reasons

    def hit(distance: float, shard: str | None = "gallery/shard-0") -> Candidate:
        return Candidate(id=nik(0), distance=distance, score=0.0, shard=shard)

    assert same_nik_reasons([]) == ([], [])
    assert same_nik_reasons([hit(0.2)])[0] == []  # the holder, again
    assert same_nik_reasons([hit(0.2), hit(0.9)])[0] == []  # an officer-approved face change left an old row
    assert [r.code for r in same_nik_reasons([hit(0.9)])[0]] == ["ENROLLED_FACE_MISMATCH"]
    assert [r.code for r in same_nik_reasons([hit(0.2), hit(0.8, "pending")])[0]] == [
        "ENROLLED_FACE_MISMATCH"
    ]
    _, seen = same_nik_reasons([hit(0.9)])
    assert seen == [{"source": "gallery", "distance": 0.9, "threshold": 0.6, "decision": "no_match"}]


def test_the_chunked_search_keeps_exactly_the_nearest_rows_whatever_the_chunking() -> None:
    x = random_templates(2000, seed=21)
    ids = [nik(i % 1500) for i in range(2000)]  # some ids enrolled twice
    shard = build_shard(ids, x)
    loaded = load_shard(shard)
    probes = np.vstack([x[5], x[1999], random_templates(1, seed=99)[0]]).astype(np.float32)
    deq = loaded.dequantised()
    for rows in (7, 64, 1999, 4096):
        found = search_shard_batch(shard, probes, top_k=6, exclude_ids=[[nik(5)], [], []], chunk_rows=rows)
        for j, candidates in enumerate(found):
            # Brute force: every row's exact distance, nearest per id, the excluded id left out.
            dist = np.linalg.norm(deq - probes[j], axis=1)
            best: dict[str, float] = {}
            for i in np.argsort(dist, kind="stable"):
                best.setdefault(ids[i], float(dist[i]))
            expected = [
                k for k, _ in sorted(best.items(), key=lambda kv: kv[1]) if not (j == 0 and k == nik(5))
            ][:6]
            assert [c.id for c in candidates] == expected, (rows, j)
