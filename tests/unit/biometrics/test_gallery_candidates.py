"""1:N as candidate generation: the outcomes of one probe's candidates, small and large galleries, and the table."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from ektp.biometrics import candidates as cand
from ektp.biometrics import config
from ektp.biometrics.fingerprint import FusedCandidate
from ektp.biometrics.gallery import Candidate, build_shard, search_shard
from ektp.biometrics.scores import distance_to_score
from ektp.domain.decision import GALLERY_OUTCOMES, REVIEW_CODES, decide
from ektp.domain.records import StageResult, stage_outcome

LARGE = cand.SMALL_GALLERY_MAX * 1000
SMALL = cand.SMALL_GALLERY_MAX - 1


def candidate(nik: str, distance: float) -> Candidate:
    return Candidate(id=nik, distance=distance, score=round(distance_to_score(distance), 4), shard="s")


def finger(nik: str, distance: float, finger_score: int) -> FusedCandidate:
    return FusedCandidate(
        id=nik,
        face_distance=distance,
        face_score=distance_to_score(distance),
        finger_score=finger_score,
        fused=0.9 if finger_score >= config.FINGERPRINT_MATCH_MIN_SCORE else 0.3,
        decision="match" if finger_score >= config.FINGERPRINT_MATCH_MIN_SCORE else "no_match",
    )


def decision_of(reasons: list) -> str:  # type: ignore[type-arg]
    stage = StageResult(
        stage="face_duplicates",
        attempt=1,
        outcome=stage_outcome(reasons),
        reasons=reasons,
        at=datetime(2026, 12, 3, tzinfo=UTC),
    )
    return decide([stage]).decision


def test_no_outcome_rejects_on_its_own_every_raised_code_goes_to_an_officer() -> None:
    for outcome, (code, officer) in GALLERY_OUTCOMES.items():
        assert (code is None) == (not officer), outcome
        if code is not None:
            assert code in REVIEW_CODES, outcome


def test_small_gallery_the_face_decides_at_its_stated_threshold_and_a_finger_cannot_clear_it() -> None:
    near = candidate("3171010101900001", 0.3)
    reasons, search = cand.classify([near], SMALL, {near.id: finger(near.id, 0.3, 12)})
    assert search.regime == "small" and search.face_threshold == config.FACE_DUPLICATE_MAX_DISTANCE
    assert [(r.code, r.field) for r in reasons] == [("FACE_DUPLICATE", "face")]
    assert search.candidates[0].outcome == "small_gallery_face" and search.candidates[0].officer_confirms
    assert decision_of(reasons) == "REVIEW"


def test_large_gallery_a_face_alone_is_a_candidate_for_an_officer_never_a_rejection() -> None:
    near = candidate("3171010101900001", 0.45)
    reasons, search = cand.classify([near, candidate("3171010101900002", 0.7)], LARGE, {})
    assert [r.code for r in reasons] == ["FACE_CANDIDATE"]
    assert [c.outcome for c in search.candidates] == ["face_only", "below_threshold"]
    assert [c.officer_confirms for c in search.candidates] == [True, False]
    assert decision_of(reasons) == "REVIEW"
    # The reason names no other NIK: the resident must not learn whose face it is.
    assert all(near.id not in (r.message_en + r.message_id + str(r.measured)) for r in reasons)


def test_large_gallery_trusted_fingers_confirm_or_clear_a_face_candidate() -> None:
    a, b = candidate("3171010101900001", 0.45), candidate("3171010101900002", 0.48)
    reasons, search = cand.classify(
        [a, b], LARGE, {a.id: finger(a.id, 0.45, 90), b.id: finger(b.id, 0.48, 15)}
    )
    assert [(r.code, r.field) for r in reasons] == [("FACE_DUPLICATE", "face+fingerprint")]
    assert [c.outcome for c in search.candidates] == ["finger_confirmed", "finger_cleared"]
    assert [c.finger for c in search.candidates] == ["match", "no_match"]
    cleared, _ = cand.classify([b], LARGE, {b.id: finger(b.id, 0.48, 15)})
    assert cleared == [] and decision_of(cleared) == "APPROVE"


def test_large_gallery_a_face_too_close_is_not_cleared_by_fingers_that_differ() -> None:
    twin = candidate("3171010101900001", cand.FINGER_CANNOT_CLEAR_DISTANCE - 0.1)
    reasons, search = cand.classify([twin], LARGE, {twin.id: finger(twin.id, twin.distance, 15)})
    assert [r.code for r in reasons] == ["FACE_CANDIDATE"] and search.candidates[0].finger == "no_match"


def test_a_trusted_finger_match_beyond_the_face_threshold_still_adds_a_flag_in_either_gallery() -> None:
    far = candidate("3171010101900001", 0.55)
    for size in (SMALL, LARGE):
        reasons, search = cand.classify([far], size, {far.id: finger(far.id, 0.55, 80)})
        assert search.candidates[0].outcome == "finger_fused"
        assert [(r.code, r.field) for r in reasons] == [("FACE_DUPLICATE", "face+fingerprint")]


def test_the_gallery_size_threshold_and_the_expected_false_candidates_are_stated() -> None:
    assert cand.regime_for(cand.SMALL_GALLERY_MAX - 1) == "small"
    assert cand.regime_for(cand.SMALL_GALLERY_MAX) == "large"
    _, search = cand.classify([], 280_000_000, {})
    assert search.expected_false_candidates == pytest.approx(
        280_000_000 * cand.FACE_FMR_AT_DUPLICATE_DISTANCE
    )
    assert (
        search.small_gallery_max * cand.FACE_FMR_AT_DUPLICATE_DISTANCE <= cand.FALSE_CANDIDATE_BUDGET + 1e-12
    )


def test_the_sweep_returns_the_top_k_candidates_with_scores_nearest_first() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 128)).astype(np.float32)
    x *= np.float32(0.6) / np.linalg.norm(x, axis=1, keepdims=True)
    ids = [f"31710101019{i:05d}" for i in range(400)]
    found = search_shard(build_shard(ids, x), x[7], cand.CANDIDATE_TOP_K)
    assert len(found) == cand.CANDIDATE_TOP_K == 50
    assert found[0].id == ids[7]
    assert [c.distance for c in found] == sorted(c.distance for c in found)
    assert all(abs(c.score - distance_to_score(c.distance)) < 1e-3 for c in found)


def test_the_officer_gets_photos_of_the_candidates_to_confirm_first_then_the_nearest() -> None:
    rows = [{"id": f"n{i}", "officer_confirms": i in (12, 30)} for i in range(40)]
    shown = cand.photo_candidates({"candidates": rows})
    assert [r["id"] for r in shown][:2] == ["n12", "n30"]
    assert len(shown) == cand.CANDIDATE_PHOTOS_SHOWN
    assert cand.photo_candidates({}) == [] and cand.photo_candidates({"candidates": "x"}) == []


def test_fingers_are_compared_for_the_candidates_within_the_threshold_and_the_nearest() -> None:
    rows = [candidate(f"n{i}", 0.3 + 0.01 * i) for i in range(50)]  # 0.30 .. 0.79
    compared = cand.to_compare_by_finger(rows)
    within = [c for c in rows if c.distance <= config.FACE_DUPLICATE_MAX_DISTANCE]
    assert len(compared) == max(len(within), cand.FINGER_COMPARED_NEAREST) < len(rows)
