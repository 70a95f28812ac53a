"""Scheduled (hourly): sign the revocation list with the digital ID's KMS key and publish it for offline
verifiers (served by GET /revocations). Logs counts and the key id only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.adapters.aws import client
from ektp.adapters.cards_dynamodb import DynamoCardStore
from ektp.adapters.s3 import S3DocumentStore
from ektp.config import RevocationSettings
from ektp.issuance.signing import KmsSigner
from ektp.services.revocations import RevocationPublisher

logger = Logger(service="ektp-revocations")
metrics = Metrics(namespace="ektp", service="revocations")
settings = RevocationSettings.load()
_signer = KmsSigner(client("kms"), settings.signing_key_id)
publisher = RevocationPublisher(
    DynamoCardStore(settings.table_name),
    lambda: _signer,
    S3DocumentStore(settings.revocation_bucket_name),
    list_validity=timedelta(hours=settings.revocation_list_validity_hours),
)


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    published = publisher.publish()
    metrics.add_metric(name="RevokedListed", unit=MetricUnit.Count, value=published.revoked)
    result = {
        "revoked": published.revoked,
        "issued_at": published.issued_at.isoformat(),
        "key_id": published.key_id,
    }
    logger.info("revocation list published", extra=result)
    return result
