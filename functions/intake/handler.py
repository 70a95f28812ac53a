"""S3 ObjectCreated on the upload bucket -> record the document, reject a wrong type or size, hand it on."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes import S3Event, event_source
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.config import IntakeSettings
from ektp.wiring import intake_service

logger = Logger(service="ektp-intake")
metrics = Metrics(namespace="ektp", service="intake")
settings = IntakeSettings.load()
idempotency_config = IdempotencyConfig(
    event_key_jmespath="[bucket, key, sequencer]", expires_after_seconds=3600
)
persistence = DynamoDBPersistenceLayer(table_name=settings.idempotency_table_name)


@idempotent_function(data_keyword_argument="record", config=idempotency_config, persistence_store=persistence)
def _receive(record: dict[str, str]) -> dict[str, str]:
    # The version S3 says arrived: intake reads and pins exactly it (a later POST to the key is another one).
    result = intake_service(settings).receive(record["key"], record.get("version_id") or None)
    # Only the outcome and the slot's type: keys carry no personal data, but keep logs minimal anyway.
    doc_type = str(result.document.document_type) if result.document else "-"
    logger.info("upload received", extra={"outcome": result.outcome, "document_type": doc_type})
    metrics.add_metric(name=f"Upload_{result.outcome}", unit=MetricUnit.Count, value=1)
    return {"outcome": result.outcome}


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@event_source(data_class=S3Event)
def handler(event: S3Event, context: LambdaContext) -> dict[str, Any]:
    idempotency_config.register_lambda_context(context)
    outcomes = []
    for record in event.records:
        outcomes.append(
            _receive(
                record={
                    "bucket": record.s3.bucket.name,
                    "key": unquote_plus(record.s3.get_object.key),
                    "version_id": str(record.s3.get_object.raw_event.get("versionId") or ""),
                    # The sequencer orders events of one key; a re-upload to the same key is a new event.
                    "sequencer": str(
                        record.s3.get_object.raw_event.get("sequencer")
                        or record.s3.get_object.raw_event.get("eTag", "")
                    ),
                }
            )["outcome"]
        )
    return {"outcomes": outcomes}
