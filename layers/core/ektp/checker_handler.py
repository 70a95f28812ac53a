"""The SQS-fed checker functions (photo, OCR) share one handler shape: build it here, once."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.config import CheckerSettings
from ektp.ports import DocumentChecker
from ektp.wiring import document_check_service


def build_checker_handler(
    checker: DocumentChecker, logger: Logger
) -> Callable[[dict[str, Any], LambdaContext], dict[str, Any]]:
    service = document_check_service(CheckerSettings.load(), checker)

    def record_handler(record: dict[str, Any]) -> None:
        message = json.loads(record["body"])
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
        # A failing message is retried alone and goes to the DLQ after maxReceiveCount; the others pass. This
        # is what Powertools' BatchProcessor does for SQS, without its import (asyncio, every event class and,
        # pydantic being loaded, every parser model): about a sixth of the photo check's cold import.
        records: list[dict[str, Any]] = event["Records"]
        failures: list[dict[str, str]] = []
        errors: list[Exception] = []
        for record in records:
            try:
                record_handler(record)
            except Exception as exc:
                failures.append({"itemIdentifier": record["messageId"]})
                errors.append(exc)
        if errors and len(errors) == len(records):
            # Nothing succeeded: fail the invocation (an error to alarm on); the whole batch is retried.
            raise ExceptionGroup(f"all {len(records)} messages of the batch failed", errors)
        return {"batchItemFailures": failures}

    return handler
