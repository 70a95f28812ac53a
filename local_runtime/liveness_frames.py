"""Head-turn frames for the local demo and tests: a resident's selfie, warped so the nose base moves against the
eye line as it does when a head turns or nods, one 3:4 frame per pose of the challenge, side by side.

This is a stand-in for the web client's camera (which films the resident answering the challenge); it lives in
the local runtime, never in the functions' layers. It measures each warped frame with the real face engine
and corrects the warp until the pose estimator of ektp.biometrics.liveness reads the pose asked for, so the
production check runs unchanged on it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from ektp.biometrics import config
from ektp.biometrics.face import FaceEngine, get_face_engine
from ektp.biometrics.liveness import HeadPose, estimate_pose
from ektp.domain.liveness import FRAME_ASPECT, Pose

Image = npt.NDArray[Any]  # BGR, uint8
# Target angles, with a margin past the classifier's limits (biometrics/config.py) so a frame is unambiguous.
_YAW = {Pose.LEFT: 25.0, Pose.RIGHT: -25.0}
_PITCH = {Pose.UP: 16.0, Pose.DOWN: -16.0}
_ATTEMPTS = 6
_MAX_SHIFT = 0.5  # inter-ocular distances: past this the warp stops looking like a face
_FRAME_WIDTH = 480  # px: the client sends frames of about this size


def liveness_strip(selfie: bytes, poses: Sequence[Pose | str], engine: FaceEngine | None = None) -> bytes:
    """One JPEG: a 3:4 frame per pose, left to right, each the selfie's face turned to that pose."""
    engine = engine or get_face_engine()
    image = cv2.imdecode(np.frombuffer(selfie, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError("the selfie does not decode")
    image = _three_by_four(image)
    scale = _FRAME_WIDTH / image.shape[1]
    image = cv2.resize(image, (_FRAME_WIDTH, round(image.shape[0] * scale)), interpolation=cv2.INTER_AREA)
    center = _posed(image, engine, yaw=0.0, drop_change=0.0)
    neutral = _measure(center, engine).nose_drop
    frames = []
    for pose in (Pose(p) for p in poses):
        yaw = _YAW.get(pose, 0.0)
        lift = config.LIVENESS_NOSE_DEPTH_RATIO * math.tan(math.radians(_PITCH.get(pose, 0.0)))
        frames.append(
            center
            if pose is Pose.CENTER
            else _posed(image, engine, yaw=yaw, drop_change=-lift, neutral_drop=neutral)
        )
    ok, buffer = cv2.imencode(".jpg", np.hstack(frames), [cv2.IMWRITE_JPEG_QUALITY, 92])
    if not ok:
        raise ValueError("could not encode the strip")
    return buffer.tobytes()


def _three_by_four(image: Image) -> Image:
    w_ratio, h_ratio = FRAME_ASPECT
    h, w = image.shape[:2]
    want_w = h * w_ratio // h_ratio
    if want_w <= w:
        left = (w - want_w) // 2
        return image[:, left : left + want_w]
    want_h = w * h_ratio // w_ratio
    top = (h - want_h) // 2
    return image[top : top + want_h]


def _measure(image: Image, engine: FaceEngine) -> HeadPose:
    ok, buffer = cv2.imencode(".jpg", image)
    analysis = engine.analyze(buffer.tobytes())
    if not ok or analysis.landmarks is None:
        raise ValueError("no face in the frame")
    return estimate_pose(analysis.landmarks)


def _posed(
    image: Image, engine: FaceEngine, *, yaw: float, drop_change: float, neutral_drop: float | None = None
) -> Image:
    """Warp until the measured yaw and nose drop reach the targets (a few corrections of a smooth warp)."""
    ok, buffer = cv2.imencode(".jpg", image)
    analysis = engine.analyze(buffer.tobytes())
    if not ok or analysis.landmarks is None:
        raise ValueError("no face in the selfie")
    landmarks = np.asarray(analysis.landmarks, dtype=np.float64)
    start = estimate_pose(analysis.landmarks)
    target_lateral = config.LIVENESS_NOSE_DEPTH_RATIO * math.tan(math.radians(yaw))
    target_drop = (start.nose_drop if neutral_drop is None else neutral_drop) + drop_change
    lateral_shift = target_lateral - _lateral(start)
    drop_shift = target_drop - start.nose_drop
    best, best_error = image, math.inf
    for _ in range(_ATTEMPTS):
        frame = _warp(image, landmarks, lateral_shift, drop_shift)
        try:
            got = _measure(frame, engine)
        except ValueError:  # warped too far for the detector: step back
            lateral_shift, drop_shift = lateral_shift * 0.8, drop_shift * 0.8
            continue
        lateral_error = target_lateral - _lateral(got)
        drop_error = target_drop - got.nose_drop
        error = abs(lateral_error) + abs(drop_error)
        if error < best_error:
            best, best_error = frame, error
        if error < 0.03:
            break
        lateral_shift = float(np.clip(lateral_shift + lateral_error, -_MAX_SHIFT, _MAX_SHIFT))
        drop_shift = float(np.clip(drop_shift + drop_error, -_MAX_SHIFT, _MAX_SHIFT))
    return best


def _lateral(pose: HeadPose) -> float:
    return config.LIVENESS_NOSE_DEPTH_RATIO * math.tan(math.radians(pose.yaw))


def _warp(image: Image, landmarks: npt.NDArray[np.float64], lateral: float, drop: float) -> Image:
    """Move the face below the eye line by `lateral` and `drop` inter-ocular distances, smoothly: nothing
    moves at the eye line, the full amount from the nose base down, fading out away from the face."""
    eye_a, eye_b, nose = landmarks[0:2].mean(axis=0), landmarks[2:4].mean(axis=0), landmarks[4]
    iod = float(np.linalg.norm(eye_a - eye_b))
    eye_y = float(eye_a[1] + eye_b[1]) / 2
    centre_x = float(eye_a[0] + eye_b[0]) / 2
    h, w = image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = np.clip((yy - eye_y) / max(float(nose[1]) - eye_y, 1.0), 0, 1)
    weight = t * t * (3 - 2 * t)
    weight *= np.exp(-(((xx - centre_x) / (1.6 * iod)) ** 2)) * np.exp(-(((yy - nose[1]) / (2.0 * iod)) ** 2))
    # The map says where each output pixel is read from: to move the nose right, read from its left.
    map_x = xx - np.float32(lateral * iod) * weight
    map_y = yy - np.float32(drop * iod) * weight
    return cv2.remap(image, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
