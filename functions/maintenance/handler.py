"""Scheduled: {"task": "stuck"} every 15 minutes, {"task": "purge"} daily (EventBridge Scheduler rules)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from ektp.adapters.dynamodb import DynamoApplicationRepository
from ektp.adapters.s3 import S3DocumentStore
from ektp.adapters.stepfunctions import StepFunctionsWorkflow
from ektp.config import MaintenanceSettings
from ektp.services.applications import ApplicationService
from ektp.services.maintenance import MaintenanceService

logger = Logger(service="ektp-maintenance")
metrics = Metrics(namespace="ektp", service="maintenance")
settings = MaintenanceSettings.load()
_repository = DynamoApplicationRepository(settings.table_name)
_store = S3DocumentStore(settings.upload_bucket_name)
service = MaintenanceService(
    _repository,
    ApplicationService(_repository, _store, StepFunctionsWorkflow(settings.state_machine_arn)),
    _store,
    stuck_after=timedelta(minutes=settings.stuck_after_minutes),
    draft_retention=timedelta(days=settings.draft_retention_days),
)


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if event.get("task") == "purge":
        report = service.purge_abandoned_drafts()
        metrics.add_metric(name="PurgedDrafts", unit=MetricUnit.Count, value=report.purged)
    else:
        report = service.sweep_stuck()
        # The alarm watches this: applications that stopped moving through the pipeline.
        metrics.add_metric(name="StuckApplications", unit=MetricUnit.Count, value=sum(report.stuck.values()))
        metrics.add_metric(name="RestartedChains", unit=MetricUnit.Count, value=report.restarted)
    result = {"stuck": report.stuck, "restarted": report.restarted, "purged": report.purged}
    logger.info("maintenance done", extra=result)
    return result
