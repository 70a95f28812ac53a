"""Issue 20 item 5: resumable (multipart) uploads, on the fakes. Attacks first: another resident's upload,
the size limit through many parts, an accepted key reused; then the budget: a failed, aborted or expired
attempt gives its place back, an arrival keeps it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ektp.domain.application import MAX_PHOTO_BYTES, DocumentType
from ektp.domain.status import DocumentStatus
from ektp.errors import ServiceError
from ektp.ports import UploadedPart
from ektp.services.applications import ApplicationService
from ektp.services.intake import IntakeService
from ektp.services.uploads_multipart import PART_BYTES, MultipartUploads, max_parts, parts_refusal
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingQueue, RecordingWorkflow

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def world() -> tuple[InMemoryRepository, InMemoryStore, ApplicationService, MultipartUploads, Clock]:
    repo, store, clock = InMemoryRepository(), InMemoryStore(), Clock()
    apps = ApplicationService(
        repo,
        store,
        RecordingWorkflow(),
        max_uploads_per_application=3,
        clock=clock,
        today=lambda: date(2026, 12, 3),
    )
    return repo, store, apps, MultipartUploads(apps, repo, store, url_ttl_seconds=300, clock=clock), clock


def register(apps: ApplicationService, owner: str) -> str:
    return apps.register(owner, application_request()).application_id


def upload_count(repo: InMemoryRepository, application_id: str) -> int:
    record = repo.get(application_id)
    assert record is not None
    return record.upload_count


def test_a_resident_cannot_complete_or_abort_another_residents_upload(world: tuple) -> None:
    repo, store, apps, uploads, _ = world
    alice, mallory = register(apps, "alice"), register(apps, "mallory")
    ticket = uploads.start("alice", alice, "PHOTO", "image/jpeg", size=len(JPEG))
    store.upload_part(ticket.document.object_key, ticket.multipart_id, 1, JPEG)
    args = ("PHOTO", ticket.document.upload_id, ticket.multipart_id)
    # Naming Alice's application: indistinguishable from a missing one.
    for attempt in (
        lambda: uploads.complete("mallory", alice, *args, 1),
        lambda: uploads.abort("mallory", alice, *args),
    ):
        with pytest.raises(ServiceError) as refused:
            attempt()
        assert refused.value.code == "APPLICATION_NOT_FOUND"
    # Alice's S3 upload id against a slot of Mallory's own: S3 knows that id on Alice's key only.
    own = uploads.start("mallory", mallory, "PHOTO", "image/jpeg", size=len(JPEG))
    theirs = ("PHOTO", own.document.upload_id, ticket.multipart_id)
    for attempt in (
        lambda: uploads.complete("mallory", mallory, *theirs, 1),
        lambda: uploads.abort("mallory", mallory, *theirs),
    ):
        with pytest.raises(ServiceError) as refused:
            attempt()
        assert refused.value.code == "UPLOAD_NOT_FOUND"
    with pytest.raises(ServiceError):
        uploads.part_urls("mallory", mallory, "PHOTO", own.document.upload_id, ticket.multipart_id, [1])
    assert (ticket.document.object_key, ticket.multipart_id) in store.multiparts  # Alice's is untouched
    assert not store.objects


def test_many_parts_cannot_exceed_the_size_limit(world: tuple) -> None:
    repo, store, apps, uploads, _ = world
    application = register(apps, "alice")
    ticket = uploads.start("alice", application, "PHOTO", "image/jpeg", size=MAX_PHOTO_BYTES)
    key, mid = ticket.document.object_key, ticket.multipart_id
    limit = max_parts(MAX_PHOTO_BYTES)
    assert ticket.max_parts == limit == 2
    with pytest.raises(ServiceError) as refused:
        uploads.part_urls("alice", application, "PHOTO", ticket.document.upload_id, mid, [limit + 1])
    assert refused.value.code == "UPLOAD_TOO_LARGE"
    # URLs leak or are reused: parts of legal numbers whose sum passes the limit (a presigned PUT has no size cap).
    store.upload_part(key, mid, 1, JPEG + b"\x00" * (PART_BYTES - len(JPEG)))
    store.upload_part(key, mid, 2, b"\x00" * (MAX_PHOTO_BYTES - PART_BYTES + 1))
    with pytest.raises(ServiceError) as refused:
        uploads.complete("alice", application, "PHOTO", ticket.document.upload_id, mid, 2)
    assert refused.value.code == "UPLOAD_TOO_LARGE"
    assert not store.objects and not store.multiparts  # never completed; the parts are gone
    document = repo.get_document(application, DocumentType.PHOTO, ticket.document.upload_id)
    assert document is not None and document.status is DocumentStatus.CANCELLED
    assert upload_count(repo, application) == 0  # a failed attempt uses no slot


def test_parts_must_be_contiguous_and_full_sized_but_the_last() -> None:
    def parts(*sizes: int, numbers: list[int] | None = None) -> list[UploadedPart]:
        return [
            UploadedPart(n, s, f"e{n}")
            for n, s in zip(numbers or range(1, len(sizes) + 1), sizes, strict=True)
        ]

    limit = 3 * PART_BYTES
    assert parts_refusal(parts(PART_BYTES, PART_BYTES, 10), limit, 3) is None
    assert parts_refusal(parts(10), limit, 1) is None
    assert parts_refusal([], limit, 1) == "UPLOAD_PARTS_INVALID"
    assert parts_refusal(parts(PART_BYTES), limit, 2) == "UPLOAD_PARTS_INVALID"  # the last part never came
    assert parts_refusal(parts(PART_BYTES, 10, numbers=[1, 3]), limit, 3) == "UPLOAD_PARTS_INVALID"
    assert parts_refusal(parts(10, PART_BYTES), limit, 2) == "UPLOAD_PARTS_INVALID"
    assert parts_refusal(parts(PART_BYTES, PART_BYTES, PART_BYTES, 1), limit, 4) == "UPLOAD_TOO_LARGE"
    assert parts_refusal(parts(1, 1, 1, 1), limit, 4) == "UPLOAD_TOO_LARGE"
    assert parts_refusal(parts(1), limit, 9) == "UPLOAD_TOO_LARGE"


def test_an_accepted_key_cannot_be_reused(world: tuple) -> None:
    repo, store, apps, uploads, _ = world
    intake = IntakeService(repo, store, RecordingQueue(), photo_queue="photo", ocr_queue="ocr")
    application = register(apps, "alice")
    ticket = uploads.start("alice", application, "PHOTO", "image/jpeg", size=len(JPEG))
    key, mid, upload_id = ticket.document.object_key, ticket.multipart_id, ticket.document.upload_id
    store.upload_part(key, mid, 1, JPEG)
    uploads.complete("alice", application, "PHOTO", upload_id, mid, 1)
    assert intake.receive(key).outcome == "received"
    pinned = repo.get_document(application, DocumentType.PHOTO, upload_id)
    assert pinned is not None and pinned.version_id is not None
    # The same upload again: no URLs, no second completion, no abort that would free the counted place.
    with pytest.raises(ServiceError):
        uploads.part_urls("alice", application, "PHOTO", upload_id, mid, [1])
    assert (
        uploads.complete("alice", application, "PHOTO", upload_id, mid, 1).status
        is not DocumentStatus.CANCELLED
    )
    with pytest.raises(ServiceError):
        uploads.abort("alice", application, "PHOTO", upload_id, mid)
    # A part PUT to an old URL after completion: S3 has no such upload any more.
    with pytest.raises(KeyError):
        store.upload_part(key, mid, 1, b"\xff\xd8\xff\xe0 swapped")
    # And were a new version written under the key, intake refuses it and the pinned one stays.
    store.put(key, b"\xff\xd8\xff\xe0 swapped", "image/jpeg")
    assert intake.receive(key).outcome == "refused"
    after = repo.get_document(application, DocumentType.PHOTO, upload_id)
    assert after is not None and after.version_id == pinned.version_id
    assert upload_count(repo, application) == 1  # the accepted arrival keeps its place


def test_a_dropped_part_is_resumed_on_the_same_slot(world: tuple) -> None:
    repo, store, apps, uploads, _ = world
    application = register(apps, "alice")
    data = b"%PDF-1.7\n" + bytes(range(256)) * (2 * PART_BYTES // 256)
    ticket = uploads.start("alice", application, "KK", "application/pdf", size=len(data))
    key, mid, upload_id = ticket.document.object_key, ticket.multipart_id, ticket.document.upload_id
    chunks = [data[i : i + PART_BYTES] for i in range(0, len(data), PART_BYTES)]
    assert len(chunks) == 3
    store.upload_part(key, mid, 1, chunks[0])  # then the connection drops; the page reloads
    resumed = uploads.part_urls("alice", application, "KK", upload_id, mid, [2, 3])
    assert [p.number for p in resumed.uploaded] == [1] and sorted(resumed.urls) == [2, 3]
    with pytest.raises(ServiceError) as early:
        uploads.complete("alice", application, "KK", upload_id, mid, 3)
    assert early.value.code == "UPLOAD_PARTS_INVALID"  # part 3 missing: say so, keep what arrived
    store.upload_part(key, mid, 2, chunks[1])
    store.upload_part(key, mid, 3, chunks[2])
    uploads.complete("alice", application, "KK", upload_id, mid, 3)
    assert store.objects[key] == (data, "application/pdf")
    assert upload_count(repo, application) == 1


def test_aborted_and_expired_attempts_give_their_places_back(world: tuple) -> None:
    repo, store, apps, uploads, clock = world
    application = register(apps, "alice")
    for _ in range(3):  # a budget of 3: each aborted attempt gives its place back
        ticket = uploads.start("alice", application, "PHOTO", "image/jpeg", size=len(JPEG))
        uploads.abort("alice", application, "PHOTO", ticket.document.upload_id, ticket.multipart_id)
    assert upload_count(repo, application) == 0
    # Three abandoned attempts spend the budget while their uploads are open (resumable)...
    open_ = [uploads.start("alice", application, "PHOTO", "image/jpeg", size=len(JPEG)) for _ in range(3)]
    with pytest.raises(ServiceError) as spent:
        uploads.start("alice", application, "PHOTO", "image/jpeg", size=len(JPEG))
    assert spent.value.code == "TOO_MANY_UPLOADS"
    clock.now += timedelta(days=1)
    for ticket in open_:  # the bucket's lifecycle rule aborts stale multipart uploads
        store.abort_multipart(ticket.document.object_key, ticket.multipart_id)
    fresh = uploads.start("alice", application, "PHOTO", "image/jpeg", size=len(JPEG))
    assert upload_count(repo, application) == 1
    statuses = [d.status for d in repo.list_documents(application) if d.upload_id != fresh.document.upload_id]
    assert statuses and all(s is DocumentStatus.CANCELLED for s in statuses)
    assert "UPLOAD_ABANDONED" in [e.kind for e in repo.events[application]]


def test_an_open_or_arrived_slot_is_not_released(world: tuple) -> None:
    repo, store, apps, uploads, clock = world
    application = register(apps, "alice")
    resumable = uploads.start("alice", application, "PHOTO", "image/jpeg", size=len(JPEG))
    posted = apps.request_upload("alice", application, "SELFIE", "image/jpeg")
    store.put(posted.document.object_key, JPEG, "image/jpeg")  # arrived; intake's event still on its way
    expired = apps.request_upload("alice", application, "KK", "application/pdf")  # its POST never sent
    record = repo.get(application)
    assert record is not None
    assert uploads.release_stale(record) == 0  # the POST URL may still be used
    clock.now += timedelta(hours=2)
    assert uploads.release_stale(record) == 1  # the expired POST's slot only
    gone = repo.get_document(application, DocumentType.KK, expired.document.upload_id)
    assert gone is not None and gone.status is DocumentStatus.CANCELLED
    assert upload_count(repo, application) == 2
    store.abort_multipart(resumable.document.object_key, resumable.multipart_id)
    assert uploads.release_stale(record) == 1
    assert upload_count(repo, application) == 1
