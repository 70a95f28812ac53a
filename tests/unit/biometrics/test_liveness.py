from __future__ import annotations

import itertools
import math
import random
from pathlib import Path

import cv2
import numpy as np
import pytest

from ektp.biometrics import config
from ektp.biometrics.face import FaceAnalysis
from ektp.biometrics.liveness import Pose, classify, estimate_pose, new_challenge, pitch_from, verify_liveness
from tests.unit.biometrics.biometric_helpers import encode, imread, vec

# A generic head in millimetres: dlib's 5 points (eye corners, nose base); x to the image right, y down,
# z towards the camera. Eye centres 60 mm apart; the nose depth is the one the estimator assumes.
HEAD = np.array(
    [[45.0, 0, 0], [15, 0, 0], [-45, 0, 0], [-15, 0, 0], [0, 45, 60 * config.LIVENESS_NOSE_DEPTH_RATIO]]
)


def project(
    yaw: float, pitch: float, roll: float = 0.0, nose_depth: float | None = None
) -> list[tuple[float, float]]:
    """Landmarks of HEAD turned by yaw (resident's left = positive) and pitch (chin up = positive)."""
    y, p, r = (math.radians(a) for a in (yaw, pitch, roll))
    ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    head = HEAD.copy()
    if nose_depth is not None:
        head[4, 2] = nose_depth
    pts = head @ (rz @ ry @ rx).T
    return [(300 + 4 * x, 300 + 4 * yy) for x, yy, _ in pts]


@pytest.mark.parametrize("yaw", [-30, -20, 0, 20, 30])
def test_yaw_sign_and_size_are_recovered_from_projected_landmarks(yaw: float) -> None:
    est = estimate_pose(project(yaw, 0, roll=10)).yaw  # roll must not leak into yaw
    assert est == pytest.approx(yaw, abs=3)
    for depth in (15.0, 40.0):  # a flatter or deeper nose than assumed: the size is off, the side is not
        off = estimate_pose(project(yaw, 0, nose_depth=depth)).yaw
        if yaw == 0:
            assert off == pytest.approx(0, abs=0.5)
        else:
            assert math.copysign(1, off) == math.copysign(1, yaw)


def test_pitch_is_measured_against_the_neutral_frame() -> None:
    neutral = estimate_pose(project(0, 0)).nose_drop
    assert pitch_from(estimate_pose(project(0, 20)).nose_drop, neutral) > config.LIVENESS_NOD_MIN_DEG
    assert pitch_from(estimate_pose(project(0, -20)).nose_drop, neutral) < -config.LIVENESS_NOD_MIN_DEG
    assert abs(pitch_from(estimate_pose(project(0, 2)).nose_drop, neutral)) < config.LIVENESS_CENTER_MAX_DEG


def test_classify_and_bad_landmarks() -> None:
    assert classify(0, 0) == Pose.CENTER
    assert classify(25, 3) == Pose.LEFT and classify(-25, 3) == Pose.RIGHT
    assert classify(2, 15) == Pose.UP and classify(2, -15) == Pose.DOWN
    assert classify(11, 0) is None  # between centre and a turn: counts as neither
    with pytest.raises(ValueError):
        estimate_pose([(0.0, 0.0)] * 4)
    with pytest.raises(ValueError):
        estimate_pose([(1.0, 1.0)] * 5)


def test_new_challenge_starts_centred_and_is_random() -> None:
    seen = {tuple(new_challenge(random.Random(seed))) for seed in range(60)}
    # CENTER, then poses each different from the one before (tests/unit/biometrics/test_liveness_replay.py).
    assert all(c[0] == Pose.CENTER and all(a != b for a, b in itertools.pairwise(c)) for c in seen)
    assert len(seen) == 60
    assert len(new_challenge(moves=2)) == 3
    with pytest.raises(ValueError):
        new_challenge(moves=0)


# --- End to end on a real face. The head "turns" are 2-D warps of one photo (shear for yaw, vertical scale
# for pitch): they move the landmarks the way a turn does, they are not real 3-D head movements.


@pytest.fixture(scope="module")
def frames(faces: dict[str, Path]) -> dict[Pose, bytes]:
    img = imread(faces["obama"])
    h, w = img.shape[:2]

    def warp(shear: float = 0.0, sy: float = 1.0) -> bytes:
        m = np.array([[1, shear, -shear * h / 2], [0, sy, h / 2 * (1 - sy)]], np.float32)
        return encode(cv2.warpAffine(img, m, (w, h), borderMode=cv2.BORDER_REPLICATE))

    return {
        Pose.CENTER: warp(),
        Pose.LEFT: warp(shear=0.35),
        Pose.RIGHT: warp(shear=-0.35),
        Pose.UP: warp(sy=0.78),
        Pose.DOWN: warp(sy=1.25),
    }


def test_following_the_challenge_passes(frames: dict[Pose, bytes], analyses: dict[str, FaceAnalysis]) -> None:
    challenge = [Pose.CENTER, Pose.DOWN, Pose.LEFT, Pose.UP, Pose.RIGHT]
    result = verify_liveness(challenge, [frames[p] for p in challenge], vec(analyses["obama2"]))
    assert result.passed, result.frames
    assert [f.pose for f in result.frames] == challenge
    assert result.matched_frames == [0, 1, 2, 3, 4]
    assert "embedding" not in result.model_dump_json()


def test_extra_transition_frames_are_allowed(
    frames: dict[Pose, bytes], analyses: dict[str, FaceAnalysis]
) -> None:
    challenge = [Pose.CENTER, Pose.LEFT, Pose.UP]
    sent = [frames[Pose.CENTER], frames[Pose.RIGHT], frames[Pose.LEFT], frames[Pose.CENTER], frames[Pose.UP]]
    result = verify_liveness(challenge, sent, vec(analyses["obama"]))
    assert result.passed and result.matched_frames == [0, 2, 4]


def test_wrong_order_fails(frames: dict[Pose, bytes], analyses: dict[str, FaceAnalysis]) -> None:
    challenge = [Pose.CENTER, Pose.LEFT, Pose.RIGHT]
    result = verify_liveness(
        challenge, [frames[Pose.CENTER], frames[Pose.RIGHT], frames[Pose.LEFT]], vec(analyses["obama"])
    )
    assert not result.passed
    assert [(r.code, r.field) for r in result.reasons] == [("LIVENESS_FAILED", "order")]


def test_a_still_photo_fails(frames: dict[Pose, bytes], analyses: dict[str, FaceAnalysis]) -> None:
    challenge = [Pose.CENTER, Pose.LEFT, Pose.UP]
    result = verify_liveness(challenge, [frames[Pose.CENTER]] * 3, vec(analyses["obama"]))
    assert not result.passed and result.reasons[0].field == "order"


def test_another_persons_face_fails(
    frames: dict[Pose, bytes], faces: dict[str, Path], analyses: dict[str, FaceAnalysis]
) -> None:
    challenge = [Pose.CENTER, Pose.LEFT]
    result = verify_liveness(
        challenge, [faces["biden"].read_bytes(), frames[Pose.LEFT]], vec(analyses["obama"])
    )
    assert not result.passed and result.reasons[0].field == "different_face"
    # ...and the frames of the right motion fail against someone else's selfie.
    result = verify_liveness(challenge, [frames[Pose.CENTER], frames[Pose.LEFT]], vec(analyses["biden"]))
    assert not result.passed and result.reasons[0].field == "different_face"


def test_frame_problems_fail(frames: dict[Pose, bytes], analyses: dict[str, FaceAnalysis]) -> None:
    selfie = vec(analyses["obama"])
    blank = encode(np.full((400, 300, 3), 128, np.uint8))
    r = verify_liveness([Pose.CENTER, Pose.LEFT], [frames[Pose.CENTER], blank], selfie)
    assert not r.passed and r.reasons[0].field == "face_not_found"
    r = verify_liveness([Pose.CENTER, Pose.LEFT], [frames[Pose.CENTER]], selfie)
    assert r.reasons[0].field == "frame_count"
    r = verify_liveness([Pose.CENTER], [frames[Pose.CENTER]] * (config.LIVENESS_MAX_FRAMES + 1), selfie)
    assert r.reasons[0].field == "frame_count"
    r = verify_liveness([Pose.LEFT, Pose.CENTER], [frames[Pose.LEFT], frames[Pose.CENTER]], selfie)
    assert r.reasons[0].field == "challenge"
    r = verify_liveness(["CENTER", "LEFT"], [frames[Pose.LEFT], frames[Pose.LEFT]], selfie)
    assert not r.passed and r.reasons[0].field == "order"
