"""Fingerprints in the chain: the capture's quality, 1:1 against the enrolled finger, and face+finger fusion in
the batched 1:N search (real minutiae engine on synthetic impressions of synthetic fingers)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ektp.biometrics import config
from ektp.biometrics.fingerprint import get_fingerprint_engine
from ektp.domain.application import ApplicationType, DocumentType
from ektp.domain.capture import CaptureSource
from ektp.domain.decision import decide
from ektp.domain.status import DocumentStatus
from ektp.services.applications import ApplicationService
from ektp.services.biometrics import BiometricService, enrolled_fingerprint_key
from ektp.services.gallery_batching import GallerySearchBatcher, SearchRequest
from ektp.services.gallery_search import GallerySearchService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.support.synthetic_fingerprints import impressions
from tests.unit.services.test_biometrics import FakeEngine, MemoryManifests, enrol_someone

TODAY = date(2026, 11, 28)
FINGER_A = impressions(101, 3)  # three impressions of one synthetic finger
FINGER_B = impressions(202, 1)
STATION = CaptureSource(source="officer", officer_id="officer-1", device_id="scanner-1")


class World:
    def __init__(self) -> None:
        self.repo, self.uploads, self.vault = InMemoryRepository(), InMemoryStore(), InMemoryStore()
        self.manifests = MemoryManifests()
        self.apps = ApplicationService(
            self.repo, self.uploads, RecordingWorkflow(), clock=lambda: datetime.now(UTC), today=lambda: TODAY
        )
        self.faces = BiometricService(
            self.repo,
            self.uploads,
            self.vault,
            self.manifests,
            FakeEngine,
            fingerprints=get_fingerprint_engine,
        )
        self.workflow = RecordingWorkflow()
        self.search = GallerySearchService(
            self.repo, self.vault, self.manifests, self.workflow, fingerprints=get_fingerprint_engine
        )

    def apply(
        self,
        face: str,
        finger: bytes | None,
        application_type: ApplicationType = ApplicationType.NEW,
        serial: int = 1,
        capture: CaptureSource | None = None,
    ) -> str:
        owner = f"resident-{serial}"
        record = self.apps.register(owner, application_request(application_type, serial=serial))
        docs = {
            DocumentType.PHOTO: face.encode(),
            DocumentType.SELFIE: face.encode(),
            DocumentType.KK: b"%PDF",
        }
        paper = (
            DocumentType.POLICE_REPORT
            if application_type is ApplicationType.REPLACEMENT_LOST
            else (DocumentType.AKTA_KELAHIRAN)
        )
        docs[paper] = b"%PDF"
        if finger is not None:
            docs[DocumentType.FINGERPRINT] = finger
        submit_accepted(self.apps, self.repo, self.uploads, owner, record.application_id, docs, capture)
        return record.application_id

    def stages(self, app_id: str) -> dict[str, list[str]]:
        view = self.repo.view(app_id)
        assert view is not None
        return {s.stage: [r.code for r in s.reasons] for s in view.stages}

    def sweep(self, app_id: str) -> None:
        batch_id = GallerySearchBatcher(self.vault, RecordingWorkflow()).start_sweep(
            [SearchRequest(application_id=app_id, attempt=1, task_token="t")]
        )
        assert batch_id is not None
        for shard in self.search.plan_sweep(batch_id).shards:
            self.search.search_shard(batch_id, shard.key)
        self.search.finish_sweep(batch_id)


def submit_accepted(
    apps: ApplicationService,
    repo: InMemoryRepository,
    uploads: InMemoryStore,
    owner: str,
    application_id: str,
    docs: dict[DocumentType, bytes],
    capture: CaptureSource | None = None,
) -> None:
    """Upload each document as the checkers would have accepted it, then submit."""
    for doc_type, data in docs.items():
        content = "image/png" if doc_type is DocumentType.FINGERPRINT else "image/jpeg"
        grant = apps.request_upload(owner, application_id, str(doc_type), content)
        key = (application_id, doc_type, grant.document.upload_id)
        update: dict[str, object] = {"status": DocumentStatus.ACCEPTED}
        if doc_type is DocumentType.FINGERPRINT and capture is not None:
            update["captured_by"] = capture  # scanned at a Dukcapil station, not uploaded by the resident
        repo.documents[key] = repo.documents[key].model_copy(update=update)
        uploads.put(grant.document.object_key, data, content)
    apps.submit(owner, application_id)


@pytest.fixture
def world() -> World:
    return World()


def test_a_card_holder_whose_finger_matches_the_enrolled_one_passes(world: World) -> None:
    nik = application_request(serial=1).applicant.nik
    world.vault.put(
        enrolled_fingerprint_key(nik), get_fingerprint_engine().extract(FINGER_A[0]).iso_bytes, "x"
    )
    app_id = world.apply("alice", FINGER_A[1], ApplicationType.REPLACEMENT_LOST)
    assert world.faces.match_faces(app_id, 1).fingerprint is True
    assert world.stages(app_id)["fingerprint_match"] == []


def test_another_finger_on_a_replacement_goes_to_an_officer(world: World) -> None:
    nik = application_request(serial=1).applicant.nik
    world.vault.put(
        enrolled_fingerprint_key(nik), get_fingerprint_engine().extract(FINGER_A[0]).iso_bytes, "x"
    )
    app_id = world.apply("alice", FINGER_B[0], ApplicationType.REPLACEMENT_LOST)
    world.faces.match_faces(app_id, 1)
    assert world.stages(app_id)["fingerprint_match"] == ["FINGERPRINT_MISMATCH"]
    view = world.repo.view(app_id)
    assert view is not None and decide(view.stages).decision == "REVIEW"


def test_a_capture_without_ridges_is_refused_for_a_new_capture(world: World) -> None:
    import io

    from PIL import Image

    blank = io.BytesIO()
    Image.new("L", (400, 500), 200).save(blank, format="PNG")
    app_id = world.apply("alice", blank.getvalue())
    assert world.faces.match_faces(app_id, 1).fingerprint is False
    assert world.stages(app_id)["fingerprint_match"] == ["FINGERPRINT_QUALITY_LOW"]


def test_face_and_finger_of_an_enrolled_person_under_another_nik_are_fused_into_a_duplicate(
    world: World,
) -> None:
    enrol_someone(world.vault, world.manifests, "3171010101900077", "bob")
    world.faces.store_enrolled_finger(
        "3171010101900077", get_fingerprint_engine().extract(FINGER_A[0]).iso_bytes, STATION
    )
    app_id = world.apply("bob", FINGER_A[2], capture=STATION)
    assert world.faces.match_faces(app_id, 1).probe
    world.sweep(app_id)
    assert world.stages(app_id)["face_duplicates"] == ["FACE_DUPLICATE"]
    view = world.repo.view(app_id)
    assert view is not None
    stage = next(s for s in view.stages if s.stage == "face_duplicates")
    assert stage.reasons[0].field == "face"  # the face alone flags it; the fused score agrees
    fused = stage.details["fused"][0]
    assert fused["finger_score"] >= config.FINGERPRINT_MATCH_MIN_SCORE and fused["decision"] == "match"


def test_approval_enrols_the_finger_with_the_face(world: World) -> None:
    app_id = world.apply("carol", FINGER_B[0], serial=5, capture=STATION)
    world.faces.match_faces(app_id, 1)
    assert world.faces.enrol_template(app_id, 1).enrolled is True
    nik = application_request(serial=5).applicant.nik
    assert world.vault.head(enrolled_fingerprint_key(nik)) is not None
