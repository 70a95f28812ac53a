"""A minutiae reader for unit tests that need no NBIS: it answers the minutiae it was given for a capture.

A capture is known by its pixels (the engine hands readers a re-encoded grey PNG), so a test scripts the image
it passes to `extract`. An unscripted capture is refused as NBIS refuses an image with no print on it.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

import cv2
import numpy as np

from ektp.biometrics.fingerprint import FingerprintError, Minutiae, iso_record

Point = tuple[int, int, int]  # x, y (pointing down), angle in ISO steps of 360/256 degrees


def _pixels_key(image: bytes) -> str:
    grey = cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_GRAYSCALE)
    if grey is None:
        raise ValueError("not an image")
    return hashlib.sha256(grey.tobytes() + bytes(str(grey.shape), "ascii")).hexdigest()


class ScriptedMinutiaeReader:
    def __init__(self) -> None:
        self._script: dict[str, Minutiae] = {}
        self.reads = 0

    def script(self, capture: bytes, points: Sequence[Point], quality: int = 60) -> bytes:
        """The minutiae and NFIQ 2 quality to answer for `capture`; returns the capture, for chaining."""
        grey = cv2.imdecode(np.frombuffer(capture, np.uint8), cv2.IMREAD_GRAYSCALE)
        record = iso_record(points, width=grey.shape[1], height=grey.shape[0], quality=quality)
        self._script[_pixels_key(capture)] = Minutiae(iso_bytes=record, count=len(points), quality=quality)
        return capture

    def read(self, grey_png: bytes) -> Minutiae:
        self.reads += 1
        found = self._script.get(_pixels_key(grey_png))
        if found is None:
            raise FingerprintError("IMAGE_UNREADABLE", "no minutiae scripted for this capture")
        return found


def capture(seed: int, size: int = 96) -> bytes:
    """A distinct PNG per seed: the stand-in for a scanner's image."""
    noise = np.random.default_rng(seed).integers(0, 256, (size, size), np.uint8)
    return bytes(cv2.imencode(".png", noise)[1])


def random_finger(seed: int, count: int = 40, side: int = 360) -> list[Point]:
    """Minutiae spread over a finger-sized area (at least 12 px apart), with random directions."""
    rng = np.random.default_rng(seed)
    points: list[Point] = []
    while len(points) < count:
        x, y = (int(v) for v in rng.integers(40, side - 40, 2))
        if all(math.hypot(x - px, y - py) >= 12 for px, py, _ in points):
            points.append((x, y, int(rng.integers(0, 256))))
    return points


def moved(points: Sequence[Point], degrees: float, shift: tuple[int, int]) -> list[Point]:
    """The same finger placed elsewhere on the scanner: turned about the centre and shifted."""
    a = math.radians(degrees)
    cx = sum(p[0] for p in points) / len(points)
    cy = sum(p[1] for p in points) / len(points)
    out = []
    for x, y, angle in points:
        # y points down, ISO angles turn counter-clockwise as seen on screen.
        nx = cx + math.cos(a) * (x - cx) + math.sin(a) * (y - cy) + shift[0]
        ny = cy - math.sin(a) * (x - cx) + math.cos(a) * (y - cy) + shift[1]
        out.append((round(nx), round(ny), (angle + round(degrees * 256 / 360)) % 256))
    return out
