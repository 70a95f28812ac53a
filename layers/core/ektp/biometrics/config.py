"""Every biometric threshold and tuning constant, in one place.

How each threshold was chosen, on which data, and what it rests on: docs/biometrics-calibration.md
(`python -m bench.face_calibration` re-measures the face figures; tests/unit/biometrics/test_calibration.py
re-checks separation on the small fixture set on every run).
"""

from __future__ import annotations

from typing import Final

from ektp.domain.liveness import MAX_LIVENESS_FRAMES

# --- Face detection and analysis --------------------------------------------------------------------------
FACE_DETECT_MAX_SIDE: Final = 800  # detect on a downscaled copy: HOG cost grows with pixels
FACE_DETECT_MIN_SCORE: Final = 0.0  # dlib HOG detector confidence; below this a detection is ignored
FACE_MAX_PIXELS: Final = 40_000_000  # refuse to decode larger images (decompression bombs)
FACE_QUALITY_MIN_IOD_PX: Final = 60.0  # inter-ocular distance at which the size factor of quality saturates
FACE_QUALITY_SHARPNESS_REF: Final = 100.0  # Laplacian variance of the face crop at which sharpness saturates
FACE_QUALITY_MIN: Final = 0.35  # below this an analysis carries no decision of its own (caller may re-ask)

# --- Face comparison --------------------------------------------------------------------------------------
# dlib alone, 1:1 where a side has no SFace template (enrolled before SFace): match when <= this. The calibration
# measured dlib's FMR 1e-3 point at 0.596, so 0.6 stands.
FACE_MATCH_MAX_DISTANCE: Final = 0.6
FACE_DUPLICATE_MAX_DISTANCE: Final = 0.5  # 1:N: stricter, because false matches grow with the gallery size
FACE_SCORE_MAX_DISTANCE: Final = 1.2  # score = 1 - distance / this, so the 1:1 threshold maps to score 0.5
FACE_SEARCH_TOP_K: Final = 10  # gallery.py default; the 1:N sweep keeps candidates.CANDIDATE_TOP_K

# --- Second face model (SFace) and fusion with dlib ---------------------------------------------------------
# Measured by bench/face_calibration.py on real labelled photos and derived variants: 30 people (10 with several
# photos), 35,000 genuine and 511,000 impostor pairs; docs/biometrics-calibration.md has the tables and caveats.
FACE_YUNET_LONG_SIDE: Final = (
    480  # the dual engine's one YuNet pass: faces in ID photos and selfies are large
)
FACE_DLIB_BOX_CENTRE: Final = 0.5  # dlib_box: centre on the eye-to-mouth line, 0 at the eyes, 1 at the mouth
FACE_DLIB_BOX_IOD: Final = 1.29  # dlib_box side = this x eye distance + the next x eye-to-mouth distance
FACE_DLIB_BOX_EYE_MOUTH: Final = 0.99
SFACE_SWAP_RB: Final = (
    False  # SFace takes BGR: RGB measured worse (FNMR at FMR 1e-3 0.57 % vs 0.13 %, quick run)
)
SFACE_MATCH_MIN_COSINE: Final = 0.41  # SFace alone at FMR 1e-3 (measured 0.407; OpenCV publishes 0.363)
FUSION_DLIB_IMPOSTOR_MEAN: Final = 0.856  # dlib L2 over the impostor pairs
FUSION_DLIB_IMPOSTOR_STD: Final = 0.089
FUSION_SFACE_IMPOSTOR_MEAN: Final = 0.127  # SFace cosine over the impostor pairs
FUSION_SFACE_IMPOSTOR_STD: Final = 0.099
FUSION_SFACE_WEIGHT: Final = (
    0.5  # fused = (1 - w) x dlib z + w x SFace z; 0.5 had the lowest FNMR at FMR 1e-3
)
FACE_FUSED_MATCH_MIN: Final = (
    3.0  # 1:1 on both models (selfie vs photo, vs enrolled): FMR 1e-4 measured at 2.95
)
FACE_FUSED_CANDIDATE_MIN: Final = 2.5  # 1:N candidate generation: FMR 1e-3 measured at 2.54 (recall first)
FUSION_SCORE_SLOPE: Final = 2.0  # fused_to_score: how fast the 0..1 score moves around the threshold

# --- Gallery shards ---------------------------------------------------------------------------------------
EMBEDDING_DIM: Final = 128
GALLERY_SHARD_CAPACITY: Final = 1_000_000  # rows per shard: 1M int8 rows = 128 MB, searched in ~25 ms
GALLERY_INT8_CLIP: Final = 0.5  # minimum quantisation range; dlib components lie well inside +-0.4

# --- Fingerprints -----------------------------------------------------------------------------------------
FINGERPRINT_MATCH_MIN_SCORE: Final = 40  # MCC x 1000: impostors 12-28, genuine pairs >= 52 (calibration)
FINGERPRINT_QUALITY_MIN: Final = 30  # NFIQ 2 (0-100); below this ask for a new capture
FINGERPRINT_MIN_MINUTIAE: Final = 12
FINGERPRINT_PPI: Final = 500.0  # scanner resolution assumed when the image does not say

# --- Fusion of face and fingerprint -----------------------------------------------------------------------
FUSION_FACE_WEIGHT: Final = 0.4
FUSION_FINGER_WEIGHT: Final = 0.6  # minutiae are far more distinctive than a face at national scale
FUSION_MATCH_MIN: Final = 0.5  # both scores map their own threshold to 0.5, so 0.5 is the fused threshold

# --- Liveness (active head-pose challenge) ----------------------------------------------------------------
LIVENESS_NOSE_DEPTH_RATIO: Final = 0.5  # nose-base depth in front of the eyes / inter-ocular distance
LIVENESS_TURN_MIN_DEG: Final = 15.0  # |yaw| for LEFT/RIGHT
LIVENESS_NOD_MIN_DEG: Final = 10.0  # |pitch change from the first CENTER frame| for UP/DOWN
LIVENESS_CENTER_MAX_DEG: Final = 8.0  # |yaw| and |pitch| for CENTER
LIVENESS_MAX_FRAMES: Final = MAX_LIVENESS_FRAMES
LIVENESS_SAME_FACE_MAX_DISTANCE: Final = FACE_MATCH_MAX_DISTANCE
