"""Every biometric threshold and tuning constant, in one place.

Calibration (tests/unit/biometrics/test_calibration.py recomputes these figures on every run):
- Face, dlib ResNet, L2 distance between 128-d embeddings. Fixtures: 6 photos of one person (obama x3, two
  partial faces, a PNG copy) plus flipped, cropped, brightened, darkened, blurred, rotated and recompressed
  variants; biden and his variants as the other identity. 106 genuine pairs 0.03-0.43, 104 impostor pairs
  0.81-0.89: FMR 0 and FNMR 0 at 0.6. Two identities show separation; they do NOT measure the false match
  rate at national scale (dlib reports 99.38% on LFW and is known to be weaker on East and South-East Asian
  faces). Recalibrate on a consented Indonesian evaluation set before launch.
- Fingerprint, Minutia Cylinder-Code similarity in thousandths (fingerprint.py; it replaced bozorth3, which
  took 11-15 ms a genuine match). The test's fixtures: 13 genuine pairs (1 real, 12 synthetic impressions)
  58-320, 60 impostor pairs 13-21: FMR 0 and FNMR 0 at 40. The threshold was set from a wider offline run:
  7 real prints (3 fingers; the 4 extra are FVC-style images in the fingerprint-recognition sdist) and 70
  synthetic fingers in 3 to 4 impressions each, plain and with up to 30 degrees of rotation, 70 px of shift
  and 7 px of elastic bend: 543 genuine pairs 52-377 (real 57-151), 3318 impostor pairs 12-28 (real
  12-18). 40 is the middle of the gap between the highest impostor and the lowest genuine score. 1848
  more impostor pairs against distorted partial copies (minutiae dropped, moved and added) scored 9-23,
  and 3510 of 12- to 24-minutia patches against other fingers at most 37. bozorth3 on the same 3318
  pairs: impostors up to 54 (FMR 1% at its 40), genuine from 57. Three real fingers show separation, not
  a national-scale FMR: recalibrate on a consented evaluation set too.
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
FACE_MATCH_MAX_DISTANCE: Final = 0.6  # 1:1 selfie vs ID photo or enrolled template: match when <= this
FACE_DUPLICATE_MAX_DISTANCE: Final = 0.5  # 1:N: stricter, because false matches grow with the gallery size
FACE_SCORE_MAX_DISTANCE: Final = 1.2  # score = 1 - distance / this, so the 1:1 threshold maps to score 0.5
FACE_SEARCH_TOP_K: Final = 10

# --- Gallery shards ---------------------------------------------------------------------------------------
EMBEDDING_DIM: Final = 128
GALLERY_SHARD_CAPACITY: Final = 1_000_000  # rows per shard: 1M int8 rows = 128 MB, searched in ~25 ms
GALLERY_INT8_CLIP: Final = 0.5  # minimum quantisation range; dlib components lie well inside +-0.4
GALLERY_SEARCH_CHUNK_ROWS: Final = 4096  # rows dequantised at a time: a 2 MB float32 buffer stays in cache (measured: 1M rows, one probe 30 ms vs 42 ms at 16384; 100 probes 1.0 s)

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
