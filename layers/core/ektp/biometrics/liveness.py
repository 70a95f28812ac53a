"""Active liveness: the resident follows a random sequence of head poses and sends one frame per pose.

How it works: each frame goes through the face engine; yaw and pitch are estimated from the 5-point
landmarks (the nose base moves sideways against the eye line when the head turns, and towards the eyes
when the chin goes up); the requested poses must appear in order among the frames; and every frame must be
the same face as the selfie (embedding distance). The first pose is always CENTER: its nose-to-eyes drop is
the resident's own neutral pitch, since faces differ too much for a population constant.

Directions are the resident's own: LEFT means the resident turns to their left, which on an unmirrored
camera frame moves the nose towards the image's right edge. UP means chin up.

What this does NOT catch (say it plainly): a replayed video of the real person doing the same moves (the
server cannot tell a live camera from a screen without a device-attestation or screen-reflection signal),
a good 3-D mask or a deepfake generated in real time in response to the challenge, or an injected camera
stream. It only raises the bar above holding up a printed photo or a still picture. The 5-point pose
estimate is coarse (a generic nose depth, no camera calibration): it tells left from right and up from
down, it does not measure angles precisely.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

from ektp.biometrics import config
from ektp.biometrics.face import FaceEngine, face_distance, get_face_engine
from ektp.domain.liveness import Pose, new_challenge
from ektp.domain.reasons import Reason, reason

__all__ = ["Pose", "new_challenge", "verify_liveness"]  # the challenge itself lives in ektp.domain.liveness


class HeadPose(BaseModel):
    model_config = ConfigDict(frozen=True)

    yaw: float  # degrees, positive = the resident turned to their left
    nose_drop: float  # vertical nose-base offset below the eye line / inter-ocular distance
    roll: float  # degrees, eye-line tilt


def estimate_pose(landmarks: Sequence[tuple[float, float]]) -> HeadPose:
    """Yaw and the pitch cue from dlib's 5 points (0-1 and 2-3 the eye corners, 4 the nose base)."""
    pts = np.asarray(landmarks, dtype=np.float64)
    if pts.shape != (5, 2):
        raise ValueError("expected dlib's 5 landmarks")
    eye_a, eye_b, nose = pts[0:2].mean(axis=0), pts[2:4].mean(axis=0), pts[4]
    axis = eye_a - eye_b  # from the image-left eye to the image-right eye
    iod = float(np.linalg.norm(axis))
    if iod < 1e-6:
        raise ValueError("degenerate landmarks")
    ux = axis / iod
    uy = np.array([-ux[1], ux[0]])  # image "down" once roll is removed
    rel = nose - (eye_a + eye_b) / 2.0
    # A yaw of t moves the nose base sideways by depth*sin t while the eye line shrinks by cos t.
    lateral = float(rel @ ux) / iod
    yaw = math.degrees(math.atan2(lateral, config.LIVENESS_NOSE_DEPTH_RATIO))
    roll = math.degrees(math.atan2(axis[1], axis[0]))
    return HeadPose(yaw=round(yaw, 2), nose_drop=round(float(rel @ uy) / iod, 4), roll=round(roll, 2))


def pitch_from(nose_drop: float, neutral_drop: float) -> float:
    """Degrees, positive = chin up: the nose base rises towards the eye line as the head tips back."""
    return math.degrees(math.atan2(neutral_drop - nose_drop, config.LIVENESS_NOSE_DEPTH_RATIO))


def classify(yaw: float, pitch: float) -> Pose | None:
    if abs(yaw) <= config.LIVENESS_CENTER_MAX_DEG and abs(pitch) <= config.LIVENESS_CENTER_MAX_DEG:
        return Pose.CENTER
    if abs(yaw) >= config.LIVENESS_TURN_MIN_DEG and abs(yaw) >= abs(pitch):
        return Pose.LEFT if yaw > 0 else Pose.RIGHT
    if abs(pitch) >= config.LIVENESS_NOD_MIN_DEG and abs(pitch) > abs(yaw):
        return Pose.UP if pitch > 0 else Pose.DOWN
    return None  # between poses: neither counts


class FrameResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int
    face_found: bool
    yaw: float | None = None
    pitch: float | None = None
    pose: Pose | None = None
    distance_to_selfie: float | None = None


class LivenessResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    passed: bool
    challenge: list[Pose]
    matched_frames: list[int] = Field(default_factory=list)  # frame index for each challenge step found
    frames: list[FrameResult] = Field(default_factory=list)
    reasons: list[Reason] = Field(default_factory=list)


def _fail(
    challenge: Sequence[Pose], frames: list[FrameResult], detail: str, measured: float | str | None = None
) -> LivenessResult:
    return LivenessResult(
        passed=False,
        challenge=list(challenge),
        frames=frames,
        reasons=[reason("LIVENESS_FAILED", field=detail, measured=measured)],
    )


def verify_liveness(
    challenge: Sequence[Pose | str],
    frames: Sequence[bytes],
    selfie_embedding: npt.ArrayLike,
    engine: FaceEngine | None = None,
) -> LivenessResult:
    """Pass when every frame shows the selfie's face and the challenge poses appear in order.

    `reasons[0].field` names the failed check: frame_count, face_not_found, multiple_faces, different_face,
    challenge, order.
    """
    steps = [Pose(p) for p in challenge]
    if not steps or steps[0] != Pose.CENTER:
        return _fail(steps, [], "challenge")
    if not len(steps) <= len(frames) <= config.LIVENESS_MAX_FRAMES:
        return _fail(steps, [], "frame_count", len(frames))
    face_engine = engine or get_face_engine()
    selfie = np.asarray(selfie_embedding, dtype=np.float32)
    results: list[FrameResult] = []
    poses: list[tuple[int, float, float]] = []  # frame index, yaw, nose drop
    for i, frame in enumerate(frames):
        analysis = face_engine.analyze(frame)
        vector = analysis.vector
        if vector is None or len(analysis.landmarks) != 5:
            results.append(FrameResult(index=i, face_found=False))
            return _fail(steps, results, "face_not_found", i)
        if analysis.faces_found > 1:  # someone else in view could be the one moving
            results.append(FrameResult(index=i, face_found=True))
            return _fail(steps, results, "multiple_faces", i)
        distance = face_distance(vector, selfie)
        pose = estimate_pose(analysis.landmarks)
        results.append(
            FrameResult(index=i, face_found=True, yaw=pose.yaw, distance_to_selfie=round(distance, 4))
        )
        if distance > config.LIVENESS_SAME_FACE_MAX_DISTANCE:
            return _fail(steps, results, "different_face", round(distance, 4))
        poses.append((i, pose.yaw, pose.nose_drop))
    # The first frame that looks straight (small yaw) sets the neutral pitch.
    neutral = next((drop for _, yaw, drop in poses if abs(yaw) <= config.LIVENESS_CENTER_MAX_DEG), None)
    if neutral is None:
        return _fail(steps, results, "order", "no CENTER frame")
    labelled: list[FrameResult] = []
    for res, (_, yaw, drop) in zip(results, poses, strict=True):
        pitch = pitch_from(drop, neutral)
        labelled.append(res.model_copy(update={"pitch": round(pitch, 2), "pose": classify(yaw, pitch)}))
    matched: list[int] = []
    step = 0
    for res in labelled:  # the challenge must be a subsequence of the observed poses, in order
        if step < len(steps) and res.pose == steps[step]:
            matched.append(res.index)
            step += 1
    if step < len(steps):
        observed = ",".join(r.pose.value if r.pose else "-" for r in labelled)
        return _fail(steps, labelled, "order", observed)
    return LivenessResult(passed=True, challenge=steps, matched_frames=matched, frames=labelled)
