"""Every threshold of the photo and selfie checks, in one place.

Ratios are relative to the decoded (EXIF-rotated) frame; luminance values are 0-255 on the BT.601 grey
channel. The defaults were calibrated on real face photos and on defects derived from them by code
(tests/support/photo_defects.py); bench/photo.py measures the time each check costs.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PhotoKind = Literal["id_photo", "selfie"]


class KindLimits(BaseModel):
    """Limits that differ between the ID photo (pas foto) and the selfie."""

    model_config = ConfigDict(frozen=True)

    # Portrait required: width / height. 3:4 is 0.75, 2:3 is 0.667, 9:16 phone frames are 0.5625.
    min_aspect: float
    max_aspect: float
    # Face box width / frame width.
    min_face_width_ratio: float
    max_face_width_ratio: float
    # Horizontal distance of the face centre from the frame centre, / frame width.
    max_center_offset_x: float
    # Vertical position of the face centre, / frame height (0 = top).
    min_center_y: float
    max_center_y: float
    require_background: bool


class PhotoConfig(BaseModel):
    model_config = ConfigDict(frozen=True)

    # --- safe decode ---
    # A 12 MP phone photo is 4000x3000; 50 MP sensors bin to 12.5 MP by default. 25 MP leaves room and caps
    # the decoded BGR buffer at 75 MB, inside the Lambda's memory budget.
    max_pixels: int = 25_000_000
    # Bytes after the JPEG end-of-image / PNG IEND that are tolerated (some encoders pad with a few zeros).
    max_trailing_bytes: int = 64

    # --- resolution ---
    min_short_side: int = 480
    min_long_side: int = 640

    # --- face detection (OpenCV Haar frontal face on a downscaled grey copy) ---
    detect_long_side: int = 400
    detect_scale_factor: float = 1.2
    detect_min_neighbors: int = 5
    # Smallest face searched for, / short side of the downscaled frame: smaller hits are clutter.
    detect_min_face_ratio: float = 0.12
    # A second detection counts as another person only if at least this fraction of the largest face's width:
    # tiny Haar hits in a background (posters, fabric) are not people the resident can remove.
    second_face_min_ratio: float = 0.45
    # In-plane angles tried, in this order, when no upright face is found: a face found only when turned
    # is a tilted head, not a missing face.
    rotation_search_deg: tuple[float, ...] = (20.0, -20.0, 35.0, -35.0)

    # --- head tilt (eye line): Haar eye cascade on the face's upper 60%, resized to this width ---
    # ISO/IEC 19794-5 allows about 8 degrees of roll for a frontal portrait; 10 leaves room for the
    # eye-line estimate's own error (about 2 degrees on the levelled fixtures).
    max_tilt_deg: float = 10.0
    eye_face_width: int = 160
    eye_scale_factor: float = 1.15
    eye_min_neighbors: int = 5
    # Estimates at or beyond this are re-measured on the face levelled by the first estimate.
    tilt_refine_from_deg: float = 4.0

    # --- sharpness: variance of the Laplacian on the face resized to `sharpness_face_width` px ---
    # Measured at a fixed face size so a large face is not judged sharper than a small one.
    sharpness_face_width: int = 200
    # The face is scaled to this mean grey level first, so dim light does not read as blur. Calibration: sharp
    # faces measured 140-330, a slight defocus (Gaussian sigma ~1 px at this face size) 17-29.
    sharpness_face_mean: float = 128.0
    min_sharpness: float = 60.0

    # --- exposure ---
    # Underexposed, first, when the whole frame is dark: the brightest 1% of the frame (HSV value, i.e. the
    # largest of R, G, B, so a saturated red or blue backdrop counts as bright) stays below this level. A
    # photo taken in enough light reaches well above it whatever the subject's complexion, because the
    # backdrop, the eyes' whites and the clothes are in the frame too.
    min_frame_p99: float = 110.0
    # Underexposed, second, when the face itself sits in shadow (backlit): the face's highlights (95th
    # percentile of luma on the inner face) stay below this. Deliberately low: a dark complexion in good
    # light has face highlights far above it (forehead, nose, cheekbones), so skin tone does not trip it.
    min_face_p95: float = 55.0
    # Overexposed when this share of face pixels is clipped white (>= 250), whatever the skin tone.
    max_face_clipped_fraction: float = 0.20
    overexposed_level: int = 250
    # Uneven lighting: the brighter half of the face over the darker one, in photographic stops (log2).
    max_side_light_stops: float = 1.0

    # --- background (ID photo only): a border band around the frame above the shoulders ---
    background_band_ratio: float = 0.07
    # Share of band pixels within `background_tolerance` (CIE Lab distance) of the band's median colour.
    min_background_uniformity: float = 0.85
    background_tolerance: float = 22.0
    # Colour classes in OpenCV HSV (H 0-180). Hue and saturation, not value, so light level matters little.
    min_color_saturation: int = 70
    min_color_value: int = 50
    red_hue_max: int = 12  # red wraps around 0/180: H <= 12 or H >= 180 - 12
    blue_hue_min: int = 95
    blue_hue_max: int = 130
    # Share of band pixels that must fall in the expected class.
    min_color_fraction: float = 0.70

    # --- normalized ID photo: KTP-el pas foto proportion (3:4, width:height) ---
    normalized_width: int = 480
    normalized_height: int = 640
    # Face box width / output width, and the face centre's height / output height.
    normalized_face_width_ratio: float = 0.45
    normalized_face_center_y: float = 0.45
    normalized_selfie_long_side: int = 1280
    jpeg_quality: int = 92

    id_photo: KindLimits = Field(
        default=KindLimits(
            min_aspect=0.5,
            max_aspect=0.9,
            min_face_width_ratio=0.25,
            max_face_width_ratio=0.75,
            max_center_offset_x=0.12,
            min_center_y=0.25,
            max_center_y=0.60,
            require_background=True,
        )
    )
    selfie: KindLimits = Field(
        default=KindLimits(
            min_aspect=0.45,
            max_aspect=1.0,
            min_face_width_ratio=0.20,
            max_face_width_ratio=0.85,
            max_center_offset_x=0.20,
            min_center_y=0.20,
            max_center_y=0.70,
            require_background=False,
        )
    )

    def limits(self, kind: PhotoKind) -> KindLimits:
        return self.id_photo if kind == "id_photo" else self.selfie


DEFAULT_CONFIG = PhotoConfig()
