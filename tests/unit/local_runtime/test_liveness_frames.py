"""The demo's live face check: frames warped from a selfie pass the real liveness check, in the challenge's
order only, with the real face engine (no fake: this is what `make demo` relies on)."""

from __future__ import annotations

import cv2
import pytest

from ektp.biometrics.face import get_face_engine
from ektp.biometrics.liveness import verify_liveness
from ektp.domain.liveness import Pose
from ektp.photo.liveness_strip import frames_as_jpeg, split_strip
from local_runtime.liveness_frames import liveness_strip
from tests.support import photo_defects as photos

CHALLENGE = [Pose.CENTER, Pose.LEFT, Pose.UP, Pose.RIGHT, Pose.DOWN]


@pytest.mark.parametrize("who", ["obama2", "biden"])
def test_a_strip_made_for_a_challenge_passes_it_and_fails_another_order(who: str) -> None:
    engine = get_face_engine()
    selfie = cv2.imencode(".jpg", photos.good_selfie(who))[1].tobytes()
    probe = engine.analyze(selfie).vector
    frames = frames_as_jpeg(split_strip(liveness_strip(selfie, CHALLENGE, engine)).frames)
    assert len(frames) == len(CHALLENGE)
    passed = verify_liveness(CHALLENGE, frames, probe, engine)
    assert passed.passed, passed.reasons
    other = [Pose.CENTER, Pose.RIGHT, Pose.DOWN, Pose.LEFT, Pose.UP]
    assert not verify_liveness(other, frames, probe, engine).passed
