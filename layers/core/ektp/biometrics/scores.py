"""Score scales shared by the engines, kept free of heavy imports so the shard-search Lambda loads only
numpy and pydantic (no OpenCV, no dlib)."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from ektp.biometrics import config


def distance_to_score(distance: float) -> float:
    """Face L2 distance -> 0..1: 1 identical, 0.5 at the 1:1 threshold, 0 at FACE_SCORE_MAX_DISTANCE."""
    return float(min(1.0, max(0.0, 1.0 - distance / float(config.FACE_SCORE_MAX_DISTANCE))))


def finger_score_to_unit(score: float) -> float:
    """Fingerprint score (MCC similarity in thousandths) -> 0..1 with the match threshold at 0.5 (s / (s + threshold))."""
    s = max(0.0, float(score))
    return s / (s + float(config.FINGERPRINT_MATCH_MIN_SCORE))


def fused_z(distance: float, similarity: float) -> float:
    """Evidence of both face models in one number: each score as standard deviations away from its own
    impostor mean (measured, config.FUSION_*), weighted. 0 is a typical impostor pair; higher is more alike.

    `distance` is dlib's L2 distance, `similarity` SFace's cosine. `fused_z_array` is the same over arrays
    (a gallery shard's scores in one call)."""
    return float(fused_z_array(np.float64(distance), np.float64(similarity)))


def fused_z_array(distances: npt.ArrayLike, similarities: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """`fused_z` element-wise: dlib distances and SFace cosines of the same pairs, in the same order."""
    d = np.asarray(distances, dtype=np.float64)
    s = np.asarray(similarities, dtype=np.float64)
    dlib_z = (config.FUSION_DLIB_IMPOSTOR_MEAN - d) / config.FUSION_DLIB_IMPOSTOR_STD
    sface_z = (s - config.FUSION_SFACE_IMPOSTOR_MEAN) / config.FUSION_SFACE_IMPOSTOR_STD
    weight = config.FUSION_SFACE_WEIGHT
    return np.asarray((1.0 - weight) * dlib_z + weight * sface_z, dtype=np.float64)


def fused_to_score(fused: float, threshold: float | None = None) -> float:
    """Fused value -> 0..1 with the 1:1 threshold at 0.5 (a logistic curve), like the other unit scores, so
    face and finger fuse on one scale."""
    limit = config.FACE_FUSED_MATCH_MIN if threshold is None else threshold
    return 1.0 / (1.0 + math.exp(-config.FUSION_SCORE_SLOPE * (fused - limit)))
