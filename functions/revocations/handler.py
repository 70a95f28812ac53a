"""Scheduled (hourly): sign the revocation list with the digital ID's KMS key and publish it for offline
verifiers (served by GET /revocations). Logs counts and the key id only."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.config import RevocationSettings
from ektp.wiring import revocation_publisher

logger = Logger(service="ektp-revocations")
metrics = Metrics(namespace="ektp", service="revocations")
settings = RevocationSettings.load()


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    published = revocation_publisher(settings).publish()
    metrics.add_metric(name="RevokedListed", unit=MetricUnit.Count, value=published.revoked)
    result = {
        "revoked": published.revoked,
        "issued_at": published.issued_at.isoformat(),
        "key_id": published.key_id,
    }
    logger.info("revocation list published", extra=result)
    return result
