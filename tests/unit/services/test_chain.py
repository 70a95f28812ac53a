from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

import pytest

from ektp.domain.application import DocumentType
from ektp.domain.decision import ALWAYS_REQUIRED, Stage
from ektp.domain.records import StageResult
from ektp.domain.status import ApplicationStatus, DocumentStatus
from ektp.services.applications import ApplicationService
from ektp.services.chain import ChainService, StaleAttempt
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow

TODAY = date(2026, 11, 28)


def submitted(**overrides: object) -> tuple[ChainService, InMemoryRepository, str]:
    repo = InMemoryRepository()
    apps = ApplicationService(
        repo, InMemoryStore(), RecordingWorkflow(), clock=lambda: datetime.now(UTC), today=lambda: TODAY
    )
    record = apps.register("alice", application_request(**overrides))  # type: ignore[arg-type]
    for doc_type in (DocumentType.KK, DocumentType.AKTA_KELAHIRAN, DocumentType.PHOTO, DocumentType.SELFIE):
        grant = apps.request_upload("alice", record.application_id, str(doc_type), "image/jpeg")
        key = (record.application_id, doc_type, grant.document.upload_id)
        repo.documents[key] = repo.documents[key].model_copy(update={"status": DocumentStatus.ACCEPTED})
    apps.submit("alice", record.application_id)
    chain = ChainService.for_applications(repo, apps)
    chain._today = lambda: TODAY  # type: ignore[method-assign]
    return chain, repo, record.application_id


def record_passing_stages(
    repo: InMemoryRepository,
    app_id: str,
    attempt: int,
    *,
    skip: Iterable[str] = (),
    only: Iterable[str] | None = None,
) -> None:
    """The stages these tests do not run (registry, documents, biometrics) as passes, so the decision has the
    evidence it requires; `skip` leaves some out, as a lost or skipped step would."""
    stages = set(only) if only is not None else set(ALWAYS_REQUIRED) - {Stage.COMPLETENESS} - set(skip)
    for stage in stages:
        if (app_id, attempt, stage) not in repo.stages:
            result = StageResult(
                stage=stage, attempt=attempt, outcome="pass", reasons=[], details={}, at=datetime.now(UTC)
            )
            repo.save_stage(app_id, result)


def run_chain(chain: ChainService, app_id: str, attempt: int = 1) -> str:
    chain.load(app_id, attempt)
    chain.check_completeness(app_id, attempt)
    record_passing_stages(chain._repo, app_id, attempt)  # type: ignore[arg-type]
    return str(chain.decide(app_id, attempt).decision)


def test_a_clean_application_is_approved_and_every_step_is_recorded() -> None:
    chain, repo, app_id = submitted()
    assert run_chain(chain, app_id) == "APPROVE"
    chain.record_decision(app_id, 1)
    record = repo.get(app_id)
    assert record is not None and record.status is ApplicationStatus.APPROVED
    kinds = [e.kind for e in repo.events[app_id]]
    assert kinds[-2:] == ["VERIFICATION_STARTED", "DECIDED"]
    assert {s for (_, _, s) in repo.stages} == {*ALWAYS_REQUIRED, "decision"}


def test_steps_are_idempotent_when_retried() -> None:
    chain, repo, app_id = submitted()
    run_chain(chain, app_id)
    chain.load(app_id, 1)  # a retried load after the first succeeded
    chain.record_decision(app_id, 1)
    version = repo.get(app_id).version  # type: ignore[union-attr]
    chain.record_decision(app_id, 1)
    assert repo.get(app_id).version == version  # type: ignore[union-attr]


def test_a_document_rejected_after_submission_rejects_with_its_reason() -> None:
    chain, repo, app_id = submitted()
    key = next(k for k in repo.documents if k[1] is DocumentType.PHOTO)
    repo.documents[key] = repo.documents[key].model_copy(update={"status": DocumentStatus.REJECTED})
    assert run_chain(chain, app_id) == "REJECT"
    chain.record_decision(app_id, 1)
    record = repo.get(app_id)
    assert record is not None and record.status is ApplicationStatus.REJECTED
    assert [(r.code, r.field) for r in record.reasons] == [("APPLICATION_INCOMPLETE", "documents.PHOTO")]


def test_a_nik_sex_mismatch_goes_to_review_not_rejection() -> None:
    # A woman's NIK (day + 40) declared as male: legitimate after a correction, so an officer decides.
    chain, repo, app_id = submitted()
    record = repo.get(app_id)
    assert record is not None
    repo.applications[app_id] = record.model_copy(
        update={"applicant": record.applicant.model_copy(update={"sex": "M"})}
    )
    assert run_chain(chain, app_id) == "REVIEW"
    chain.request_review(app_id, 1, "token-1")
    record = repo.get(app_id)
    assert record is not None and record.status is ApplicationStatus.IN_REVIEW
    assert "NIK_SEX_MISMATCH" in {r.code for r in record.warnings}
    assert repo.get_review_token(app_id, 1) == "token-1"
    chain.record_review_outcome(app_id, 1, "APPROVE", [], "officer-1")
    assert repo.get(app_id).status is ApplicationStatus.APPROVED  # type: ignore[union-attr]


def test_failure_recorder_leaves_nothing_in_verifying_and_ignores_stale_attempts() -> None:
    chain, repo, app_id = submitted()
    chain.load(app_id, 1)
    assert chain.record_failure(app_id, 1, "States.TaskFailed").status == "PROCESSING_ERROR"
    record = repo.get(app_id)
    assert record is not None and record.status is ApplicationStatus.PROCESSING_ERROR
    assert chain.record_failure(app_id, 7, "x").status == "stale"
    with pytest.raises(StaleAttempt):
        chain.load(app_id, 2)


def test_an_undecided_review_is_escalated_once_and_keeps_its_queue_place() -> None:
    chain, repo, app_id = submitted()
    record = repo.get(app_id)
    assert record is not None
    repo.applications[app_id] = record.model_copy(
        update={"applicant": record.applicant.model_copy(update={"sex": "M"})}
    )
    assert run_chain(chain, app_id) == "REVIEW"
    chain.request_review(app_id, 1, "officer-token")
    chain.escalate_review(app_id, 1)
    chain.escalate_review(app_id, 1)  # retried: no second flag or event
    chain.request_review(app_id, 1, "supervisor-token", escalated=True)
    record = repo.get(app_id)
    assert record is not None and record.status is ApplicationStatus.IN_REVIEW
    assert [w.code for w in record.warnings].count("REVIEW_TIMEOUT") == 1
    assert [e.kind for e in repo.events[app_id]].count("REVIEW_ESCALATED") == 1
    assert repo.get_review_token(app_id, 1) == "supervisor-token"
    assert [r.application_id for r in repo.list_review_queue(record.district_code)] == [app_id]


def test_a_live_application_for_the_same_person_under_another_nik_is_a_possible_duplicate() -> None:
    chain, repo, app_id = submitted()
    record = repo.get(app_id)
    assert record is not None
    # Someone already applied (and is being verified) with the same name, birth date and mother, another NIK.
    twin_nik = record.applicant.nik[:-4] + "0999"
    twin = record.model_copy(
        update={
            "application_id": "TWIN-0000-0000-0",
            "status": ApplicationStatus.VERIFYING,
            "applicant": record.applicant.model_copy(update={"nik": twin_nik}),
        }
    )
    repo.applications[twin.application_id] = twin
    chain.load(app_id, 1)
    chain.check_duplicates(app_id, 1)
    stage = repo.stages[(app_id, 1, "duplicates")]
    assert [r.code for r in stage.reasons] == ["POSSIBLE_DUPLICATE"]
    assert stage.details["comparisons"][0]["other_value"] == twin_nik


def test_load_goes_on_when_the_submit_records_the_execution_id_between_its_read_and_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The submit path saves the execution id after StartExecution; a chain that started fast read the
    record before that save and its SUBMITTED -> VERIFYING write conflicts. Seen once in 500 applications
    in bench/load.py: the chain recorded PROCESSING_ERROR ("application is SUBMITTED, not VERIFYING")."""
    chain, repo, app_id = submitted()
    real_save = repo.save
    raced = {"done": False}

    def save_after_the_submit_path(record, expected_version, event=None, expected_status=None):  # type: ignore[no-untyped-def]
        if not raced["done"]:
            raced["done"] = True
            current = repo.get(app_id)
            assert current is not None
            real_save(current.model_copy(update={"execution_arn": "arn:recorded-late"}), current.version)
        return real_save(record, expected_version, event, expected_status)

    monkeypatch.setattr(repo, "save", save_after_the_submit_path)
    chain.load(app_id, 1)
    record = repo.get(app_id)
    assert record is not None and record.status is ApplicationStatus.VERIFYING
    assert record.execution_arn == "arn:recorded-late"
