"""The in-memory fakes keep the AWS adapters' contracts on versions and conditions: the same script runs on
the fake and on the real adapter against moto (a versioned bucket; the applications table).

Also issue 17 item 6: every presigned URL (POST and GET) names the bucket's regional host and is signed with
SigV4, for the opt-in ap-southeast-3 and for us-east-1; the local stack's endpoint keeps working.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from moto import mock_aws

from ektp.adapters.aws import reset_clients
from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.adapters.s3 import S3DocumentStore
from ektp.domain.application import ApplicationType, Contact, DocumentType
from ektp.domain.records import ApplicationRecord, DocumentRecord, StageResult, TimelineEvent
from ektp.domain.registration_number import new_registration_number
from ektp.domain.status import EDITABLE, ApplicationStatus, DocumentStatus
from ektp.ports import ApplicationRepository, ConflictError, DocumentStore
from ektp.services.applications import ApplicationService
from local_runtime import moto_patches
from tests.support.applicants import applicant, application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow
from tests.support.moto_tables import create_applications_table

BUCKET = "uploads"
TABLE = "applications"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.setenv("AWS_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_ENDPOINT_URL_S3", raising=False)
    moto_patches.install()  # DynamoDB's atomic conditional writes: the contracts race on purpose
    with mock_aws():
        reset_clients()
        s3 = boto3.client("s3", region_name="ap-southeast-3")
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-3"})
        s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
        create_applications_table(TABLE)
        yield
    reset_clients()


def stores() -> dict[str, Any]:
    return {"fake": InMemoryStore, "s3-on-moto": lambda: S3DocumentStore(BUCKET)}


@pytest.mark.parametrize("make", stores().values(), ids=stores().keys())
def test_versions_are_read_headed_and_deleted_one_at_a_time(aws: None, make: Any) -> None:
    store: DocumentStore = make()
    key = "uploads/A/PHOTO/1"
    store.put(key, b"checked", "image/jpeg")
    first = store.head(key)
    store.put(key, b"a second POST", "image/jpeg")
    second = store.head(key)
    assert first is not None and second is not None and first.version_id and second.version_id
    assert first.version_id != second.version_id and second.size == len(b"a second POST")
    assert store.read(key) == b"a second POST"  # "the object" is the latest version ...
    assert store.read(key, first.version_id) == b"checked"  # ... the pinned one is still there, exactly
    head = store.head(key, first.version_id)
    assert head is not None and head.size == len(b"checked") and head.version_id == first.version_id

    store.delete(key, second.version_id)  # that version only, for good
    assert store.head(key, second.version_id) is None
    current = store.head(key)
    assert current is not None and current.version_id == first.version_id and store.read(key) == b"checked"

    store.delete(key)  # no version: a delete marker hides the key, the versions stay
    assert store.head(key) is None
    assert store.read(key, first.version_id) == b"checked"
    assert "versionId=" in store.presign_get(key, 60, first.version_id)


def _repositories() -> dict[str, Any]:
    return {
        "fake": InMemoryRepository,
        "dynamodb-on-moto": lambda: DynamoApplicationRepository(TABLE),
    }


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_a_document_write_conditional_on_the_application_status(aws: None, make: Any) -> None:
    repository = make()
    apps = ApplicationService(repository, InMemoryStore(), RecordingWorkflow())
    record = apps.register("alice", application_request())
    slot = apps.request_upload("alice", record.application_id, "PHOTO", "image/jpeg").document
    event = TimelineEvent(at=datetime.now(UTC), kind="DOCUMENT_RECEIVED", actor="system")
    received = slot.model_copy(
        update={"status": DocumentStatus.RECEIVED, "version_id": "v1", "sha256": "ab" * 32}
    )

    current = repository.get(record.application_id)
    repository.save(current.model_copy(update={"status": ApplicationStatus.SUBMITTED}), current.version)
    with pytest.raises(ConflictError):  # submitted: the set is frozen, the write and its event do not happen
        repository.update_document(
            received, DocumentStatus.PENDING_UPLOAD, event, application_statuses=EDITABLE
        )
    stored = repository.get_document(record.application_id, DocumentType.PHOTO, slot.upload_id)
    assert stored is not None and stored.status is DocumentStatus.PENDING_UPLOAD
    assert "DOCUMENT_RECEIVED" not in [e.kind for e in repository.view(record.application_id).events]

    current = repository.get(record.application_id)
    repository.save(current.model_copy(update={"status": ApplicationStatus.REJECTED}), current.version)
    repository.update_document(received, DocumentStatus.PENDING_UPLOAD, event, application_statuses=EDITABLE)
    stored = repository.get_document(record.application_id, DocumentType.PHOTO, slot.upload_id)
    assert isinstance(stored, DocumentRecord) and stored.version_id == "v1" and stored.sha256 == "ab" * 32


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_every_application_on_a_nik_is_found_whatever_its_status_and_account(aws: None, make: Any) -> None:
    repository = make()
    apps = ApplicationService(repository, InMemoryStore(), RecordingWorkflow())
    nik = application_request().applicant.nik
    draft = apps.register("alice", application_request())
    other = apps.register("mallory", application_request())
    elsewhere = apps.register("bob", application_request(serial=7))

    def on_nik() -> dict[str, tuple[ApplicationStatus, int]]:
        return {r.application_id: (r.status, r.attempt) for r in repository.applications_for_nik(nik)}

    assert on_nik() == {
        draft.application_id: (ApplicationStatus.DRAFT, 0),
        other.application_id: (ApplicationStatus.DRAFT, 0),
    }
    for status in (ApplicationStatus.SUBMITTED, ApplicationStatus.REJECTED, ApplicationStatus.ISSUED):
        current = repository.get(other.application_id)
        repository.save(
            current.model_copy(update={"status": status, "attempt": current.attempt + 1}), current.version
        )
        assert on_nik()[other.application_id] == (status, current.attempt + 1)  # the count of submissions too
    current = repository.get(draft.application_id)  # a corrected NIK moves the application off this one
    moved = current.applicant.model_copy(update={"nik": elsewhere.applicant.nik})
    repository.save(current.model_copy(update={"applicant": moved}), current.version)
    assert set(on_nik()) == {other.application_id}
    assert {r.application_id for r in repository.applications_for_nik(elsewhere.applicant.nik)} == {
        draft.application_id,
        elsewhere.application_id,
    }


# --- issue 21 item 5: the whole repository port, one script on the fake and on DynamoDB ------------------------
T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def _record(
    owner: str = "alice",
    *,
    status: ApplicationStatus = ApplicationStatus.DRAFT,
    at: datetime = T0,
    born: date = date(2001, 3, 14),
    serial: int = 23,
    district: str = "31.71.01",
) -> ApplicationRecord:
    person = applicant(birth_date=born, serial=serial, district=district)
    return ApplicationRecord(
        application_id=new_registration_number(),
        owner=owner,
        application_type=ApplicationType.NEW,
        status=status,
        applicant=person,
        contact=Contact(),
        district_code=person.district_code,
        created_at=at,
        updated_at=at,
    )


def _event(kind: str, at: datetime = T0) -> TimelineEvent:
    return TimelineEvent(at=at, kind=kind, actor="system")


def _stage(attempt: int, outcome: Literal["pass", "warn", "fail"]) -> StageResult:
    return StageResult(stage="personal_data", attempt=attempt, outcome=outcome, at=T0)


def _stored(repository: ApplicationRepository, **fields: Any) -> ApplicationRecord:
    record = _record(**fields)
    repository.create(record, _event("CREATED", record.created_at))
    return record


def _kinds(repository: ApplicationRepository, application_id: str) -> list[str]:
    view = repository.view(application_id)
    return [e.kind for e in view.events] if view else []


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_create_refuses_an_existing_id_and_writes_nothing(aws: None, make: Any) -> None:
    repository: ApplicationRepository = make()
    record = _stored(repository)
    with pytest.raises(ConflictError):
        repository.create(record.model_copy(update={"owner": "mallory"}), _event("CREATED_AGAIN"))
    stored = repository.get(record.application_id)
    assert stored is not None and stored.owner == "alice" and stored.version == 0
    assert _kinds(repository, record.application_id) == ["CREATED"]
    assert repository.get("NOPE-NOPE-NOPE-0") is None and repository.view("NOPE-NOPE-NOPE-0") is None


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_a_save_is_conditional_on_the_version_and_status_read(aws: None, make: Any) -> None:
    repository: ApplicationRepository = make()
    record = _stored(repository)
    submitted = record.model_copy(update={"status": ApplicationStatus.SUBMITTED})
    submitted_at = _event("SUBMITTED", T0 + timedelta(minutes=1))
    saved = repository.save(submitted, 0, submitted_at, expected_status=ApplicationStatus.DRAFT)
    assert saved.version == 1 and repository.get(record.application_id) == saved

    for version, status in ((0, None), (1, ApplicationStatus.DRAFT), (7, ApplicationStatus.SUBMITTED)):
        with pytest.raises(ConflictError):  # a stale version, or the status moved on: nothing is written
            repository.save(saved, version, _event("LOST_UPDATE"), expected_status=status)
    with pytest.raises(ConflictError):  # no record to update
        repository.save(_record(), 0, _event("GHOST"))
    assert repository.get(record.application_id) == saved
    assert _kinds(repository, record.application_id) == ["CREATED", "SUBMITTED"]


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_the_upload_budget_counts_every_slot_and_refuses_past_it(aws: None, make: Any) -> None:
    repository: ApplicationRepository = make()
    record = _stored(repository)

    def slot(upload_id: str, application: ApplicationRecord = record) -> DocumentRecord:
        return DocumentRecord(
            application_id=application.application_id,
            document_type=DocumentType.PHOTO,
            upload_id=upload_id,
            object_key=f"uploads/{application.application_id}/PHOTO/{upload_id}",
            status=DocumentStatus.PENDING_UPLOAD,
            declared_content_type="image/jpeg",
            max_bytes=1024,
            created_at=T0,
            updated_at=T0,
        )

    repository.add_document_slot(record, slot("u1"), max_uploads=2)
    with pytest.raises(ConflictError):  # the same slot again: refused, and not counted
        repository.add_document_slot(record, slot("u1"), max_uploads=2)
    repository.add_document_slot(record, slot("u2"), max_uploads=2)
    with pytest.raises(ConflictError):  # the budget is spent
        repository.add_document_slot(record, slot("u3"), max_uploads=2)
    assert repository.get(record.application_id).upload_count == 2
    assert sorted(d.upload_id for d in repository.list_documents(record.application_id)) == ["u1", "u2"]

    current = repository.get(record.application_id)
    repository.save(current.model_copy(update={"status": ApplicationStatus.SUBMITTED}), current.version)
    with pytest.raises(ConflictError):  # not editable: no slot whatever the budget
        repository.add_document_slot(record, slot("u4"), max_uploads=60)
    ghost = _record()
    with pytest.raises(ConflictError):  # no application
        repository.add_document_slot(ghost, slot("u1", ghost), max_uploads=60)
    assert repository.get_document(ghost.application_id, DocumentType.PHOTO, "u1") is None


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_a_document_write_is_conditional_on_the_document_status(aws: None, make: Any) -> None:
    repository: ApplicationRepository = make()
    apps = ApplicationService(repository, InMemoryStore(), RecordingWorkflow())
    record = apps.register("alice", application_request())
    slot = apps.request_upload("alice", record.application_id, "PHOTO", "image/jpeg").document
    received = slot.model_copy(update={"status": DocumentStatus.RECEIVED})
    now = datetime.now(UTC)  # after the registration's CREATED
    repository.update_document(received, DocumentStatus.PENDING_UPLOAD, _event("DOCUMENT_RECEIVED", now))
    with pytest.raises(ConflictError):  # a duplicated S3 event: the slot is no longer PENDING_UPLOAD
        repository.update_document(
            received, DocumentStatus.PENDING_UPLOAD, _event("DOCUMENT_RECEIVED_AGAIN", now)
        )
    stored = repository.get_document(record.application_id, DocumentType.PHOTO, slot.upload_id)
    assert stored is not None and stored.status is DocumentStatus.RECEIVED
    assert _kinds(repository, record.application_id)[-1] == "DOCUMENT_RECEIVED"


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_live_born_on_finds_the_submitted_or_later_applications_of_that_day(aws: None, make: Any) -> None:
    repository: ApplicationRepository = make()
    born = date(1990, 7, 1)
    by_status = {
        status: _stored(repository, owner=f"owner-{i}", status=status, born=born, serial=30 + i)
        for i, status in enumerate(ApplicationStatus)
    }
    _stored(repository, owner="other-day", status=ApplicationStatus.SUBMITTED, born=date(1990, 7, 2))
    live = {ApplicationStatus.SUBMITTED, ApplicationStatus.VERIFYING, ApplicationStatus.IN_REVIEW}
    live |= {ApplicationStatus.APPROVED, ApplicationStatus.ISSUED}

    def found() -> dict[str, str]:
        return {r.application_id: r.applicant.nik for r in repository.live_born_on(born.isoformat())}

    assert found() == {r.application_id: r.applicant.nik for s, r in by_status.items() if s in live}
    draft = by_status[ApplicationStatus.DRAFT]  # submitted: it claims the identity from now on
    repository.save(draft.model_copy(update={"status": ApplicationStatus.SUBMITTED}), draft.version)
    assert draft.application_id in found()
    verifying = by_status[ApplicationStatus.VERIFYING]  # rejected: it claims nothing any more
    repository.save(verifying.model_copy(update={"status": ApplicationStatus.REJECTED}), verifying.version)
    assert verifying.application_id not in found()
    assert repository.live_born_on("1990-07-03") == []


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_the_review_queue_is_one_districts_in_review_cases_oldest_first(aws: None, make: Any) -> None:
    repository: ApplicationRepository = make()
    in_review = ApplicationStatus.IN_REVIEW
    cases = [  # stored out of order: the queue orders by the time the case entered review
        _stored(repository, owner=f"r{minutes}", status=in_review, at=T0 + timedelta(minutes=minutes))
        for minutes in (30, 10, 20, 40)
    ]
    _stored(repository, owner="elsewhere", status=in_review, district="32.73.01", at=T0)
    _stored(repository, owner="not-yet", status=ApplicationStatus.VERIFYING, at=T0)
    oldest_first = [c.application_id for c in sorted(cases, key=lambda c: c.updated_at)]

    def queue(limit: int = 50) -> list[str]:
        return [r.application_id for r in repository.list_review_queue("31.71.01", limit)]

    assert queue() == oldest_first
    assert queue(limit=2) == oldest_first[:2]
    decided = repository.get(oldest_first[0])
    repository.save(decided.model_copy(update={"status": ApplicationStatus.APPROVED}), decided.version)
    assert queue() == oldest_first[1:]
    assert [r.application_id for r in repository.list_review_queue("32.73.01")] != []
    assert repository.list_review_queue("35.78.01") == []


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_an_owners_applications_newest_first(aws: None, make: Any) -> None:
    repository: ApplicationRepository = make()
    mine = [_stored(repository, owner="alice", at=T0 + timedelta(days=d), serial=40 + d) for d in (2, 0, 1)]
    _stored(repository, owner="bob")
    newest_first = [r.application_id for r in sorted(mine, key=lambda r: r.created_at, reverse=True)]
    assert [r.application_id for r in repository.list_by_owner("alice")] == newest_first
    assert [r.application_id for r in repository.list_by_owner("alice", limit=2)] == newest_first[:2]
    assert repository.list_by_owner("carol") == []


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_the_view_holds_documents_timeline_in_time_order_and_one_result_per_stage(
    aws: None, make: Any
) -> None:
    repository: ApplicationRepository = make()
    record = _stored(repository)
    repository.add_event(record.application_id, _event("LATER", T0 + timedelta(minutes=5)))
    repository.add_event(record.application_id, _event("EARLIER", T0 + timedelta(minutes=1)))
    for outcome in ("fail", "pass"):  # a retried step writes its stage again: the last write stands
        repository.save_stage(record.application_id, _stage(1, outcome))
    repository.save_stage(record.application_id, _stage(2, "pass"))
    view = repository.view(record.application_id)
    assert view is not None and view.application == repository.get(record.application_id)
    assert [e.kind for e in view.events] == ["CREATED", "EARLIER", "LATER"]
    assert sorted((s.attempt, s.stage, s.outcome) for s in view.stages) == [
        (1, "personal_data", "pass"),
        (2, "personal_data", "pass"),
    ]


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_a_review_token_is_kept_per_attempt_and_replaced(aws: None, make: Any) -> None:
    repository: ApplicationRepository = make()
    record = _stored(repository)
    assert repository.get_review_token(record.application_id, 1) is None
    repository.put_review_token(record.application_id, 1, "token-1")
    repository.put_review_token(record.application_id, 2, "token-2")
    repository.put_review_token(record.application_id, 1, "escalated-1")
    assert repository.get_review_token(record.application_id, 1) == "escalated-1"
    assert repository.get_review_token(record.application_id, 2) == "token-2"


# --- issue 17 item 6: regional endpoints -------------------------------------------------------------------------
@pytest.mark.parametrize("region", ["ap-southeast-3", "us-east-1"])
def test_presigned_urls_name_the_regional_host_and_sign_with_sigv4(
    monkeypatch: pytest.MonkeyPatch, region: str
) -> None:
    monkeypatch.setenv("AWS_REGION", region)
    monkeypatch.setenv("AWS_DEFAULT_REGION", region)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_ENDPOINT_URL_S3", raising=False)
    reset_clients()
    try:
        store = S3DocumentStore("ektp-uploads")
        post = store.presign_post("uploads/A/PHOTO/1", "image/jpeg", 1024, 300)
        get = store.presign_get("uploads/A/PHOTO/1", 300, "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")
    finally:
        reset_clients()
    host = f"ektp-uploads.s3.{region}.amazonaws.com"
    assert urlsplit(post.url).netloc == host and urlsplit(get).netloc == host
    assert post.fields["x-amz-algorithm"] == "AWS4-HMAC-SHA256"
    assert post.fields["x-amz-credential"].split("/")[2] == region
    query = parse_qs(urlsplit(get).query)
    assert (
        query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
        and query["X-Amz-Credential"][0].split("/")[2] == region
    )
    assert query["versionId"] == ["3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"]


def test_a_configured_endpoint_such_as_the_local_moto_server_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "ap-southeast-3")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "local")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5999")
    reset_clients()
    try:
        store = S3DocumentStore("ektp-uploads")
        post = store.presign_post("uploads/A/PHOTO/1", "image/jpeg", 1024, 300)
        get = store.presign_get("uploads/A/PHOTO/1", 300)
    finally:
        reset_clients()
    assert post.url == "http://127.0.0.1:5999/ektp-uploads" and get.startswith(
        "http://127.0.0.1:5999/ektp-uploads/"
    )
    assert post.fields["x-amz-algorithm"] == "AWS4-HMAC-SHA256"


# What the OCR checker stored before the record's reading was typed (ektp.domain.extracted): a plain map, with
# numbers as DynamoDB decimals, a null, and a key the model does not know.
_OLD_EXTRACTED = {
    "document_type": "kk",
    "fields": {"number": {"value": "3171012345678901", "confidence": Decimal("0.93")}},
    "members": [{"nik": {"value": "3171010101900001", "confidence": Decimal("1")}}],
    "text": ["KARTU KELUARGA", "No. 3171012345678901"],
    "pages": Decimal("1"),
    "engine": "tesseract",
}


def test_a_document_stored_before_the_typed_reading_loads_and_is_written_back_alike(aws: None) -> None:
    repository = DynamoApplicationRepository(TABLE)
    apps = ApplicationService(repository, InMemoryStore(), RecordingWorkflow())
    record = apps.register("alice", application_request())
    slot = apps.request_upload("alice", record.application_id, "KK", "application/pdf").document
    key = {"PK": f"APP#{record.application_id}", "SK": f"DOC#KK#{slot.upload_id}"}
    table = boto3.resource("dynamodb", region_name="ap-southeast-3").Table(TABLE)
    old = {**_OLD_EXTRACTED, "declared_type_matches": None}
    table.update_item(
        Key=key,
        UpdateExpression="SET extracted = :e, #s = :r",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":e": old, ":r": "RECEIVED"},
    )

    loaded = repository.get_document(record.application_id, DocumentType.KK, slot.upload_id)
    assert loaded is not None
    assert loaded.extracted.fields["number"].value == "3171012345678901"
    assert loaded.extracted.fields["number"].confidence == pytest.approx(0.93)
    assert loaded.extracted.members[0]["nik"].value == "3171010101900001"
    assert loaded.extracted.text[1] == "No. 3171012345678901" and loaded.extracted.pages == 1
    assert [d.extracted for d in repository.list_documents(record.application_id)] == [loaded.extracted]

    accepted = loaded.model_copy(update={"status": DocumentStatus.ACCEPTED})
    repository.update_document(accepted, DocumentStatus.RECEIVED)
    assert table.get_item(Key=key)["Item"]["extracted"] == {**_OLD_EXTRACTED, "document_type": "kk"}


def test_a_document_without_a_reading_stores_an_empty_map_as_before(aws: None) -> None:
    repository = DynamoApplicationRepository(TABLE)
    apps = ApplicationService(repository, InMemoryStore(), RecordingWorkflow())
    record = apps.register("alice", application_request())
    slot = apps.request_upload("alice", record.application_id, "PHOTO", "image/jpeg").document
    table = boto3.resource("dynamodb", region_name="ap-southeast-3").Table(TABLE)
    item = table.get_item(Key={"PK": f"APP#{record.application_id}", "SK": f"DOC#PHOTO#{slot.upload_id}"})
    assert item["Item"]["extracted"] == {}
    stored = repository.get_document(record.application_id, DocumentType.PHOTO, slot.upload_id)
    assert stored is not None and stored.extracted.empty
