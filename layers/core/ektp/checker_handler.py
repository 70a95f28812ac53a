"""The SQS-fed checker functions (photo, OCR) share one handler shape: build it here, once."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.adapters.s3 import S3DocumentStore
from ektp.config import CheckerSettings
from ektp.services.document_checks import DocumentChecker, DocumentCheckService


def build_checker_handler(
    checker: DocumentChecker, logger: Logger
) -> Callable[[dict[str, Any], LambdaContext], dict[str, Any]]:
    settings = CheckerSettings.load()
    service = DocumentCheckService(
        DynamoApplicationRepository(settings.table_name),
        S3DocumentStore(settings.upload_bucket_name),
        checker,
    )
    processor = BatchProcessor(event_type=EventType.SQS)

    def record_handler(record: SQSRecord) -> None:
        message = json.loads(record.body)
        document = service.process(message["application_id"], message["document_type"], message["upload_id"])
        if document is not None:
            # Codes and statuses only: the document's content never reaches the logs.
            logger.info(
                "document checked",
                extra={
                    "document_type": str(document.document_type),
                    "status": str(document.status),
                    "reasons": [r.code for r in document.reasons],
                },
            )

    @logger.inject_lambda_context(clear_state=True)
    def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        # A failing message is retried alone and goes to the DLQ after maxReceiveCount; the others pass.
        response = process_partial_response(
            event=event, record_handler=record_handler, processor=processor, context=context
        )
        return dict(response)

    return handler
