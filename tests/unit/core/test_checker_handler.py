"""The SQS checker handler's batch contract: a failing message is reported alone, an all-failed batch fails."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from aws_lambda_powertools import Logger
from pydantic import ValidationError

from ektp import checker_handler
from ektp.domain.records import ApplicationRecord, DocumentRecord, TimelineEvent
from ektp.domain.status import DocumentStatus
from ektp.services.applications import ApplicationService
from ektp.services.document_checks import CheckOutcome, DocumentCheckService
from tests.support.applicants import application_request
from tests.support.fakes import InMemoryRepository, InMemoryStore, RecordingWorkflow


@dataclass
class _Context:
    function_name: str = "checker"
    memory_limit_in_mb: int = 1024
    invoked_function_arn: str = "arn:aws:lambda:ap-southeast-3:123456789012:function:checker"
    aws_request_id: str = "request-1"


def _accept(data: bytes, document: DocumentRecord, application: ApplicationRecord) -> CheckOutcome:
    return CheckOutcome(accepted=True, reasons=[], measurements={"bytes": len(data)})


@pytest.fixture
def world(monkeypatch: pytest.MonkeyPatch) -> tuple[Any, InMemoryRepository, DocumentRecord]:
    repository, store = InMemoryRepository(), InMemoryStore()
    monkeypatch.setenv("TABLE_NAME", "applications")
    monkeypatch.setenv("UPLOAD_BUCKET_NAME", "uploads")
    monkeypatch.setattr(  # the composition root's factory, given the fakes
        checker_handler,
        "document_check_service",
        lambda settings, checker: DocumentCheckService(repository, store, checker),
    )
    applications = ApplicationService(repository, store, RecordingWorkflow())
    record = applications.register("resident-1", application_request())
    slot = applications.request_upload("resident-1", record.application_id, "PHOTO", "image/jpeg").document
    store.put(slot.object_key, b"\xff\xd8 a photo", "image/jpeg")
    received = slot.model_copy(update={"status": DocumentStatus.RECEIVED})
    repository.update_document(
        received, DocumentStatus.PENDING_UPLOAD, TimelineEvent(at=slot.created_at, kind="X", actor="system")
    )
    handler = checker_handler.build_checker_handler(_accept, Logger(service="test-checker"))
    return handler, repository, received


def _record(message_id: str, body: str) -> dict[str, Any]:
    return {"messageId": message_id, "receiptHandle": "handle", "body": body, "eventSource": "aws:sqs"}


def _message(document: DocumentRecord) -> str:
    return json.dumps(
        {
            "application_id": document.application_id,
            "document_type": str(document.document_type),
            "upload_id": document.upload_id,
        }
    )


def test_a_failing_message_is_reported_alone_and_the_others_are_checked(world: Any) -> None:
    handler, repository, document = world
    event = {"Records": [_record("bad", "not json"), _record("good", _message(document))]}
    assert handler(event, _Context()) == {"batchItemFailures": [{"itemIdentifier": "bad"}]}
    checked = repository.get_document(document.application_id, document.document_type, document.upload_id)
    assert checked is not None and checked.status is DocumentStatus.ACCEPTED


def test_a_batch_without_failures_reports_none(world: Any) -> None:
    handler, _, document = world
    event = {"Records": [_record("good", _message(document)), _record("again", _message(document))]}
    assert handler(event, _Context()) == {"batchItemFailures": []}  # the duplicate is a no-op, not a failure


def test_a_batch_where_every_message_fails_fails_the_invocation(world: Any) -> None:
    handler, _, _ = world
    event = {"Records": [_record("a", "not json"), _record("b", "{}")]}
    with pytest.raises(ExceptionGroup) as raised:
        handler(event, _Context())
    assert [type(e) for e in raised.value.exceptions] == [ValidationError, ValidationError]


def test_a_message_naming_no_document_type_is_reported_and_its_neighbour_checked(world: Any) -> None:
    handler, repository, document = world
    unknown = json.loads(_message(document)) | {"document_type": "PASSPORT"}
    event = {"Records": [_record("good", _message(document)), _record("unknown", json.dumps(unknown))]}
    assert handler(event, _Context()) == {"batchItemFailures": [{"itemIdentifier": "unknown"}]}
    checked = repository.get_document(document.application_id, document.document_type, document.upload_id)
    assert checked is not None and checked.status is DocumentStatus.ACCEPTED
