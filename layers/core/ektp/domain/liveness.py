"""The active liveness challenge, as the API hands it out: a random head-pose sequence, valid for minutes.

Pure: the API (a zip function without numpy or OpenCV) issues challenges; the biometrics function checks the
frames against them (ektp.biometrics.liveness).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from enum import StrEnum


class Pose(StrEnum):
    LEFT = "LEFT"
    RIGHT = "RIGHT"
    UP = "UP"
    DOWN = "DOWN"
    CENTER = "CENTER"


POSES = (Pose.LEFT, Pose.RIGHT, Pose.UP, Pose.DOWN, Pose.CENTER)
MOVES = POSES[:4]  # the turns; a challenge's later steps may also come back to CENTER
# Long enough to read the instructions and move; short enough that a recording made for one challenge
# cannot wait for a lucky later one (and the number of challenges is limited: domain/limits.py).
CHALLENGE_TTL = timedelta(minutes=5)
FRAME_ASPECT = (3, 4)  # width:height of each frame in the uploaded strip (frames side by side, in order)

# The verifier (ektp.biometrics.liveness) passes a strip when the challenge's poses appear in it in order, as a
# subsequence. Each step is one of the 4 poses other than the previous one (the same pose twice in a row would
# be one held pose, which no frame can tell apart), so a challenge of CHALLENGE_MOVES steps has 4^8 = 65,536
# possible orders. The client sends exactly one frame per pose, and the strip may hold no more frames than the
# challenge has poses: at each step a fixed recording (any one, however it was made) has at most one of the 4
# possible next poses in its very next frame, so it passes a fresh challenge with a chance of at most
# 4^-CHALLENGE_MOVES = 1 in 65,536 (replay_pass_chance). With MAX_LIVENESS_CHALLENGES (10) per application in
# 30 days, a replay passes for one application with a chance of at most 10 / 65,536, about 1.5 in 10,000;
# and a pass still needs the selfie's face in every frame and, for a card holder, an officer's review.
CHALLENGE_MOVES = 8
MAX_LIVENESS_FRAMES = CHALLENGE_MOVES + 1  # one frame per pose: CENTER and the moves


def new_challenge(rng: random.Random | None = None, moves: int = CHALLENGE_MOVES) -> list[Pose]:
    """CENTER (the neutral reference), then `moves` poses chosen at random, each different from the one before."""
    if not 1 <= moves < MAX_LIVENESS_FRAMES:
        raise ValueError(f"moves must be 1..{MAX_LIVENESS_FRAMES - 1}")
    chooser = rng or random.SystemRandom()
    steps = [Pose.CENTER]
    for _ in range(moves):
        steps.append(chooser.choice([p for p in POSES if p is not steps[-1]]))
    return steps


def replay_pass_chance(moves: int, frames: int) -> float:
    """The most a fixed recording of `frames` frames can pass a fresh challenge of `moves` steps with, under the
    verifier's in-order (subsequence) matching. After the pose matched at step i, the 4 possible next poses first
    appear at distinct distances in the recording, at best 1, 2, 3 and 4 frames on; so the frames spent per step
    are at least a uniform draw from 1..4, and the recording passes at best when `moves` such draws fit in the
    frames left after the first CENTER. Exact, by counting the sums."""
    ways = {0: 1}  # frames spent -> number of step outcomes (out of 4^steps) spending exactly that many
    for _ in range(moves):
        spent: dict[int, int] = {}
        for total, count in ways.items():
            for step in range(1, 5):
                spent[total + step] = spent.get(total + step, 0) + count
        ways = spent
    fitting = sum(count for total, count in ways.items() if total <= frames - 1)
    return float(fitting / 4**moves)


def challenge_expired(issued_at: datetime | None, answered_at: datetime) -> bool:
    return issued_at is None or not issued_at <= answered_at <= issued_at + CHALLENGE_TTL
