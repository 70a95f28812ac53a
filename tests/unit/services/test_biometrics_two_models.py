"""The biometric stage with two face models: both templates stored, 1:1 decided on the fused score.

The attack: a look-alike whose dlib distance to the victim is under dlib's own threshold (dlib separates some
faces poorly) passes a dlib-only check; with SFace's template beside it the fused score refuses it.
"""

from __future__ import annotations

import numpy as np

from ektp.biometrics import config
from ektp.biometrics.face import FaceAnalysis, embedding_to_bytes, face_distance
from ektp.domain.application import DocumentType
from ektp.services.biometrics import (
    BiometricService,
    enrolled_key,
    enrolled_sface_key,
    sface_template_key,
    template_key,
)
from tests.support.fakes import InMemoryStore
from tests.unit.services.test_biometrics import MemoryManifests
from tests.unit.services.test_chain import submitted

RNG = np.random.default_rng(19)


def _dlib(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v) * 0.6).astype(np.float32)


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


ALICE = _dlib(RNG.normal(size=128))
# dlib puts the look-alike within its own threshold of alice; SFace sees a stranger.
LOOKALIKE = _dlib(ALICE + (0.42 / np.sqrt(128)) * RNG.choice([-1.0, 1.0], size=128).astype(np.float32))
SFACE = {"alice": _unit(RNG.normal(size=128)), "lookalike": _unit(RNG.normal(size=128))}
DLIB = {"alice": ALICE, "lookalike": LOOKALIKE}


class TwoModelEngine:
    """Decodes the 'image' bytes as a name; both templates, with a little noise."""

    name = "fake-dlib+sface"

    def __init__(self, with_sface: bool = True) -> None:
        self.with_sface = with_sface

    def analyze(self, image_bytes: bytes) -> FaceAnalysis:
        who = image_bytes.decode()
        noise = np.float32(0.005) * RNG.normal(size=128).astype(np.float32)
        sface = _unit(SFACE[who] + noise) if self.with_sface else None
        return FaceAnalysis(
            faces_found=1,
            quality=0.9,
            embedding=embedding_to_bytes(DLIB[who] + noise),
            sface_embedding=None if sface is None else embedding_to_bytes(sface),
        )


def world(
    photo: str, selfie: str, vault: InMemoryStore, engine: TwoModelEngine
) -> tuple[BiometricService, str, str]:
    chain, repo, app_id = submitted()
    uploads = InMemoryStore()
    for doc in repo.list_documents(app_id):
        if doc.document_type is DocumentType.PHOTO:
            uploads.put(doc.object_key, photo.encode(), "image/jpeg")
        if doc.document_type is DocumentType.SELFIE:
            uploads.put(doc.object_key, selfie.encode(), "image/jpeg")
    service = BiometricService(repo, uploads, vault, MemoryManifests(), lambda: engine)
    record = repo.get(app_id)
    assert record is not None
    return service, app_id, record.applicant.nik


def face_stage(service: BiometricService, app_id: str) -> tuple[list[str], dict[str, object]]:
    view = service._repo.view(app_id)
    assert view is not None
    stage = next(s for s in view.stages if s.stage == "face_match")
    return [r.code for r in stage.reasons], stage.details


def test_the_lookalike_is_within_dlibs_threshold() -> None:
    assert face_distance(ALICE, LOOKALIKE) < config.FACE_MATCH_MAX_DISTANCE


def test_a_lookalike_selfie_is_refused_on_the_fused_score() -> None:
    service, app_id, _ = world("alice", "lookalike", InMemoryStore(), TwoModelEngine())
    service.match_faces(app_id, 1)
    codes, details = face_stage(service, app_id)
    assert codes == ["FACE_MISMATCH"]
    compared = details["selfie_vs_photo"]
    assert isinstance(compared, dict)
    assert compared["basis"] == "fused" and compared["decision"] == "no_match"
    assert compared["distance"] < config.FACE_MATCH_MAX_DISTANCE  # dlib alone would have let it through


def test_both_templates_are_stored_and_enrolled_side_by_side() -> None:
    vault = InMemoryStore()
    service, app_id, nik = world("alice", "alice", vault, TwoModelEngine())
    service.match_faces(app_id, 1)
    assert face_stage(service, app_id)[0] == []
    assert template_key(app_id, 1) in vault.objects and sface_template_key(app_id, 1) in vault.objects
    assert service.enrol_template(app_id, 1).enrolled is True
    assert vault.read(enrolled_key(nik)) == vault.read(template_key(app_id, 1))
    assert vault.read(enrolled_sface_key(nik)) == vault.read(sface_template_key(app_id, 1))


def test_a_lookalike_on_an_enrolled_nik_is_sent_to_an_officer() -> None:
    vault = InMemoryStore()
    first, first_id, nik = world("alice", "alice", vault, TwoModelEngine())
    first.match_faces(first_id, 1)
    first.enrol_template(first_id, 1)
    service, app_id, same_nik = world("lookalike", "lookalike", vault, TwoModelEngine())
    assert same_nik == nik
    service.match_faces(app_id, 1)
    codes, details = face_stage(service, app_id)
    assert codes.count("ENROLLED_FACE_MISMATCH") == 2
    enrolled = details["photo_vs_enrolled"]
    assert isinstance(enrolled, dict) and enrolled["basis"] == "fused"


def test_a_replacement_without_an_sface_template_drops_the_old_one() -> None:
    """The NIK's pair on file never mixes a new dlib template with the previous face's SFace template."""
    vault = InMemoryStore()
    first, first_id, nik = world("alice", "alice", vault, TwoModelEngine())
    first.match_faces(first_id, 1)
    first.enrol_template(first_id, 1)
    assert enrolled_sface_key(nik) in vault.objects
    older, app_id, _ = world("alice", "alice", vault, TwoModelEngine(with_sface=False))
    older.match_faces(app_id, 1)
    assert sface_template_key(app_id, 1) not in vault.objects
    assert older.enrol_template(app_id, 1).enrolled is True  # same face on dlib: replaced
    assert vault.read(enrolled_key(nik)) == vault.read(template_key(app_id, 1))
    assert vault.head(enrolled_sface_key(nik)) is None
