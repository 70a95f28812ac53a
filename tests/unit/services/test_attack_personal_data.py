"""Personal data around officer review (issue 16, "Personal data"): each test performs the misuse.

- An officer opens the documents of a case that is not waiting for them (decided long ago, a draft, issued).
- The resident's timeline shows the officer's user id (their account, searchable in the directory).
- The officer's internal note travels through the workflow's execution history, readable by operators, and is
  kept nowhere else.
"""

from __future__ import annotations

import json

import pytest

from ektp.domain.access import Principal
from ektp.domain.audit import audit_record
from ektp.domain.status import ApplicationStatus
from ektp.errors import ServiceError
from ektp.views import detail
from tests.unit.services.test_review import OFFICER, in_review

NOTE = "spelling differs from the akta; phoned the resident on +62 857-1111-2222"


@pytest.mark.parametrize(
    "status", [ApplicationStatus.APPROVED, ApplicationStatus.ISSUED, ApplicationStatus.DRAFT]
)
def test_an_officer_cannot_open_the_documents_of_a_case_not_in_review(status: ApplicationStatus) -> None:
    service, repo, _, app_id = in_review()
    repo.applications[app_id] = repo.applications[app_id].model_copy(update={"status": status})
    with pytest.raises(ServiceError) as refused:
        service.evidence(OFFICER, app_id)
    assert refused.value.code == "CASE_NOT_IN_REVIEW"
    assert repo.events[app_id][-1].kind != "EVIDENCE_VIEWED"


def test_the_resident_sees_the_officers_role_never_their_id() -> None:
    service, repo, workflow, app_id = in_review()
    service.evidence(OFFICER, app_id)
    service.decide(OFFICER, app_id, "REJECT", ["NAME_MISMATCH"], NOTE)
    # The chain records the outcome from the task output (RecordReviewDecision), as on AWS.
    from ektp.services.applications import ApplicationService
    from ektp.services.chain import ChainService
    from tests.support.fakes import InMemoryStore, RecordingWorkflow

    chain = ChainService.for_applications(
        repo, ApplicationService(repo, InMemoryStore(), RecordingWorkflow())
    )
    output = workflow.started["token:tok-1"]
    chain.record_review_outcome(app_id, 1, output["decision"], output["reasons"], output["officer"])
    record = repo.get(app_id)
    assert record is not None and record.status is ApplicationStatus.REJECTED
    shown = detail(repo.view(app_id))  # type: ignore[arg-type]
    text = json.dumps(shown.model_dump(mode="json"))
    assert OFFICER.subject not in text
    assert NOTE not in text and "857-1111" not in text
    officer_entries = [e for e in shown.timeline if e.actor == "officer"]
    assert officer_entries and all(e.detail and "Dukcapil" in e.detail for e in officer_entries)
    assert any(
        "Jakarta Pusat" in (e.detail or "") for e in officer_entries
    )  # the office of district 31.71.01


def test_the_note_stays_out_of_the_workflow_and_on_the_audit_trail() -> None:
    service, repo, workflow, app_id = in_review()
    service.decide(OFFICER, app_id, "REJECT", ["NAME_MISMATCH"], NOTE)
    assert NOTE not in json.dumps(workflow.started)  # the execution history never holds it
    noted = [e for e in repo.events[app_id] if e.note]
    assert [e.note for e in noted] == [NOTE]
    audited = audit_record(app_id, noted[0], "stream-1")
    assert audited.note == NOTE and audited.actor_id == OFFICER.subject


def test_every_officer_action_names_the_officer_on_the_audit_trail() -> None:
    service, repo, workflow, app_id = in_review()
    service.evidence(OFFICER, app_id)
    viewed = repo.events[app_id][-1]
    assert viewed.kind == "EVIDENCE_VIEWED"
    assert audit_record(app_id, viewed, "stream-2").actor_id == OFFICER.subject


def test_an_operator_without_a_district_sees_a_role_too() -> None:
    from ektp.domain.disclosure import staff_role

    assert staff_role(Principal(subject="op-1", roles=frozenset({"operator"}))) == "operator, Dukcapil"
    assert "31.71" not in staff_role(OFFICER)
