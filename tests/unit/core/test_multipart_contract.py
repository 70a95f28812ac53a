"""The fakes keep the adapters' contracts for resumable uploads (issue 20 item 5): the same script on the
in-memory store and on S3DocumentStore against moto (multipart uploads, presigned UploadPart URLs), and the
slot release on the in-memory repository and on DynamoDB."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from ektp.domain.application import DocumentType
from ektp.domain.records import TimelineEvent
from ektp.domain.status import DocumentStatus
from ektp.ports import ConflictError
from ektp.services.applications import ApplicationService
from ektp.services.uploads_multipart import PART_BYTES
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryStore, RecordingWorkflow
from tests.unit.core.test_store_contract import _repositories, aws, stores  # noqa: F401  (the fixture)

KEY = "uploads/A/KK/1"


def put_part(store: Any, key: str, multipart_id: str, number: int, data: bytes) -> None:
    """What the browser does: a PUT to the presigned URL (moto answers it in process), or the fake's write."""
    url = store.presign_part(key, multipart_id, number, len(data), 60)
    if isinstance(store, InMemoryStore):
        store.put_to_part_url(url, data)
        return
    query = parse_qs(urlsplit(url).query)
    assert query["uploadId"] == [multipart_id] and query["partNumber"] == [str(number)]
    # The length is signed: S3 answers SignatureDoesNotMatch to a PUT of any other size (moto does not check).
    assert "content-length" in query["X-Amz-SignedHeaders"][0].split(";")
    assert requests.put(url, data=data, timeout=30).status_code == 200


@pytest.mark.parametrize("make", stores().values(), ids=stores().keys())
def test_a_multipart_upload_is_listed_completed_and_aborted_by_key_and_id(aws: None, make: Any) -> None:  # noqa: F811
    store = make()
    first = b"%PDF" + b"a" * (PART_BYTES - 4)
    multipart_id = store.create_multipart(KEY, "application/pdf")
    assert store.open_multiparts(KEY) == [multipart_id]
    assert store.list_parts(KEY, multipart_id) == []
    assert store.list_parts("uploads/A/KK/2", multipart_id) is None  # the id belongs to its key only
    put_part(store, KEY, multipart_id, 2, b"tail")
    put_part(store, KEY, multipart_id, 1, first)
    parts = store.list_parts(KEY, multipart_id)
    assert [(p.number, p.size) for p in parts] == [(1, PART_BYTES), (2, 4)]
    store.complete_multipart(KEY, multipart_id, parts)
    assert store.read(KEY) == first + b"tail"
    head = store.head(KEY)
    assert head is not None and head.content_type == "application/pdf" and head.version_id
    assert store.open_multiparts(KEY) == [] and store.list_parts(KEY, multipart_id) is None

    aborted = store.create_multipart(KEY, "application/pdf")
    put_part(store, KEY, aborted, 1, b"x")
    store.abort_multipart(KEY, aborted)
    store.abort_multipart(KEY, aborted)  # already gone: nothing
    assert store.list_parts(KEY, aborted) is None and store.open_multiparts(KEY) == []
    assert store.read(KEY) == first + b"tail"  # the completed object is untouched


@pytest.mark.parametrize("make", _repositories().values(), ids=_repositories().keys())
def test_releasing_a_pending_slot_gives_its_budget_place_back_once(aws: None, make: Any) -> None:  # noqa: F811
    repository = make()
    apps = ApplicationService(repository, InMemoryStore(), RecordingWorkflow(), max_uploads_per_application=1)
    record = apps.register("alice", application_request())
    slot = apps.open_slot("alice", record.application_id, "PHOTO", "image/jpeg")
    assert repository.get(record.application_id).upload_count == 1
    closed = slot.model_copy(update={"status": DocumentStatus.CANCELLED})
    event = TimelineEvent(at=datetime.now(UTC), kind="UPLOAD_ABANDONED", actor="system")
    repository.release_document_slot(closed, event)
    assert repository.get(record.application_id).upload_count == 0
    stored = repository.get_document(record.application_id, DocumentType.PHOTO, slot.upload_id)
    assert stored is not None and stored.status is DocumentStatus.CANCELLED
    with pytest.raises(ConflictError):  # not pending any more: no second refund
        repository.release_document_slot(closed, event)
    assert repository.get(record.application_id).upload_count == 0
    kinds = [e.kind for e in repository.view(record.application_id).events]
    assert kinds.count("UPLOAD_ABANDONED") == 1
    apps.open_slot("alice", record.application_id, "PHOTO", "image/jpeg")  # the place is usable again
