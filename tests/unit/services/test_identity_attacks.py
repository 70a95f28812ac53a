"""Issue 16, attacks 1 and 4, performed through the services with the in-memory fakes.

Attack 1: someone who knows a resident's data (a KK copy) applies on that resident's NIK with their own face,
as a NEW or MOVE application, to take the NIK over. Attack 4: an applicant whose face is already enrolled
under another NIK uploads some other finger so that the fused face+finger score vetoes the face duplicate.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from ektp.biometrics.fingerprint import get_fingerprint_engine
from ektp.domain.application import ApplicationType, DocumentType, required_documents
from ektp.domain.capture import CaptureSource
from ektp.domain.decision import decide
from ektp.domain.status import ApplicationStatus
from ektp.services.applications import ApplicationService
from ektp.services.biometrics import (
    BiometricService,
    EnrolmentRefused,
    enrolled_fingerprint_key,
    enrolled_key,
    template_key,
)
from ektp.services.chain import ChainService
from ektp.services.gallery_batching import GallerySearchBatcher, SearchRequest
from ektp.services.gallery_search import GallerySearchService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.support.synthetic_fingerprints import impressions
from tests.unit.services.test_biometrics import FACES, FakeEngine, MemoryManifests, enrol_someone
from tests.unit.services.test_fingerprint_stage import submit_accepted

TODAY = date(2026, 11, 28)
VICTIM = 1  # serial of the resident whose NIK is attacked
OFFICER_CAPTURE = CaptureSource(source="officer", officer_id="officer-31710101", device_id="scanner-0042")
FINGER_A = impressions(101, 3)
FINGER_B = impressions(202, 1)


class HeldCards:
    """The cards repository's one question the biometric stage asks: does this NIK hold a card?"""

    def __init__(self) -> None:
        self.by_nik: dict[str, tuple[SimpleNamespace, str]] = {}

    def current_for_nik(self, nik: str) -> tuple[SimpleNamespace, str] | None:
        return self.by_nik.get(nik)


class World:
    def __init__(self, *, fingerprints: bool = False) -> None:
        self.repo, self.uploads, self.vault = InMemoryRepository(), InMemoryStore(), InMemoryStore()
        self.manifests, self.cards = MemoryManifests(), HeldCards()
        self.apps = ApplicationService(
            self.repo, self.uploads, RecordingWorkflow(), clock=lambda: datetime.now(UTC), today=lambda: TODAY
        )
        engine = get_fingerprint_engine if fingerprints else None
        self.faces = BiometricService(
            self.repo,
            self.uploads,
            self.vault,
            self.manifests,
            FakeEngine,
            fingerprints=engine,
            cards=self.cards,
        )
        self.search = GallerySearchService(
            self.repo, self.vault, self.manifests, RecordingWorkflow(), fingerprints=engine
        )
        self.chain = ChainService.for_applications(self.repo, self.apps)
        self._owners = 0

    def apply(
        self,
        face: str,
        *,
        serial: int = VICTIM,
        application_type: ApplicationType = ApplicationType.NEW,
        finger: bytes | None = None,
        capture: CaptureSource | None = None,
        owner: str | None = None,
    ) -> str:
        self._owners += 1
        owner = owner or f"resident-{self._owners}"  # a new account for each application unless named
        request = application_request(application_type, serial=serial)
        record = self.apps.register(owner, request)
        docs: dict[DocumentType, bytes] = {
            d: b"%PDF" for d in required_documents(application_type, request.applicant, TODAY)
        }
        docs[DocumentType.PHOTO] = docs[DocumentType.SELFIE] = face.encode()
        if finger is not None:
            docs[DocumentType.FINGERPRINT] = finger
        submit_accepted(self.apps, self.repo, self.uploads, owner, record.application_id, docs, capture)
        self.chain.load(record.application_id, 1)
        return record.application_id

    def verify(self, app_id: str) -> str:
        """The chain's biometric steps and the demographic check, then the rules table's decision."""
        self.chain.check_duplicates(app_id, 1)
        if self.faces.match_faces(app_id, 1).probe:
            self.sweep([app_id])
        return decide(self.stages_of(app_id)).decision

    def sweep(self, app_ids: list[str]) -> None:
        batch_id = GallerySearchBatcher(self.vault, RecordingWorkflow()).start_sweep(
            [SearchRequest(application_id=a, attempt=1, task_token=f"t-{a}") for a in app_ids]
        )
        assert batch_id is not None
        for shard in self.search.plan_sweep(batch_id).shards:
            self.search.search_shard(batch_id, shard.key)
        self.search.finish_sweep(batch_id)

    def stages_of(self, app_id: str) -> list[Any]:
        view = self.repo.view(app_id)
        assert view is not None
        return [s for s in view.stages if s.attempt == 1]

    def codes(self, app_id: str, stage: str | None = None) -> set[str]:
        return {r.code for s in self.stages_of(app_id) if stage in (None, s.stage) for r in s.reasons}

    def approve_and_issue(self, app_id: str) -> None:
        """The automatic path: approved by the rules, enrolled, a card issued."""
        assert self.verify(app_id) == "APPROVE"
        record = self.repo.get(app_id)
        assert record is not None  # the other stages are not run here: the rules' approval is taken as given
        self.repo.save(
            record.model_copy(update={"status": ApplicationStatus.APPROVED}),
            record.version,
            expected_status=ApplicationStatus.VERIFYING,
        )
        assert self.faces.enrol_template(app_id, 1).enrolled is True
        self.chain.mark_issued(app_id, 1)
        record = self.repo.get(app_id)
        assert record is not None
        self.cards.by_nik[record.applicant.nik] = (SimpleNamespace(application_id=app_id), "token")

    def review_approved_by_officer(self, app_id: str) -> None:
        self.chain.request_review(app_id, 1, "review-token")
        self.chain.record_review_outcome(app_id, 1, "APPROVE", [], "officer-31710101")


def victim_nik() -> str:
    return application_request(serial=VICTIM).applicant.nik


# --- Attack 1: NIK takeover through a NEW or MOVE application ---------------------------------------------


@pytest.mark.parametrize("application_type", [ApplicationType.NEW, ApplicationType.MOVE])
def test_another_face_on_an_enrolled_nik_is_never_approved(application_type: ApplicationType) -> None:
    world = World()
    world.approve_and_issue(world.apply("alice"))
    del world.cards.by_nik[victim_nik()]  # only the enrolled face stands in the way: it alone must hold
    attacker = world.apply("bob", application_type=application_type)
    assert world.verify(attacker) == "REVIEW"
    assert "ENROLLED_FACE_MISMATCH" in world.codes(attacker, "face_match")


def test_a_new_application_for_a_nik_that_holds_a_card_goes_to_an_officer_even_with_the_same_face() -> None:
    world = World()
    world.approve_and_issue(world.apply("alice"))
    again = world.apply("alice", owner="resident-1")  # the holder applies as if for a first card
    assert world.verify(again) == "REVIEW"
    assert world.codes(again, "face_match") == {"NIK_ALREADY_HOLDS_CARD"}


def test_a_card_holder_without_an_enrolled_face_needs_an_officer() -> None:
    world = World()
    world.cards.by_nik[victim_nik()] = (
        SimpleNamespace(application_id="legacy"),
        "token",
    )  # card from before enrolment
    replacement = world.apply("bob", application_type=ApplicationType.REPLACEMENT_LOST)
    assert world.verify(replacement) == "REVIEW"
    assert "ENROLLED_TEMPLATE_MISSING" in world.codes(replacement, "face_match")


def test_the_holder_replacing_a_lost_card_with_the_same_face_is_approved() -> None:
    world = World()
    world.approve_and_issue(world.apply("alice"))
    # From the holder's own account (the first one): another account is attack 1's second variant.
    replacement = world.apply("alice", application_type=ApplicationType.REPLACEMENT_LOST, owner="resident-1")
    assert world.verify(replacement) == "APPROVE"
    stage = next(s for s in world.stages_of(replacement) if s.stage == "face_match")
    assert stage.details["photo_vs_enrolled"]["decision"] == "match"


def test_a_same_nik_gallery_hit_with_another_face_is_evidence_not_dropped() -> None:
    world = World()
    # The NIK's face is in the gallery but neither its enrolled template nor a card is on file (an enrolment
    # from before templates were kept): the 1:N search alone sees the NIK's face, and must not drop it.
    enrol_someone(world.vault, world.manifests, victim_nik(), "alice")
    attacker = world.apply("bob")
    assert world.verify(attacker) == "REVIEW"
    assert world.codes(attacker, "face_duplicates") == {"ENROLLED_FACE_MISMATCH"}
    stage = next(s for s in world.stages_of(attacker) if s.stage == "face_duplicates")
    assert stage.details["same_nik"][0]["decision"] == "no_match"
    # The same face on its own NIK is the holder, not a duplicate.
    holder = World()
    enrol_someone(holder.vault, holder.manifests, victim_nik(), "alice")
    assert holder.verify(holder.apply("alice")) == "APPROVE"


def test_two_pending_applications_on_one_nik_with_different_faces_are_held() -> None:
    world = World()
    mine, theirs = world.apply("alice"), world.apply("bob")
    for app_id in (mine, theirs):
        world.chain.check_duplicates(app_id, 1)
        world.faces.match_faces(app_id, 1)
    world.sweep([mine, theirs])  # one batch: neither is enrolled yet
    for app_id in (mine, theirs):
        assert decide(world.stages_of(app_id)).decision == "REVIEW"
        assert "ENROLLED_FACE_MISMATCH" in world.codes(app_id, "face_duplicates")
        assert "NIK_APPLICATION_IN_PROGRESS" in world.codes(app_id, "duplicates")


def test_enrolment_never_replaces_an_enrolled_face_with_another_without_an_officer_decision() -> None:
    world = World()
    world.approve_and_issue(world.apply("alice"))
    enrolled = world.vault.read(enrolled_key(victim_nik()))
    attacker = world.apply("bob")
    world.faces.match_faces(attacker, 1)
    # Whatever let the application reach approval, enrolment itself refuses the swap and says so.
    record = world.repo.get(attacker)
    assert record is not None
    world.repo.applications[attacker] = record.model_copy(update={"status": ApplicationStatus.APPROVED})
    with pytest.raises(EnrolmentRefused):
        world.faces.enrol_template(attacker, 1)
    assert world.vault.read(enrolled_key(victim_nik())) == enrolled
    assert world.manifests.manifest.total == 1
    assert [e.kind for e in world.repo.events[attacker]][-1] == "ENROLMENT_REFUSED"


def test_an_officer_approved_face_change_is_enrolled_and_recorded() -> None:
    world = World()
    world.approve_and_issue(world.apply("alice"))
    changed = world.apply("bob", application_type=ApplicationType.DATA_CHANGE)
    assert world.verify(changed) == "REVIEW"
    world.review_approved_by_officer(changed)
    assert world.faces.enrol_template(changed, 1).enrolled is True
    assert world.vault.read(enrolled_key(victim_nik())) == world.vault.read(template_key(changed, 1))
    events = [e for e in world.repo.events[changed] if e.kind == "ENROLLED_TEMPLATE_REPLACED"]
    assert len(events) == 1 and events[0].detail == "face-changed-after-officer-review"
    assert world.faces.enrol_template(changed, 1).enrolled is True  # a retried step records nothing more
    assert len([e for e in world.repo.events[changed] if e.kind == "ENROLLED_TEMPLATE_REPLACED"]) == 1


def test_the_demographic_check_flags_another_open_application_on_the_same_nik() -> None:
    world = World()
    world.apply("alice")
    second = world.apply("alice")
    world.chain.check_duplicates(second, 1)
    assert world.codes(second, "duplicates") == {"NIK_APPLICATION_IN_PROGRESS"}


# --- Attack 4: a resident's fingerprint vetoes the duplicate-face flag ------------------------------------


@pytest.fixture(autouse=True)
def bob_again() -> Iterator[None]:
    """Bob photographed again: 0.3 from his enrolled face, a clear duplicate (threshold 0.5) that a fused score
    with another finger brings under the fusion threshold (the attack as found: fused 0.495 < 0.5)."""
    FACES["bob_again"] = near(FACES["bob"], 0.28, seed=1)
    FACES["bob_look_alike"] = near(FACES["bob"], 0.52, seed=3)  # past 0.5: the face alone passes
    yield
    del FACES["bob_again"], FACES["bob_look_alike"]


def near(face: np.ndarray, distance: float, seed: int) -> np.ndarray:
    step = np.random.default_rng(seed).normal(size=face.shape[0]).astype(np.float32)
    return (face + np.float32(distance) * step / np.linalg.norm(step)).astype(np.float32)


def enrol_with_finger(world: World, nik: str, face: str, finger: bytes) -> None:
    enrol_someone(world.vault, world.manifests, nik, face)
    world.faces.store_enrolled_finger(
        nik, get_fingerprint_engine().extract(finger).iso_bytes, OFFICER_CAPTURE
    )


def test_a_resident_uploaded_finger_cannot_veto_a_face_duplicate() -> None:
    world = World(fingerprints=True)
    enrol_with_finger(world, "3171010101900077", "bob", FINGER_A[0])
    attacker = world.apply("bob_again", serial=9, finger=FINGER_B[0])  # bob's face, some other finger
    assert world.verify(attacker) == "REVIEW"
    assert world.codes(attacker, "face_duplicates") == {"FACE_DUPLICATE"}
    stage = next(s for s in world.stages_of(attacker) if s.stage == "face_duplicates")
    assert stage.details["fingerprint"] == "untrusted-capture-not-used"


def test_even_a_trusted_capture_of_another_finger_cannot_remove_the_face_flag() -> None:
    world = World(fingerprints=True)
    enrol_with_finger(world, "3171010101900077", "bob", FINGER_A[0])
    app = world.apply("bob_again", serial=9, finger=FINGER_B[0], capture=OFFICER_CAPTURE)
    world.verify(app)
    assert world.codes(app, "face_duplicates") == {"FACE_DUPLICATE"}


def test_a_trusted_matching_finger_adds_evidence_to_a_face_below_the_duplicate_threshold() -> None:
    world = World(fingerprints=True)
    enrol_with_finger(world, "3171010101900077", "bob", FINGER_A[0])
    untrusted = world.apply("bob_look_alike", serial=9, finger=FINGER_A[1])
    world.verify(untrusted)
    assert world.codes(untrusted, "face_duplicates") == set()  # a resident's print is no evidence either way
    trusted = world.apply("bob_look_alike", serial=10, finger=FINGER_A[2], capture=OFFICER_CAPTURE)
    world.verify(trusted)
    stage = next(s for s in world.stages_of(trusted) if s.stage == "face_duplicates")
    assert [(r.code, r.field) for r in stage.reasons] == [("FACE_DUPLICATE", "face+fingerprint")]


def test_a_resident_uploaded_finger_is_never_enrolled_as_the_niks_finger() -> None:
    world = World(fingerprints=True)
    app = world.apply("carol", serial=5, finger=FINGER_B[0])
    world.approve_and_issue(app)
    nik = application_request(serial=5).applicant.nik
    assert world.vault.head(enrolled_fingerprint_key(nik)) is None
    trusted = World(fingerprints=True)
    trusted.approve_and_issue(trusted.apply("carol", serial=5, finger=FINGER_B[0], capture=OFFICER_CAPTURE))
    assert trusted.vault.head(enrolled_fingerprint_key(nik)) is not None


def test_a_resident_uploaded_finger_that_matches_the_enrolled_one_clears_nothing() -> None:
    world = World(fingerprints=True)
    world.approve_and_issue(world.apply("alice", finger=FINGER_A[0], capture=OFFICER_CAPTURE))
    replacement = world.apply("alice", application_type=ApplicationType.REPLACEMENT_LOST, finger=FINGER_A[1])
    world.verify(replacement)
    stage = next(s for s in world.stages_of(replacement) if s.stage == "fingerprint_match")
    assert stage.details["vs_enrolled"]["trusted"] is False


def test_the_capture_source_decides_trust() -> None:
    assert not CaptureSource(source="resident").trusted
    assert not CaptureSource(source="officer", officer_id="o-1").trusted  # no device: not a station capture
    assert CaptureSource(source="officer", officer_id="o-1", device_id="d-1").trusted
    assert CaptureSource(source="device", device_id="kiosk-9").trusted
    assert not CaptureSource(source="device").trusted
