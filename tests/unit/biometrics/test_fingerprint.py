from __future__ import annotations

import functools
import gc
import itertools
import math
from pathlib import Path

import cv2
import numpy as np
import pytest

from ektp.biometrics import config
from ektp.biometrics import fingerprint as fp
from ektp.biometrics.fingerprint import (
    FingerprintError,
    FingerprintTemplate,
    fuse,
    fused_duplicate_reasons,
    get_fingerprint_engine,
    template_from_bytes,
)
from ektp.biometrics.gallery import Candidate
from ektp.biometrics.scores import finger_score_to_unit
from ektp.domain.reasons import reason
from tests.support.synthetic_fingerprints import impressions
from tests.unit.biometrics.biometric_helpers import imread

engine = get_fingerprint_engine()


@functools.cache
def synthetic(finger: int) -> tuple[FingerprintTemplate, ...]:
    return tuple(engine.extract(b) for b in impressions(finger, 3))


@pytest.fixture(scope="module")
def real(prints: dict[str, Path]) -> dict[str, FingerprintTemplate]:
    return {name: engine.extract(path.read_bytes()) for name, path in prints.items()}


def test_real_prints_genuine_and_impostor_are_separated(real: dict[str, FingerprintTemplate]) -> None:
    for t in real.values():
        assert t.usable and t.minutiae_count >= config.FINGERPRINT_MIN_MINUTIAE
        assert t.quality >= config.FINGERPRINT_QUALITY_MIN
    genuine = engine.match(real["p1_1"], real["p1_2"])
    assert genuine.decision == "match" and genuine.score is not None
    assert genuine.score >= config.FINGERPRINT_MATCH_MIN_SCORE
    for other in ("p1_1", "p1_2"):
        m = engine.match(real[other], real["p2_1"])
        assert m.decision == "no_match" and [r.code for r in m.reasons] == ["FINGERPRINT_MISMATCH"]


def test_synthetic_impressions_of_one_finger_match_and_other_fingers_do_not() -> None:
    fingers = (11, 12, 13)
    for f in fingers:
        for a, b in itertools.combinations(synthetic(f), 2):
            assert engine.match(a, b).decision == "match", f
    for f, g in itertools.combinations(fingers, 2):
        for a, b in itertools.product(synthetic(f)[:2], synthetic(g)[:2]):
            assert engine.match(a, b).decision == "no_match", (f, g)


def test_template_bytes_round_trip(real: dict[str, FingerprintTemplate]) -> None:
    t = real["p1_1"]
    restored = template_from_bytes(t.iso_bytes)
    assert restored.minutiae_count == t.minutiae_count and restored.quality == t.quality
    assert engine.match(restored, real["p1_2"]).score == engine.match(t, real["p1_2"]).score
    assert "iso_bytes" not in repr(t) and "iso_bytes" not in t.model_dump()
    with pytest.raises(FingerprintError):
        template_from_bytes(b"FMR\x00 20\x00" + b"\x00" * 10)
    with pytest.raises(FingerprintError):
        template_from_bytes(t.iso_bytes[:-6])


TINY_PNG = bytes(cv2.imencode(".png", np.zeros((8, 8), np.uint8))[1])


@pytest.mark.parametrize("data", [b"", b"garbage", TINY_PNG])
def test_unreadable_images_raise_with_a_reason_code(data: bytes) -> None:
    with pytest.raises(FingerprintError) as info:
        engine.extract(data)
    assert info.value.code == "IMAGE_UNREADABLE"


def test_a_blank_or_smeared_capture_is_refused_as_low_quality(prints: dict[str, Path]) -> None:
    rng = np.random.default_rng(0)
    smudge = cv2.GaussianBlur(rng.integers(90, 170, (500, 400), dtype=np.uint8), (0, 0), 8)
    smeared = cv2.GaussianBlur(imread(prints["p1_1"], cv2.IMREAD_GRAYSCALE), (0, 0), 4)
    for image in (smudge, smeared):
        with pytest.raises(FingerprintError) as info:
            engine.extract(bytes(cv2.imencode(".png", image)[1]))
        assert info.value.code == "FINGERPRINT_QUALITY_LOW"


def test_a_template_flagged_low_quality_is_never_matched(real: dict[str, FingerprintTemplate]) -> None:
    weak = FingerprintTemplate(
        iso_bytes=real["p1_2"].iso_bytes,
        quality=config.FINGERPRINT_QUALITY_MIN - 1,
        minutiae_count=real["p1_2"].minutiae_count,
        reasons=[reason("FINGERPRINT_QUALITY_LOW")],
    )
    m = engine.match(real["p1_1"], weak)
    assert m.decision == "undetermined" and m.score is None
    assert [r.code for r in m.reasons] == ["FINGERPRINT_QUALITY_LOW"]


def test_fusion_maps_each_threshold_to_one_half() -> None:
    assert finger_score_to_unit(config.FINGERPRINT_MATCH_MIN_SCORE) == pytest.approx(0.5)
    assert fuse(0.5, config.FINGERPRINT_MATCH_MIN_SCORE) == pytest.approx(config.FUSION_MATCH_MIN)
    assert fuse(0.9, 200) > fuse(0.9, 10) > fuse(0.2, 10)
    assert fuse(None, 100) == pytest.approx(finger_score_to_unit(100))
    assert fuse(0.7, None) == 0.7
    with pytest.raises(ValueError):
        fuse(None, None)
    # A face lookalike (face just over threshold) with a clearly different finger is not a match.
    assert fuse(0.6, 15) < config.FUSION_MATCH_MIN


def test_identify_over_face_candidates_ranks_the_true_finger_first(
    real: dict[str, FingerprintTemplate],
) -> None:
    candidates = [
        Candidate(id="A", distance=0.40, score=0.67),
        Candidate(id="B", distance=0.45, score=0.62),
        Candidate(id="C", distance=0.48, score=0.6),
    ]
    enrolled = {"A": real["p2_1"], "B": real["p1_2"]}  # C has no enrolled print
    ranked = engine.identify(real["p1_1"], candidates, enrolled)
    assert ranked[0].id == "B"
    by_id = {c.id: c for c in ranked}
    assert by_id["B"].decision == "match" and by_id["A"].decision == "no_match"
    assert by_id["C"].finger_score is None and by_id["C"].fused == pytest.approx(0.6)
    assert [r.code for r in fused_duplicate_reasons(ranked)] == ["FACE_DUPLICATE"]
    assert fused_duplicate_reasons([by_id["A"]]) == []


def _records(t: FingerprintTemplate) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The template's 6-byte minutia records, and their x and y."""
    n = t.minutiae_count
    rec = np.frombuffer(t.iso_bytes, np.uint8, count=6 * n, offset=26).reshape(n, 6).astype(np.int64)
    return rec, ((rec[:, 0] & 63) << 8) | rec[:, 1], ((rec[:, 2] & 63) << 8) | rec[:, 3]


def _moved(t: FingerprintTemplate, degrees: float, shift: tuple[int, int]) -> FingerprintTemplate:
    """The same minutiae turned about their centre and shifted, as another capture would place them."""
    n = t.minutiae_count
    rec, x, y = _records(t)
    a, cx, cy = math.radians(degrees), x.mean(), y.mean()
    # ISO angles turn counter-clockwise as seen on screen, where y points down.
    nx = np.round(cx + math.cos(a) * (x - cx) + math.sin(a) * (y - cy) + shift[0]).astype(np.int64)
    ny = np.round(cy - math.sin(a) * (x - cx) + math.cos(a) * (y - cy) + shift[1]).astype(np.int64)
    out = rec.copy()
    out[:, 0], out[:, 1] = (rec[:, 0] & 0xC0) | (nx >> 8), nx & 255
    out[:, 2], out[:, 3] = ny >> 8, ny & 255
    out[:, 4] = (rec[:, 4] + round(degrees * 256 / 360)) % 256
    data = t.iso_bytes[:26] + out.astype(np.uint8).tobytes() + t.iso_bytes[26 + 6 * n :]
    return FingerprintTemplate(iso_bytes=data, quality=t.quality, minutiae_count=n)


@pytest.mark.parametrize(("degrees", "shift"), [(0, (0, 0)), (25, (40, 60)), (-30, (90, 20))])
def test_the_score_does_not_depend_on_where_the_finger_lies(
    real: dict[str, FingerprintTemplate], degrees: float, shift: tuple[int, int]
) -> None:
    t = real["p1_1"]
    moved = _moved(t, degrees, shift)
    assert engine.score(t, moved) > 3 * config.FINGERPRINT_MATCH_MIN_SCORE
    assert engine.match(moved, real["p1_2"]).decision == "match"
    assert engine.match(moved, real["p2_1"]).decision == "no_match"


def test_cylinders_are_computed_once_per_template_and_dropped_with_it(
    real: dict[str, FingerprintTemplate],
) -> None:
    t = template_from_bytes(real["p1_1"].iso_bytes)
    key = id(t)
    features = fp._FEATURES[key]  # built on load, not at the first match
    engine.match(t, real["p1_2"])
    assert fp._FEATURES[key] is features
    del t
    gc.collect()
    assert key not in fp._FEATURES


def test_a_malformed_or_tiny_template_is_refused_or_scores_zero(real: dict[str, FingerprintTemplate]) -> None:
    truncated = b"FMR\x00 20\x00" + b"\x00" * 17 + b"\x0a" + b"\x00" * 12  # says 10 minutiae, holds 2
    for data in (b"garbage", truncated):
        junk = FingerprintTemplate(iso_bytes=data, quality=50, minutiae_count=10)
        with pytest.raises(FingerprintError) as info:
            engine.score(junk, real["p1_1"])
        assert info.value.code == "VALIDATION_FAILED"
    for n in (0, 1, 3):
        head = bytearray(real["p1_1"].iso_bytes[: 26 + 6 * n])
        head[25] = n
        tiny = FingerprintTemplate(iso_bytes=bytes(head), quality=50, minutiae_count=n)
        assert engine.score(tiny, real["p1_1"]) == 0


def _sequential_greedy(sim: np.ndarray) -> set[tuple[int, int]]:
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    pairs = set()
    for flat in np.argsort(-sim, axis=None, kind="stable"):
        r, c = divmod(int(flat), sim.shape[1])
        if sim[r, c] > 0 and r not in used_rows and c not in used_cols:
            used_rows.add(r)
            used_cols.add(c)
            pairs.add((r, c))
    return pairs


def test_pairing_in_rounds_equals_the_sequential_greedy() -> None:
    rng = np.random.default_rng(5)
    for _ in range(40):
        sim = rng.random((int(rng.integers(1, 40)), int(rng.integers(1, 40)))).astype(np.float32)
        sim[sim < 0.4] = 0
        rows, cols = fp._pair_greedily(sim)
        assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == _sequential_greedy(sim)
    tied = np.ones((5, 3), np.float32)  # ties still end, with one pair per column
    assert len(fp._pair_greedily(tied)[0]) == 3


def _patch(t: FingerprintTemplate, size: int, around: int) -> FingerprintTemplate:
    """A small partial print: the `size` minutiae nearest to minutia `around`."""
    n = t.minutiae_count
    rec, x, y = _records(t)
    keep = np.sort(np.argsort((x - x[around]) ** 2 + (y - y[around]) ** 2, kind="stable")[:size])
    data = bytearray(t.iso_bytes[:26] + rec[keep].astype(np.uint8).tobytes() + t.iso_bytes[26 + 6 * n :])
    data[25] = size
    data[8:12] = len(data).to_bytes(4, "big")
    return FingerprintTemplate(iso_bytes=bytes(data), quality=t.quality, minutiae_count=size)


def test_a_small_partial_print_does_not_match_another_finger_on_chance_agreements(
    real: dict[str, FingerprintTemplate],
) -> None:
    others = [synthetic(f)[0] for f in (11, 12, 13)]
    for name in ("p1_1", "p2_1"):
        t = real[name]
        rivals = [*others, real["p2_1" if name == "p1_1" else "p1_1"]]
        for around in range(0, t.minutiae_count, 8):
            patch = _patch(t, config.FINGERPRINT_MIN_MINUTIAE + 4, around)
            assert max(engine.score(patch, rival) for rival in rivals) < config.FINGERPRINT_MATCH_MIN_SCORE
            assert engine.score(patch, t) >= config.FINGERPRINT_MATCH_MIN_SCORE  # its own print still matches
