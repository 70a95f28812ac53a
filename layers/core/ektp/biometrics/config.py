"""Every biometric threshold and tuning constant, in one place.

Each is a field of `BiometricThresholds`, overridable by BIOMETRICS_<FIELD> (ektp.config's loader, as the OCR
and photo settings) and read once, at import: a value out of its range stops the cold start, naming the
variable. The engines read the module constants below (config.FACE_MATCH_MAX_DISTANCE), fixed per process.

How each threshold was chosen, on which data, and what it rests on: docs/biometrics-calibration.md
(`python -m bench.face_calibration` re-measures the face figures; tests/unit/biometrics/test_calibration.py
re-checks separation on the small fixture set on every run).
"""

from __future__ import annotations

from typing import Annotated, Final, Self

from pydantic import Field, NonNegativeInt, PositiveFloat, PositiveInt, model_validator

from ektp.config import Degrees, EnvSettings, Fraction
from ektp.domain.liveness import MAX_LIVENESS_FRAMES

Distance = Annotated[float, Field(gt=0.0, le=2.0)]  # L2 between unit-length face templates
Cosine = Annotated[float, Field(ge=-1.0, le=1.0)]


class BiometricThresholds(EnvSettings):
    env_prefix = "BIOMETRICS_"

    # --- Face detection and analysis ---
    face_detect_max_side: PositiveInt = 800  # detect on a downscaled copy: HOG cost grows with pixels
    face_detect_min_score: float = 0.0  # dlib HOG detector confidence; below this a detection is ignored
    face_max_pixels: PositiveInt = 40_000_000  # refuse to decode larger images (decompression bombs)
    face_quality_min_iod_px: PositiveFloat = (
        60.0  # inter-ocular distance at which quality's size factor saturates
    )
    face_quality_sharpness_ref: PositiveFloat = (
        100.0  # Laplacian variance of the crop at which sharpness saturates
    )
    face_quality_min: Fraction = (
        0.35  # below this an analysis carries no decision of its own (caller may re-ask)
    )

    # --- Face comparison (calibration: docs/biometrics-calibration.md, "Thresholds chosen") ---
    face_match_max_distance: Distance = 0.6  # dlib alone, 1:1 where a side has no SFace template
    face_duplicate_max_distance: Distance = 0.5  # 1:N: stricter, because false matches grow with the gallery
    face_score_max_distance: Distance = 1.2  # score = 1 - distance / this: the 1:1 threshold maps to 0.5
    face_search_top_k: PositiveInt = 10  # gallery.py default; the 1:N sweep keeps candidates.CANDIDATE_TOP_K

    # --- Second face model (SFace) and fusion with dlib (docs/biometrics-calibration.md, "Face") ---
    face_yunet_long_side: PositiveInt = (
        480  # the dual engine's one YuNet pass: ID photos and selfies are large
    )
    face_dlib_box_centre: Fraction = (
        0.5  # dlib_box centre on the eye-to-mouth line: 0 at the eyes, 1 at the mouth
    )
    face_dlib_box_iod: PositiveFloat = 1.29  # dlib_box side = this x eye distance + the next x eye-to-mouth
    face_dlib_box_eye_mouth: PositiveFloat = 0.99
    sface_swap_rb: bool = False  # SFace takes BGR (RGB measured worse)
    sface_match_min_cosine: Cosine = 0.41  # SFace alone at FMR 1e-3
    fusion_dlib_impostor_mean: Distance = 0.856  # dlib L2 over the impostor pairs
    fusion_dlib_impostor_std: PositiveFloat = 0.089
    fusion_sface_impostor_mean: Cosine = 0.127  # SFace cosine over the impostor pairs
    fusion_sface_impostor_std: PositiveFloat = 0.099
    fusion_sface_weight: Fraction = 0.5  # fused = (1 - w) x dlib z + w x SFace z
    face_fused_match_min: float = 3.0  # 1:1 on both models (selfie vs photo, vs enrolled): FMR 1e-4 point
    face_fused_candidate_min: float = 2.5  # 1:N candidate generation: FMR 1e-3 point (recall first)
    fusion_score_slope: PositiveFloat = (
        2.0  # fused_to_score: how fast the 0..1 score moves around the threshold
    )

    # --- Gallery shards ---
    gallery_shard_capacity: PositiveInt = (
        1_000_000  # rows per shard: 1M int8 rows = 128 MB, searched in ~25 ms
    )
    gallery_int8_clip: PositiveFloat = (
        0.5  # minimum quantisation range; dlib components lie well inside +-0.4
    )

    # --- Fingerprints (docs/biometrics-calibration.md, "Fingerprint") ---
    fingerprint_match_min_score: Annotated[int, Field(ge=0, le=1000)] = 40  # MCC similarity x 1000
    fingerprint_quality_min: Annotated[int, Field(ge=0, le=100)] = (
        30  # NFIQ 2; below this ask for a new capture
    )
    fingerprint_min_minutiae: Annotated[NonNegativeInt, Field(le=255)] = 12  # ISO 19794-2 counts in one byte
    fingerprint_ppi: PositiveFloat = 500.0  # scanner resolution assumed when the image does not say

    # --- Fusion of face and fingerprint (docs/biometrics-calibration.md, "Face and fingerprint fused") ---
    fusion_face_weight: Fraction = 0.4
    fusion_finger_weight: Fraction = 0.6
    fusion_match_min: Fraction = 0.5  # both scores map their own threshold to 0.5

    # --- Liveness (active head-pose challenge) ---
    liveness_nose_depth_ratio: PositiveFloat = (
        0.5  # nose-base depth in front of the eyes / inter-ocular distance
    )
    liveness_turn_min_deg: Degrees = 15.0  # |yaw| for LEFT/RIGHT
    liveness_nod_min_deg: Degrees = 10.0  # |pitch change from the first CENTER frame| for UP/DOWN
    liveness_center_max_deg: Degrees = 8.0  # |yaw| and |pitch| for CENTER

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _at_most(
            "face_duplicate_max_distance",
            self.face_duplicate_max_distance,
            "face_match_max_distance",
            self.face_match_max_distance,
        )
        _at_most(
            "face_match_max_distance",
            self.face_match_max_distance,
            "face_score_max_distance",
            self.face_score_max_distance,
        )
        _at_most(
            "face_fused_candidate_min",
            self.face_fused_candidate_min,
            "face_fused_match_min",
            self.face_fused_match_min,
        )
        _at_most(
            "liveness_center_max_deg",
            self.liveness_center_max_deg,
            "liveness_turn_min_deg",
            self.liveness_turn_min_deg,
        )
        if self.fusion_face_weight + self.fusion_finger_weight <= 0:
            raise ValueError("fusion_face_weight and fusion_finger_weight are both 0: nothing would be fused")
        return self


def _at_most(low_name: str, low: float, high_name: str, high: float) -> None:
    if low > high:
        raise ValueError(f"{low_name} {low} is above {high_name} {high}")


SETTINGS: Final = BiometricThresholds.load()

# --- Face detection and analysis ---
FACE_DETECT_MAX_SIDE: Final = SETTINGS.face_detect_max_side
FACE_DETECT_MIN_SCORE: Final = SETTINGS.face_detect_min_score
FACE_MAX_PIXELS: Final = SETTINGS.face_max_pixels
FACE_QUALITY_MIN_IOD_PX: Final = SETTINGS.face_quality_min_iod_px
FACE_QUALITY_SHARPNESS_REF: Final = SETTINGS.face_quality_sharpness_ref
FACE_QUALITY_MIN: Final = SETTINGS.face_quality_min

# --- Face comparison ---
FACE_MATCH_MAX_DISTANCE: Final = SETTINGS.face_match_max_distance
FACE_DUPLICATE_MAX_DISTANCE: Final = SETTINGS.face_duplicate_max_distance
FACE_SCORE_MAX_DISTANCE: Final = SETTINGS.face_score_max_distance
FACE_SEARCH_TOP_K: Final = SETTINGS.face_search_top_k

# --- Second face model (SFace) and fusion with dlib ---
FACE_YUNET_LONG_SIDE: Final = SETTINGS.face_yunet_long_side
FACE_DLIB_BOX_CENTRE: Final = SETTINGS.face_dlib_box_centre
FACE_DLIB_BOX_IOD: Final = SETTINGS.face_dlib_box_iod
FACE_DLIB_BOX_EYE_MOUTH: Final = SETTINGS.face_dlib_box_eye_mouth
SFACE_SWAP_RB: Final = SETTINGS.sface_swap_rb
SFACE_MATCH_MIN_COSINE: Final = SETTINGS.sface_match_min_cosine
FUSION_DLIB_IMPOSTOR_MEAN: Final = SETTINGS.fusion_dlib_impostor_mean
FUSION_DLIB_IMPOSTOR_STD: Final = SETTINGS.fusion_dlib_impostor_std
FUSION_SFACE_IMPOSTOR_MEAN: Final = SETTINGS.fusion_sface_impostor_mean
FUSION_SFACE_IMPOSTOR_STD: Final = SETTINGS.fusion_sface_impostor_std
FUSION_SFACE_WEIGHT: Final = SETTINGS.fusion_sface_weight
FACE_FUSED_MATCH_MIN: Final = SETTINGS.face_fused_match_min
FACE_FUSED_CANDIDATE_MIN: Final = SETTINGS.face_fused_candidate_min
FUSION_SCORE_SLOPE: Final = SETTINGS.fusion_score_slope

# --- Gallery shards ---
EMBEDDING_DIM: Final = 128  # the face models' template length: a fact of the models, not a setting
GALLERY_SHARD_CAPACITY: Final = SETTINGS.gallery_shard_capacity
GALLERY_INT8_CLIP: Final = SETTINGS.gallery_int8_clip

# --- Fingerprints ---
FINGERPRINT_MATCH_MIN_SCORE: Final = SETTINGS.fingerprint_match_min_score
FINGERPRINT_QUALITY_MIN: Final = SETTINGS.fingerprint_quality_min
FINGERPRINT_MIN_MINUTIAE: Final = SETTINGS.fingerprint_min_minutiae
FINGERPRINT_PPI: Final = SETTINGS.fingerprint_ppi

# --- Fusion of face and fingerprint ---
FUSION_FACE_WEIGHT: Final = SETTINGS.fusion_face_weight
FUSION_FINGER_WEIGHT: Final = SETTINGS.fusion_finger_weight
FUSION_MATCH_MIN: Final = SETTINGS.fusion_match_min

# --- Liveness (active head-pose challenge) ---
LIVENESS_NOSE_DEPTH_RATIO: Final = SETTINGS.liveness_nose_depth_ratio
LIVENESS_TURN_MIN_DEG: Final = SETTINGS.liveness_turn_min_deg
LIVENESS_NOD_MIN_DEG: Final = SETTINGS.liveness_nod_min_deg
LIVENESS_CENTER_MAX_DEG: Final = SETTINGS.liveness_center_max_deg
LIVENESS_MAX_FRAMES: Final = MAX_LIVENESS_FRAMES  # the domain's limit (ektp.domain.liveness)
LIVENESS_SAME_FACE_MAX_DISTANCE: Final = FACE_MATCH_MAX_DISTANCE
