"""The one partial-batch contract of the SQS consumers (ektp.batch), proven equal to Powertools' BatchProcessor,
and each consumer reporting a malformed message alone while its good neighbour is processed."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError, UnexpectedBatchTypeError
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from pydantic import BaseModel, Json

from ektp.batch import parse_batch, process_batch
from ektp.issuance.notifications import DETAIL_TYPE, EVENT_SOURCE
from ektp.services.gallery_batching import GallerySearchBatcher, SearchRequest, batch_id_for
from tests.support.fakes import InMemoryStore, RecordingWorkflow


class Order(BaseModel):
    item: str
    quantity: int


class OrderRecord(SqsRecordModel):  # Powertools' way: the whole record is the model, its body parsed JSON
    body: Json[Order]


@dataclass
class _Context:
    function_name: str = "consumer"
    memory_limit_in_mb: int = 256
    invoked_function_arn: str = "arn:aws:lambda:ap-southeast-3:123456789012:function:consumer"
    aws_request_id: str = "request-1"


def sqs_record(message_id: str, body: str) -> dict[str, Any]:
    """A record as the SQS event source delivers it (every field Powertools' SqsRecordModel requires)."""
    return {
        "messageId": message_id,
        "receiptHandle": f"handle-{message_id}",
        "body": body,
        "attributes": {
            "ApproximateReceiveCount": "1",
            "SentTimestamp": "1764720000000",
            "SenderId": "AIDAEXAMPLE",
            "ApproximateFirstReceiveTimestamp": "1764720000001",
        },
        "messageAttributes": {},
        "md5OfBody": "0" * 32,
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:ap-southeast-3:123456789012:queue",
        "awsRegion": "ap-southeast-3",
    }


def batch(*records: tuple[str, str]) -> dict[str, Any]:
    return {"Records": [sqs_record(message_id, body) for message_id, body in records]}


GOOD = json.dumps({"item": "stamp", "quantity": 2})
BATCHES = {
    "all good": batch(("a", GOOD), ("b", GOOD)),
    "bad JSON between good ones": batch(("a", GOOD), ("b", "{not json"), ("c", GOOD)),
    "wrong shape": batch(("a", json.dumps({"item": "stamp"})), ("b", GOOD)),
    "work fails": batch(("a", GOOD), ("b", json.dumps({"item": "explodes", "quantity": 1}))),
}


def _work(order: Order) -> None:
    if order.item == "explodes":
        raise RuntimeError("the downstream call failed")


def _powertools(event: dict[str, Any]) -> dict[str, Any]:
    processor = BatchProcessor(event_type=EventType.SQS, model=OrderRecord)
    return dict(
        process_partial_response(
            event=event,
            record_handler=lambda record: _work(record.body),
            processor=processor,
            context=_Context(),  # type: ignore[arg-type]
        )
    )


@pytest.mark.parametrize("name", sorted(BATCHES))
def test_the_helper_answers_as_powertools_batch_processor_with_a_model(name: str) -> None:
    event = BATCHES[name]
    assert process_batch(event, Order.model_validate_json, _work) == _powertools(event)


def test_a_batch_where_every_message_fails_fails_as_with_powertools() -> None:
    event = batch(("a", "{"), ("b", json.dumps({"item": "explodes", "quantity": 1})))
    with pytest.raises(BatchProcessingError):
        _powertools(event)
    with pytest.raises(ExceptionGroup) as raised:
        process_batch(event, Order.model_validate_json, _work)
    assert len(raised.value.exceptions) == 2


def test_failures_are_reported_in_the_batch_order() -> None:
    event = batch(("a", json.dumps({"item": "explodes", "quantity": 1})), ("b", "{"), ("c", GOOD))
    assert process_batch(event, Order.model_validate_json, _work) == {
        "batchItemFailures": [{"itemIdentifier": "a"}, {"itemIdentifier": "b"}]
    }


@pytest.mark.parametrize("event", [{"detail-type": "Scheduled Event"}, batch()], ids=["misrouted", "empty"])
def test_an_event_that_is_not_an_sqs_batch_is_an_error_as_with_powertools(event: dict[str, Any]) -> None:
    with pytest.raises(UnexpectedBatchTypeError):
        _powertools(event)
    with pytest.raises(ValueError, match="not an SQS batch"):
        parse_batch(event, Order.model_validate_json)


# --- each consumer ----------------------------------------------------------------------------------------


def _load_handler(monkeypatch: pytest.MonkeyPatch, function: str, env: dict[str, str]) -> ModuleType:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    module = importlib.import_module(f"functions.{function}.handler")
    return importlib.reload(module)  # settings are read at import: read this test's


@pytest.fixture
def gallery(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ModuleType, RecordingWorkflow]]:
    module = _load_handler(
        monkeypatch,
        "gallery_batch",
        {"BIOMETRICS_BUCKET_NAME": "b", "SWEEP_STATE_MACHINE_ARN": "arn:aws:states:::stateMachine:sweep"},
    )
    sweeps = RecordingWorkflow()
    batcher = GallerySearchBatcher(InMemoryStore(), sweeps)
    monkeypatch.setattr(module, "gallery_search_batcher", lambda settings: batcher)
    yield module, sweeps


def test_the_gallery_batch_sweeps_the_good_request_and_reports_the_malformed_one(
    gallery: tuple[ModuleType, RecordingWorkflow],
) -> None:
    module, sweeps = gallery
    good = SearchRequest(application_id="app-1", attempt=1, task_token="token-1")
    event = batch(("malformed", json.dumps({"application_id": "app-2"})), ("good", good.model_dump_json()))
    assert module.handler(event, _Context()) == {"batchItemFailures": [{"itemIdentifier": "malformed"}]}
    assert len(sweeps.started) == 1  # one sweep, for the good request only
    (payload,) = sweeps.started.values()
    assert payload["batch_id"] == batch_id_for([good])


class _RecordingDeliveries:
    def __init__(self) -> None:
        self.delivered: list[Any] = []

    def deliver(self, detail: Any) -> list[Any]:
        self.delivered.append(detail)
        return []


def _status_change(registration_number: str) -> str:
    detail = {
        "registration_number": registration_number,
        "status": "APPROVED",
        "previous_status": "IN_REVIEW",
        "at": "2026-12-03T10:00:00+00:00",
    }
    return json.dumps({"source": EVENT_SOURCE, "detail-type": DETAIL_TYPE, "detail": detail})


@pytest.fixture
def notifier(monkeypatch: pytest.MonkeyPatch) -> tuple[ModuleType, _RecordingDeliveries]:
    module = _load_handler(
        monkeypatch,
        "notifier",
        {"TABLE_NAME": "t", "EMAIL_FROM": "no-reply@example.com", "STATUS_PAGE_URL": "https://x.example/"},
    )
    deliveries = _RecordingDeliveries()
    monkeypatch.setattr(module, "notification_service", lambda settings: deliveries)
    return module, deliveries


def test_the_notifier_delivers_the_good_event_and_reports_the_malformed_one(
    notifier: tuple[ModuleType, _RecordingDeliveries],
) -> None:
    module, deliveries = notifier
    malformed = json.dumps({"source": EVENT_SOURCE, "detail-type": DETAIL_TYPE, "detail": {"status": 7}})
    event = batch(("good", _status_change("AB12-CD34-EF56-7")), ("malformed", malformed))
    assert module.handler(event, _Context()) == {"batchItemFailures": [{"itemIdentifier": "malformed"}]}
    assert [d.registration_number for d in deliveries.delivered] == ["AB12-CD34-EF56-7"]
