"""The SQS-fed checker functions (photo, OCR) share one handler shape: build it here, once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.batch import PartialBatchResponse, process_batch
from ektp.config import CheckerSettings
from ektp.ports import DocumentChecker
from ektp.services.document_checks import CheckRequest
from ektp.wiring import document_check_service


def build_checker_handler(
    checker: DocumentChecker, logger: Logger
) -> Callable[[dict[str, Any], LambdaContext], PartialBatchResponse]:
    service = document_check_service(CheckerSettings.load(), checker)

    def check(request: CheckRequest) -> None:
        document = service.process(request.application_id, request.document_type, request.upload_id)
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
    def handler(event: dict[str, Any], context: LambdaContext) -> PartialBatchResponse:
        # A failing message is retried alone and goes to the DLQ after maxReceiveCount; the others pass.
        return process_batch(event, CheckRequest.model_validate_json, check)

    return handler
