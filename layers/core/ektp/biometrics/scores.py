"""Score scales shared by the engines, kept free of heavy imports so the shard-search Lambda loads only
numpy and pydantic (no OpenCV, no dlib)."""

from __future__ import annotations

from ektp.biometrics import config


def distance_to_score(distance: float) -> float:
    """Face L2 distance -> 0..1: 1 identical, 0.5 at the 1:1 threshold, 0 at FACE_SCORE_MAX_DISTANCE."""
    return float(min(1.0, max(0.0, 1.0 - distance / float(config.FACE_SCORE_MAX_DISTANCE))))


def finger_score_to_unit(score: float) -> float:
    """Fingerprint score (MCC similarity in thousandths) -> 0..1 with the match threshold at 0.5 (s / (s + threshold))."""
    s = max(0.0, float(score))
    return s / (s + float(config.FINGERPRINT_MATCH_MIN_SCORE))
