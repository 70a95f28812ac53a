"""Gallery-search queue -> one batched 1:N sweep for every application in the SQS batch.

Idempotent without a table: the sweep's execution name is derived from the batch's task tokens, so a
redelivered batch starts nothing new, and a token answered twice (two overlapping batches) is ignored by
Step Functions' side (TaskGone). A message that is not a search request is reported as a batch item failure
and reaches the dead-letter queue after its retries; the rest of the batch goes on.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.batch import PartialBatchResponse, parse_batch
from ektp.config import GalleryBatchSettings
from ektp.services.gallery_batching import SearchRequest
from ektp.wiring import gallery_search_batcher

logger = Logger(service="ektp-gallery-batch")
settings = GalleryBatchSettings.load()


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> PartialBatchResponse:
    # One sweep for the whole batch, so the messages are parsed here and handled together, not one by one.
    batch = parse_batch(event, SearchRequest.model_validate_json)
    requests = [request for _, request in batch.bodies]
    batch_id = gallery_search_batcher(settings).start_sweep(requests)
    logger.info(
        "sweep started", extra={"batch_id": batch_id, "probes": len(requests), "rejected": len(batch.errors)}
    )
    return batch.response()
