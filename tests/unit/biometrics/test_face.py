from __future__ import annotations

import itertools
from pathlib import Path

import cv2
import numpy as np
import pytest

from ektp.biometrics import config
from ektp.biometrics.face import (
    FaceAnalysis,
    _DlibModels,
    compare_embeddings,
    compare_faces,
    embedding_from_bytes,
    embedding_to_bytes,
    get_face_engine,
)
from tests.unit.biometrics.biometric_helpers import OBAMA, encode, imread


def test_every_fixture_face_is_found_with_a_128d_embedding(analyses: dict[str, FaceAnalysis]) -> None:
    for name, a in analyses.items():
        assert a.faces_found == 1, name
        assert a.vector is not None and a.vector.shape == (128,)
        assert a.box is not None and len(a.landmarks) == 5
        assert 0.0 < a.quality <= 1.0


def test_same_person_matches_and_different_people_do_not(analyses: dict[str, FaceAnalysis]) -> None:
    for x, y in itertools.combinations(OBAMA, 2):
        m = compare_faces(analyses[x], analyses[y])
        assert m.decision == "match", (x, y, m.distance)
        assert m.score is not None and m.score > 0.5
    for x in OBAMA:
        m = compare_faces(analyses[x], analyses["biden"])
        assert m.decision == "no_match", (x, m.distance)
        assert [r.code for r in m.reasons] == ["FACE_MISMATCH"]
        assert m.score is not None and m.score < 0.5


def test_augmented_photos_still_match_their_person(
    analyses: dict[str, FaceAnalysis], augmented: dict[str, FaceAnalysis]
) -> None:
    for name, a in augmented.items():
        person = name.split(":")[0]
        other = "biden" if person == "obama" else "obama"
        assert compare_faces(a, analyses[person]).decision == "match", name
        assert compare_faces(a, analyses[other]).decision == "no_match", name


def test_image_without_a_face_is_undetermined_with_face_not_found(analyses: dict[str, FaceAnalysis]) -> None:
    rng = np.random.default_rng(1)
    texture = cv2.GaussianBlur(rng.integers(0, 255, (480, 640, 3), dtype=np.uint8), (0, 0), 3)
    empty = get_face_engine().analyze(encode(texture))
    assert empty.faces_found == 0 and empty.vector is None
    assert [r.code for r in empty.reasons] == ["FACE_NOT_FOUND"]
    m = compare_faces(empty, analyses["obama"])
    assert m.decision == "undetermined" and m.distance is None
    assert [r.code for r in m.reasons] == ["FACE_NOT_FOUND"]


@pytest.mark.parametrize("data", [b"", b"not an image", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40])
def test_unreadable_bytes_are_reported_not_raised(data: bytes) -> None:
    a = get_face_engine().analyze(data)
    assert a.faces_found == 0
    assert [r.code for r in a.reasons] == ["IMAGE_UNREADABLE"]


def test_two_faces_are_flagged_and_the_largest_is_analysed(
    faces: dict[str, Path], analyses: dict[str, FaceAnalysis]
) -> None:
    obama = imread(faces["obama"])
    biden = imread(faces["biden"])
    biden_small = cv2.resize(biden, (obama.shape[1] // 2, obama.shape[0]))
    both = np.hstack([obama, biden_small])
    a = get_face_engine().analyze(encode(both))
    assert a.faces_found == 2
    assert [r.code for r in a.reasons] == ["MULTIPLE_FACES"]
    assert compare_faces(a, analyses["obama"]).decision == "match"  # obama's face is the larger one


def test_embedding_is_never_in_repr_or_json(analyses: dict[str, FaceAnalysis]) -> None:
    a = analyses["obama"]
    assert a.embedding is not None
    assert "embedding" not in repr(a)
    assert "embedding" not in a.model_dump() and "embedding" not in a.model_dump_json()


def test_embedding_bytes_round_trip_and_rejects_garbage(analyses: dict[str, FaceAnalysis]) -> None:
    vector = analyses["obama"].vector
    assert vector is not None
    data = embedding_to_bytes(vector)
    assert len(data) == 128 * 4
    assert np.array_equal(embedding_from_bytes(data), vector)
    restored = FaceAnalysis.from_template(data)  # the registry's enrolled template
    assert compare_faces(analyses["obama2"], restored).decision == "match"
    with pytest.raises(ValueError):
        embedding_from_bytes(b"abc")
    with pytest.raises(ValueError):
        embedding_from_bytes(b"")
    with pytest.raises(ValueError):
        FaceAnalysis.from_template(b"12345")


def test_threshold_is_applied_at_the_boundary() -> None:
    a = np.zeros(128, dtype=np.float32)
    b = a.copy()
    b[0] = config.FACE_MATCH_MAX_DISTANCE - 1e-4  # float32 cannot hold 0.6 exactly
    assert compare_embeddings(a, b).decision == "match"
    b[0] += 2e-3
    assert compare_embeddings(a, b).decision == "no_match"
    assert compare_embeddings(a, b, threshold=1.0).decision == "match"


def test_models_load_once_per_process() -> None:
    assert _DlibModels.get() is _DlibModels.get()
    assert get_face_engine() is get_face_engine()
    with pytest.raises(ValueError):
        get_face_engine("nope")


def test_quality_falls_with_blur_and_with_a_smaller_face(faces: dict[str, Path]) -> None:
    img = imread(faces["obama"])
    engine = get_face_engine()
    sharp = engine.analyze(encode(img)).quality
    blurred = [engine.analyze(encode(cv2.GaussianBlur(img, (0, 0), s))).quality for s in (2, 6)]
    small = engine.analyze(encode(cv2.resize(img, None, fx=0.2, fy=0.2, interpolation=cv2.INTER_AREA)))
    assert sharp > blurred[0] > blurred[1]
    assert small.faces_found == 1 and small.quality < sharp
