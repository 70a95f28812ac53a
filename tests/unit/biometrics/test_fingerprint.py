from __future__ import annotations

import functools
import itertools
from pathlib import Path

import cv2
import numpy as np
import pytest

from ektp.biometrics import config
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
    assert genuine.decision == "match" and genuine.score is not None and genuine.score >= 40
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
    weak = FingerprintTemplate(iso_bytes=real["p1_2"].iso_bytes, quality=config.FINGERPRINT_QUALITY_MIN - 1,
                               minutiae_count=real["p1_2"].minutiae_count,
                               reasons=[reason("FINGERPRINT_QUALITY_LOW")])
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
        real: dict[str, FingerprintTemplate]) -> None:
    candidates = [Candidate(id="A", distance=0.40, score=0.67), Candidate(id="B", distance=0.45, score=0.62),
                  Candidate(id="C", distance=0.48, score=0.6)]
    enrolled = {"A": real["p2_1"], "B": real["p1_2"]}  # C has no enrolled print
    ranked = engine.identify(real["p1_1"], candidates, enrolled)
    assert ranked[0].id == "B"
    by_id = {c.id: c for c in ranked}
    assert by_id["B"].decision == "match" and by_id["A"].decision == "no_match"
    assert by_id["C"].finger_score is None and by_id["C"].fused == pytest.approx(0.6)
    assert [r.code for r in fused_duplicate_reasons(ranked)] == ["FACE_DUPLICATE"]
    assert fused_duplicate_reasons([by_id["A"]]) == []
