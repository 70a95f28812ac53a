"""The LIVENESS upload: the frames answering a challenge, side by side in one image, each FRAME_ASPECT.

One file instead of a burst of uploads: one presigned POST, one intake, one object to expire. Checked at upload
for what the client can fix (the safe decoder, the frame shape and count, a minimum frame size); the poses
and the face in every frame are checked by the biometrics function against the challenge and the selfie.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from ektp.domain.liveness import FRAME_ASPECT, MAX_LIVENESS_FRAMES
from ektp.domain.reasons import Reason, reason
from ektp.photo.decode import DecodeError, decode_image

MIN_FRAME_WIDTH = 240  # a face must be large enough for 5-point landmarks


@dataclass(frozen=True)
class StripResult:
    accepted: bool
    frames: list[npt.NDArray[np.uint8]] = field(default_factory=list)  # BGR frames, in order
    reasons: list[Reason] = field(default_factory=list)
    measurements: dict[str, float] = field(default_factory=dict)


def split_strip(data: bytes) -> StripResult:
    try:
        bgr = decode_image(data).bgr
    except DecodeError as exc:
        return StripResult(
            False, reasons=[reason(exc.code, field="file", measured=exc.measured, threshold=exc.threshold)]
        )
    height, width = bgr.shape[:2]
    frame_width = height * FRAME_ASPECT[0] / FRAME_ASPECT[1]
    count = round(width / frame_width)
    measurements = {"frames": float(count), "frame_width": round(frame_width, 1), "height": float(height)}

    def fail(detail: str, measured: float | str, threshold: float | str) -> StripResult:
        return StripResult(
            False,
            reasons=[reason("LIVENESS_FAILED", field=detail, measured=measured, threshold=threshold)],
            measurements=measurements,
        )

    if count < 2 or abs(width - count * frame_width) > 0.05 * frame_width:
        return fail(
            "frame_layout", f"{width}x{height}", f"frames of {FRAME_ASPECT[0]}:{FRAME_ASPECT[1]} side by side"
        )
    if count > MAX_LIVENESS_FRAMES:
        return fail("frame_count", count, MAX_LIVENESS_FRAMES)
    if frame_width < MIN_FRAME_WIDTH:
        return fail("frame_size", round(frame_width), MIN_FRAME_WIDTH)
    step = width / count
    frames = [
        np.ascontiguousarray(bgr[:, round(i * step) : round((i + 1) * step)], dtype=np.uint8)
        for i in range(count)
    ]
    return StripResult(True, frames=frames, measurements=measurements)


def frames_as_jpeg(frames: list[npt.NDArray[np.uint8]]) -> list[bytes]:
    """What the face engine reads (it takes encoded images, as for the photo and the selfie)."""
    out = []
    for frame in frames:
        ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 92])
        if ok:
            out.append(buf.tobytes())
    return out
