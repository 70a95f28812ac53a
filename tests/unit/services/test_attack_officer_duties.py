"""Attack (s6 review, finding 1): one malicious or stolen officer account does every step of an issuance alone:
enters or captures, then approves, and issuance takes that approval as the authority to revoke another person's
card. The attacks first (each failed on the code before domain/duties.py), then the controls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ektp.domain.access import Principal
from ektp.domain.application import ApplicationType
from ektp.domain.records import TimelineEvent
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.issuance.card import CardStatus
from ektp.services.review import ReviewService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.unit.services import test_issuance as issuance
from tests.unit.services.recording_world import DISTRICT, OFFICER, world
from tests.unit.services.test_assisted_registration import COLLEAGUE
from tests.unit.services.test_assisted_registration import World as AssistedWorld
from tests.unit.services.test_capture_station import station_files

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
