"""Issue 16, attacks 2 and 3, performed through the services and the fakes.

Attack 2, photo swap after verification: a PHOTO slot requested before submitting is filled while the chain
runs, so an unverified face would reach the card. Attack 3, overwrite of an accepted object: a second POST
to an accepted key (the URL is valid for its lifetime) would be read by every later reader. What holds: the
submit freezes the document set; intake and the checkers refuse to change a document of an application that
is not editable; every reader reads the S3 version intake pinned (its sha256 verified); a new version under a
key already filled is refused, removed and put on the timeline, and never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pytest

from ektp.biometrics.face import FaceAnalysis, embedding_to_bytes
from ektp.domain.access import Principal
from ektp.domain.application import DocumentType
from ektp.domain.records import ApplicationRecord, DocumentRecord, latest_documents
from ektp.domain.status import ApplicationStatus, DocumentStatus
from ektp.issuance.card import CardRecord
from ektp.issuance.signing import LocalSigner
from ektp.services.applications import ApplicationService
from ektp.services.biometrics import BiometricService
from ektp.services.chain import ChainService
from ektp.services.document_checks import CheckOutcome, DocumentCheckService
from ektp.services.intake import IntakeService
from ektp.services.issuance import IssuanceService
from ektp.services.review import ReviewService
from ektp.services.stored_documents import DocumentIntegrityError, read_original
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingQueue, RecordingWorkflow

TODAY = date(2026, 11, 28)
JPEG_HEAD = b"\xff\xd8\xff\xe0" + b"\x00" * 16 + b"|"
RNG = np.random.default_rng(16)
FACES = {
    name: (v / np.linalg.norm(v) * 0.6).astype(np.float32)
    for name, v in ((n, RNG.normal(size=128)) for n in ("alice", "mallory"))
}
REQUIRED = (DocumentType.KK, DocumentType.AKTA_KELAHIRAN, DocumentType.PHOTO, DocumentType.SELFIE)


def image(face: str) -> bytes:
    return JPEG_HEAD + face.encode()


def face_in(data: bytes) -> str:
    return data.rsplit(b"|", 1)[-1].decode()


class NamedFaces:
    """The face engine: the bytes after the marker name the face (a normalized copy keeps them)."""

    name = "fake"

    def analyze(self, image_bytes: bytes) -> FaceAnalysis:
        who = face_in(image_bytes)
        if who not in FACES:
            return FaceAnalysis(faces_found=0)
        return FaceAnalysis(faces_found=1, quality=0.9, embedding=embedding_to_bytes(FACES[who]))


def accept_all(data: bytes, document: DocumentRecord, application: ApplicationRecord) -> CheckOutcome:
    """Stands in for OpenCV and OCR: accepts, and makes a 'normalized' copy of images carrying the face."""
    processed = (b"normalized" + data, "image/jpeg") if document.document_type.is_image_only else None
    return CheckOutcome(accepted=True, reasons=[], measurements={}, processed=processed)


class MemoryCards:
    """Just enough of a card store to see which photo a card gets (no replacement here)."""

    def __init__(self) -> None:
        self.cards: dict[str, tuple[CardRecord, str]] = {}
        self.revoked: set[str] = set()

    def save(self, card: CardRecord, token: str) -> None:
        self.cards[card.card_id] = (card, token)

    def issue(self, card: CardRecord, token: str, **_: Any) -> None:
        self.cards[card.card_id] = (card, token)

    def update(self, card: CardRecord, token: str) -> None:
        self.cards[card.card_id] = (card, token)

    def for_application(self, application_id: str) -> tuple[CardRecord, str] | None:
        return next((c for c in self.cards.values() if c[0].application_id == application_id), None)

    def by_card_id(self, card_id: str) -> tuple[CardRecord, str] | None:
        return self.cards.get(card_id)

    def current_for_nik(self, nik: str) -> tuple[CardRecord, str] | None:
        return None

    def revoke(self, credential_id: str, reason: str) -> None:
        self.revoked.add(credential_id)

    def is_revoked(self, credential_id: str) -> bool:
        return credential_id in self.revoked


@dataclass
class World:
    repo: InMemoryRepository = field(default_factory=InMemoryRepository)
    uploads: InMemoryStore = field(default_factory=InMemoryStore)
    queue: RecordingQueue = field(default_factory=RecordingQueue)

    def __post_init__(self) -> None:
        clock = lambda: datetime.now(UTC)  # noqa: E731
        self.apps = ApplicationService(
            self.repo, self.uploads, RecordingWorkflow(), clock=clock, today=lambda: TODAY
        )
        self.intake = IntakeService(self.repo, self.uploads, self.queue, photo_queue="photo", ocr_queue="ocr")
        self.checks = DocumentCheckService(self.repo, self.uploads, accept_all)
        self.record = self.apps.register("alice", application_request())
        self.app_id = self.record.application_id

    # --- the resident's side: a presigned POST is a put under the slot's key, then S3's event -------------
    def slot(self, doc_type: DocumentType) -> str:
        return self.apps.request_upload("alice", self.app_id, str(doc_type), "image/jpeg").document.object_key

    def post(self, key: str, data: bytes, *, event_version: bool = True) -> tuple[str, str]:
        """POST to the key; S3 notifies intake (with the new version's id, or none as moto does)."""
        self.uploads.put(key, data, "image/jpeg")
        version = self.uploads.head(key).version_id  # type: ignore[union-attr]
        outcome = self.intake.receive(key, version if event_version else None).outcome
        self.drain()
        return outcome, str(version)

    def drain(self) -> None:
        while self.queue.messages:
            _, message = self.queue.messages.pop(0)
            self.checks.process(message["application_id"], message["document_type"], message["upload_id"])

    def complete(self) -> None:
        for doc_type in REQUIRED:
            self.post(self.slot(doc_type), image("alice"))

    def submit(self) -> None:
        self.apps.submit("alice", self.app_id)

    # --- what the system does with it ---------------------------------------------------------------------
    def match_and_issue(self) -> tuple[dict[str, Any], bytes | None]:
        """The chain's reads: completeness, face 1:1; then approval (as the rules or an officer would decide)
        and issuance. Returns the selfie-vs-photo comparison and the photo the digital ID carries."""
        chain = ChainService.for_applications(self.repo, self.apps)
        chain._today = lambda: TODAY  # type: ignore[method-assign]
        chain.load(self.app_id, 1)
        chain.check_completeness(self.app_id, 1)
        biometrics = BiometricService(self.repo, self.uploads, InMemoryStore(), _NoGallery(), NamedFaces)
        biometrics.match_faces(self.app_id, 1)
        app = self.repo.get(self.app_id)
        assert app is not None and app.status is ApplicationStatus.VERIFYING
        self.repo.save(app.model_copy(update={"status": ApplicationStatus.APPROVED}), app.version)
        stage = next(
            s for (a, _, name), s in self.repo.stages.items() if a == self.app_id and name == "face_match"
        )
        cards = MemoryCards()
        IssuanceService(self.repo, cards, LocalSigner.generate, self.uploads).issue(self.app_id, 1)
        ((card, _),) = cards.cards.values()
        # The photo the digital ID carries (issuance.digital_id reads the card's photo key).
        photo = self.uploads.read(card.photo_key) if card.photo_key else None
        return stage.details["selfie_vs_photo"], photo

    def document(self, key: str) -> DocumentRecord:
        found = next(d for d in self.repo.list_documents(self.app_id) if d.object_key == key)
        return found

    def timeline(self) -> list[tuple[str, list[str]]]:
        return [(e.kind, e.reasons) for e in self.repo.events[self.app_id]]


class _NoGallery:
    def load(self) -> Any:
        from ektp.biometrics.gallery import GalleryManifest

        return GalleryManifest(shard_capacity=2), 0

    def save(self, manifest: Any, expected_version: int) -> None:  # pragma: no cover - enrolment not run here
        raise AssertionError("not used")


def never_read(store: InMemoryStore, key: str, version: str) -> bool:
    return (key, version) not in store.reads


# --- attack 2: photo swap after verification ------------------------------------------------------------------
def test_a_photo_slot_filled_after_submit_never_reaches_the_card() -> None:
    world = World()
    world.complete()
    spare = world.slot(DocumentType.PHOTO)  # asked for before submitting: its URL is still valid
    world.submit()
    outcome, version = world.post(spare, image("mallory"))  # filled while the chain runs

    assert outcome == "refused"
    assert world.document(spare).status is DocumentStatus.CANCELLED
    assert ("UPLOAD_REFUSED", ["UPLOAD_AFTER_SUBMIT"]) in world.timeline()
    assert world.uploads.head(spare, version) is None and never_read(world.uploads, spare, version)
    match, card_photo = world.match_and_issue()
    assert match["decision"] == "match"  # the selfie was compared with the photo that was checked ...
    assert card_photo is not None and face_in(card_photo) == "alice"  # ... and that photo is on the card


def test_submit_cancels_the_slots_still_waiting_for_an_upload() -> None:
    world = World()
    world.complete()
    spare = world.slot(DocumentType.PHOTO)
    world.submit()
    assert world.document(spare).status is DocumentStatus.CANCELLED
    assert "DOCUMENT_CANCELLED" in [kind for kind, _ in world.timeline()]
    # A cancelled slot is not an upload that counts: the checked photo stays the one that counts.
    photo = latest_documents(world.repo.list_documents(world.app_id))[DocumentType.PHOTO]
    assert photo.status is DocumentStatus.ACCEPTED and photo.object_key != spare


def test_intake_losing_the_race_with_submit_does_not_receive_the_upload() -> None:
    """Intake read the application as DRAFT; the submit lands before intake's write: the write must fail."""
    world = World()
    world.complete()
    spare = world.slot(DocumentType.PHOTO)
    world.uploads.put(spare, image("mallory"), "image/jpeg")
    repo = world.repo
    real_update = repo.update_document
    raced = []

    def submit_first(document: DocumentRecord, *args: Any, **kwargs: Any) -> None:
        if document.object_key == spare and not raced:
            raced.append(True)
            app = repo.get(world.app_id)
            assert app is not None
            # As a submit would: the status moves on (its own freeze is not what this test relies on).
            repo.save(app.model_copy(update={"status": ApplicationStatus.SUBMITTED}), app.version)
        real_update(document, *args, **kwargs)

    repo.update_document = submit_first  # type: ignore[method-assign]
    outcome = world.intake.receive(spare, world.uploads.head(spare).version_id)  # type: ignore[union-attr]
    assert raced and outcome.outcome == "refused"
    assert world.document(spare).status is DocumentStatus.CANCELLED
    assert world.queue.messages == []


def test_an_upload_still_being_checked_when_submit_lands_is_cancelled_not_accepted() -> None:
    world = World()
    world.complete()
    spare = world.slot(DocumentType.SELFIE)
    world.uploads.put(spare, image("mallory"), "image/jpeg")
    assert world.intake.receive(spare, world.uploads.head(spare).version_id).outcome == "received"  # type: ignore[union-attr]
    app = world.repo.get(world.app_id)
    assert app is not None  # the submit lands while the message waits in the photo-check queue
    world.repo.save(app.model_copy(update={"status": ApplicationStatus.SUBMITTED}), app.version)
    world.drain()
    assert world.document(spare).status is DocumentStatus.CANCELLED
    assert latest_documents(world.repo.list_documents(world.app_id))[DocumentType.SELFIE].object_key != spare


# --- attack 3: overwrite of an accepted object ----------------------------------------------------------------
@pytest.mark.parametrize(
    "event_version", [True, False], ids=["event-with-versionId", "event-without-versionId"]
)
def test_a_second_post_to_an_accepted_photo_is_refused_and_never_read(event_version: bool) -> None:
    world = World()
    world.complete()
    photo = latest_documents(world.repo.list_documents(world.app_id))[DocumentType.PHOTO]
    outcome, version = world.post(photo.object_key, image("mallory"), event_version=event_version)

    assert outcome == "refused"
    assert world.document(photo.object_key) == photo  # the record still pins the checked version
    assert ("UPLOAD_REFUSED", ["UPLOAD_OVERWRITE_REFUSED"]) in world.timeline()
    assert (
        photo.object_key,
        version,
    ) in world.uploads.deleted_versions  # that version only, removed for good
    assert world.uploads.head(photo.object_key).version_id == photo.version_id  # type: ignore[union-attr]
    world.submit()
    match, card_photo = world.match_and_issue()
    assert match["decision"] == "match"
    assert card_photo is not None and face_in(card_photo) == "alice"
    assert never_read(world.uploads, photo.object_key, version)


def test_an_overwrite_before_the_check_runs_is_not_what_gets_checked() -> None:
    world = World()
    key = world.slot(DocumentType.PHOTO)
    world.uploads.put(key, image("alice"), "image/jpeg")
    first = world.uploads.head(key).version_id  # type: ignore[union-attr]
    assert world.intake.receive(key, first).outcome == "received"  # queued for the photo check
    outcome, second = world.post(key, image("mallory"))  # overwritten while the message waits
    assert outcome == "refused"  # post() also drained the queue: the check ran after the overwrite
    document = world.document(key)
    assert document.status is DocumentStatus.ACCEPTED and document.version_id == first
    assert document.processed_key is not None and document.sha256 is not None
    assert document.sha256 in document.processed_key  # the normalized copy is named after the checked bytes
    assert face_in(world.uploads.read(document.processed_key)) == "alice"
    assert never_read(world.uploads, key, second)


def test_the_officers_evidence_link_names_the_checked_version() -> None:
    world = World()
    world.complete()
    photo = latest_documents(world.repo.list_documents(world.app_id))[DocumentType.PHOTO]
    world.post(photo.object_key, image("mallory"))
    world.submit()
    app = world.repo.get(world.app_id)
    assert app is not None  # the chain sent it to an officer
    app = world.repo.save(app.model_copy(update={"status": ApplicationStatus.IN_REVIEW}), app.version)
    officer = Principal(subject="officer-1", roles=frozenset({"officer"}), district=app.district_code)
    evidence = ReviewService(world.repo, world.uploads, RecordingWorkflow()).evidence(officer, world.app_id)
    links = {doc.document_type: original for doc, original, _ in evidence.documents}
    assert (
        links[DocumentType.PHOTO] is not None and f"versionId={photo.version_id}" in links[DocumentType.PHOTO]
    )


def test_a_duplicate_event_for_the_accepted_version_changes_nothing() -> None:
    world = World()
    key = world.slot(DocumentType.PHOTO)
    _, version = world.post(key, image("alice"))
    before = (world.document(key), list(world.repo.events[world.app_id]))
    assert world.intake.receive(key, version).outcome == "duplicate"
    assert world.intake.receive(key, None).outcome == "duplicate"  # an event without a version id, too
    assert (world.document(key), world.repo.events[world.app_id]) == before
    assert world.uploads.deleted_versions == []


def test_a_repeated_event_for_a_refused_version_is_recorded_once() -> None:
    world = World()
    key = world.slot(DocumentType.PHOTO)
    world.post(key, image("alice"))
    _, refused = world.post(key, image("mallory"))
    events = len(world.repo.events[world.app_id])
    assert world.intake.receive(key, refused).outcome == "duplicate"
    assert len(world.repo.events[world.app_id]) == events


def test_bytes_that_differ_from_the_recorded_hash_are_never_used() -> None:
    """Defence in depth: should the pinned version's bytes ever differ from what intake hashed, readers refuse."""
    world = World()
    key = world.slot(DocumentType.LIVENESS)
    _, version = world.post(key, image("alice"))
    document = world.document(key)
    world.uploads.versions[key] = [
        (v, image("mallory"), c) if v == version else (v, d, c) for v, d, c in world.uploads.versions[key]
    ]
    with pytest.raises(DocumentIntegrityError):
        read_original(world.uploads, document)
