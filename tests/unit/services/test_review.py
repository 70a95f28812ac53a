from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ektp.domain.access import Principal, allowed, principal_from_claims
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.services.review import ReviewService
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.unit.services.test_chain import submitted


def in_review() -> tuple[ReviewService, InMemoryRepository, RecordingWorkflow, str]:
    chain, repo, app_id = submitted()
    record = repo.get(app_id)
    assert record is not None
    repo.applications[app_id] = record.model_copy(
        update={"applicant": record.applicant.model_copy(update={"sex": "M"})}
    )
    chain.load(app_id, 1)
    chain.check_completeness(app_id, 1)
    assert chain.decide(app_id, 1).decision == "REVIEW"
    chain.request_review(app_id, 1, "tok-1")
    workflow = RecordingWorkflow()
    service = ReviewService(repo, InMemoryStore(), workflow, clock=lambda: datetime(2026, 11, 28, tzinfo=UTC))
    return service, repo, workflow, app_id


OFFICER = Principal(subject="off-1", roles=frozenset({"officer"}), district="31.71.01")
ELSEWHERE = Principal(subject="off-2", roles=frozenset({"officer"}), district="32.73.01")


def test_the_queue_holds_the_case_for_its_district_only() -> None:
    service, repo, _, app_id = in_review()
    assert [r.application_id for r in service.queue(OFFICER)] == [app_id]
    assert service.queue(ELSEWHERE) == []
    with pytest.raises(ServiceError, match="FORBIDDEN"):
        service.queue(OFFICER, district="32.73.01")


def test_evidence_shows_stages_and_links_and_is_audited() -> None:
    service, repo, _, app_id = in_review()
    evidence = service.evidence(OFFICER, app_id)
    assert {s.stage for s in evidence.stages} >= {"completeness", "decision"}
    assert all(original and original.startswith("memory://uploads/") for _, original, _ in evidence.documents)
    assert repo.events[app_id][-1].kind == "EVIDENCE_VIEWED"
    with pytest.raises(ServiceError, match="APPLICATION_NOT_FOUND"):
        service.evidence(ELSEWHERE, app_id)


def test_a_decision_resumes_the_chain_with_the_token() -> None:
    service, repo, workflow, app_id = in_review()
    service.decide(OFFICER, app_id, "REJECT", ["NAME_MISMATCH"], "spelling differs from the akta")
    assert workflow.started["token:tok-1"] == {
        "decision": "REJECT",
        "reasons": ["NAME_MISMATCH"],
        "officer": "off-1",
    }


@pytest.mark.parametrize("codes", [[], ["NOT_A_CODE"]])
def test_a_rejection_needs_known_reason_codes(codes: list[str]) -> None:
    service, _, workflow, app_id = in_review()
    with pytest.raises(ServiceError, match="VALIDATION_FAILED"):
        service.decide(OFFICER, app_id, "REJECT", codes)
    assert workflow.started == {}


def test_deciding_a_case_not_in_review_is_refused() -> None:
    service, repo, _, app_id = in_review()
    record = repo.get(app_id)
    assert record is not None
    repo.applications[app_id] = record.model_copy(update={"status": ApplicationStatus.APPROVED})
    with pytest.raises(ServiceError, match="INVALID_STATUS_TRANSITION"):
        service.decide(OFFICER, app_id, "APPROVE", [])


def test_roles_come_from_groups_and_the_rule_table_decides() -> None:
    officer = principal_from_claims(
        {"sub": "x", "cognito:groups": "[officers]", "custom:district": "31.71.01"}
    )
    resident = principal_from_claims({"sub": "y"})
    assert officer is not None and resident is not None
    assert officer.district == "31.71.01" and officer.has("officer")
    assert allowed("POST /review/{registration_number}/decision", officer)
    assert not allowed("POST /review/{registration_number}/decision", resident)
    assert not allowed("POST /applications", officer)
    assert allowed("GET /applications/{registration_number}", resident)
    assert principal_from_claims({}) is None
    assert not allowed("DELETE /everything", officer)
