"""Attack (s11): store huge objects through a resumable upload's part URLs.

A presigned POST carries its size range in the signed policy (content-length-range 1..the document's limit), but
the multipart route's UploadPart URLs were signed with no length: each PUT could store up to S3's own cap of 5 GB
per part, up to the part count the limit allows, before completion refused the sum. The parts sit in the bucket
(billed, filling it) until an abort or the lifecycle rule. Now the client declares the file's size when it starts
(at most the type's limit; UPLOAD_TOO_LARGE otherwise, before the day's start allowance is spent), the slot's limit
becomes that size, and every part URL is signed for its exact share of it (Content-Length is a signed header): S3
itself refuses a PUT of any other length. Intake checks the stored object's size (HeadObject) against the slot's
limit before reading a byte, so anything written under the key by other means is refused too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ektp.domain.application import MAX_PHOTO_BYTES, DocumentType
from ektp.domain.status import DocumentStatus
from ektp.errors import ServiceError
from ektp.services.applications import ApplicationService
from ektp.services.intake import IntakeService
from ektp.services.uploads_multipart import PART_BYTES, MultipartUploads, part_length
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingQueue, RecordingWorkflow

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def world() -> tuple[InMemoryRepository, InMemoryStore, ApplicationService, MultipartUploads, str]:
    repo, store = InMemoryRepository(), InMemoryStore()
    apps = ApplicationService(
        repo, store, RecordingWorkflow(), clock=lambda: NOW, today=lambda: date(2026, 12, 4)
    )
    uploads = MultipartUploads(apps, repo, store, url_ttl_seconds=300, clock=lambda: NOW)
    return repo, store, apps, uploads, apps.register("mallory", application_request()).application_id


def test_attack_a_part_url_cannot_store_more_than_its_share_of_the_declared_size(world: tuple) -> None:
    repo, store, _, uploads, app_id = world
    ticket = uploads.start("mallory", app_id, "PHOTO", "image/jpeg", size=len(JPEG))
    assert ticket.document.max_bytes == len(JPEG) and ticket.max_parts == 1
    urls = uploads.part_urls("mallory", app_id, "PHOTO", ticket.document.upload_id, ticket.multipart_id, [1])
    for oversized in (JPEG + b"\x00", JPEG + b"\x00" * PART_BYTES):  # one byte more, and a whole part more
        with pytest.raises(PermissionError, match="SignatureDoesNotMatch"):
            store.put_to_part_url(urls.urls[1], oversized)
    assert store.list_parts(ticket.document.object_key, ticket.multipart_id) == []  # nothing stored
    store.put_to_part_url(urls.urls[1], JPEG)  # the declared file itself goes in
    uploads.complete("mallory", app_id, "PHOTO", ticket.document.upload_id, ticket.multipart_id, 1)
    assert store.objects[ticket.document.object_key][0] == JPEG


def test_attack_the_largest_declared_file_still_gets_each_part_signed_exactly(world: tuple) -> None:
    _, store, _, uploads, app_id = world
    ticket = uploads.start("mallory", app_id, "PHOTO", "image/jpeg", size=MAX_PHOTO_BYTES)
    upload = (ticket.document.upload_id, ticket.multipart_id)
    urls = uploads.part_urls("mallory", app_id, "PHOTO", *upload, [1, 2]).urls
    assert part_length(MAX_PHOTO_BYTES, 1) == PART_BYTES
    assert part_length(MAX_PHOTO_BYTES, 2) == MAX_PHOTO_BYTES - PART_BYTES
    with pytest.raises(PermissionError):  # the last part one byte past the limit
        store.put_to_part_url(urls[2], b"\x00" * (MAX_PHOTO_BYTES - PART_BYTES + 1))
    with pytest.raises(PermissionError):  # the first part as S3's 5 GB cap would have let it be (a sample)
        store.put_to_part_url(urls[1], b"\x00" * (PART_BYTES + 1))


def test_attack_a_declared_size_past_the_limit_is_refused_before_anything_opens(world: tuple) -> None:
    repo, store, _, uploads, app_id = world
    for size in (MAX_PHOTO_BYTES + 1, 5 * 1024**3):
        with pytest.raises(ServiceError) as refused:
            uploads.start("mallory", app_id, "PHOTO", "image/jpeg", size=size)
        assert refused.value.code == "UPLOAD_TOO_LARGE" and refused.value.http_status // 100 == 4
    with pytest.raises(ServiceError) as empty:
        uploads.start("mallory", app_id, "PHOTO", "image/jpeg", size=0)
    assert empty.value.code == "UPLOAD_EMPTY"
    assert repo.list_documents(app_id) == [] and store.multiparts == {}
    # The refusals spent none of the day's starts: an honest start right after still goes.
    assert uploads.start("mallory", app_id, "PHOTO", "image/jpeg", size=len(JPEG)).max_parts == 1


def test_an_object_larger_than_declared_is_refused_by_intake_from_its_head(world: tuple) -> None:
    """Checked again after upload: whatever lands under the key (here written past the URLs), intake compares
    HeadObject's size with the slot's declared limit and never reads it."""
    repo, store, _, uploads, app_id = world
    intake = IntakeService(repo, store, RecordingQueue(), photo_queue="photo", ocr_queue="ocr")
    ticket = uploads.start("mallory", app_id, "PHOTO", "image/jpeg", size=len(JPEG))
    store.put(ticket.document.object_key, JPEG + b"\x00" * 1000, "image/jpeg")
    intake.receive(ticket.document.object_key)
    document = repo.get_document(app_id, DocumentType.PHOTO, ticket.document.upload_id)
    assert document is not None and document.status is DocumentStatus.REJECTED
    assert [r.code for r in document.reasons] == ["UPLOAD_TOO_LARGE"]
    assert not store.reads  # refused on its head: never pulled into memory
