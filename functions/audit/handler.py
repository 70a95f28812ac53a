"""Applications table stream -> the append-only audit store (ektp.services.audit).

A failing batch is retried, then bisected, then parked in the audit DLQ with its stream position: a record of
processing is never silently dropped.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.adapters.dynamodb import timeline_inserts
from ektp.config import AuditSettings
from ektp.wiring import audit_service

logger = Logger(service="ektp-audit")
metrics = Metrics(namespace="ektp", service="audit")
settings = AuditSettings.load()


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    records = audit_service(settings).record(timeline_inserts(event.get("Records", [])))
    metrics.add_metric(name="AuditRecords", unit=MetricUnit.Count, value=len(records))
    logger.info("audit records appended", extra={"records": len(records)})  # counts only
    return {"recorded": len(records)}
