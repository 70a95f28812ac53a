from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ektp.domain.application import ApplicationType, DocumentType
from ektp.domain.status import ApplicationStatus, DocumentStatus
from ektp.errors import ServiceError
from ektp.services.applications import ApplicationService, execution_name, parse_upload_key
from tests.support.applicants import applicant, application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow

TODAY = date(2026, 11, 28)


def make_service(workflow: RecordingWorkflow | None = None) -> tuple[ApplicationService, InMemoryRepository]:
    repo = InMemoryRepository()
    service = ApplicationService(
        repo,
        InMemoryStore(),
        workflow or RecordingWorkflow(),
        clock=lambda: datetime(2026, 11, 28, 10, tzinfo=UTC),
        today=lambda: TODAY,
        max_uploads_per_application=5,
    )
    return service, repo


def accept_all(repo: InMemoryRepository, app_id: str, types: list[DocumentType]) -> None:
    service_docs = [d for d in repo.list_documents(app_id)]
    for doc in service_docs:
        if doc.document_type in types:
            repo.documents[(app_id, doc.document_type, doc.upload_id)] = doc.model_copy(
                update={"status": DocumentStatus.ACCEPTED}
            )


def upload_all(service: ApplicationService, repo: InMemoryRepository, owner: str, app_id: str) -> None:
    types = [DocumentType.KK, DocumentType.AKTA_KELAHIRAN, DocumentType.PHOTO, DocumentType.SELFIE]
    for doc_type in types:
        content = "image/jpeg" if doc_type.is_photo else "application/pdf"
        service.request_upload(owner, app_id, str(doc_type), content)
    accept_all(repo, app_id, types)


def test_register_creates_a_draft_with_a_checked_registration_number() -> None:
    service, repo = make_service()
    record = service.register("alice", application_request())
    assert record.status is ApplicationStatus.DRAFT
    assert repo.get(record.application_id) == record
    assert repo.events[record.application_id][0].kind == "CREATED"


def test_register_rejects_every_invalid_rule_at_once() -> None:
    service, repo = make_service()
    bad = application_request(nik="3171010000000000", phone="12345678", village="31.71.02.1001")
    with pytest.raises(ServiceError) as err:
        service.register("alice", bad)
    codes = {r.code for r in err.value.reasons}
    assert err.value.code == "VALIDATION_FAILED"
    assert {"NIK_DATE_INVALID", "NIK_SERIAL_INVALID", "PHONE_INVALID", "REGION_HIERARCHY"} <= codes
    assert repo.applications == {}


def test_register_requires_the_declaration() -> None:
    service, _ = make_service()
    request = application_request().model_copy(update={"declaration_accepted": False})
    with pytest.raises(ServiceError, match="VALIDATION_FAILED"):
        service.register("alice", request)


def test_under_17_and_unmarried_is_not_eligible_but_married_is() -> None:
    service, _ = make_service()
    with pytest.raises(ServiceError) as err:
        service.register("alice", application_request(birth_date=date(2010, 1, 5)))
    assert "AGE_NOT_ELIGIBLE" in {r.code for r in err.value.reasons}
    record = service.register(
        "alice", application_request(birth_date=date(2010, 1, 5), marital_status="KAWIN")
    )
    assert record.status is ApplicationStatus.DRAFT


def test_someone_elses_application_is_not_found() -> None:
    service, _ = make_service()
    record = service.register("alice", application_request())
    with pytest.raises(ServiceError, match="APPLICATION_NOT_FOUND"):
        service.view("mallory", record.application_id)
    with pytest.raises(ServiceError, match="APPLICATION_NOT_FOUND"):
        service.request_upload("mallory", record.application_id, "KK", "application/pdf")


def test_a_typo_in_the_registration_number_is_caught() -> None:
    service, _ = make_service()
    record = service.register("alice", application_request())
    typo = record.application_id[:-1] + ("0" if record.application_id[-1] != "0" else "1")
    with pytest.raises(ServiceError, match="INVALID_REGISTRATION_NUMBER"):
        service.view("alice", typo)
    # Case and dashes do not matter.
    assert service.view("alice", record.application_id.lower().replace("-", "")).application == record


@pytest.mark.parametrize(
    ("doc_type", "content_type", "code"),
    [
        ("SKPWNI", "application/pdf", "DOCUMENT_TYPE_NOT_ALLOWED"),  # only for a move
        ("PASSPORT", "application/pdf", "UNKNOWN_DOCUMENT_TYPE"),
        ("PHOTO", "application/pdf", "CONTENT_TYPE_NOT_ALLOWED"),  # photos are images only
        ("KK", "application/zip", "CONTENT_TYPE_NOT_ALLOWED"),
    ],
)
def test_upload_requests_are_checked(doc_type: str, content_type: str, code: str) -> None:
    service, repo = make_service()
    record = service.register("alice", application_request())
    with pytest.raises(ServiceError, match=code):
        service.request_upload("alice", record.application_id, doc_type, content_type)
    assert repo.list_documents(record.application_id) == []


def test_upload_slot_is_scoped_to_one_key_and_counted() -> None:
    service, repo = make_service()
    record = service.register("alice", application_request())
    grant = service.request_upload("alice", record.application_id, "KK", "application/pdf")
    assert grant.post.fields["key"] == grant.document.object_key
    assert parse_upload_key(grant.document.object_key) == (
        record.application_id,
        DocumentType.KK,
        grant.document.upload_id,
    )
    for _ in range(4):
        service.request_upload("alice", record.application_id, "KK", "application/pdf")
    with pytest.raises(ServiceError, match="TOO_MANY_UPLOADS"):
        service.request_upload("alice", record.application_id, "KK", "application/pdf")


def test_submit_incomplete_lists_every_missing_document() -> None:
    service, repo = make_service()
    record = service.register("alice", application_request())
    with pytest.raises(ServiceError) as err:
        service.submit("alice", record.application_id)
    assert err.value.code == "APPLICATION_INCOMPLETE"
    assert {r.field for r in err.value.reasons} == {
        "documents.KK",
        "documents.AKTA_KELAHIRAN",
        "documents.PHOTO",
        "documents.SELFIE",
    }
    assert repo.get(record.application_id).status is ApplicationStatus.DRAFT  # type: ignore[union-attr]


def test_submit_starts_one_execution_and_a_second_submit_is_refused() -> None:
    workflow = RecordingWorkflow()
    service, repo = make_service(workflow)
    record = service.register("alice", application_request())
    upload_all(service, repo, "alice", record.application_id)
    submitted = service.submit("alice", record.application_id)
    assert submitted.status is ApplicationStatus.SUBMITTED
    assert submitted.attempt == 1
    assert list(workflow.started) == [execution_name(record.application_id, 1)]
    with pytest.raises(ServiceError, match="ALREADY_SUBMITTED"):
        service.submit("alice", record.application_id)
    assert len(workflow.started) == 1


def test_a_submit_whose_start_failed_is_finished_by_the_next_submit() -> None:
    workflow = RecordingWorkflow(fail=True)
    service, repo = make_service(workflow)
    record = service.register("alice", application_request())
    upload_all(service, repo, "alice", record.application_id)
    with pytest.raises(RuntimeError):
        service.submit("alice", record.application_id)
    stored = repo.get(record.application_id)
    assert (
        stored is not None and stored.status is ApplicationStatus.SUBMITTED and stored.execution_arn is None
    )
    workflow.fail = False
    again = service.submit("alice", record.application_id)
    assert again.execution_arn == f"arn:execution:{execution_name(record.application_id, 1)}"


def test_data_can_be_corrected_only_while_editable() -> None:
    service, repo = make_service()
    record = service.register("alice", application_request())
    updated = service.update_applicant(
        "alice", record.application_id, applicant(occupation="KARYAWAN SWASTA")
    )
    assert updated.applicant.occupation == "KARYAWAN SWASTA"
    assert updated.version == record.version + 1
    upload_all(service, repo, "alice", record.application_id)
    service.submit("alice", record.application_id)
    with pytest.raises(ServiceError, match="INVALID_STATUS_TRANSITION"):
        service.update_applicant("alice", record.application_id, applicant())


def test_a_move_needs_the_skpwni() -> None:
    service, _ = make_service()
    record = service.register("alice", application_request(ApplicationType.MOVE))
    with pytest.raises(ServiceError) as err:
        service.submit("alice", record.application_id)
    assert "documents.SKPWNI" in {r.field for r in err.value.reasons}
