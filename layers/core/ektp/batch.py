"""One partial-batch contract for every SQS consumer (photo and OCR checkers, notifier, gallery batch).

Each message body is parsed into the consumer's pydantic model; a message that does not parse, or whose work
raises, is reported in ``batchItemFailures`` (SQS retries it alone and parks it in the DLQ after
maxReceiveCount) while its neighbours pass. A batch where every message failed fails the invocation, an error
to alarm on. This is the contract of Powertools' ``BatchProcessor(event_type=EventType.SQS, model=...)`` and
``process_partial_response`` (tests/unit/core/test_batch.py holds the two to the same answers), written out
because importing that utility loads asyncio, every event data class and every parser model: about a sixth
of the photo check's cold import (tests/unit/photo/test_cold_start.py forbids it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypedDict, TypeVar

Body = TypeVar("Body")


class BatchItemFailure(TypedDict):
    itemIdentifier: str


class PartialBatchResponse(TypedDict):
    batchItemFailures: list[BatchItemFailure]


@dataclass
class ParsedBatch(Generic[Body]):
    """Every message id in the batch's order, the bodies that parsed, and the messages that failed."""

    message_ids: list[str] = field(default_factory=list)
    bodies: list[tuple[str, Body]] = field(default_factory=list)
    errors: dict[str, Exception] = field(default_factory=dict)

    def fail(self, message_id: str, error: Exception) -> None:
        self.errors[message_id] = error

    def response(self) -> PartialBatchResponse:
        failed = [message_id for message_id in self.message_ids if message_id in self.errors]
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}


def _records(event: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    records = event.get("Records")
    if not records or not isinstance(records, list):
        raise ValueError("not an SQS batch: no Records")  # a misrouted event is an error, as for Powertools
    return records


def parse_batch(event: Mapping[str, Any], parse: Callable[[str], Body]) -> ParsedBatch[Body]:
    """Parse every message body with ``parse`` (a model's ``model_validate_json``, or a small function)."""
    batch: ParsedBatch[Body] = ParsedBatch()
    for record in _records(event):
        message_id = str(record.get("messageId", ""))
        batch.message_ids.append(message_id)
        try:
            batch.bodies.append((message_id, parse(record["body"])))
        except Exception as exc:  # any malformed body (bad JSON, wrong shape) is this message's failure
            batch.fail(message_id, exc)
    return batch


def process_batch(
    event: Mapping[str, Any], parse: Callable[[str], Body], handle: Callable[[Body], object]
) -> PartialBatchResponse:
    """Parse and handle each message on its own; report the ones that failed; fail if all of them did."""
    batch = parse_batch(event, parse)
    for message_id, body in batch.bodies:
        try:
            handle(body)
        except Exception as exc:  # this message is retried alone; its neighbours are done
            batch.fail(message_id, exc)
    if batch.errors and len(batch.errors) == len(batch.message_ids):
        raise ExceptionGroup(
            f"all {len(batch.errors)} messages of the batch failed", list(batch.errors.values())
        )
    return batch.response()
