"""The photo and selfie checks: every check measures a value from the pixels and compares it with a
threshold from `PhotoConfig`; every failing check is reported, so one re-upload can fix them all."""

from __future__ import annotations

import itertools
import math
import time
from functools import cache
from typing import Any, Literal

import cv2
import numpy as np
from cv2.typing import MatLike
from pydantic import BaseModel, ConfigDict, Field

from ektp.domain.reasons import Reason, reason
from ektp.photo.config import DEFAULT_CONFIG, KindLimits, PhotoConfig, PhotoKind
from ektp.photo.decode import DecodeError, decode_image
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


@cache
def _cascade(name: str) -> cv2.CascadeClassifier:
    classifier = cv2.CascadeClassifier(cv2.data.haarcascades + name)  # type: ignore[attr-defined]
    if classifier.empty():
        raise RuntimeError(f"OpenCV cascade {name} is missing (opencv-python-headless must be < 5)")
    return classifier


def warm_up() -> None:
    """Load the cascades now (about 0.1 s): call at a Lambda handler's import, so the init phase pays it
    rather than the first resident's request."""
    _cascade("haarcascade_frontalface_default.xml")
    _cascade("haarcascade_eye.xml")


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
def _detect(gray: Gray, config: PhotoConfig) -> tuple[list[Box], float]:
    """Faces on a copy downscaled to `detect_long_side`; boxes in full-frame pixels, largest first."""
    scale = min(1.0, config.detect_long_side / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    min_side = max(20, int(min(small.shape) * config.detect_min_face_ratio))
    found = _cascade("haarcascade_frontalface_default.xml").detectMultiScale(
        small,
        scaleFactor=config.detect_scale_factor,
        minNeighbors=config.detect_min_neighbors,
        minSize=(min_side, min_side),
    )
    boxes = [tuple(round(v / scale) for v in box) for box in found]
    boxes.sort(key=lambda b: b[2] * b[3], reverse=True)
    return [(b[0], b[1], b[2], b[3]) for b in boxes], scale


def _people(boxes: list[Box], config: PhotoConfig) -> list[Box]:
    """Detections big enough, next to the largest, to be another person rather than background clutter."""
    if not boxes:
        return []
    largest = boxes[0]
    lx, ly, lw, lh = largest
    people = [largest]
    for b in boxes[1:]:
        cx, cy = b[0] + b[2] / 2, b[1] + b[3] / 2
        nested = lx <= cx <= lx + lw and ly <= cy <= ly + lh  # a second hit on the same face
        # Straight below the chin is this person's own body: Haar's classic false positive is a shirt
        # collar and tie, and no second person's face sits on someone's chest in a portrait.
        torso = lx <= cx <= lx + lw and cy > ly + lh
        if not nested and not torso and b[2] >= config.second_face_min_ratio * lw:
            people.append(b)
    return people


def _rotate(gray: Gray, degrees: float) -> Gray:
    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)


def _eye_line_deg(gray: Gray, box: Box, config: PhotoConfig) -> float | None:
    """Roll of the head from the line through both eyes (positive: the subject's left eye is lower).

    Haar eye hits are noisy: a pair must lie on either side of the face's midline, be of similar size and a
    plausible distance apart, otherwise the tilt is not measured (None) rather than guessed."""
    x, y, w, h = box
    width = config.eye_face_width
    region = gray[y : y + int(h * 0.6), x : x + w]
    if region.size == 0:
        return None
    scale = width / w
    region = cv2.resize(region, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    eyes = _cascade("haarcascade_eye.xml").detectMultiScale(
        region,
        scaleFactor=config.eye_scale_factor,
        minNeighbors=config.eye_min_neighbors,
        minSize=(int(0.12 * width), int(0.12 * width)),
        maxSize=(int(0.4 * width), int(0.4 * width)),
    )
    best: tuple[float, float] | None = None
    for a, b in itertools.permutations(eyes, 2):
        ax, ay = a[0] + a[2] / 2, a[1] + a[3] / 2
        bx, by = b[0] + b[2] / 2, b[1] + b[3] / 2
        if not ax < width / 2 < bx or min(a[2], b[2]) / max(a[2], b[2]) < 0.7:
            continue
        if not 0.25 * width < bx - ax < 0.65 * width:
            continue
        score = float(abs(int(a[2]) - int(b[2])))
        if best is None or score < best[0]:
            best = (score, math.degrees(math.atan2(by - ay, bx - ax)))
    return None if best is None else best[1]


def _tilt(gray: Gray, box: Box, config: PhotoConfig) -> float | None:
    """Eye-line roll. When no eye pair is found upright, the region around the face is turned by each search
    angle and the face found again there: a strongly rolled head can pass the face detector but not the eye
    pairing. None when no eye line is found at all (the roll is then not judged rather than guessed)."""
    upright = _eye_line_deg(gray, box, config)
    if upright is not None:
        return _refine_tilt(gray, box, upright, config)
    x, y, w, h = box
    x0, y0 = max(0, x - w), max(0, y - h)
    region = gray[y0 : y + 2 * h, x0 : x + 2 * w]
    for angle in config.rotation_search_deg:
        turned = _rotate(region, angle)
        faces = _people(_detect(turned, config)[0], config)
        if len(faces) == 1:
            eye = _eye_line_deg(turned, faces[0], config)
            if eye is not None:
                # Turning the picture counter-clockwise by `angle` lowered the measured roll by `angle`.
                return angle + eye
    return None


def _refine_tilt(gray: Gray, box: Box, tilt: float, config: PhotoConfig) -> float:
    """A second look when the first estimate is not clearly level: the eye cascade is most reliable on a level
    face, so the face is levelled by the first estimate and what roll remains is added. Upright faces (the
    common case) skip this."""
    if abs(tilt) < config.tilt_refine_from_deg:
        return tilt
    x, y, w, h = box
    matrix = cv2.getRotationMatrix2D((x + w / 2, y + h / 2), tilt, 1.0)
    x0, y0 = max(0, x - w // 2), max(0, y - h // 2)
    x1, y1 = min(gray.shape[1], x + w + w // 2), min(gray.shape[0], y + h + h // 2)
    matrix[0, 2] -= x0  # rotate only the neighbourhood of the face
    matrix[1, 2] -= y0
    levelled = cv2.warpAffine(gray, matrix, (x1 - x0, y1 - y0), borderMode=cv2.BORDER_REPLICATE)
    rest = _eye_line_deg(levelled, (x - x0, y - y0, w, h), config)
    return tilt if rest is None else tilt + rest


def _rotation_search(gray: Gray, config: PhotoConfig) -> tuple[float, Gray, Box] | None:
    """A face the upright detector misses may be a tilted head: try the configured angles."""
    for angle in config.rotation_search_deg:
        rotated = _rotate(gray, angle)
        boxes = _people(_detect(rotated, config)[0], config)
        if len(boxes) == 1:
            return angle, rotated, boxes[0]
    return None


# ---------------------------------------------------------------------------------------- measurements
def _inner_face(gray: Gray, box: Box) -> Gray:
    """The skin of the face: the box without hair, ears and background."""
    x, y, w, h = box
    return gray[y + int(0.25 * h) : y + int(0.85 * h), x + int(0.2 * w) : x + int(0.8 * w)]


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


def _side_light_stops(region: Gray) -> float:
    half = region.shape[1] // 2
    left, right = float(region[:, :half].mean()), float(region[:, half:].mean())
    return abs(math.log2((left + 1.0) / (right + 1.0)))


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
def check_photo(
    data: bytes, kind: PhotoKind, birth_year: int | None = None, config: PhotoConfig = DEFAULT_CONFIG
) -> PhotoCheck:
    """Decode safely and run every check; REJECTED lists every failing reason with measured and threshold."""
    timer = _Timer()
    measurements: dict[str, Measure] = {"bytes": len(data)}
    try:
        image = decode_image(data, config)
    except DecodeError as exc:
        measurements["decode_error"] = exc.detail
        timer.lap("decode")
        rejected = reason(exc.code, measured=exc.measured, threshold=exc.threshold)
        return PhotoCheck(
            kind=kind,
            verdict="REJECTED",
            reasons=[rejected],
            measurements=measurements,
            timings_ms=timer.timings,
        )
    timer.lap("decode")
    bgr, limits = image.bgr, config.limits(kind)
    h, w = bgr.shape[:2]
    measurements.update(
        format=image.header.format, width=w, height=h, exif_orientation=image.header.exif_orientation
    )
    reasons: list[Reason] = []

    def fail(code: str, measured: Measure, threshold: Measure) -> None:
        reasons.append(reason(code, measured=measured, threshold=threshold))

    # Resolution and aspect.
    short, long = min(w, h), max(w, h)
    if short < config.min_short_side:
        fail("PHOTO_RESOLUTION_LOW", short, config.min_short_side)
    elif long < config.min_long_side:
        fail("PHOTO_RESOLUTION_LOW", long, config.min_long_side)
    aspect = _r(w / h)
    measurements["aspect"] = aspect
    if not limits.min_aspect <= aspect <= limits.max_aspect:
        fail("PHOTO_ASPECT", aspect, f"{limits.min_aspect}-{limits.max_aspect}")
    timer.lap("resolution")

    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    boxes = _people(_detect(gray, config)[0], config)
    timer.lap("detect")
    measurements["face_count"] = len(boxes)
    box: Box | None = None
    face_gray = gray
    tilt: float | None = None
    if len(boxes) > 1:
        fail("MULTIPLE_FACES", len(boxes), 1)
    elif len(boxes) == 1:
        box = boxes[0]
        tilt = _tilt(gray, box, config)
    else:
        found = _rotation_search(gray, config)
        if found is None:
            fail("FACE_NOT_FOUND", 0, 1)
        else:
            angle, face_gray, box = found
            measurements["face_count"] = 1
            # Turning the picture counter-clockwise by `angle` stood the head up: the roll was `angle` plus
            # what is left on the turned copy.
            eye = _eye_line_deg(face_gray, box, config)
            tilt = angle + (eye or 0.0)
    timer.lap("tilt")

    if box is not None:
        _face_geometry(box, w, h, limits, measurements, fail)
        if tilt is not None:
            measurements["head_tilt_deg"] = _r(tilt, 1)
            if abs(tilt) > config.max_tilt_deg:
                fail("HEAD_TILTED", _r(abs(tilt), 1), config.max_tilt_deg)
        sharp = _r(_sharpness(face_gray, box, config), 1)
        measurements["sharpness"] = sharp
        if sharp < config.min_sharpness:
            fail("PHOTO_BLURRY", sharp, config.min_sharpness)
        timer.lap("sharpness")
        inner = _inner_face(face_gray, box)
    else:
        # No single face: judge the light on the centre of the frame, which tells a resident why.
        inner = gray[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4]
    exposure = _exposure(inner, config)
    measurements.update(exposure)
    frame_p99 = _frame_highlight(bgr)
    measurements["frame_value_p99"] = frame_p99
    if frame_p99 < config.min_frame_p99:
        fail("PHOTO_UNDEREXPOSED", frame_p99, config.min_frame_p99)
    elif exposure["face_luma_p95"] < config.min_face_p95:
        fail("PHOTO_UNDEREXPOSED", exposure["face_luma_p95"], config.min_face_p95)
    if exposure["face_clipped_fraction"] > config.max_face_clipped_fraction:
        fail("PHOTO_OVEREXPOSED", exposure["face_clipped_fraction"], config.max_face_clipped_fraction)
    if box is not None:
        stops = _r(_side_light_stops(inner), 2)
        measurements["side_light_stops"] = stops
        if stops > config.max_side_light_stops:
            fail("LIGHTING_UNEVEN", stops, config.max_side_light_stops)
    timer.lap("exposure")

    if limits.require_background:
        background = _background(bgr, box if face_gray is gray else None, config)
        measurements.update(background)
        if float(background["background_uniformity"]) < config.min_background_uniformity:
            fail(
                "BACKGROUND_NOT_UNIFORM",
                background["background_uniformity"],
                config.min_background_uniformity,
            )
        elif birth_year is not None:
            expected = expected_background(birth_year)
            measurements["background_expected"] = expected
            if background["background_color"] != expected:
                fail("BACKGROUND_WRONG_COLOR", background["background_color"], expected)
        timer.lap("background")

    verdict: Literal["ACCEPTED", "REJECTED"] = "REJECTED" if reasons else "ACCEPTED"
    normalized = None
    if verdict == "ACCEPTED" and box is not None:
        normalized = (
            normalize_id_photo(bgr, box, config) if kind == "id_photo" else normalize_selfie(bgr, config)
        )
        timer.lap("normalize")
    face_box = FaceBox(x=box[0], y=box[1], width=box[2], height=box[3]) if box is not None else None
    return PhotoCheck(
        kind=kind,
        verdict=verdict,
        reasons=reasons,
        measurements=measurements,
        face_box=face_box,
        normalized_jpeg=normalized,
        timings_ms=timer.timings,
    )


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
