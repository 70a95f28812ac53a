"""The biometric stage with a fake face engine: 1:1, the batched sharded 1:N search, enrolment and its races."""

from __future__ import annotations

import numpy as np
import pytest

from ektp.biometrics.face import FaceAnalysis, embedding_to_bytes
from ektp.biometrics.gallery import GalleryManifest
from ektp.domain.application import DocumentType
from ektp.ports import ConflictError
from ektp.services.biometrics import BiometricService, template_key
from ektp.services.gallery_batching import GallerySearchBatcher, SearchRequest
from ektp.services.gallery_search import GallerySearchService
from tests.support.fakes import InMemoryStore, RecordingWorkflow
from tests.unit.services.test_chain import submitted

RNG = np.random.default_rng(5)


def unit(vector: np.ndarray) -> np.ndarray:
    return (vector / np.linalg.norm(vector) * 0.6).astype(np.float32)  # dlib embeddings have norm ~0.6


FACES = {name: unit(RNG.normal(size=128)) for name in ("alice", "bob", "carol")}


class FakeEngine:
    """Decodes the 'image' bytes as the name of a face; a little noise makes genuine pairs realistic."""

    name = "fake"

    def analyze(self, image_bytes: bytes) -> FaceAnalysis:
        who = image_bytes.decode()
        if who not in FACES:
            return FaceAnalysis(faces_found=0)
        noisy = FACES[who] + np.float32(0.01) * RNG.normal(size=128).astype(np.float32)
        return FaceAnalysis(faces_found=1, quality=0.9, embedding=embedding_to_bytes(noisy))


class MemoryManifests:
    def __init__(self) -> None:
        self.manifest, self.version = GalleryManifest(shard_capacity=2), 0
        self.conflicts = 0

    def load(self) -> tuple[GalleryManifest, int]:
        return self.manifest, self.version

    def save(self, manifest: GalleryManifest, expected_version: int) -> None:
        if self.conflicts:
            self.conflicts -= 1
            self.version += 0  # someone else's write happened: simulate by refusing once
            raise ConflictError("raced")
        if expected_version != self.version:
            raise ConflictError("version")
        self.manifest, self.version = manifest, self.version + 1


def world(photo: str, selfie: str) -> tuple[BiometricService, str, InMemoryStore, MemoryManifests]:
    chain, repo, app_id = submitted()
    uploads, vault, manifests = InMemoryStore(), InMemoryStore(), MemoryManifests()
    for doc in repo.list_documents(app_id):
        if doc.document_type is DocumentType.PHOTO:
            uploads.put(doc.object_key, photo.encode(), "image/jpeg")
        if doc.document_type is DocumentType.SELFIE:
            uploads.put(doc.object_key, selfie.encode(), "image/jpeg")
    service = BiometricService(repo, uploads, vault, manifests, FakeEngine)
    return service, app_id, vault, manifests


def run_search(service: BiometricService, app_id: str) -> list[str]:
    """1:1, then the batched 1:N sweep for this one application, as the two state machines run them."""
    if service.match_faces(app_id, 1).probe:
        sweep(service, [app_id])
    view = service._repo.view(app_id)
    assert view is not None
    return sorted(
        r.code for s in view.stages for r in s.reasons if s.stage in ("face_match", "face_duplicates")
    )


def sweep(service: BiometricService, app_ids: list[str], workflow: RecordingWorkflow | None = None) -> str:
    searcher = GallerySearchService(
        service._repo, service._vault, service._manifests, workflow or RecordingWorkflow()
    )
    batch_id = GallerySearchBatcher(service._vault, RecordingWorkflow()).start_sweep(
        [SearchRequest(application_id=a, attempt=1, task_token=f"token-{a}") for a in app_ids]
    )
    assert batch_id is not None
    for shard in searcher.plan_sweep(batch_id).shards:
        searcher.search_shard(batch_id, shard.key)
    searcher.finish_sweep(batch_id)
    return batch_id


def enrol_someone(vault: InMemoryStore, manifests: MemoryManifests, nik: str, face: str) -> None:
    from ektp.biometrics.gallery import enrol

    tail = vault.read(manifests.manifest.shards[-1].key) if manifests.manifest.shards else None
    for write in enrol(manifests.manifest, tail, [nik], [FACES[face]]):
        vault.put(write.shard_key, write.shard_bytes, "application/octet-stream")
        manifests.manifest, manifests.version = write.manifest, manifests.version + 1


def test_genuine_selfie_and_a_new_face_pass_and_the_template_is_kept_encrypted_at_rest() -> None:
    service, app_id, vault, manifests = world("alice", "alice")
    enrol_someone(vault, manifests, "3171010101900001", "bob")
    assert run_search(service, app_id) == []
    assert template_key(app_id, 1) in vault.objects


def test_a_selfie_of_someone_else_is_a_mismatch() -> None:
    service, app_id, _, _ = world("alice", "bob")
    assert run_search(service, app_id) == ["FACE_MISMATCH"]


def test_the_same_face_under_another_nik_is_found_across_shards() -> None:
    service, app_id, vault, manifests = world("alice", "alice")
    for i, face in enumerate(("bob", "carol", "bob", "alice", "carol")):  # capacity 2: three shards
        enrol_someone(vault, manifests, f"31710101019000{i:02d}", face)
    assert len(manifests.manifest.shards) == 3
    assert run_search(service, app_id) == ["FACE_DUPLICATE"]


def test_enrolment_appends_once_and_survives_a_race() -> None:
    service, app_id, vault, manifests = world("alice", "alice")
    service.match_faces(app_id, 1)
    manifests.conflicts = 1  # another approval wins the first attempt
    assert service.enrol_template(app_id, 1).enrolled is True
    assert service.enrol_template(app_id, 1).enrolled is True  # a retried step adds nothing
    assert manifests.manifest.total == 1


def test_no_face_means_no_search_and_a_reason() -> None:
    service, app_id, _, _ = world("nobody", "nobody")
    assert service.match_faces(app_id, 1).probe is False  # the chain's HasFace choice skips the 1:N search
    with pytest.raises(Exception):  # noqa: B017 - nothing to enrol from: the vault has no template
        service._vault.read(template_key(app_id, 1))
