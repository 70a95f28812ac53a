"""The photo and selfie checks: every check measures a value from the pixels and compares it with a
threshold from `PhotoConfig`; every failing check is reported, so one re-upload can fix them all."""

from __future__ import annotations

import math
import time
from typing import Any, Literal

import cv2
import numpy as np
from cv2.typing import MatLike
from pydantic import BaseModel, ConfigDict, Field

from ektp.domain.reasons import Reason, reason
from ektp.photo.config import DEFAULT_CONFIG, KindLimits, PhotoConfig, PhotoKind
from ektp.photo.decode import DecodeError, decode_image
from ektp.photo.faces import Face, detect_faces
from ektp.photo.faces import load as load_detector
from ektp.photo.normalize import normalize_id_photo, normalize_selfie

Gray = MatLike  # 8-bit, one channel
Box = tuple[int, int, int, int]  # x, y, width, height in full-frame pixels
Measure = float | int | str


class FaceBox(BaseModel):
    model_config = ConfigDict(frozen=True)

    x: int
    y: int
    width: int
    height: int


class PhotoCheck(BaseModel):
    """The verdict on one photo. `normalized_jpeg` (only when ACCEPTED) and `timings_ms` are not serialised."""

    kind: PhotoKind
    verdict: Literal["ACCEPTED", "REJECTED"]
    reasons: list[Reason]
    measurements: dict[str, Measure]
    face_box: FaceBox | None = None
    normalized_jpeg: bytes | None = Field(default=None, exclude=True, repr=False)
    timings_ms: dict[str, float] = Field(default_factory=dict, exclude=True, repr=False)


def warm_up() -> None:
    """Check and load the face detector now: call at a Lambda handler's import, so the init phase pays it
    rather than the first resident's request."""
    load_detector(DEFAULT_CONFIG)


def _r(value: float, digits: int = 3) -> float:
    return round(float(value), digits)


class _Timer:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = _r((now - self._last) * 1000, 2)
        self._last = now


# ------------------------------------------------------------------------------------------ face detection
def _subject(faces: list[Face], w: int, config: PhotoConfig) -> Face | None:
    """The person the photo is of: the largest face or, among faces nearly as large, the one clearly nearest
    the frame's vertical centre line (a selfie's subject holds the camera in front of them; the height of a
    face in the frame says nothing about who it is). None when it is ambiguous (two people side by side)."""
    if not faces:
        return None
    largest = max(f.width for f in faces)
    candidates = [f for f in faces if f.width >= config.subject_min_width_ratio * largest]

    def off_centre(face: Face) -> float:
        return abs(face.center()[0] - w / 2)

    candidates.sort(key=off_centre)
    if len(candidates) == 1:
        return candidates[0]
    nearest, next_nearest = off_centre(candidates[0]), off_centre(candidates[1])
    return candidates[0] if nearest <= config.subject_max_distance_ratio * next_nearest else None


def _eye_line_roll(gray: Gray, face: Face, config: PhotoConfig) -> float:
    """Roll of the head from the eye line (positive: the eye on the picture's right is lower).

    YuNet's eye landmarks lean towards upright (an applied 16 degrees read as 3-14 on the fixtures), so the
    line is refined on the pixels: levelled by the landmarks' roll, each eye's centre is found as its darkest
    spot (`_dark_spot_roll`), then levelled by that and found again. The second look must agree with the
    first within `eye_refine_agree_deg` (a closed or hidden eye gives no stable dark spot); otherwise the
    landmarks' roll stands. On the fixtures turned by -25..25 degrees: within 1 degree."""
    prior = face.roll_deg
    first = _dark_spot_roll(gray, face, prior, config)
    second = _dark_spot_roll(gray, face, first, config)
    return second if abs(second - first) <= config.eye_refine_agree_deg else prior


def _dark_spot_roll(gray: Gray, face: Face, roll: float, config: PhotoConfig) -> float:
    """`roll` plus the eye line's remaining angle on a copy levelled by `roll` and scaled to `eye_distance_px`
    between the eyes: each eye's centre is the centroid of the darkest `eye_dark_fraction` of a blurred window
    around its landmark (iris and pupil)."""
    (rx, ry), (lx, ly) = face.landmarks[0], face.landmarks[1]
    unit = config.eye_distance_px
    width, height = 3 * unit, 2 * unit
    matrix = cv2.getRotationMatrix2D(((rx + lx) / 2, (ry + ly) / 2), roll, unit / max(1.0, face.eye_distance))
    matrix[0, 2] += width / 2 - (rx + lx) / 2
    matrix[1, 2] += height / 2 - (ry + ly) / 2
    levelled = cv2.warpAffine(gray, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE)
    levelled = cv2.GaussianBlur(levelled.astype(np.float32), (0, 0), config.eye_blur * unit)
    half_w, half_h = int(config.eye_window[0] * unit), int(config.eye_window[1] * unit)
    centres: list[tuple[float, float]] = []
    for eye_x in (width // 2 - unit // 2, width // 2 + unit // 2):
        x0, y0 = eye_x - half_w, height // 2 - half_h
        window = levelled[y0 : y0 + 2 * half_h, x0 : x0 + 2 * half_w]
        rank = int(config.eye_dark_fraction * window.size)
        ys, xs = np.nonzero(window <= np.partition(window.ravel(), rank)[rank])
        centres.append((x0 + float(xs.mean()), y0 + float(ys.mean())))
    (ax, ay), (bx, by) = centres
    return roll + math.degrees(math.atan2(by - ay, bx - ax))


def _rotate(image: MatLike, degrees: float) -> MatLike:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)


def _rotation_search(bgr: MatLike, config: PhotoConfig) -> tuple[float, MatLike, Face] | None:
    """A face the upright detector misses may be a strongly rolled head: try the configured angles (coarse
    pass only: this runs only when no face was found)."""
    for angle in config.rotation_search_deg:
        rotated = _rotate(bgr, angle)
        faces = detect_faces(rotated, config, coarse_only=True)
        if len(faces) == 1:
            return angle, rotated, faces[0]
    return None


# ---------------------------------------------------------------------------------------- measurements
def _clamp(box: Box, w: int, h: int) -> Box:
    """The part of a face box inside the frame (a face cut by the frame's edge has a box reaching past it)."""
    x0, y0 = max(0, box[0]), max(0, box[1])
    x1, y1 = min(w, box[0] + box[2]), min(h, box[1] + box[3])
    return x0, y0, max(1, x1 - x0), max(1, y1 - y0)


def _face_halves(gray: Gray, face: Face, config: PhotoConfig) -> tuple[Gray, Gray]:
    """The skin of the face left and right of its nose line (as seen in the picture), from the landmarks.

    The face is levelled on its eye line and scaled so that half the eye distance is `face_unit_px`; each
    half runs from the brows to below the mouth and out from the nose line by `face_half_width` times that
    eye's distance from it, so a face turned a little keeps hair, ears and backdrop out of both halves."""
    unit = config.face_unit_px
    half_eye = max(1.0, face.eye_distance / 2)
    (rx, ry), (lx, ly) = face.landmarks[0], face.landmarks[1]
    cx, cy = (rx + lx) / 2, (ry + ly) / 2
    width, height = int(2 * (config.face_half_width + 0.5) * unit), int(4.0 * unit)
    top = config.face_top_above_eyes * unit
    matrix = cv2.getRotationMatrix2D((cx, cy), face.roll_deg, unit / half_eye)
    matrix[0, 2] += width / 2 - cx
    matrix[1, 2] += top - cy
    levelled = cv2.warpAffine(gray, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE)
    points = np.asarray(face.landmarks, np.float64) @ matrix[:, :2].T + matrix[:, 2]
    nose = round(float(min(max(points[2, 0], points[0, 0] + 1), points[1, 0] - 1)))
    nose = min(max(nose, 1), width - 1)
    bottom = int(min(height, max(1.0, max(points[3, 1], points[4, 1]) + config.face_below_mouth * unit)))
    left = int(min(nose - 1, max(0, nose - config.face_half_width * (nose - points[0, 0]))))
    right = int(max(nose + 1, min(width, nose + config.face_half_width * (points[1, 0] - nose))))
    return levelled[:bottom, left:nose], levelled[:bottom, nose:right]


def _sharpness(gray: Gray, box: Box, config: PhotoConfig) -> float:
    x, y, w, h = box
    face = gray[y : y + h, x : x + w]
    scale = config.sharpness_face_width / w
    face = cv2.resize(face, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA).astype(np.float32)
    # Brightness-normalised: the Laplacian grows with the light level, so a dim but sharp photo would read as
    # blurry. Scaling the face to a fixed mean keeps this a measure of focus.
    face = face * (config.sharpness_face_mean / (float(face.mean()) + 1.0))
    return float(cv2.Laplacian(face, cv2.CV_32F).var())


def _exposure(region: Gray, config: PhotoConfig) -> dict[str, float]:
    hist = cv2.calcHist([region], [0], None, [256], [0, 256]).ravel()
    cdf = np.cumsum(hist) / max(1.0, float(hist.sum()))
    return {
        "face_luma_mean": _r(float(np.dot(np.arange(256), hist) / max(1.0, float(hist.sum())))),
        "face_luma_p5": float(np.searchsorted(cdf, 0.05)),
        "face_luma_p95": float(np.searchsorted(cdf, 0.95)),
        "face_clipped_fraction": _r(
            float(hist[config.overexposed_level :].sum() / max(1.0, float(hist.sum())))
        ),
    }


def _percentile_u8(values: MatLike, q: float) -> float:
    """np.percentile (linear interpolation between the two nearest ranks) of 8-bit values, from their histogram.

    np.percentile imports numpy.ma on its first call, which would cost every cold start's first check."""
    ranks = np.cumsum(np.bincount(values.ravel(), minlength=256))  # ranks[v]: how many values are <= v
    position = (int(ranks[-1]) - 1) * q / 100
    below = int(position)
    low, high = np.searchsorted(ranks, [below + 1, min(below + 2, int(ranks[-1]))])
    return float(low + (int(high) - int(low)) * (position - below))


def _frame_highlight(bgr: MatLike) -> float:
    """99th percentile of HSV value (max of B, G, R) over the frame, on a sparse grid of pixels."""
    step = max(1, int(math.sqrt(bgr.shape[0] * bgr.shape[1] / 40_000)))
    value = bgr[::step, ::step].max(axis=2)
    return _percentile_u8(value, 99)


def _light_balance(left: Gray, right: Gray) -> dict[str, float]:
    """Median luminance of each half of the face and their ratio in photographic stops (log2), brighter over
    darker. Light from one side darkens the far half whatever the skin tone (a darker complexion scales both
    halves alike), and the median is not pulled by a half's share of eye, brow or nostril."""
    left_median, right_median = _percentile_u8(left, 50), _percentile_u8(right, 50)
    return {
        "face_luma_left": _r(left_median, 1),
        "face_luma_right": _r(right_median, 1),
        "side_light_stops": _r(abs(math.log2((left_median + 1.0) / (right_median + 1.0))), 2),
    }


def _background_band(bgr: MatLike, box: Box | None, config: PhotoConfig) -> MatLike:
    """Pixels of the top band and of the side bands down to the chin: shoulders and clothes are excluded."""
    h, w = bgr.shape[:2]
    band = max(4, int(config.background_band_ratio * min(h, w)))
    bottom = min(h, box[1] + box[3]) if box is not None else h // 2
    parts = [bgr[:band, :], bgr[band:bottom, :band], bgr[band:bottom, w - band :]]
    return np.concatenate([p.reshape(-1, 3) for p in parts if p.size], axis=0)


# sRGB to CIE Lab (D65) on OpenCV's 8-bit scale (L * 255/100, a + 128, b + 128), which `background_tolerance`
# is in. Computed here for the few thousand band pixels: OpenCV's own 8-bit conversion first builds its Lab
# and Luv lookup tables, tens of milliseconds on each cold start's first check. It agrees with OpenCV within
# 1 unit on 99.9% of the 2^24 colours (within 3 on all), where the tolerance is 22.
_SRGB = np.arange(256) / 255.0
_SRGB_TO_LINEAR = np.where(_SRGB <= 0.04045, _SRGB / 12.92, ((_SRGB + 0.055) / 1.055) ** 2.4)
_BGR_TO_XYZN = np.array(  # rows X / Xn, Y, Z / Zn; columns B, G, R
    [[0.180423, 0.357580, 0.412453], [0.072169, 0.715160, 0.212671], [0.950227, 0.119193, 0.019334]]
) / np.array([[0.950456], [1.0], [1.088754]])


def _lab(bgr_pixels: MatLike) -> MatLike:
    """Lab of (n, 3) 8-bit BGR pixels, 8-bit like OpenCV's output."""
    xyz = _SRGB_TO_LINEAR[bgr_pixels] @ _BGR_TO_XYZN.T
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    lightness = np.where(xyz[:, 1] > 0.008856, 116 * f[:, 1] - 16, 903.3 * xyz[:, 1])
    lab = np.stack(
        [lightness * 2.55, 500 * (f[:, 0] - f[:, 1]) + 128, 200 * (f[:, 1] - f[:, 2]) + 128], axis=1
    )
    rounded: MatLike = np.clip(np.rint(lab), 0, 255).astype(np.uint8)
    return rounded


def _background(bgr: MatLike, box: Box | None, config: PhotoConfig) -> dict[str, Measure]:
    pixels = _background_band(bgr, box, config)
    # Subsample: a few thousand pixels decide the colour as well as all of them, at a fraction of the cost.
    pixels = pixels[:: max(1, len(pixels) // 6000)].reshape(-1, 1, 3)
    lab = _lab(pixels.reshape(-1, 3))
    median = np.median(lab, axis=0)  # of integers: no NaN check, which would import numpy.ma on a cold start
    uniform = float((np.linalg.norm(lab - median, axis=1) <= config.background_tolerance).mean())
    hsv = cv2.cvtColor(pixels, cv2.COLOR_BGR2HSV).reshape(-1, 3)
    hue, sat, val = hsv[:, 0].astype(int), hsv[:, 1], hsv[:, 2]
    chromatic = (sat >= config.min_color_saturation) & (val >= config.min_color_value)
    red = chromatic & ((hue <= config.red_hue_max) | (hue >= 180 - config.red_hue_max))
    blue = chromatic & (hue >= config.blue_hue_min) & (hue <= config.blue_hue_max)
    fractions = {"red": float(red.mean()), "blue": float(blue.mean())}
    colour = max(fractions, key=lambda k: fractions[k])
    if fractions[colour] < config.min_color_fraction:
        colour = "other"
    return {
        "background_uniformity": _r(uniform),
        "background_color": colour,
        "background_red_fraction": _r(fractions["red"]),
        "background_blue_fraction": _r(fractions["blue"]),
    }


def expected_background(birth_year: int) -> Literal["red", "blue"]:
    """DOMAIN.md (Dukcapil, June 2025): red background for an odd birth year, blue for an even one."""
    return "red" if birth_year % 2 else "blue"


# --------------------------------------------------------------------------------------------- the check
class _Findings:
    """What one photo's checks have measured and which have failed so far, with the time each step took."""

    def __init__(self, measurements: dict[str, Measure]) -> None:
        self.measurements = measurements
        self.reasons: list[Reason] = []
        self.timer = _Timer()

    def fail(self, code: str, measured: Measure | None, threshold: Measure | None) -> None:
        self.reasons.append(reason(code, measured=measured, threshold=threshold))

    def lap(self, name: str) -> None:
        self.timer.lap(name)


def check_photo(
    data: bytes, kind: PhotoKind, birth_year: int | None = None, config: PhotoConfig = DEFAULT_CONFIG
) -> PhotoCheck:
    """Decode safely and run every check; REJECTED lists every failing reason with measured and threshold."""
    found = _Findings({"bytes": len(data)})
    try:
        image = decode_image(data, config)
    except DecodeError as exc:
        return _undecodable(kind, exc, found)
    found.lap("decode")
    bgr, limits = image.bgr, config.limits(kind)
    h, w = bgr.shape[:2]
    found.measurements.update(
        format=image.header.format, width=w, height=h, exif_orientation=image.header.exif_orientation
    )
    _check_resolution(w, h, limits, config, found)
    found.lap("resolution")

    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    face, face_gray, tilt = _find_faces(bgr, gray, kind, config, found.measurements, found.fail)
    found.lap("detect")
    box = _clamp(face.box, w, h) if face is not None else None
    halves = None
    if face is not None and box is not None:
        halves = _check_face(face, box, face_gray, tilt, limits, config, found, frame=(w, h))
        found.lap("sharpness")
    _check_light(bgr, gray, halves, config, found)
    found.lap("exposure")
    if limits.require_background:
        _check_background(bgr, box if face_gray is gray else None, birth_year, config, found)
        found.lap("background")
    return _verdict(kind, bgr, box, config, found)


def _undecodable(kind: PhotoKind, exc: DecodeError, found: _Findings) -> PhotoCheck:
    found.measurements["decode_error"] = exc.detail
    found.lap("decode")
    found.fail(exc.code, exc.measured, exc.threshold)
    return PhotoCheck(
        kind=kind,
        verdict="REJECTED",
        reasons=found.reasons,
        measurements=found.measurements,
        timings_ms=found.timer.timings,
    )


def _check_resolution(w: int, h: int, limits: KindLimits, config: PhotoConfig, found: _Findings) -> None:
    short, long = min(w, h), max(w, h)
    if short < config.min_short_side:
        found.fail("PHOTO_RESOLUTION_LOW", short, config.min_short_side)
    elif long < config.min_long_side:
        found.fail("PHOTO_RESOLUTION_LOW", long, config.min_long_side)
    aspect = _r(w / h)
    found.measurements["aspect"] = aspect
    if not limits.min_aspect <= aspect <= limits.max_aspect:
        found.fail("PHOTO_ASPECT", aspect, f"{limits.min_aspect}-{limits.max_aspect}")


def _check_face(
    face: Face,
    box: Box,
    face_gray: Gray,
    tilt: float,
    limits: KindLimits,
    config: PhotoConfig,
    found: _Findings,
    *,
    frame: tuple[int, int],
) -> tuple[Gray, Gray]:
    """Size, position, tilt and sharpness of the subject's face; returns its two halves for the light check."""
    _face_geometry(face.box, frame[0], frame[1], limits, found.measurements, found.fail)
    found.measurements["head_tilt_deg"] = _r(tilt, 1)
    if abs(tilt) > config.max_tilt_deg:
        found.fail("HEAD_TILTED", _r(abs(tilt), 1), config.max_tilt_deg)
    sharp = _r(_sharpness(face_gray, box, config), 1)
    found.measurements["sharpness"] = sharp
    if sharp < config.min_sharpness:
        found.fail("PHOTO_BLURRY", sharp, config.min_sharpness)
    return _face_halves(face_gray, face, config)


def _check_light(
    bgr: MatLike, gray: Gray, halves: tuple[Gray, Gray] | None, config: PhotoConfig, found: _Findings
) -> None:
    """Exposure on the face (or, with no single face, the centre of the frame, which still tells a resident
    why) and, with a face, the balance of light between its halves."""
    if halves is not None:
        inner = np.concatenate([halves[0].ravel(), halves[1].ravel()])
    else:
        h, w = gray.shape[:2]
        inner = gray[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4]
    exposure = _exposure(inner, config)
    found.measurements.update(exposure)
    frame_p99 = _frame_highlight(bgr)
    found.measurements["frame_value_p99"] = frame_p99
    if frame_p99 < config.min_frame_p99:
        found.fail("PHOTO_UNDEREXPOSED", frame_p99, config.min_frame_p99)
    elif exposure["face_luma_p95"] < config.min_face_p95:
        found.fail("PHOTO_UNDEREXPOSED", exposure["face_luma_p95"], config.min_face_p95)
    if exposure["face_clipped_fraction"] > config.max_face_clipped_fraction:
        found.fail("PHOTO_OVEREXPOSED", exposure["face_clipped_fraction"], config.max_face_clipped_fraction)
    if halves is not None:
        balance = _light_balance(*halves)
        found.measurements.update(balance)
        if balance["side_light_stops"] > config.max_side_light_stops:
            found.fail("LIGHTING_UNEVEN", balance["side_light_stops"], config.max_side_light_stops)


def _check_background(
    bgr: MatLike, box: Box | None, birth_year: int | None, config: PhotoConfig, found: _Findings
) -> None:
    """A plain background of the colour the birth year calls for (DOMAIN.md's photo rule)."""
    background = _background(bgr, box, config)
    found.measurements.update(background)
    if float(background["background_uniformity"]) < config.min_background_uniformity:
        found.fail(
            "BACKGROUND_NOT_UNIFORM", background["background_uniformity"], config.min_background_uniformity
        )
    elif birth_year is not None:
        expected = expected_background(birth_year)
        found.measurements["background_expected"] = expected
        if background["background_color"] != expected:
            found.fail("BACKGROUND_WRONG_COLOR", background["background_color"], expected)


def _verdict(
    kind: PhotoKind, bgr: MatLike, box: Box | None, config: PhotoConfig, found: _Findings
) -> PhotoCheck:
    verdict: Literal["ACCEPTED", "REJECTED"] = "REJECTED" if found.reasons else "ACCEPTED"
    normalized = None
    if verdict == "ACCEPTED" and box is not None:
        normalized = (
            normalize_id_photo(bgr, box, config) if kind == "id_photo" else normalize_selfie(bgr, config)
        )
        found.lap("normalize")
    face_box = FaceBox(x=box[0], y=box[1], width=box[2], height=box[3]) if box is not None else None
    return PhotoCheck(
        kind=kind,
        verdict=verdict,
        reasons=found.reasons,
        measurements=found.measurements,
        face_box=face_box,
        normalized_jpeg=normalized,
        timings_ms=found.timer.timings,
    )


def _find_faces(
    bgr: MatLike,
    gray: Gray,
    kind: PhotoKind,
    config: PhotoConfig,
    measurements: dict[str, Measure],
    fail: Any,
) -> tuple[Face | None, Gray, float]:
    """Count every face and pick the subject: (subject or None, the grey picture its box refers to, roll).

    A second face anywhere rejects an ID photo (one person only, DOMAIN.md); on a selfie it is reported as a
    second person in the frame while the subject is still judged, so one retake fixes everything."""
    w = gray.shape[1]
    faces = detect_faces(bgr, config)
    measurements["face_count"] = len(faces)
    if len(faces) > 1:
        if kind == "id_photo":
            fail("MULTIPLE_FACES", len(faces), 1)
        else:
            fail("SECOND_PERSON_IN_FRAME", len(faces) - 1, 0)
    subject = _subject(faces, w, config)
    if subject is not None:
        return subject, gray, _eye_line_roll(gray, subject, config)
    if faces:
        return None, gray, 0.0
    found = _rotation_search(bgr, config)
    if found is None:
        fail("FACE_NOT_FOUND", 0, 1)
        return None, gray, 0.0
    angle, rotated, face = found
    measurements["face_count"] = 1
    # Turning the picture counter-clockwise by `angle` stood the head up: the roll was `angle` plus what is
    # left on the turned copy.
    rotated_gray = cv2.cvtColor(rotated, cv2.COLOR_BGR2GRAY)
    return face, rotated_gray, angle + _eye_line_roll(rotated_gray, face, config)


def _face_geometry(
    box: Box, w: int, h: int, limits: KindLimits, measurements: dict[str, Measure], fail: Any
) -> None:
    x, y, bw, bh = box
    ratio = _r(bw / w)
    offset_x = _r(abs((x + bw / 2) / w - 0.5))
    center_y = _r((y + bh / 2) / h)
    measurements.update(face_width_ratio=ratio, face_center_offset_x=offset_x, face_center_y=center_y)
    if ratio < limits.min_face_width_ratio:
        fail("FACE_TOO_SMALL", ratio, limits.min_face_width_ratio)
    elif ratio > limits.max_face_width_ratio:
        fail("FACE_TOO_LARGE", ratio, limits.max_face_width_ratio)
    if offset_x > limits.max_center_offset_x or not limits.min_center_y <= center_y <= limits.max_center_y:
        measured = offset_x if offset_x > limits.max_center_offset_x else center_y
        threshold = (
            limits.max_center_offset_x
            if offset_x > limits.max_center_offset_x
            else f"{limits.min_center_y}-{limits.max_center_y}"
        )
        fail("FACE_NOT_CENTERED", measured, threshold)
