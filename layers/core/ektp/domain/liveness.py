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


MOVES = (Pose.LEFT, Pose.RIGHT, Pose.UP, Pose.DOWN)
# Long enough to read the instructions and move; short enough that a recording made for one challenge
# cannot wait for a lucky later one.
CHALLENGE_TTL = timedelta(minutes=5)
FRAME_ASPECT = (3, 4)  # width:height of each frame in the uploaded strip (frames side by side, in order)
MAX_LIVENESS_FRAMES = 20


def new_challenge(rng: random.Random | None = None, moves: int = 4) -> list[Pose]:
    """CENTER (the neutral reference), then `moves` distinct non-centre poses in random order."""
    if not 1 <= moves <= len(MOVES):
        raise ValueError(f"moves must be 1..{len(MOVES)}")
    chooser = rng or random.SystemRandom()
    return [Pose.CENTER, *chooser.sample(MOVES, moves)]


def challenge_expired(issued_at: datetime | None, answered_at: datetime) -> bool:
    return issued_at is None or not issued_at <= answered_at <= issued_at + CHALLENGE_TTL
