"""Upload-time checks of a fingerprint capture (an office or kiosk scanner image), before any matching.

The same safe decoder as photos (bombs, truncation, polyglots refused with their reason), then what a
scanner operator can fix by capturing again: too small an image, a blank or saturated platen, no ridge
detail (a smudge or a finger lifted too early). Minutiae quality (NFIQ 2) is measured later by the
biometrics function, which has the fingerprint engine; these checks give the kiosk an answer in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from ektp.domain.reasons import Reason, reason
from ektp.photo.decode import DecodeError, decode_image

MIN_SIDE_PX = 256  # a flat finger at 500 dpi is ~0.6 x 0.8 inch: 300 x 400 pixels or more
MAX_SIDE_PX = 2000  # larger is a photo of a hand or a document, not a single-finger scan
MIN_CONTRAST = 20.0  # grey-level standard deviation of the whole image: below it the platen is blank
MIN_RIDGE_COVERAGE = 0.10  # share of the image covered by ridge texture
MIN_RIDGE_ENERGY = 60.0  # Laplacian variance inside the finger area: a smudge has none


@dataclass(frozen=True)
class CaptureResult:
    accepted: bool
    reasons: list[Reason] = field(default_factory=list)
    measurements: dict[str, float] = field(default_factory=dict)


def check_fingerprint_capture(data: bytes) -> CaptureResult:
    try:
        decoded = decode_image(data)
    except DecodeError as exc:
        return CaptureResult(
            False, [reason(exc.code, field="file", measured=exc.measured, threshold=exc.threshold)]
        )
    grey = cv2.cvtColor(decoded.bgr, cv2.COLOR_BGR2GRAY)
    height, width = grey.shape
    contrast = float(grey.std())
    # Ridge texture: strong local second derivatives, found block by block (16 px, about two ridges).
    lap = cv2.Laplacian(grey.astype(np.float32), cv2.CV_32F, ksize=3)
    block = 16
    h, w = height // block * block, width // block * block
    energy = (lap[:h, :w] ** 2).reshape(h // block, block, w // block, block).mean(axis=(1, 3))
    textured = energy > MIN_RIDGE_ENERGY
    coverage = float(textured.mean()) if textured.size else 0.0
    ridge_energy = float(np.median(energy[textured])) if textured.any() else 0.0
    measurements = {
        "width": float(width),
        "height": float(height),
        "contrast": round(contrast, 2),
        "ridge_coverage": round(coverage, 3),
        "ridge_energy": round(ridge_energy, 1),
    }
    reasons: list[Reason] = []
    if min(width, height) < MIN_SIDE_PX:
        reasons.append(
            reason(
                "FINGERPRINT_QUALITY_LOW",
                field="resolution",
                measured=min(width, height),
                threshold=MIN_SIDE_PX,
            )
        )
    if max(width, height) > MAX_SIDE_PX:
        reasons.append(
            reason(
                "FINGERPRINT_QUALITY_LOW",
                field="resolution",
                measured=max(width, height),
                threshold=MAX_SIDE_PX,
            )
        )
    if contrast < MIN_CONTRAST:
        reasons.append(
            reason(
                "FINGERPRINT_QUALITY_LOW",
                field="contrast",
                measured=round(contrast, 2),
                threshold=MIN_CONTRAST,
            )
        )
    elif coverage < MIN_RIDGE_COVERAGE:
        reasons.append(
            reason(
                "FINGERPRINT_QUALITY_LOW",
                field="ridges",
                measured=round(coverage, 3),
                threshold=MIN_RIDGE_COVERAGE,
            )
        )
    return CaptureResult(not reasons, reasons, measurements)
