"""The in-memory fakes keep the AWS adapters' contracts on versions and conditions: the same script runs on
the fake and on the real adapter against moto (a versioned bucket; the applications table).

Also issue 17 item 6: every presigned URL (POST and GET) names the bucket's regional host and is signed with
SigV4, for the opt-in ap-southeast-3 and for us-east-1; the local stack's endpoint keeps working.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from moto import mock_aws

from ektp.adapters.aws import reset_clients
from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.adapters.s3 import S3DocumentStore
from ektp.domain.application import DocumentType
from ektp.domain.records import DocumentRecord, TimelineEvent
from ektp.domain.status import EDITABLE, ApplicationStatus, DocumentStatus
from ektp.ports import ConflictError, DocumentStore
from ektp.services.applications import ApplicationService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow

BUCKET = "uploads"
NIK_INDEX_ATTRIBUTES = [
    *("application_id", "applicant", "status", "owner", "application_type", "contact", "district_code"),
    *("created_at", "updated_at", "attempt", "redrives"),
]


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-3")
    monkeypatch.setenv("AWS_REGION", "ap-southeast-3")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_ENDPOINT_URL_S3", raising=False)
    with mock_aws():
        reset_clients()
        s3 = boto3.client("s3", region_name="ap-southeast-3")
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-3"})
        s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
        boto3.client("dynamodb", region_name="ap-southeast-3").create_table(
            TableName="applications",
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[
                {"AttributeName": "PK", "KeyType": "HASH"},
                {"AttributeName": "SK", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": a, "AttributeType": "S"}
                for a in ("PK", "SK", "GSI1PK", "GSI1SK", "GSI5PK", "GSI5SK")
            ],
            GlobalSecondaryIndexes=[  # the resident's applications (infra/storage.py)
                {
                    "IndexName": "ByOwner",
                    "KeySchema": [
                        {"AttributeName": "GSI1PK", "KeyType": "HASH"},
                        {"AttributeName": "GSI1SK", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                },
                {  # every application on one NIK (infra/storage.py ByNik, its projection too)
                    "IndexName": "ByNik",
                    "KeySchema": [
                        {"AttributeName": "GSI5PK", "KeyType": "HASH"},
                        {"AttributeName": "GSI5SK", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": NIK_INDEX_ATTRIBUTES},
                },
            ],
        )
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
        "dynamodb-on-moto": lambda: DynamoApplicationRepository("applications"),
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
