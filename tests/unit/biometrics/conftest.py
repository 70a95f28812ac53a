"""Shared fixtures: the real faces and prints, analysed once per session (dlib and NIST are slow-ish)."""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[3])  # the repo root, for `tests.support`
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import pytest  # noqa: E402

from ektp.biometrics.face import FaceAnalysis, get_face_engine  # noqa: E402
from tests.support.public_fixtures import face_images, fingerprint_images  # noqa: E402
from tests.unit.biometrics.biometric_helpers import augmentations  # noqa: E402


@pytest.fixture(scope="session")
def faces() -> dict[str, Path]:
    return face_images()


@pytest.fixture(scope="session")
def prints() -> dict[str, Path]:
    return fingerprint_images()


@pytest.fixture(scope="session")
def analyses(faces: dict[str, Path]) -> dict[str, FaceAnalysis]:
    engine = get_face_engine()
    return {name: engine.analyze(path.read_bytes()) for name, path in faces.items()}


@pytest.fixture(scope="session")
def augmented(faces: dict[str, Path]) -> dict[str, FaceAnalysis]:
    """Augmented obama (genuine) and biden (impostor) photos, analysed once per session."""
    engine = get_face_engine()
    out = {}
    for person in ("obama", "biden"):
        for name, data in augmentations(faces[person]).items():
            out[f"{person}:{name}"] = engine.analyze(data)
    return out
