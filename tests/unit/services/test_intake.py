from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ektp.domain.application import DocumentType
from ektp.domain.status import DocumentStatus
from ektp.services.applications import ApplicationService
from ektp.services.intake import IntakeService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingQueue, RecordingWorkflow

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200
PDF = b"%PDF-1.7\n" + b"x" * 200


@pytest.fixture
def world() -> tuple[ApplicationService, IntakeService, InMemoryRepository, InMemoryStore, RecordingQueue]:
    repo, store, queue = InMemoryRepository(), InMemoryStore(), RecordingQueue()
    clock = lambda: datetime(2026, 11, 28, tzinfo=UTC)  # noqa: E731
    apps = ApplicationService(repo, store, RecordingWorkflow(), clock=clock, today=lambda: date(2026, 11, 28))
    intake = IntakeService(repo, store, queue, photo_queue="photo", ocr_queue="ocr", clock=clock)
    return apps, intake, repo, store, queue


def _slot(apps: ApplicationService, doc_type: str, content_type: str) -> tuple[str, str]:
    record = apps.register("alice", application_request())
    grant = apps.request_upload("alice", record.application_id, doc_type, content_type)
    return record.application_id, grant.document.object_key


def test_a_photo_is_recorded_and_queued_for_the_photo_check(world) -> None:  # type: ignore[no-untyped-def]
    apps, intake, repo, store, queue = world
    app_id, key = _slot(apps, "PHOTO", "image/jpeg")
    store.put(key, JPEG, "image/jpeg")
    result = intake.receive(key)
    assert result.outcome == "received"
    assert result.document is not None
    assert result.document.status is DocumentStatus.RECEIVED
    assert result.document.size == len(JPEG)
    assert result.document.sniffed_content_type == "image/jpeg"
    assert len(result.document.sha256 or "") == 64
    assert [q for q, _ in queue.messages] == ["photo"]


def test_a_duplicate_event_changes_nothing(world) -> None:  # type: ignore[no-untyped-def]
    apps, intake, repo, store, queue = world
    app_id, key = _slot(apps, "KK", "application/pdf")
    store.put(key, PDF, "application/pdf")
    first = intake.receive(key)
    events_before = len(repo.events[app_id])
    second = intake.receive(key)
    assert first.outcome == "received" and second.outcome == "duplicate"
    assert len(repo.events[app_id]) == events_before
    # The hand-off is repeated (checkers ignore a slot already checked) so a lost message cannot strand it.
    assert [q for q, _ in queue.messages] == ["ocr", "ocr"]


def test_the_declared_type_is_not_trusted(world) -> None:  # type: ignore[no-untyped-def]
    apps, intake, repo, store, queue = world
    app_id, key = _slot(apps, "PHOTO", "image/jpeg")
    store.put(key, b"PK\x03\x04 a zip file renamed", "image/jpeg")
    result = intake.receive(key)
    assert result.outcome == "rejected"
    assert result.document is not None
    assert [r.code for r in result.document.reasons] == ["UPLOAD_TYPE_MISMATCH"]
    assert result.document.status is DocumentStatus.REJECTED
    assert queue.messages == []


def test_an_object_over_the_limit_is_rejected_without_reading_it(world) -> None:  # type: ignore[no-untyped-def]
    apps, intake, repo, store, queue = world
    app_id, key = _slot(apps, "PHOTO", "image/jpeg")
    store.put(key, JPEG + b"\x00" * (8 * 1024 * 1024), "image/jpeg")
    result = intake.receive(key)
    assert result.document is not None
    assert [r.code for r in result.document.reasons] == ["UPLOAD_TOO_LARGE"]
    assert result.document.sha256 is None


def test_an_object_without_a_slot_is_deleted(world) -> None:  # type: ignore[no-untyped-def]
    apps, intake, repo, store, queue = world
    app_id, key = _slot(apps, "KK", "application/pdf")
    stray = key.rsplit("/", 1)[0] + "/9999999999999deadbeef"
    store.put(stray, PDF, "application/pdf")
    assert intake.receive(stray).outcome == "unexpected"
    assert stray in store.deleted
    assert intake.receive("uploads/not-a-number/KK/1").outcome == "unexpected"


def test_every_document_type_goes_to_a_checker_none_is_accepted_on_its_sniffed_type(world) -> None:  # type: ignore[no-untyped-def]
    apps, intake, repo, store, queue = world
    record = apps.register("alice", application_request("REPLACEMENT_LOST"))
    for doc_type, content_type, data, queue_name in (
        (DocumentType.POLICE_REPORT, "application/pdf", PDF, "ocr"),  # a letter: structure and legible text
        (DocumentType.FINGERPRINT, "image/jpeg", JPEG, "photo"),  # a scanner capture: decoded, checked
    ):
        grant = apps.request_upload("alice", record.application_id, str(doc_type), content_type)
        store.put(grant.document.object_key, data, content_type)
        result = intake.receive(grant.document.object_key)
        assert result.document is not None and result.document.status is DocumentStatus.RECEIVED
        assert queue.messages[-1][0] == queue_name, doc_type
