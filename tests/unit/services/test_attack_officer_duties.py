"""Attack (s6 review, finding 1): one malicious or stolen officer account does every step of an issuance alone:
enters or captures, then approves, and issuance takes that approval as the authority to revoke another person's
card. The attacks first (each failed on the code before domain/duties.py), then the controls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ektp.domain.access import Principal
from ektp.domain.application import ApplicationType
from ektp.domain.duties import approval_refusal, participants
from ektp.domain.records import TimelineEvent
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.issuance.card import CardStatus
from ektp.services.review import ReviewService
from ektp.services.uploads_multipart import MultipartUploads
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.unit.services import test_issuance as issuance
from tests.unit.services.recording_world import DISTRICT, OFFICER, world
from tests.unit.services.test_applications import upload_all
from tests.unit.services.test_assisted_registration import COLLEAGUE
from tests.unit.services.test_assisted_registration import World as AssistedWorld
from tests.unit.services.test_capture_station import station_files
from tests.unit.services.test_resumable_uploads import JPEG

SECOND_OFFICER = Principal("officer-7", frozenset({"officer"}), DISTRICT)
CLOCK = datetime(2026, 12, 7, tzinfo=UTC)


def _to_review(repo: InMemoryRepository, app_id: str, token: str = "review-tok") -> None:
    # The chain put the case in review (e.g. the captured face did not match, or a duplicate candidate).
    record = repo.get(app_id)
    assert record is not None
    repo.applications[app_id] = record.model_copy(update={"status": ApplicationStatus.IN_REVIEW})
    repo.put_review_token(app_id, record.attempt, token)


def _review(repo: InMemoryRepository) -> tuple[ReviewService, RecordingWorkflow]:
    workflow = RecordingWorkflow()
    return ReviewService(repo, InMemoryStore(), workflow, clock=lambda: CLOCK), workflow


def _refused(review: ReviewService, officer: Principal, app_id: str) -> str:
    with pytest.raises(ServiceError) as refused:
        review.decide(officer, app_id, "APPROVE", [])
    return refused.value.code


def _captured_case() -> tuple[InMemoryRepository, str]:
    w = world()
    w.wait()
    w.capture_service().capture(
        OFFICER, w.app_id, device_id="scanner-gambir-01", person_confirmed=True, files=station_files()
    )
    _to_review(w.repo, w.app_id)
    return w.repo, w.app_id


def test_attack_the_officer_who_captured_cannot_approve_the_same_case() -> None:
    repo, app_id = _captured_case()
    review, workflow = _review(repo)
    assert _refused(review, OFFICER, app_id) == "APPROVER_TOOK_PART"
    assert workflow.started == {}  # nothing reached the chain
    # Rejecting is not an approval: the capturing officer may still stop a case they doubt.
    review.decide(OFFICER, app_id, "REJECT", ["FACE_MISMATCH"])


def test_a_second_officer_approves_the_captured_case() -> None:
    repo, app_id = _captured_case()
    review, workflow = _review(repo)
    review.decide(SECOND_OFFICER, app_id, "APPROVE", [])
    assert workflow.started["token:review-tok"]["officer"] == SECOND_OFFICER.subject


def test_attack_the_officer_who_entered_an_assisted_application_cannot_approve_it() -> None:
    a = AssistedWorld()
    record = a.assisted.register(OFFICER, application_request())
    assert record.entered_by == OFFICER.subject
    _to_review(a.repo, record.application_id)
    review, workflow = _review(a.repo)
    assert _refused(review, OFFICER, record.application_id) == "APPROVER_TOOK_PART"
    review.decide(SECOND_OFFICER, record.application_id, "APPROVE", [])
    assert workflow.started["token:review-tok"]["officer"] == SECOND_OFFICER.subject


def test_attack_the_officer_who_corrected_an_assisted_application_cannot_approve_it() -> None:
    from tests.support.applicants import applicant

    a = AssistedWorld()
    record = a.assisted.register(OFFICER, application_request())
    a.assisted.correct(COLLEAGUE, record.application_id, applicant(full_name="SITI AMINA"))
    _to_review(a.repo, record.application_id)
    review, _ = _review(a.repo)
    assert _refused(review, COLLEAGUE, record.application_id) == "APPROVER_TOOK_PART"


def test_attack_the_officer_who_made_the_field_visit_cannot_approve_the_case() -> None:
    a = AssistedWorld()
    app_id = a.applications.register("resident-1", application_request()).application_id
    visit = TimelineEvent(
        at=CLOCK, kind="FIELD_VISIT_RECORDED", actor="officer", staff_id=SECOND_OFFICER.subject
    )
    a.repo.add_event(app_id, visit)  # as services/field_visits.py writes it with the answer
    _to_review(a.repo, app_id)
    review, _ = _review(a.repo)
    assert _refused(review, SECOND_OFFICER, app_id) == "APPROVER_TOOK_PART"
    review.decide(OFFICER, app_id, "APPROVE", [])  # an officer who only reviewed


def test_viewing_the_evidence_and_writing_a_note_is_reviewing_not_taking_part() -> None:
    repo, app_id = _captured_case()
    review, workflow = _review(repo)
    review.evidence(SECOND_OFFICER, app_id)
    review.decide(SECOND_OFFICER, app_id, "APPROVE", [], note="compared the faces")
    assert workflow.started["token:review-tok"]["decision"] == "APPROVE"


# --- issuance: the approval that authorises revoking the holder's card ----------------------------------


def _officer_approves(w: issuance.World, application_id: str, officer: str | None) -> None:
    w.clock.now += timedelta(minutes=1)
    event = TimelineEvent(
        at=w.clock.now,
        kind="REVIEW_DECIDED",
        actor="officer",
        status=ApplicationStatus.APPROVED,
        staff_id=officer,
    )
    w.repo.add_event(application_id, event)


@pytest.mark.parametrize("took_part", ["entered", "captured"])
def test_attack_an_approval_by_an_officer_who_took_part_never_revokes_the_holders_card(
    took_part: str,
) -> None:
    w = issuance.World()
    holder, holder_token = w.issued()
    moved = w.approved(ApplicationType.MOVE, owner=issuance.OTHER)
    if took_part == "entered":
        record = w.repo.get(moved)
        assert record is not None
        w.repo.applications[moved] = record.model_copy(update={"entered_by": "officer-1"})
    else:
        w.repo.add_event(
            moved,
            TimelineEvent(at=w.clock.now, kind="BIOMETRICS_RECORDED", actor="officer", staff_id="officer-1"),
        )
    _officer_approves(w, moved, "officer-1")
    with pytest.raises(ServiceError) as refused:
        w.service.issue(moved, 0)
    assert refused.value.code == "APPROVER_TOOK_PART"
    assert w.card(moved) is None and w.card(holder).status is CardStatus.PRINT_READY_RECORD
    assert w.service.verify(holder_token).valid


def test_an_approval_that_names_no_officer_authorises_nothing() -> None:
    w = issuance.World()
    w.issued()
    moved = w.approved(ApplicationType.MOVE, owner=issuance.OTHER)
    _officer_approves(w, moved, None)
    with pytest.raises(ServiceError) as refused:
        w.service.issue(moved, 0)
    assert refused.value.code == "APPROVER_TOOK_PART"


def test_an_independent_officers_approval_still_authorises_the_revocation() -> None:
    w = issuance.World()
    holder, holder_token = w.issued()
    moved = w.approved(ApplicationType.MOVE, owner=issuance.OTHER)
    w.repo.add_event(
        moved,
        TimelineEvent(at=w.clock.now, kind="BIOMETRICS_RECORDED", actor="officer", staff_id="officer-1"),
    )
    _officer_approves(w, moved, "officer-2")
    w.service.issue(moved, 0)
    w.assert_revoked_consistently(holder, holder_token)


# --- s10: the officer who uploaded a scan at the office ---------------------------------------------------------
THIRD_OFFICER = Principal("officer-3", frozenset({"officer"}), DISTRICT)


def _assisted_in_review(uploader: Principal) -> tuple[AssistedWorld, str]:
    """OFFICER entered the application; `uploader` sent every scan (the PHOTO among them: the face the card
    will carry); OFFICER submitted it and the chain put it in review."""
    a = AssistedWorld()
    app_id = a.assisted.register(OFFICER, application_request()).application_id
    a.upload_all(uploader, app_id)
    a.assisted.submit(OFFICER, app_id)
    _to_review(a.repo, app_id)
    return a, app_id


def test_attack_the_officer_who_uploaded_the_photo_of_an_assisted_application_cannot_approve_it() -> None:
    """Attack (s10): a colleague's assisted application; the rogue officer only sends the scans (its own choice
    of face as PHOTO) and then approves the review it lands in. Nothing named them before: approved."""
    a, app_id = _assisted_in_review(SECOND_OFFICER)
    review, workflow = _review(a.repo)
    assert _refused(review, SECOND_OFFICER, app_id) == "APPROVER_TOOK_PART"
    assert workflow.started == {}
    review.decide(THIRD_OFFICER, app_id, "APPROVE", [])  # an officer who only reviewed
    assert workflow.started["token:review-tok"]["officer"] == THIRD_OFFICER.subject


def test_attack_the_officer_who_uploaded_a_scan_gives_no_authority_to_revoke_a_card() -> None:
    """The second lock: issuance reads the same participants (domain/duties.py), documents included."""
    a, app_id = _assisted_in_review(SECOND_OFFICER)
    view = a.repo.view(app_id)
    assert view is not None
    took_part = participants(view.application, view.events, view.documents)
    assert SECOND_OFFICER.subject in took_part and OFFICER.subject in took_part
    assert approval_refusal(SECOND_OFFICER.subject, took_part) == "APPROVER_TOOK_PART"
    assert approval_refusal(THIRD_OFFICER.subject, took_part) is None


def test_attack_a_multipart_scan_names_its_officer_and_no_colleague_may_send_parts_into_it() -> None:
    """The resumable route: the officer who starts it took part; a colleague asking for part URLs of that slot
    (to put their own bytes in it) or completing it finds no such upload."""
    a = AssistedWorld()
    app_id = a.assisted.register(OFFICER, application_request()).application_id
    store = InMemoryStore()
    uploads = MultipartUploads(a.applications, a.repo, store, clock=lambda: CLOCK)
    owner = a.assisted.case(SECOND_OFFICER, app_id).owner
    ticket = uploads.start(
        owner, app_id, "PHOTO", "image/jpeg", size=len(JPEG), staff_id=SECOND_OFFICER.subject
    )
    assert ticket.document.requested_by == SECOND_OFFICER.subject
    store.upload_part(ticket.document.object_key, ticket.multipart_id, 1, JPEG)
    args = (owner, app_id, "PHOTO", ticket.document.upload_id, ticket.multipart_id)
    for attempt in (
        lambda: uploads.part_urls(*args, [1], staff_id=THIRD_OFFICER.subject),
        lambda: uploads.complete(*args, 1, staff_id=THIRD_OFFICER.subject),
        lambda: uploads.abort(*args, staff_id=THIRD_OFFICER.subject),
        lambda: uploads.complete(*args, 1),  # through the resident routes: no officer named
    ):
        with pytest.raises(ServiceError) as refused:
            attempt()
        assert refused.value.code == "UPLOAD_NOT_FOUND"
    # Its own officer goes on as before.
    uploads.part_urls(*args, [1], staff_id=SECOND_OFFICER.subject)
    uploads.complete(*args, 1, staff_id=SECOND_OFFICER.subject)
    view = a.repo.view(app_id)
    assert view is not None
    assert SECOND_OFFICER.subject in participants(view.application, view.events, view.documents)


def test_a_residents_own_upload_names_no_officer() -> None:
    """Control: an online application's documents are the resident's; the reviewing officer is independent."""
    a = AssistedWorld()
    app_id = a.applications.register("resident-1", application_request()).application_id
    upload_all(a.applications, a.repo, "resident-1", app_id)
    assert all(getattr(d, "requested_by", None) is None for d in a.repo.list_documents(app_id))
    _to_review(a.repo, app_id)
    review, workflow = _review(a.repo)
    review.decide(SECOND_OFFICER, app_id, "APPROVE", [])
    assert workflow.started["token:review-tok"]["decision"] == "APPROVE"


def test_attack_a_colleagues_visit_photo_cannot_back_another_officers_answer() -> None:
    """Attack (s10): officer A uploads the visit's photo (the evidence of the domicile, of A's choosing) and
    officer B records the answer with it; the answer names B only, so A, unnamed, could approve the case. The
    photo is now its uploader's alone: B's answer with A's key is refused and nothing is recorded."""
    from dataclasses import replace

    from tests.unit.services import test_field_visits as fv

    w = fv.world_waiting()
    colleague = replace(fv.OFFICER, subject="officer-9")
    key = w.photo(who=fv.OFFICER)
    with pytest.raises(ServiceError) as refused:
        w.service().record(colleague, w.app_id, outcome="CONFIRMED", note=fv.NOTE, photo_key=key)
    assert refused.value.code == "FIELD_VISIT_PHOTO_INVALID"
    assert w.visits.get_outcome(w.app_id, 1, 1) is None
    own = w.photo(who=colleague)  # B's own photo: the answer goes in, naming B
    answer = w.service().record(colleague, w.app_id, outcome="CONFIRMED", note=fv.NOTE, photo_key=own)
    assert answer.officer_id == "officer-9"
