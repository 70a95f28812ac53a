"""The 1:N outcome rules on the fused dlib+SFace score (ektp.biometrics.candidates, GALLERY_OUTCOMES)."""

from __future__ import annotations

from ektp.biometrics import candidates as cand
from ektp.biometrics import config
from ektp.biometrics.gallery import Candidate
from ektp.biometrics.scores import distance_to_score
from tests.unit.biometrics.test_gallery_candidates import LARGE, SMALL, finger


def candidate(nik: str, distance: float) -> Candidate:
    return Candidate(id=nik, distance=distance, score=round(distance_to_score(distance), 4), shard="s")


def face(fused: float, cosine: float = 0.3) -> cand.FaceEvidence:
    return cand.FaceEvidence(sface_cosine=cosine, face_fused=fused)


def test_small_gallery_between_the_candidate_floor_and_the_match_threshold_goes_the_large_gallery_way() -> (
    None
):
    c = candidate("3171010101900001", 0.45)
    between = (config.FACE_FUSED_CANDIDATE_MIN + config.FACE_FUSED_MATCH_MIN) / 2
    reasons, search = cand.classify([c], SMALL, {}, {c.id: face(between)})
    assert search.candidates[0].outcome == "face_only" and [r.code for r in reasons] == ["FACE_CANDIDATE"]
    assert reasons[0].threshold == config.FACE_FUSED_CANDIDATE_MIN
    # Trusted fingers that differ clear it, as in a large gallery (dlib beyond the never-cleared 0.4).
    cleared, search = cand.classify([c], SMALL, {c.id: finger(c.id, 0.45, 12)}, {c.id: face(between)})
    assert cleared == [] and search.candidates[0].outcome == "finger_cleared"


def test_small_gallery_the_face_decides_at_the_fused_match_threshold_with_the_threshold_stated() -> None:
    c = candidate("3171010101900001", 0.55)  # beyond dlib's 0.5: SFace's evidence carries it
    reasons, search = cand.classify([c], SMALL, {}, {c.id: face(config.FACE_FUSED_MATCH_MIN + 0.5)})
    assert search.candidates[0].outcome == "small_gallery_face"
    assert (reasons[0].code, reasons[0].threshold) == ("FACE_DUPLICATE", config.FACE_FUSED_MATCH_MIN)
    assert search.fused_match_min == config.FACE_FUSED_MATCH_MIN
    assert search.fused_candidate_min == config.FACE_FUSED_CANDIDATE_MIN


def test_large_gallery_below_the_fused_floor_is_dropped_unless_dlib_is_within_the_never_cleared_distance() -> (
    None
):
    low = config.FACE_FUSED_CANDIDATE_MIN - 1
    far, near = candidate("3171010101900001", 0.45), candidate("3171010101900002", 0.35)
    reasons, search = cand.classify([far, near], LARGE, {}, {far.id: face(low), near.id: face(low)})
    outcomes = {c.id: c.outcome for c in search.candidates}
    assert outcomes == {far.id: "below_threshold", near.id: "face_only"}
    assert [r.code for r in reasons] == ["FACE_CANDIDATE"]


def test_fingers_are_compared_for_a_fused_candidate_beyond_the_nearest() -> None:
    rows = [candidate(f"n{i}", 0.6 + 0.001 * i) for i in range(50)]  # all beyond dlib's 0.5
    strong = {"n40": face(config.FACE_FUSED_CANDIDATE_MIN + 1)}
    compared = [c.id for c in cand.to_compare_by_finger(rows, strong)]
    assert "n40" in compared and len(compared) == cand.FINGER_COMPARED_NEAREST + 1


def test_dlib_only_and_fused_candidates_sort_on_one_scale() -> None:
    dlib_only, fused = candidate("a", 0.3), candidate("b", 0.3)
    ordered = cand.by_fused_score([fused, dlib_only], {"b": face(cand.dlib_z(0.3) - 1)})
    assert [c.id for c in ordered] == ["a", "b"]
    _, search = cand.classify([fused, dlib_only], LARGE, {}, {"b": face(1.0)})
    assert [(c.id, c.basis) for c in search.candidates] == [("a", "dlib"), ("b", "fused")]
