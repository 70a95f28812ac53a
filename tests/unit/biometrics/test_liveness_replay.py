"""The chance that a fixed recording passes a fresh liveness challenge (domain/liveness.py), checked with the
real verifier's matching: a stub face engine reports, for each frame, the selfie's face at the pose written in
the frame, so verify_liveness decides from the poses alone."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from ektp.biometrics.face import FaceAnalysis
from ektp.biometrics.liveness import verify_liveness
from ektp.domain.limits import MAX_LIVENESS_CHALLENGES
from ektp.domain.liveness import (
    CHALLENGE_MOVES,
    MAX_LIVENESS_FRAMES,
    POSES,
    Pose,
    new_challenge,
    replay_pass_chance,
)
from tests.unit.biometrics.test_liveness import project

SELFIE = np.linspace(-0.1, 0.1, 128, dtype=np.float32)
_ANGLES = {
    Pose.CENTER: (0, 0),
    Pose.LEFT: (25, 0),
    Pose.RIGHT: (-25, 0),
    Pose.UP: (0, 20),
    Pose.DOWN: (0, -20),
}


class PoseEngine:
    """The selfie's face at the pose the frame names."""

    name = "stub"

    def analyze(self, image_bytes: bytes) -> FaceAnalysis:
        yaw, pitch = _ANGLES[Pose(image_bytes.decode())]
        return FaceAnalysis(faces_found=1, embedding=SELFIE.tobytes(), landmarks=project(yaw, pitch))


def passes(challenge: list[Pose], recording: tuple[Pose, ...]) -> bool:
    frames = [p.value.encode() for p in recording]
    return verify_liveness(challenge, frames, SELFIE, engine=PoseEngine()).passed


def test_a_live_answer_of_a_new_challenge_passes_and_fits_the_frame_limit() -> None:
    rng = random.Random(7)
    for _ in range(20):
        challenge = new_challenge(rng)
        assert len(challenge) == CHALLENGE_MOVES + 1 == MAX_LIVENESS_FRAMES
        assert challenge[0] is Pose.CENTER and all(a is not b for a, b in itertools.pairwise(challenge))
        assert passes(challenge, tuple(challenge))


def test_the_stated_replay_chance_is_the_best_any_recording_achieves_small_case() -> None:
    # Every recording of 4 frames against every challenge of 2 moves: the best pass rate equals the bound.
    challenges = [[Pose.CENTER, a, b] for a in POSES if a is not Pose.CENTER for b in POSES if b is not a]
    assert len(challenges) == 4**2
    best = max(
        sum(passes(c, recording) for c in challenges) / len(challenges)
        for recording in itertools.product(POSES, repeat=4)
        if recording[0] is Pose.CENTER  # the first frame sets the neutral pitch
    )
    assert best == replay_pass_chance(2, 4) == 3 / 16


def test_a_replayed_recording_is_hopeless_within_the_challenge_budget() -> None:
    chance = replay_pass_chance(CHALLENGE_MOVES, MAX_LIVENESS_FRAMES)
    # One frame per pose: every step must be the recording's next frame.
    assert chance == 4.0**-CHALLENGE_MOVES
    assert MAX_LIVENESS_CHALLENGES * chance < 2e-4  # the whole budget of one application
    # The old challenge (4 moves) under the old 20-frame limit: one cycling recording passed every challenge.
    assert replay_pass_chance(4, 20) == 1.0


@pytest.mark.parametrize("recording", ["cycle", "fixed order"])
def test_the_best_recordings_fail_fresh_challenges(recording: str) -> None:
    # CENTER, DOWN, UP, RIGHT, LEFT, CENTER, ...: every pose once in every 5 frames.
    cycle = tuple(itertools.islice(itertools.cycle(POSES[::-1]), MAX_LIVENESS_FRAMES))
    fixed = (Pose.CENTER, Pose.LEFT, Pose.RIGHT, Pose.UP, Pose.DOWN)
    rng = random.Random(11)
    passed = sum(passes(new_challenge(rng), cycle if recording == "cycle" else fixed) for _ in range(2000))
    assert passed <= 1  # expected 2000 / 65,536 ≈ 0.03
